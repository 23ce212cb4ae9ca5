package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// listFilter is `/` on a list held in memory (the feed, the team): it narrows the
// list as one types, enter keeps it, esc clears it.
type listFilter struct {
	input  textinput.Model
	typing bool
	query  string // lower-case
}

func newListFilter(th *Theme, placeholder string) listFilter {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = placeholder
	in.CharLimit = 100
	return listFilter{input: restyleInput(in, th)}
}

// active reports whether the filter narrows the list.
func (f *listFilter) active() bool { return f.query != "" }

// shown reports whether the filter takes a line of the screen.
func (f *listFilter) shown() bool { return f.typing || f.active() }

func (f *listFilter) start() tea.Cmd {
	f.typing = true
	return f.input.Focus()
}

func (f *listFilter) clear() {
	f.typing, f.query = false, ""
	f.input.Reset()
	f.input.Blur()
}

// update handles a key or paste while typing, or esc while a filter is kept; it
// reports whether it used the message and whether the query changed.
func (f *listFilter) update(msg tea.Msg, keys KeyMap) (used, changed bool, cmd tea.Cmd) {
	old := f.query
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, keys.Global.Back) && f.shown():
			f.clear()
			return true, old != "", nil
		case !f.typing && key.Matches(k, keys.List.Filter):
			return true, false, f.start()
		case !f.typing:
			return false, false, nil
		case k.String() == "enter":
			f.typing = false
			f.input.Blur()
			return true, false, nil
		}
	} else if !f.typing {
		return false, false, nil
	}
	f.input, cmd = f.input.Update(msg)
	f.query = strings.ToLower(strings.TrimSpace(f.input.Value()))
	return true, f.query != old, cmd
}

// matches reports whether any of the fields contains the query.
func (f *listFilter) matches(fields ...string) bool {
	if f.query == "" {
		return true
	}
	for _, s := range fields {
		if strings.Contains(strings.ToLower(s), f.query) {
			return true
		}
	}
	return false
}

// line renders the filter with its match count, exactly w cells wide.
func (f *listFilter) line(th *Theme, n, w int) string {
	return filterLine(th, &f.input, f.typing, fmt.Sprintf("%d matching", n), w)
}

// filterTypingHelp is the help line while a filter is typed.
func filterTypingHelp() []key.Binding {
	return []key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep filter")),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
	}
}
