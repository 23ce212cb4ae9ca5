package model

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The properties below are written from the spec, not from the sanitiser's own
// tables, so a mistake in classify cannot hide itself. The seed corpus is in
// testdata/fuzz/; run a fuzzer with
//
//	go test ./model -run='^$' -fuzz=FuzzSanitize -fuzztime=30s

// hidden is the set of characters that must never reach the screen: bidi
// controls, zero-width characters and the Unicode line and paragraph separators.
var hidden = map[rune]bool{
	0x061c: true, 0x200e: true, 0x200f: true,
	0x202a: true, 0x202b: true, 0x202c: true, 0x202d: true, 0x202e: true,
	0x2066: true, 0x2067: true, 0x2068: true, 0x2069: true,
	0x200b: true, 0x200c: true, 0x200d: true, 0x2060: true, 0xfeff: true,
	0x2028: true, 0x2029: true,
}

func isCombining(r rune) bool { return unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) }

// checkSafe reports the first way out is unsafe to print; block allows "\n".
func checkSafe(t *testing.T, in, out string, block bool) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("sanitize(%q) = %q is not valid UTF-8", in, out)
	}
	for i := 0; i < len(out); i++ {
		if c := out[i]; (c < 0x20 && !(block && c == '\n')) || c == 0x7f {
			t.Fatalf("sanitize(%q) = %q has byte %#x at %d", in, out, c, i)
		}
	}
	marks := 0
	for _, r := range out {
		switch {
		case r >= 0x80 && r <= 0x9f:
			t.Fatalf("sanitize(%q) = %q has C1 control %U", in, out, r)
		case hidden[r]:
			t.Fatalf("sanitize(%q) = %q has hidden character %U", in, out, r)
		case isCombining(r):
			marks++
			if marks > MaxCombiningMarks {
				t.Fatalf("sanitize(%q) = %q has %d combining marks in a row", in, out, marks)
			}
		default:
			marks = 0
		}
	}
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{"Ana Lima", "a\tb\r\n\x00\x7f", "\x1b]52;c;SGVsbG8=", "\u009b2J", zalgo, "a\u0301\u200b\u0301\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		line, block := Sanitize(s), SanitizeBlock(s)
		checkSafe(t, s, line, false)
		checkSafe(t, s, block, true)
		if again := Sanitize(line); again != line {
			t.Fatalf("Sanitize is not idempotent: %q -> %q -> %q", s, line, again)
		}
		if again := SanitizeBlock(block); again != block {
			t.Fatalf("SanitizeBlock is not idempotent: %q -> %q -> %q", s, block, again)
		}
		if n, m := strings.Count(s, "\n"), strings.Count(block, "\n"); n != m {
			t.Fatalf("SanitizeBlock(%q) = %q has %d line breaks, want %d", s, block, m, n)
		}
		if !strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r >= 0x7f }) && line != s {
			t.Fatalf("Sanitize changed printable ASCII %q to %q", s, line)
		}
	})
}

func FuzzValidateLine(f *testing.F) {
	for _, s := range []string{"Ana Lima", "José Müller 東京", "e\u0302\u0323", "a\tb", "admin\u202enimda", zalgo, "مهرداد\u200cزاده"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if err := ValidateLine("name", s, 0); err == nil {
			// A valid line prints as it is, but for the zero-width joiners it may hold.
			shown := strings.NewReplacer("\u200c", "", "\u200d", "").Replace(s)
			if got := Sanitize(s); got != shown {
				t.Fatalf("ValidateLine accepts %q but Sanitize prints %q", s, got)
			}
			if got := SanitizeBlock(s); got != shown {
				t.Fatalf("ValidateLine accepts %q but SanitizeBlock prints %q", s, got)
			}
		} else if te, ok := err.(*TextError); !ok || te.Pos < 1 || te.Pos > utf8.RuneCountInString(s) {
			t.Fatalf("ValidateLine(%q) = %#v, want a *TextError with a position inside the text", s, err)
		}
		if n := NormalizeLine(s); strings.Contains(n, "\t") || (ValidateLine("name", s, 0) == nil && n != s) {
			t.Fatalf("NormalizeLine(%q) = %q, want valid text unchanged and no tabs", s, n)
		}
		if ValidateNote(s) == nil {
			// Notes may hold the characters SanitizeBlock drops, and nothing else it changes.
			visible := strings.Map(func(r rune) rune {
				if hidden[r] {
					return -1
				}
				return r
			}, s)
			if got := SanitizeBlock(s); got != visible {
				t.Fatalf("ValidateNote accepts %q but SanitizeBlock prints %q, want %q", s, got, visible)
			}
		}
		if ValidateEmail(s) == nil && ValidateLine("email", s, 0) != nil {
			t.Fatalf("ValidateEmail accepts %q that ValidateLine refuses", s)
		}
	})
}
