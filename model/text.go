package model

// Text validation (on the way in) and the terminal sanitiser (on the way out).
// See reliability.md, "Terminal escape injection".

import (
	"fmt"
	"unicode/utf8"
)

// MaxNoteBytes caps a note, a dispute argument or persona notes.
const MaxNoteBytes = 16 << 10

// ValidateLine checks a single-line field of at most maxRunes runes.
func ValidateLine(field, s string, maxRunes int) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("%s is not valid UTF-8 text", field)
	}
	if n := utf8.RuneCountInString(s); n > maxRunes {
		return fmt.Errorf("%s is %d characters long; the most is %d", field, n, maxRunes)
	}
	return nil
}

// ValidateNote checks multi-line text such as a note.
func ValidateNote(s string) error {
	if len(s) > MaxNoteBytes {
		return fmt.Errorf("the note is %d bytes; the most is %d", len(s), MaxNoteBytes)
	}
	if !utf8.ValidString(s) {
		return fmt.Errorf("the note is not valid UTF-8 text")
	}
	return nil
}
