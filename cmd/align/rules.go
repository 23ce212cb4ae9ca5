package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"align/model"
	"align/storage"
)

// rulesCmd shows, checks and saves the workspace's lead-scoring rules: the company's
// own, versioned in the store (storage.Store.PutRules) with who changed them and when.
func (c *cli) rulesCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "Show, check and change the lead-scoring rules",
		Long: c.overSSH("The workspace scores its leads with its own rules: fit and engagement rules, each a\n" +
			"condition, points and a reason, and the MQL rule that hands a lead to sales. To change them:\n" +
			"`align rules show --format json > rules.json`, edit the file, `align rules check rules.json`\n" +
			"to see it compile and how many inquiries it would make MQLs, then `align rules set rules.json`\n" +
			"and `align rules rescore` to score the stored leads with them.\n" +
			"docs/scoring.md lists the names a condition can use."),
	}
	cmd.AddCommand(c.rulesShowCmd(), c.rulesCheckCmd(), c.rulesSetCmd(), c.rulesRescoreCmd(), c.rulesHistoryCmd())
	return cmd
}

func (c *cli) rulesShowCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "show [--format text|json]",
		Short: "Show the scoring rules; --format json prints them as rules set reads them",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(&format, "text", "json"); err != nil {
				return err
			}
			s, err := c.openWorkspace()
			if err != nil {
				return err
			}
			rs, err := s.Rules()
			if err != nil {
				return err
			}
			if format == "json" {
				// Unlike writeJSON's, conditions are for people to edit: "score >= 40
				// && fit >= 20", not "score \u003e= 40 \u0026\u0026 fit \u003e= 20".
				enc := json.NewEncoder(c.out)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				return enc.Encode(rs)
			}
			c.printRules(rs)
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "text|json")
	return cmd
}

func (c *cli) rulesCheckCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "check FILE|-",
		Short: "Check a rule set (JSON) and preview how many inquiries it would make MQLs; saves nothing",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			// A check of a data directory that does not exist yet previews on an empty
			// store in memory rather than create one.
			c.checkInMemory()
			rs, _, p, err := c.previewFile(cmd, args[0])
			if err != nil {
				return err
			}
			fmt.Fprintf(c.out, "The rules compile: %s, MQL when %s.\n",
				model.Plural(len(rs.Rules), "rule"), model.Sanitize(rs.MQL))
			p.print(c)
			fmt.Fprintf(c.out, "Nothing was saved; %s saves them.\n", c.cmdName("rules set "+c.rulesFile(args[0])))
			return nil
		},
	}
}

func (c *cli) rulesSetCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "set FILE|-",
		Short: "Save a rule set (JSON) as the workspace's new scoring rules",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			// The role first: a member who may not change the rules hears that, not
			// what is wrong with a file they cannot save anyway.
			if err := c.allowed(model.ActEditRules); err != nil {
				return err
			}
			// The preview compares with the rules being replaced, so it runs first.
			rs, s, p, err := c.previewFile(cmd, args[0])
			if err != nil {
				return err
			}
			cur, err := s.Rules()
			if err != nil {
				return err
			}
			if sameRules(cur, rs) {
				// It saved a version "with no change" (new-user review).
				fmt.Fprintf(c.out, "These are the rules in force (version %d); nothing was saved.\n", cur.Version)
				return nil
			}
			if err := s.PutRules(c.ctx, c.actor, rs); err != nil {
				return err
			}
			saved, err := s.Rules()
			if err != nil {
				return err
			}
			fmt.Fprintf(c.out, "Saved the scoring rules as version %d.\n", saved.Version)
			p.print(c)
			c.printRescoreHint()
			return nil
		},
	}
}

// sameRules says whether two rule sets score alike: everything but who saved them,
// when, and as which version.
func sameRules(a, b model.RuleSet) bool {
	a.Version, a.UpdatedBy, a.Updated = 0, "", time.Time{}
	b.Version, b.UpdatedBy, b.Updated = 0, "", time.Time{}
	// As JSON, so that an empty list and none, which the file cannot tell apart, agree.
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(ja, jb)
}

// printRescoreHint says what becomes of the leads already stored: they keep their
// scores until `rules rescore` (or a re-import) scores them again.
func (c *cli) printRescoreHint() {
	fmt.Fprintf(c.out, "New and re-imported leads are scored with these rules. The leads already stored keep their\n"+
		"scores until you run %s.\n", c.cmdName("rules rescore"))
}

// previewFile reads and compiles the rule set in arg, opens the store (not
// openWorkspace: a company may write its rules before its first import) and previews
// the rules against the ones in force.
func (c *cli) previewFile(cmd *cobra.Command, arg string) (model.RuleSet, *storage.Store, rulesPreview, error) {
	rs, next, err := c.readRules(cmd, arg)
	if err != nil {
		return rs, nil, rulesPreview{}, err
	}
	s, err := c.openStore()
	if err != nil {
		return rs, nil, rulesPreview{}, err
	}
	p, err := c.previewRules(s, rs, next)
	return rs, s, p, err
}

// readRules reads a rule set and compiles it: the compile error is the model's own
// sentence, which names the rule and the position.
func (c *cli) readRules(cmd *cobra.Command, arg string) (model.RuleSet, *model.Scorer, error) {
	rs, err := c.readRuleSet(cmd, arg)
	if err != nil {
		return rs, nil, err
	}
	sc, err := model.CompileRules(rs)
	return rs, sc, err
}

// printRules is the rule set for people, every value of it sanitised.
func (c *cli) printRules(rs model.RuleSet) {
	w := c.out
	if rs.Updated.IsZero() {
		fmt.Fprintf(w, "Scoring rules, version %d, as align set them up.\n", rs.Version)
	} else {
		fmt.Fprintf(w, "Scoring rules, version %d, changed by %s on %s.\n", rs.Version, model.Sanitize(ruleAuthor(rs)), utcTime(rs.Updated))
	}
	fmt.Fprintf(w, "  %-11s %s\n", "MQL when", model.Sanitize(rs.MQL))
	fmt.Fprintf(w, "  %-11s %g days: engagement points halve every %g days\n", "Half-life", rs.HalfLifeDays, rs.HalfLifeDays)
	fmt.Fprintf(w, "\n%s, each with its points, dimension, reason [ID] and condition:\n", model.Plural(len(rs.Rules), "rule"))
	for _, r := range rs.Rules {
		fmt.Fprintf(w, "  %+4d %-10s %s [%s]\n         %s\n", r.Points, model.Sanitize(string(r.Dimension)),
			model.Sanitize(r.Reason), model.Sanitize(r.ID), model.Sanitize(r.When))
	}
	if len(rs.Personas) > 0 {
		fmt.Fprintln(w, "\nPersona rules; the first that matches links the lead to its persona:")
		for _, p := range rs.Personas {
			fmt.Fprintf(w, "  %s\n         %s\n", model.Sanitize(p.Persona), model.Sanitize(p.When))
		}
	}
	fmt.Fprintf(w, "\nTo change them: %s, edit the file, then %s and %s.\n",
		c.cmdName("rules show --format json > rules.json"), c.cmdName("rules check "+c.rulesFile("rules.json")),
		c.cmdName("rules set "+c.rulesFile("rules.json")))
}

// rulesFile is how a hint names the rules file the caller gave: as given here; over
// SSH, where the server cannot open the caller's files, on standard input.
func (c *cli) rulesFile(name string) string {
	if !c.remote {
		return name
	}
	if name == "-" {
		name = "rules.json"
	}
	return "- < " + name
}
