package model

import (
	"fmt"
	"strings"
	"time"
)

// Command is one change a member asks for on a lead. Only the fields its action
// needs are read.
type Command struct {
	Action Action       `json:"action"`
	Lead   LeadID       `json:"lead"`
	Reason RejectReason `json:"reason,omitempty"`
	// Note is the optional note of reject and lost, the argument of a dispute, the reasoning of
	// a verdict, the text of a note and the optional note of a journey move.
	Note    string      `json:"note,omitempty"`
	Value   int64       `json:"value,omitempty"` // won
	To      string      `json:"to,omitempty"`    // assign: a member name; journey: a stage ID; persona: a persona ID
	Verdict VerdictKind `json:"verdict,omitempty"`
	// LostReason is why a deal was lost (lost).
	LostReason string `json:"lost_reason,omitempty"`
	// ExpectVersion, when set, refuses the change if the lead changed since the caller read it.
	ExpectVersion uint64 `json:"expect_version,omitempty"`
}

// Env is what the lifecycle needs from outside: the time, the SLA targets, and a way
// to look a member up (for assign).
type Env struct {
	Now    time.Time
	SLA    SLAPolicy
	Member func(name string) (Member, bool)
	// Journey reports whether a journey stage ID exists; Persona, a persona ID. Nil accepts any.
	Journey func(id string) bool
	Persona func(id string) bool
}

// StageError is a refusal because the action does not fit where the lead stands.
type StageError struct{ Msg string }

func (e *StageError) Error() string { return e.Msg }

// StaleError is a refusal because the lead changed after the caller read it.
type StaleError struct {
	Lead       LeadID
	Ref        string // the lead's Ref, for the sentence
	Want, Have uint64
	By         string
}

func (e *StaleError) Error() string {
	who := ""
	if e.By != "" {
		who = " by " + Sanitize(e.By)
	}
	ref := e.Ref
	if ref == "" {
		ref = "Lead #" + e.Lead.String()
	}
	return fmt.Sprintf("%s was changed%s after you read it (it is at version %d, you had %d); look at it again and retry.", ref, who, e.Have, e.Want)
}

func stageErr(format string, a ...any) error { return &StageError{Msg: fmt.Sprintf(format, a...)} }

// Apply computes the lead after a command by actor, and the audit event that records
// it. It checks the role, the stage and every input; on error the lead is unchanged.
// The event's Seq is left for the store to assign.
func Apply(l Lead, c Command, actor Member, env Env) (Lead, Event, error) {
	if err := Check(actor.Role, c.Action); err != nil {
		return l, Event{}, err
	}
	if c.ExpectVersion != 0 && c.ExpectVersion != l.Version {
		return l, Event{}, &StaleError{Lead: l.ID, Ref: l.Ref(), Want: c.ExpectVersion, Have: l.Version}
	}
	if c.Action == ActUndo {
		return l, Event{}, stageErr("Undo is applied with the event it undoes; use Undo.")
	}
	now := env.Now.UTC()
	c.Note = NormalizeNote(c.Note)
	c.LostReason = NormalizeLine(c.LostReason)
	n := l.Clone()
	summary, err := transition(&n, c, actor, env, now)
	if err != nil {
		return l, Event{}, err
	}
	n.Version = l.Version + 1
	n.Updated = now
	before := l.Clone()
	ev := Event{
		At: now, Actor: actor.Name, Kind: EventLeadChanged, Action: c.Action, Lead: l.ID,
		Summary: summary, Note: c.Note, Changes: Diff(l, n), Before: &before,
	}
	return n, ev, nil
}

