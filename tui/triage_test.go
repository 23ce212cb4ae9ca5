package tui

import (
	"strings"
	"testing"
	"time"

	"align/model"
	"align/tui/tuitest"
)

// roleMembers is one test member per role.
var roleMembers = map[model.Role]string{
	model.RoleAdmin: "ada", model.RoleLeadership: "lee", model.RoleMarketing: "mia",
	model.RoleSDR: "sam", model.RoleAE: "alex", model.RoleViewer: "val",
}

// triageCase is one triage key: which lead it needs and how its form is filled in.
type triageCase struct {
	action model.Action
	key    string
	// pick says whether a lead suits the action.
	pick func(l *model.Lead) bool
	// form is the keys that fill the action's form in; nil when there is none.
	form []string
	// want checks the lead after the action.
	want func(t *testing.T, l model.Lead)
}

func stageIs(s model.Stage) func(l *model.Lead) bool {
	return func(l *model.Lead) bool { return l.Stage == s }
}

var triageCases = []triageCase{
	{model.ActAccept, "a", stageIs(model.StageMQL), nil, wantStage(model.StageSAL)},
	{model.ActReject, "r", stageIs(model.StageMQL), []string{"enter", "enter"}, wantStage(model.StageRecycled)},
	{model.ActDisqualify, "x", stageIs(model.StageMQL), []string{"enter", "enter"}, wantStage(model.StageDisqualified)},
	{model.ActDispute, "D", func(l *model.Lead) bool { return l.Stage == model.StageRecycled && l.Dispute == nil },
		[]string{"T", "o", "o", " ", "s", "o", "o", "n", "enter"}, func(t *testing.T, l model.Lead) {
			if !l.DisputeOpen() || l.Dispute.Argument != "Too soon" {
				t.Errorf("dispute = %+v, want open with the argument typed", l.Dispute)
			}
		}},
	{model.ActVerdict, "V", func(l *model.Lead) bool { return l.DisputeOpen() }, []string{"enter", "enter"},
		func(t *testing.T, l model.Lead) {
			if l.Dispute == nil || l.Dispute.State != model.DisputeUpheld {
				t.Errorf("dispute = %+v, want upheld", l.Dispute)
			}
		}},
	{model.ActQualify, "s", stageIs(model.StageSAL), nil, wantStage(model.StageSQL)},
	{model.ActTouch, "t", stageIs(model.StageSAL), []string{"enter"}, func(t *testing.T, l model.Lead) {
		if l.FirstTouchClock.Running() {
			t.Error("first-touch clock still running after logging a contact")
		}
	}},
	{model.ActWon, "w", stageIs(model.StageSQL), []string{"5", "0", "0", "0", "enter"}, func(t *testing.T, l model.Lead) {
		if l.Stage != model.StageWon || l.WonValue != 5000 {
			t.Errorf("stage %s value %d, want won 5000", l.Stage, l.WonValue)
		}
	}},
	{model.ActLost, "l", stageIs(model.StageSQL), []string{"g", "o", "n", "e", "enter"}, func(t *testing.T, l model.Lead) {
		if l.Stage != model.StageLost || l.LostReason != "gone" {
			t.Errorf("stage %s reason %q, want lost, gone", l.Stage, l.LostReason)
		}
	}},
	{model.ActAssign, "o", stageIs(model.StageMQL), []string{"down", "enter"}, func(t *testing.T, l model.Lead) {
		if l.Owner != "lee" {
			t.Errorf("owner %q, want lee (second in the list)", l.Owner)
		}
	}},
	{model.ActNote, "n", stageIs(model.StageSAL), []string{"h", "i", "enter"}, func(t *testing.T, l model.Lead) {
		if l.Version != 2 {
			t.Errorf("version %d, want 2 after a note", l.Version)
		}
	}},
}

func wantStage(s model.Stage) func(t *testing.T, l model.Lead) {
	return func(t *testing.T, l model.Lead) {
		t.Helper()
		if l.Stage != s {
			t.Errorf("stage = %s, want %s", l.Stage, s)
		}
	}
}

