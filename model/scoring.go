package model

// Lead scoring: a company's RuleSet compiled once into a Scorer, which scores a lead
// line by line so every score can be explained.
//
// How engagement decays. Fit rules (who the lead is) never decay. An engagement rule's
// points halve every RuleSet.HalfLifeDays, counted from the instant the engagement
// happened:
//   - when the condition counted dated activity with count(kind) or recent(kind, days),
//     from the newest activity those helpers matched while the condition ran;
//   - else, when the condition reads the activity list itself, from the lead's newest
//     activity;
//   - else (an attribute such as X Education's TotalVisits, which carries no date),
//     from the lead's Created time, the best date an import has for it.
// A line whose decayed points round to zero is dropped: it would explain nothing.

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/vm"
)

// MaxRulePoints bounds a rule's points either way, so no single rule drowns the rest.
const MaxRulePoints = 100

// maxReasonRunes keeps a reason short enough for a one-line explanation; maxIDRunes
// keeps an ID short enough to type.
const (
	maxReasonRunes = 80
	maxIDRunes     = 40
)

// Result is one lead's score as a Scorer computed it.
type Result struct {
	Fit        int
	Engagement int
	// Score is Fit plus Engagement.
	Score int
	// Lines explain the score, one per matching rule, in the rule set's order.
	Lines []ScoreLine
	// MQL reports whether the rule set's MQL condition holds.
	MQL bool
	// Persona is the first persona rule that matched, "" when none did.
	Persona string
	// Failed names the rules whose condition failed on this lead while running (an
	// index out of range, say); they counted as not matched.
	Failed []string
}

// RuleError is a rule set refused by CompileRules. It carries the position of the
// problem, so a rule editor can put the cursor on it.
type RuleError struct {
	// What names the condition: `rule "senior-title" (senior title)`, `the MQL rule`
	// or `the persona rule for "ops-olga"`.
	What string
	// Rule is the rule's ID (or "mql", or the persona's ID).
	Rule string
	// Line and Column are 1-based; both are 0 when the problem has no position.
	Line, Column int
	// Message is what is wrong, as the expression compiler or the validation put it.
	Message string
}

// Error is the problem as one sentence, with what to do next.
func (e *RuleError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s does not compile at %d:%d: %s; correct its condition and save again.",
			upperFirst(e.What), e.Line, e.Column, e.Message)
	}
	return fmt.Sprintf("%s is refused: %s.", upperFirst(e.What), e.Message)
}

// Scorer is a compiled RuleSet. It is safe for concurrent use: an import scores
// leads on every core with one Scorer.
type Scorer struct {
	set       RuleSet
	rules     []compiledRule
	personas  []compiledPersona
	mql       *vm.Program
	mqlNative nativeBool
	// words are the hasWord lists of every condition, parsed once; read-only.
	words map[string]*wordList
	pool  sync.Pool // of *scoreState
}

type compiledRule struct {
	Rule
	prog *vm.Program
	// readsActivity is set when the condition reads the activity list itself.
	readsActivity bool
	// quiet holds when the condition is false on a lead lacking all its inputs, so
	// Score may skip it on such leads (see scoring_inputs.go).
	in    inputs
	quiet bool
	// native is the condition as a Go closure, nil when it has no native form (see
	// scoring_native.go).
	native nativeBool
}

type compiledPersona struct {
	PersonaRule
	prog   *vm.Program
	in     inputs
	quiet  bool
	native nativeBool
}

// scoreState is one goroutine's scratch space: an env bound to its helpers, a VM
// whose stack is reused, and a buffer for the lines.
type scoreState struct {
	env   *mqlEnv
	vm    vm.VM
	lines []ScoreLine
}

