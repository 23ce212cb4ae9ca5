package tui

import (
	"charm.land/bubbles/v2/key"

	"align/model"
)

// KeyMap holds every key binding of the workspace, grouped by where it works. It is
// built per session by DefaultKeyMap, never shared, and its help text is written for
// marketers and sales reps.
type KeyMap struct {
	Global GlobalKeys
	List   ListKeys
	Queue  QueueKeys
	// Personas and Board are the persona cards' and the journey board's keys (board_keys.go).
	Personas PersonaKeys
	Board    BoardKeys
	// Team is follow mode, started from the Team screen.
	Team TeamKeys
}

// TeamKeys follow a teammate: your view shows theirs until esc.
type TeamKeys struct {
	Follow, Unfollow key.Binding
}

// GlobalKeys work on every screen.
type GlobalKeys struct {
	Quit, ForceQuit, Help, Palette, Back, NextScreen, PrevScreen, Undo key.Binding
	// Screens are the number keys 1..6 of product.md, in screen order.
	Screens [6]key.Binding
}

// ListKeys move through any list.
type ListKeys struct {
	Up, Down, Top, Bottom, PageUp, PageDown, Open, Filter, Select key.Binding
}

// QueueKeys are the triage keys of the lead queues.
type QueueKeys struct {
	PrevQueue, NextQueue                                  key.Binding
	Accept, Reject, Disqualify, Dispute, Verdict, Qualify key.Binding
	Touch, Won, Lost, Assign, Note, ScrollUp, ScrollDown  key.Binding
	// MarkMQL hands an inquiry or a recycled lead to sales as an MQL (marketing).
	MarkMQL key.Binding
	// Persona links the lead, or the selection, to a persona (persona_link.go).
	Persona key.Binding
}

// DefaultKeyMap returns the keys of product.md's key table.
func DefaultKeyMap() KeyMap {
	b := func(keys []string, k, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, desc))
	}
	var km KeyMap
	km.Global = GlobalKeys{
		Quit:       b([]string{"q"}, "q", "quit"),
		ForceQuit:  b([]string{"ctrl+c"}, "ctrl+c", "quit"),
		Help:       b([]string{"?"}, "?", "help"),
		Palette:    b([]string{":", "ctrl+k"}, ":", "commands"),
		Back:       b([]string{"esc"}, "esc", "back"),
		NextScreen: b([]string{"tab"}, "tab", "next screen"),
		PrevScreen: b([]string{"shift+tab"}, "shift+tab", "previous screen"),
		Undo:       b([]string{"u"}, "u", "undo my last change to a lead"),
	}
	names := []string{"queues", "personas", "journey", "KPIs", "feed", "team"}
	for i := range km.Global.Screens {
		k := string(rune('1' + i))
		km.Global.Screens[i] = b([]string{k}, k, names[i])
	}
	km.List = ListKeys{
		Up:       b([]string{"k", "up"}, "k/↑", "up"),
		Down:     b([]string{"j", "down"}, "j/↓", "down"),
		Top:      b([]string{"g", "home"}, "g", "top"),
		Bottom:   b([]string{"G", "end"}, "G", "bottom"),
		PageUp:   b([]string{"pgup", "ctrl+b"}, "pgup", "page up"),
		PageDown: b([]string{"pgdown", "ctrl+f"}, "pgdn", "page down"),
		Open:     b([]string{"enter"}, "enter", "open"),
		Filter:   b([]string{"/"}, "/", "filter"),
		Select:   b([]string{"space"}, "space", "select"),
	}
	km.Queue = QueueKeys{
		PrevQueue:  b([]string{"["}, "[", "previous queue"),
		NextQueue:  b([]string{"]"}, "]", "next queue"),
		Accept:     b([]string{"a"}, "a", "accept"),
		Reject:     b([]string{"r"}, "r", "reject"),
		Disqualify: b([]string{"x"}, "x", "disqualify"),
		Dispute:    b([]string{"D"}, "D", "dispute"),
		Verdict:    b([]string{"V"}, "V", "verdict"),
		Qualify:    b([]string{"s"}, "s", "qualify to SQL"),
		Touch:      b([]string{"t"}, "t", "log a contact"),
		Won:        b([]string{"w"}, "w", "won"),
		Lost:       b([]string{"l"}, "l", "lost"),
		Assign:     b([]string{"o"}, "o", "assign owner"),
		Note:       b([]string{"n"}, "n", "note"),
		MarkMQL:    b([]string{"M"}, "M", "mark as MQL"),
		ScrollUp:   b([]string{"ctrl+u"}, "ctrl+u", "scroll detail up"),
		ScrollDown: b([]string{"ctrl+d"}, "ctrl+d", "scroll detail down"),
	}
	km.Personas, km.Board = defaultPersonaKeys(), defaultBoardKeys()
	km.Queue.Persona = bind([]string{"p"}, "p", "persona")
	km.Team = TeamKeys{
		Follow:   b([]string{"f"}, "f", "follow"),
		Unfollow: b([]string{"esc"}, "esc", "stop following"),
	}
	return km
}

// actionKeys pairs each triage action with its key, in the order help lists them:
// the moves forward first, so that a narrow help line keeps the likely next key of an
// accepted lead or an SQL (it showed "r reject · x disqualify" and cut "t touch").
func (k QueueKeys) actionKeys() []actionKey {
	return []actionKey{
		{model.ActAccept, k.Accept}, {model.ActQualify, k.Qualify}, {model.ActTouch, k.Touch},
		{model.ActWon, k.Won}, {model.ActLost, k.Lost}, {model.ActReject, k.Reject}, {model.ActDisqualify, k.Disqualify},
		{model.ActDispute, k.Dispute}, {model.ActVerdict, k.Verdict}, {model.ActMarkMQL, k.MarkMQL},
		{model.ActNote, k.Note}, {model.ActAssign, k.Assign}, {model.ActPersona, k.Persona},
	}
}

// actionKey is one triage action and the key that takes it.
type actionKey struct {
	Action model.Action
	Key    key.Binding
}