func transition(n *Lead, c Command, actor Member, env Env, now time.Time) (string, error) {
	name := n.DisplayName()
	switch c.Action {
	case ActAccept:
		if n.Stage == StageSAL || n.Stage == StageSQL {
			return "", stageErr("%s was already accepted by %s; it is no longer in the MQL inbox.", name, orSomeone(n.Owner, actor))
		}
		if n.Stage != StageMQL {
			return "", stageErr("%s is %s; only an MQL can be accepted.", name, n.Stage.Label())
		}
		// An MQL assigned to someone is theirs to accept: taking it over without a word
		// left them looking for a lead that had gone. Leadership and admins may take it.
		if err := ownsOrLeads(n, actor); err != nil {
			return "", err
		}
		summary := "accepted"
		if n.Owner != "" && n.Owner != actor.Name {
			summary = "accepted (it was assigned to " + n.Owner + ")"
		}
		n.AcceptClock = n.AcceptClock.Stop(now)
		n.FirstTouchClock = StartClock(now, env.SLA.FirstTouch)
		n.Owner = actor.Name
		setStage(n, StageSAL, now)
		return summary, nil
	case ActReject, ActDisqualify:
		if n.Stage != StageMQL && n.Stage != StageSAL && n.Stage != StageSQL {
			return "", stageErr("%s is %s; only an MQL, an accepted lead or an SQL can be %s.", name, n.Stage.Label(), pastTense(c.Action))
		}
		if err := ownsOrLeads(n, actor); err != nil {
			return "", err
		}
		if c.Reason == "" {
			return "", stageErr("Choose a reason to %s %s.", c.Action, name)
		}
		if _, err := ParseRejectReason(string(c.Reason)); err != nil {
			return "", err
		}
		if c.Reason == ReasonOther && strings.TrimSpace(c.Note) == "" {
			return "", stageErr("The reason \"other\" needs a note that says why.")
		}
		if c.Action == ActDisqualify && c.Reason.NurtureReason() {
			return "", stageErr("%s is a reason to nurture %s, not to rule it out: reject it instead, and marketing keeps it for later.", upperFirst(c.Reason.Label()), name)
		}
		if err := ValidateNote(c.Note); err != nil {
			return "", err
		}
		n.Rejection = &Rejection{Reason: c.Reason, Note: c.Note, By: actor.Name, At: now, From: n.Stage}
		n.Dispute = nil
		n.AcceptClock = n.AcceptClock.Stop(now)
		n.FirstTouchClock = n.FirstTouchClock.Stop(now)
		n.Owner = ""
		if c.Action == ActReject {
			setStage(n, StageRecycled, now)
			return "rejected: " + c.Reason.Label(), nil
		}
		setStage(n, StageDisqualified, now)
		return "disqualified: " + c.Reason.Label(), nil
	case ActDispute:
		if n.Rejection == nil || (n.Stage != StageRecycled && n.Stage != StageDisqualified) {
			return "", stageErr("%s was not rejected by sales, so there is nothing to dispute.", name)
		}
		if n.Dispute != nil {
			return "", stageErr("The rejection of %s was already disputed by %s (%s).", name, n.Dispute.By, n.Dispute.State)
		}
		if strings.TrimSpace(c.Note) == "" {
			return "", stageErr("A dispute needs an argument: say why %s should not have been rejected.", name)
		}
		if err := ValidateNote(c.Note); err != nil {
			return "", err
		}
		n.Dispute = &Dispute{State: DisputeOpen, Argument: c.Note, By: actor.Name, At: now}
		return "disputed the rejection", nil
	case ActVerdict:
		if !n.DisputeOpen() {
			return "", stageErr("%s has no open dispute to decide.", name)
		}
		if err := ValidateNote(c.Note); err != nil {
			return "", err
		}
		d := n.Dispute
		d.Verdict, d.DecidedBy, d.DecidedAt = c.Note, actor.Name, now
		switch c.Verdict {
		case VerdictUphold:
			d.State = DisputeUpheld
			return "upheld the rejection", nil
		case VerdictOverturn:
			d.State = DisputeOverturned
			n.AcceptClock = StartClock(now, env.SLA.Accept)
			n.FirstTouchClock = Clock{}
			setStage(n, StageMQL, now)
			return "overturned the rejection: back to the MQL inbox", nil
		}
		return "", stageErr("Choose a verdict: uphold the rejection or overturn it.")
	case ActQualify:
		if n.Stage != StageSAL {
			return "", stageErr("%s is %s; only an accepted lead can be qualified to SQL.", name, n.Stage.Label())
		}
		from, err := handOff(n, actor, env)
		if err != nil {
			return "", err
		}
		// Qualifying takes a conversation: it stops the first-touch clock as a logged
		// contact does, which kept running on SQLs qualified without one (new-user review).
		n.FirstTouchClock = n.FirstTouchClock.Stop(now)
		setStage(n, StageSQL, now)
		return takenOver("qualified to SQL", from), nil
	case ActTouch:
		if n.Stage != StageSAL && n.Stage != StageSQL {
			return "", stageErr("%s is %s; contacts are logged on accepted leads and SQLs.", name, n.Stage.Label())
		}
		if err := ValidateNote(c.Note); err != nil {
			return "", err
		}
		n.FirstTouchClock = n.FirstTouchClock.Stop(now)
		return "logged a contact", nil
	case ActWon:
		if n.Stage != StageSQL {
			return "", stageErr("%s is %s; only an SQL can be won.", name, n.Stage.Label())
		}
		from, err := handOff(n, actor, env)
		if err != nil {
			return "", err
		}
		if c.Value <= 0 {
			return "", stageErr("Enter the deal value of %s as a whole number above 0.", name)
		}
		n.WonValue = c.Value
		n.FirstTouchClock = n.FirstTouchClock.Stop(now)
		setStage(n, StageWon, now)
		return takenOver("won ("+GroupDigits(c.Value)+")", from), nil
	case ActLost:
		if n.Stage != StageSAL && n.Stage != StageSQL {
			return "", stageErr("%s is %s; only an accepted lead or an SQL can be lost.", name, n.Stage.Label())
		}
		from, err := handOff(n, actor, env)
		if err != nil {
			return "", err
		}
		if strings.TrimSpace(c.LostReason) == "" {
			return "", stageErr("Say why %s was lost.", name)
		}
		if err := ValidateLine("lost reason", c.LostReason, 200); err != nil {
			return "", err
		}
		n.LostReason = c.LostReason
		n.FirstTouchClock = n.FirstTouchClock.Stop(now)
		setStage(n, StageLost, now)
		return takenOver("lost: "+c.LostReason, from), nil
	case ActAssign:
		if n.Stage.Closed() {
			return "", stageErr("%s is %s; a closed lead keeps its owner.", name, n.Stage.Label())
		}
		m, ok := Member{}, false
		if env.Member != nil {
			m, ok = env.Member(c.To)
		}
		switch {
		case strings.TrimSpace(c.To) == "":
			return "", stageErr("Say who to assign %s to: a member's name.", name)
		case !ok:
			return "", stageErr("There is no member called %q; the Team screen (6) and `align user list` list the members.", Sanitize(c.To))
		}
		if !Can(m.Role, ActAccept) {
			return "", stageErr("Only SDRs, AEs and leadership work leads; %s (%s) cannot be assigned one.", m.Name, m.Role.Label())
		}
		if n.Owner == m.Name {
			return "", stageErr("%s is already owned by %s.", name, m.Name)
		}
		n.Owner = m.Name
		return "assigned to " + m.Name, nil
	case ActNote:
		if strings.TrimSpace(c.Note) == "" {
			return "", stageErr("The note is empty; write something to add.")
		}
		if err := ValidateNote(c.Note); err != nil {
			return "", err
		}
		return "added a note", nil
	case ActMarkMQL:
		if n.Stage != StageInquiry && n.Stage != StageRecycled {
			return "", stageErr("%s is %s; only an inquiry or a recycled lead can be marked as MQL.", name, n.Stage.Label())
		}
		if n.DisputeOpen() {
			return "", stageErr("%s has an open dispute; leadership decides it first.", name)
		}
		n.AcceptClock = StartClock(now, env.SLA.Accept)
		n.FirstTouchClock = Clock{}
		setStage(n, StageMQL, now)
		return "marked as MQL", nil
	case ActJourney:
		if c.To == "" || (env.Journey != nil && !env.Journey(c.To)) {
			return "", stageErr("There is no journey stage %q.", c.To)
		}
		if n.Journey == c.To {
			return "", stageErr("%s is already in that journey stage.", name)
		}
		if err := ValidateNote(c.Note); err != nil {
			return "", err
		}
		n.Journey, n.JourneySince = c.To, now
		return "moved to journey stage " + c.To, nil
	case ActPersona:
		if c.To != "" && env.Persona != nil && !env.Persona(c.To) {
			return "", stageErr("There is no persona %q.", c.To)
		}
		if n.Persona == c.To {
			if c.To == "" {
				return "", stageErr("%s has no persona to unlink.", name)
			}
			return "", stageErr("%s is already linked to that persona.", name)
		}
		n.Persona = c.To
		if c.To == "" {
			return "unlinked from its persona", nil
		}
		return "linked to persona " + c.To, nil
	}
	return "", stageErr("%q is not an action on a lead.", c.Action)
}

