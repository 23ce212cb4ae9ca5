package tui

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"
)

// How well an entry's words hold the query, best first. The palette lists entries by
// this, then by the fuzzy library's score, so typing a word an entry holds runs that
// entry, not one the query's letters happen to scatter over.
const (
	matchWord   = iota // every query word is a whole word of the entry
	matchPrefix        // every query word is a word of the entry or begins one
	matchFuzzy         // the query's letters are in order, mostly at word starts
)

// paletteMatch is one entry the query finds and how well.
type paletteMatch struct {
	index int // into the texts ranked
	rank  int // matchWord, matchPrefix or matchFuzzy
}

// rankPalette finds the texts the query matches and orders them: word matches, then
// word-prefix matches, then fuzzy matches, each in the fuzzy library's order (best
// score first, then the texts' own order). A fuzzy match whose letters mostly land in
// the middle of words ("won" in "reject with a reason") is too poor to list.
func rankPalette(query string, texts []string) []paletteMatch {
	qWords := words(query)
	if len(qWords) == 0 {
		return nil
	}
	found := fuzzy.Find(query, texts)
	seen := make(map[int]bool, len(found))
	var out []paletteMatch
	for _, m := range found {
		seen[m.Index] = true
		if r, ok := wordRank(qWords, words(m.Str)); ok {
			out = append(out, paletteMatch{m.Index, r})
		} else if anchored(m.Str, m.MatchedIndexes) {
			out = append(out, paletteMatch{m.Index, matchFuzzy})
		}
	}
	// Query words out of the entry's order ("won mark") are no fuzzy match, but still
	// name the entry; they follow the fuzzy library's matches in the texts' order.
	for i, t := range texts {
		if !seen[i] {
			if r, ok := wordRank(qWords, words(t)); ok {
				out = append(out, paletteMatch{i, r})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b paletteMatch) int { return a.rank - b.rank })
	return out
}

// wordRank says whether every query word is a word of the text (matchWord) or begins
// one (matchPrefix); ok is false when some query word is neither.
func wordRank(query, text []string) (rank int, ok bool) {
	rank = matchWord
	for _, q := range query {
		switch {
		case slices.Contains(text, q):
		case slices.ContainsFunc(text, func(w string) bool { return strings.HasPrefix(w, q) }):
			rank = matchPrefix
		default:
			return 0, false
		}
	}
	return rank, true
}

// words splits s, lower-cased, at everything that is not a letter or a digit.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// anchored says whether most matched letters (byte offsets into s) start a word or
// follow the letter matched before them: "acpt" in "accept" is, while "won" in
// "reject with a reason", one word start then two letters inside "reason", is not.
func anchored(s string, at []int) bool {
	good := 0
	for i, j := range at {
		prev, _ := utf8.DecodeLastRuneInString(s[:j])
		startsWord := j == 0 || !unicode.IsLetter(prev) && !unicode.IsDigit(prev)
		follows := i > 0 && at[i-1]+utf8.RuneLen(prev) == j
		if startsWord || follows {
			good++
		}
	}
	return 2*good >= len(at)
}
