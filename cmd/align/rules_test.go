package main

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"align/model"
	"align/storage"
)

// rulesDir is a workspace holding one lead, scored with the default rules.
func rulesDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if code, _, errOut := runAlign(t, dir, strings.NewReader("name,email\nAnn Lee,ann@example.com\n"), "import", "-"); code != 0 {
		t.Fatalf("import: exit %d, %s", code, errOut)
	}
	return dir
}

// showRules is `rules show --format json`, decoded.
func showRules(t *testing.T, dir string) (model.RuleSet, string) {
	t.Helper()
	code, out, errOut := runAlign(t, dir, nil, "rules", "show", "--format", "json")
	if code != 0 {
		t.Fatalf("rules show --format json: exit %d, %s", code, errOut)
	}
	var rs model.RuleSet
	if err := json.Unmarshal([]byte(out), &rs); err != nil {
		t.Fatalf("rules show --format json is not a rule set: %v\n%.300s", err, out)
	}
	return rs, out
}

// editable is a rule set without what rules set ignores.
func editable(rs model.RuleSet) model.RuleSet {
	rs.Version, rs.UpdatedBy, rs.Updated = 0, "", time.Time{}
	return rs
}

func TestRulesShow(t *testing.T) {
	dir := rulesDir(t)
	code, out, errOut := runAlign(t, dir, nil, "rules", "show")
	if code != 0 {
		t.Fatalf("rules show: exit %d, %s", code, errOut)
	}
	for _, want := range []string{
		"Scoring rules, version 1, as align set them up.",
		"MQL when    " + model.DefaultMQL,
		"Half-life   14 days",
		"+25 fit        senior title [senior-title]",
		"-15 engagement email bounced [email-bounced]\n         attr(\"Last Activity\") == \"Email Bounced\"",
		"Persona rules",
		"ops-olga",
		"`align rules show --format json > rules.json`",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("rules show lacks %q:\n%s", want, out)
		}
	}
	rs, text := showRules(t, dir)
	if !reflect.DeepEqual(editable(rs), editable(model.DefaultRuleSet())) {
		t.Errorf("rules show --format json is not the default rules:\n%s", text)
	}
	// Conditions are for people to edit: no \u003e for >.
	if !strings.Contains(text, `"mql": "score >= 40 && engagement >= 20"`) {
		t.Errorf("the MQL rule is escaped:\n%.400s", text)
	}
}

// TestRulesRoundTrip: what show prints, set reads back, losing nothing one can edit:
// set finds it the rules in force and saves nothing (it saved a version "with no
// change", new-user review), and the rules stay as they were.
func TestRulesRoundTrip(t *testing.T) {
	dir := rulesDir(t)
	before, text := showRules(t, dir)
	code, out, errOut := runAlign(t, dir, strings.NewReader(text), "rules", "set", "-")
	if code != 0 || !strings.Contains(out, "These are the rules in force (version 1); nothing was saved.") {
		t.Fatalf("rules set of what show printed: exit %d, %s\n%s", code, errOut, out)
	}
	after, _ := showRules(t, dir)
	if !reflect.DeepEqual(before, after) {
		t.Errorf("the round trip changed the rules:\n%+v\n%+v", before, after)
	}
}

// TestRulesRefused: a file that is no rule set, or holds a rule that does not compile,
// is refused with one sentence that says where, and nothing is saved.
func TestRulesRefused(t *testing.T) {
	dir := rulesDir(t)
	_, text := showRules(t, dir)
	for name, c := range map[string]struct{ old, new, want string }{
		"bad condition": {`"when": "employees > 5000"`, `"when": "employees >> 5000"`,
			`Rule "company-size-enterprise" (enterprise (over 5,000 people)) does not compile at 1:12`},
		"unknown field": {`"when": "employees > 5000"`, `"condtion": "employees > 5000"`, `field "condtion" at line 28, column 7`},
		"points":        {`"points": 25,`, `"points": 250,`, "it gives 250 points; a rule gives between -100 and 100"},
		"not JSON":      {`"points": 25,`, `"points": 25`, "not valid JSON at line 9, column 7"},
		"no rules":      {text, `{"mql": "score > 1", "half_life_days": 7}`, "it has no rules"},
	} {
		bad := strings.Replace(text, c.old, c.new, 1)
		for _, cmd := range []string{"check", "set"} {
			code, out, errOut := runAlign(t, dir, strings.NewReader(bad), "rules", cmd, "-")
			if code != 1 || !strings.Contains(errOut, c.want) || strings.Count(errOut, "\n") != 1 || out != "" {
				t.Errorf("%s, rules %s: exit %d, stdout %q, stderr %q; want %q", name, cmd, code, out, errOut, c.want)
			}
		}
	}
	if rs, _ := showRules(t, dir); rs.Version != 1 {
		t.Errorf("a refused rule set was saved as version %d", rs.Version)
	}
	if code, _, errOut := runAlign(t, dir, nil, "rules", "set", dir+"/missing.json"); code != 1 || !strings.Contains(errOut, "check the path") {
		t.Errorf("missing file: exit %d, %s", code, errOut)
	}
	if code, _, errOut := runAlign(t, dir, nil, "rules", "set"); code != 2 || !strings.Contains(errOut, "such as `align rules set rules.json`") {
		t.Errorf("no file: exit %d, %s", code, errOut)
	}
}

