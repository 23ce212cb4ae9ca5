package storage

import (
	"bytes"
	"fmt"
	"time"

	"github.com/dgraph-io/badger/v4"

	"align/model"
)

// The journey index orders each column by the time its leads entered the stage:
//
//	j/<journey stage>0x00<since 8><id 8>   empty   since is JourneySince in Unix
//	                                               milliseconds, sign bit flipped
//	                                               (sortBytes), so the oldest comes first
//
// so the board pages a column oldest first with a seek, and a column's median time in
// stage is the entry at position count/2. The lead ID is still the last 8 bytes, as
// in the other link indexes, so ScanLinked reads it the same way.

// journeyPrefix is where a journey stage's column starts.
func journeyPrefix(stage string) []byte { return cat(prefixJourney, []byte(stage), []byte{0}) }

// journeyEntryKey is the lead's entry in its journey column.
func journeyEntryKey(l *model.Lead) []byte {
	return queueEntryKey(journeyPrefix(l.Journey), journeyCursor(l))
}

// journeyCursor is a lead's position in its journey column.
func journeyCursor(l *model.Lead) Cursor {
	return Cursor{Key: l.JourneySince.UnixMilli(), ID: l.ID}
}

// JourneyCount is the number of leads in a journey stage, read from its counter.
func (s *Store) JourneyCount(stage string) (int, error) { return s.counter("j" + stage) }

// JourneyPage walks a journey column from the cursor (exclusive; nil starts at the
// oldest, or the newest in reverse) and returns up to n leads that keep accepts (nil
// keeps all), in walking order. It reads at most scan index entries, so a board
// filter that matches few leads of a huge column still answers in bounded time; last
// is the cursor of the last entry read, where the next page starts, and end reports
// that the column has no entry beyond it.
func (s *Store) JourneyPage(stage string, at *Cursor, n, scan int, reverse bool, keep func(*model.Lead) bool) (leads []model.Lead, last Cursor, end bool, err error) {
	if n <= 0 || scan <= 0 {
		return nil, Cursor{}, false, nil
	}
	prefix := journeyPrefix(stage)
	err = s.view(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, Reverse: reverse})
		defer it.Close()
		start := prefix
		if reverse {
			start = seekLast(prefix)
		}
		var skip []byte
		if at != nil {
			start = queueEntryKey(prefix, *at)
			skip = start
		}
		read := 0
		for it.Seek(start); ; it.Next() {
			if !it.ValidForPrefix(prefix) {
				end = true
				return nil
			}
			key := it.Item().Key()
			if skip != nil && bytes.Equal(key, skip) {
				continue
			}
			if len(leads) >= n || read >= scan {
				return nil
			}
			read++
			last = cursorFromEntry(prefix, key)
			l, err := getLead(txn, last.ID)
			if err != nil {
				return err
			}
			if keep == nil || keep(&l) {
				leads = append(leads, l)
			}
		}
	})
	return leads, last, end, err
}

// JourneyMedian is when the median lead of a journey stage entered it: the entry at
// position count/2 of the column, zero for an empty stage. It walks half the
// column's keys without reading a lead, so screens run it in a command and cache it.
func (s *Store) JourneyMedian(stage string) (time.Time, error) {
	prefix := journeyPrefix(stage)
	var at time.Time
	err := s.view(func(txn *badger.Txn) error {
		n, err := getUint(txn, counterKey("j"+stage))
		if err != nil || n == 0 {
			return err
		}
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
		defer it.Close()
		i := uint64(0)
		for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
			if i == n/2 {
				at = time.UnixMilli(cursorFromEntry(prefix, it.Item().Key()).Key).UTC()
				return nil
			}
			i++
		}
		return nil
	})
	return at, err
}

// journeyBase is the stage an edit of the stage id starts from: the stored one, or,
// while no stage is stored (Journey shows the defaults then), the default stage with
// that ID. In that case the other default stages are stored first (Version 1, like
// Seed, without an event of their own), so that editing one stage's guide or adding
// a stage does not make the other default columns vanish from the board.
func (t *tx) journeyBase(id string, cur model.JourneyStage, found bool) (model.JourneyStage, bool, error) {
	if found || t.journeyStored() {
		return cur, found, nil
	}
	base, known := cur, false
	for _, d := range model.DefaultJourney() {
		if d.ID == id {
			base, known = d, true
			continue
		}
		d.Version, d.Updated = 1, t.now
		if err := putJSON(t.txn, journeyKey(d.ID), d); err != nil {
			return cur, found, err
		}
	}
	return base, known, nil
}

// journeyStored reports whether any journey stage is stored.
func (t *tx) journeyStored() bool {
	it := t.txn.NewIterator(badger.IteratorOptions{Prefix: prefixJourneyC})
	defer it.Close()
	it.Seek(prefixJourneyC)
	return it.ValidForPrefix(prefixJourneyC)
}

// checkJourneyStructure refuses a member who is not leadership or an admin when an
// edit adds a stage, renames it or moves it on the board: the guide's text is
// marketing's to write too, but the board's shape is decided by the leaders of both
// teams (product.md).
func checkJourneyStructure(actor model.Member, found bool, cur, next model.JourneyStage) error {
	if actor.Role == model.RoleLeadership || actor.Role == model.RoleAdmin {
		return nil
	}
	if !found || cur.Name != next.Name || cur.Order != next.Order {
		return fmt.Errorf("only leadership or admins may add, rename or reorder journey stages; you are signed in as %s", actor.Role.Label())
	}
	return nil
}
