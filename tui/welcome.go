package tui

import (
	"context"
	"regexp"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"align/model"
)

// Welcome is what the first-run screen needs. cmd/align decides once, when it opens
// the store, that the store is empty, and hands this to App.Welcome.
type Welcome struct {
	// DataDir is the store's directory, for the import command the screen shows.
	DataDir string
	// LoadSample loads the sample workspace into the store. It must refuse, with a
	// sentence, a store that is no longer empty.
	LoadSample func(ctx context.Context) error
}

// Welcome makes the app open on the first-run screen instead of the empty inbox.
func (a *App) Welcome(w Welcome) *App {
	a.welcome = &welcomeScreen{w: w, keys: newWelcomeKeys(),
		spin: spinner.New(spinner.WithSpinner(spinner.MiniDot))}
	return a
}

// welcomeScreen is the first-run screen of an empty store: what align is, and one key
// each to load the sample workspace, to see how to import a CSV, or to quit.
type welcomeScreen struct {
	w    Welcome
	keys welcomeKeys
	spin spinner.Model
	// importHelp shows the import instructions in place of the sample's line.
	importHelp bool
	busy       bool
	// refused is the sentence of a load that did not happen; enter then opens the
	// workspace as it stands.
	refused string
}

type welcomeKeys struct {
	Sample, Import, Open, Quit key.Binding
}

func newWelcomeKeys() welcomeKeys {
	return welcomeKeys{
		Sample: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "load the sample workspace")),
		Import: key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "import leads from a CSV file")),
		Open:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open the workspace")),
		Quit:   key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
	}
}

// sampleLoaded reports the end of loading the sample workspace.
type sampleLoaded struct{ Err error }

// welcomeUpdate gives the welcome screen the keys and its own messages while it is
// shown; handled false lets App treat the message as usual (sizes, colours, feed).
func (a *App) welcomeUpdate(msg tea.Msg) (cmd tea.Cmd, handled bool) {
	w := a.welcome
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		k := w.keys
		switch {
		case key.Matches(msg, a.ctx.Keys.Global.ForceQuit), !w.busy && key.Matches(msg, k.Quit):
			a.quitting = true
			return a.quit(), true
		case w.busy:
			// q waits for the load to finish; ctrl+c still quits at once.
		case w.refused != "" && key.Matches(msg, k.Open):
			a.welcome = nil
		case w.refused == "" && key.Matches(msg, k.Sample):
			w.busy, w.importHelp = true, false
			load, ctx := w.w.LoadSample, a.ctx.Deps.ctx()
			return tea.Batch(w.spin.Tick, func() tea.Msg { return sampleLoaded{Err: load(ctx)} }), true
		case key.Matches(msg, k.Import):
			w.importHelp = !w.importHelp
		}
		return nil, true
	case tea.PasteMsg, tea.MouseMsg:
		return nil, true
	case spinner.TickMsg:
		if !w.busy {
			return nil, true
		}
		var c tea.Cmd
		w.spin, c = w.spin.Update(msg)
		return c, true
	case sampleLoaded:
		w.busy = false
		if msg.Err != nil {
			w.refused = clean(sentence(msg.Err))
			return nil, true
		}
		a.welcome = nil
		a.status = status{text: "Loaded the sample workspace. Press ? for the keys of each screen."}
		// The store's feed says to reload as well; asking here makes the inbox fill
		// whether or not that item has arrived yet.
		return tea.Batch(a.loadSettings(), a.broadcast(feedMsg{Item: model.FeedItem{Reload: true}}),
			loadNames(a.ctx.Deps.Store)), true
	}
	return nil, false
}

// welcomeText is the widest the welcome's text runs, for lines a person can read.
const welcomeText = 88

// view draws the whole frame, width x height.
func (w *welcomeScreen) view(th *Theme, width, height int) string {
	text := min(width-4, welcomeText)
	var lines []string
	// add indents wrapped text; a continuation line keeps the indent of its first.
	add := func(indent int, s string) {
		for _, l := range wrap(s, text-indent) {
			lines = append(lines, strings.Repeat(" ", 2+indent)+l)
		}
	}
	option := func(b key.Binding, desc string) {
		first := len(lines)
		add(6, desc)
		if first < len(lines) {
			lines[first] = "  " + th.HelpKey.Render(fit(b.Help().Key, 6)) + strings.TrimLeft(lines[first], " ")
		}
	}
	lines = append(lines, th.Title.Render(trunc("align · welcome", width)), "")
	add(0, th.Bold.Render("align is where marketing and sales work leads together, in the terminal:"))
	add(0, th.Bold.Render("triage under an SLA, shared buyer personas, and the buyer journey board."))
	lines = append(lines, "")
	intro := len(lines) - 2 // what gives way first when the terminal is short
	where := "This workspace is empty: "
	if w.refused != "" {
		where = "Workspace: "
	}
	add(0, th.Muted.Render(where)+clean(w.w.DataDir))
	lines = append(lines, "")
	switch {
	case w.busy:
		add(0, w.spin.View()+" Loading the sample workspace: about 2,000 leads, 5 personas, 8 teammates…")
		return block(lines, width, height)
	case w.refused != "":
		add(0, th.StatusError.Render(w.refused))
		lines = append(lines, "")
		option(w.keys.Open, "Open the workspace as it is")
	default:
		option(w.keys.Sample, "Load the sample workspace into it: about 2,000 leads in every stage, 5 buyer personas, the buyer journey and 8 teammates")
	}
	option(w.keys.Import, "Import your own leads from a CSV file")
	if w.importHelp {
		dir := clean(ShellQuote(w.w.DataDir))
		cmd := func(s string) {
			for _, l := range shellLines(s, max(text-8, 10)) {
				lines = append(lines, strings.Repeat(" ", 10)+th.Bold.Render(l))
			}
		}
		add(6, "Quit (q), then import the file into this workspace:")
		cmd("align import --data " + dir + " leads.csv")
		add(6, "Check a file first without writing anything:")
		cmd("align import --data " + dir + " --dry-run leads.csv")
		add(6, "Headers are matched to lead fields by name; map any other one:")
		cmd("align import --data " + dir + " --map 'Full Name=name' leads.csv")
		add(6, "Then open align on the same directory again.")
	}
	option(w.keys.Quit, "Quit")
	if len(lines) > height {
		// A short terminal keeps the choices and the commands, not the introduction.
		lines = append(lines[:2], lines[2+intro:]...)
	}
	return block(lines, width, height)
}

// shellLines breaks a command into lines of at most w cells between its shell words
// only: never inside a word, a quoted argument ('Full Name=name') or a flag
// (--dry-run), so what is copied from the screen is the command. A word longer than
// w gets a line of its own.
func shellLines(cmd string, w int) []string {
	var words []string
	start, quoted := 0, false
	for i, r := range cmd {
		switch {
		case r == '\'':
			quoted = !quoted
		case r == ' ' && !quoted:
			words = append(words, cmd[start:i])
			start = i + 1
		}
	}
	words = append(words, cmd[start:])
	var out []string
	line := ""
	for _, word := range words {
		switch {
		case line == "":
			line = word
		case width(line)+1+width(word) <= w:
			line += " " + word
		default:
			out = append(out, line)
			line = word
		}
	}
	return append(out, line)
}

// shellSafe is what a path may hold to be pasted into a shell unquoted.
var shellSafe = regexp.MustCompile(`^[A-Za-z0-9/._~+:@%-]+$`)

// ShellQuote quotes a path for a POSIX shell when it needs it; the local command line
// (cmd/align) quotes the data directory with it too.
func ShellQuote(s string) string {
	if shellSafe.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
