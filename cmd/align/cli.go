package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"align/model"
	"align/storage"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// versionText is the version, and for a build from a git checkout the commit it was
// built from, as Go records it: "dev (commit 2a31090c1f4e, 2026-11-27, modified)".
func versionText() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return version
	}
	var rev, at, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value[:min(12, len(s.Value))]
		case "vcs.time":
			at, _, _ = strings.Cut(s.Value, "T")
		case "vcs.modified":
			if s.Value == "true" {
				dirty = ", modified"
			}
		}
	}
	if rev == "" {
		return version
	}
	return fmt.Sprintf("%s (commit %s, %s%s)", version, rev, at, dirty)
}

// cli is one invocation of align's commands: locally from a shell, or as a remote
// command over SSH with the caller's identity. Commands reach the store, the actor
// and the streams only through it, so the same code serves both.
type cli struct {
	ctx    context.Context
	in     io.Reader
	out    io.Writer
	errOut io.Writer
	// inTTY, outTTY and errTTY say whether stdin, stdout and stderr are terminals
	// (progress bars, colour; a backup is not written to a screen nor read from a keyboard).
	inTTY, outTTY, errTTY bool
	getenv                func(string) string
	now                   func() time.Time

	// remote is set for SSH remote commands: the store is the server's and the actor the caller.
	remote bool
	// sshCmd, over ssh, is the command line that reached the server (runRemote).
	sshCmd string
	actor  model.Member
	// asMember says a local run acts as the member its login name names (openStore);
	// asked are the actions allowed so far, asked again of that member's role.
	asMember bool
	asked    []model.Action
	store    *storage.Store
	// dataDir is --data; open opens the store there on first use (local runs).
	dataDir string
	// bulkImport opens the store for a big import (storage.Options.BulkImport).
	bulkImport bool
	// inMemory opens an empty store in memory instead of the data directory (a dry run
	// on a directory that does not exist yet).
	inMemory bool
	closers  []func() error
}

// run is align's whole command line; it returns the process exit code.
func run(args []string, in io.Reader, out, errOut io.Writer) int {
	c := &cli{
		ctx: context.Background(), in: in, out: out, errOut: errOut,
		inTTY: isTerminal(in), outTTY: isTerminal(out), errTTY: isTerminal(errOut),
		getenv: os.Getenv, now: time.Now,
	}
	name, warn := localUser(c.getenv)
	if warn != "" {
		fmt.Fprintln(errOut, warn)
	}
	c.actor = model.LocalAdmin(name)
	defer startProfile(c.getenv("ALIGN_CPUPROFILE"), errOut)()
	defer c.close()
	return c.execute(c.localRoot(), args)
}

// execute runs a command tree and reports its error as one line on stderr.
func (c *cli) execute(root *cobra.Command, args []string) int {
	root.SetArgs(args)
	c.plainArgs(root)
	root.SetIn(c.in)
	root.SetOut(c.out)
	root.SetErr(c.errOut)
	root.SilenceErrors = true
	root.SilenceUsage = true
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		// `ls -la` reaches the root as arguments: the unknown command is the news, not
		// the -l its flags do not have.
		if _, rest, ferr := root.Find(args); ferr == nil && cmd.HasSubCommands() && len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
			return c.unknownCommand(cmd, rest[0])
		}
		return usagef("%v; see %s", flagError(err), c.helpHint(cmd))
	})
	cmd, err := root.ExecuteC()
	if err != nil {
		if isCobraUsage(err) && exitCode(err) != 2 { // the flag error func has given the hint already
			err = usagef("%v; see %s", err, c.helpHint(cmd))
		}
		if !errors.As(err, new(reported)) {
			fmt.Fprintln(c.errOut, model.Sanitize(c.overSSH(errorLine(err.Error()))))
		}
	}
	return exitCode(err)
}

// helpHint names the command that prints cmd's usage. Over ssh it is `help PATH`:
// ssh itself would take a --help after the host as its own option.
func (c *cli) helpHint(cmd *cobra.Command) string {
	if !c.remote {
		return "`" + cmd.CommandPath() + " --help`"
	}
	return c.cmdName(strings.TrimSpace("help " + c.path(cmd)))
}

