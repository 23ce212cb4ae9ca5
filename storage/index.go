package storage

import (
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"align/model"
)

// entry is one index key a lead holds, with the counter it adds to.
type entry struct {
	key     []byte
	value   []byte // the lead ID for the unique indexes, else empty
	counter string // "" for none
	unique  string // "email" or "external ID" for the unique indexes
}

// entries lists every index key the lead holds in its current state. Writing a change
// is then a difference of two lists, so no index can drift from the lead.
func entries(l *model.Lead) []entry {
	out := make([]entry, 0, 6)
	id := be8(uint64(l.ID))
	if l.Email != "" {
		out = append(out, entry{key: emailKey(l.Email), value: id, unique: "email"})
	}
	if l.ExternalID != "" {
		out = append(out, entry{key: externalKey(l.ExternalID), value: id, unique: "external ID"})
	}
	for _, q := range indexedQueues {
		if q.Holds(l, "") {
			qb := queueByte(q)
			out = append(out, entry{
				key:     queueEntryKey(cat(prefixQueue, []byte{qb}), model.CursorOf(q, l)),
				counter: "q" + string(qb),
			})
		}
	}
	if l.Owner != "" && model.QueueMine.Holds(l, l.Owner) {
		out = append(out, entry{
			key:     queueEntryKey(queuePrefix(model.QueueMine, l.Owner), model.CursorOf(model.QueueMine, l)),
			counter: "o" + l.Owner,
		})
	}
	if l.Persona != "" {
		out = append(out, entry{key: linkKey(prefixPersona, l.Persona, l.ID), counter: "p" + l.Persona})
	}
	if l.Campaign != "" {
		out = append(out, entry{key: linkKey(prefixCampaign, l.Campaign, l.ID), counter: "c" + l.Campaign})
	}
	if l.Persona != "" && l.Stage == model.StageWon {
		out = append(out, entry{key: linkKey(prefixWon, l.Persona, l.ID), counter: "w" + l.Persona})
	}
	if l.Journey != "" && l.Stage.OnJourney() {
		out = append(out, entry{key: journeyEntryKey(l), counter: "j" + l.Journey})
	}
	return out
}

// DuplicateError is a refusal because another lead already has the email or external ID.
type DuplicateError struct {
	Field string // "email" or "external ID"
	Value string
	Lead  model.LeadID // the lead that has it
}

func (e *DuplicateError) Error() string {
	return fmt.Sprintf("Lead %s already has the %s %s; update that lead instead of adding another.", e.Lead, e.Field, e.Value)
}

// putLead writes the lead and moves its index entries and counters from what old held
// (nil for a new lead) to what n holds. A unique entry that another lead holds is a
// DuplicateError: it is checked with Get, so a concurrent writer of the same key
// conflicts instead of both succeeding.
func (t *tx) putLead(old, n *model.Lead) error {
	b, err := encodeLead(n)
	if err != nil {
		return fmt.Errorf("encode lead %s: %w", n.ID, err)
	}
	return t.putLeadBytes(old, n, b, true)
}

// putLeadBytes is putLead with the lead already encoded; check false skips the
// uniqueness Gets for a caller (Import) that made them itself in this transaction.
func (t *tx) putLeadBytes(old, n *model.Lead, b []byte, check bool) error {
	var before []entry
	if old != nil {
		before = entries(old)
	} else {
		t.count(counterAll, 1)
	}
	after := entries(n)
	for _, e := range before {
		if !hasKey(after, e.key) {
			if err := t.del(e.key); err != nil {
				return err
			}
			t.count(e.counter, -1)
		}
	}
	for _, e := range after {
		if hasKey(before, e.key) {
			continue
		}
		if check && e.unique != "" {
			holder, err := t.indexHolder(e.key)
			if err != nil {
				return err
			}
			if holder != 0 && holder != n.ID {
				return &DuplicateError{Field: e.unique, Value: string(e.key[len(prefixEmail):]), Lead: holder}
			}
		}
		if err := t.set(e.key, e.value); err != nil {
			return err
		}
		t.count(e.counter, 1)
	}
	return t.set(leadKey(n.ID), b)
}

// indexHolder is the lead a unique index key points at, 0 for none.
func (t *tx) indexHolder(key []byte) (model.LeadID, error) {
	n, err := t.uint(key)
	return model.LeadID(n), err
}

func hasKey(es []entry, key []byte) bool {
	for _, e := range es {
		if string(e.key) == string(key) {
			return true
		}
	}
	return false
}

// leadByIndex reads the lead a unique index key points at.
func leadByIndex(txn *badger.Txn, key []byte) (model.Lead, bool, error) {
	id, err := getUint(txn, key)
	if err != nil || id == 0 {
		return model.Lead{}, false, err
	}
	l, err := getLead(txn, model.LeadID(id))
	if errors.Is(err, ErrNotFound) {
		return l, false, nil
	}
	return l, err == nil, err
}