// CompileRules checks a rule set and compiles every condition once. It refuses the
// first problem it finds with a *RuleError: a condition that does not compile or is
// not true/false, a duplicate or empty ID, an unknown dimension, points outside
// ±MaxRulePoints, an empty reason, a missing MQL rule or a half-life that is not
// positive.
func CompileRules(rs RuleSet) (*Scorer, error) {
	if !(rs.HalfLifeDays > 0) || math.IsInf(rs.HalfLifeDays, 0) {
		return nil, &RuleError{What: "the rule set", Message: fmt.Sprintf(
			"its half-life is %v days; engagement needs a half-life of more than 0 days, such as 14", rs.HalfLifeDays)}
	}
	s := &Scorer{set: rs, rules: make([]compiledRule, 0, len(rs.Rules))}
	seen := make(map[string]bool, len(rs.Rules))
	for _, r := range rs.Rules {
		cr, err := compileRule(r, seen)
		if err != nil {
			return nil, err
		}
		s.rules = append(s.rules, cr)
	}
	for _, p := range rs.Personas {
		what := fmt.Sprintf("the persona rule for %q", p.Persona)
		if strings.TrimSpace(p.Persona) == "" {
			return nil, &RuleError{What: "a persona rule", Message: "it names no persona; choose the persona it links leads to"}
		}
		prog, err := compileCondition(what, p.Persona, p.When, leadEnv{})
		if err != nil {
			return nil, err
		}
		in := inputsOf(prog)
		s.personas = append(s.personas, compiledPersona{PersonaRule: p, prog: prog, in: in, quiet: skippable(prog, in)})
	}
	if strings.TrimSpace(rs.MQL) == "" {
		return nil, &RuleError{What: "the MQL rule", Rule: "mql", Message: "it is empty; write the condition that makes a lead an MQL, such as score >= 60 && fit >= 20"}
	}
	prog, err := compileCondition("the MQL rule", "mql", rs.MQL, mqlEnv{})
	if err != nil {
		return nil, err
	}
	s.mql = prog
	s.words = make(map[string]*wordList)
	for _, cr := range s.rules {
		s.parseWords(cr.in)
	}
	for _, cp := range s.personas {
		s.parseWords(cp.in)
	}
	columns := make(map[string]int)
	for i := range s.rules {
		s.rules[i].native = nativeOf(s.rules[i].prog, s.words, columns)
	}
	for i := range s.personas {
		s.personas[i].native = nativeOf(s.personas[i].prog, s.words, columns)
	}
	s.mqlNative = nativeOf(s.mql, s.words, columns)
	s.pool.New = func() any { return &scoreState{env: newMQLEnv(s.words, len(columns))} }
	return s, nil
}

// ForPersonas is the scorer that links leads only to the personas of ids: a persona
// rule naming any other links nobody, and the next rule that matches may. The default
// rules name the sample workspace's personas, which a workspace of its own may never
// have. The compiled conditions are shared, not compiled again.
func (s *Scorer) ForPersonas(ids []string) *Scorer {
	keep := make(map[string]bool, len(ids))
	for _, id := range ids {
		keep[id] = true
	}
	n := &Scorer{set: s.set, rules: s.rules, mql: s.mql, mqlNative: s.mqlNative, words: s.words}
	for _, cp := range s.personas {
		if keep[cp.Persona] {
			n.personas = append(n.personas, cp)
		}
	}
	n.pool.New = s.pool.New
	return n
}

// compileRule validates one rule and compiles its condition.
func compileRule(r Rule, seen map[string]bool) (compiledRule, error) {
	// The reason names the rule in messages only once it is known to be safe to show.
	what := fmt.Sprintf("rule %q", r.ID)
	reasonErr := ValidateLine("its reason", r.Reason, maxReasonRunes)
	if reasonErr == nil && strings.TrimSpace(r.Reason) != "" {
		what += " (" + r.Reason + ")"
	}
	refuse := func(format string, args ...any) (compiledRule, error) {
		return compiledRule{}, &RuleError{What: what, Rule: r.ID, Message: fmt.Sprintf(format, args...)}
	}
	idErr := ValidateLine("its ID", r.ID, maxIDRunes)
	switch {
	case idErr != nil:
		return refuse("%v", idErr)
	case strings.TrimSpace(r.ID) == "":
		return refuse("it has no ID; give every rule a short unique ID such as senior-title")
	case seen[r.ID]:
		return refuse("another rule has the same ID; give each rule its own ID")
	case r.Dimension != DimFit && r.Dimension != DimEngagement:
		return refuse("its dimension is %q; use fit (who the lead is) or engagement (what the lead did)", r.Dimension)
	case r.Points < -MaxRulePoints || r.Points > MaxRulePoints:
		return refuse("it gives %d points; a rule gives between %d and %d", r.Points, -MaxRulePoints, MaxRulePoints)
	case strings.TrimSpace(r.Reason) == "":
		return refuse("it has no reason; write the few words that explain its points, such as senior title")
	case reasonErr != nil:
		return refuse("%v", reasonErr)
	}
	seen[r.ID] = true
	prog, err := compileCondition(what, r.ID, r.When, leadEnv{})
	if err != nil {
		return compiledRule{}, err
	}
	in := inputsOf(prog)
	return compiledRule{Rule: r, prog: prog, readsActivity: in.activity, in: in, quiet: skippable(prog, in)}, nil
}

