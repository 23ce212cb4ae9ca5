package tui

import (
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"align/model"
)

// Terminal sizes: below the minimum a placeholder asks for more room; above the
// maximum the size is clamped, so a hostile or broken client cannot make a frame cost
// gigabytes.
const (
	MinWidth  = 60
	MinHeight = 15
	MaxWidth  = 500
	MaxHeight = 200
)

// App is the root model of one workspace session: header, screen tabs, the active
// screen, status bar and help line, plus the overlays (form, palette, help) that take
// the keyboard while open.
type App struct {
	ctx  *Context
	defs []screenDef
	// screens are built the first time they are shown; nil until then.
	screens []Screen
	active  int
	// starting holds the first loads of screens built while handling a message.
	starting []tea.Cmd
	// welcome is the first-run screen of an empty store while it is shown (welcome.go).
	welcome *welcomeScreen

	width, height int
	rawW, rawH    int

	status status
	help   bool
	// helpScroll is how far the full help is scrolled when it does not fit (help_full.go).
	helpScroll int
	// helpLine keeps the last rendered help line, which rarely changes between frames.
	helpLine helpLineCache
	// chrome keeps the header and tabs between frames.
	chrome  chromeCache
	palette *palette
	form    *actionForm
	draft   *formDraft // what a triage form closed with esc held (form_draft.go)

	// live is this session's part in the room (presence_app.go); bar caches the status bar.
	live liveState
	bar  statusCache

	isDark, noColor bool
	// themeChosen and muted are the member's palette choices for the session (prefs.go).
	themeChosen, muted bool
	quitting           bool
	// statusTimer clears the status bar's message when its time is up (statusbar.go).
	statusTimer statusTimer
	// noTick stops the minute tick and the status bar's timer; the test harness sets
	// it, since the tick never returns in time.
	noTick bool
}

// New builds the workspace for one session.
func New(deps Deps) *App {
	ctx := &Context{Deps: deps, Theme: NewTheme(true), Keys: DefaultKeyMap(), Now: deps.now(), Names: &nameBook{}}
	a := &App{ctx: ctx, defs: screenDefs, isDark: true, width: 80, height: 24, rawW: 80, rawH: 24}
	// Only the opening screen is built now; the others when first shown (app_screens.go).
	a.screens = make([]Screen, len(a.defs))
	a.build(a.active)
	a.resize()
	return a
}

// Init asks for the background colour, loads the settings and the opening screen, and
// starts the change feed and the minute tick.
func (a *App) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor, a.loadSettings(), loadNames(a.ctx.Deps.Store), a.waitFeed(), a.tick(), a.waitPresence(), a.missedMentions()}
	for _, s := range a.screens {
		if s != nil {
			cmds = append(cmds, s.Init())
		}
	}
	return tea.Batch(cmds...)
}

