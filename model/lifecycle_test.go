package model

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

func testEnv() Env {
	members := map[string]Member{
		"sam": {Name: "sam", Role: RoleSDR}, "ada": {Name: "ada", Role: RoleAE},
		"lee": {Name: "lee", Role: RoleLeadership}, "vic": {Name: "vic", Role: RoleViewer},
	}
	return Env{Now: t0, SLA: DefaultSLA(), Member: func(n string) (Member, bool) { m, ok := members[n]; return m, ok }}
}

// leadIn builds a lead in stage s, shaped as the lifecycle would have left it.
func leadIn(s Stage, owner string) Lead {
	l := Lead{ID: 7, Name: "Dana Reyes", Stage: s, Version: 3, Journey: "awareness"}
	switch s {
	case StageMQL:
		l.AcceptClock = StartClock(t0.Add(-time.Hour), 24*time.Hour)
	case StageSAL, StageSQL:
		l.Owner = owner
		l.FirstTouchClock = StartClock(t0.Add(-time.Hour), 4*time.Hour)
	case StageRecycled, StageDisqualified:
		l.Rejection = &Rejection{Reason: ReasonNoBudget, By: "sam", At: t0.Add(-time.Hour), From: StageMQL}
	case StageWon, StageLost:
		l.Owner = owner
	}
	return l
}

// The permission matrix as product.md states it, written out independently of action.go.
var wantRoles = map[Action]string{
	ActAccept: "sdr ae leadership admin", ActReject: "sdr ae leadership admin", ActDisqualify: "sdr ae leadership admin",
	ActDispute: "marketing admin", ActVerdict: "leadership admin", ActQualify: "sdr ae leadership admin",
	ActTouch: "sdr ae leadership admin", ActWon: "ae leadership admin", ActLost: "ae leadership admin",
	ActAssign: "leadership admin", ActNote: "marketing sdr ae leadership admin",
	ActMarkMQL: "marketing leadership admin", ActJourney: "marketing sdr ae leadership admin",
	ActPersona: "marketing sdr ae leadership admin",
}

// The stages each action applies to (for dispute and verdict, with the dispute state the case sets up).
var wantStages = map[Action]string{
	ActAccept: "mql", ActReject: "mql sal sql", ActDisqualify: "mql sal sql", ActDispute: "recycled disqualified",
	ActVerdict: "recycled disqualified", ActQualify: "sal", ActTouch: "sal sql", ActWon: "sql", ActLost: "sal sql",
	ActAssign: "inquiry mql sal sql recycled", ActNote: "inquiry mql sal sql won lost recycled disqualified",
	ActMarkMQL: "inquiry recycled", ActJourney: "inquiry mql sal sql won lost recycled disqualified",
	ActPersona: "inquiry mql sal sql won lost recycled disqualified",
}

func commandFor(a Action) Command {
	c := Command{Action: a, Lead: 7}
	switch a {
	case ActReject:
		c.Reason = ReasonNoBudget
	case ActDisqualify:
		c.Reason = ReasonNotICP
	case ActDispute:
		c.Note = "They asked for a demo yesterday."
	case ActVerdict:
		c.Verdict, c.Note = VerdictOverturn, "Demo request is a buying signal."
	case ActWon:
		c.Value = 12000
	case ActLost:
		c.LostReason = "chose a competitor"
	case ActAssign:
		c.To = "ada"
	case ActNote:
		c.Note = "Called, left a voicemail."
	case ActJourney:
		c.To = "decision"
	case ActPersona:
		c.To = "ops-olga"
	}
	return c
}

