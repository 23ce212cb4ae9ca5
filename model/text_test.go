package model

import (
	"errors"
	"strings"
	"testing"
	"unicode"
	"unsafe"
)

// zalgo is a letter under 100 combining acute accents, the classic layout breaker.
var zalgo = "Z" + strings.Repeat("\u0301", 100) + "algo"

func TestSanitize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		line string // Sanitize
		blk  string // SanitizeBlock
	}{
		{"empty", "", "", ""},
		{"plain ASCII", "Ana Lima, Acme Ltd.", "Ana Lima, Acme Ltd.", "Ana Lima, Acme Ltd."},
		{"accents, CJK, Arabic", "José Müller 東京 محمد", "José Müller 東京 محمد", "José Müller 東京 محمد"},
		{"real U+FFFD is kept", "a\uFFFDb", "a\uFFFDb", "a\uFFFDb"},
		{"CSI colour", "\x1b[31mred\x1b[0m", "^[[31mred^[[0m", "^[[31mred^[[0m"},
		{"carriage return", "safe\roverwritten", "safe^Moverwritten", "safe^Moverwritten"},
		{"backspace", "ab\bc", "ab^Hc", "ab^Hc"},
		{"bell", "ding\a", "ding^G", "ding^G"},
		{"NUL", "nul\x00byte", "nul^@byte", "nul^@byte"},
		{"DEL", "del\x7f", "del^?", "del^?"},
		{"unit separator", "a\x1fb", "a^_b", "a^_b"},
		{"tab", "a\tb", "a b", "a b"},
		{"newline", "one\ntwo", "one^Jtwo", "one\ntwo"},
		{"CRLF", "one\r\ntwo", "one^M^Jtwo", "one^M\ntwo"},
		{"C1 CSI U+009B", "\u009b31mred", "\uFFFD31mred", "\uFFFD31mred"},
		{"C1 NEL U+0085", "a\u0085b", "a\uFFFDb", "a\uFFFDb"},
		{"invalid byte", "x\xffy", "x\uFFFDy", "x\uFFFDy"},
		{"truncated sequence", "a\xe2\x82", "a\uFFFD\uFFFD", "a\uFFFD\uFFFD"},
		{"overlong encoding", "\xc0\xaf", "\uFFFD\uFFFD", "\uFFFD\uFFFD"},
		{"surrogate half", "\xed\xa0\x80", "\uFFFD\uFFFD\uFFFD", "\uFFFD\uFFFD\uFFFD"},
		{"bidi override (Trojan Source)", "admin\u202Enimda\u202C", "adminnimda", "adminnimda"},
		{"bidi isolates", "\u2066x\u2069\u2067y\u2068", "xy", "xy"},
		{"bidi marks", "\u200Ea\u200Fb\u061Cc", "abc", "abc"},
		{"zero-width", "Ac\u200Bme\u200C\u200D\u2060\uFEFF", "Acme", "Acme"},
		{"BOM at start", "\uFEFFName", "Name", "Name"},
		{"line and paragraph separators", "a\u2028b\u2029c", "abc", "abc"},
		{"OSC 52 clipboard, terminated", "\x1b]52;c;SGVsbG8=\a after", "^[]52;c;SGVsbG8=^G after", "^[]52;c;SGVsbG8=^G after"},
		{"OSC 52 unterminated keeps the rest", "\x1b]52;c;SGVsbG8= Acme Ltd", "^[]52;c;SGVsbG8= Acme Ltd", "^[]52;c;SGVsbG8= Acme Ltd"},
		{"OSC 8 link", "\x1b]8;;https://evil\x1b\\click\x1b]8;;\x1b\\", "^[]8;;https://evil^[\\click^[]8;;^[\\", "^[]8;;https://evil^[\\click^[]8;;^[\\"},
		{"title report", "\x1b]0;pwned\a\x1b[21t", "^[]0;pwned^G^[[21t", "^[]0;pwned^G^[[21t"},
		{"100 combining marks", zalgo, "Z\u0301\u0301algo", "Z\u0301\u0301algo"},
		{"two marks are kept (Vietnamese)", "e\u0302\u0323", "e\u0302\u0323", "e\u0302\u0323"},
		{"enclosing marks count", "1\u20DD\u20DD\u20DD", "1\u20DD\u20DD", "1\u20DD\u20DD"},
		{"marks continue across dropped characters", "a\u0301\u200B\u0301\u0301", "a\u0301\u0301", "a\u0301\u0301"},
		{"marks restart after a newline", "a\u0301\u0301\n\u0301\u0301", "a\u0301\u0301^J\u0301\u0301", "a\u0301\u0301\n\u0301\u0301"},
		{"emoji ZWJ sequence loses its joiners", "👨\u200D👩\u200D👧", "👨👩👧", "👨👩👧"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sanitize(tt.in); got != tt.line {
				t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.line)
			}
			if got := SanitizeBlock(tt.in); got != tt.blk {
				t.Errorf("SanitizeBlock(%q) = %q, want %q", tt.in, got, tt.blk)
			}
		})
	}
}

