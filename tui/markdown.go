package tui

import (
	"fmt"
	"image/color"
	"strings"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/ansi"
)

// markdownStyle builds glamour's style from the theme's tokens, so messaging notes
// wear the session's colours. glamour's own auto style would read the server's
// terminal, which over SSH is not the teammate's.
func markdownStyle(th *Theme) ansi.StyleConfig {
	p := th.Palette
	yes := true
	zero, two := uint(0), uint(2)
	bar := "│ "
	prim := func(c color.Color) ansi.StylePrimitive { return ansi.StylePrimitive{Color: hexColor(c)} }
	heading := ansi.StylePrimitive{Color: hexColor(p.Primary), Bold: &yes}
	return ansi.StyleConfig{
		Document:              ansi.StyleBlock{StylePrimitive: prim(p.Text), Margin: &zero},
		Paragraph:             ansi.StyleBlock{StylePrimitive: prim(p.Text)},
		BlockQuote:            ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Color: hexColor(p.Muted), Italic: &yes}, Indent: &zero, IndentToken: &bar},
		List:                  ansi.StyleList{LevelIndent: 2},
		Heading:               ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Color: hexColor(p.Primary), Bold: &yes, BlockSuffix: "\n"}},
		H1:                    ansi.StyleBlock{StylePrimitive: heading},
		H2:                    ansi.StyleBlock{StylePrimitive: heading},
		H3:                    ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Color: hexColor(p.Marketing), Bold: &yes}},
		H4:                    ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Color: hexColor(p.Marketing)}},
		H5:                    ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Color: hexColor(p.Muted)}},
		H6:                    ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Color: hexColor(p.Muted)}},
		Text:                  prim(p.Text),
		Emph:                  ansi.StylePrimitive{Italic: &yes},
		Strong:                ansi.StylePrimitive{Bold: &yes},
		Strikethrough:         ansi.StylePrimitive{CrossedOut: &yes},
		HorizontalRule:        ansi.StylePrimitive{Color: hexColor(p.Muted), Format: "\n────────\n"},
		Item:                  ansi.StylePrimitive{BlockPrefix: "• "},
		Enumeration:           ansi.StylePrimitive{BlockPrefix: ". "},
		Task:                  ansi.StyleTask{Ticked: "[✓] ", Unticked: "[ ] "},
		Link:                  ansi.StylePrimitive{Color: hexColor(p.Sales), Underline: &yes},
		LinkText:              ansi.StylePrimitive{Color: hexColor(p.Sales), Bold: &yes},
		ImageText:             ansi.StylePrimitive{Color: hexColor(p.Muted), Format: "Image: {{.text}}"},
		Code:                  ansi.StyleBlock{StylePrimitive: prim(p.Warn)},
		CodeBlock:             ansi.StyleCodeBlock{StyleBlock: ansi.StyleBlock{StylePrimitive: prim(p.Warn), Margin: &two}},
		Table:                 ansi.StyleTable{StyleBlock: ansi.StyleBlock{StylePrimitive: prim(p.Text)}},
		DefinitionDescription: ansi.StylePrimitive{BlockPrefix: "\n· "},
	}
}

// hexColor is a colour as glamour reads it; nil (the colourless theme) leaves the
// terminal's own.
func hexColor(c color.Color) *string {
	if c == nil {
		return nil
	}
	r, g, b, _ := c.RGBA()
	s := fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, b>>8)
	return &s
}

// renderMarkdown renders a user's Markdown at w cells in the theme's colours, as lines
// exactly w wide. The text is sanitised first, so the only escape sequences in the
// result are glamour's own styling. When glamour fails, the plain text is shown.
func renderMarkdown(th *Theme, src string, w int) []string {
	w = max(w, 10)
	safe := joinListContinuations(cleanBlock(src))
	var out []string
	r, err := glamour.NewTermRenderer(glamour.WithStyles(markdownStyle(th)), glamour.WithWordWrap(w))
	if err == nil {
		var s string
		if s, err = r.Render(safe); err == nil {
			out = strings.Split(strings.Trim(s, "\n"), "\n")
		}
	}
	if err != nil {
		out = wrapBlock(safe, w)
	}
	for i := range out {
		out[i] = fit(out[i], w)
	}
	return out
}

// markdownCache keeps one rendered note by what it depends on, so a frame never
// renders Markdown again.
type markdownCache struct {
	id      string
	version uint64
	width   int
	theme   *Theme
	lines   []string
}

// get returns the note's lines, rendering them only when the note, width or theme changed.
func (m *markdownCache) get(th *Theme, id string, version uint64, src string, w int) []string {
	if m.lines == nil || m.id != id || m.version != version || m.width != w || m.theme != th {
		*m = markdownCache{id: id, version: version, width: w, theme: th, lines: renderMarkdown(th, src, w)}
	}
	return m.lines
}

// joinListContinuations joins the indented continuation lines of a list item to the
// item. Markdown reads such a line break as a space, but glamour keeps it, which
// would break a wrapped item in the middle of the line; fenced code is left alone.
func joinListContinuations(src string) string {
	lines := strings.Split(src, "\n")
	out := make([]string, 0, len(lines))
	fence, item := false, false
	for _, ln := range lines {
		t := strings.TrimSpace(ln)
		switch {
		case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
			fence, item = !fence, false
		case fence:
		case t == "":
			item = false
		case isListItem(t):
			item = true
		case item && strings.HasPrefix(ln, " ") && !strings.HasPrefix(t, "#") && !strings.HasPrefix(t, ">"):
			out[len(out)-1] += " " + t
			continue
		default:
			item = false
		}
		out = append(out, ln)
	}
	return strings.Join(out, "\n")
}

// isListItem reports whether a trimmed line starts a Markdown list item.
func isListItem(t string) bool {
	if strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") || strings.HasPrefix(t, "+ ") {
		return true
	}
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(t) && (t[i] == '.' || t[i] == ')') && t[i+1] == ' '
}