// compileCondition compiles a condition that must give true or false over env.
func compileCondition(what, id, src string, env any) (*vm.Program, error) {
	if strings.TrimSpace(src) == "" {
		return nil, &RuleError{What: what, Rule: id, Message: "its condition is empty; write when it applies, such as employees >= 200"}
	}
	prog, err := expr.Compile(src, expr.Env(env), expr.AsBool())
	if err == nil {
		return prog, nil
	}
	re := &RuleError{What: what, Rule: id, Message: err.Error()}
	var fe *file.Error
	if errors.As(err, &fe) {
		re.Message = fe.Message
		if fe.Line > 0 {
			re.Line, re.Column = fe.Line, fe.Column+1
		}
	}
	if got, ok := strings.CutPrefix(re.Message, "expected bool, but got "); ok && re.Line == 0 {
		re.Line, re.Column = 1, 1
		re.Message = fmt.Sprintf("it gives %s, not true or false (a condition is a test such as employees >= 200)", got)
	}
	return nil, re
}

// parseWords parses a condition's hasWord lists once, for every lead to share.
func (s *Scorer) parseWords(in inputs) {
	for _, w := range in.wordLists {
		if s.words[w] == nil {
			s.words[w] = parseWordList(w)
		}
	}
}

// RuleSet returns the rule set the scorer was compiled from.
func (s *Scorer) RuleSet() RuleSet { return s.set }

// Score scores a lead at now: every rule in order, then the persona rules until one
// matches, then the MQL rule over the totals. It does not change the lead; ApplyScore
// does.
func (s *Scorer) Score(l *Lead, now time.Time) Result {
	st := s.pool.Get().(*scoreState)
	defer func() {
		st.env.clear()
		s.pool.Put(st)
	}()
	env := &st.env.leadEnv
	env.load(l, now)
	st.lines = st.lines[:0]

	var r Result
	for i := range s.rules {
		cr := &s.rules[i]
		if cr.native == nil && cr.quiet && cr.in.absentOn(l) {
			continue // a native condition costs less than the check
		}
		env.newest = time.Time{}
		ok, err := st.holds(cr.native, cr.prog, env)
		if err != nil {
			r.Failed = append(r.Failed, cr.ID)
		}
		if !ok {
			continue
		}
		line := ScoreLine{Dimension: cr.Dimension, Rule: cr.ID, Reason: cr.Reason, Points: cr.Points}
		if cr.Dimension == DimFit {
			r.Fit += line.Points
		} else {
			s.decayLine(&line, cr, l, env.newest, now)
			if line.Points == 0 {
				continue
			}
			r.Engagement += line.Points
		}
		st.lines = append(st.lines, line)
	}
	r.Score = r.Fit + r.Engagement
	if len(st.lines) > 0 {
		r.Lines = append(make([]ScoreLine, 0, len(st.lines)), st.lines...)
	}

	for i := range s.personas {
		cp := &s.personas[i]
		if cp.native == nil && cp.quiet && cp.in.absentOn(l) {
			continue
		}
		if ok, _ := st.holds(cp.native, cp.prog, env); ok {
			r.Persona = cp.Persona
			break
		}
	}

	st.env.Fit, st.env.Engagement, st.env.Score = r.Fit, r.Engagement, r.Score
	r.MQL, _ = st.holds(s.mqlNative, s.mql, st.env)
	return r
}

