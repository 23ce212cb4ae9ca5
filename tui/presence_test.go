package tui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"align/model"
	"align/tui/tuitest"
)

// fakeRoom is a Presence that records what the session told it. Its Wait says the
// session left at once, so the harness never waits on it; tests deliver news with
// presenceMsg themselves.
type fakeRoom struct {
	sets, moves []Place
	follows     []string
	online      map[string]bool
}

func (f *fakeRoom) Set(p Place)  { f.sets = append(f.sets, p) }
func (f *fakeRoom) Move(p Place) { f.moves = append(f.moves, p) }
func (f *fakeRoom) Follow(name string) error {
	if name != "" && !f.online[name] {
		return errors.New(name + " is not online, so there is nobody to follow")
	}
	f.follows = append(f.follows, name)
	return nil
}
func (f *fakeRoom) Wait() (PresenceNews, bool) { return PresenceNews{}, false }

// newRoomHarness is sam's workspace at w x h connected to a fake room.
func newRoomHarness(t *testing.T, w, h int) (*harness, *fakeRoom) {
	t.Helper()
	return newRoomHarnessWith(t, tuitest.NewStore(tuitest.Workspace(), func() time.Time { return tuitest.Now }), w, h)
}

// newRoomHarnessWith is newRoomHarness on a store of the test's own.
func newRoomHarnessWith(t *testing.T, st *tuitest.Store, w, h int) (*harness, *fakeRoom) {
	t.Helper()
	room := &fakeRoom{online: map[string]bool{"ada": true, "lee": true}}
	a := New(Deps{Store: st, Me: tuitest.Member("sam"), Now: func() time.Time { return tuitest.Now }, Presence: room})
	a.noTick, a.live.noPace = true, true
	hs := &harness{t: t, app: a, store: st, wait: cmdWait}
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.run(a.Init())
	return hs, room
}

// roomOf is a room with sam (session 1) and the peers given.
func roomOf(peers ...Peer) PresenceNews {
	all := append([]Peer{{Session: 1, Name: "sam", Role: model.RoleSDR, Place: Place{Screen: 1, Queue: model.QueueMQL}}}, peers...)
	slices.SortStableFunc(all, func(a, b Peer) int { return strings.Compare(a.Name, b.Name) }) // as the hub sorts
	return PresenceNews{Self: 1, Room: &Room{Peers: all}}
}

// lines splits a frame into plain lines.
func lines(h *harness) []string { return strings.Split(plain(h.view()), "\n") }

func TestPresenceStatusBarShowsOthersOnline(t *testing.T) {
	h, _ := newRoomHarness(t, 120, 40)
	h.send(presenceMsg{News: roomOf(
		Peer{Session: 2, Name: "ada", Role: model.RoleAdmin, Place: Place{Screen: 5}},
		Peer{Session: 3, Name: "lee", Role: model.RoleLeadership, Place: Place{Screen: 6}},
		Peer{Session: 4, Name: "lee", Role: model.RoleLeadership, Place: Place{Screen: 1}},
	)})
	ls := lines(h)
	bar := ls[len(ls)-2]
	if !strings.Contains(bar, "online: ada, lee") || strings.Contains(bar, "sam") {
		t.Errorf("status bar %q, want the others online, each once, without me", bar)
	}
	// A flash message keeps its place on the left; presence gives way on the right.
	h.send(flashMsg{Text: "Accepted."})
	ls = lines(h)
	if bar := ls[len(ls)-2]; !strings.HasPrefix(bar, "Accepted.") || !strings.Contains(bar, "online: ada") {
		t.Errorf("status bar with a flash: %q", bar)
	}
	// At 80 columns, a long flash leaves presence out rather than wrapping.
	h.send(flashMsg{Text: strings.Repeat("long sentence ", 10)})
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	ls = lines(h)
	if w := lipgloss.Width(ls[len(ls)-2]); w != 80 {
		t.Errorf("status bar is %d cells at 80 columns", w)
	}
}

