package tui

import "charm.land/bubbles/v2/key"

// PersonaKeys work on the persona cards.
type PersonaKeys struct {
	Left, Right, New, Edit, Delete, Leads key.Binding
}

// BoardKeys work on the buyer-journey board.
type BoardKeys struct {
	Left, Right, MoveBack, MoveOn, MoveNote, Guide, Filter, Note, Edit, AddStage, StageLeft, StageRight key.Binding
}

func bind(keys []string, k, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, desc))
}

func defaultPersonaKeys() PersonaKeys {
	return PersonaKeys{
		Left:   bind([]string{"h", "left"}, "h/←", "left"),
		Right:  bind([]string{"l", "right"}, "l/→", "right"),
		New:    bind([]string{"c"}, "c", "new persona"),
		Edit:   bind([]string{"e"}, "e", "edit persona"),
		Delete: bind([]string{"d"}, "d", "delete persona"),
		Leads:  bind([]string{"o"}, "o", "open its leads"),
	}
}

func defaultBoardKeys() BoardKeys {
	return BoardKeys{
		Left:       bind([]string{"h", "left"}, "h/←", "previous stage"),
		Right:      bind([]string{"l", "right"}, "l/→", "next stage"),
		MoveBack:   bind([]string{"H"}, "H", "move card back"),
		MoveOn:     bind([]string{"L"}, "L", "move card on"),
		MoveNote:   bind([]string{"m"}, "m", "move with a note"),
		Guide:      bind([]string{"i"}, "i", "stage guide"),
		Filter:     bind([]string{"f"}, "f", "filter by persona, owner, campaign"),
		Note:       bind([]string{"n"}, "n", "note"),
		Edit:       bind([]string{"e"}, "e", "edit stage guide"),
		AddStage:   bind([]string{"a"}, "a", "add a stage"),
		StageLeft:  bind([]string{"<"}, "<", "move stage left"),
		StageRight: bind([]string{">"}, ">", "move stage right"),
	}
}