// holds runs a condition, natively when it can; a condition that fails at run time
// does not hold. env is what the program was compiled against.
func (st *scoreState) holds(native nativeBool, prog *vm.Program, env any) (bool, error) {
	if native != nil {
		return native(st.env), nil
	}
	out, err := st.vm.Run(prog, env)
	if err != nil {
		return false, err
	}
	b, _ := out.(bool)
	return b, nil
}

// decayLine reduces an engagement line by the age of what it counted (see the
// comment at the top of this file for which instant that is).
func (s *Scorer) decayLine(line *ScoreLine, cr *compiledRule, l *Lead, newest, now time.Time) {
	at := newest
	if at.IsZero() && cr.readsActivity {
		at = newestActivity(l.Activity)
	}
	if at.IsZero() {
		at = l.Created
	}
	if at.IsZero() {
		return
	}
	age := now.Sub(at)
	p := Decay(line.Points, age, s.set.HalfLifeDays)
	if p != line.Points {
		line.Full, line.Points = line.Points, p
		line.AgeDays = int(age / (24 * time.Hour))
	}
}

// Decay is points after age at a half-life of halfLifeDays, rounded to the nearest
// whole point. Nothing decays at age zero or less (an activity dated in the future).
func Decay(points int, age time.Duration, halfLifeDays float64) int {
	if age <= 0 || halfLifeDays <= 0 {
		return points
	}
	days := age.Hours() / 24
	return int(math.Round(float64(points) * math.Exp2(-days/halfLifeDays)))
}

// newestActivity is the time of the most recent activity, zero when there is none.
func newestActivity(as []Activity) time.Time {
	var t time.Time
	for i := range as {
		if as[i].At.After(t) {
			t = as[i].At
		}
	}
	return t
}

// Explain writes a score's lines as one line a person reads:
// "+25 senior title; +20 pricing page (decayed from 30, 3 days ago)".
func Explain(lines []ScoreLine) string {
	if len(lines) == 0 {
		return "no scoring rule matched"
	}
	var b strings.Builder
	for i, ln := range lines {
		if i > 0 {
			b.WriteString("; ")
		}
		if ln.Points >= 0 {
			b.WriteByte('+')
		}
		b.WriteString(strconv.Itoa(ln.Points))
		b.WriteByte(' ')
		b.WriteString(ln.Reason)
		if d := ln.DecayNote(); d != "" {
			b.WriteString(" (" + d + ")")
		}
	}
	return b.String()
}

// DecayNote says how far a line's points have decayed since the activity behind it:
// "decayed from 30, 3 days ago"; "" for a line at its full points. Every place that
// explains a score (the detail pane, lead show) words it so.
func (ln ScoreLine) DecayNote() string {
	if ln.Full == 0 || ln.Full == ln.Points {
		return ""
	}
	ago := fmt.Sprintf("%d days ago", ln.AgeDays)
	switch ln.AgeDays {
	case 0:
		ago = "today"
	case 1:
		ago = "1 day ago"
	}
	return fmt.Sprintf("decayed from %d, %s", ln.Full, ago)
}

// ApplyScore records a score on a lead. It sets the totals and the breakdown; links
// the matched persona when the lead has none yet (a persona someone chose is kept);
// and moves an inquiry, or a new lead with no stage, to MQL when the MQL rule holds,
// starting its acceptance clock. A new lead that is not an MQL becomes an inquiry.
// It never demotes a lead and never moves a lead in any other stage: once sales or
// marketing have acted on a lead, a score change is not theirs to undo.
func ApplyScore(l *Lead, r Result, now time.Time, sla SLAPolicy) {
	l.Fit, l.Engagement, l.Score = r.Fit, r.Engagement, r.Score
	l.Breakdown = r.Lines
	if l.Persona == "" && r.Persona != "" {
		l.Persona = r.Persona
	}
	if l.Stage != "" && l.Stage != StageInquiry {
		return
	}
	now = now.UTC()
	switch {
	case r.MQL:
		l.AcceptClock = StartClock(now, sla.Accept)
		l.FirstTouchClock = Clock{}
		setStage(l, StageMQL, now)
	case l.Stage == "":
		setStage(l, StageInquiry, now)
	}
}

// upperFirst capitalises the first letter, so a phrase can start a sentence.
func upperFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