// remoteRules runs a rules command over SSH as a member.
func remoteRules(t *testing.T, s *storage.Store, who model.Member, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := runRemote(context.Background(), s, who, "ssh -p 2222 align.example", append([]string{"rules"}, args...),
		strings.NewReader(stdin), &out, &errOut, time.Now)
	return code, out.String(), errOut.String()
}

// TestRulesRolesAndHistory: over SSH anyone may read the rules, only marketing,
// leadership and admins may change them, and history says who changed what, newest
// first.
func TestRulesRolesAndHistory(t *testing.T) {
	s := newMemStore(t)
	maya := model.Member{Name: "maya", Role: model.RoleMarketing}
	sofia := model.Member{Name: "sofia", Role: model.RoleLeadership}
	rs := model.DefaultRuleSet()
	rs.Rules = append(rs.Rules, model.Rule{ID: "webinar-fan", Dimension: model.DimEngagement, When: `count("webinar") > 2`, Points: 10, Reason: "webinar fan"})
	file, _ := json.Marshal(rs)

	for _, r := range []model.Role{model.RoleSDR, model.RoleAE, model.RoleViewer} {
		code, out, errOut := remoteRules(t, s, model.Member{Name: "vic", Role: r}, string(file), "set", "-")
		if code != 1 || out != "" || !strings.Contains(errOut, "Only marketing, leadership or admins may change the scoring rules") {
			t.Errorf("%s: exit %d, %s%s", r, code, out, errOut)
		}
		if code, out, errOut := remoteRules(t, s, model.Member{Name: "vic", Role: r}, "", "show"); code != 0 || !strings.Contains(out, "version 1") {
			t.Errorf("%s may not read the rules: exit %d, %s", r, code, errOut)
		}
	}
	if code, _, errOut := remoteRules(t, s, maya, "", "set", "rules.json"); code != 2 || !strings.Contains(errOut, "`ssh -p 2222 align.example rules set - < rules.json`") {
		t.Errorf("a file over ssh: exit %d, %s", code, errOut)
	}
	if code, out, errOut := remoteRules(t, s, maya, string(file), "set", "-"); code != 0 || !strings.Contains(out, "version 2") ||
		!strings.Contains(out, "until you run `ssh -p 2222 align.example rules rescore`.") {
		t.Fatalf("maya: exit %d, %s%s", code, out, errOut)
	}
	if code, out, errOut := remoteRules(t, s, maya, "", "rescore"); code != 0 || !strings.Contains(out, "there is nothing to rescore") {
		t.Errorf("maya's rescore over ssh: exit %d, %s%s", code, out, errOut)
	}
	if code, _, errOut := remoteRules(t, s, model.Member{Name: "vic", Role: model.RoleSDR}, "", "rescore"); code != 1 || !strings.Contains(errOut, "Only marketing, leadership or admins may rescore the stored leads") {
		t.Errorf("an SDR's rescore over ssh: exit %d, %s", code, errOut)
	}
	// The same rules again save nothing: it saved a version "with no change".
	if code, out, errOut := remoteRules(t, s, sofia, string(file), "set", "-"); code != 0 || !strings.Contains(out, "These are the rules in force (version 2); nothing was saved.") {
		t.Fatalf("sofia, the same rules: exit %d, %s%s", code, out, errOut)
	}
	rs.MQL = "score >= 30"
	file, _ = json.Marshal(rs)
	if code, out, errOut := remoteRules(t, s, sofia, string(file), "set", "-"); code != 0 {
		t.Fatalf("sofia: exit %d, %s%s", code, out, errOut)
	}

	code, out, errOut := remoteRules(t, s, sofia, "", "history")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 3 {
		t.Fatalf("history: exit %d, %s\n%s", code, errOut, out)
	}
	for i, want := range [][]string{
		{"v3 ", " UTC ", "sofia", "MQL rule now score >= 30"},
		{"v2 ", " UTC ", "maya", `added "webinar fan"`},
		{"v1 ", "align", "the rules the workspace started with"},
	} {
		for _, w := range want {
			if !strings.Contains(lines[i], w) {
				t.Errorf("history line %d lacks %q:\n%s", i+1, w, out)
			}
		}
	}
}

