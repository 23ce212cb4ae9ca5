package model

// The names a scoring condition can use. docs/scoring.md is their reference for people
// who write rules; keep the two in step.

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// leadEnv is what a rule or persona condition sees: the lead's fields under
// snake_case names, its imported columns and activity, and helper functions.
//
// It is a typed struct rather than a map because expr then checks every name at
// compile time (a typo is refused when the rule is saved, not when a lead is
// scored) and reads fields without hashing. The helpers are func-typed fields,
// not methods: expr calls a func(string) float64 field directly, whereas a method
// value would be built by reflection, with an allocation, on every call. The
// closures are bound once to their env, which a pool reuses from lead to lead.
type leadEnv struct {
	Name      string `expr:"name"`
	Email     string `expr:"email"`
	Phone     string `expr:"phone"`
	Company   string `expr:"company"`
	Title     string `expr:"title"`
	Industry  string `expr:"industry"`
	Country   string `expr:"country"`
	City      string `expr:"city"`
	Employees int    `expr:"employees"`
	Source    string `expr:"source"`
	Campaign  string `expr:"campaign"`
	Persona   string `expr:"persona"`
	Journey   string `expr:"journey"`
	Stage     string `expr:"stage"`
	Owner     string `expr:"owner"`

	// Attrs are the imported columns by their header, raw (placeholders included).
	Attrs map[string]string `expr:"attrs"`
	// Activity is the lead's dated activity, oldest or newest first as stored.
	Activity []Activity `expr:"activity"`

	// Num is an imported column as a number, 0 when missing or not numeric.
	Num func(column string) float64 `expr:"num"`
	// Attr is an imported column, "" when missing or a placeholder such as "Select".
	Attr func(column string) string `expr:"attr"`
	// Has reports whether an imported column holds a real answer.
	Has func(column string) bool `expr:"has"`
	// Count is how many activities of a kind the lead has (an activity with a Count
	// counts that many times).
	Count func(kind string) int `expr:"count"`
	// Recent is Count limited to the last so many days before now.
	Recent func(kind string, days int) int `expr:"recent"`
	// HasWord reports whether a text holds one of the |-separated words or phrases
	// as whole words, ignoring case: hasWord(title, "vp|vice president|head of").
	// It does what a regular expression with \b and (?i) would, many times faster.
	HasWord func(text, words string) bool `expr:"hasWord"`

	// cols caches the imported columns that native conditions read, by the index
	// CompileRules gave each, so a column read by several rules is looked up once.
	cols []column

	now time.Time
	// newest is the time of the newest activity that count or recent matched while
	// the current condition ran: the instant an engagement rule decays from.
	newest time.Time
}

// mqlEnv is what the MQL condition sees: the lead as rules see it, plus the
// dimension totals the rules produced.
type mqlEnv struct {
	leadEnv
	Fit        int `expr:"fit"`
	Engagement int `expr:"engagement"`
	Score      int `expr:"score"`
}

// newMQLEnv builds an env whose helper closures are bound to it for its whole life.
// lists holds the word lists the conditions pass to hasWord, parsed once; a list not
// in it is parsed on every call. columns is how many imported columns native
// conditions read.
func newMQLEnv(lists map[string]*wordList, columns int) *mqlEnv {
	m := &mqlEnv{}
	e := &m.leadEnv
	e.cols = make([]column, columns)
	e.Num = e.num
	e.Attr = e.attr
	e.Has = func(column string) bool { return e.attr(column) != "" }
	e.Count = func(kind string) int { return e.count(kind, time.Time{}) }
	e.Recent = func(kind string, days int) int {
		return e.count(kind, e.now.Add(-time.Duration(days)*24*time.Hour))
	}
	e.HasWord = func(text, words string) bool {
		if text == "" {
			return false
		}
		if wl := lists[words]; wl != nil {
			return wl.in(text)
		}
		return parseWordList(words).in(text)
	}
	return m
}

// load points the env at a lead, keeping the helper closures.
func (e *leadEnv) load(l *Lead, now time.Time) {
	e.Name, e.Email, e.Phone, e.Company, e.Title = l.Name, l.Email, l.Phone, l.Company, l.Title
	e.Industry, e.Country, e.City, e.Employees = l.Industry, l.Country, l.City, l.Employees
	e.Source, e.Campaign, e.Persona, e.Journey = l.Source, l.Campaign, l.Persona, l.Journey
	e.Stage, e.Owner = string(l.Stage), l.Owner
	e.Attrs, e.Activity = l.Attrs, l.Activity
	e.now, e.newest = now, time.Time{}
	clear(e.cols)
}

// clear drops the env's references to a lead, so a pooled env keeps no lead alive.
func (e *leadEnv) clear() {
	e.load(&Lead{}, time.Time{})
}

// column is one imported column as native conditions read it, filled on first use.
type column struct {
	attrDone, numDone bool
	attr              string
	num               float64
}

