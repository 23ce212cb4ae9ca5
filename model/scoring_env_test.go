package model

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestHasWord(t *testing.T) {
	const senior = "vp|Vice President|head of|chief|co-founder"
	tests := []struct {
		text, words string
		want        bool
	}{
		{"VP Operations", senior, true},
		{"Senior VP, Sales", senior, true},
		{"vice president of finance", senior, true},
		{"Head of IT", senior, true},
		{"Head Chef", senior, false},
		{"Chief of Staff", senior, true},
		{"Mischief Manager", senior, false}, // "chief" inside a word is no match
		{"VPN Administrator", senior, false},
		{"Co-Founder & CEO", senior, true},
		{"", senior, false},
		{"Directrice générale", "directrice générale", true},
		{"Direktör", "direktör", true},
		{"dana@gmail.com", "gmail.com|yahoo.com", true},
		{"dana@gmail.company.example", "gmail.com", false},
		{"Analyst", "", false},
		{"Analyst", " analyst | specialist ", true},
	}
	for _, tt := range tests {
		if got := parseWordList(tt.words).in(tt.text); got != tt.want {
			t.Errorf("hasWord(%q, %q) = %v, want %v", tt.text, tt.words, got, tt.want)
		}
	}
}

// TestHasWordRandom checks wordList.in against the plain rune-by-rune scan it
// replaced, on random texts of ASCII, accented and CJK letters, marks, digits,
// punctuation and invalid bytes.
func TestHasWordRandom(t *testing.T) {
	reference := func(wl *wordList, text string) bool {
		for i := 0; i < len(text); {
			r, n := utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				i += n
				continue
			}
			c := text[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			for _, p := range wl.byFirst[c] {
				if len(p) <= len(text)-i && strings.EqualFold(text[i:i+len(p)], p) {
					next, _ := utf8.DecodeRuneInString(text[i+len(p):])
					if i+len(p) == len(text) || !isWordRune(next) {
						return true
					}
				}
			}
			for i < len(text) {
				r, n = utf8.DecodeRuneInString(text[i:])
				if !isWordRune(r) {
					break
				}
				i += n
			}
		}
		return false
	}
	pieces := []string{"vp", "VP", "head", " of", "é", "É", "ö", "中", "\u0301", " ", "-", ".", "@", "1", "\xff", "\xc3", "a", "of"}
	lists := []*wordList{parseWordList("vp|head of|é|öa|中|1|a"), parseWordList("of|ad|vpé")}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		for _, wl := range lists {
			if got, want := wl.in(b.String()), reference(wl, b.String()); got != want {
				t.Fatalf("in(%q) = %v, want %v", b.String(), got, want)
			}
		}
	}
}

func TestHelpers(t *testing.T) {
	lead := Lead{
		Title: "VP Sales", Created: daysAgo(5),
		Attrs: map[string]string{"TotalVisits": " 7 ", "Page Views": "2.33", "City": "Select", "Notes": "n/a", "Big": "1e400", "Origin": " API "},
		Activity: []Activity{
			{Kind: "visit", At: daysAgo(40), Count: 3}, {Kind: "visit", At: daysAgo(2)}, {Kind: "webinar", At: daysAgo(10)},
		},
	}
	tests := []struct {
		when string
		want bool
	}{
		{`num("TotalVisits") == 7`, true},
		{`num("Page Views") > 2.3`, true},
		{`num("Big") == 0`, true}, // 1e400 is out of range: no number a rule can compare
		{`num("City") == 0 && num("Missing") == 0`, true},
		{`attr("Origin") == "API"`, true},
		{`attr("City") == "" && !has("City") && !has("Notes") && !has("Missing")`, true},
		{`attrs["City"] == "Select"`, true},
		{`has("TotalVisits")`, true},
		{`count("visit") == 4`, true},
		{`recent("visit", 30) == 1`, true},
		{`recent("webinar", 7) == 0 && recent("webinar", 14) == 1`, true},
		{`len(filter(activity, .Kind == "visit")) == 2`, true},
		{`hasWord(title, "vp|chief")`, true},
		{`hasWord(lower(title), "v" + "p")`, true}, // a computed word list works, only slower
		{`stage == "" && employees == 0`, true},
	}
	for _, tt := range tests {
		rs := scoreSet()
		rs.Rules = []Rule{{ID: "t", Dimension: DimFit, Points: 1, Reason: "test", When: tt.when}}
		s, err := CompileRules(rs)
		if err != nil {
			t.Errorf("%s: %v", tt.when, err)
			continue
		}
		r := s.Score(&lead, scoreNow)
		if got := r.Fit == 1; got != tt.want || len(r.Failed) > 0 {
			t.Errorf("%s = %v (failed %v), want %v", tt.when, got, r.Failed, tt.want)
		}
	}
}

