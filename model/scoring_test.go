package model

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

var scoreNow = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

func daysAgo(d float64) time.Time {
	return scoreNow.Add(-time.Duration(d * float64(24*time.Hour)))
}

// scoreSet is a small rule set whose arithmetic is easy to check by hand: a
// three-day half-life halves 30 points to 15 after three days.
func scoreSet() RuleSet {
	return RuleSet{
		Version: 1,
		Rules: []Rule{
			{ID: "senior-title", Dimension: DimFit, Points: 25, Reason: "senior title", When: `title matches "(?i)\\b(vp|chief|head of)\\b"`},
			{ID: "pricing", Dimension: DimEngagement, Points: 30, Reason: "pricing page", When: `recent("pricing_view", 30) > 0`},
			{ID: "visits", Dimension: DimEngagement, Points: 20, Reason: "10 or more visits", When: `num("TotalVisits") >= 10`},
			{ID: "any-activity", Dimension: DimEngagement, Points: 8, Reason: "active lately", When: `len(activity) >= 2`},
			{ID: "opted-out", Dimension: DimEngagement, Points: -10, Reason: "opted out", When: `attr("Do Not Email") == "Yes"`},
		},
		MQL:          "score >= 40 && engagement > 0",
		HalfLifeDays: 3,
		Personas: []PersonaRule{
			{Persona: "ops-olga", When: `title matches "(?i)operations"`},
			{Persona: "champion-chris", When: `title matches "(?i)manager"`},
		},
	}
}

