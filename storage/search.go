package storage

import (
	"bytes"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"align/model"
)

// searchBudget bounds how many leads one Search reads past the indexes, so a keystroke
// in the palette stays cheap at a million leads. Leads beyond it are found by their ID
// or by the start of their email, which come from indexes.
const searchBudget = 50_000

// Search finds up to n leads for the command palette: the lead whose ID is the query
// ("42" or "#42"), then leads whose email starts with it (from the email index), then
// the newest leads that hold every word of it (model.MatchesSearch), among the latest
// searchBudget leads.
func (s *Store) Search(query string, n int) ([]model.Lead, error) {
	q := strings.ToLower(strings.TrimSpace(query))
	if q == "" || n <= 0 {
		return nil, nil
	}
	var out []model.Lead
	seen := map[model.LeadID]bool{}
	add := func(l model.Lead) bool {
		if !seen[l.ID] {
			seen[l.ID] = true
			out = append(out, l)
		}
		return len(out) >= n
	}
	err := s.view(func(txn *badger.Txn) error {
		if id, err := model.ParseLeadID(q); err == nil {
			if l, err := getLead(txn, id); err == nil && add(l) {
				return nil
			}
		}
		if done, err := searchEmails(txn, q, add); err != nil || done {
			return err
		}
		return searchRecent(txn, model.SearchWords(query), add)
	})
	return out, err
}

// searchEmails adds the leads whose lower-cased email starts with q, in email order.
func searchEmails(txn *badger.Txn, q string, add func(model.Lead) bool) (bool, error) {
	prefix := emailKey(q)
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, PrefetchValues: true, PrefetchSize: 16})
	defer it.Close()
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		var id uint64
		if err := it.Item().Value(func(b []byte) error { id = readBE8(b); return nil }); err != nil {
			return false, err
		}
		l, err := getLead(txn, model.LeadID(id))
		if err != nil {
			return false, err
		}
		if add(l) {
			return true, nil
		}
	}
	return false, nil
}

// searchRecent adds the newest leads that hold every word (model.MatchesSearch). The raw record, folded the same way, is checked first,
// so only likely matches pay for decoding.
func searchRecent(txn *badger.Txn, words []string, add func(model.Lead) bool) error {
	if len(words) == 0 {
		return nil
	}
	needles := make([][]byte, len(words))
	for i, w := range words {
		needles[i] = []byte(w)
	}
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefixLead, Reverse: true, PrefetchValues: true, PrefetchSize: 100})
	defer it.Close()
	var lower []byte
	read := 0
	for it.Seek(seekLast(prefixLead)); it.ValidForPrefix(prefixLead) && read < searchBudget; it.Next() {
		read++
		var l model.Lead
		match := false
		err := it.Item().Value(func(b []byte) error {
			lower = foldASCII(lower[:0], b)
			for _, w := range needles {
				if !bytes.Contains(lower, w) {
					return nil
				}
			}
			if err := jsonUnmarshal(b, &l); err != nil {
				return err
			}
			match = model.MatchesSearch(&l, words)
			return nil
		})
		if err != nil {
			return err
		}
		if match && add(l) {
			return nil
		}
	}
	return nil
}

// foldASCII appends b as model.FoldSearch folds ASCII text (letters lower-cased, ' . -
// _ and # dropped), reusing dst's memory; other bytes are kept, so a non-ASCII word
// still matches text in the same case (and MatchesSearch decides).
func foldASCII(dst, b []byte) []byte {
	for _, c := range b {
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case c == '\'' || c == '.' || c == '-' || c == '_' || c == '#':
			continue
		}
		dst = append(dst, c)
	}
	return dst
}