// Update handles one message in a fixed order: size, colour, keys (overlays first,
// then global keys, then the active screen), then everything else by owner. A panic
// anywhere below is caught here and shown in the status bar instead of killing the
// teammate's session.
func (a *App) Update(msg tea.Msg) (m tea.Model, cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			a.status = status{text: fmt.Sprintf("Something broke while handling that (%v); the workspace is still running.", r), err: true}
			m, cmd = a, nil
		}
	}()
	defer func() { cmd = a.started(cmd) }()
	defer func() { cmd = a.together(cmd) }()
	shown := a.status
	defer func() { cmd = a.timeStatus(shown, cmd) }()
	if k, ok := msg.(tea.KeyPressMsg); ok && a.tooSmall() {
		return a, a.keyTooSmall(k)
	}
	if a.welcome != nil {
		if c, handled := a.welcomeUpdate(msg); handled {
			return a, c
		}
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.rawW, a.rawH = msg.Width, msg.Height
		a.resize()
		return a, nil
	case tea.BackgroundColorMsg:
		if a.themeChosen { // the member picked one in the palette (prefs.go)
			return a, nil
		}
		a.isDark = msg.IsDark()
		return a, a.retheme()
	case tea.EnvMsg:
		_, a.noColor = msg.LookupEnv("NO_COLOR")
		return a, a.retheme()
	case tea.KeyPressMsg:
		if msg.Text != "" {
			// Typed text loses what the sanitiser would hide (model.StripHidden), so
			// every input shows what will be stored; a key of nothing else is none.
			if msg.Text = model.StripHidden(msg.Text); msg.Text == "" {
				return a, nil
			}
		}
		return a, a.key(msg)
	case tea.PasteMsg:
		msg.Content = model.StripHidden(msg.Content)
		return a, a.toFocus(msg)
	case tea.MouseWheelMsg:
		if a.form == nil && a.palette == nil && !a.help {
			return a, a.toActive(msg)
		}
		return a, nil
	case tea.MouseClickMsg:
		if a.form == nil && a.palette == nil && !a.help && !a.tooSmall() {
			// Screens see clicks in their own coordinates, below the header and tabs.
			msg.Y -= 2
			return a, a.toActive(msg)
		}
		return a, nil
	case feedMsg:
		var names, settings tea.Cmd
		if namesStale(msg.Item) {
			names = loadNames(a.ctx.Deps.Store)
		}
		if msg.Item.Reload || msg.Item.Event.Kind == model.EventMemberChanged {
			// The roster changed: the Team screen and the assign form list who is there now.
			settings = a.loadSettings()
		}
		a.mentioned(msg.Item)
		return a, tea.Batch(a.broadcast(msg), a.waitFeed(), names, settings)
	case missedMentionsMsg:
		a.showMissed(msg)
		return a, nil
	case namesLoaded:
		if msg.Err == nil {
			a.ctx.Names = newNameBook(msg, a.ctx.Names.Version()+1)
		}
		return a, nil
	case feedClosedMsg, presenceClosedMsg:
		return a, nil
	case presenceMsg:
		return a, a.presenceNews(msg.News)
	case followMsg:
		return a, a.startFollowing(msg.Name)
	case tickMsg:
		a.ctx.Now = a.ctx.Deps.now()
		return a, tea.Batch(a.broadcast(msg), a.tick())
	case flashMsg:
		a.status = status{text: msg.Text, err: msg.Err}
		return a, nil
	case statusExpiredMsg:
		a.statusExpired(msg)
		return a, nil
	case settingsLoaded:
		if msg.Err != nil {
			a.status = status{text: sentence(fmt.Errorf("could not load the workspace settings: %w", msg.Err)), err: true}
		} else {
			a.ctx.Settings, a.ctx.Members, a.ctx.membersRead = msg.Settings, msg.Members, true
		}
		return a, a.broadcast(msg)
	case openFormMsg:
		a.form, a.palette, a.help = a.withDraft(msg.Form), nil, false
		a.form.restyle(a.ctx.Theme)
		return a, a.form.form.Init()
	case staleFormMsg:
		return a, a.reopenStale(msg)
	case actionDoneMsg:
		text, isErr := outcome(msg)
		a.status = status{text: text, err: isErr}
		return a, a.broadcast(msg)
	case switchScreenMsg:
		a.switchTo(msg.Number)
		return a, nil
	case paletteSearched:
		if a.palette != nil {
			_, c := a.palette.update(msg, a.ctx)
			return a, c
		}
		return a, nil
	}
	var cmds []tea.Cmd
	if a.form != nil {
		cmds = append(cmds, a.formUpdate(msg))
	}
	if a.palette != nil {
		_, c := a.palette.update(msg, a.ctx)
		cmds = append(cmds, c)
	}
	cmds = append(cmds, a.broadcast(msg))
	return a, tea.Batch(cmds...)
}