// Undo computes the compensating change for ev, the actor's own earlier change to l:
// the lead returns to its state before ev, as a new audited version. It refuses when
// someone changed the lead since, so nobody's work is silently reverted.
func Undo(l Lead, ev Event, actor Member, env Env) (Lead, Event, error) {
	return UndoPastNotes(l, ev, 0, actor, env)
}

// UndoPastNotes is Undo past the lead's last `notes` changes, which the caller found
// to be notes or rescores (`align rules rescore`): neither changes what undoing ev
// takes back, and a teammate's note had made the actor's reject impossible to undo
// (new-user review). They stay in the history, and the lead keeps the score it has
// now: no triage action changes a score, so ev did not.
func UndoPastNotes(l Lead, ev Event, notes int, actor Member, env Env) (Lead, Event, error) {
	if err := Check(actor.Role, ActUndo); err != nil {
		return l, Event{}, err
	}
	if ev.Actor != actor.Name {
		return l, Event{}, stageErr("You can only undo your own changes; that one was made by %s.", ev.Actor)
	}
	if ev.Before == nil || ev.Lead != l.ID {
		return l, Event{}, stageErr("That change cannot be undone.")
	}
	if l.Version != ev.Before.Version+1+uint64(notes) {
		return l, Event{}, stageErr("%s was changed again after your %s; undo is only for the latest change.", l.DisplayName(), ev.Action)
	}
	now := env.Now.UTC()
	n := ev.Before.Clone()
	n.Score, n.Fit, n.Engagement, n.Breakdown = l.Score, l.Fit, l.Engagement, l.Breakdown
	n.Version = l.Version + 1
	n.Updated = now
	before := l.Clone()
	out := Event{
		At: now, Actor: actor.Name, Kind: EventLeadChanged, Action: ActUndo, Lead: l.ID,
		Summary: "undid " + ev.Summary, Changes: Diff(l, n), Before: &before, Undoes: ev.Seq,
	}
	return n, out, nil
}

