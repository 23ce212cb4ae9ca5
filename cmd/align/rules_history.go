package main

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"align/model"
	"align/storage"
)

func (c *cli) rulesHistoryCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "history",
		Short: "List every version of the scoring rules, newest first, with who changed what",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := c.openWorkspace()
			if err != nil {
				return err
			}
			hist, err := ruleVersions(s)
			if err != nil {
				return err
			}
			for i := len(hist) - 1; i >= 0; i-- {
				what := "the rules the workspace started with"
				if i > 0 {
					what = ruleChanges(hist[i-1], hist[i])
				}
				fmt.Fprintf(c.out, "v%-3d %-20s %s %s\n", hist[i].Version, utcTime(hist[i].Updated),
					cell(ruleAuthor(hist[i]), 16), model.Sanitize(what))
			}
			return nil
		},
	}
}

// ruleVersions is every version of the rules, oldest first. A store that never saved
// rules scores with model.DefaultRuleSet (version 1) without storing it, and its first
// save is version 2, so version 1 is the default set (as this build of align defines
// it; the store keeps no copy) unless the store holds its own (a seeded workspace does).
func ruleVersions(s *storage.Store) ([]model.RuleSet, error) {
	hist, err := s.RuleHistory()
	if err != nil {
		return nil, err
	}
	if len(hist) == 0 || hist[0].Version > 1 {
		hist = append([]model.RuleSet{model.DefaultRuleSet()}, hist...)
	}
	return hist, nil
}

// ruleAuthor is who saved a version; align itself wrote the ones nobody saved.
func ruleAuthor(rs model.RuleSet) string {
	if rs.UpdatedBy == "" {
		return "align"
	}
	return rs.UpdatedBy
}

// utcTime is a moment as rules show and history print it: in UTC, to the minute, the
// same for every teammate wherever the server is.
func utcTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}

// ruleChanges is what one version changed against the one before, short enough for
// a line of history: rules by reason, the MQL rule, the half-life, the persona rules.
func ruleChanges(prev, next model.RuleSet) string {
	before := make(map[string]model.Rule, len(prev.Rules))
	for _, r := range prev.Rules {
		before[r.ID] = r
	}
	var added, changed, removed []string
	for _, r := range next.Rules {
		old, ok := before[r.ID]
		switch {
		case !ok:
			added = append(added, r.Reason)
		case old != r:
			changed = append(changed, r.Reason)
		}
		delete(before, r.ID)
	}
	for _, r := range prev.Rules { // in their order, not the map's
		if _, gone := before[r.ID]; gone {
			removed = append(removed, r.Reason)
		}
	}
	var parts []string
	for _, g := range []struct {
		verb    string
		reasons []string
	}{{"added", added}, {"changed", changed}, {"removed", removed}} {
		if len(g.reasons) > 0 {
			parts = append(parts, g.verb+" "+quoteSome(g.reasons, 3))
		}
	}
	if len(parts) == 0 && !slices.Equal(prev.Rules, next.Rules) {
		parts = append(parts, "reordered the rules")
	}
	if prev.MQL != next.MQL {
		parts = append(parts, "MQL rule now "+next.MQL)
	}
	if prev.HalfLifeDays != next.HalfLifeDays {
		parts = append(parts, fmt.Sprintf("half-life %g days, was %g", next.HalfLifeDays, prev.HalfLifeDays))
	}
	if !slices.Equal(prev.Personas, next.Personas) {
		parts = append(parts, "changed the persona rules")
	}
	if len(parts) == 0 {
		return "saved with no change"
	}
	return strings.Join(parts, "; ")
}

// quoteSome quotes the first n items and counts the rest: "a", "b" and 2 more.
func quoteSome(items []string, n int) string {
	q := make([]string, 0, n)
	for _, s := range items[:min(n, len(items))] {
		q = append(q, fmt.Sprintf("%q", s))
	}
	return someOf(append(q, items[len(q):]...), n)
}

// someOf lists the first n items and counts the rest: a, b and 2 more.
func someOf(items []string, n int) string {
	shown := items[:min(n, len(items))]
	if rest := len(items) - len(shown); rest > 0 {
		return strings.Join(shown, ", ") + fmt.Sprintf(" and %d more", rest)
	}
	return strings.Join(shown, ", ")
}