func TestPresenceRowMarkerAndDetailPane(t *testing.T) {
	h, _ := newRoomHarness(t, 120, 40)
	q := h.queue()
	target := q.win.rows[1]
	before := lines(h)
	h.send(presenceMsg{News: roomOf(Peer{Session: 2, Name: "ada", Role: model.RoleAdmin,
		Place: Place{Screen: 1, Queue: model.QueueMQL, Lead: target.ID, Detail: true}})})
	after := lines(h)
	row := after[5] // header, tabs, title, headings, then the rows: the second row
	// The first name: with the tag and a wider SLA column, the name may be cut short.
	first := strings.Fields(clean(target.DisplayName()))[0]
	if !strings.Contains(row, first) || !strings.Contains(row, "◆AD") {
		t.Fatalf("the row of the lead ada has open shows no marker:\n%s", strings.Join(after, "\n"))
	}
	for i := range before {
		if lipgloss.Width(before[i]) != lipgloss.Width(after[i]) {
			t.Errorf("line %d changed width with the marker: %q -> %q", i, before[i], after[i])
		}
	}
	// Sam opens the same lead: the pane says ada is viewing it too.
	h.keys("j", "enter")
	if v := plain(h.view()); !strings.Contains(v, "also viewing: ada") {
		t.Errorf("the detail pane does not say ada is viewing:\n%s", v)
	}
	// Ada closes it: the marker and the line go, although the lead did not change.
	h.send(presenceMsg{News: roomOf(Peer{Session: 2, Name: "ada", Role: model.RoleAdmin, Place: Place{Screen: 1}})})
	if v := plain(h.view()); strings.Contains(v, "also viewing") || strings.Contains(v, "◆AD") {
		t.Errorf("presence stayed after ada closed the lead:\n%s", v)
	}
}

func TestPresenceTeamScreenShowsWhoIsWhere(t *testing.T) {
	h, _ := newRoomHarness(t, 120, 40)
	h.send(presenceMsg{News: roomOf(
		Peer{Session: 2, Name: "ada", Role: model.RoleAdmin, Place: Place{Screen: 1, Queue: model.QueueDisputes, Lead: 42, Detail: true}},
		Peer{Session: 3, Name: "lee", Role: model.RoleLeadership, Place: Place{Screen: 5}, Following: "ada"},
		// The lead by name, sanitised: "#1629" alone told nobody whose detail it was.
		Peer{Session: 4, Name: "mia", Role: model.RoleMarketing, Place: Place{Screen: 1, Queue: model.QueueMQL, Lead: 7, LeadName: "Emeka\x1b[2J Abubakar", Detail: true}},
	)})
	h.key("6")
	v := plain(h.view())
	for _, want := range []string{"4 online", "● Queues · Disputes · #42", "● Feed · following ada", "● you · Queues", "● Queues · MQL inbox · Emeka^[[2J Abu"} {
		if !strings.Contains(v, want) {
			t.Errorf("the Team screen does not show %q:\n%s", want, v)
		}
	}
	for _, l := range strings.Split(v, "\n") {
		if strings.Contains(l, " sia ") && !strings.Contains(l, "—") {
			t.Errorf("sia is offline but her row says %q", l)
		}
	}
}

func TestPresenceSetOnlyOnScreenOrLeadChanges(t *testing.T) {
	h, room := newRoomHarness(t, 120, 40)
	sets, moves := len(room.sets), len(room.moves)
	h.keys("j", "j", "k")
	if len(room.sets) != sets {
		t.Errorf("cursor moves told the room %d times: %v", len(room.sets)-sets, room.sets[sets:])
	}
	if len(room.moves) != moves+3 {
		t.Errorf("%d cursor moves reached the followers, want 3", len(room.moves)-moves)
	}
	h.key("enter")
	if len(room.sets) != sets+1 || !room.sets[sets].Detail || room.sets[sets].Lead == 0 {
		t.Errorf("opening a lead told the room %v", room.sets[sets:])
	}
	h.key("5")
	if last := room.sets[len(room.sets)-1]; last.Screen != 5 || last.Lead != 0 {
		t.Errorf("switching to the feed told the room %+v", last)
	}
	n := len(room.sets)
	h.send(tickMsg{})
	if len(room.sets) != n {
		t.Error("a tick told the room something")
	}
}

