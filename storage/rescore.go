package storage

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/dgraph-io/badger/v4"

	"align/model"
)

// rescoreBatch is how many leads one rescore transaction reads at most; each changed
// lead costs its record, its moved index entries and a history key, and a batch ends
// sooner when big records fill the transaction (Rescore).
const rescoreBatch = 500

// RescoreResult counts a rescore.
type RescoreResult struct {
	// Version is the rule set the leads were scored with.
	Version int
	// Checked counts the leads scored, Changed those whose score, breakdown, persona or
	// stage moved, and MQL the inquiries that entered the MQL inbox.
	Checked, Changed, MQL int
}

// Rescore scores again, with the rules in force and the clock of now, every lead that
// marketing still holds and a score still steers: the MQL inbox and the nurture queue
// (inquiries and the leads sales sent back). model.ApplyScore decides what moves, as it
// does for an import: an inquiry the rules qualify enters the MQL inbox with its
// acceptance clock; no lead moves back and no lead in another stage changes stage; a
// persona someone chose is kept. Engagement points decay with time, so a rescore with
// unchanged rules can change scores too.
//
// The leads are taken in batches of up to rescoreBatch (fewer when their records are
// big: Import's transaction budget), each in one transaction that reads them again (a
// lead triaged meanwhile is scored as it now stands, or left alone once it has left
// both queues) and writes the changed ones with one audit event, so every changed
// lead's history says which rescore changed it (Event.Updated counts them, and
// Event.New those that entered the MQL inbox). progress, when set, is told how many
// of the total leads are done after each batch. A rules change in mid-run stops it.
func (s *Store) Rescore(ctx context.Context, actor model.Member, progress func(done, total int)) (RescoreResult, error) {
	var res RescoreResult
	if err := model.Check(actor.Role, model.ActRescore); err != nil {
		return res, err
	}
	ids, err := s.rescoreIDs()
	if err != nil {
		return res, err
	}
	rules, _, _ := s.scoring()
	res.Version = rules.Version
	// Every batch's event carries the instant the rescore started, as an import's do, so
	// that the feed shows the run as one line (tui/feed_runs.go).
	start := s.now().UTC()
	size := rescoreBatch
	for lo := 0; lo < len(ids); {
		rules, scorer, sla := s.scoring()
		if rules.Version != res.Version {
			return res, fmt.Errorf("the scoring rules changed to version %d while the rescore ran, after %s scored with version %d; run the rescore again to score them all with the new rules",
				rules.Version, model.Plural(res.Checked, "lead"), res.Version)
		}
		var part RescoreResult
		consumed := 0
		err := s.update(ctx, func(t *tx) error {
			part, consumed = RescoreResult{}, 0
			maxSz := int64(partBudget * float64(s.db.MaxBatchSize()))
			maxN := int64(partBudget * float64(s.db.MaxBatchCount()))
			var changed []model.Lead
			for _, id := range ids[lo:min(lo+size, len(ids))] {
				// Each changed lead still costs a history key and its ID in the event:
				// stop before Badger refuses the transaction (records with many long
				// imported columns filled it in fewer than 500 leads).
				if reserve := int64(len(changed)) * 40; t.size+reserve > maxSz || t.entries+int64(len(changed)) > maxN {
					break
				}
				consumed++
				l, err := getLead(t.txn, id)
				if err != nil {
					return err
				}
				if !rescored(&l) {
					continue // triaged since the IDs were read
				}
				part.Checked++
				n := l
				scoreImported(&n, scorer, t.now, sla)
				if sameScore(&l, &n) {
					continue
				}
				if n.Stage == model.StageMQL && l.Stage != model.StageMQL {
					part.MQL++
				}
				n.Version++
				n.Updated = t.now
				if err := t.putLead(&l, &n); err != nil {
					return err
				}
				changed = append(changed, n)
			}
			part.Changed = len(changed)
			if len(changed) == 0 {
				return nil
			}
			ev := model.Event{At: start, Actor: actor.Name, Kind: model.EventLeadRescored, Updated: len(changed), New: part.MQL,
				Summary: fmt.Sprintf("rescored with the scoring rules of version %d", rules.Version)}
			for _, l := range changed {
				ev.Leads = append(ev.Leads, l.ID)
			}
			if err := t.addEvent(&ev); err != nil {
				return err
			}
			t.feed = append(t.feed, t.batchFeedItem(ev, len(changed), func(i int) *model.Lead { return &changed[i] }))
			return nil
		})
		if errors.Is(err, badger.ErrTxnTooBig) && size > 1 {
			size /= 2 // a few huge records: fewer leads a transaction
			continue
		}
		if err != nil {
			return res, err
		}
		res.Checked += part.Checked
		res.Changed += part.Changed
		res.MQL += part.MQL
		lo += consumed
		if progress != nil {
			progress(lo, len(ids))
		}
	}
	return res, nil
}

// rescored says whether Rescore scores the lead: it is in the MQL inbox or the
// nurture queue.
func rescored(l *model.Lead) bool {
	return model.QueueMQL.Holds(l, "") || model.QueueNurture.Holds(l, "")
}

// rescoreIDs are the leads of the MQL inbox and the nurture queue, in ID order; only
// the index keys are read.
func (s *Store) rescoreIDs() ([]model.LeadID, error) {
	var ids []model.LeadID
	err := s.view(func(txn *badger.Txn) error {
		for _, q := range []model.Queue{model.QueueMQL, model.QueueNurture} {
			prefix := queuePrefix(q, "")
			it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
			for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
				ids = append(ids, cursorFromEntry(prefix, it.Item().Key()).ID)
			}
			it.Close()
		}
		return nil
	})
	slices.Sort(ids)
	return slices.Compact(ids), err
}

// sameScore says whether scoring left the lead as it was.
func sameScore(a, b *model.Lead) bool {
	return a.Score == b.Score && a.Fit == b.Fit && a.Engagement == b.Engagement &&
		a.Persona == b.Persona && a.Stage == b.Stage && slices.Equal(a.Breakdown, b.Breakdown)
}
