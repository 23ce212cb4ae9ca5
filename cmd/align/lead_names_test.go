package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"align/model"
	"align/model/sample"
	"align/storage"
)

// sampleDir is a data directory holding the sample workspace.
func sampleDir(t *testing.T) (string, model.Workspace) {
	t.Helper()
	dir := t.TempDir()
	s, err := storage.Open(storage.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	ws := sample.Generate(time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC))
	if err := s.Seed(context.Background(), ws); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return dir, ws
}

// TestLeadShowsNames: lead list and lead show name the persona, journey stage and
// campaign as the screens do; they printed the IDs (it-ivan) or nothing. The JSON
// keeps the IDs, which scripts and import round-trip rely on.
func TestLeadShowsNames(t *testing.T) {
	dir, ws := sampleDir(t)
	names := model.NewNames(ws.Personas, ws.Journey, ws.Campaigns)
	var l model.Lead
	for _, x := range leadList(t, dir, "all") {
		if x.Persona != "" && x.Journey != "" && x.Campaign != "" {
			l = x
			break
		}
	}
	if l.ID == 0 {
		t.Fatal("no sample lead has a persona, a journey stage and a campaign")
	}
	persona, stage, campaign := names.Persona(l.Persona), names.Stage(l.Journey), names.Campaign(l.Campaign)
	if persona == l.Persona || stage == l.Journey || campaign == l.Campaign {
		t.Fatalf("the sample's names are its IDs (%q %q %q); the test proves nothing", persona, stage, campaign)
	}

	code, out, errOut := runAlign(t, dir, nil, "lead", "show", l.ID.String())
	if code != 0 {
		t.Fatalf("lead show: exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Persona      " + persona, "Journey      " + stage, "Campaign     " + campaign} {
		if !strings.Contains(out, want) {
			t.Errorf("lead show lacks %q:\n%s", want, out)
		}
	}
	for _, id := range []string{l.Persona, l.Journey, l.Campaign} {
		if strings.Contains(out, " "+id+"\n") || strings.Contains(out, "("+id+")") {
			t.Errorf("lead show prints the ID %q:\n%s", id, out)
		}
	}

	code, out, errOut = runAlign(t, dir, nil, "lead", "list", "--queue", "all")
	if code != 0 {
		t.Fatalf("lead list: exit %d: %s", code, errOut)
	}
	lines := strings.Split(out, "\n")
	if !strings.Contains(lines[0], "PERSONA") {
		t.Errorf("lead list has no persona column: %q", lines[0])
	}
	for _, ln := range lines {
		if strings.HasPrefix(ln, fmt.Sprintf("%-8s ", l.ID)) && !strings.Contains(ln, " "+persona) {
			t.Errorf("lead list's row of lead %s lacks the persona %q: %q", l.ID, persona, ln)
		}
		if strings.HasSuffix(ln, " ") {
			t.Errorf("lead list pads a row with trailing spaces: %q", ln)
			break
		}
	}

	code, out, _ = runAlign(t, dir, nil, "lead", "show", l.ID.String(), "--format", "json")
	var back model.Lead
	if err := json.Unmarshal([]byte(out), &back); code != 0 || err != nil || back.Persona != l.Persona || back.Journey != l.Journey {
		t.Errorf("lead show --format json should keep the IDs: exit %d, %v, %q %q", code, err, back.Persona, back.Journey)
	}
}

// TestLeadUndoSentence: align lead undo says which lead, where it is now and what was
// taken back; it printed "Lead 42 (Kim): undid accepted; now mql.".
func TestLeadUndoSentence(t *testing.T) {
	dir, _ := sampleDir(t)
	l := leadList(t, dir, "mql")[0]
	if code, _, errOut := runAlign(t, dir, nil, "lead", "accept", l.ID.String()); code != 0 {
		t.Fatalf("accept: exit %d: %s", code, errOut)
	}
	code, out, errOut := runAlign(t, dir, nil, "lead", "undo")
	want := fmt.Sprintf("Undone “accepted”: %s (#%s) is back in the MQL inbox.\n", model.Sanitize(l.DisplayName()), l.ID)
	if code != 0 || out != want {
		t.Errorf("lead undo: exit %d, %q (stderr %q), want %q", code, out, errOut, want)
	}
}
