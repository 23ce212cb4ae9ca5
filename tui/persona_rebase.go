package tui

import (
	"slices"
	"strings"

	"align/model"
)

// A persona form keeps what was typed when a teammate saves the same persona first,
// and when it is closed with esc: what was typed is carried onto the persona's
// current version, field by field. A field left as it was opened takes the current
// value; a field typed in keeps what was typed.

// personaEdit is what a persona form edits: the persona as the form was opened on it,
// what is typed over it, and, for a new persona, the personas its ID must not clash
// with.
type personaEdit struct {
	base  model.Persona
	v     personaValues
	all   []model.Persona
	isNew bool
}

// changed reports whether anything was typed over the persona.
func (e *personaEdit) changed() bool { return e.v != valuesOf(e.base) }

// personaField is one of the form's fields, named as a sentence names it.
type personaField struct {
	name string
	val  *string
}

func (v *personaValues) fields() []personaField {
	return []personaField{{"name", &v.Name}, {"role", (*string)(&v.Role)}, {"industry", &v.Industry},
		{"company size", &v.Size}, {"pains", &v.Pains}, {"goals", &v.Goals}, {"interests", &v.Interests},
		{"objections", &v.Objections}, {"channels", &v.Channels}, {"information", &v.Information},
		{"messaging", &v.Messaging}}
}

// rebased is the edit carried onto cur, the persona's current version, with the
// fields only the teammate changed (now in the form) and those both changed
// differently (the form keeps what was typed). A field counts as typed in when it
// differs from what the form opened with; changes are compared as they would be
// stored, so trimming a trailing blank line is no change.
func (e *personaEdit) rebased(cur model.Persona) (next *personaEdit, theirs, both []string) {
	next = &personaEdit{base: cur, v: e.v, all: e.all, isNew: e.isNew}
	opened, now := valuesOf(e.base), valuesOf(cur)
	was, is, mine := stored(e.base, opened), stored(cur, now), stored(e.base, e.v)
	of, nf, mf := opened.fields(), now.fields(), next.v.fields()
	wf, isf, minef := was.fields(), is.fields(), mine.fields()
	for i := range mf {
		switch {
		case *wf[i].val == *isf[i].val:
		case *mf[i].val == *of[i].val:
			*mf[i].val = *nf[i].val
			theirs = append(theirs, mf[i].name)
		case *minef[i].val != *isf[i].val:
			both = append(both, mf[i].name)
		}
	}
	return next, theirs, both
}

// stored is what saving v over p would store, as the form shows it.
func stored(p model.Persona, v personaValues) personaValues { return valuesOf(v.persona(p)) }

// changedSince reads the persona again after a refused save and reports it when a
// teammate saved it since the form was opened (its version moved on).
func changedSince(st Store, sent model.Persona, err error) (model.Persona, bool) {
	if err == nil || sent.Version == 0 {
		return model.Persona{}, false
	}
	ps, rerr := st.Personas()
	if rerr != nil {
		return model.Persona{}, false
	}
	i := slices.IndexFunc(ps, func(p model.Persona) bool { return p.ID == sent.ID })
	if i < 0 || ps[i].Version == sent.Version {
		return model.Persona{}, false
	}
	return ps[i], true
}

// rebaseNews says what a teammate's save changed under what was typed; "" when it
// changed none of the fields.
func rebaseNews(theirs, both []string) string {
	var parts []string
	switch len(theirs) {
	case 0:
	case 1:
		parts = append(parts, "their change to "+theirs[0]+" is in the form now")
	default:
		parts = append(parts, "their changes to "+joinAnd(theirs)+" are in the form now")
	}
	if len(both) > 0 {
		parts = append(parts, "you both changed "+joinAnd(both)+", and the form keeps yours")
	}
	return strings.Join(parts, "; ")
}

// whoSaved names who last saved a persona, for a sentence.
func whoSaved(p model.Persona) string {
	if p.UpdatedBy == "" {
		return "Someone else"
	}
	return clean(p.UpdatedBy)
}
