package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"align/model"
	"align/storage"
	"align/storage/leadcsv"
)

func (c *cli) importCmd() *cobra.Command {
	var dryRun bool
	var maps []string
	var stage string
	cmd := &cobra.Command{
		Use:   "import [--dry-run] [--map 'Header=field']... [--stage mql] FILE|-",
		Short: "Import leads from a CSV file, or align's JSON export (- for standard input)",
		Long: "Import leads from CSV. Headers are mapped to lead fields automatically (X Education,\n" +
			"Olist and the usual CRM export names); --map 'Header=field' overrides, 'Header=-' drops a\n" +
			"column. Other columns are kept as attributes that scoring rules can use. Existing leads\n" +
			"are matched by email, then external ID, and updated instead of duplicated. Each rejected\n" +
			"row is reported on stderr as `line N: reason`; the last line is the summary. New leads\n" +
			"are scored, and those the rules qualify enter the MQL inbox; --stage mql puts every new lead\n" +
			"there, and every inquiry the file names, for a file of leads marketing has already\n" +
			"qualified. A JSON array of leads, as\n" +
			"`align export --format json` writes it, is read as the CSV export of the same leads\n" +
			"(rows are then `item N`).\n\n" +
			"Fields: " + strings.Join(leadcsv.MapTargets(), ", ") + ".",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := c.allowed(model.ActImport); err != nil {
				return err
			}
			mapping, err := leadcsv.ParseMap(maps)
			if err != nil {
				return usageError{err}
			}
			st, err := importStage(stage)
			if err != nil {
				return usageError{err}
			}
			r, name, size, err := c.openInput(cmd, args[0])
			if err != nil {
				return err
			}
			defer r.Close()
			// A file that is not CSV text is refused before the store is opened, so
			// nothing at all is written for it.
			in, err := leadcsv.CheckText(r)
			if err != nil {
				return err
			}
			if !c.remote {
				// A local import is the process's only work: cap its heap and open the
				// store for bulk writes. Over SSH the server's store and limits stay.
				defer limitMemory(c.getenv)()
				c.bulkImport = true
			}
			if dryRun {
				c.checkInMemory()
			}
			s, err := c.openStore()
			if err != nil {
				return err
			}
			opt := leadcsv.Options{
				Name: fmt.Sprintf("%s (%s)", name, c.now().UTC().Format("2006-01-02 15:04:05 UTC")),
				// The actor's role is what c.allowed checked: the local user is the
				// workspace's administrator, a remote caller the member its key names.
				Actor: c.actor.Name, Role: c.actor.Role,
				DryRun: dryRun, Map: mapping, Stage: st, Now: c.now, Errs: c.errOut,
				Progress: leadcsv.ProgressPrinter(c.errOut, c.errTTY, size),
			}
			ctx := c.ctx
			if !c.remote {
				// ctrl+c stops the import between batches, so it can say what went in.
				var stop context.CancelFunc
				ctx, stop = signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
				defer stop()
			}
			sum, err := leadcsv.Import(ctx, s, in, opt)
			if ctx.Err() != nil && errors.Is(err, context.Canceled) {
				return c.importInterrupted(sum, dryRun)
			}
			var ue *leadcsv.UsageError
			if errors.As(err, &ue) {
				// Nothing was read (a --map names no column of the file): no summary,
				// which would read as though the file held no rows.
				return usageError{err}
			}
			if err != nil && sum.Committed() {
				// Some rows went in: say why the rest did not before the summary, which
				// stays the last line.
				fmt.Fprintln(c.errOut, model.Sanitize(errorLine(err.Error())))
				err = nil
			}
			for _, note := range []string{sum.UnkeyedNote(), sum.NoMQLNote(st), sum.MQLNote(dryRun)} {
				if note != "" && sum.Committed() {
					fmt.Fprintln(c.errOut, "align: "+c.overSSH(note))
				}
			}
			if err == nil && !sum.Committed() && sum.Rejected > 0 {
				// product.md: an import that commits nothing because of an error exits 1,
				// so a script can tell that nothing went in.
				err = reported{allRejected(dryRun)}
				fmt.Fprintln(c.errOut, model.Sanitize(errorLine(err.Error())))
			}
			if dryRun {
				// On stderr, so that the summary stays the exact last line of product.md.
				fmt.Fprintln(c.errOut, "align: dry run: nothing was written; a real import would give these counts.")
			}
			fmt.Fprintln(c.out, sum.String())
			return err
		},
	}
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "check and count every row without writing anything")
	cmd.Flags().StringArrayVar(&maps, "map", nil, "map a CSV header to a lead field: 'Header=field' (repeatable)")
	cmd.Flags().StringVar(&stage, "stage", "", "start every new lead at this stage (mql or inquiry) instead of where its score puts it; mql also moves the stored inquiries the file names into the MQL inbox")
	return cmd
}