// TestTriageKeysByRole presses every triage key as every role on a lead that suits
// the action: a role that may sees the lead change; a role that may not hears, in
// the status bar, the model's sentence naming who may, and nothing changes.
func TestTriageKeysByRole(t *testing.T) {
	for _, tc := range triageCases {
		for role, name := range roleMembers {
			t.Run(string(tc.action)+"/"+string(role), func(t *testing.T) {
				ws := tuitest.Workspace()
				id := model.LeadID(0)
				for i := range ws.Leads {
					if tc.pick(&ws.Leads[i]) {
						id = model.LeadID(i + 1)
						if ws.Leads[i].Owner != "" {
							ws.Leads[i].Owner = name // the actor owns it, so only the role decides
						}
						break
					}
				}
				if id == 0 {
					t.Fatal("the test workspace has no lead for this action")
				}
				st := tuitest.NewStore(ws, func() time.Time { return tuitest.Now })
				h := newHarnessWith(t, st, tuitest.Member(name), 120, 40)
				h.send(showLeadMsg{ID: id})
				h.key(tc.key)
				allowed := model.Can(role, tc.action)
				if !allowed {
					if h.app.form != nil {
						t.Fatal("a form opened for an action the role may not take")
					}
					want := model.Check(role, tc.action).Error()
					if h.app.status.text != want || !h.app.status.err {
						t.Fatalf("status = %q, want the refusal %q", h.app.status.text, want)
					}
					if !strings.Contains(plain(h.view()), want[:40]) {
						t.Errorf("the refusal is not on screen")
					}
					l, _ := st.Lead(id)
					if l.Version != 1 {
						t.Errorf("lead changed to version %d after a refusal", l.Version)
					}
					return
				}
				if (tc.form != nil) != (h.app.form != nil) {
					t.Fatalf("form open = %v, want %v (status %q)", h.app.form != nil, tc.form != nil, h.app.status.text)
				}
				h.keys(tc.form...)
				if h.app.form != nil {
					t.Fatalf("form still open after filling it in:\n%s", plain(h.view()))
				}
				if h.app.status.err {
					t.Fatalf("status shows an error: %s", h.app.status.text)
				}
				l, _ := st.Lead(id)
				tc.want(t, l)
			})
		}
	}
}

// TestHelpOffersOnlyPermittedActions checks that the help line and the full help
// list a triage key only for a role that may take it.
func TestHelpOffersOnlyPermittedActions(t *testing.T) {
	for role, name := range roleMembers {
		t.Run(string(role), func(t *testing.T) {
			h := newHarness(t, name, 120, 40)
			h.key("?")
			full := plain(h.view())
			for _, ak := range h.app.ctx.Keys.Queue.actionKeys() {
				line := ak.Key.Help().Key + strings.Repeat(" ", 10) // key column then description
				_ = line
				listed := strings.Contains(full, " "+ak.Key.Help().Desc+" ") || strings.Contains(full, " "+ak.Key.Help().Desc+"│") ||
					strings.Contains(full, ak.Key.Help().Desc)
				if model.Can(role, ak.Action) && !listed {
					t.Errorf("full help lacks %q for %s", ak.Key.Help().Desc, role)
				}
			}
			for _, b := range h.app.screens[0].FullHelp()[2].Keys {
				for _, ak := range h.app.ctx.Keys.Queue.actionKeys() {
					if ak.Key.Help().Key == b.Help().Key && !model.Can(role, ak.Action) {
						t.Errorf("full help offers %q to %s", b.Help().Desc, role)
					}
				}
			}
			for _, b := range h.app.screens[0].ShortHelp() {
				for _, ak := range h.app.ctx.Keys.Queue.actionKeys() {
					if ak.Key.Help().Key == b.Help().Key && !model.Can(role, ak.Action) {
						t.Errorf("help line offers %q to %s", b.Help().Desc, role)
					}
				}
			}
		})
	}
}

// TestPaletteRefusesWithWhoMay asks for an action through the palette as a viewer.
func TestPaletteRefusesWithWhoMay(t *testing.T) {
	h := newHarness(t, "val", 120, 40)
	h.key(":")
	h.typeText("accept")
	if !strings.Contains(plain(h.view()), "(not for your role)") {
		t.Errorf("palette does not mark accept as not for a viewer:\n%s", plain(h.view()))
	}
	h.key("enter")
	want := model.Check(model.RoleViewer, model.ActAccept).Error()
	if h.app.status.text != want {
		t.Errorf("status = %q, want %q", h.app.status.text, want)
	}
	if h.app.palette != nil {
		t.Error("palette still open")
	}
}

// TestPaletteRunsAction accepts the lead under the cursor from the palette.
func TestPaletteRunsAction(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	first := h.queue().rows()[0].ID
	h.key("ctrl+k")
	h.typeText("accept (claim)")
	h.key("enter")
	l, _ := h.store.Lead(first)
	if l.Stage != model.StageSAL || l.Owner != "sam" {
		t.Errorf("lead %d is %s owned by %q, want accepted by sam (status %q)", first, l.Stage, l.Owner, h.app.status.text)
	}
}

// TestPaletteFindsLeads finds a lead by company through the store search and opens it.
func TestPaletteFindsLeads(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	h.key(":")
	h.typeText("Vandelay")
	if !strings.Contains(plain(h.view()), "Lead: ") {
		t.Fatalf("no lead in the palette:\n%s", plain(h.view()))
	}
	h.key("enter")
	q := h.queue()
	if !q.detail.open || q.detail.pinned == nil || q.detail.pinned.Company != "Vandelay Imports" {
		t.Errorf("detail open %v pinned %+v, want a Vandelay lead", q.detail.open, q.detail.pinned)
	}
}

