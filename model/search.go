package model

import (
	"strconv"
	"strings"
)

// A search (the palette, the queue's and the board's / filter, align's store) finds a
// lead when every word of the query is in its name, company, email, title, city,
// country, source, campaign, external ID or ID, in any order and case, with the punctuation inside
// names and addresses ignored: "olivia obrien" finds Olivia O'Brien and
// olivia.obrien@…, "smith-jones" finds Smith Jones, "#42" and "42" find lead 42 (and any
// lead with 42 in those fields). Imported data sets often have no name or company at
// all (X Education's leads have neither), so where they came from must be searchable.

// SearchWords are the words of a query, folded as FoldSearch folds text.
func SearchWords(query string) []string { return strings.Fields(FoldSearch(query)) }

// FoldSearch lower-cases s and drops the punctuation that sits inside names and
// addresses (' ’ . - _) and the # of a lead's ID, so that "O'Brien", "O’Brien" and
// "obrien" read alike, as do "#42" and "42".
func FoldSearch(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '\'', '’', '.', '-', '_', '#':
			return -1
		}
		return toLowerRune(r)
	}, s)
}

func toLowerRune(r rune) rune {
	if 'A' <= r && r <= 'Z' {
		return r + 'a' - 'A'
	}
	if r < 0x80 {
		return r
	}
	return []rune(strings.ToLower(string(r)))[0]
}

// MatchesSearch reports whether every one of words (SearchWords) is in the fields
// above; no words match every lead.
func MatchesSearch(l *Lead, words []string) bool {
	if len(words) == 0 {
		return true
	}
	text := FoldSearch(strings.Join([]string{l.Name, l.Company, l.Email, l.Title, l.City, l.Country,
		l.Source, l.Campaign, l.ExternalID, strconv.FormatUint(uint64(l.ID), 10)}, "\x00"))
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}
