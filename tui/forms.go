package tui

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"align/model"
)

// actionForm asks for what a triage action needs (a reason, a note, a value, an owner)
// with huh, validating with the same rules the import and the model apply.
type actionForm struct {
	Title   string
	Action  model.Action
	From    model.LeadID
	Targets []model.Lead
	// Brief is what the member should read before filling the form in (the rejection
	// and the argument, for a dispute or a verdict), shown above it when there is room.
	Brief string
	form  *huh.Form
	v     *formValues
	// width is the inner width the form was last measured at; natural its height then.
	width, natural int
	// onSubmit, when set, replaces the triage submit: the persona and journey forms
	// (persona_form.go, journey_form.go) save cards instead of changing leads.
	onSubmit func(c *Context) tea.Cmd
	// persona, on a persona form, is the persona edited and what was typed over it, so
	// a draft or a teammate's save can be carried onto its current version.
	persona *personaEdit
	// picks are the form's selects whose cursor stops at the first and last options.
	picks []pick
}

// formValues are the fields the huh form writes into.
type formValues struct {
	Reason  model.RejectReason
	Note    string
	Value   string
	Verdict model.VerdictKind
	To      string
	Lost    string
}

// newActionForm builds the form for an action on one or more leads.
func newActionForm(c *Context, a model.Action, from model.LeadID, targets []model.Lead) *actionForm {
	return actionFormWith(c, a, from, targets, formValues{})
}

// actionFormWith builds the form with its fields filled in with v.
func actionFormWith(c *Context, a model.Action, from model.LeadID, targets []model.Lead, v0 formValues) *actionForm {
	v := &v0
	f := &actionForm{Action: a, From: from, Targets: targets, v: v}
	who := leadName(targets[0])
	if len(targets) > 1 {
		who = fmt.Sprintf("%d selected leads", len(targets))
	}
	f.Title = strings.ToUpper(a.Label()[:1]) + a.Label()[1:] + ": " + who
	var fields []huh.Field
	switch a {
	case model.ActReject, model.ActDisqualify:
		reasons := model.RejectReasons
		if a == model.ActDisqualify {
			reasons = model.DisqualifyReasons
		}
		opts := make([]huh.Option[model.RejectReason], len(reasons))
		for i, r := range reasons {
			opts[i] = huh.NewOption(r.Label(), r)
		}
		sel := huh.NewSelect[model.RejectReason]().Title("Reason").Options(opts...).Value(&v.Reason)
		f.picks = append(f.picks, pickOf(sel, opts))
		fields = append(fields, sel,
			textField("Note").Description("Required when the reason is other.").
				CharLimit(model.MaxNoteBytes).Value(&v.Note).Validate(func(s string) error {
				if v.Reason == model.ReasonOther && strings.TrimSpace(s) == "" {
					return errors.New("the reason other needs a note that says why")
				}
				return model.ValidateNote(model.NormalizeNote(s))
			}))
	case model.ActDispute:
		fields = append(fields, textField("Argument").
			Description("Why should sales not have rejected it?").Value(&v.Note).Validate(required(model.ValidateNote)))
		f.Brief = disputeBrief(targets, false)
	case model.ActVerdict:
		opts := []huh.Option[model.VerdictKind]{
			huh.NewOption("Uphold the rejection", model.VerdictUphold),
			huh.NewOption("Overturn: back to the MQL inbox", model.VerdictOverturn)}
		sel := huh.NewSelect[model.VerdictKind]().Title("Verdict").Options(opts...).Value(&v.Verdict)
		f.picks = append(f.picks, pickOf(sel, opts))
		fields = append(fields, sel,
			textField("Reasoning").Value(&v.Note).Validate(func(s string) error {
				return model.ValidateNote(model.NormalizeNote(s))
			}))
		f.Brief = disputeBrief(targets, true)
	case model.ActWon:
		fields = append(fields, huh.NewInput().Title("Deal value").Placeholder("e.g. 12 000").Value(&v.Value).
			Validate(func(s string) error {
				if n, ok := dealValue(s); !ok || n <= 0 {
					return errors.New("enter the deal value as a whole number above 0")
				}
				return nil
			}))
	case model.ActLost:
		fields = append(fields, huh.NewInput().Title("Why was it lost?").Value(&v.Lost).CharLimit(inputCap).
			Validate(required(func(s string) error { return model.ValidateLine("lost reason", s, 200) })))
	case model.ActAssign:
		var opts []huh.Option[string]
		for _, m := range c.Members {
			if model.Can(m.Role, model.ActAccept) {
				opts = append(opts, huh.NewOption(clean(m.Name)+" ("+m.Role.Label()+")", m.Name))
			}
		}
		if len(opts) == 0 {
			fields = append(fields, huh.NewInput().Title("Owner").Value(&v.To).Validate(required(func(s string) error {
				return model.ValidateLine("owner", s, model.MaxNameRunes)
			})))
		} else {
			sel := huh.NewSelect[string]().Title("New owner").Options(opts...).Value(&v.To)
			f.picks = append(f.picks, pickOf(sel, opts))
			fields = append(fields, sel)
		}
	case model.ActTouch:
		fields = append(fields, textField("What happened?").Description("Optional: call, email, meeting…").
			Value(&v.Note).Validate(func(s string) error { return model.ValidateNote(model.NormalizeNote(s)) }))
	default: // note
		fields = append(fields, textField("Note").Value(&v.Note).Validate(required(model.ValidateNote)))
	}
	f.form = huh.NewForm(huh.NewGroup(fields...)).WithShowHelp(true)
	f.restyle(c.Theme)
	return f
}