// key routes a key press: overlays first, then a screen typing into its own input,
// then the global keys, then the active screen.
func (a *App) key(msg tea.KeyPressMsg) tea.Cmd {
	g := a.ctx.Keys.Global
	a.dropError()
	if key.Matches(msg, g.ForceQuit) {
		a.quitting = true
		return a.quit()
	}
	switch {
	case a.form != nil:
		if key.Matches(msg, g.Back) {
			a.closeForm()
			return nil
		}
		return a.formUpdate(msg)
	case a.palette != nil:
		done, cmd := a.palette.update(msg, a.ctx)
		if done {
			a.palette = nil
		}
		return cmd
	case a.help:
		a.helpKey(msg)
		return nil
	}
	if c, ok := a.screens[a.active].(Capturer); ok && c.Capturing() {
		return a.toActive(msg)
	}
	if key.Matches(msg, g.Quit) && a.ctx.room.following != "" {
		// q while following stops following, as esc's last step does: it ended the
		// session of someone who only watched a teammate's screen.
		return a.stopFollowing()
	}
	if key.Matches(msg, g.Quit) && a.nested() {
		return a.key(tea.KeyPressMsg{Code: tea.KeyEscape}) // q inside a view goes back, as esc does
	}
	if a.ctx.room.following != "" && key.Matches(msg, g.Back) && !a.filtered() {
		// A filter I typed is mine, and esc clears it first (product.md's esc order); a
		// detail open because the leader's is, is theirs: esc stops following.
		return a.stopFollowing()
	}
	if f := a.ctx.room.following; f != "" && a.movesView(msg) {
		// My view is theirs while I follow: a move of my own would show something else
		// under the banner that says it shows what they show. Actions still work on the
		// lead shown.
		a.status = status{text: fmt.Sprintf("You are following %s, so your screen moves with theirs; esc stops following and gives you the keys back.", clean(f))}
		return nil
	}
	switch {
	case key.Matches(msg, g.Quit):
		a.quitting = true
		return a.quit()
	case key.Matches(msg, g.Help):
		a.help, a.helpScroll = true, 0
		return nil
	case key.Matches(msg, g.Palette):
		a.palette = newPalette(a.ctx.Theme, a.commands())
		return nil
	case key.Matches(msg, g.NextScreen):
		a.leaveScreen()
		a.active = (a.active + 1) % len(a.screens)
		a.built(a.active)
		return nil
	case key.Matches(msg, g.PrevScreen):
		a.leaveScreen()
		a.active = (a.active + len(a.screens) - 1) % len(a.screens)
		a.built(a.active)
		return nil
	case key.Matches(msg, g.Undo):
		return a.undo()
	}
	for i, b := range g.Screens {
		if key.Matches(msg, b) {
			a.leaveScreen()
			if !a.switchTo(i + 1) {
				a.status = status{text: fmt.Sprintf("The %s screen is not built yet.", b.Help().Desc)}
			}
			return nil
		}
	}
	return a.toActive(msg)
}

// leaveScreen drops a passing status as I leave a screen for another: "Cancelled;
// nothing changed." stayed for seconds over a screen it was not about. An error, or
// a message that waits for my next key, stays.
func (a *App) leaveScreen() {
	if !a.status.err && !a.status.keep {
		a.status = status{}
	}
}

// nested reports whether the active screen shows a view inside itself, where q goes
// back instead of quitting.
func (a *App) nested() bool {
	n, ok := a.screens[a.active].(Nester)
	return ok && n.Nested()
}

// movesView reports whether a key moves the view: the cursor, the queue, the board's
// column or the screen.
func (a *App) movesView(msg tea.KeyPressMsg) bool {
	k := a.ctx.Keys
	moves := []key.Binding{k.List.Up, k.List.Down, k.List.Top, k.List.Bottom, k.List.PageUp, k.List.PageDown,
		k.Queue.PrevQueue, k.Queue.NextQueue, k.Board.Left, k.Board.Right, k.Global.NextScreen, k.Global.PrevScreen}
	return key.Matches(msg, append(moves, k.Global.Screens[:]...)...)
}

// filtered reports whether the active screen keeps a filter that esc clears.
func (a *App) filtered() bool {
	f, ok := a.screens[a.active].(Filterer)
	return ok && f.Filtered()
}

// quit releases the feed subscription and ends the program.
func (a *App) quit() tea.Cmd {
	if a.ctx.Deps.CloseFeed != nil {
		a.ctx.Deps.CloseFeed()
		a.ctx.Deps.CloseFeed = nil
	}
	return tea.Quit
}

// switchTo shows the screen with the number key n, building it the first time; false
// when there is none yet.
func (a *App) switchTo(n int) bool {
	for i, d := range a.defs {
		if d.Number == n {
			a.active = i
			a.built(i)
			return true
		}
	}
	return false
}

// formUpdate feeds the open form and submits it when complete.
func (a *App) formUpdate(msg tea.Msg) tea.Cmd {
	f := a.form
	cmd := f.update(msg)
	switch f.form.State {
	case huh.StateCompleted:
		a.form = nil
		if a.draft.fits(f) {
			a.draft = nil
		}
		return f.submit(a.ctx)
	case huh.StateAborted:
		a.closeForm()
		return nil
	}
	return cmd
}

// toFocus gives pasted text to whatever has the keyboard.
func (a *App) toFocus(msg tea.Msg) tea.Cmd {
	switch {
	case a.form != nil:
		return a.formUpdate(msg)
	case a.palette != nil:
		_, c := a.palette.update(msg, a.ctx)
		return c
	}
	return a.toActive(msg)
}

// toActive hands a message to the active screen only.
func (a *App) toActive(msg tea.Msg) tea.Cmd {
	s, cmd := a.screens[a.active].Update(msg)
	a.screens[a.active] = s
	return cmd
}

