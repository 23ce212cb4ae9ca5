package storage

import (
	"github.com/dgraph-io/badger/v4"

	"align/model"
)

// Won leads are indexed per persona, so a persona card's conversion rate (won leads
// over linked leads) is two counter reads:
//
//	w/<persona>0x00<id 8>   empty   a won lead linked to the persona; counter n/w<persona>

// prefixWon is the index of won leads by persona.
var prefixWon = []byte("w/")

// PersonaStats is how many leads are linked to the persona and how many of them were
// won, read from two counters in one snapshot: O(1) at any size.
func (s *Store) PersonaStats(id string) (linked, won int, err error) {
	err = s.view(func(txn *badger.Txn) error {
		l, err := getUint(txn, counterKey("p"+id))
		if err != nil {
			return err
		}
		w, err := getUint(txn, counterKey("w"+id))
		linked, won = int(l), int(w)
		return err
	})
	return linked, won, err
}

// PersonaLeads returns up to n leads linked to the persona with an ID above after,
// by ID: the persona card's "open its leads".
func (s *Store) PersonaLeads(id string, after model.LeadID, n int) ([]model.Lead, error) {
	if n <= 0 {
		return nil, nil
	}
	prefix := cat(prefixPersona, []byte(id), []byte{0})
	out := make([]model.Lead, 0, min(n, 256))
	err := s.view(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
		defer it.Close()
		for it.Seek(linkKey(prefixPersona, id, after+1)); it.ValidForPrefix(prefix) && len(out) < n; it.Next() {
			l, err := getLead(txn, model.LeadID(readBE8(it.Item().Key())))
			if err != nil {
				return err
			}
			out = append(out, l)
		}
		return nil
	})
	return out, err
}
