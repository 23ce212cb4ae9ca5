package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"align/model"
	"align/model/sample"
	"align/storage"
	"align/tui"
)

// runWorkspace opens the workspace on the data directory in this terminal; an empty
// store opens on the welcome screen.
func (c *cli) runWorkspace() error {
	if !c.outTTY {
		return errNoTerminal // before the store is opened, so no empty store is left behind
	}
	s, err := c.openStore()
	if err != nil {
		return err
	}
	w, err := c.welcome(s)
	if err != nil {
		return err
	}
	return c.runApp(s, w)
}

// welcome is the first-run screen's wiring when the store is empty (no leads, no
// members), else nil. The store is asked once, here, not on every frame.
func (c *cli) welcome(s *storage.Store) (*tui.Welcome, error) {
	empty, err := s.Empty()
	if err != nil || !empty {
		return nil, err
	}
	dir, err := filepath.Abs(c.dataDir)
	if err != nil {
		dir = c.dataDir
	}
	return &tui.Welcome{DataDir: dir, LoadSample: func(ctx context.Context) error {
		return s.Seed(ctx, sample.Generate(c.now()))
	}}, nil
}

func (c *cli) demoCmd() *cobra.Command {
	var as string
	cmd := &cobra.Command{
		Use:   "demo [--as NAME]",
		Short: "Open a throwaway sample workspace in memory (nothing is written to disk)",
		Long: "Open a throwaway sample workspace in memory (nothing is written to disk), as the\n" +
			"local administrator, or with --as (or ALIGN_USER) as one of the sample team, with that\n" +
			"member's role:\n" +
			"Maya (marketing) disputes rejections, Sofia (leadership) decides them.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := openDemoStore(c.ctx, c.now())
			if err != nil {
				return err
			}
			c.store = s
			c.closers = append(c.closers, s.Close)
			if c.actor, err = demoActor(s, as, c.actor); err != nil {
				return err
			}
			return c.runApp(s, nil)
		},
	}
	cmd.Flags().StringVar(&as, "as", "", "act as this member of the sample team, with their role")
	return cmd
}

// demoActor is who the demo runs as: the member --as names; else the sample member the
// login name (ALIGN_USER) names, with that member's role, so that changes made as
// "maya" are Maya's, a marketer's; else the local administrator.
func demoActor(s *storage.Store, as string, local model.Member) (model.Member, error) {
	if as != "" {
		return demoMember(s, as)
	}
	if m, err := demoMember(s, local.Name); err == nil {
		return m, nil
	}
	return local, nil
}

// demoMember is the sample team's member called name (in any case), for demo --as.
func demoMember(s *storage.Store, name string) (model.Member, error) {
	ms, err := s.Members()
	if err != nil {
		return model.Member{}, err
	}
	if m, ok := findMember(ms, name); ok {
		return m, nil
	}
	var team []string
	for _, m := range ms {
		team = append(team, fmt.Sprintf("%s (%s)", m.Name, m.Role.Label()))
	}
	return model.Member{}, usagef("the sample team has no %q; pick one of %s", name, strings.Join(team, ", "))
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

var errNoTerminal = errors.New("the workspace needs a terminal; for scripts use `align lead list` or `align export`")

// command is the command line that runs align's subcommands on the local workspace
// (tui.Deps.Command), "" for the demo's, which lives in memory.
func (c *cli) command() string {
	if c.inMemory || c.dataDir == "" {
		return ""
	}
	return "align --data " + tui.ShellQuote(c.dataDir)
}

// runApp runs the screens on the store until the person quits, opening on the welcome
// screen when w is set.
func (c *cli) runApp(s *storage.Store, w *tui.Welcome) error {
	if !c.outTTY {
		return errNoTerminal
	}
	sub := s.Subscribe()
	app := tui.New(tui.Deps{
		Store: s, Feed: sub.C, CloseFeed: sub.Close, Me: c.actor, Now: c.now, Local: true, Context: c.ctx,
		Command: c.command(),
	})
	if w != nil {
		app.Welcome(*w)
	}
	_, err := tea.NewProgram(app, tea.WithContext(c.ctx)).Run()
	fmt.Fprint(c.errOut, handBackText(app.Unsent(), "\n"))
	if errors.Is(err, tea.ErrProgramKilled) || errors.Is(err, tea.ErrInterrupted) {
		return nil
	}
	return err
}
