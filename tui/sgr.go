package tui

import "strings"

// mergeRuns joins neighbouring runs of the same style in one rendered line: where a
// style is reset and the very same style starts again after at most mergeGapMax
// spaces, the reset and the repeat are dropped and the spaces take the style. Bubble
// Tea parses every escape sequence of every frame into cells, so a table row that
// styles each cell on its own costs parsing it does not need; but every styled cell
// costs a colour comparison each frame too, about as much as a sequence, so a long
// gap stays plain. The line looks the same: spaces only join a style that shows
// nothing on a blank (colour, bold, faint, italic); underline, reverse,
// strike-through and background colours are left alone. Anything it does not
// understand is copied as it is.
// mergeGapMax is the longest run of spaces a style is carried over.
const mergeGapMax = 2

func mergeRuns(s string) string {
	if strings.Count(s, "\x1b[") < 4 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	active := ""  // parameters of the style in force, "" when none
	pending := "" // parameters of a style just reset, waiting to see what follows
	gap := 0      // spaces seen since that reset
	flush := func() {
		if pending != "" {
			b.WriteString("\x1b[m")
			b.WriteString(strings.Repeat(" ", gap))
			pending, gap = "", 0
		}
	}
	for i := 0; i < len(s); {
		if s[i] == ' ' && pending != "" {
			gap++
			i++
			continue
		}
		params, n, ok := sgrAt(s, i)
		if !ok {
			flush()
			b.WriteByte(s[i])
			i++
			continue
		}
		i += n
		switch {
		case params == "" || params == "0":
			if active != "" && pending == "" {
				pending, active = active, ""
				continue
			}
			flush()
			active = ""
			b.WriteString("\x1b[m")
		case pending != "" && params == pending && (gap == 0 || gap <= mergeGapMax && blankSafe(params)):
			// The same style again: keep it running over the gap.
			b.WriteString(strings.Repeat(" ", gap))
			active, pending, gap = params, "", 0
		default:
			flush()
			if active != "" {
				// Styles that stack are left as they are.
				active = "\x00"
			} else {
				active = params
			}
			b.WriteString(s[i-n : i])
		}
	}
	flush()
	return b.String()
}

// sgrAt reads an SGR sequence ("\x1b[...m") at s[i]: its parameters and length.
func sgrAt(s string, i int) (params string, n int, ok bool) {
	if i+1 >= len(s) || s[i] != 0x1b || s[i+1] != '[' {
		return "", 0, false
	}
	for j := i + 2; j < len(s); j++ {
		c := s[j]
		switch {
		case c >= '0' && c <= '9' || c == ';':
		case c == 'm':
			return s[i+2 : j], j + 1 - i, true
		default:
			return "", 0, false
		}
	}
	return "", 0, false
}

// blankSafe reports whether an SGR's parameters show nothing on a space: foreground
// colours, bold, faint and italic only.
func blankSafe(params string) bool {
	f := strings.Split(params, ";")
	for i := 0; i < len(f); i++ {
		switch f[i] {
		case "1", "2", "3", "22", "23", "39":
		case "38":
			switch {
			case i+2 < len(f) && f[i+1] == "5":
				i += 2
			case i+4 < len(f) && f[i+1] == "2":
				i += 4
			default:
				return false
			}
		default:
			return false
		}
	}
	return true
}
