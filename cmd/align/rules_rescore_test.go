package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"align/model"
)

// TestRulesRescore: after `rules set`, `rules rescore` scores the stored inquiries and
// MQLs with the new rules, says what it changed, and a second run changes nothing.
func TestRulesRescore(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runAlign(t, dir, nil, "rules", "rescore"); code == 0 || !strings.Contains(errOut, "There is no workspace") {
		t.Fatalf("rescore without a workspace: exit %d, %s", code, errOut)
	}
	csv := "name,email,What is your current occupation\n" +
		"Ann Lee,ann@example.com,Working Professional\n" +
		"Bo Chen,bo@example.com,Student\n" +
		"Cy Diaz,cy@example.com,\n"
	if code, _, errOut := runAlign(t, dir, strings.NewReader(csv), "import", "-"); code != 0 {
		t.Fatalf("import: exit %d, %s", code, errOut)
	}
	if code, out, errOut := runAlign(t, dir, nil, "rules", "rescore"); code != 0 || !strings.Contains(out, "Rescored 3 leads with the rules of version 1: 0 changed, 0 entered the MQL inbox.") {
		t.Fatalf("rescore with the rules in force: exit %d, %s\n%s", code, errOut, out)
	}
	rs := model.DefaultRuleSet()
	rs.MQL = "fit >= 30" // Ann has 35, Bo 10, Cy nothing
	file, _ := json.Marshal(rs)
	if code, _, errOut := runAlign(t, dir, bytes.NewReader(file), "rules", "set", "-"); code != 0 {
		t.Fatalf("rules set: exit %d, %s", code, errOut)
	}
	code, out, errOut := runAlign(t, dir, nil, "rules", "rescore")
	if code != 0 || !strings.Contains(out, "Rescored 3 leads with the rules of version 2: 1 changed, 1 entered the MQL inbox.") {
		t.Fatalf("rescore: exit %d, %s\n%s", code, errOut, out)
	}
	if got := leadList(t, dir, "mql"); len(got) != 1 || got[0].Name != "Ann Lee" {
		t.Errorf("after the rescore the MQL inbox holds %v, want Ann Lee", got)
	}
	if code, out, _ := runAlign(t, dir, nil, "lead", "show", "1"); code != 0 || !strings.Contains(out, "rescored with the scoring rules of version 2") {
		t.Errorf("Ann's history does not name the rescore:\n%s", out)
	}
	if code, out, _ := runAlign(t, dir, nil, "rules", "rescore"); code != 0 || !strings.Contains(out, ": 0 changed, 0 entered") {
		t.Errorf("a second rescore: exit %d\n%s", code, out)
	}
}