// TestRulesPreview: check counts the inquiries a new MQL rule would promote, leaves
// leads past inquiry out, and saves nothing; after set, importing the file again
// rescores the leads as set says.
func TestRulesPreview(t *testing.T) {
	dir := t.TempDir()
	csv := "name,email,What is your current occupation\n" +
		"Ann Lee,ann@example.com,Working Professional\n" +
		"Bo Chen,bo@example.com,Student\n" +
		"Cy Diaz,cy@example.com,\n" +
		"Di Eze,di@example.com,Businessman\n"
	if code, _, errOut := runAlign(t, dir, strings.NewReader(csv), "import", "-"); code != 0 {
		t.Fatalf("import: exit %d, %s", code, errOut)
	}
	if code, _, errOut := runAlign(t, dir, nil, "lead", "mql", "4"); code != 0 {
		t.Fatalf("lead mql: exit %d, %s", code, errOut)
	}
	rs := model.DefaultRuleSet()
	rs.MQL = "fit >= 30" // Ann (35) and Di (35); Bo has 10, Cy nothing
	// A misspelt column scores nothing without an error; check says so (new-user review).
	rs.Rules = append(rs.Rules, model.Rule{ID: "typo", Dimension: model.DimFit, Points: 5, Reason: "misspelt",
		When: `attr("What is your current occupaton") == "Student"`})
	// A persona rule for a persona the workspace lacks links nobody; the default rules'
	// sample personas, which this workspace lacks too, are not news.
	rs.Personas = append(rs.Personas, model.PersonaRule{Persona: "nobody-nick", When: `title == "x"`})
	file, _ := json.Marshal(rs)

	code, out, errOut := runAlign(t, dir, bytes.NewReader(file), "rules", "check", "-")
	for _, want := range []string{
		"The rules compile: 24 rules, MQL when fit >= 30.",
		"MQLs among the 3 leads at stage inquiry: 1 under these rules, 0 under the rules in force (version 1).",
		"  #1 Ann Lee, score 35: +25 working professional; +10 told us their occupation\n",
		"Nothing was saved; `align rules set -` saves them.",
	} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("rules check: exit %d, %s; lacks %q:\n%s", code, errOut, want, out)
		}
	}
	if strings.Contains(out, "Di Eze") {
		t.Errorf("the preview counts an MQL as an inquiry:\n%s", out)
	}
	if !strings.Contains(out, `Persona rules name "nobody-nick", which the workspace does not have`) || strings.Contains(out, `"ops-olga"`) {
		t.Errorf("check does not name the persona rule's missing persona alone:\n%s", out)
	}
	if !strings.Contains(out, "scored no point on the 3 leads at stage inquiry") || !strings.Contains(out, `"misspelt" [typo]`) {
		t.Errorf("check does not name the rules that scored nothing:\n%s", out)
	}
	if got := leadList(t, dir, "mql"); len(got) != 1 {
		t.Errorf("check changed the MQL inbox: %d leads", len(got))
	}
	if strings.Contains(out, "would not qualify") {
		t.Errorf("check says an MQL that still qualifies would not:\n%s", out)
	}
	// A raised MQL rule: the inbox's MQLs it would not make are counted, and stay.
	raised := rs
	raised.MQL = "fit >= 50"
	strict, _ := json.Marshal(raised)
	if _, out, _ := runAlign(t, dir, bytes.NewReader(strict), "rules", "check", "-"); !strings.Contains(out, "MQL inbox: 1 lead, of which 1 would not qualify under these rules") {
		t.Errorf("check of a raised MQL rule says nothing of the inbox:\n%s", out)
	}

	if code, out, errOut := runAlign(t, dir, bytes.NewReader(file), "rules", "set", "-"); code != 0 || !strings.Contains(out, "until you run `align rules rescore`.") {
		t.Fatalf("rules set: exit %d, %s\n%s", code, errOut, out)
	}
	if got := leadList(t, dir, "mql"); len(got) != 1 {
		t.Errorf("set rescored stored leads: %d MQLs", len(got))
	}
	if code, _, errOut := runAlign(t, dir, strings.NewReader(csv), "import", "-"); code != 0 {
		t.Fatalf("import again: exit %d, %s", code, errOut)
	}
	if got := leadList(t, dir, "mql"); len(got) != 2 {
		t.Errorf("importing the file again made %d MQLs, want Ann and Di", len(got))
	}
}
