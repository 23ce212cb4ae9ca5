package storage

import (
	"bytes"
	"fmt"
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

// SearchQueue finds the leads of queue q that hold every word of query
// (model.MatchesSearch), in the queue's own order, for the queue's `/` filter. It walks
// the queue from the cursor after (exclusive; nil starts at its head), returns up to n
// matches and reads at most scan entries, so one call costs a bounded time however long
// the queue and however rare the match; last is the cursor of the last entry read, from
// which the next call goes on, and end says the walk reached the queue's end. Unlike
// Search, it never stops at a budget: calls in turn see the whole queue.
func (s *Store) SearchQueue(q model.Queue, me, query string, after *Cursor, n, scan int) (leads []model.Lead, last Cursor, end bool, err error) {
	if err := checkQueue(q); err != nil {
		return nil, Cursor{}, false, err
	}
	if q == model.QueueMine && me == "" {
		return nil, Cursor{}, true, nil
	}
	if n <= 0 || scan <= 0 {
		return nil, Cursor{}, false, nil
	}
	m := newRecordMatcher(model.SearchWords(query))
	all := q == model.QueueAll
	prefix, opt := queuePrefix(q, me), badger.IteratorOptions{}
	if all {
		prefix, opt.PrefetchValues, opt.PrefetchSize = prefixLead, true, 100
	}
	opt.Prefix = prefix
	err = s.view(func(txn *badger.Txn) error {
		it := txn.NewIterator(opt)
		defer it.Close()
		start, skip := prefix, []byte(nil)
		if after != nil {
			start = queueEntryKey(prefix, *after)
			if all {
				start = leadKey(after.ID)
			}
			skip = start
		}
		read := 0
		for it.Seek(start); ; it.Next() {
			if !it.ValidForPrefix(prefix) {
				end = true
				return nil
			}
			item := it.Item()
			if skip != nil && bytes.Equal(item.Key(), skip) {
				continue
			}
			if len(leads) >= n || read >= scan {
				return nil
			}
			read++
			if all {
				last = Cursor{ID: model.LeadID(readBE8(item.Key()))}
			} else {
				last = cursorFromEntry(prefix, item.Key())
				var err error
				if item, err = txn.Get(leadKey(last.ID)); err != nil {
					return fmt.Errorf("read lead %s of the queue: %w", last.ID, err)
				}
			}
			var l model.Lead
			match := false
			err := item.Value(func(b []byte) (err error) {
				match, err = m.match(b, &l, decodeRow)
				return err
			})
			if err != nil {
				return fmt.Errorf("read lead %s: %w", last.ID, err)
			}
			if match {
				leads = append(leads, l)
			}
		}
	})
	return leads, last, end, err
}

// recordMatcher says whether a stored lead record holds every word of a search
// (model.MatchesSearch). The raw record, folded as the words are, is checked first, so
// only likely matches pay for decoding.
type recordMatcher struct {
	words   []string
	needles [][]byte
	lower   []byte // the folded record, reused
}

func newRecordMatcher(words []string) *recordMatcher {
	m := &recordMatcher{words: words, needles: make([][]byte, len(words))}
	for i, w := range words {
		m.needles[i] = []byte(w)
	}
	return m
}

// match decodes the record into l with decode when it may match, and says whether it does.
func (m *recordMatcher) match(b []byte, l *model.Lead, decode func([]byte, *model.Lead) error) (bool, error) {
	var exact bool
	m.lower, exact = foldASCII(m.lower[:0], b)
	if exact && !containsAll(m.lower, m.needles) {
		return false, nil
	}
	if err := decode(b, l); err != nil {
		return false, err
	}
	return model.MatchesSearch(l, m.words), nil
}

// containsAll reports whether every needle is in b.
func containsAll(b []byte, needles [][]byte) bool {
	for _, w := range needles {
		if !bytes.Contains(b, w) {
			return false
		}
	}
	return true
}

// searchRecent adds the newest leads that hold every word (recordMatcher).
func searchRecent(txn *badger.Txn, words []string, add func(model.Lead) bool) error {
	if len(words) == 0 {
		return nil
	}
	m := newRecordMatcher(words)
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefixLead, Reverse: true, PrefetchValues: true, PrefetchSize: 100})
	defer it.Close()
	read := 0
	for it.Seek(seekLast(prefixLead)); it.ValidForPrefix(prefixLead) && read < searchBudget; it.Next() {
		read++
		var l model.Lead
		match := false
		err := it.Item().Value(func(b []byte) (err error) {
			match, err = m.match(b, &l, func(b []byte, l *model.Lead) error { return jsonUnmarshal(b, l) })
			return err
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
// _ and # dropped), reusing dst's memory. exact says the fold is FoldSearch's: a record
// with a JSON escape (\u0026, \") or a non-ASCII byte (É, ’) may hold a word that its
// folded bytes do not show, so such a record must be decoded and MatchesSearch decide.
func foldASCII(dst, b []byte) (folded []byte, exact bool) {
	exact = true
	for _, c := range b {
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case c == '\'' || c == '.' || c == '-' || c == '_' || c == '#':
			continue
		case c == '\\' || c >= 0x80:
			exact = false
		}
		dst = append(dst, c)
	}
	return dst, exact
}
