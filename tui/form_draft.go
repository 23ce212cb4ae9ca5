package tui

import (
	"fmt"
	"slices"
	"strings"

	"align/model"
)

// A triage form closed with esc keeps what was typed in it: opening the same action on
// the same lead (or the same selection) again fills the form back in, so a long note
// is not lost to a stray esc. One draft is kept; submitting a form drops it.

// formDraft is what a closed form held, and for which action and leads.
type formDraft struct {
	action  model.Action
	targets []model.LeadID
	v       formValues
}

// typed reports whether the form holds any text worth keeping.
func (v formValues) typed() bool {
	return strings.TrimSpace(v.Note+v.Value+v.To+v.Lost) != ""
}

// draftOf is the draft a form leaves when closed, or nil when nothing was typed or the
// form is not a triage form (persona and journey forms save cards, not actions).
func draftOf(f *actionForm) *formDraft {
	if f.onSubmit != nil || !f.v.typed() {
		return nil
	}
	return &formDraft{action: f.Action, targets: leadIDs(f.Targets), v: *f.v}
}

// fits reports whether a form being opened is the one the draft was closed from.
func (d *formDraft) fits(f *actionForm) bool {
	return d != nil && f.onSubmit == nil && f.Action == d.action && slices.Equal(leadIDs(f.Targets), d.targets)
}

func leadIDs(ls []model.Lead) []model.LeadID {
	ids := make([]model.LeadID, len(ls))
	for i, l := range ls {
		ids[i] = l.ID
	}
	return ids
}

// closeForm closes the open form without submitting it, keeping what was typed.
func (a *App) closeForm() {
	f := a.form
	a.form = nil
	if d := draftOf(f); d != nil {
		a.draft = d
		a.status = status{text: "Cancelled, nothing changed; " + a.reopenHint(f) + " brings your text back."}
		return
	}
	a.status = status{text: "Cancelled; nothing changed."}
}

// reopenHint says how to open the form again: its key, and on which leads.
func (a *App) reopenHint(f *actionForm) string {
	how := "the same form"
	for _, ak := range a.ctx.Keys.Queue.actionKeys() {
		if ak.Action == f.Action {
			how = ak.Key.Help().Key
		}
	}
	if len(f.Targets) > 1 {
		return fmt.Sprintf("%s on the same %d leads", how, len(f.Targets))
	}
	return how + " on " + leadName(f.Targets[0])
}

// withDraft is the form to open: the one asked for, or, when the draft was closed from
// it, the same form filled in with the draft.
func (a *App) withDraft(f *actionForm) *actionForm {
	d := a.draft
	if !d.fits(f) {
		return f
	}
	a.draft = nil
	a.status = status{text: "What you typed before is back."}
	return actionFormWith(a.ctx, f.Action, f.From, f.Targets, d.v)
}

// Unsent is what was typed into a triage form and not sent, the open form's or the kept
// draft's, for the server to hand back when a session ends under the member (the
// server stopping, the idle limit): "" when there is none. Call it once the program
// has returned.
func (a *App) Unsent() string {
	v := formValues{}
	switch {
	case a.form != nil && a.form.onSubmit == nil:
		v = *a.form.v
	case a.draft != nil:
		v = a.draft.v
	}
	var parts []string
	for _, s := range []string{v.Note, v.Value, v.To, v.Lost} {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "\n")
}
