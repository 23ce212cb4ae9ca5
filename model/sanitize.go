package model

import (
	"strings"
	"unicode/utf8"
)

// Sanitize makes untrusted text safe to print on one line of a terminal. It is
// the one function every piece of user data (names, companies, attributes,
// member names, anything read from the store or a file) passes through before
// it is styled, measured or truncated; validation on the way in does not make
// it optional, because old data, restores and imports are not trusted.
//
// It writes C0 controls and DEL in caret notation (ESC as "^[", CR as "^M", LF
// as "^J", NUL as "^@", DEL as "^?") so they are visible but inert, turns a tab
// into a space, replaces C1 controls and bytes that are not UTF-8 with U+FFFD,
// drops bidi controls, zero-width characters and U+2028/U+2029, and keeps at
// most MaxCombiningMarks combining marks per base character. Because escapes
// become visible text, an unterminated OSC cannot swallow what follows it.
//
// Clean text, the common case in every table cell of every frame, is returned
// as is without allocating. Sanitize is idempotent.
func Sanitize(s string) string { return sanitize(s, false) }

// SanitizeBlock is Sanitize for multi-line text such as notes and Markdown: it
// keeps "\n" as a line break and neutralises everything else the same way.
func SanitizeBlock(s string) string { return sanitize(s, true) }

// sanitize checks first and builds only when it must, so clean input costs one
// read and no allocation.
func sanitize(s string, block bool) string {
	i, marks := cleanPrefix(s, block)
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			switch {
			case c >= 0x20 && c != 0x7f:
				b.WriteByte(c)
			case c == '\t':
				b.WriteByte(' ')
			case c == '\n' && block:
				b.WriteByte('\n')
			default: // caret notation: flipping bit 6 maps 0x1b to '[' and 0x7f to '?'
				b.WriteByte('^')
				b.WriteByte(c ^ 0x40)
			}
			marks = 0
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch c := classify(r, size); {
		case c == runeInvalid, c == runeC1:
			b.WriteRune(utf8.RuneError)
			marks = 0
		case c.dropped():
			// Dropped without a trace; a run of marks continues across it, so
			// the output never holds more marks in a row than the cap.
		case c == runeMark:
			if marks < MaxCombiningMarks {
				b.WriteString(s[i : i+size])
				marks++
			}
		default:
			b.WriteString(s[i : i+size])
			marks = 0
		}
		i += size
	}
	return b.String()
}

// cleanPrefix returns how many leading bytes of s need no change, and how many
// combining marks end that prefix.
func cleanPrefix(s string, block bool) (int, int) {
	marks := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if (c < 0x20 || c == 0x7f) && (c != '\n' || !block) {
				return i, marks
			}
			marks = 0
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch classify(r, size) {
		case runePlain:
			marks = 0
		case runeMark:
			if marks == MaxCombiningMarks {
				return i, marks
			}
			marks++
		default:
			return i, marks
		}
		i += size
	}
	return len(s), marks
}
