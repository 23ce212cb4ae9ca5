package main

import (
	"fmt"
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
}

// previewRules scores the inquiries with both rule sets, streaming them from the store's
// nurture queue (inquiries and recycled leads) rather than every lead; a few microseconds
// a lead per rule set.
func (c *cli) previewRules(s *storage.Store, next *model.Scorer) (rulesPreview, error) {
	var p rulesPreview
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
	return p, err
}

func (p rulesPreview) print(c *cli) {
	if p.inquiries == 0 {
		fmt.Fprintln(c.out, "No lead is at stage inquiry, so these rules would move none into the MQL inbox today.")
		return
	}
	fmt.Fprintf(c.out, "MQLs among the %s at stage inquiry: %d under these rules, %d under the rules in force (version %d).\n",
		model.Plural(p.inquiries, "lead"), p.mqlNext, p.mqlNow, p.version)
	if len(p.examples) == 0 {
		return
	}
	fmt.Fprintf(c.out, "Inquiries only these rules make MQLs, %d of %d:\n%s\n", len(p.examples), p.promoted, strings.Join(p.examples, "\n"))
}
