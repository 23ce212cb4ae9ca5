package storage

import (
	"context"
	"errors"

	"github.com/dgraph-io/badger/v4"

	"align/model"
)

// Do applies one triage command to a lead as actor, in one transaction: it reads the
// lead, lets model.Apply check the role, the stage, the inputs and the expected
// version, and writes the lead, its index entries, counters and audit event together.
// A stale edit is refused with a *model.StaleError naming who changed the lead; two
// members accepting the same lead at once get one success and one "already accepted".
func (s *Store) Do(ctx context.Context, actor model.Member, c model.Command) (model.Lead, model.Event, error) {
	var (
		out model.Lead
		ev  model.Event
	)
	err := s.update(ctx, func(t *tx) error {
		l, err := getLead(t.txn, c.Lead)
		if err != nil {
			return err
		}
		n, e, err := model.Apply(l, c, actor, t.env())
		if err != nil {
			var stale *model.StaleError
			if errors.As(err, &stale) {
				stale.By, _ = t.lastActor(l.ID)
			}
			return err
		}
		if err := t.writeChange(&l, &n, &e, true); err != nil {
			return err
		}
		out, ev = n, e
		return nil
	})
	return out, ev, err
}

// Undo reverts the actor's own latest lead change that is not undone yet, as a new
// audited change (model.Undo), so history only ever grows. It refuses when someone
// changed the lead since.
func (s *Store) Undo(ctx context.Context, actor model.Member) (model.Lead, model.Event, error) {
	var (
		out model.Lead
		ev  model.Event
	)
	err := s.update(ctx, func(t *tx) error {
		seq, err := t.lastOwnChange(actor.Name)
		if err != nil {
			return err
		}
		if seq == 0 {
			return &model.StageError{Msg: "You have no change of your own left to undo."}
		}
		undone, err := getEvent(t.txn, seq)
		if err != nil {
			return err
		}
		l, err := getLead(t.txn, undone.Lead)
		if err != nil {
			return err
		}
		notes, err := notesSince(t.txn, l.ID, seq)
		if err != nil {
			return err
		}
		n, e, err := model.UndoPastNotes(l, undone, notes, actor, t.env())
		if err != nil {
			return err
		}
		if err := t.writeChange(&l, &n, &e, false); err != nil {
			return err
		}
		// The undone change is no longer the actor's to undo; the next Undo goes
		// one change further back.
		if err := t.del(undoKey(actor.Name, seq)); err != nil {
			return err
		}
		out, ev = n, e
		return nil
	})
	return out, ev, err
}

// notesSince counts the lead's changes after event seq when every one of them is a
// note or a rescore (model.UndoPastNotes), else 0.
func notesSince(txn *badger.Txn, id model.LeadID, seq uint64) (int, error) {
	seqs, err := historySeqs(txn, id)
	if err != nil {
		return 0, err
	}
	notes := 0
	for _, s := range seqs {
		if s <= seq {
			continue
		}
		ev, err := getEvent(txn, s)
		if err != nil {
			return 0, err
		}
		if ev.Action != model.ActNote && ev.Kind != model.EventLeadRescored {
			return 0, nil
		}
		notes++
	}
	return notes, nil
}

// writeChange writes a changed lead with its event and queues the feed item; undoable
// changes are also remembered under the actor for Undo.
func (t *tx) writeChange(old, n *model.Lead, ev *model.Event, undoable bool) error {
	if err := t.putLead(old, n); err != nil {
		return err
	}
	if err := t.addEvent(ev); err != nil {
		return err
	}
	if undoable {
		if err := t.set(undoKey(ev.Actor, ev.Seq), nil); err != nil {
			return err
		}
	}
	t.feed = append(t.feed, model.FeedItem{Event: *ev, Leads: []model.Lead{*n}})
	return nil
}

// batchFeedItem is what the commit of a batch event (an import part, a rescore) tells
// the change feed: the event with the n leads it touched, lead(0) to lead(n-1). With
// no subscriber (`align import` has none) it is a reload instead, which a subscriber
// who joins before the commit handles as any other, so a big batch does not copy each
// of its leads for nobody.
func (t *tx) batchFeedItem(ev model.Event, n int, lead func(i int) *model.Lead) model.FeedItem {
	h := t.s.feed
	h.mu.RLock()
	listened := len(h.subs) > 0
	h.mu.RUnlock()
	if !listened {
		return model.FeedItem{Reload: true}
	}
	item := model.FeedItem{Event: ev, Leads: make([]model.Lead, 0, n)}
	for i := range n {
		item.Leads = append(item.Leads, *lead(i))
	}
	return item
}

// env is what the lifecycle needs from the store, read inside the transaction so that
// what a change depends on takes part in conflict detection.
func (t *tx) env() model.Env {
	return model.Env{
		Now: t.now,
		SLA: t.s.cachedSettings().SLA,
		Member: func(name string) (model.Member, bool) {
			var m model.Member
			found, err := getJSON(t.txn, memberKey(name), &m)
			return m, found && err == nil
		},
		Journey: t.journeyExists,
		Persona: func(id string) bool { return t.exists(personaKey(id)) },
	}
}

// journeyExists reports whether a journey stage ID exists: a stored stage, or one of
// the default stages while none are stored (Journey shows the defaults then).
func (t *tx) journeyExists(id string) bool {
	if t.exists(journeyKey(id)) {
		return true
	}
	it := t.txn.NewIterator(badger.IteratorOptions{Prefix: prefixJourneyC})
	defer it.Close()
	if it.Seek(prefixJourneyC); it.ValidForPrefix(prefixJourneyC) {
		return false
	}
	for _, st := range model.DefaultJourney() {
		if st.ID == id {
			return true
		}
	}
	return false
}

func (t *tx) exists(key []byte) bool {
	_, err := t.txn.Get(key)
	return err == nil
}

// lastActor names who made the lead's latest change.
func (t *tx) lastActor(id model.LeadID) (string, error) {
	prefix := historyPrefix(id)
	it := t.txn.NewIterator(badger.IteratorOptions{Prefix: prefix, Reverse: true})
	defer it.Close()
	it.Seek(seekLast(prefix))
	var seq uint64
	if it.ValidForPrefix(prefix) {
		seq = readBE8(it.Item().Key())
	} else if s, err := createdBy(t.txn, id); err != nil || s == 0 {
		return "", err
	} else {
		seq = s // no change since the import that created it
	}
	ev, err := getEvent(t.txn, seq)
	return ev.Actor, err
}

// lastOwnChange is the sequence number of the actor's latest undoable change, 0 for none.
func (t *tx) lastOwnChange(actor string) (uint64, error) {
	prefix := undoPrefix(actor)
	it := t.txn.NewIterator(badger.IteratorOptions{Prefix: prefix, Reverse: true})
	defer it.Close()
	it.Seek(seekLast(prefix))
	if !it.ValidForPrefix(prefix) {
		return 0, nil
	}
	return readBE8(it.Item().Key()), nil
}
