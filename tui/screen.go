package tui

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"align/model"
)

// Screen is one tab of the workspace. Screens are components: App sizes them, hands
// them the keys nobody above them took and every message addressed to them, and
// composes their View with the header, status bar and help line.
type Screen interface {
	// Init returns the screen's first loads.
	Init() tea.Cmd
	Update(msg tea.Msg) (Screen, tea.Cmd)
	// View renders exactly the size last given to SetSize.
	View() string
	SetSize(w, h int)
	// ShortHelp lists the keys for the help line; FullHelp the titled groups for `?`.
	ShortHelp() []key.Binding
	FullHelp() []HelpGroup
}

// Capturer is a screen that sometimes owns the keyboard (a filter being typed); while
// Capturing reports true, App passes it every key before its own global keys.
type Capturer interface {
	Capturing() bool
}

// Nester is a screen that sometimes shows a view inside itself: a lead's detail, a
// persona, the stage guide. While Nested reports true, q goes back like esc, since q
// quits only at the top level (product.md's key table; ctrl+c always quits).
type Nester interface {
	Nested() bool
}

// Filterer is a screen that sometimes keeps a filter after typing it, or a selection;
// esc clears them before it stops following a teammate (product.md's esc order).
type Filterer interface {
	Filtered() bool
}

// Commander is a screen that offers commands to the palette, such as the triage
// actions on the lead under the cursor.
type Commander interface {
	Commands() []Command
}

// screenDef registers one screen: its number key (1..6 of product.md), its tab label
// and how to build it. Adding a screen is one line in screenDefs.
type screenDef struct {
	Number int
	Name   string
	New    func(c *Context) Screen
	// Leads says the screen shows leads, where u undoes my last change to one; on the
	// others u is refused rather than reach back to a lead nobody is looking at.
	Leads bool
}

// screenDefs are the screens built so far, in tab order. A screen not built yet has
// no tab. Personas (2), Journey (3) and KPIs (4) plug in here.
var screenDefs = []screenDef{
	{1, "Queues", newQueueScreen, true},
	{2, "Personas", newPersonaScreen, false},
	{3, "Journey", newJourneyScreen, true},
	{5, "Feed", newFeedScreen, true},
	{6, "Team", newTeamScreen, false},
}

// Context is what every screen of one session shares: the deps, the current theme and
// the key map. It belongs to one App; screens read it, App alone changes it.
type Context struct {
	Deps  Deps
	Theme *Theme
	Keys  KeyMap
	// Settings are the workspace's name and SLA targets, once loaded.
	Settings model.Settings
	// Members is the team, once loaded; forms offer it when assigning owners.
	Members []model.Member
	// membersRead says Members was read from the store, which may hold no member: a
	// local workspace whose only user is the local administrator.
	membersRead bool
	// Now is the time the screens show, refreshed by the minute tick.
	Now time.Time
	// Names shows personas, journey stages and campaigns by name (names.go).
	Names *nameBook
	// room is who else is here and where, as the presence hub last said (presence.go).
	room roomState
}

// Me is the member at the keyboard.
func (c *Context) Me() model.Member { return c.Deps.Me }

// env is the lifecycle environment at the context's time, for asking the model which
// actions fit a lead.
func (c *Context) env() model.Env {
	sla := c.Settings.SLA
	if sla.Accept == 0 {
		sla = model.DefaultSLA()
	}
	members := c.Members
	return model.Env{Now: c.Now, SLA: sla, Member: func(name string) (model.Member, bool) {
		for _, m := range members {
			if m.Name == name {
				return m, true
			}
		}
		return model.Member{}, false
	}}
}

// Command is one entry of the command palette: an action to take, a screen to open
// or a lead to show.
type Command struct {
	// Label is what the palette lists and fuzzy-matches.
	Label string
	// Also is more words the palette matches but does not show: a triage action's
	// name as the command line and the help spell it ("verdict", "touch").
	Also string
	// Key is the shortcut shown next to the label, if any.
	Key string
	// Refusal, when set, says why the member may not run it now; the palette does not
	// offer the command, lists it marked only when asked for by name, and choosing it
	// then shows this sentence.
	Refusal error
	// Run returns what choosing the command does.
	Run func() tea.Cmd
}