// flagError says what a number flag takes instead of passing on Go's parse error
// ("strconv.ParseInt: parsing \"12,000\": invalid syntax").
func flagError(err error) error {
	var iv *pflag.InvalidValueError
	if !errors.As(err, &iv) {
		return err
	}
	switch t := iv.GetFlag().Value.Type(); t {
	case "int", "int64", "uint", "uint64":
		return fmt.Errorf("--%s takes a whole number written in digits only, such as 12000, not %q", iv.GetFlag().Name, iv.GetValue())
	}
	return err
}

// isCobraUsage recognises cobra's own argument errors, which it returns as plain errors.
func isCobraUsage(err error) bool {
	s := err.Error()
	for _, p := range []string{"unknown command", "accepts ", "requires at least", "requires at most", "unknown flag", "unknown shorthand", "invalid argument"} {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// sentence makes an error message start with a capital letter and end with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return "Something went wrong."
	}
	if !strings.HasPrefix(s, "align") {
		s = strings.ToUpper(s[:1]) + s[1:]
	}
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") && !strings.HasSuffix(s, "!") {
		s += "."
	}
	return s
}

// localRoot is the command tree of a local run: everything of product.md.
func (c *cli) localRoot() *cobra.Command {
	root := &cobra.Command{
		Use:   "align",
		Short: "The shared terminal workspace for marketing and sales",
		Long: "align opens the joint marketing and sales workspace in this terminal: the MQL inbox and the\n" +
			"other lead queues, with single-key triage. Run `align demo` for a sample workspace in memory,\n" +
			"or `align serve` to share one workspace with the whole team over SSH.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return c.runWorkspace() },
	}
	root.PersistentFlags().StringVar(&c.dataDir, "data", defaultDataDir(c.getenv),
		"the data directory: $ALIGN_DATA, else $XDG_DATA_HOME/align, else ~/.local/share/align")
	root.AddCommand(c.demoCmd(), c.serveCmd(), c.restoreCmd(), c.versionCmd())
	c.addShared(root)
	return root
}

// addShared adds the commands that also run over SSH as remote commands.
func (c *cli) addShared(root *cobra.Command) {
	root.AddCommand(c.importCmd(), c.exportCmd(), c.backupCmd(), c.userCmd(), c.leadCmd(), c.rulesCmd())
}

func (c *cli) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use: "version", Short: "Print align's version", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintln(c.out, "align "+versionText())
			return nil
		},
	}
}

// openStore returns the store, opening the data directory on first use.
func (c *cli) openStore() (*storage.Store, error) {
	if c.store != nil {
		return c.store, nil
	}
	s, err := storage.Open(storage.Options{Dir: c.dataDir, BulkImport: c.bulkImport && !c.inMemory, InMemory: c.inMemory})
	if err != nil {
		return nil, explainLocked(c.dataDir, err)
	}
	c.store = s
	c.closers = append(c.closers, s.Close)
	if s.RolledBackImport() {
		fmt.Fprintln(c.errOut, "align: "+storage.RolledBackNotice+".")
	}
	// A local name that is a member's is that member, with their role: the history
	// said "maya overturned the rejection" of an AE named maya, who may not decide
	// disputes (new-user review). The actions allowed before the store was open are
	// asked again of that role.
	if ms, err := s.Members(); err == nil && !c.remote {
		if m, ok := findMember(ms, c.actor.Name); ok {
			c.actor, c.asMember = m, true
			for _, a := range c.asked {
				if err := c.allowed(a); err != nil {
					return nil, err
				}
			}
		}
	}
	return s, nil
}

// findMember is the member called name, in any case.
func findMember(ms []model.Member, name string) (model.Member, bool) {
	for _, m := range ms {
		if strings.EqualFold(m.Name, name) {
			return m, true
		}
	}
	return model.Member{}, false
}

func (c *cli) close() {
	for i := len(c.closers) - 1; i >= 0; i-- {
		if err := c.closers[i](); err != nil {
			fmt.Fprintln(c.errOut, errorLine(err.Error()))
		}
	}
	c.closers = nil
}