// broadcast hands a message to every screen built so far; each ignores what is not its
// own, and a screen built later loads what is current then.
func (a *App) broadcast(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(a.screens))
	for i, s := range a.screens {
		if s == nil {
			continue
		}
		var cmd tea.Cmd
		a.screens[i], cmd = s.Update(msg)
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

// resize clamps the terminal size and sizes every screen to the body.
func (a *App) resize() {
	a.width = min(max(a.rawW, 0), MaxWidth)
	a.height = min(max(a.rawH, 0), MaxHeight)
	if a.tooSmall() {
		return
	}
	for _, s := range a.screens {
		if s != nil {
			s.SetSize(a.width, a.bodyHeight())
		}
	}
}

func (a *App) tooSmall() bool { return a.width < MinWidth || a.height < MinHeight }

// keyTooSmall answers a key while the terminal is too small to draw the workspace:
// nothing on screen shows what a key would act on, so only quitting works (q, unless
// a form holds typed text; ctrl+c always). A triage key used to act on the lead under
// the hidden cursor.
func (a *App) keyTooSmall(msg tea.KeyPressMsg) tea.Cmd {
	g := a.ctx.Keys.Global
	if key.Matches(msg, g.ForceQuit) || (key.Matches(msg, g.Quit) && a.form == nil) {
		a.quitting = true
		return a.quit()
	}
	return nil
}

// bodyHeight is what is left for the screen under the header and tabs and above the
// status bar and help line.
func (a *App) bodyHeight() int { return a.height - 4 }

// retheme rebuilds the theme after the background or NO_COLOR became known.
func (a *App) retheme() tea.Cmd {
	if a.noColor {
		a.ctx.Theme = NewPlainTheme(a.isDark)
	} else {
		a.ctx.Theme = NewTheme(a.isDark)
	}
	if a.form != nil {
		a.form.restyle(a.ctx.Theme)
	}
	return a.broadcast(themeChangedMsg{})
}

// loadSettings reads the workspace name, SLA targets and team once at start.
func (a *App) loadSettings() tea.Cmd {
	st := a.ctx.Deps.Store
	return func() tea.Msg {
		s, err := st.Settings()
		if err != nil {
			return settingsLoaded{Err: err}
		}
		ms, err := st.Members()
		return settingsLoaded{Settings: s, Members: ms, Err: err}
	}
}

// waitFeed waits for the next item of the change feed; Update re-arms it after each.
func (a *App) waitFeed() tea.Cmd {
	ch := a.ctx.Deps.Feed
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		it, ok := <-ch
		if !ok {
			return feedClosedMsg{}
		}
		return feedMsg{Item: it}
	}
}

// tick refreshes clocks and the header time at each minute.
func (a *App) tick() tea.Cmd {
	if a.noTick {
		return nil
	}
	return every(a.ctx.Deps.ctx(), time.Minute, func(t time.Time) tea.Msg { return tickMsg{At: t} })
}

// commands are the palette's entries: the active screen's, then screens and globals.
func (a *App) commands() []Command {
	var out []Command
	if c, ok := a.screens[a.active].(Commander); ok {
		out = append(out, c.Commands()...)
	}
	for _, d := range a.defs {
		n := d.Number
		out = append(out, Command{Label: "Go to " + d.Name, Key: fmt.Sprint(n), Run: func() tea.Cmd {
			a.leaveScreen()
			return func() tea.Msg { return switchScreenMsg{Number: n} }
		}})
	}
	out = append(out, a.followCommands()...)
	out = append(out, a.prefCommands()...)
	undo := Command{Label: model.ActUndo.Label(), Key: "u", Refusal: a.undoRefusal()}
	undo.Run = a.undo
	out = append(out, undo,
		Command{Label: "Help for this screen", Key: "?", Run: func() tea.Cmd {
			a.help, a.helpScroll = true, 0
			return nil
		}},
		Command{Label: "Quit", Key: "q", Run: func() tea.Cmd { return a.quit() }})
	return out
}

// undo is u: my last change to a lead is undone where the screen shows leads.
func (a *App) undo() tea.Cmd {
	if err := a.undoRefusal(); err != nil {
		return errCmd(err)
	}
	return undoCmd(a.ctx)
}

// undoRefusal says why u does nothing here: the role may not undo, or the screen
// shows no lead, and u there reached back to an older lead change nobody was looking
// at (new-user review: u on Personas undid a lead change, since persona edits are not
// undoable).
func (a *App) undoRefusal() error {
	if err := model.Check(a.ctx.Me().Role, model.ActUndo); err != nil {
		return err
	}
	if d := a.defs[a.active]; !d.Leads {
		return fmt.Errorf("the u key undoes your last change to a lead, and %s shows none: press u on the Queues screen (1) or in the lead", d.Name)
	}
	return nil
}