// colAttr is attr(name) for the column CompileRules numbered i.
func (e *leadEnv) colAttr(i int, name string) string {
	c := &e.cols[i]
	if !c.attrDone {
		c.attr, c.attrDone = e.attr(name), true
	}
	return c.attr
}

// colNum is num(name) for the column CompileRules numbered i.
func (e *leadEnv) colNum(i int, name string) float64 {
	c := &e.cols[i]
	if !c.numDone {
		c.num, c.numDone = e.num(name), true
	}
	return c.num
}

// num parses an imported column as a number.
func (e *leadEnv) num(column string) float64 {
	v := strings.TrimSpace(e.Attrs[column])
	if v == "" {
		return 0
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f != f { // NaN is no number a rule can compare
		return 0
	}
	return f
}

// attr returns an imported column trimmed, or "" when it is a placeholder.
func (e *leadEnv) attr(column string) string {
	v := strings.TrimSpace(e.Attrs[column])
	if IsPlaceholder(v) {
		return ""
	}
	return v
}

// count adds up the activities of a kind at or after since (all of them when since
// is zero), and remembers the newest one it counted for decay.
func (e *leadEnv) count(kind string, since time.Time) int {
	n := 0
	for i := range e.Activity {
		a := &e.Activity[i]
		if a.Kind != kind || (!since.IsZero() && a.At.Before(since)) {
			continue
		}
		if a.Count >= 1 {
			n += int(a.Count)
		} else {
			n++
		}
		if a.At.After(e.newest) {
			e.newest = a.At
		}
	}
	return n
}

// IsPlaceholder reports whether an imported value means "not answered": blank, or a
// form's unchosen option such as X Education's "Select". Scoring treats it as missing.
func IsPlaceholder(v string) bool {
	v = strings.TrimSpace(v)
	if v == "" {
		return true
	}
	if len(v) > 6 {
		return false
	}
	// Every placeholder starts with s, n or -: most short values (a count, a code)
	// are told apart by their first byte, without a comparison. (A first byte past
	// ASCII goes on to EqualFold, as "ſ" matches "s".)
	if c := v[0]; c < utf8.RuneSelf && !placeholderFirst[c] {
		return false
	}
	for _, p := range placeholders {
		if strings.EqualFold(v, p) {
			return true
		}
	}
	return false
}

// placeholders are the values, compared case-insensitively, that mean "not answered".
var placeholders = [...]string{"select", "n/a", "na", "null", "none", "-", "--"}

// placeholderFirst marks the first bytes of the placeholders, in either case.
var placeholderFirst = func() (first [utf8.RuneSelf]bool) {
	for _, p := range placeholders {
		first[p[0]] = true
		first[unicode.ToUpper(rune(p[0]))] = true
	}
	return first
}()

// wordList is a |-separated list of words and phrases for hasWord, lowercased and
// grouped by first byte, so a word of the text is compared with only the phrases
// that can start it.
type wordList struct {
	byFirst [256][]string
}

// parseWordList parses "vp|Vice President|head of" into a wordList.
func parseWordList(words string) *wordList {
	wl := &wordList{}
	for p := range strings.SplitSeq(words, "|") {
		p = strings.ToLower(strings.TrimSpace(p))
		if p != "" {
			wl.byFirst[p[0]] = append(wl.byFirst[p[0]], p)
		}
	}
	return wl
}

// in reports whether text holds one of the phrases as whole words, ignoring case.
// It tries the phrases at the start of each word of text: a short title costs a few
// string comparisons and no allocation.
func (wl *wordList) in(text string) bool {
	inWord := false // the character before i is part of a word
	for i := 0; i < len(text); {
		// wordRuneAt, with its ASCII case spelled out here where it is inlined.
		word, n := asciiWord[text[i]], 1
		if text[i] >= utf8.RuneSelf {
			word, n = wordRuneAt(text, i)
		}
		if word && !inWord && wl.startsWith(text[i:]) {
			return true
		}
		inWord = word
		i += n
	}
	return false
}

// startsWith reports whether rest starts with one of the phrases, ending at a word end.
func (wl *wordList) startsWith(rest string) bool {
	c := rest[0]
	if c >= 'A' && c <= 'Z' {
		c += 'a' - 'A'
	}
	for _, p := range wl.byFirst[c] {
		if len(p) > len(rest) || !strings.EqualFold(rest[:len(p)], p) {
			continue
		}
		if len(p) == len(rest) {
			return true
		}
		if next, _ := wordRuneAt(rest, len(p)); !next {
			return true
		}
	}
	return false
}

// wordRuneAt reports whether the character at s[i] is part of a word (isWordRune),
// and its length in bytes.
func wordRuneAt(s string, i int) (bool, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return asciiWord[c], 1
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	return isWordRune(r), n
}

// asciiWord marks the ASCII letters and digits (256 entries: a byte needs no bounds
// check).
var asciiWord = func() (w [256]bool) {
	for c := range utf8.RuneSelf {
		w[c] = isWordRune(rune(c))
	}
	return w
}()

// isWordRune reports whether r is part of a word: a letter or a digit.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
