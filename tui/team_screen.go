package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"align/model"
)

// teamScreen lists the members, their roles, who is online and where, and what each
// role may do, so everyone knows whom to ask; f follows the member under the cursor.
type teamScreen struct {
	c      *Context
	sel    int
	offset int
	w, h   int
	filter listFilter
}

func newTeamScreen(c *Context) Screen {
	return &teamScreen{c: c, filter: newListFilter(c.Theme, "name or role")}
}

// Init has nothing to load: App reads the team with the settings.
func (t *teamScreen) Init() tea.Cmd { return nil }

func (t *teamScreen) SetSize(w, h int) { t.w, t.h = w, h; t.clamp() }

// Capturing reports whether the filter owns the keyboard.
func (t *teamScreen) Capturing() bool { return t.filter.typing }

// Filtered reports whether a filter is kept, which esc clears.
func (t *teamScreen) Filtered() bool { return t.filter.active() }

// roster is the team as the store holds it, with the member at the keyboard first
// when the store does not hold them: a local workspace's administrator is no stored
// member, and with nobody else the screen said "Loading the team…" for ever.
func (t *teamScreen) roster() []model.Member {
	me := t.c.Me()
	if !t.c.membersRead || slices.ContainsFunc(t.c.Members, func(m model.Member) bool { return m.Name == me.Name }) {
		return t.c.Members
	}
	return append([]model.Member{me}, t.c.Members...)
}

// members are the members the filter lets through.
func (t *teamScreen) members() []model.Member {
	if !t.filter.active() {
		return t.roster()
	}
	var out []model.Member
	for _, m := range t.roster() {
		if t.filter.matches(m.Name, m.Role.Label(), string(m.Role)) {
			out = append(out, m)
		}
	}
	return out
}

// Update moves the cursor and runs the filter.
func (t *teamScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case themeChangedMsg:
		t.filter.input = restyleInput(t.filter.input, t.c.Theme)
		return t, nil
	case tea.KeyPressMsg, tea.PasteMsg:
		if used, changed, cmd := t.filter.update(msg, t.c.Keys); used {
			if changed {
				t.sel, t.offset = 0, 0
			}
			t.clamp()
			return t, cmd
		}
	}
	lk := t.c.Keys.List
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(msg, t.c.Keys.Team.Follow):
			if ms := t.members(); t.sel < len(ms) {
				name := ms[t.sel].Name
				return t, func() tea.Msg { return followMsg{Name: name} }
			}
		case key.Matches(msg, lk.Down):
			t.sel++
		case key.Matches(msg, lk.Up):
			t.sel--
		case key.Matches(msg, lk.Top):
			t.sel = 0
		case key.Matches(msg, lk.Bottom):
			t.sel = len(t.members()) - 1
		}
	}
	t.clamp()
	return t, nil
}

// listRows is how many members fit under the title, the filter, the headings and
// the line that spells out what the member under the cursor may do.
func (t *teamScreen) listRows() int {
	n := t.h - 2 - len(t.canDo())
	if t.filter.shown() {
		n--
	}
	return max(n, 1)
}

func (t *teamScreen) clamp() {
	t.sel = min(max(t.sel, 0), max(len(t.members())-1, 0))
	rows := t.listRows()
	if t.sel < t.offset {
		t.offset = t.sel
	}
	if t.sel >= t.offset+rows {
		t.offset = t.sel - rows + 1
	}
}

// Column widths of the team table: names take up to teamNameW, roles teamRoleW; the
// "Can do" column takes the rest of the width.
const (
	teamNameW = 18
	teamRoleW = 11
)

// View lists the team: name, role, where each member is in the workspace right now,
// and what the role may do; under the list, what the member under the cursor may do,
// whole, since a long list is cut in its column at 80 or 120 columns.
func (t *teamScreen) View() string {
	th := t.c.Theme
	ms := t.members()
	title := fmt.Sprintf("Team · %s", model.Plural(len(t.roster()), "member"))
	if r := &t.c.room; r.room != nil {
		title += fmt.Sprintf(" · %d online", r.online)
	}
	lines := []string{th.Title.Render(title)}
	if t.filter.shown() {
		lines = append(lines, t.filter.line(th, len(ms), t.w))
	}
	// The Name and Online columns are as wide as what they show on the rows drawn
	// (within limits), so the "Can do" column gets the room the others leave.
	end := min(len(ms), t.offset+t.listRows())
	wheres, nameW, whereW := make([]string, 0, end-t.offset), len("Name"), len("Online")
	for i := t.offset; i < end; i++ {
		w, _ := t.where(ms[i])
		wheres = append(wheres, w)
		whereW = max(whereW, width(w))
		nameW = max(nameW, width(clean(ms[i].Name)))
	}
	nameW, whereW = min(nameW, teamNameW), min(whereW, max(t.w/3, 16), 44)
	// Two spaces between columns: with one, "● you · Team" ran into "accept, reject".
	const gap = "  "
	lines = append(lines, th.TableHeader.Render(fit("  "+fit("Name", nameW)+gap+fit("Role", teamRoleW)+gap+fit("Online", whereW)+gap+"Can do", t.w)))
	for i := t.offset; i < end && len(lines) < t.h; i++ {
		m := ms[i]
		may := strings.Join(actionNames(m.Role), ", ")
		_, online := t.where(m)
		where := fit(wheres[i-t.offset], whereW)
		if i == t.sel {
			lines = append(lines, th.Selected.Render(fit("▸ "+fit(clean(m.Name), nameW)+gap+fit(m.Role.Label(), teamRoleW)+gap+where+gap+may, t.w)))
			continue
		}
		role := th.Team(m.Role.Team()).Render(fit(m.Role.Label(), teamRoleW))
		if m.Role.Team() == "" {
			role = th.Muted.Render(fit(m.Role.Label(), teamRoleW))
		}
		if online {
			where = th.Text.Render(where)
		} else {
			where = th.Muted.Render(where)
		}
		lines = append(lines, trunc("  "+th.Bold.Render(fit(clean(m.Name), nameW))+gap+role+gap+where+gap+th.Muted.Render(may), t.w))
	}
	switch {
	case !t.c.membersRead:
		lines = append(lines, th.Muted.Render("Loading the team…"))
	case len(ms) == 0:
		lines = append(lines, th.Muted.Render("Nobody matches the filter; esc clears it."))
	case len(t.roster()) == 1:
		lines = append(lines, "")
		for _, ln := range t.addHint(t.w) {
			lines = append(lines, th.Muted.Render(ln))
		}
	}
	if can := t.canDo(); len(can) > 0 && len(lines)+len(can) <= t.h {
		for _, ln := range can {
			lines = append(lines, th.Muted.Render(ln))
		}
	}
	return block(lines, t.w, t.h)
}