// importStage reads --stage: empty, or a stage new leads may start at.
func importStage(s string) (model.Stage, error) {
	if s == "" {
		return "", nil
	}
	st, err := model.ParseStage(s)
	if err != nil {
		return "", fmt.Errorf("--stage %q is not a stage; new leads can start at mql or inquiry", s)
	}
	return st, leadcsv.CheckStage(st)
}

// allRejected says that no row of the file could go in.
func allRejected(dryRun bool) error {
	if dryRun {
		return errors.New("every row would be rejected (the reasons are above), so the import would add nothing; fix those rows and try again")
	}
	return errors.New("every row was rejected (the reasons are above), so nothing was imported; fix those rows and import the file again")
}

// importInterrupted reports an import stopped by ctrl+c or SIGTERM: the summary stays
// the last line, after a sentence saying that the file's other rows are not in; exit 1.
// It used to die at once, without saying how much of the file went in.
func (c *cli) importInterrupted(sum leadcsv.Summary, dryRun bool) error {
	if dryRun {
		return errors.New("the dry run was interrupted; nothing was written")
	}
	if !sum.Committed() {
		return errors.New("the import was interrupted before any lead went in; nothing changed")
	}
	err := errors.New("the import was interrupted: the leads counted below are in the workspace and the file's other rows are not; " +
		"run the same import again to finish (a row whose email or ID is already there updates that lead instead of adding one)")
	fmt.Fprintln(c.errOut, model.Sanitize(errorLine(err.Error())))
	fmt.Fprintln(c.out, sum.String())
	return reported{err}
}

// importMemoryLimit is the soft limit on the Go heap of a local import, as
// GOMEMLIMIT would set it: the import keeps at most three batches of rows, and
// Badger's memtables and caches take about 100 MB besides, so the process stays
// under 300 MB resident whatever the file's size.
const importMemoryLimit = 192 << 20

// limitMemory sets importMemoryLimit unless GOMEMLIMIT is set, and returns the
// function that puts the previous limit back.
func limitMemory(getenv func(string) string) func() {
	if getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	prev := debug.SetMemoryLimit(importMemoryLimit)
	return func() { debug.SetMemoryLimit(prev) }
}

// openInput opens cmd's FILE, or standard input for "-", with its name and size (-1 if
// unknown). Over SSH the server cannot open the caller's files, so cmd names the command
// that sends one on standard input instead.
func (c *cli) openInput(cmd *cobra.Command, arg string) (io.ReadCloser, string, int64, error) {
	if arg == "-" {
		return io.NopCloser(c.in), "standard input", -1, nil
	}
	if c.remote {
		return nil, "", 0, usagef("over SSH, send the file on standard input: %s", c.cmdName(c.path(cmd)+" - < "+filepath.Base(arg)))
	}
	f, err := os.Open(arg)
	if err != nil {
		return nil, "", 0, fmt.Errorf("cannot open %s: %w; check the path", arg, unwrapPath(err))
	}
	size := int64(-1)
	if st, err := f.Stat(); err == nil && st.IsDir() {
		f.Close()
		return nil, "", 0, fmt.Errorf("%s is a directory; give the path of a file in it", arg)
	} else if err == nil && st.Mode().IsRegular() {
		size = st.Size()
	}
	return f, filepath.Base(arg), size, nil
}

func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

func (c *cli) exportCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "export [--format csv|json]",
		Short: "Write every lead to standard output as CSV or JSON",
		Long: "Write every lead to standard output. CSV cells that a spreadsheet would run as a formula\n" +
			"are prefixed with ' . `align import` reads both formats back; the columns of the CSV are\n" +
			"the fields it keeps (the JSON also has each lead's score breakdown, clocks, rejection and\n" +
			"dispute, which an import does not restore).",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := c.allowed(model.ActExport); err != nil {
				return err
			}
			if err := checkFormat(&format, "csv", "json"); err != nil {
				return err
			}
			s, err := c.openWorkspace()
			if err != nil {
				return err
			}
			return leadcsv.Export(c.ctx, s, c.out, format)
		},
	}
	cmd.Flags().StringVar(&format, "format", "csv", "csv|json")
	return cmd
}

