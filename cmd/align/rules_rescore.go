package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"align/model"
	"align/storage"
)

// rulesRescoreCmd scores the stored leads again with the rules in force
// (storage.Store.Rescore), so that saving new rules need not wait for a re-import.
func (c *cli) rulesRescoreCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "rescore",
		Short: "Score the leads in the MQL inbox and the nurture queue again with the rules in force",
		Long: c.overSSH("Scores again, with the rules in force and today's date, every lead in the MQL inbox and the\n" +
			"nurture queue (inquiries and the leads sales sent back): an inquiry the rules qualify enters\n" +
			"the MQL inbox with its acceptance clock running. No lead moves back, a lead past inquiry keeps\n" +
			"its stage, and a persona someone chose is kept. Each changed lead's history names the rescore.\n" +
			"Engagement points fade with time, so scores can change even when the rules did not.\n" +
			"`align rules check FILE` previews what new rules would do before `align rules set` saves them."),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := c.allowed(model.ActRescore); err != nil {
				return err
			}
			s, err := c.openWorkspace()
			if err != nil {
				return err
			}
			ctx := c.ctx
			if !c.remote {
				// ctrl+c stops the rescore between batches, so it can say what was done.
				var stop context.CancelFunc
				ctx, stop = signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
				defer stop()
			}
			res, err := s.Rescore(ctx, c.actor, c.rescoreProgress())
			if c.errTTY {
				fmt.Fprint(c.errOut, "\r\x1b[K") // the progress line, if one was drawn
			}
			if ctx.Err() != nil && errors.Is(err, context.Canceled) {
				err = errors.New("the rescore was stopped; run it again to score the rest")
			}
			if err != nil && res.Checked > 0 {
				fmt.Fprintf(c.out, "Stopped after %s; the leads rescored so far keep their new scores.\n", rescoreCounts(res))
			}
			if err != nil {
				return err
			}
			if res.Checked == 0 {
				fmt.Fprintln(c.out, "No lead is in the MQL inbox or the nurture queue; there is nothing to rescore.")
				return nil
			}
			fmt.Fprintf(c.out, "Rescored %s.\n", rescoreCounts(res))
			return nil
		},
	}
}

// rescoreCounts is "9,240 leads with the rules of version 3: 1,204 changed, 37 entered
// the MQL inbox".
func rescoreCounts(r storage.RescoreResult) string {
	return fmt.Sprintf("%s with the rules of version %d: %s changed, %s entered the MQL inbox",
		model.Plural(r.Checked, "lead"), r.Version, model.GroupDigits(int64(r.Changed)), model.GroupDigits(int64(r.MQL)))
}

// rescoreProgress draws "Rescoring: 12,000 of 1,000,000 leads" on a terminal, at most
// five times a second; elsewhere it says nothing.
func (c *cli) rescoreProgress() func(done, total int) {
	if !c.errTTY {
		return nil
	}
	var last time.Time
	return func(done, total int) {
		if now := time.Now(); now.Sub(last) >= 200*time.Millisecond || done == total {
			last = now
			fmt.Fprintf(c.errOut, "\rRescoring: %s of %s leads\x1b[K", model.GroupDigits(int64(done)), model.GroupDigits(int64(total)))
		}
	}
}
