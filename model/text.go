package model

// Text validation on the way in. Lead names, companies, notes and persona text
// come from CSV files and from other people, so they are untrusted: the checks
// here refuse what could drive a terminal (controls, escapes), hide or reorder
// text (bidi controls, zero-width characters) or break a layout (stacks of
// combining marks), and say where the problem is so a person can fix it.
// The sanitiser that neutralises text on the way out is in sanitize.go.
// See reliability.md, "Terminal escape injection".

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Caps on text fields. They bound what one field can cost in memory, storage and
// screen space; the note cap is in bytes because notes are stored and sent whole.
const (
	// MaxNoteBytes caps a note, a dispute argument or persona notes.
	MaxNoteBytes = 16 << 10
	// MaxNameRunes caps a person's name.
	MaxNameRunes = 200
	// MaxEmailBytes is the longest address SMTP can carry (RFC 5321 path limit).
	MaxEmailBytes = 254
	// MaxCombiningMarks is how many combining marks may follow one base
	// character: enough for Vietnamese (e + circumflex + dot below), too few
	// for "Zalgo" text that spills over the lines above and below.
	MaxCombiningMarks = 2
)

// TextError says which field holds unacceptable text, where and what to do.
// Importers add the row and column in front of Error(); forms show it as is.
type TextError struct {
	// Field names the field as a person knows it ("name", "email", or an
	// imported attribute's column header).
	Field string
	// Pos is the 1-based position, in characters, of the first offending
	// character; 0 when the problem is the text as a whole (too long, no @).
	Pos int
	// Msg says what is wrong, as a phrase following the field name
	// ("has an escape character (ESC)").
	Msg string
	// Fix says what to do about it ("remove control characters and try again").
	Fix string
}

// Error reads as one sentence without a final period, so callers can prefix it:
// "name has an escape character (ESC) at position 7; remove control characters
// and try again".
func (e *TextError) Error() string {
	var b strings.Builder
	b.WriteString(e.Field)
	b.WriteByte(' ')
	b.WriteString(e.Msg)
	if e.Pos > 0 {
		fmt.Fprintf(&b, " at position %d", e.Pos)
	}
	if e.Fix != "" {
		b.WriteString("; ")
		b.WriteString(e.Fix)
	}
	return b.String()
}

// NormalizeLine turns tabs into spaces, the one control character a single-line
// field forgives: spreadsheets and pasted text carry them innocently. Call it
// before ValidateLine; it returns s itself when there is no tab.
func NormalizeLine(s string) string {
	if strings.IndexByte(s, '\t') < 0 {
		return s
	}
	return strings.ReplaceAll(s, "\t", " ")
}

// NormalizeNote turns Windows (CRLF) and old Mac (CR) line endings into "\n"
// and tabs into spaces, so text pasted from anywhere passes ValidateNote unless
// it holds a real control character. It returns s itself when there is nothing
// to change.
func NormalizeNote(s string) string {
	if strings.IndexAny(s, "\r\t") < 0 {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.NewReplacer("\r", "\n", "\t", " ").Replace(s)
}

// Plural counts a word for people: "1 lead", "3 leads", "9,240 leads".
func Plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return GroupDigits(int64(n)) + " " + word + "s"
}

// StripHidden removes the characters the sanitiser drops on display (bidi controls,
// zero-width characters other than the joiners names are spelled with, line
// separators) from text being typed or pasted: what the person sees in the input is
// then what is stored, and a typed U+202E cannot turn the input's line around.
// It returns s itself when there is nothing to remove.
func StripHidden(s string) string {
	hidden := func(r rune) bool {
		c := classify(r, utf8.RuneLen(r))
		return c.dropped() && c != runeJoiner
	}
	if !strings.ContainsFunc(s, hidden) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if hidden(r) {
			return -1
		}
		return r
	}, s)
}

// ValidateLine checks a single-line field such as a name or a company: valid
// UTF-8, no control characters (call NormalizeLine first to forgive tabs), no
// bidi controls, zero-width characters or line separators, at most
// MaxCombiningMarks marks per character and at most maxRunes characters
// (no cap when maxRunes <= 0). Text that passes is printed unchanged by Sanitize.
// The error is a *TextError naming field.
func ValidateLine(field, s string, maxRunes int) error {
	return checkText(field, s, maxRunes, false)
}

// ValidateNote checks multi-line text such as a note: at most MaxNoteBytes,
// valid UTF-8, no control characters except "\n" (call NormalizeNote first to
// forgive CRLF and tabs), at most MaxCombiningMarks marks per character.
// Bidi marks are allowed, since right-to-left prose needs them; SanitizeBlock
// drops them on display. The error is a *TextError naming "note".
func ValidateNote(s string) error {
	return validateNoteField("note", s)
}

// validateNoteField is ValidateNote for a note-like field with another name,
// such as a dispute argument.
func validateNoteField(field, s string) error {
	if len(s) > MaxNoteBytes {
		return &TextError{Field: field,
			Msg: fmt.Sprintf("is %d bytes long, more than the %d (16 KiB) allowed", len(s), MaxNoteBytes),
			Fix: "shorten it and try again"}
	}
	return checkText(field, s, 0, true)
}

