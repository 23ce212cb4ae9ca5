package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"syscall"
	"time"

	"charm.land/log/v2"
	"charm.land/ssh"
	"github.com/spf13/cobra"
	gossh "golang.org/x/crypto/ssh"

	"align/storage"
)

// defaultListen is where `align serve` listens unless --listen or $ALIGN_LISTEN say otherwise.
const defaultListen = ":23234"

// hostKeyFile is the server's host key inside the data directory.
const hostKeyFile = "ssh_host_ed25519_key"

// stopGrace is how long a stop waits for sessions to say goodbye before it cuts the
// remaining connections.
const stopGrace = 10 * time.Second

// serveFlags are `align serve`'s flags and environment.
type serveFlags struct {
	listen string
	demo   bool
	// dataGiven says --data was passed, so --demo keeps its host key there.
	dataGiven bool
	// adminKeys is $ALIGN_INITIAL_ADMIN_KEYS.
	adminKeys string
}

func (c *cli) serveCmd() *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve [--listen ADDR] [--data DIR] [--demo]",
		Short: "Serve the workspace to the team over SSH",
		Long: "serve shares the workspace over SSH: `ssh -p 23234 HOST` with a terminal opens it as the\n" +
			"member whose key signed in, and `ssh -p 23234 HOST export` (or import -, lead, rules, user,\n" +
			"backup -) runs one of align's commands with that member's role. Members and their keys live\n" +
			"in the store; ALIGN_INITIAL_ADMIN_KEYS (public keys or paths to them, one a line) seeds the\n" +
			"first admins of a new store. --demo serves the sample workspace from memory.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if fl := cmd.Flag("data"); fl != nil {
				f.dataGiven = fl.Changed
			}
			f.adminKeys = c.getenv("ALIGN_INITIAL_ADMIN_KEYS")
			return c.serve(f)
		},
	}
	listen := c.getenv("ALIGN_LISTEN")
	if listen == "" {
		listen = defaultListen
	}
	cmd.Flags().StringVar(&f.listen, "listen", listen, "the address to listen on: $ALIGN_LISTEN, else :23234")
	cmd.Flags().BoolVar(&f.demo, "demo", false, "serve the sample workspace from memory (nothing is written but the host key with --data)")
	return cmd
}

// serve runs the SSH server until SIGINT or SIGTERM, then stops it gracefully: every
// session is told, the server shuts down, and the store closes (through c.closers).
func (c *cli) serve(f serveFlags) error {
	logger := newServerLogger(c.errOut)
	// charm.land/ssh logs its own few events (a panic it recovered, a channel it could
	// not accept) through log/slog: send them to the same JSON log.
	slog.SetDefault(slog.New(logger))
	ctx, stopSignals := signal.NotifyContext(c.ctx, os.Interrupt, syscall.SIGTERM)
	defer stopSignals()

	store, fresh, err := c.openServeStore(ctx, f, logger)
	if err != nil {
		return err
	}
	// The address is taken before anything is written: a port in use must not leave
	// the admins of ALIGN_INITIAL_ADMIN_KEYS added to a server that never ran.
	ln, err := net.Listen("tcp", f.listen)
	if err != nil {
		return listenError(f.listen, err)
	}
	defer ln.Close() // Serve closes it too; this covers the returns before it
	if err := seedAdmins(ctx, store, f.adminKeys, fresh, logger); err != nil {
		return err
	}
	if err := requireAdmin(store); err != nil {
		return err
	}
	var hostKey gossh.Signer
	if f.demo && !f.dataGiven {
		hostKey, err = newHostKey()
	} else {
		hostKey, err = loadHostKey(filepath.Join(c.dataDir, hostKeyFile))
	}
	if err != nil {
		return err
	}

	// Loading the demo workspace or opening a big store leaves garbage behind; hand
	// it back now, so the resident size people see is the server's own.
	debug.FreeOSMemory()
	tuneGC(c.getenv)
	srv := newServer(store, logger, hostKey, serverConfig{}, c.now)
	logger.Info("Serving the workspace over SSH.", "addr", ln.Addr().String(),
		"host_key", gossh.FingerprintSHA256(hostKey.PublicKey()), "demo", f.demo)
	if !f.demo {
		defer recordServeAddr(c.dataDir, ln.Addr(), logger.Warn)()
	}

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		if errors.Is(err, ssh.ErrServerClosed) {
			return nil
		}
		return fmt.Errorf("the SSH server stopped: %v", err)
	case <-ctx.Done():
	}
	// A second SIGINT or SIGTERM now ends the process at once, as people expect.
	stopSignals()
	logger.Info("Stopping: telling every session, then closing the store; signal again to quit at once.")
	stopCtx, cancel := context.WithTimeout(context.Background(), stopGrace)
	defer cancel()
	if err := srv.Stop(stopCtx); err != nil {
		logger.Warn("The server did not stop cleanly.", "err", err)
	}
	if err := <-served; err != nil && !errors.Is(err, ssh.ErrServerClosed) {
		logger.Warn("The SSH listener ended with an error.", "err", err)
	}
	logger.Info("Stopped.")
	return nil
}

// openServeStore opens the store `serve` works on: the sample workspace in memory for
// --demo, else the data directory. fresh says the store has no admin who can sign in
// yet (a new directory, or one whose members were all added as other roles), so
// ALIGN_INITIAL_ADMIN_KEYS may seed its first admins.
func (c *cli) openServeStore(ctx context.Context, f serveFlags, logger *log.Logger) (*storage.Store, bool, error) {
	var s *storage.Store
	var err error
	if f.demo {
		s, err = openDemoStore(ctx, c.now())
	} else {
		s, err = storage.Open(storage.Options{Dir: c.dataDir, Logger: logger})
	}
	if err != nil {
		return nil, false, explainLocked(c.dataDir, err) // a second serve: the ssh command that reaches the first
	}
	c.store = s
	c.closers = append(c.closers, s.Close)
	if f.demo {
		return s, true, nil
	}
	members, err := s.Members()
	if err != nil {
		return nil, false, err
	}
	return s, !hasSignInAdmin(members), nil
}

// newServerLogger is the server's log: JSON lines, so text that people typed (user
// names, commands) is always a quoted field and can never forge a line.
func newServerLogger(w interface{ Write([]byte) (int, error) }) *log.Logger {
	return log.NewWithOptions(w, log.Options{
		Formatter:       log.JSONFormatter,
		ReportTimestamp: true,
		TimeFormat:      time.RFC3339,
		Level:           log.InfoLevel,
	})
}
