package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"align/model"
)

// TestFormsOfferNoExternalEditor: huh's text fields start $EDITOR on ctrl+e, which
// over SSH would run on the server. No triage form may offer it or start it, even
// when the key arrives before the form was first drawn.
func TestFormsOfferNoExternalEditor(t *testing.T) {
	// huh creates the editor's temporary file as soon as it sees the key.
	t.Setenv("TMPDIR", t.TempDir())
	h := newHarness(t, "sam", 80, 24)
	lead := model.Lead{ID: 1, Name: "Ada Lovelace", Version: 1}
	for _, a := range []model.Action{model.ActReject, model.ActDisqualify, model.ActDispute, model.ActVerdict, model.ActTouch, model.ActNote} {
		t.Run(string(a), func(t *testing.T) {
			f := newActionForm(h.app.ctx, a, lead.ID, []model.Lead{lead})
			f.form.Init()
			for range 3 {
				_, cmd := f.form.Update(tea.KeyPressMsg{Code: 'e', Mod: tea.ModCtrl})
				if msg := runQuick(cmd); strings.Contains(fmt.Sprintf("%T", msg), "exec") {
					t.Fatalf("ctrl+e in the %s form starts an external editor (%T)", a, msg)
				}
				for _, b := range f.form.KeyBinds() {
					if b.Enabled() && strings.Contains(b.Help().Desc, "editor") {
						t.Fatalf("the %s form offers %q", a, b.Help().Key+" "+b.Help().Desc)
					}
				}
				f.form.NextField()
			}
		})
	}
}

// runQuick runs a command tree's first level and returns a message that is not a
// batch, if any.
func runQuick(cmd tea.Cmd) tea.Msg {
	if cmd == nil {
		return nil
	}
	msg, _ := runWithin(cmd, cmdWait)
	if b, ok := msg.(tea.BatchMsg); ok {
		for _, c := range b {
			if m := runQuick(c); m != nil && strings.Contains(fmt.Sprintf("%T", m), "exec") {
				return m
			}
		}
	}
	return msg
}
