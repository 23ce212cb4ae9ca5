package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"align/model/sample"
	"align/storage"
	"align/tui"
)

// runWorkspace opens the workspace on the data directory in this terminal.
func (c *cli) runWorkspace() error {
	s, err := c.openStore()
	if err != nil {
		return err
	}
	return c.runApp(s)
}

func (c *cli) demoCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "demo",
		Short: "Open a throwaway sample workspace in memory (nothing is written to disk)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := openDemoStore(c.ctx, c.now())
			if err != nil {
				return err
			}
			c.store = s
			c.closers = append(c.closers, s.Close)
			return c.runApp(s)
		},
	}
}

// openDemoStore is an in-memory store holding the sample workspace.
func openDemoStore(ctx context.Context, now time.Time) (*storage.Store, error) {
	s, err := storage.Open(storage.Options{InMemory: true})
	if err != nil {
		return nil, err
	}
	if err := s.Seed(ctx, sample.Generate(now)); err != nil {
		s.Close()
		return nil, fmt.Errorf("loading the sample workspace: %w", err)
	}
	return s, nil
}

// runApp runs the screens on the store until the person quits.
func (c *cli) runApp(s *storage.Store) error {
	if !c.outTTY {
		return errors.New("the workspace needs a terminal; for scripts use `align lead list` or `align export`")
	}
	sub := s.Subscribe()
	app := tui.New(tui.Deps{
		Store: s, Feed: sub.C, CloseFeed: sub.Close, Me: c.actor, Now: c.now, Local: true, Context: c.ctx,
	})
	_, err := tea.NewProgram(app, tea.WithContext(c.ctx)).Run()
	if errors.Is(err, tea.ErrProgramKilled) || errors.Is(err, tea.ErrInterrupted) {
		return nil
	}
	return err
}
