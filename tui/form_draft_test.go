package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"align/model"
)

// TestEscKeepsTypedNote: I type a rejection note, press esc by mistake, and press r on
// the same lead again: the reason and the note are back and enter submits them. The
// note was lost with the form.
func TestEscKeepsTypedNote(t *testing.T) {
	h := newHarness(t, "lee", 120, 40)
	cur, _ := h.queue().current()
	h.key("r")
	h.keys("G", "enter") // the last reason: other, which needs the note
	h.typeText("Student, not a buyer")
	h.key("esc")
	if h.app.form != nil {
		t.Fatal("esc left the form open")
	}
	if st := h.app.status.text; !strings.Contains(st, "r on "+leadName(cur)+" brings your text back") {
		t.Errorf("status after esc: %q", st)
	}
	if got := h.app.Unsent(); got != "Student, not a buyer" {
		t.Errorf("Unsent() = %q, want the draft's note (the server hands it back if the session ends)", got)
	}
	h.key("r")
	if h.app.form == nil || h.app.form.v.Note != "Student, not a buyer" || h.app.form.v.Reason != model.ReasonOther {
		t.Fatalf("r again opened %+v, want the reason and the note typed before", h.app.form)
	}
	h.key("enter") // the reason, kept
	h.key("enter") // the note, kept: submit
	if h.app.form != nil {
		t.Fatalf("the restored form did not submit:\n%s", plain(h.view()))
	}
	l, err := h.store.Lead(cur.ID)
	if err != nil {
		t.Fatal(err)
	}
	if l.Rejection == nil || l.Rejection.Note != "Student, not a buyer" {
		t.Errorf("after submitting: stage %s, rejection %+v", l.Stage, l.Rejection)
	}
	if h.app.draft != nil {
		t.Error("the draft outlived the submit")
	}
}

// TestDraftOnlyForItsLead: a draft closed on one lead does not fill in the form on
// another, and an empty form leaves no draft.
func TestDraftOnlyForItsLead(t *testing.T) {
	h := newHarness(t, "lee", 120, 40)
	h.key("n")
	h.typeText("Call back on Monday")
	h.key("esc")
	h.key("j")
	h.key("n")
	if h.app.form == nil || h.app.form.v.Note != "" {
		t.Fatalf("a note on the next lead opened with %+v, want an empty note", h.app.form)
	}
	h.key("esc")
	if st := h.app.status.text; st != "Cancelled; nothing changed." {
		t.Errorf("esc on an empty form says %q", st)
	}
	h.key("k")
	h.key("n")
	if h.app.form == nil || h.app.form.v.Note != "Call back on Monday" {
		t.Fatalf("the note on the first lead opened with %+v, want the draft", h.app.form)
	}
}

// TestTypedHiddenCharactersAreDropped: a U+202E typed into the note box was echoed
// as it is, turning the rest of the line around and shifting the box's border by a
// column, though the saved note was cleaned; typed and pasted text now lose what the
// sanitiser would hide, so the box shows what will be stored.
func TestTypedHiddenCharactersAreDropped(t *testing.T) {
	h := newHarness(t, "lee", 120, 40)
	h.key("r")
	h.keys("G", "enter")
	h.typeText("Stu\u202Edent")
	h.send(tea.PasteMsg{Content: ", not\u200B a buyer"})
	if got := h.app.form.v.Note; got != "Student, not a buyer" {
		t.Errorf("the note box holds %q", got)
	}
	for _, l := range strings.Split(plain(h.view()), "\n") {
		if lipgloss.Width(l) > 120 {
			t.Errorf("a line is %d cells wide: %q", lipgloss.Width(l), l)
		}
	}
}

// TestCancelledPickerKeepsNoDraft: esc on the owner picker said "Cancelled, nothing
// changed; o on #26 brings your text back." though nothing had been typed (new-user
// review).
func TestCancelledPickerKeepsNoDraft(t *testing.T) {
	h := newHarness(t, "ada", 120, 40)
	h.key("o")
	if h.app.form == nil {
		t.Fatal("o did not open the owner picker")
	}
	h.key("esc")
	if st := h.app.status.text; st != "Cancelled; nothing changed." {
		t.Errorf("esc on the owner picker says %q", st)
	}
}

// TestPassingStatusStaysOnItsScreen: "Cancelled; nothing changed." stayed for seconds
// over the next screen, which it was not about (new-user review).
func TestPassingStatusStaysOnItsScreen(t *testing.T) {
	h := newHarness(t, "ada", 120, 40)
	h.keys("n", "esc")
	if h.app.status.text == "" {
		t.Fatal("esc on the note form said nothing")
	}
	h.key("5")
	if st := h.app.status.text; st != "" {
		t.Errorf("the feed shows the queue's status %q", st)
	}
}

// TestPaletteSwitchDropsPassingStatus: "Go to Team" from the palette kept the queue's
// "Cancelled; nothing changed." (new-user review), as number keys no longer do.
func TestPaletteSwitchDropsPassingStatus(t *testing.T) {
	h := newHarness(t, "ada", 120, 40)
	h.keys("n", "esc", ":")
	h.typeText("go to team")
	h.key("enter")
	if _, ok := h.app.screens[h.app.active].(*teamScreen); !ok || h.app.status.text != "" {
		t.Errorf("after Go to Team: screen %T, status %q", h.app.screens[h.app.active], h.app.status.text)
	}
}