func mustCompile(t testing.TB, rs RuleSet) *Scorer {
	t.Helper()
	s, err := CompileRules(rs)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestCompileRulesRefuses(t *testing.T) {
	withRule := func(r Rule) RuleSet {
		rs := scoreSet()
		rs.Rules = append(rs.Rules, r)
		return rs
	}
	tests := []struct {
		name     string
		set      RuleSet
		rule     string
		line     int
		column   int
		contains []string
	}{
		{"typo in a name", withRule(Rule{ID: "big", Dimension: DimFit, Points: 5, Reason: "big company", When: "employees > 10 &&\n  titel == \"CEO\""}),
			"big", 2, 3, []string{`Rule "big" (big company) does not compile at 2:3`, "unknown name titel", "correct its condition"}},
		{"syntax error", withRule(Rule{ID: "bad", Dimension: DimFit, Points: 5, Reason: "broken", When: `employees >= `}),
			"bad", 1, 13, []string{`Rule "bad" (broken) does not compile at 1:`}},
		{"not true or false", withRule(Rule{ID: "num", Dimension: DimFit, Points: 5, Reason: "a number", When: `employees + 1`}),
			"num", 1, 1, []string{`Rule "num" (a number) does not compile at 1:1`, "gives int, not true or false"}},
		{"bad regular expression", withRule(Rule{ID: "re", Dimension: DimFit, Points: 5, Reason: "regexp", When: `title matches "("`}),
			"re", 1, 7, []string{`Rule "re" (regexp) does not compile at 1:7`, "missing closing )"}},
		{"wrong helper arguments", withRule(Rule{ID: "rc", Dimension: DimEngagement, Points: 5, Reason: "recent", When: `recent("visit") > 0`}),
			"rc", 1, 1, []string{`Rule "rc" (recent) does not compile`}},
		{"duplicate ID", withRule(Rule{ID: "pricing", Dimension: DimFit, Points: 5, Reason: "again", When: `true`}),
			"pricing", 0, 0, []string{`Rule "pricing" (again) is refused: another rule has the same ID`}},
		{"empty ID", withRule(Rule{Dimension: DimFit, Points: 5, Reason: "no id", When: `true`}),
			"", 0, 0, []string{"it has no ID"}},
		{"unknown dimension", withRule(Rule{ID: "d", Dimension: "intent", Points: 5, Reason: "intent", When: `true`}),
			"d", 0, 0, []string{`its dimension is "intent"; use fit`}},
		{"too many points", withRule(Rule{ID: "p", Dimension: DimFit, Points: 101, Reason: "huge", When: `true`}),
			"p", 0, 0, []string{"it gives 101 points; a rule gives between -100 and 100"}},
		{"too few points", withRule(Rule{ID: "p", Dimension: DimFit, Points: -101, Reason: "huge", When: `true`}),
			"p", 0, 0, []string{"it gives -101 points"}},
		{"no reason", withRule(Rule{ID: "r", Dimension: DimFit, Points: 5, When: `true`}),
			"r", 0, 0, []string{"it has no reason"}},
		{"control character in the reason", withRule(Rule{ID: "esc", Dimension: DimFit, Points: 5, Reason: "evil\x1b[2J", When: `true`}),
			"esc", 0, 0, []string{`Rule "esc" is refused: its reason has an escape character`}},
		{"control character in the ID", withRule(Rule{ID: "e\x1bvil", Dimension: DimFit, Points: 5, Reason: "ok", When: `true`}),
			"e\x1bvil", 0, 0, []string{`Rule "e\x1bvil" (ok) is refused: its ID has an escape character`}},
		{"empty condition", withRule(Rule{ID: "e", Dimension: DimFit, Points: 5, Reason: "empty"}),
			"e", 0, 0, []string{"its condition is empty"}},
		{"score in a rule", withRule(Rule{ID: "s", Dimension: DimFit, Points: 5, Reason: "circular", When: `score > 10`}),
			"s", 1, 1, []string{"unknown name score"}},
		{"MQL not boolean", func() RuleSet { rs := scoreSet(); rs.MQL = "score"; return rs }(),
			"mql", 1, 1, []string{"The MQL rule does not compile at 1:1: it gives int"}},
		{"MQL empty", func() RuleSet { rs := scoreSet(); rs.MQL = " "; return rs }(),
			"mql", 0, 0, []string{"The MQL rule is refused: it is empty"}},
		{"persona does not compile", func() RuleSet {
			rs := scoreSet()
			rs.Personas = append(rs.Personas, PersonaRule{Persona: "it-ivan", When: `titl == "CTO"`})
			return rs
		}(), "it-ivan", 1, 1, []string{`The persona rule for "it-ivan" does not compile at 1:1`}},
		{"half-life zero", func() RuleSet { rs := scoreSet(); rs.HalfLifeDays = 0; return rs }(),
			"", 0, 0, []string{"half-life is 0 days"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := CompileRules(tt.set)
			var re *RuleError
			if !errors.As(err, &re) {
				t.Fatalf("CompileRules = %v, want a *RuleError", err)
			}
			if re.Rule != tt.rule || re.Line != tt.line || (tt.column != 0 && re.Column != tt.column) {
				t.Errorf("rule %q at %d:%d, want %q at %d:%d (%v)", re.Rule, re.Line, re.Column, tt.rule, tt.line, tt.column, err)
			}
			msg := err.Error()
			for _, want := range tt.contains {
				if !strings.Contains(msg, want) {
					t.Errorf("error %q does not contain %q", msg, want)
				}
			}
			if !strings.HasSuffix(msg, ".") || strings.Contains(msg, "\n") {
				t.Errorf("error %q is not one sentence", msg)
			}
		})
	}
}

func TestDecay(t *testing.T) {
	day := 24 * time.Hour
	tests := []struct {
		points   int
		age      time.Duration
		halfLife float64
		want     int
	}{
		{30, 0, 14, 30},
		{30, -day, 14, 30}, // dated in the future: no decay, no growth
		{30, 14 * day, 14, 15},
		{30, 28 * day, 14, 8}, // 7.5 rounds up
		{30, 3 * day, 14, 26}, // 30 * 2^(-3/14) = 25.9
		{40, 7 * day, 7, 20},
		{-10, 7 * day, 7, -5},
		{10, 365 * day, 14, 0},
	}
	for _, tt := range tests {
		if got := Decay(tt.points, tt.age, tt.halfLife); got != tt.want {
			t.Errorf("Decay(%d, %v, %v) = %d, want %d", tt.points, tt.age, tt.halfLife, got, tt.want)
		}
	}
}

func TestScoreExplains(t *testing.T) {
	s := mustCompile(t, scoreSet())
	tests := []struct {
		name    string
		lead    Lead
		fit     int
		eng     int
		mql     bool
		persona string
		explain string
	}{
		{"decays from the newest matching activity",
			Lead{Title: "VP Operations", Created: daysAgo(60), Activity: []Activity{
				{Kind: "pricing_view", At: daysAgo(9)}, {Kind: "pricing_view", At: daysAgo(3)}, {Kind: "visit", At: daysAgo(1)},
			}},
			25, 15 + 6, true, "ops-olga",
			"+25 senior title; +15 pricing page (decayed from 30, 3 days ago); +6 active lately (decayed from 8, 1 day ago)"},
		{"attributes decay from the lead's creation",
			Lead{Title: "Sales Manager", Created: daysAgo(6), Attrs: map[string]string{"TotalVisits": " 12 ", "Do Not Email": "Yes"}},
			0, 5 - 3, false, "champion-chris",
			"+5 10 or more visits (decayed from 20, 6 days ago); -3 opted out (decayed from -10, 6 days ago)"},
		{"fresh engagement does not decay",
			Lead{Title: "Chief of Staff", Created: scoreNow, Attrs: map[string]string{"TotalVisits": "10"}},
			25, 20, true, "",
			"+25 senior title; +20 10 or more visits"},
		{"activity outside recent's window does not count",
			Lead{Title: "Head of IT", Created: daysAgo(90), Activity: []Activity{{Kind: "pricing_view", At: daysAgo(40)}}},
			25, 0, false, "",
			"+25 senior title"},
		{"a line that decays to nothing is dropped",
			Lead{Created: daysAgo(100), Attrs: map[string]string{"TotalVisits": "30"}},
			0, 0, false, "",
			"no scoring rule matched"},
		{"placeholders and non-numbers count as missing",
			Lead{Created: scoreNow, Attrs: map[string]string{"TotalVisits": "Select", "Do Not Email": "select"}},
			0, 0, false, "",
			"no scoring rule matched"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := s.Score(&tt.lead, scoreNow)
			if r.Fit != tt.fit || r.Engagement != tt.eng || r.Score != tt.fit+tt.eng || r.MQL != tt.mql || r.Persona != tt.persona {
				t.Errorf("Score = fit %d, engagement %d, score %d, mql %v, persona %q; want %d, %d, %d, %v, %q",
					r.Fit, r.Engagement, r.Score, r.MQL, r.Persona, tt.fit, tt.eng, tt.fit+tt.eng, tt.mql, tt.persona)
			}
			if got := Explain(r.Lines); got != tt.explain {
				t.Errorf("Explain = %q\n          want %q", got, tt.explain)
			}
			if len(r.Failed) > 0 {
				t.Errorf("rules failed: %v", r.Failed)
			}
		})
	}
}

