package tui

import (
	"fmt"
	"strings"

	"align/model"
)

// A triage or persona form closed with esc keeps what was typed in it: opening the
// same action on the same lead (or the same selection), or the same persona, again
// fills the form back in, so a long note is not lost to a stray esc. One draft is
// kept; submitting a form drops it.

// formDraft is a form closed with what was typed in it.
type formDraft struct{ form *actionForm }

// typed reports whether the form holds any text worth keeping. A choice from a list
// (the owner, the persona, the journey stage) is not text: a picker starts on one, and
// cancelling it said "brings your text back" when nothing had been typed.
func (v formValues) typed() bool {
	return strings.TrimSpace(v.Note+v.Value+v.Lost) != ""
}

// draftKey names the form a draft may come back into: the action and its leads for
// a triage form, the persona for a persona form, "" for a form that keeps no draft
// (the journey forms, a confirmation).
func (f *actionForm) draftKey() string {
	switch {
	case f.persona != nil:
		return "persona " + f.persona.base.ID
	case f.onSubmit == nil:
		return fmt.Sprint(f.Action, leadIDs(f.Targets))
	}
	return ""
}

// typed reports whether the form holds anything worth keeping.
func (f *actionForm) typed() bool {
	if f.persona != nil {
		return f.persona.changed()
	}
	return f.onSubmit == nil && f.v.typed()
}

// draftOf is the draft a form leaves when closed, or nil when nothing was typed or the
// form keeps no draft.
func draftOf(f *actionForm) *formDraft {
	if f.draftKey() == "" || !f.typed() {
		return nil
	}
	return &formDraft{form: f}
}

// fits reports whether a form being opened is the one the draft was closed from.
func (d *formDraft) fits(f *actionForm) bool {
	return d != nil && f.draftKey() != "" && f.draftKey() == d.form.draftKey()
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

// reopenHint says how to open the form again: its key, and on which leads or persona.
func (a *App) reopenHint(f *actionForm) string {
	if e := f.persona; e != nil {
		pk := a.ctx.Keys.Personas
		if e.isNew {
			return pk.New.Help().Key + " on the Personas screen"
		}
		return pk.Edit.Help().Key + " on " + clean(e.base.Name)
	}
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
// it, the same form filled in with the draft. A persona's draft is carried onto the
// persona as it is now, saying what a teammate changed since.
func (a *App) withDraft(f *actionForm) *actionForm {
	d := a.draft
	if !d.fits(f) {
		return f
	}
	a.draft = nil
	a.status = status{text: "What you typed before is back."}
	if f.persona == nil {
		return actionFormWith(a.ctx, f.Action, f.From, f.Targets, *d.form.v)
	}
	e, theirs, both := d.form.persona.rebased(f.persona.base)
	e.all = f.persona.all
	if news := rebaseNews(theirs, both); news != "" {
		a.status.text = fmt.Sprintf("What you typed before is back; %s changed %s since: %s, so check the form before you save.",
			whoSaved(e.base), clean(e.base.Name), news)
	}
	return personaFormWith(a.ctx, e)
}

// Unsent is what was typed into a form and not sent, the open form's or the kept
// draft's, for the server to hand back when a session ends under the member (the
// server stopping, the idle limit): "" when there is none. Call it once the program
// has returned.
func (a *App) Unsent() string {
	switch {
	case a.form != nil && a.form.typed():
		return a.form.unsent()
	case a.draft != nil:
		return a.draft.form.unsent()
	}
	return ""
}

// unsent is the text typed into the form, one field a paragraph; for a persona, the
// fields typed over it, each under its name.
func (f *actionForm) unsent() string {
	var parts []string
	if e := f.persona; e != nil {
		orig := valuesOf(e.base)
		of := orig.fields()
		for i, fd := range e.v.fields() {
			if s := strings.TrimSpace(*fd.val); *fd.val != *of[i].val && s != "" {
				parts = append(parts, fd.name+":\n"+s)
			}
		}
		return strings.Join(parts, "\n")
	}
	v := f.v
	for _, s := range []string{v.Note, v.Value, v.To, v.Lost} {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "\n")
}