func TestFollowFromTeamScreenThenEsc(t *testing.T) {
	h, room := newRoomHarness(t, 120, 40)
	h.send(presenceMsg{News: roomOf(Peer{Session: 2, Name: "ada", Role: model.RoleAdmin, Place: Place{Screen: 1}})})
	h.key("6")
	h.key("f") // the cursor is on ada, first in the list
	if len(room.follows) != 1 || room.follows[0] != "ada" {
		t.Fatalf("f on the Team screen asked to follow %v", room.follows)
	}
	if v := plain(h.view()); !strings.Contains(v, "following ada") {
		t.Errorf("the status bar does not say whom I follow:\n%s", v)
	}
	// Ada is on the Rejected queue with a lead's detail open.
	st := h.store
	rejected, err := st.Page(model.QueueRejected, "sam", nil, 5)
	if err != nil || len(rejected) < 3 {
		t.Fatalf("test workspace: %d rejected leads, %v", len(rejected), err)
	}
	want := rejected[2].ID
	h.send(presenceMsg{News: PresenceNews{Self: 1, HasLead: true, Lead: Place{Screen: 1, Queue: model.QueueRejected, Lead: want, Detail: true}}})
	q := h.queue()
	if h.app.defs[h.app.active].Number != 1 || q.queue() != model.QueueRejected {
		t.Fatalf("following did not bring me to ada's queue: screen %d, queue %s", h.app.defs[h.app.active].Number, q.queue())
	}
	if p := q.place(); p.Lead != want || !p.Detail {
		t.Fatalf("following shows %+v, want lead %s with its detail open", p, want)
	}
	// The help line names what esc does now: it stops following, it does not go back.
	if v := plain(h.view()); !strings.Contains(v, "esc stop following") || strings.Contains(v, "back to the list") {
		t.Errorf("the help line while following a detail:\n%s", v)
	}
	// Ada moves down and closes the detail.
	h.send(presenceMsg{News: PresenceNews{Self: 1, HasLead: true, Lead: Place{Screen: 1, Queue: model.QueueRejected, Lead: rejected[1].ID}}})
	if p := q.place(); p.Lead != rejected[1].ID || p.Detail {
		t.Fatalf("following shows %+v after ada moved", p)
	}
	h.key("esc")
	if len(room.follows) != 2 || room.follows[1] != "" {
		t.Errorf("esc did not stop following: %v", room.follows)
	}
	if v := plain(h.view()); !strings.Contains(v, "You stopped following ada.") || strings.Contains(v, "following ada ·") || strings.Contains(v, "esc stop following") {
		t.Errorf("after esc:\n%s", v)
	}
	// News that comes late no longer moves me.
	h.send(presenceMsg{News: PresenceNews{Self: 1, HasLead: true, Lead: Place{Screen: 5}}})
	if h.app.defs[h.app.active].Number != 1 {
		t.Error("a late move of ada still moved me after I stopped following")
	}
}

func TestFollowRefusals(t *testing.T) {
	h, room := newRoomHarness(t, 120, 40)
	h.send(followMsg{Name: "sam"})
	if v := plain(h.view()); !strings.Contains(v, "You cannot follow yourself") {
		t.Errorf("following myself:\n%s", v)
	}
	h.send(followMsg{Name: "mia"})
	if v := plain(h.view()); !strings.Contains(v, "Mia is not online") && !strings.Contains(v, "mia is not online") {
		t.Errorf("following someone offline:\n%s", v)
	}
	if len(room.follows) != 0 || h.app.ctx.room.following != "" {
		t.Errorf("a refused follow was recorded: %v", room.follows)
	}
	// Without a hub (a local run), follow mode says where it works.
	alone := newHarness(t, "sam", 120, 40)
	alone.send(followMsg{Name: "ada"})
	if v := plain(alone.view()); !strings.Contains(v, "align serve") {
		t.Errorf("following without a hub:\n%s", v)
	}
}

func TestFollowFromPalette(t *testing.T) {
	h, room := newRoomHarness(t, 120, 40)
	h.send(presenceMsg{News: roomOf(Peer{Session: 2, Name: "lee", Role: model.RoleLeadership, Place: Place{Screen: 3}})})
	h.key(":")
	h.typeText("follow lee")
	h.key("enter")
	if len(room.follows) != 1 || room.follows[0] != "lee" {
		t.Fatalf("the palette's Follow lee asked for %v", room.follows)
	}
	h.key(":")
	h.typeText("stop following")
	h.key("enter")
	if len(room.follows) != 2 || room.follows[1] != "" {
		t.Errorf("the palette's Stop following asked for %v", room.follows)
	}
}

