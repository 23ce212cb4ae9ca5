package storage

import (
	"context"
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"align/model"
)

// Link names a way leads are grouped besides the queues: by persona, by campaign or by
// buyer-journey stage. Each has an index and a counter per value, kept with the lead.
type Link byte

// The links, by the prefix of their index.
const (
	LinkPersona  Link = 'p'
	LinkCampaign Link = 'c'
	LinkJourney  Link = 'j'
)

func (k Link) prefix() ([]byte, error) {
	switch k {
	case LinkPersona:
		return prefixPersona, nil
	case LinkCampaign:
		return prefixCampaign, nil
	case LinkJourney:
		return prefixJourney, nil
	}
	return nil, fmt.Errorf("%q is not a link; use persona, campaign or journey", byte(k))
}

// CountLinked is the number of leads linked to a persona, attributed to a campaign or
// in a journey stage, read from its counter: O(1).
func (s *Store) CountLinked(k Link, id string) (int, error) {
	if _, err := k.prefix(); err != nil {
		return 0, err
	}
	return s.counter(string(k) + id)
}

// ScanLinked calls fn for every lead linked to a persona, attributed to a campaign or
// in a journey stage, by lead ID, from one snapshot (persona cards, the journey
// board). It stops at fn's first error or when ctx ends.
func (s *Store) ScanLinked(ctx context.Context, k Link, id string, fn func(*model.Lead) error) error {
	p, err := k.prefix()
	if err != nil {
		return err
	}
	prefix := cat(p, []byte(id), []byte{0})
	return s.view(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
		defer it.Close()
		for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
			if err := ctx.Err(); err != nil {
				return err
			}
			l, err := getLead(txn, model.LeadID(readBE8(it.Item().Key())))
			if err != nil {
				return err
			}
			if err := fn(&l); err != nil {
				return err
			}
		}
		return nil
	})
}