func TestSanitizeReturnsCleanInputWithoutCopying(t *testing.T) {
	for _, s := range []string{"Ana Lima", "José Müller 東京", "e\u0302\u0323", "a\uFFFDb"} {
		if got := Sanitize(s); unsafe.StringData(got) != unsafe.StringData(s) {
			t.Errorf("Sanitize(%q) copied clean input", s)
		}
		if allocs := testing.AllocsPerRun(100, func() { _ = Sanitize(s) }); allocs != 0 {
			t.Errorf("Sanitize(%q) allocated %.0f times, want 0", s, allocs)
		}
		block := s + "\nsecond line"
		if allocs := testing.AllocsPerRun(100, func() { _ = SanitizeBlock(block) }); allocs != 0 {
			t.Errorf("SanitizeBlock(%q) allocated %.0f times, want 0", block, allocs)
		}
	}
}

func TestTextErrorReadsAsASentence(t *testing.T) {
	err := ValidateLine("name", "Ana Li\x1b[2J", 200)
	want := "name has an escape character (ESC) at position 7; remove control characters and try again"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %q", err, want)
	}
	var te *TextError
	if !errors.As(err, &te) || te.Field != "name" || te.Pos != 7 {
		t.Fatalf("got %#v, want a *TextError for name at position 7", err)
	}
	long := ValidateLine("company", strings.Repeat("x", 201), 200)
	if want := "company is longer than the 200 characters allowed; shorten it and try again"; long == nil || long.Error() != want {
		t.Fatalf("got %v, want %q", long, want)
	}
}

func TestValidateLine(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		max     int
		wantPos int    // 0 with wantMsg "" means valid
		wantMsg string // a fragment of Msg
	}{
		{"plain", "Ana Lima", 200, 0, ""},
		{"accents and scripts", "José Müller 東京 محمد", 200, 0, ""},
		{"two marks", "e\u0302\u0323", 200, 0, ""},
		{"empty", "", 200, 0, ""},
		{"exactly the cap", strings.Repeat("é", 200), 200, 0, ""},
		{"no cap", strings.Repeat("x", 5000), 0, 0, ""},
		{"over the cap in characters", strings.Repeat("é", 201), 200, 0, "longer than the 200"},
		{"ESC", "Ana Li\x1b]52;c;x", 200, 7, "escape character (ESC)"},
		{"tab", "a\tb", 200, 2, "a tab"},
		{"newline", "a\nb", 200, 2, "line break"},
		{"carriage return", "a\rb", 200, 2, "carriage return"},
		{"backspace", "ab\b", 200, 3, "control character (U+0008)"},
		{"bell", "\a", 200, 1, "control character (U+0007)"},
		{"NUL", "x\x00", 200, 2, "control character (U+0000)"},
		{"DEL", "x\x7f", 200, 2, "control character (U+007F)"},
		{"C1", "é\u009b", 200, 2, "control character (U+009B)"},
		{"invalid UTF-8", "Mü\xffller", 200, 3, "not valid UTF-8"},
		{"bidi override", "admin\u202Enimda", 200, 6, "text-direction control (U+202E)"},
		{"bidi isolate", "\u2067x", 200, 1, "text-direction control (U+2067)"},
		{"Arabic letter mark", "a\u061C", 200, 2, "text-direction control (U+061C)"},
		{"left-to-right mark", "a\u200E", 200, 2, "text-direction control (U+200E)"},
		{"zero-width space", "Ac\u200Bme", 200, 3, "invisible character (U+200B)"},
		{"byte order mark", "\uFEFFName", 200, 1, "invisible character (U+FEFF)"},
		{"Persian name with a zero-width non-joiner", "مهرداد\u200Cزاده", 200, 0, ""},
		{"Malayalam name with a zero-width joiner", "രാജന\u200D", 200, 0, ""},
		{"emoji sequence", "👩\u200D💻 Ada", 200, 0, ""},
		{"line separator", "a\u2028b", 200, 2, "line or paragraph separator (U+2028)"},
		{"paragraph separator", "a\u2029b", 200, 2, "line or paragraph separator (U+2029)"},
		{"100 combining marks", zalgo, 200, 4, "combining marks"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkTextError(t, ValidateLine("name", tt.in, tt.max), "name", tt.wantPos, tt.wantMsg)
		})
	}
}