// TestApplyMatrix covers every (role, action, stage) cell: the action succeeds exactly
// when the role may take it and the stage fits, and a refusal names who may.
func TestApplyMatrix(t *testing.T) {
	for _, a := range LeadActions {
		if a == ActUndo {
			continue
		}
		for _, r := range Roles {
			for _, s := range Stages {
				actor := Member{Name: "me", Role: r}
				l := leadIn(s, actor.Name)
				if a == ActVerdict && l.Rejection != nil {
					l.Dispute = &Dispute{State: DisputeOpen, Argument: "x", By: "mia", At: t0}
				}
				roleOK := strings.Contains(" "+wantRoles[a]+" ", " "+string(r)+" ")
				stageOK := strings.Contains(" "+wantStages[a]+" ", " "+string(s)+" ")
				got, ev, err := Apply(l, commandFor(a), actor, testEnv())
				switch {
				case !roleOK:
					var pe *PermissionError
					if !errors.As(err, &pe) {
						t.Errorf("%s %s on %s: want a permission error, got %v", r, a, s, err)
						continue
					}
					if !strings.HasPrefix(err.Error(), "Only ") || !strings.Contains(err.Error(), r.Label()) {
						t.Errorf("%s %s: refusal does not name who may: %q", r, a, err)
					}
				case !stageOK:
					var se *StageError
					if !errors.As(err, &se) {
						t.Errorf("%s %s on %s: want a stage error, got %v", r, a, s, err)
					}
				default:
					if err != nil {
						t.Errorf("%s %s on %s: unexpected error %v", r, a, s, err)
						continue
					}
					if got.Version != l.Version+1 || ev.Lead != l.ID || ev.Action != a || ev.Actor != "me" || ev.Before == nil {
						t.Errorf("%s %s on %s: bad version or event %+v", r, a, s, ev)
					}
				}
				if err != nil && (got.Version != l.Version || got.Stage != l.Stage) {
					t.Errorf("%s %s on %s: a refused change altered the lead", r, a, s)
				}
			}
		}
	}
}