func TestExplain(t *testing.T) {
	tests := []struct {
		lines []ScoreLine
		want  string
	}{
		{nil, "no scoring rule matched"},
		{[]ScoreLine{{Reason: "senior title", Points: 25}, {Reason: "pricing page", Points: 20, Full: 30, AgeDays: 3}},
			"+25 senior title; +20 pricing page (decayed from 30, 3 days ago)"},
		{[]ScoreLine{{Reason: "webinar", Points: 14, Full: 15}}, "+14 webinar (decayed from 15, today)"},
		{[]ScoreLine{{Reason: "webinar", Points: 13, Full: 15, AgeDays: 1}}, "+13 webinar (decayed from 15, 1 day ago)"},
		{[]ScoreLine{{Reason: "personal email address", Points: -10}}, "-10 personal email address"},
	}
	for _, tt := range tests {
		if got := Explain(tt.lines); got != tt.want {
			t.Errorf("Explain(%v) = %q, want %q", tt.lines, got, tt.want)
		}
	}
}

func TestScoreRuntimeFailureCountsAsNoMatch(t *testing.T) {
	rs := scoreSet()
	rs.Rules = append(rs.Rules, Rule{ID: "first-kind", Dimension: DimEngagement, Points: 5, Reason: "first was a demo", When: `activity[0].Kind == "demo_request"`})
	s := mustCompile(t, rs)
	r := s.Score(&Lead{Title: "VP Sales"}, scoreNow)
	if r.Score != 25 || len(r.Failed) != 1 || r.Failed[0] != "first-kind" {
		t.Errorf("Score = %d, failed %v; want 25 and [first-kind]", r.Score, r.Failed)
	}
}