func TestValidateNote(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantPos int
		wantMsg string
	}{
		{"plain", "Called, no answer.", 0, ""},
		{"lines", "Called.\nLeft a voicemail.\n", 0, ""},
		{"right-to-left prose with marks", "שלום\u200F world", 0, ""},
		{"zero-width joiner in an emoji", "👨\u200D👩", 0, ""},
		{"exactly the cap", strings.Repeat("x", MaxNoteBytes), 0, ""},
		{"over the cap", strings.Repeat("x", MaxNoteBytes+1), 0, "16 KiB"},
		{"ESC", "line\n\x1b[2J", 6, "escape character"},
		{"carriage return", "a\r\nb", 2, "carriage return"},
		{"tab", "a\tb", 2, "a tab"},
		{"C1", "\u0085", 1, "U+0085"},
		{"invalid UTF-8", "ok\n\xc3", 4, "not valid UTF-8"},
		{"marks across a dropped mark", "a\u0301\u200F\u0301\u0301", 5, "combining marks"},
		{"100 combining marks", zalgo, 4, "combining marks"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkTextError(t, ValidateNote(tt.in), "note", tt.wantPos, tt.wantMsg)
		})
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		in, line, note string
	}{
		{"plain", "plain", "plain"},
		{"a\tb", "a b", "a b"},
		{"a\r\nb\rc\n", "a\r\nb\rc\n", "a\nb\nc\n"},
		{"\t\x1b", " \x1b", " \x1b"},
	}
	for _, tt := range tests {
		if got := NormalizeLine(tt.in); got != tt.line {
			t.Errorf("NormalizeLine(%q) = %q, want %q", tt.in, got, tt.line)
		}
		if got := NormalizeNote(tt.in); got != tt.note {
			t.Errorf("NormalizeNote(%q) = %q, want %q", tt.in, got, tt.note)
		}
	}
	if err := ValidateNote(NormalizeNote("Pasted\r\nfrom\tWindows\r\n")); err != nil {
		t.Errorf("a normalised Windows paste is refused: %v", err)
	}
}

// checkTextError asserts err is nil when wantMsg is "", else a *TextError for
// field at wantPos whose Msg holds wantMsg and whose Fix says what to do.
func checkTextError(t *testing.T, err error, field string, wantPos int, wantMsg string) {
	t.Helper()
	if wantMsg == "" {
		if err != nil {
			t.Fatalf("got %v, want no error", err)
		}
		return
	}
	var te *TextError
	if !errors.As(err, &te) {
		t.Fatalf("got %v, want a *TextError", err)
	}
	if te.Field != field || te.Pos != wantPos || !strings.Contains(te.Msg, wantMsg) || te.Fix == "" {
		t.Fatalf("got %+v, want field %q, position %d, a message with %q and a fix", te, field, wantPos, wantMsg)
	}
}

var benchInputs = []struct{ name, s string }{
	{"clean_ascii", "Ana Lima - Head of Growth, Acme Analytics Ltd"},
	{"clean_unicode", "José Müller-Łukasiewicz, 東京データ株式会社 محمد"},
	{"escapes", "\x1b]52;c;SGVsbG8=\a\x1b[31mAna\x1b[0m Lima\r\n"},
	{"zalgo", zalgo},
}

func BenchmarkSanitize(b *testing.B) {
	for _, in := range benchInputs {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in.s)))
			for b.Loop() {
				_ = Sanitize(in.s)
			}
		})
	}
}

func BenchmarkSanitizeBlock(b *testing.B) {
	note := strings.Repeat("Called twice, left a voicemail; follow up on Tuesday.\n", 40)
	b.ReportAllocs()
	b.SetBytes(int64(len(note)))
	for b.Loop() {
		_ = SanitizeBlock(note)
	}
}

// TestClassifyShortcutsSkipNoMarks guards classify's shortcuts past the mark
// table: a later Unicode version must not add a combining mark inside them.
func TestClassifyShortcutsSkipNoMarks(t *testing.T) {
	for _, span := range [][2]rune{{0xa0, 0x2ff}, {0x4e00, 0x9fff}, {0xac00, 0xd7a3}} {
		for r := span[0]; r <= span[1]; r++ {
			if unicode.In(r, unicode.Mn, unicode.Me) {
				t.Errorf("%U is a combining mark but classify treats it as a letter", r)
			}
		}
	}
}

func TestStripHidden(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                  "plain",
		"admin\u202enimda":       "adminnimda",
		"a\u200Bb\u2060c\uFEFFd": "abcd",
		"a\u2028b":               "ab",
		"مهرداد\u200Cزاده":       "مهرداد\u200Cزاده", // a joiner is part of the name
		"שלום\u200F":             "שלום",
	} {
		if got := StripHidden(in); got != want {
			t.Errorf("StripHidden(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPrintableASCIIPrefix checks the word-at-a-time scan against a byte loop, for
// every byte at every position of a 20-byte text.
func TestPrintableASCIIPrefix(t *testing.T) {
	want := func(s string) int {
		for i := 0; i < len(s); i++ {
			if s[i] < 0x20 || s[i] >= 0x7f {
				return i
			}
		}
		return len(s)
	}
	base := []byte("abcdefghij ~!@#$%^&*")
	for pos := range base {
		for c := range 256 {
			b := append([]byte(nil), base...)
			b[pos] = byte(c)
			for n := 0; n <= len(b); n++ {
				if got, w := printableASCIIPrefix(string(b[:n])), want(string(b[:n])); got != w {
					t.Fatalf("printableASCIIPrefix(%q) = %d, want %d", b[:n], got, w)
				}
			}
		}
	}
}