func TestIsPlaceholder(t *testing.T) {
	for v, want := range map[string]bool{
		"": true, "  ": true, "Select": true, "SELECT": true, " select ": true, "N/A": true, "null": true, "-": true,
		"Selected": false, "Mumbai": false, "0": false, "No": false, "NONE": true, "--": true, "Na": true,
		"\xffna": false, "5": false,
	} {
		if got := IsPlaceholder(v); got != want {
			t.Errorf("IsPlaceholder(%q) = %v, want %v", v, got, want)
		}
	}
}

// TestFastPathsChangeNothing scores the same leads twice: with the fast paths
// (skipping conditions whose inputs a lead lacks, native conditions) and with every
// condition run on expr's virtual machine. The results must be identical.
func TestFastPathsChangeNothing(t *testing.T) {
	rs := DefaultRuleSet()
	rs.Rules = append(rs.Rules,
		Rule{ID: "no-title", Dimension: DimFit, Points: -5, Reason: "no title", When: `title == ""`},
		Rule{ID: "no-visits", Dimension: DimEngagement, Points: -5, Reason: "never visited", When: `count("visit") == 0`},
		Rule{ID: "raw-attrs", Dimension: DimFit, Points: 3, Reason: "has attributes", When: `len(attrs) > 0`},
		Rule{ID: "computed", Dimension: DimFit, Points: 2, Reason: "computed column", When: `num("Total" + "Visits") > 2`},
		Rule{ID: "mixed-numbers", Dimension: DimFit, Points: 2, Reason: "mixed", When: `employees == 800.0 || num("TotalVisits") < 2.5 && num("TotalVisits") != 0`},
		Rule{ID: "lowered", Dimension: DimFit, Points: 2, Reason: "lowered", When: `lower(title) in ["vp operations", "it manager"] || lower(attr("City")) == "mumbai"`},
		Rule{ID: "negated", Dimension: DimFit, Points: 2, Reason: "negated", When: `not (country in ["India"]) and source != "Google"`},
		Rule{ID: "recent-visits", Dimension: DimEngagement, Points: 20, Reason: "visits this week", When: `recent("visit", 7) >= 1 or recent("webinar", 30) > 0`},
		Rule{ID: "regexp", Dimension: DimFit, Points: 2, Reason: "regexp", When: `attr("Specialization") matches "(?i)management$"`},
	)
	rs.MQL = "score >= 40 && engagement >= 20 || fit > 60"
	fast := mustCompile(t, rs)
	slow := vmOnly(mustCompile(t, rs))
	var vmOnly []string
	for _, cr := range fast.rules {
		if cr.native == nil {
			vmOnly = append(vmOnly, cr.ID)
		}
	}
	if want := []string{"raw-attrs", "regexp"}; !reflect.DeepEqual(vmOnly, want) {
		t.Errorf("rules run on the VM: %v, want only %v", vmOnly, want)
	}
	if fast.mqlNative == nil || fast.personas[0].native == nil {
		t.Errorf("the MQL and persona rules should run natively")
	}
	mixed := sampleLead()
	mixed.Employees, mixed.Title = 8, "IT Manager"
	mixed.Attrs = map[string]string{"TotalVisits": "2", "City": "Mumbai", "Specialization": "Finance Management", "Last Activity": "Email Bounced"}
	leads := []Lead{sampleLead(), mixed, {}, {Title: "IT Manager"}, {Attrs: map[string]string{"TotalVisits": "3"}}}
	for i, x := range readXEducationOrNone(t) {
		if i%4 == 0 { // a quarter of the rows covers every shape and keeps -race quick
			leads = append(leads, x.lead)
		}
	}
	for i := range leads {
		a, b := fast.Score(&leads[i], scoreNow), slow.Score(&leads[i], scoreNow)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("lead %d: skipping gives %+v, running every rule %+v", i, a, b)
		}
	}
}

// readXEducationOrNone is the X Education leads, or none when the data set is absent.
func readXEducationOrNone(t *testing.T) []xLead {
	var leads []xLead
	t.Run("x_education", func(t *testing.T) { leads = readXEducation(t, scoreNow) })
	return leads
}

// vmOnly turns a scorer's fast paths off, so every condition runs on expr's VM.
func vmOnly(s *Scorer) *Scorer {
	for i := range s.rules {
		s.rules[i].quiet, s.rules[i].native = false, nil
	}
	for i := range s.personas {
		s.personas[i].quiet, s.personas[i].native = false, nil
	}
	s.mqlNative = nil
	return s
}

// TestInLowered: lower(s) in set without allocating is lower(s) in set.
func TestInLowered(t *testing.T) {
	set := map[string]struct{}{"referral": {}, "word of mouth": {}, "émile": {}, strings.Repeat("a", 70): {}}
	for _, s := range []string{"Referral", "REFERRAL", "referral ", "Word Of Mouth", "Émile", "ÉMILE", "",
		strings.Repeat("A", 70), strings.Repeat("A", 64), "Re\xfferral", "KELVIN\u212a"} {
		_, want := set[strings.ToLower(s)]
		if got := inLowered(set, s); got != want {
			t.Errorf("inLowered(%q) = %v, want %v", s, got, want)
		}
	}
}