func TestApplyScore(t *testing.T) {
	sla := DefaultSLA()
	earlier := scoreNow.Add(-48 * time.Hour)
	mql := Result{Fit: 30, Engagement: 20, Score: 50, MQL: true, Persona: "it-ivan", Lines: []ScoreLine{{Rule: "x", Points: 50}}}
	notMQL := Result{Fit: 5, Score: 5, Persona: "it-ivan"}
	tests := []struct {
		name    string
		lead    Lead
		r       Result
		stage   Stage
		since   time.Time
		clock   bool
		persona string
	}{
		{"new MQL", Lead{}, mql, StageMQL, scoreNow, true, "it-ivan"},
		{"inquiry becomes MQL", Lead{Stage: StageInquiry, StageSince: earlier}, mql, StageMQL, scoreNow, true, "it-ivan"},
		{"new lead below the bar is an inquiry", Lead{}, notMQL, StageInquiry, scoreNow, false, "it-ivan"},
		{"inquiry below the bar stays", Lead{Stage: StageInquiry, StageSince: earlier}, notMQL, StageInquiry, earlier, false, "it-ivan"},
		{"an MQL is never demoted", Lead{Stage: StageMQL, StageSince: earlier, AcceptClock: StartClock(earlier, sla.Accept)}, notMQL, StageMQL, earlier, true, "it-ivan"},
		{"an MQL keeps its clock", Lead{Stage: StageMQL, StageSince: earlier, AcceptClock: StartClock(earlier, sla.Accept)}, mql, StageMQL, earlier, true, "it-ivan"},
		{"recycled waits for marketing", Lead{Stage: StageRecycled, StageSince: earlier}, mql, StageRecycled, earlier, false, "it-ivan"},
		{"accepted is sales'", Lead{Stage: StageSAL, StageSince: earlier}, mql, StageSAL, earlier, false, "it-ivan"},
		{"lost stays lost", Lead{Stage: StageLost, StageSince: earlier}, mql, StageLost, earlier, false, "it-ivan"},
		{"a chosen persona is kept", Lead{Persona: "user-uma"}, mql, StageMQL, scoreNow, true, "user-uma"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := tt.lead
			before := l.AcceptClock
			ApplyScore(&l, tt.r, scoreNow, sla)
			if l.Fit != tt.r.Fit || l.Engagement != tt.r.Engagement || l.Score != tt.r.Score || len(l.Breakdown) != len(tt.r.Lines) {
				t.Errorf("totals %d/%d/%d with %d lines, want %d/%d/%d with %d", l.Fit, l.Engagement, l.Score, len(l.Breakdown),
					tt.r.Fit, tt.r.Engagement, tt.r.Score, len(tt.r.Lines))
			}
			if l.Stage != tt.stage || !l.StageSince.Equal(tt.since) {
				t.Errorf("stage %s since %v, want %s since %v", l.Stage, l.StageSince, tt.stage, tt.since)
			}
			if l.Persona != tt.persona {
				t.Errorf("persona %q, want %q", l.Persona, tt.persona)
			}
			switch {
			case !tt.clock && l.AcceptClock != (Clock{}):
				t.Errorf("accept clock %+v, want none", l.AcceptClock)
			case tt.clock && before.Start.IsZero() && l.AcceptClock != StartClock(scoreNow, sla.Accept):
				t.Errorf("accept clock %+v, want one started now for %v", l.AcceptClock, sla.Accept)
			case tt.clock && !before.Start.IsZero() && l.AcceptClock != before:
				t.Errorf("accept clock %+v changed, want %+v", l.AcceptClock, before)
			}
		})
	}
}

func TestDefaultPersonaRules(t *testing.T) {
	s := mustCompile(t, DefaultRuleSet())
	tests := map[string]string{
		"Head of Operations":             "ops-olga",
		"COO":                            "ops-olga",
		"VP Operations":                  "ops-olga",
		"Director of Operations":         "ops-olga",
		"CTO":                            "it-ivan",
		"IT Manager":                     "it-ivan",
		"VP Engineering":                 "it-ivan",
		"Software Engineer":              "it-ivan",
		"CFO":                            "finance-fiona",
		"Finance Director":               "finance-fiona",
		"Financial Controller":           "finance-fiona",
		"Marketing Manager":              "champion-chris",
		"Operations Manager":             "champion-chris",
		"Team Lead, Customer Success":    "champion-chris",
		"Data Analyst":                   "user-uma",
		"Marketing Specialist":           "user-uma",
		"Logistics Coordinator":          "user-uma",
		"Operational Excellence Manager": "champion-chris",
		"Revenue Operations Manager":     "champion-chris",
		"Operations Analyst":             "user-uma",
		"Head of IT":                     "it-ivan",
		"Infrastructure Lead":            "it-ivan",
		"Head of Finance":                "finance-fiona",
		"Founder":                        "",
		"Owner":                          "",
		"Marketing Executive":            "",
		"Chief Executive Officer":        "",
		"":                               "",
	}
	for title, want := range tests {
		if got := s.Score(&Lead{Title: title}, scoreNow).Persona; got != want {
			t.Errorf("persona of %q = %q, want %q", title, got, want)
		}
	}
}