// TestCursorMovesToNextLead accepts the first lead of the inbox: it leaves the queue
// and the cursor lands on the lead that followed it. A note keeps the lead in the
// queue, and the cursor on it: it used to move on, so that a contact logged with t
// and then s qualified the next lead, one nobody had looked at (new-user review).
func TestCursorMovesToNextLead(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	rows := h.queue().rows()
	second := rows[1].ID
	h.key("a")
	if got := h.queue().selID; got != second {
		t.Errorf("after accept the cursor is on %d, want %d", got, second)
	}
	h.keys("n", "o", "k", "enter")
	if got := h.queue().selID; got != second {
		t.Errorf("after a note the cursor is on %d, want the noted lead %d", got, second)
	}
	h.keys("enter", "n", "o", "k", "enter") // from the detail pane too
	if got, _ := h.queue().current(); got.ID != second || !h.queue().detail.open || h.queue().detail.lead.ID != second {
		t.Errorf("after a note in the detail the cursor is on %d, the pane on %d; want %d", got.ID, h.queue().detail.lead.ID, second)
	}
}

// TestBulkReject selects two leads with space and rejects both with one form.
func TestBulkReject(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	rows := h.queue().rows()
	a, b := rows[0].ID, rows[1].ID
	h.keys("space", "space")
	if n := len(h.queue().marked); n != 2 {
		t.Fatalf("%d marked, want 2", n)
	}
	h.keys("r", "enter", "enter")
	for _, id := range []model.LeadID{a, b} {
		if l, _ := h.store.Lead(id); l.Stage != model.StageRecycled {
			t.Errorf("lead %d is %s, want recycled", id, l.Stage)
		}
	}
	if n := len(h.queue().marked); n != 0 {
		t.Errorf("%d still marked after the bulk action", n)
	}
	if !strings.HasPrefix(h.app.status.text, "2 leads — rejected") {
		t.Errorf("status = %q", h.app.status.text)
	}
}

// TestUndo accepts a lead then undoes it: the lead is back in the inbox, unowned.
func TestUndo(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	id := h.queue().rows()[0].ID
	h.key("a")
	h.key("u")
	l, _ := h.store.Lead(id)
	if l.Stage != model.StageMQL || l.Owner != "" {
		t.Errorf("after undo the lead is %s owned by %q, want an unowned MQL", l.Stage, l.Owner)
	}
	if h.queue().index(id) < 0 {
		t.Error("the lead did not come back into the inbox window")
	}
	h.key("u")
	h.key("u")
	if !h.app.status.err {
		t.Errorf("a third undo with nothing left should say so; status %q", h.app.status.text)
	}
}

// TestStageRefusal presses a key whose action the role may take but the lead's stage
// does not allow: the model's sentence, no form.
func TestStageRefusal(t *testing.T) {
	h := newHarness(t, "ada", 120, 40)
	h.key("w") // won on an MQL
	if h.app.form != nil || !h.app.status.err || !strings.Contains(h.app.status.text, "only an SQL can be won") {
		t.Errorf("form %v status %q", h.app.form != nil, h.app.status.text)
	}
}

// queue returns the harness's queue screen.
func (h *harness) queue() *queueScreen { return h.app.screens[0].(*queueScreen) }

// index finds a lead in the queue screen's window.
func (s *queueScreen) index(id model.LeadID) int { return s.win.index(id) }

// TestOutcomeReadsOnce: a one-lead outcome has one colon at most ("Olga Petrova —
// rejected: other."), not "Olga Petrova: rejected: other.".
func TestOutcomeReadsOnce(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	cur, _ := h.queue().current()
	h.keys("r", "enter", "enter")
	if got := h.app.status.text; strings.Count(got, ":") > 1 || !strings.HasPrefix(got, leadName(cur)+" — ") {
		t.Errorf("status %q", got)
	}
}

// TestBulkKeepsCursorLead: a bulk accept of leads above the cursor leaves the cursor on
// the lead it was on, which the action did not touch; it moved one past it.
func TestBulkKeepsCursorLead(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	rows := h.queue().rows()
	on := rows[4].ID
	h.keys("space", "j", "space", "j") // select the first and third (space moves on), cursor on the fifth
	if cur, _ := h.queue().current(); cur.ID != on {
		t.Fatalf("the cursor is on %s, want %s", cur.ID, on)
	}
	h.key("a")
	if cur, _ := h.queue().current(); cur.ID != on {
		t.Errorf("after the bulk accept the cursor is on %s, want %s where it was", cur.ID, on)
	}
}