// checkText walks s once and reports the first problem. Multi-line text may
// hold "\n" and the characters Sanitize drops silently (bidi and zero-width);
// single-line text may not, except the zero-width joiner and non-joiner that
// names in Persian, Indic scripts and emoji are spelled with (reliability.md
// rejects bidi controls and separators there, not these). Characters that are
// dropped on display do not end
// a run of combining marks, so what passes here is never cut by the sanitiser.
func checkText(field, s string, maxRunes int, multiline bool) error {
	// Most text is printable ASCII, plain characters one byte each: skip it without
	// decoding, then walk the rest (if any) as below.
	i := printableASCIIPrefix(s)
	pos, marks := i, 0
	if maxRunes > 0 && pos > maxRunes {
		return tooLong(field, maxRunes)
	}
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		pos++
		if maxRunes > 0 && pos > maxRunes {
			return tooLong(field, maxRunes)
		}
		c := classify(r, size)
		switch {
		case c == runePlain:
			marks = 0
		case c == runeMark:
			marks++
			if marks > MaxCombiningMarks {
				return &TextError{Field: field, Pos: pos,
					Msg: fmt.Sprintf("has more than %d accents or other combining marks on one character", MaxCombiningMarks),
					Fix: "remove the extra marks and try again"}
			}
		case multiline && c == runeNewline:
			marks = 0
		case c == runeJoiner:
			// Persian and Indic names need ZWNJ and ZWJ, and emoji sequences ZWJ: kept as
			// typed, dropped on display like every zero-width character.
		case multiline && c.dropped():
		default:
			return refusal(field, pos, r, c)
		}
		i += size
	}
	return nil
}

// printableASCIIPrefix is the length of the longest prefix of s made of printable
// ASCII characters (space to tilde), which classify calls runePlain.
func printableASCIIPrefix(s string) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	// Eight bytes at a time: a word is all printable when no byte has its high bit
	// set, none is below 0x20 and none is 0x7f (the classic "has a byte less than n"
	// and "has a zero byte" tests, exact for bytes under 0x80).
	for ; i+8 <= len(s); i += 8 {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		below := (w - 0x20*ones) &^ w
		del := w ^ 0x7f*ones
		if (w|below|(del-ones)&^del)&highs != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return i
		}
	}
	return len(s)
}

func tooLong(field string, maxRunes int) *TextError {
	return &TextError{Field: field,
		Msg: fmt.Sprintf("is longer than the %d characters allowed", maxRunes),
		Fix: "shorten it and try again"}
}

// refusal explains why one character is not accepted.
func refusal(field string, pos int, r rune, c runeClass) *TextError {
	e := &TextError{Field: field, Pos: pos, Fix: "remove control characters and try again"}
	switch {
	case c == runeInvalid:
		e.Msg = "has bytes that are not valid UTF-8 text"
		e.Fix = "save the file or text as UTF-8 and try again"
	case r == 0x1b:
		e.Msg = "has an escape character (ESC)"
	case c == runeTab:
		e.Msg = "has a tab"
		e.Fix = "replace it with a space and try again"
	case c == runeNewline:
		e.Msg = "has a line break"
		e.Fix = "keep it on one line and try again"
	case r == '\r':
		e.Msg = "has a carriage return (CR)"
	case c == runeControl || c == runeC1:
		e.Msg = fmt.Sprintf("has a control character (%U)", r)
	case c == runeBidi:
		e.Msg = fmt.Sprintf("has a text-direction control (%U)", r)
		e.Fix = "remove it and try again"
	case c == runeInvisible:
		e.Msg = fmt.Sprintf("has an invisible character (%U)", r)
		e.Fix = "remove it and try again"
	default: // runeSeparator
		e.Msg = fmt.Sprintf("has a line or paragraph separator (%U)", r)
		e.Fix = "use a space instead and try again"
	}
	return e
}

// runeClass is what validation and the sanitiser do with one character.
type runeClass uint8

const (
	runePlain     runeClass = iota // printed as is
	runeControl                    // C0 (except tab and newline) or DEL: caret notation
	runeTab                        // shown as a space
	runeNewline                    // kept in blocks, caret notation in lines
	runeC1                         // U+0080-U+009F: U+FFFD
	runeBidi                       // text-direction control: dropped
	runeInvisible                  // zero-width character: dropped
	runeJoiner                     // zero-width (non-)joiner, part of how a name is spelled: dropped
	runeSeparator                  // U+2028/U+2029: dropped
	runeMark                       // combining mark: capped per base character
	runeInvalid                    // a byte that is not UTF-8: U+FFFD
)

// dropped reports whether the sanitiser removes the character without a trace.
func (c runeClass) dropped() bool {
	return c == runeBidi || c == runeInvisible || c == runeJoiner || c == runeSeparator
}

// classify sorts one decoded character; size tells an invalid byte (RuneError,
// size 1) from a real U+FFFD (size 3).
func classify(r rune, size int) runeClass {
	if r < utf8.RuneSelf {
		switch {
		case r >= 0x20 && r != 0x7f:
			return runePlain
		case r == '\t':
			return runeTab
		case r == '\n':
			return runeNewline
		}
		return runeControl
	}
	switch {
	case r == utf8.RuneError && size == 1:
		return runeInvalid
	case r <= 0x9f:
		return runeC1
	case r < 0x300: // Latin-1 and Latin Extended: no marks, no format characters
		return runePlain
	case 0x4e00 <= r && r <= 0x9fff, 0xac00 <= r && r <= 0xd7a3:
		// CJK ideographs and Hangul syllables, the largest blocks of letters,
		// skip the table search below.
		return runePlain
	case r == 0x061c, r == 0x200e, r == 0x200f, 0x202a <= r && r <= 0x202e, 0x2066 <= r && r <= 0x2069:
		return runeBidi
	case r == 0x200c, r == 0x200d:
		return runeJoiner
	case r == 0x200b, r == 0x2060, r == 0xfeff:
		return runeInvisible
	case r == 0x2028, r == 0x2029:
		return runeSeparator
	case unicode.In(r, unicode.Mn, unicode.Me):
		return runeMark
	}
	return runePlain
}