func (c *cli) backupCmd() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "backup [--force] FILE|-",
		Short: "Write an online, consistent backup of the workspace",
		Long: "Write an online, consistent backup of the workspace to FILE, or to standard output with -\n" +
			"(`align backup - > align.bak`). A FILE that exists already is left alone unless --force\n" +
			"is given: pick another name, or remove it first. Restore it with `align restore FILE`.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := c.allowed(model.ActBackup); err != nil {
				return err
			}
			s, err := c.openWorkspace()
			if err != nil {
				return err
			}
			if args[0] == "-" {
				if c.outTTY {
					return c.backupToTerminal()
				}
				return s.Backup(c.out)
			}
			if c.remote {
				return usagef("over SSH, back up to standard output: %s", c.cmdName("backup - > align.bak"))
			}
			if !force {
				if err := fileFree(args[0]); err != nil {
					return err
				}
			}
			return writeFileAtomic(args[0], s.Backup)
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "replace FILE if it exists")
	return cmd
}

// fileFree refuses to write over a file that exists: `align backup` with the name of
// an older backup replaced it without a word (new-user review: 31.6 MB were lost).
func fileFree(path string) error {
	if _, err := os.Lstat(path); err != nil {
		return nil // not there; anything else wrong with the path, writing it says
	}
	return fmt.Errorf("align backup will not replace %s, which exists already, so nothing was written; pick another name, or remove it first (--force replaces it)", path)
}

// backupToTerminal refuses `backup -` onto a terminal. Over ssh that is a session
// with a PTY (ssh -t): the server's terminal turns every newline byte of the backup
// into CR LF on the way, so `ssh -t host backup - > file` wrote a file that restore
// refused, and exited 0.
func (c *cli) backupToTerminal() error {
	if c.remote {
		return fmt.Errorf("a backup is binary and this ssh session has a terminal (ssh -t), which would change its bytes on the way, so nothing was written; run it without -t: %s", c.cmdName("backup - > align.bak"))
	}
	return usagef("a backup is binary and standard output is the terminal; write it to a file: align backup align.bak, or align backup - > align.bak")
}

func (c *cli) restoreCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "restore FILE|-",
		Short: "Restore a backup into an empty data directory",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if args[0] == "-" && c.inTTY {
				return usagef("restore - reads a backup from standard input, and that is the terminal; pipe one in: align restore - < align.bak")
			}
			r, _, _, err := c.openInput(cmd, args[0])
			if err != nil {
				return err
			}
			defer r.Close()
			if err := storage.Restore(c.dataDir, r); err != nil {
				return err
			}
			fmt.Fprintf(c.out, "Restored into %s.\n", c.dataDir)
			return nil
		},
	}
}

// openWorkspace opens the store of a command that reads or changes what is there
// (lead, export, backup), refusing a data directory that does not exist or is empty:
// opening it would create an empty store, so a mistyped --data would list, export or
// back up nothing and exit 0, and leave a store behind that a restore then refuses.
func (c *cli) openWorkspace() (*storage.Store, error) {
	if !c.remote && c.store == nil {
		entries, err := os.ReadDir(c.dataDir)
		if errors.Is(err, fs.ErrNotExist) || err == nil && len(entries) == 0 {
			return nil, fmt.Errorf("there is no workspace in %s; check that --data (or ALIGN_DATA) names the directory you meant", c.dataDir)
		}
	}
	return c.openStore()
}

// checkInMemory makes a dry run on a data directory that does not exist yet check the
// file against an empty store in memory: a dry run writes nothing, not even a new store.
func (c *cli) checkInMemory() {
	if c.remote || c.store != nil {
		return
	}
	if _, err := os.Stat(c.dataDir); errors.Is(err, fs.ErrNotExist) {
		c.inMemory = true
	}
}

// writeFileAtomic writes through a temporary file and renames it, so a failed backup
// never leaves a truncated file under the final name.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".align-backup-*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
