package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestLeadShowTellsItAll: lead show prints what a salesperson needs without the
// screen: the columns the import kept outside the lead's fields, and the text of each
// note, argument or reasoning in the history. It printed "added a note" without the
// note, and an X Education lead showed nothing but its country and source.
func TestLeadShowTellsItAll(t *testing.T) {
	dir := t.TempDir()
	csv := "name,city,country,Lead Quality\nAnn Lee,Mumbai,India,High in Relevance\n"
	if code, _, errOut := runAlign(t, dir, strings.NewReader(csv), "import", "-"); code != 0 {
		t.Fatalf("import: exit %d, %s", code, errOut)
	}
	if code, _, errOut := runAlign(t, dir, nil, "lead", "note", "1", "Called twice,\nno answer"); code != 0 {
		t.Fatalf("lead note: exit %d, %s", code, errOut)
	}
	code, out, errOut := runAlign(t, dir, nil, "lead", "show", "1")
	if code != 0 {
		t.Fatalf("lead show: exit %d, %s", code, errOut)
	}
	for _, want := range []string{
		"Location     Mumbai, India",
		"    Lead Quality: High in Relevance\n",
		"added a note: Called twice,\n      no answer\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("lead show lacks %q:\n%s", want, out)
		}
	}
}

// TestLeadShowSaysHowAScoreDecayed: the screen's detail pane says "(decayed from 10,
// 17 days ago)" beside an engagement line; lead show printed the decayed points alone.
func TestLeadShowSaysHowAScoreDecayed(t *testing.T) {
	dir := t.TempDir()
	created := time.Now().AddDate(0, 0, -17).Format("2006-01-02")
	csv := "name,email,created,Total Visits\nAnn Lee,ann@example.com," + created + ",12\n"
	if code, _, errOut := runAlign(t, dir, strings.NewReader(csv), "import", "-"); code != 0 {
		t.Fatalf("import: exit %d, %s", code, errOut)
	}
	code, out, errOut := runAlign(t, dir, nil, "lead", "show", "1")
	if code != 0 || !strings.Contains(out, "website visits (decayed from 10, 1") {
		t.Errorf("lead show: exit %d, %s\n%s", code, errOut, out)
	}
}

// TestLeadShowOneTimeZone: every time lead show prints is in the machine's zone; the
// stage's "since" was in UTC beside a journey and a history in local time. The test
// runs again in a child process whose zone is UTC+5, since setting time.Local while
// other tests' goroutines read it would be a race.
func TestLeadShowOneTimeZone(t *testing.T) {
	if os.Getenv("ALIGN_TZ_CHILD") == "" {
		child := exec.Command(os.Args[0], "-test.run=^TestLeadShowOneTimeZone$", "-test.count=1")
		child.Env = append(os.Environ(), "ALIGN_TZ_CHILD=1")
		if out, err := child.CombinedOutput(); err != nil {
			t.Fatalf("in a UTC+5 zone: %v\n%s", err, out)
		}
		return
	}
	time.Local = time.FixedZone("UTC+5", 5*3600)
	dir := t.TempDir()
	if code, _, errOut := runAlign(t, dir, strings.NewReader("name,email\nAnn Lee,ann@example.com\n"), "import", "-"); code != 0 {
		t.Fatalf("import: exit %d, %s", code, errOut)
	}
	code, out, errOut := runAlign(t, dir, nil, "lead", "show", "1")
	if code != 0 {
		t.Fatalf("lead show: exit %d, %s", code, errOut)
	}
	var stamps []string
	for _, ln := range strings.Split(out, "\n") {
		if i := strings.Index(ln, " since "); i >= 0 {
			stamps = append(stamps, strings.TrimSpace(ln[i+len(" since "):]))
		}
		if f := strings.Fields(ln); len(f) > 3 && strings.HasPrefix(ln, "    20") {
			stamps = append(stamps, f[0]+" "+f[1])
		}
	}
	if len(stamps) < 2 {
		t.Fatalf("found %q in:\n%s", stamps, out)
	}
	for _, s := range stamps[1:] {
		if s != stamps[0] {
			t.Errorf("lead show prints one moment as %q:\n%s", stamps, out)
			break
		}
	}
}

// TestLeadShowSaysWhyClosedOrBack: lead show gives a won lead's deal value and a
// rejected lead's reason, dispute and verdict on the card, not only in the history
// (new-user review).
func TestLeadShowSaysWhyClosedOrBack(t *testing.T) {
	dir := t.TempDir()
	csv := "name,email\nAnn Lee,ann@x.com\nBo Chen,bo@x.com\n"
	if code, _, errOut := runAlign(t, dir, strings.NewReader(csv), "import", "--stage", "mql", "-"); code != 0 {
		t.Fatalf("import: exit %d, %s", code, errOut)
	}
	for _, args := range [][]string{
		{"lead", "accept", "1"}, {"lead", "qualify", "1"}, {"lead", "won", "1", "--value", "12000"},
		{"lead", "reject", "2", "--reason", "no_budget", "--note", "Q3\nmaybe"},
		{"lead", "dispute", "2", "--note", "They asked for a demo"},
	} {
		if code, _, errOut := runAlign(t, dir, nil, args...); code != 0 {
			t.Fatalf("%v: exit %d, %s", args, code, errOut)
		}
	}
	_, won, _ := runAlign(t, dir, nil, "lead", "show", "1")
	_, back, _ := runAlign(t, dir, nil, "lead", "show", "2")
	for out, wants := range map[string][]string{
		won:  {"  Deal value   12,000\n"},
		back: {"  Rejected     no budget by ", ": Q3 maybe\n", "  Dispute      open, by ", ": They asked for a demo\n"},
	} {
		for _, want := range wants {
			if !strings.Contains(out, want) {
				t.Errorf("lead show lacks %q:\n%s", want, out)
			}
		}
	}
}
