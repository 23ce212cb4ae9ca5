package main

import (
	"fmt"
	"slices"
	"strings"

	"align/model"
	"align/storage"
)

// previewExamples is how many leads a preview shows that a rule set would promote.
const previewExamples = 5

// rulesPreview is how a rule set would re-rank the queue: of the leads still at stage
// inquiry, the only ones scoring can promote (model.ApplyScore), how many it would make
// MQLs against the rules in force, with a few it would hand to sales.
type rulesPreview struct {
	version         int // of the rules in force
	inquiries       int
	mqlNow, mqlNext int
	// promoted counts the inquiries only the new rules make MQLs; examples shows the
	// first of them.
	promoted int
	examples []string
	// idle are the new rules that gave no inquiry a point: a misspelt column
	// (attr("Specialisation")) or a condition that fails on every lead scores nothing
	// without an error, and check said only "The rules compile" (new-user review).
	idle []string
	// nobody are the personas that new or changed persona rules name and the workspace
	// does not have: such a rule links no lead, without a word (new-user review).
	nobody []string
	// inbox counts the MQLs in the inbox and unqualified those the rules would not make
	// MQLs: a raised MQL rule left the whole inbox where it was and the preview said
	// nothing of it (new-user review).
	inbox, unqualified int
}

// previewRules scores the inquiries with both rule sets, streaming them from the store's
// nurture queue (inquiries and recycled leads) rather than every lead; a few microseconds
// a lead per rule set.
func (c *cli) previewRules(s *storage.Store, nextRules model.RuleSet, next *model.Scorer) (rulesPreview, error) {
	var p rulesPreview
	fired := map[string]bool{}
	rs, err := s.Rules()
	if err != nil {
		return p, err
	}
	cur, err := model.CompileRules(rs)
	if err != nil {
		return p, err
	}
	p.version = rs.Version
	now := c.now()
	err = s.Scan(c.ctx, model.QueueNurture, "", func(l *model.Lead) error {
		if l.Stage != model.StageInquiry {
			return nil // recycled: sales sent it back, and scoring leaves it there
		}
		p.inquiries++
		was := cur.Score(l, now).MQL
		r := next.Score(l, now)
		for _, ln := range r.Lines {
			fired[ln.Rule] = true
		}
		if was {
			p.mqlNow++
		}
		if !r.MQL {
			return nil
		}
		p.mqlNext++
		if was {
			return nil
		}
		p.promoted++
		if len(p.examples) == previewExamples {
			return nil
		}
		who := "#" + l.ID.String()
		if !l.Nameless() {
			who += " " + model.Sanitize(l.DisplayName())
		}
		p.examples = append(p.examples, fmt.Sprintf("  %s, score %d: %s", who, r.Score, model.Sanitize(model.Explain(r.Lines))))
		return nil
	})
	if err == nil {
		err = s.Scan(c.ctx, model.QueueMQL, "", func(l *model.Lead) error {
			p.inbox++
			if !next.Score(l, now).MQL {
				p.unqualified++
			}
			return nil
		})
	}
	if p.inquiries > 0 {
		// The rules new or changed against those in force come first: the ones just
		// edited are the likeliest to be wrong.
		same := map[model.Rule]bool{}
		for _, r := range rs.Rules {
			same[r] = true
		}
		var changed, kept []string
		for _, r := range nextRules.Rules {
			if fired[r.ID] {
				continue
			}
			name := fmt.Sprintf("%q [%s]", model.Sanitize(r.Reason), model.Sanitize(r.ID))
			if same[r] {
				kept = append(kept, name)
			} else {
				changed = append(changed, name)
			}
		}
		p.idle = append(changed, kept...)
	}
	if err == nil {
		p.nobody, err = strayPersonas(s, rs, nextRules)
	}
	return p, err
}

// strayPersonas lists the personas the new or changed persona rules of next name that
// the workspace lacks. The rules in force are left out: the default rules link the
// sample personas, which a workspace of its own may never have.
func strayPersonas(s *storage.Store, cur, next model.RuleSet) ([]string, error) {
	ps, err := s.Personas()
	if err != nil {
		return nil, err
	}
	var out []string
	for _, pr := range next.Personas {
		known := slices.Contains(cur.Personas, pr) || slices.ContainsFunc(ps, func(p model.Persona) bool { return p.ID == pr.Persona })
		if !known && !slices.Contains(out, pr.Persona) {
			out = append(out, pr.Persona)
		}
	}
	return out, nil
}

func (p rulesPreview) print(c *cli) {
	if p.unqualified > 0 {
		fmt.Fprintf(c.out, "MQL inbox: %s, of which %s would not qualify under these rules (scoring never moves a lead back, so they stay).\n",
			model.Plural(p.inbox, "lead"), model.GroupDigits(int64(p.unqualified)))
	}
	if p.inquiries == 0 {
		fmt.Fprintln(c.out, "No lead is at stage inquiry, so these rules would move none into the MQL inbox today.")
		return
	}
	fmt.Fprintf(c.out, "MQLs among the %s at stage inquiry: %d under these rules, %d under the rules in force (version %d).\n",
		model.Plural(p.inquiries, "lead"), p.mqlNext, p.mqlNow, p.version)
	if len(p.examples) > 0 {
		fmt.Fprintf(c.out, "Inquiries only these rules make MQLs, %d of %d:\n%s\n", len(p.examples), p.promoted, strings.Join(p.examples, "\n"))
	}
	if len(p.nobody) > 0 {
		quoted := make([]string, len(p.nobody))
		for i, id := range p.nobody {
			quoted[i] = fmt.Sprintf("%q", model.Sanitize(id))
		}
		fmt.Fprintf(c.out, "Persona rules name %s, which the workspace does not have: they link no lead until it does (the Personas screen adds one; a persona's ID is its name in lower case with dashes, such as ops-olga).\n",
			strings.Join(quoted, ", "))
	}
	if len(p.idle) > 0 {
		fmt.Fprintf(c.out, "%s scored no point on the %s at stage inquiry: %s. Check their conditions, column names above all: "+
			"a misspelt column, or a condition that fails on a lead, scores nothing without an error.\n",
			model.Plural(len(p.idle), "rule"), model.Plural(p.inquiries, "lead"), someOf(p.idle, previewExamples))
	}
}