func TestFollowedSeesFollowers(t *testing.T) {
	h, _ := newRoomHarness(t, 120, 40)
	h.send(presenceMsg{News: roomOf(
		Peer{Session: 2, Name: "ada", Role: model.RoleAdmin, Place: Place{Screen: 1}, Following: "sam"},
		Peer{Session: 3, Name: "lee", Role: model.RoleLeadership, Place: Place{Screen: 1}, Following: "sam"},
	)})
	if v := plain(h.view()); !strings.Contains(v, "2 following you") {
		t.Errorf("the facilitator's status bar does not count followers:\n%s", v)
	}
	h.key("6")
	if v := plain(h.view()); !strings.Contains(v, "● you · 2 following you") {
		t.Errorf("the Team screen does not show my followers:\n%s", v)
	}
}

func TestInitials(t *testing.T) {
	for in, want := range map[string]string{"sam": "SA", "Ada Lovelace": "AL", "é": "É", "": "?", "--": "?"} {
		if got := initials(in); got != want {
			t.Errorf("initials(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFollowJumpsFar: the teammate's lead is far down a long queue, outside the
// follower's window; it is shown at once, then the window loads around it and the
// cursor stands on it.
func TestFollowJumpsFar(t *testing.T) {
	ws := tuitest.Workspace()
	ws.Leads = tuitest.Leads(500, tuitest.Now)
	h, _ := newRoomHarnessWith(t, tuitest.NewStore(ws, func() time.Time { return tuitest.Now }), 120, 40)
	h.send(followMsg{Name: "ada"})
	q := h.queue()
	mql, err := h.store.Page(model.QueueMQL, "sam", nil, 500)
	if err != nil || len(mql) < 450 {
		t.Fatalf("test store: %d MQL leads, %v", len(mql), err)
	}
	far := mql[449].ID
	if q.rowOf(far) >= 0 {
		t.Fatal("the window already holds the far lead; the test proves nothing")
	}
	h.send(presenceMsg{News: PresenceNews{Self: 1, HasLead: true, Lead: Place{Screen: 1, Queue: model.QueueMQL, Lead: far}}})
	if i := q.rowOf(far); i < 0 || q.sel != i || q.detail.open {
		t.Fatalf("after the jump the cursor is on row %d, the lead on row %d, detail open %v", q.sel, i, q.detail.open)
	}
	// Ada moves one down: an ordinary move within the window now.
	h.send(presenceMsg{News: PresenceNews{Self: 1, HasLead: true, Lead: Place{Screen: 1, Queue: model.QueueMQL, Lead: mql[450].ID, Detail: true}}})
	if p := q.place(); p.Lead != mql[450].ID || !p.Detail || q.detail.pinned != nil {
		t.Fatalf("after ada's next move: %+v, pinned %v", p, q.detail.pinned != nil)
	}
}

// nopRoom is a Presence that forgets what it is told, for benchmarks.
type nopRoom struct{}

func (nopRoom) Set(Place)                  {}
func (nopRoom) Move(Place)                 {}
func (nopRoom) Follow(string) error        { return nil }
func (nopRoom) Wait() (PresenceNews, bool) { return PresenceNews{}, false }

// BenchmarkKeyToFrameInRoom is BenchmarkKeyToFrame's `j` in a room of 100 sessions,
// ten of them with a lead open: what presence adds to a key is telling the
// followers (nobody here) and the cached status bar.
func BenchmarkKeyToFrameInRoom(b *testing.B) {
	a := benchApp(b, 1_000, 200, 60)
	a.ctx.Deps.Presence = nopRoom{}
	rows := a.screens[0].(*queueScreen).win.rows
	peers := make([]Peer, 0, 100)
	for i := 0; i < 100; i++ {
		p := Peer{Session: uint64(i + 2), Name: fmt.Sprintf("m%03d", i), Role: model.RoleSDR, Place: Place{Screen: 1}}
		if i%10 == 0 {
			p.Place.Lead, p.Place.Detail = rows[i].ID, true
		}
		peers = append(peers, p)
	}
	a.Update(presenceMsg{News: PresenceNews{Self: 1, Room: &Room{Peers: peers}}})
	j := tea.KeyPressMsg{Code: 'j', Text: "j"}
	b.ReportAllocs()
	for b.Loop() {
		_, cmd := a.Update(j)
		runSync(a, cmd)
		_ = a.View()
	}
}

// TestFollowIntoTheirLeads: following ben onto "My leads" shows ben's leads, titled
// as his, with his lead under the cursor; esc brings my own back. It showed my own
// queue, so the one followed seemed to look at nothing.
func TestFollowIntoTheirLeads(t *testing.T) {
	h, room := newRoomHarness(t, 120, 40)
	room.online["ben"] = true
	hers, err := h.store.Page(model.QueueMine, "ben", nil, 5)
	if err != nil || len(hers) < 2 {
		t.Fatalf("test workspace: ben owns %d leads, %v", len(hers), err)
	}
	mine, _ := h.store.Count(model.QueueMine, "sam")
	h.send(presenceMsg{News: roomOf(Peer{Session: 2, Name: "ben", Role: model.RoleAE, Place: Place{Screen: 1, Queue: model.QueueMine}})})
	h.send(followMsg{Name: "ben"})
	h.send(presenceMsg{News: PresenceNews{Self: 1, HasLead: true, Lead: Place{Screen: 1, Queue: model.QueueMine, Lead: hers[1].ID}}})
	q := h.queue()
	if q.queue() != model.QueueMine || q.place().Lead != hers[1].ID {
		t.Fatalf("following shows %s, lead %s; want ben's leads with %s", q.queue(), q.place().Lead, hers[1].ID)
	}
	if v := plain(h.view()); !strings.Contains(v, "ben's leads · ") {
		t.Errorf("the title does not say whose leads:\n%s", v)
	}
	h.key("esc")
	if v := plain(h.view()); !strings.Contains(v, fmt.Sprintf("My leads · %d", mine)) {
		t.Errorf("after esc, my own leads are not back:\n%s", v)
	}
}

// TestFollowEscClearsMyFilterFirst: while following, a filter I typed stayed and esc
// stopped the follow, against product.md's order (a form, the palette or the help;
// then a filter; then a detail; then the follow), and the help line said "esc stop
// following" beside "esc clears".
func TestFollowEscClearsMyFilterFirst(t *testing.T) {
	h, room := newRoomHarness(t, 120, 40)
	h.send(presenceMsg{News: roomOf(Peer{Session: 2, Name: "ada", Role: model.RoleAdmin, Place: Place{Screen: 1}})})
	h.keys("6", "f", "1")
	h.send(presenceMsg{News: PresenceNews{Self: 1, HasLead: true, Lead: Place{Screen: 1, Queue: model.QueueMQL}}})
	h.key("/")
	h.typeText("zz")
	h.key("enter")
	if v := plain(h.view()); strings.Contains(v, "esc stop following") {
		t.Errorf("the help line offers to stop following while esc would clear the filter:\n%s", v)
	}
	h.key("esc")
	if len(room.follows) != 1 || h.queue().filter.active() {
		t.Fatalf("esc: follows %v, filter kept %v; want the filter cleared and the follow kept", room.follows, h.queue().filter.active())
	}
	h.key("esc")
	if len(room.follows) != 2 || room.follows[1] != "" {
		t.Errorf("the second esc did not stop following: %v", room.follows)
	}
}

// TestFollowOnTheBoard: a follower's board stayed on its own column while the leader
// moved to Purchase, under a banner saying the screen shows what theirs shows. It now
// shows the leader's column and card; the room hears nothing of a column move.
func TestFollowOnTheBoard(t *testing.T) {
	h, room := newRoomHarness(t, 120, 40)
	h.send(presenceMsg{News: roomOf(Peer{Session: 2, Name: "ada", Role: model.RoleAdmin, Place: Place{Screen: 1}})})
	h.keys("3", "6", "f") // the board is built before the follow
	b := h.board()
	st := b.stages[2]
	col := b.cols[st.ID]
	if len(col.rows) < 2 {
		t.Fatalf("test workspace: %d cards in %s", len(col.rows), st.Name)
	}
	card := col.rows[1]
	h.send(presenceMsg{News: PresenceNews{Self: 1, HasLead: true, Lead: Place{Screen: 3, Stage: st.ID, Lead: card.ID}}})
	if got, ok := b.current(); b.col != 2 || !ok || got.ID != card.ID {
		t.Errorf("following on the board: column %d, card %d; want column 2, card %d", b.col, got.ID, card.ID)
	}
	// My own moves would show something else under the follow banner: they are
	// refused with a sentence, and the view stays the leader's.
	sets := len(room.sets)
	h.keys("l", "1")
	if len(room.sets) != sets || b.col != 2 || h.app.defs[h.app.active].Number != 3 {
		t.Errorf("my own moves while following: room told %+v, column %d, screen %d", room.sets[sets:], b.col, h.app.defs[h.app.active].Number)
	}
	if !strings.Contains(h.app.status.text, "You are following ada") {
		t.Errorf("status after a move of my own: %q", h.app.status.text)
	}
}
