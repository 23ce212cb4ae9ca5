package model

import "strings"

// A search (the palette, the queue's / filter, align's store) finds a lead when every
// word of the query is in its name, company, email or title, in any order and case,
// with the punctuation inside names and addresses ignored: "olivia obrien" finds
// Olivia O'Brien and olivia.obrien@…, "smith-jones" finds Smith Jones.

// SearchWords are the words of a query, folded as FoldSearch folds text.
func SearchWords(query string) []string { return strings.Fields(FoldSearch(query)) }

// FoldSearch lower-cases s and drops the punctuation that sits inside names and
// addresses (' ’ . - _), so that "O'Brien", "O’Brien" and "obrien" read alike.
func FoldSearch(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '\'', '’', '.', '-', '_':
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

// MatchesSearch reports whether every one of words (SearchWords) is in l's name,
// company, email or title; no words match every lead.
func MatchesSearch(l *Lead, words []string) bool {
	if len(words) == 0 {
		return true
	}
	text := FoldSearch(l.Name + "\x00" + l.Company + "\x00" + l.Email + "\x00" + l.Title)
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}