func TestTransitions(t *testing.T) {
	admin := LocalAdmin("root")
	tests := []struct {
		name   string
		from   Stage
		cmd    Command
		stage  Stage
		check  func(t *testing.T, l Lead)
		errHas string
	}{
		{"accept claims and starts first touch", StageMQL, Command{Action: ActAccept}, StageSAL, func(t *testing.T, l Lead) {
			if l.Owner != "root" || l.AcceptClock.Running() || !l.FirstTouchClock.Running() {
				t.Errorf("owner %q accept running %v first touch running %v", l.Owner, l.AcceptClock.Running(), l.FirstTouchClock.Running())
			}
			if l.FirstTouchClock.Deadline != t0.Add(4*time.Hour) {
				t.Errorf("first touch deadline %v", l.FirstTouchClock.Deadline)
			}
		}, ""},
		{"accept an accepted lead names who took it", StageSAL, Command{Action: ActAccept}, "", nil, "already accepted by mia"},
		{"reject sends to nurture with reason", StageMQL, Command{Action: ActReject, Reason: ReasonBadTiming, Note: "Q3"}, StageRecycled, func(t *testing.T, l Lead) {
			if l.Rejection == nil || l.Rejection.Reason != ReasonBadTiming || l.Rejection.From != StageMQL || l.Owner != "" {
				t.Errorf("rejection %+v owner %q", l.Rejection, l.Owner)
			}
		}, ""},
		{"reject without a reason", StageMQL, Command{Action: ActReject}, "", nil, "Choose a reason"},
		{"other needs a note", StageMQL, Command{Action: ActReject, Reason: ReasonOther}, "", nil, "needs a note"},
		{"unknown reason", StageMQL, Command{Action: ActReject, Reason: "meh"}, "", nil, "not a rejection reason"},
		{"disqualify", StageSAL, Command{Action: ActDisqualify, Reason: ReasonNotICP}, StageDisqualified, nil, ""},
		{"no budget does not disqualify", StageMQL, Command{Action: ActDisqualify, Reason: ReasonNoBudget}, "", nil, "No budget is a reason to nurture"},
		{"won needs a value", StageSQL, Command{Action: ActWon}, "", nil, "deal value"},
		{"won records value", StageSQL, Command{Action: ActWon, Value: 5000}, StageWon, func(t *testing.T, l Lead) {
			if l.WonValue != 5000 {
				t.Errorf("value %d", l.WonValue)
			}
		}, ""},
		{"lost needs a reason", StageSQL, Command{Action: ActLost}, "", nil, "lost"},
		{"touch stops the first-touch clock", StageSAL, Command{Action: ActTouch}, StageSAL, func(t *testing.T, l Lead) {
			if l.FirstTouchClock.State(t0) != ClockMet {
				t.Errorf("first touch %v", l.FirstTouchClock.State(t0))
			}
		}, ""},
		{"qualify stops the first-touch clock too", StageSAL, Command{Action: ActQualify}, StageSQL, func(t *testing.T, l Lead) {
			if l.FirstTouchClock.Running() || l.FirstTouchClock.State(t0) != ClockMet {
				t.Errorf("first touch %v, running %v", l.FirstTouchClock.State(t0), l.FirstTouchClock.Running())
			}
		}, ""},
		{"assign to a viewer refused", StageSAL, Command{Action: ActAssign, To: "vic"}, "", nil, "Only SDRs, AEs and leadership work leads; vic (Viewer) cannot"},
		{"assign to nobody refused", StageSAL, Command{Action: ActAssign, To: "zed"}, "", nil, "no member"},
		{"empty note refused", StageMQL, Command{Action: ActNote, Note: "  "}, "", nil, "empty"},
		{"mark MQL starts the acceptance clock", StageInquiry, Command{Action: ActMarkMQL}, StageMQL, func(t *testing.T, l Lead) {
			if l.AcceptClock.Deadline != t0.Add(24*time.Hour) || l.AcceptClock.State(t0) != ClockOnTrack {
				t.Errorf("clock %+v", l.AcceptClock)
			}
		}, ""},
		{"stale edit refused", StageMQL, Command{Action: ActAccept, ExpectVersion: 2}, "", nil, "changed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := leadIn(tt.from, "mia")
			tt.cmd.Lead = l.ID
			got, _, err := Apply(l, tt.cmd, admin, testEnv())
			if tt.errHas != "" {
				if err == nil || !strings.Contains(err.Error(), tt.errHas) {
					t.Fatalf("want error containing %q, got %v", tt.errHas, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Stage != tt.stage {
				t.Errorf("stage %s, want %s", got.Stage, tt.stage)
			}
			if tt.check != nil {
				tt.check(t, got)
			}
		})
	}
}

func TestOwnerRule(t *testing.T) {
	l := leadIn(StageSAL, "mia")
	_, _, err := Apply(l, Command{Action: ActQualify}, Member{Name: "sam", Role: RoleSDR}, testEnv())
	var oe *OwnerError
	if !errors.As(err, &oe) || !strings.Contains(err.Error(), "Dana Reyes is mia's") {
		t.Fatalf("want owner error, got %v", err)
	}
	if _, _, err := Apply(l, Command{Action: ActQualify}, Member{Name: "lee", Role: RoleLeadership}, testEnv()); err != nil {
		t.Fatalf("leadership may work any lead: %v", err)
	}
}

func TestDisputeFlow(t *testing.T) {
	env := testEnv()
	l := leadIn(StageMQL, "")
	l, _, err := Apply(l, Command{Action: ActReject, Reason: ReasonNotICP}, Member{Name: "sam", Role: RoleSDR}, env)
	if err != nil {
		t.Fatal(err)
	}
	mkt := Member{Name: "mia", Role: RoleMarketing}
	if _, _, err := Apply(l, Command{Action: ActDispute}, mkt, env); err == nil || !strings.Contains(err.Error(), "argument") {
		t.Fatalf("dispute without argument: %v", err)
	}
	l, _, err = Apply(l, Command{Action: ActDispute, Note: "Fits the ICP: 400 staff."}, mkt, env)
	if err != nil || !l.DisputeOpen() {
		t.Fatalf("dispute: %v", err)
	}
	if _, _, err := Apply(l, Command{Action: ActDispute, Note: "again"}, mkt, env); err == nil {
		t.Fatal("a second dispute was accepted")
	}
	boss := Member{Name: "lee", Role: RoleLeadership}
	if _, _, err := Apply(l, Command{Action: ActVerdict}, boss, env); err == nil {
		t.Fatal("verdict without a decision was accepted")
	}
	up, _, err := Apply(l, Command{Action: ActVerdict, Verdict: VerdictUphold}, boss, env)
	if err != nil || up.Stage != StageRecycled || up.Dispute.State != DisputeUpheld {
		t.Fatalf("uphold: %v %+v", err, up.Dispute)
	}
	over, _, err := Apply(l, Command{Action: ActVerdict, Verdict: VerdictOverturn}, boss, env)
	if err != nil || over.Stage != StageMQL || over.Dispute.State != DisputeOverturned || !over.AcceptClock.Running() {
		t.Fatalf("overturn: %v %+v", err, over)
	}
	if !QueueDisputes.Holds(&l, "") || QueueDisputes.Holds(&over, "") || !QueueMQL.Holds(&over, "") {
		t.Fatal("queues do not follow the dispute")
	}
}

func TestUndo(t *testing.T) {
	env := testEnv()
	sam := Member{Name: "sam", Role: RoleSDR}
	l := leadIn(StageMQL, "")
	after, ev, err := Apply(l, Command{Action: ActAccept}, sam, env)
	if err != nil {
		t.Fatal(err)
	}
	ev.Seq = 41
	back, uev, err := Undo(after, ev, sam, env)
	if err != nil {
		t.Fatal(err)
	}
	if back.Stage != StageMQL || back.Owner != "" || back.Version != after.Version+1 || uev.Undoes != 41 {
		t.Fatalf("undo gave %+v / %+v", back, uev)
	}
	if _, _, err := Undo(after, ev, Member{Name: "ada", Role: RoleAE}, env); err == nil || !strings.Contains(err.Error(), "own changes") {
		t.Fatalf("undo of someone else's change: %v", err)
	}
	later, _, _ := Apply(after, Command{Action: ActNote, Note: "hi"}, sam, env)
	if _, _, err := Undo(later, ev, sam, env); err == nil {
		t.Fatal("undo after a later change was accepted")
	}
}

func TestAvailable(t *testing.T) {
	env := testEnv()
	got := Available(leadIn(StageMQL, ""), Member{Name: "sam", Role: RoleSDR}, env)
	want := "accept reject disqualify note journey persona"
	var names []string
	for _, a := range got {
		names = append(names, string(a))
	}
	if strings.Join(names, " ") != want {
		t.Errorf("SDR on an MQL: %v, want %s", names, want)
	}
	if got := Available(leadIn(StageMQL, ""), Member{Name: "v", Role: RoleViewer}, env); len(got) != 0 {
		t.Errorf("viewer offered %v", got)
	}
}

func TestClock(t *testing.T) {
	c := StartClock(t0, 4*time.Hour)
	tests := []struct {
		at   time.Duration
		want ClockState
		left time.Duration
	}{
		{0, ClockOnTrack, 4 * time.Hour},
		{2 * time.Hour, ClockOnTrack, 2 * time.Hour},
		{3*time.Hour + 30*time.Minute, ClockAtRisk, 30 * time.Minute},
		{5 * time.Hour, ClockBreached, 0},
		{-time.Hour, ClockOnTrack, 4 * time.Hour}, // the wall clock set back: never more than the span
	}
	for _, tt := range tests {
		now := t0.Add(tt.at)
		if s := c.State(now); s != tt.want {
			t.Errorf("at %v: %v, want %v", tt.at, s, tt.want)
		}
		if r := c.Remaining(now); r != tt.left {
			t.Errorf("at %v: remaining %v, want %v", tt.at, r, tt.left)
		}
	}
	if c.Stop(t0.Add(time.Hour)).State(t0.Add(9*time.Hour)) != ClockMet {
		t.Error("stopped in time is not met")
	}
	if c.Stop(t0.Add(5*time.Hour)).State(t0) != ClockMissed {
		t.Error("stopped late is not missed")
	}
}

func TestParse(t *testing.T) {
	if r, err := ParseRejectReason("No Budget"); err != nil || r != ReasonNoBudget {
		t.Errorf("ParseRejectReason: %v %v", r, err)
	}
	if _, err := ParseStage("WON"); err != nil {
		t.Error(err)
	}
	if _, err := ParseRole("boss"); err == nil || !strings.Contains(err.Error(), "leadership") {
		t.Errorf("ParseRole error should list roles: %v", err)
	}
	if id, err := ParseLeadID("#42"); err != nil || id != 42 {
		t.Errorf("ParseLeadID: %v %v", id, err)
	}
}

// TestAssignSaysWhoToPick: assigning to nobody, or to a name that is no member, says
// what to do and where the members are listed; it sent a person running
// `align lead assign` to "the team list" and read `no member called ""`.
func TestAssignSaysWhoToPick(t *testing.T) {
	lee := Member{Name: "lee", Role: RoleLeadership}
	for to, want := range map[string]string{
		"":       "Say who to assign Dana Reyes to: a member's name.",
		"nobody": `There is no member called "nobody"; the Team screen (6) and ` + "`align user list`" + ` list the members.`,
	} {
		_, _, err := Apply(leadIn(StageMQL, ""), Command{Action: ActAssign, To: to}, lee, testEnv())
		if err == nil || err.Error() != want {
			t.Errorf("assign to %q: %v, want %q", to, err, want)
		}
	}
}

// TestAcceptedByYou: a second accept of my own lead said "Zofia Nowak was already
// accepted by root" to root himself.
func TestAcceptedByYou(t *testing.T) {
	l := Lead{ID: 1, Name: "Zofia Nowak", Stage: StageSAL, Owner: "root"}
	_, _, err := Apply(l, Command{Action: ActAccept, Lead: 1}, LocalAdmin("root"), Env{Now: t0, SLA: DefaultSLA()})
	if err == nil || !strings.Contains(err.Error(), "already accepted by you") {
		t.Errorf("got %v", err)
	}
}

// TestAssignedMQLIsTheirs: an MQL leadership had assigned to sam was accepted by
// anyone, and sam was not told (new-user review). It is sam's to accept; leadership,
// who may assign it, may take it over, and the history says whose it was.
func TestAssignedMQLIsTheirs(t *testing.T) {
	env := testEnv()
	l := leadIn(StageMQL, "")
	l.Owner = "sam"
	sam, ada, lee := Member{Name: "sam", Role: RoleSDR}, Member{Name: "ada", Role: RoleAE}, Member{Name: "lee", Role: RoleLeadership}
	for _, a := range []Command{{Action: ActAccept}, {Action: ActReject, Reason: ReasonNoBudget}, {Action: ActDisqualify, Reason: ReasonNotICP}} {
		a.Lead = l.ID
		if _, _, err := Apply(l, a, ada, env); err == nil || !strings.Contains(err.Error(), "Dana Reyes is sam's") {
			t.Errorf("ada working sam's MQL (%s): %v", a.Action, err)
		}
	}
	if n, _, err := Apply(l, Command{Action: ActAccept, Lead: l.ID}, sam, env); err != nil || n.Owner != "sam" {
		t.Errorf("sam accepting his MQL: %v, owner %q", err, n.Owner)
	}
	n, ev, err := Apply(l, Command{Action: ActAccept, Lead: l.ID}, lee, env)
	if err != nil || n.Owner != "lee" || ev.Summary != "accepted (it was assigned to sam)" {
		t.Errorf("leadership taking it over: %v, owner %q, %q", err, n.Owner, ev.Summary)
	}
}

// TestAETakesOverFromSDR: an AE qualifies, wins or loses a lead an SDR owns and it
// becomes theirs, as product.md's AE "takes accepted leads to SQL, won or lost"; the
// summary says from whom, and the action is offered. Another AE's lead stays theirs,
// and an SDR still cannot take an AE's lead.
func TestAETakesOverFromSDR(t *testing.T) {
	env := testEnv()
	ae, ae2, sdr := Member{Name: "ada", Role: RoleAE}, Member{Name: "bo", Role: RoleAE}, Member{Name: "sam", Role: RoleSDR}
	for _, tt := range []struct {
		from Stage
		cmd  Command
		want string
	}{
		{StageSAL, Command{Action: ActQualify}, "qualified to SQL, taken over from sam"},
		{StageSQL, Command{Action: ActWon, Value: 900}, "won (900), taken over from sam"},
		{StageSAL, Command{Action: ActLost, LostReason: "chose a rival"}, "lost: chose a rival, taken over from sam"},
	} {
		l := leadIn(tt.from, "sam")
		tt.cmd.Lead = l.ID
		if !slices.Contains(Available(l, ae, env), tt.cmd.Action) {
			t.Errorf("%s on sam's lead is not offered to an AE", tt.cmd.Action)
		}
		got, ev, err := Apply(l, tt.cmd, ae, env)
		if err != nil || got.Owner != "ada" || ev.Summary != tt.want {
			t.Errorf("%s: owner %q, summary %q, %v; want ada and %q", tt.cmd.Action, got.Owner, ev.Summary, err, tt.want)
		}
	}
	if _, _, err := Apply(leadIn(StageSAL, "ada"), Command{Lead: 7, Action: ActQualify}, ae2, env); err == nil {
		t.Error("an AE took over another AE's lead")
	}
	if _, _, err := Apply(leadIn(StageSAL, "ada"), Command{Lead: 7, Action: ActLost, LostReason: "x"}, sdr, env); err == nil {
		t.Error("an SDR took over an AE's lead")
	}
}
