package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Mentions reports whether text names the member as "@name", in any case, as a whole
// name: "@sam," "(@Sam)" and "@sam." mention sam; "@samantha", "@sam.lee" and
// "sam@example.com" do not.
func Mentions(text, name string) bool {
	if name == "" {
		return false
	}
	low, at := strings.ToLower(text), "@"+strings.ToLower(name)
	for i := 0; ; {
		j := strings.Index(low[i:], at)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(at)
		before, _ := utf8.DecodeLastRuneInString(low[:start])
		if (start == 0 || !nameRune(before)) && !continuesName(low[end:]) {
			return true
		}
		i = start + 1
	}
}

// nameRune is a rune a member name or an email address is made of.
func nameRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-' || r == '.'
}

// continuesName reports whether rest goes on with the name: a name rune, or a dot
// before one ("@sam.lee"); a dot that ends a sentence does not.
func continuesName(rest string) bool {
	r, n := utf8.DecodeRuneInString(rest)
	if r == '.' {
		r, _ = utf8.DecodeRuneInString(rest[n:])
	}
	return n > 0 && nameRune(r) && r != '.'
}