// disputeBrief says, for the dispute and verdict forms on one lead, who rejected (or
// disqualified) it and why and, with argument, marketing's argument, so the argument
// and the verdict are written with them in view (the verdict form showed neither).
func disputeBrief(targets []model.Lead, argument bool) string {
	if len(targets) != 1 || targets[0].Rejection == nil {
		return ""
	}
	r, d := targets[0].Rejection, targets[0].Dispute
	s := targets[0].RejectedWord() + " by " + clean(r.By) + ": " + r.Reason.Label()
	if r.Note != "" {
		s += " (" + cleanBlock(r.Note) + ")"
	}
	s += "."
	if argument && d != nil {
		s += "\nDisputed by " + clean(d.By) + ": " + cleanBlock(d.Argument)
	}
	return s
}

// pick is a select of a form, with where its cursor is among all its options.
type pick struct {
	field huh.Field
	// at is the index of the option under the cursor among all the options, -1 when
	// none; filtering says a filter is being typed (j and k are letters of it then).
	at        func() int
	filtering func() bool
}

// pickOf is the pick of a select built with opts.
func pickOf[T comparable](s *huh.Select[T], opts []huh.Option[T]) pick {
	return pick{field: s, filtering: s.GetFiltering, at: func() int {
		v, ok := s.Hovered()
		if !ok {
			return -1
		}
		return slices.IndexFunc(opts, func(o huh.Option[T]) bool { return o.Value == v })
	}}
}

// update feeds the form a message. huh's Select wraps around, with no option to
// stop: ↓ on the last reason ("other") went to the first, and a reason picked by
// accident was submitted. A move that wrapped (↓ landing on an earlier option, ↑ on
// a later one) is taken back with the opposite key, which wraps it back, so the
// cursor stops at the ends, of a filtered list too.
func (f *actionForm) update(msg tea.Msg) tea.Cmd {
	k, isKey := msg.(tea.KeyPressMsg)
	var p *pick
	if isKey {
		focused := f.form.GetFocusedField()
		for i := range f.picks {
			if f.picks[i].field == focused && (k.Text == "" || !f.picks[i].filtering()) {
				p = &f.picks[i]
			}
		}
	}
	if p == nil {
		_, cmd := f.form.Update(msg)
		return cmd
	}
	before := p.at()
	_, cmd := f.form.Update(msg)
	after := p.at()
	km := formKeyMap().Select
	switch {
	case before < 0 || after < 0:
	case after < before && key.Matches(k, km.Down, km.Right):
		f.form.Update(tea.KeyPressMsg{Code: tea.KeyUp})
	case after > before && key.Matches(k, km.Up, km.Left):
		f.form.Update(tea.KeyPressMsg{Code: tea.KeyDown})
	}
	return cmd
}