// sampleLead is a sample-workspace lead: a B2B buyer with dated activity.
func sampleLead() Lead {
	return Lead{
		Name: "Dana Reyes", Email: "dana@northwind.example", Company: "Northwind Logistics",
		Title: "VP Operations", Industry: "Logistics", Country: "United States", Employees: 800,
		Source: "webinar", Stage: StageInquiry, Created: daysAgo(20),
		Activity: []Activity{
			{Kind: "visit", At: daysAgo(12), Count: 3}, {Kind: "email_open", At: daysAgo(10)},
			{Kind: "webinar", At: daysAgo(8)}, {Kind: "visit", At: daysAgo(4), Count: 2},
			{Kind: "pricing_view", At: daysAgo(3)}, {Kind: "content_download", At: daysAgo(2)},
		},
	}
}

func TestDefaultRuleSetOnSampleLeads(t *testing.T) {
	s := mustCompile(t, DefaultRuleSet())
	tests := []struct {
		name    string
		lead    Lead
		mql     bool
		persona string
		rules   []string
	}{
		{"engaged operations leader", sampleLead(), true, "ops-olga",
			[]string{"senior-title", "company-size-core", "target-industry", "served-country", "pricing-page", "webinar", "content-download", "frequent-visitor"}},
		{"good fit who never engaged", func() Lead { l := sampleLead(); l.Activity = nil; return l }(), false, "ops-olga",
			[]string{"senior-title", "company-size-core", "target-industry", "served-country"}},
		{"engaged but tiny and personal", Lead{Title: "Freelancer", Email: "sam@gmail.com", Employees: 2, Created: daysAgo(1),
			Activity: []Activity{{Kind: "webinar", At: daysAgo(1)}}}, false, "",
			[]string{"company-size-tiny", "personal-email", "webinar"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := s.Score(&tt.lead, scoreNow)
			var got []string
			for _, ln := range r.Lines {
				got = append(got, ln.Rule)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.rules) || r.MQL != tt.mql || r.Persona != tt.persona {
				t.Errorf("rules %v, mql %v, persona %q; want %v, %v, %q (%s)", got, r.MQL, r.Persona, tt.rules, tt.mql, tt.persona, Explain(r.Lines))
			}
		})
	}
}

func TestScorerIsSafeForConcurrentUse(t *testing.T) {
	s := mustCompile(t, DefaultRuleSet())
	l := sampleLead()
	want := s.Score(&l, scoreNow)
	done := make(chan Result)
	for range 4 {
		go func() {
			var r Result
			for range 200 {
				lead := sampleLead()
				r = s.Score(&lead, scoreNow)
			}
			done <- r
		}()
	}
	for range 4 {
		if got := <-done; Explain(got.Lines) != Explain(want.Lines) || got.MQL != want.MQL {
			t.Errorf("concurrent score %q, want %q", Explain(got.Lines), Explain(want.Lines))
		}
	}
}

// BenchmarkScore scores with the default rule set: a sample-workspace lead with
// titles and dated activity, and an X Education-shaped lead with imported columns;
// the vm variants run every condition on expr's VM, to show what the fast paths save.
func BenchmarkScore(b *testing.B) {
	fast := mustCompile(b, DefaultRuleSet())
	slow := vmOnly(mustCompile(b, DefaultRuleSet()))
	sample := sampleLead()
	imported := Lead{Source: "Google", Country: "India", Created: scoreNow, Attrs: map[string]string{
		"Lead Origin": "Landing Page Submission", "Lead Source": "Google", "Do Not Email": "No",
		"TotalVisits": "5", "Total Time Spent on Website": "1532", "Page Views Per Visit": "2.5",
		"Last Activity": "Email Opened", "Country": "India", "Specialization": "Select",
		"What is your current occupation": "Working Professional", "City": "Mumbai",
	}}
	// A row of the generated import file (model/sample.WriteCSV), as leadcsv maps it.
	csvRow := Lead{Name: "Maximilian Müller", Email: "maximilian.muller.4@northstartransport.de",
		Company: "Northstar Transport", Title: "Supply Chain Analyst", Industry: "Logistics", Employees: 123,
		Country: "Germany", City: "Cologne", Source: "Paid Search", ExternalID: "L00000004", Created: scoreNow,
		Attrs: map[string]string{"Total Visits": "2", "Time On Site": "176", "Pages Per Visit": "4.81",
			"Last Activity": "Webinar Attended"}}
	for _, bb := range []struct {
		name string
		s    *Scorer
		lead *Lead
	}{{"sample", fast, &sample}, {"x_education", fast, &imported}, {"csv_row", fast, &csvRow}, {"sample/vm", slow, &sample}, {"x_education/vm", slow, &imported}} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				bb.s.Score(bb.lead, scoreNow)
			}
		})
	}
}