// addHint says how to add teammates to a team of one, w cells wide: the command on
// lines of its own, broken between shell words only, so it can be copied.
func (t *teamScreen) addHint(w int) []string {
	roles := make([]string, len(model.Roles))
	for i, r := range model.Roles {
		roles[i] = string(r)
	}
	how := "To add a teammate, run in a shell:"
	if !t.c.Deps.Local {
		how = "An admin adds a teammate over ssh:"
	}
	// With the workspace's own --data or ssh address: without them the command added
	// the teammate to the default data directory (new-user review).
	cmd := t.c.Deps.commandLine("user add NAME --role ROLE --key FILE.pub", "user add NAME --role ROLE --key - < FILE.pub")
	if cmd == "" {
		cmd = "align user add NAME --role ROLE --key FILE.pub"
	}
	out := wrap("Nobody else is on the team yet. "+how, w)
	for _, ln := range shellLines(cmd, max(w-2, 1)) {
		out = append(out, "  "+ln)
	}
	roleLine := fmt.Sprintf("ROLE is one of %s or %s.", strings.Join(roles[:len(roles)-1], ", "), roles[len(roles)-1])
	return append(out, wrap(roleLine, w)...)
}

// canDoLines is the most lines the sentence under the list takes: an admin's, whole
// at 80 columns.
const canDoLines = 4

// canDo spells out, after a blank line, what the member under the cursor may do,
// wrapped to the width (at most canDoLines lines): "Amara (Admin) can accept (claim)
// the lead, reject with a reason, …".
func (t *teamScreen) canDo() []string {
	ms := t.members()
	if t.sel >= len(ms) || t.w <= 0 {
		return nil
	}
	m := ms[t.sel]
	who := clean(m.Name) + " (" + m.Role.Label() + ")"
	text := who + " can only read."
	if acts := roleActions(m.Role, model.Action.Label); len(acts) > 0 {
		text = who + " can " + joinAnd(acts) + "."
	}
	lines := wrap(text, t.w)
	if len(lines) > canDoLines {
		lines = lines[:canDoLines]
		lines[canDoLines-1] = trunc(lines[canDoLines-1]+" …", t.w)
	}
	return append([]string{""}, lines...)
}

// joinAnd lists words as a sentence does: "a, b and c".
func joinAnd(ws []string) string {
	if len(ws) < 2 {
		return strings.Join(ws, "")
	}
	return strings.Join(ws[:len(ws)-1], ", ") + " and " + ws[len(ws)-1]
}

// where says whether a member is online and what they are looking at; the member at
// the keyboard is online even without a hub.
func (t *teamScreen) where(m model.Member) (string, bool) {
	r := &t.c.room
	s, ok := r.where(m.Name, screenName)
	me := m.Name == t.c.Me().Name
	switch {
	case ok && me && len(r.followers) > 0:
		return fmt.Sprintf("● you · %d following you", len(r.followers)), true
	case ok && me:
		return "● you · " + s, true
	case ok:
		return "● " + s, true
	case me:
		return "● you", true
	}
	return "—", false
}

// actionNames lists the lead actions a role may take, by their keys' names, or
// "read only".
func actionNames(r model.Role) []string {
	if out := roleActions(r, actionWord); len(out) > 0 {
		return out
	}
	return []string{"read only"}
}

// roleActions lists the lead actions a role may take (undo aside: everyone who acts
// may), each named by name: the command's word for the column, the label for the
// sentence under the list.
func roleActions(r model.Role, name func(model.Action) string) []string {
	var out []string
	for _, a := range model.LeadActions {
		if a != model.ActUndo && model.Can(r, a) {
			out = append(out, name(a))
		}
	}
	return out
}

// actionWord is an action's command-line word: "accept", "verdict".
func actionWord(a model.Action) string { return string(a) }

// ShortHelp lists the team screen's keys.
func (t *teamScreen) ShortHelp() []key.Binding {
	if t.filter.typing {
		return filterTypingHelp()
	}
	return []key.Binding{t.c.Keys.Team.Follow, t.c.Keys.List.Down, t.c.Keys.List.Up, t.c.Keys.List.Filter}
}

// FullHelp lists every key of the team screen.
func (t *teamScreen) FullHelp() []HelpGroup {
	lk := t.c.Keys.List
	return []HelpGroup{
		{"Follow", []key.Binding{withHelp(t.c.Keys.Team.Follow, "follow: your screen shows theirs"), t.c.Keys.Team.Unfollow}},
		{"List", []key.Binding{lk.Up, lk.Down, lk.Top, lk.Bottom, withHelp(lk.Filter, "filter by name or role")}},
	}
}