// textField is the one way the triage forms ask for free text. It turns huh's
// external editor off: over SSH, ctrl+e would start $EDITOR on the server, in the
// server's terminal, not in the teammate's.
func textField(title string) *huh.Text {
	return huh.NewText().Title(title).ExternalEditor(false)
}

// formKeyMap is huh's key map with the external editor's key disabled. A field's
// ExternalEditor(false) alone is not enough: huh disables the key only when it draws
// the field's help, so a ctrl+e that arrives before the first frame would still
// start the editor (and create a temporary file on the server).
func formKeyMap() *huh.KeyMap {
	km := huh.NewDefaultKeyMap()
	km.Text.Editor.SetEnabled(false)
	return km
}

// required wraps a validator so empty text is refused too.
func required(check func(string) error) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("this field is required")
		}
		return check(model.NormalizeNote(s))
	}
}

// restyle applies the session's theme to the form, and the key map without the
// external editor: every form passes through here when built and again when App
// opens it.
func (f *actionForm) restyle(th *Theme) {
	f.form.WithKeyMap(formKeyMap())
	dark, plain := th.Dark, th.NoColor
	f.form.WithTheme(huh.ThemeFunc(func(bool) *huh.Styles {
		if plain {
			return huh.ThemeBase(dark)
		}
		return huh.ThemeCharm(dark)
	}))
}

// command is the model command for one target, from what the form collected.
func (f *actionForm) command(l model.Lead) model.Command {
	v := f.v
	c := model.Command{Action: f.Action, Lead: l.ID, ExpectVersion: l.Version,
		Reason: v.Reason, Note: strings.TrimSpace(model.NormalizeNote(v.Note)), Verdict: v.Verdict, To: v.To,
		LostReason: strings.TrimSpace(v.Lost)}
	if f.Action == model.ActNote {
		// A note only adds to the lead, so a teammate's change while it was being
		// written is no reason to refuse it (and lose the text).
		c.ExpectVersion = 0
	}
	if n, ok := dealValue(v.Value); ok {
		c.Value = n
	}
	return c
}

// dealValue reads a deal value as people write it: 12000, 12,000, 12 000 or 12_000.
func dealValue(s string) (int64, bool) {
	s = strings.Map(func(r rune) rune {
		if r == ',' || r == '_' || r == ' ' || r == '\u00a0' || r == '\u202f' {
			return -1
		}
		return r
	}, s)
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// submit runs the action on every target once the form is complete.
func (f *actionForm) submit(c *Context) tea.Cmd {
	if f.onSubmit != nil {
		return f.onSubmit(c)
	}
	return keepOnStale(c, f, runActions(c, f.Action, f.From, f.Targets, f.command))
}

// inputCap is what a one-line form field holds: one more than the longest value any
// field takes (a note), so a paste over a field's own limit stays whole enough for the
// field's check to refuse it with its length, instead of being cut short without a word.
const inputCap = model.MaxNoteBytes + 1

// briefFormLines is the least height a form keeps under its brief: a choice of two,
// then a text field with a few lines and the keys' help.
const briefFormLines = 10

// view renders the form in a titled box of at most w x h.
func (f *actionForm) view(th *Theme, w, h int) string {
	inner := max(w-th.Box.GetHorizontalFrameSize(), 10)
	if inner != f.width {
		// Measure the form's own height once per width, then never let it be taller
		// than the body: the title, a blank line and the hint take three lines of the
		// box, and huh adds one.
		f.width = inner
		f.form.WithWidth(inner).WithHeight(0)
		f.natural = lipgloss.Height(f.form.View())
	}
	room := h - th.Box.GetVerticalFrameSize() - 4
	title := th.Title.Render(trunc(f.Title, inner))
	if brief := wrap(f.Brief, inner); f.Brief != "" && room-len(brief)-1 >= min(f.natural, briefFormLines) {
		// The brief shows only when the form keeps room for its choices under it.
		room -= len(brief) + 1
		title += "\n\n" + th.Muted.Render(strings.Join(brief, "\n"))
	}
	f.form.WithHeight(min(f.natural, max(room, 3)))
	hint := th.Muted.Render(trunc("esc cancels without changing anything", inner))
	return th.Box.Width(w).Render(title + "\n\n" + f.form.View() + "\n" + hint)
}