// allowed checks the actor's role for an action before any work is done. Run locally,
// the actor is settled when the store opens (openStore), which asks again.
func (c *cli) allowed(a model.Action) error {
	c.asked = append(c.asked, a)
	err := model.Check(c.actor.Role, a)
	if err != nil && c.asMember {
		// The way back to the local administrator, whom a login name hid.
		return fmt.Errorf("%w (%s is a member's name, so align acts as that member here; set ALIGN_USER to a name no member has to act as the local administrator)",
			err, model.Sanitize(c.actor.Name))
	}
	return err
}

// isTerminal says whether a stream is a terminal: a file that is one, or the standard
// output of an SSH session with a PTY (ptyWriter).
func isTerminal(stream any) bool {
	if _, ok := stream.(ptyWriter); ok {
		return true
	}
	f, ok := stream.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// localUser is the name local changes are recorded under: ALIGN_USER, else the login
// name, else "admin". An ALIGN_USER that cannot be a name is said so in warn, which
// is empty otherwise, rather than passed over in silence.
func localUser(getenv func(string) string) (name, warn string) {
	var bad string // an ALIGN_USER that cannot be a name, and why
	for _, k := range []string{"ALIGN_USER", "USER", "LOGNAME"} {
		v := strings.TrimSpace(getenv(k))
		if v == "" {
			continue
		}
		err := model.ValidateLine("user", v, 64)
		if err == nil {
			name = v
			break
		}
		if k == "ALIGN_USER" {
			bad = fmt.Sprintf("ALIGN_USER %q is not usable (%v)", model.Sanitize(v), err)
		}
	}
	if name == "" {
		name = "admin"
	}
	if bad != "" {
		warn = "align: " + bad + "; changes are recorded as " + model.Sanitize(name) + "."
	}
	return name, warn
}

// runRemote runs one of align's own subcommands as an SSH remote command for a member:
// the server's store, the caller's role, the channel's streams. It returns the exit code.
// sshCmd is the ssh command line that reached the server ("ssh -p 2222 host"), which the
// sentences that name a command start with.
func runRemote(ctx context.Context, s *storage.Store, actor model.Member, sshCmd string, args []string, in io.Reader, out, errOut io.Writer, now func() time.Time) int {
	c := &cli{
		ctx: ctx, in: in, out: out, errOut: errOut, getenv: func(string) string { return "" }, now: now,
		remote: true, sshCmd: sshCmd, actor: actor, store: s, outTTY: isTerminal(out),
	}
	root := &cobra.Command{
		Use:   "align",
		Short: "align's remote commands: run them as `" + sshCmd + " COMMAND`",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return usagef("open the workspace with a terminal (`ssh -t`), or run one of: export, import -, lead, rules, user, backup -")
		},
	}
	root.CompletionOptions.DisableDefaultCmd = true
	c.addShared(root)
	root.AddCommand(c.versionCmd())
	c.remoteHelp(root)
	return c.execute(root, args)
}

// remoteHelp makes cobra's help read as the caller types it over ssh, who has no
// align binary: "Usage: ssh -p 2222 host lead show ID", and `help COMMAND` where
// cobra says "align [command] --help" (ssh would take a --help after the host as its
// own option).
func (c *cli) remoteHelp(root *cobra.Command) {
	help := root.HelpFunc()
	root.SetHelpFunc(func(cmd *cobra.Command, args []string) {
		var b strings.Builder
		cmd.SetOut(&b)
		help(cmd, args)
		cmd.SetOut(c.out)
		text := strings.NewReplacer(
			"\n  align ", "\n  "+c.sshCmd+" ",
			`Use "align [command] --help"`, `Use "`+c.sshCmd+` help [command]"`,
			`Use "`+cmd.CommandPath()+` [command] --help"`, `Use "`+c.sshCmd+` help `+c.path(cmd)+` [command]"`,
		).Replace(b.String())
		fmt.Fprint(c.out, c.overSSH(text))
	})
}
