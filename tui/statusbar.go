package tui

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
)

// status is the flash message of the last action or error. A message clears itself
// after statusTTL, an error at the next key (timeStatus, dropError).
type status struct {
	text string
	err  bool
	// keep says the message stays until the next key, as an error does, rather than
	// for statusTTL: one that waited for me (a mention made while I was away).
	keep bool
}

// view renders the status bar at width w.
func (s status) view(th *Theme, w int) string {
	if s.text == "" {
		return strings.Repeat(" ", max(w, 0))
	}
	st := th.Status
	if s.err {
		st = th.StatusError
	}
	return fit(st.Render(trunc(clean(s.text), w)), w)
}

// statusCache keeps the last status bar drawn: the flash message on the left, who is
// online and who follows whom on the right. It is redrawn only when one of them, the
// width or the theme changed, not on every frame.
type statusCache struct {
	status  status
	version int
	width   int
	theme   *Theme
	out     string
}

// statusBar renders the status bar at width w; the flash message wins the room.
func (a *App) statusBar(w int) string {
	c, th, r := &a.bar, a.ctx.Theme, &a.ctx.room
	if c.out != "" && c.status == a.status && c.version == r.version && c.width == w && c.theme == th {
		return c.out
	}
	out := a.status.view(th, w)
	if r.bar != "" {
		left := ""
		if a.status.text != "" {
			st := th.Status
			if a.status.err {
				st = th.StatusError
			}
			left = st.Render(clean(a.status.text))
		}
		out = spread(left, th.Muted.Render(r.bar), w)
	}
	*c = statusCache{status: a.status, version: r.version, width: w, theme: th, out: out}
	return out
}

// longError draws an error too long for the status bar on two lines, the status bar's
// and the help line's, so a refusal is read whole at 80 columns ("...; you are signed
// in as Viewer." was cut to "you are signe…"). ok is false when the error fits one line
// (or is no error): the frame is then the usual one.
func (a *App) longError(w int) (bar, help string, ok bool) {
	text := clean(a.status.text)
	if !a.status.err || width(text) <= w {
		return "", "", false
	}
	lines := wrap(text, w)
	st := a.ctx.Theme.StatusError
	bar = fit(st.Render(trunc(lines[0], w)), w)
	if len(lines) > 1 {
		help = fit(st.Render(trunc(strings.Join(lines[1:], " "), w)), w)
	}
	return bar, fit(help, w), true
}

// dropError clears an error, or a message kept for me, at the next key: it has been
// read, and a long one gives the help line back. Neither times out, so nobody misses
// it by looking away.
func (a *App) dropError() {
	if a.status.err || a.status.keep {
		a.status = status{}
	}
}

// statusTTL is how long a message that is no error stays in the status bar.
const statusTTL = 5 * time.Second

// statusTimer clears the status bar's message when its time is up. Every new message
// gets a new generation; a timer started for an older one finds the generation moved
// on and leaves the bar alone, so no timer is ever stopped or tracked.
type statusTimer struct {
	gen uint64
	// ttl is statusTTL unless a test shortens it.
	ttl time.Duration
}

// statusExpiredMsg says the message of generation gen has been up for its time.
type statusExpiredMsg struct{ gen uint64 }

// timeStatus runs after every Update: when the message changed, it starts the new
// message's timer (none for an error, which waits for a key, or for an empty bar).
// The timer ends with the session's context (after), so a closed session leaves no
// goroutine waiting on it.
func (a *App) timeStatus(before status, cmd tea.Cmd) tea.Cmd {
	if a.status == before {
		return cmd
	}
	a.statusTimer.gen++
	if a.status.text == "" || a.status.err || a.status.keep || a.noTick {
		return cmd
	}
	ttl := a.statusTimer.ttl
	if ttl <= 0 {
		ttl = statusTTL
	}
	msg := statusExpiredMsg{gen: a.statusTimer.gen}
	return tea.Batch(cmd, after(a.ctx.Deps.ctx(), ttl, func(time.Time) tea.Msg { return msg }))
}

// statusExpired clears the message whose time is up, if it is still the one shown.
func (a *App) statusExpired(m statusExpiredMsg) {
	if m.gen == a.statusTimer.gen && !a.status.err {
		a.status = status{}
	}
}

// sentence makes an error read as a sentence: capital first letter, final period.
// Model errors already do; wrapped ones and library errors may not.
func sentence(err error) string {
	if err == nil {
		return ""
	}
	s := strings.TrimSpace(err.Error())
	if s == "" {
		return "Something went wrong."
	}
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") && !strings.HasSuffix(s, "!") {
		s += "."
	}
	return s
}

// spread puts left at the start and right at the end of a line of width w; when both
// do not fit, right gives way.
func spread(left, right string, w int) string {
	lw, rw := width(left), width(right)
	if lw >= w {
		return trunc(left, w)
	}
	if lw+1+rw > w {
		return fit(left+" "+trunc(right, w-lw-1), w)
	}
	return left + strings.Repeat(" ", w-lw-rw) + right
}

// joinColumns puts two blocks of h lines side by side with a separator.
func joinColumns(left, right, sep string, h int) string {
	ls, rs := strings.Split(left, "\n"), strings.Split(right, "\n")
	var b strings.Builder
	for i := 0; i < h; i++ {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i < len(ls) {
			b.WriteString(ls[i])
		}
		b.WriteString(sep)
		if i < len(rs) {
			b.WriteString(rs[i])
		}
	}
	return b.String()
}