// Available lists the lead actions actor may take on l now, so screens offer only those.
func Available(l Lead, actor Member, env Env) []Action {
	var out []Action
	for _, a := range LeadActions {
		if a == ActUndo {
			continue
		}
		if err := Fits(l, a, actor, env); err == nil {
			out = append(out, a)
		}
	}
	return out
}

// Fits says why the action does not suit the lead as it stands, nil when it does: the
// actor's role, then the change with stand-in inputs (a reason, a note, a value), so a
// screen offers only what fits (Available) and says why before a form is filled in.
// Members are looked up in env for the lead's owner alone (whether an AE may take the
// lead over); any other name stands for a member who may.
func Fits(l Lead, a Action, actor Member, env Env) error {
	if err := Check(actor.Role, a); err != nil {
		return err
	}
	probe := Command{Action: a, Reason: ReasonOther, Note: "x", Value: 1, LostReason: "x", Verdict: VerdictUphold, To: "x"}
	pe := Env{Now: time.Unix(0, 0), SLA: DefaultSLA(), Member: func(name string) (Member, bool) {
		if name == l.Owner && env.Member != nil {
			return env.Member(name)
		}
		return Member{Name: "\x00probe", Role: RoleAdmin}, true
	}}
	n := l.Clone()
	if a == ActJourney {
		n.Journey = ""
	}
	_, err := transition(&n, probe, actor, pe, pe.Now)
	return err
}

func setStage(n *Lead, s Stage, now time.Time) {
	n.Stage, n.StageSince = s, now
}

// ownsOrLeads refuses a sales rep working a lead somebody else owns.
func ownsOrLeads(n *Lead, actor Member) error {
	if n.Owner == "" || n.Owner == actor.Name || actor.Role == RoleLeadership || actor.Role == RoleAdmin {
		return nil
	}
	return &OwnerError{Lead: n.DisplayName(), Owner: n.Owner}
}

// handOff lets an AE take over a lead an SDR owns, to qualify it, win it or lose it:
// product.md's AE "takes accepted leads to SQL, won or lost", and an SDR's SQL stalled
// until leadership reassigned it (new-user review). The lead becomes the AE's. It
// returns whom the lead was taken from, "" when the actor may work it anyway, or the
// OwnerError of anyone else.
func handOff(n *Lead, actor Member, env Env) (string, error) {
	err := ownsOrLeads(n, actor)
	if err == nil || actor.Role != RoleAE || env.Member == nil {
		return "", err
	}
	if m, ok := env.Member(n.Owner); !ok || m.Role != RoleSDR {
		return "", err
	}
	from := n.Owner
	n.Owner = actor.Name
	return from, nil
}

// takenOver adds a handoff to a change's summary.
func takenOver(summary, from string) string {
	if from == "" {
		return summary
	}
	return summary + ", taken over from " + from
}

// OwnerError is a refusal because another member owns the lead, or has it assigned
// while it waits in the MQL inbox.
type OwnerError struct{ Lead, Owner string }

func (e *OwnerError) Error() string {
	return fmt.Sprintf("%s is %s's; only they, leadership or an admin may work it (an AE may take over an SDR's lead). Ask leadership to reassign it.", e.Lead, e.Owner)
}

// orSomeone names who did something: the member, "you" when it was the actor, or
// "someone" when nobody is recorded.
func orSomeone(s string, actor Member) string {
	switch {
	case s == "":
		return "someone"
	case s == actor.Name:
		return "you"
	}
	return s
}

func pastTense(a Action) string {
	if a == ActDisqualify {
		return "disqualified"
	}
	return "rejected"
}
