package main

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"align/model"
	"align/storage"
)

func (c *cli) leadCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "lead",
		Short: "List, show and triage leads",
		Long: "List and show leads, and take every triage action of the keyboard from a script.\n" +
			"Each action follows the same rules as the screen: your role, the lead's stage, its owner.",
	}
	cmd.AddCommand(c.leadListCmd(), c.leadShowCmd(), c.leadUndoCmd())
	for _, a := range []struct {
		action model.Action
		use    string
		short  string
	}{
		{model.ActAccept, "accept ID", "Accept (claim) an MQL"},
		{model.ActReject, "reject ID --reason REASON [--note TEXT]", "Reject a lead back to marketing's nurture"},
		{model.ActDisqualify, "disqualify ID --reason REASON [--note TEXT]", "Rule a lead out"},
		{model.ActDispute, "dispute ID --note ARGUMENT", "Dispute a rejection (marketing)"},
		{model.ActVerdict, "verdict ID --verdict uphold|overturn [--note TEXT]", "Decide a dispute (leadership)"},
		{model.ActQualify, "qualify ID", "Qualify an accepted lead to SQL"},
		{model.ActTouch, "touch ID [--note TEXT]", "Log a contact (stops the first-touch clock)"},
		{model.ActWon, "won ID --value N", "Mark an SQL won with its deal value"},
		{model.ActLost, "lost ID --reason TEXT", "Mark a lead lost with the reason"},
		{model.ActAssign, "assign ID --to MEMBER", "Assign an owner"},
		{model.ActNote, "note ID TEXT", "Add a note"},
		{model.ActMarkMQL, "mql ID", "Mark an inquiry or recycled lead as MQL"},
	} {
		cmd.AddCommand(c.leadActionCmd(a.action, a.use, a.short))
	}
	return cmd
}

func (c *cli) leadListCmd() *cobra.Command {
	var queue, format string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the leads of a queue, in the queue's order",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			q, err := model.ParseQueue(queue)
			if err != nil {
				return usageError{err}
			}
			if err := checkFormat(&format, "table", "json"); err != nil {
				return err
			}
			s, err := c.openWorkspace()
			if err != nil {
				return err
			}
			if format == "json" {
				arr := newJSONArray(c.out)
				if err := s.Scan(c.ctx, q, c.actor.Name, arr.add); err != nil {
					return err
				}
				return arr.close()
			}
			names, err := loadNames(s)
			if err != nil {
				return err
			}
			t := c.newLeadTable(names, q == model.QueueRejected || q == model.QueueDisputes)
			if err := s.Scan(c.ctx, q, c.actor.Name, t.add); err != nil {
				return err
			}
			return t.close()
		},
	}
	cmd.Flags().StringVar(&queue, "queue", "mql", "mql|mine|rejected|disputes|nurture|all")
	cmd.Flags().StringVar(&format, "format", "table", "table|json")
	return cmd
}

func (c *cli) leadShowCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show one lead with its score breakdown and history",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := model.ParseLeadID(args[0])
			if err != nil {
				return usageError{err}
			}
			if err := checkFormat(&format, "table", "json"); err != nil {
				return err
			}
			s, err := c.openWorkspace()
			if err != nil {
				return err
			}
			l, err := s.Lead(id)
			if err != nil {
				return err
			}
			if format == "json" {
				return writeJSON(c.out, l.JSON())
			}
			hist, err := s.History(id)
			if err != nil {
				return err
			}
			names, err := loadNames(s)
			if err != nil {
				return err
			}
			c.leadCard(l, hist, names)
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "table|json")
	return cmd
}

func (c *cli) leadActionCmd(a model.Action, use, short string) *cobra.Command {
	var cmdIn model.Command
	var reason, verdict string
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := model.ParseLeadID(args[0])
			if err != nil {
				return usageError{err}
			}
			cm := cmdIn
			cm.Action, cm.Lead = a, id
			if a == model.ActNote {
				cm.Note = strings.Join(args[1:], " ")
			}
			// What is missing or malformed on the command line is a usage error (exit 2),
			// whichever check finds it: --value abc was 2 and --value -5 was 1.
			switch {
			case a == model.ActNote && strings.TrimSpace(cm.Note) == "":
				return usagef("%s needs the note's text after the lead's ID, such as `align lead note %s Called, no answer`; see %s", c.who(cmd), id, c.helpHint(cmd))
			case a == model.ActWon && cm.Value <= 0:
				return usagef("%s needs --value above 0 (the deal value), such as `align lead won %s --value 12000`; see %s", c.who(cmd), id, c.helpHint(cmd))
			}
			switch a {
			case model.ActReject, model.ActDisqualify:
				r, err := model.ParseRejectReason(reason)
				if err != nil {
					return usageError{err}
				}
				// A usage error as a missing --reason is (new-user review: 1 against 2).
				if r == model.ReasonOther && strings.TrimSpace(cm.Note) == "" {
					return usagef("--reason other needs --note saying why, such as `align lead %s %s --reason other --note 'Student project'`; see %s", a, id, c.helpHint(cmd))
				}
				cm.Reason = r
			case model.ActLost:
				cm.LostReason = reason
			case model.ActVerdict:
				v, err := model.ParseVerdict(verdict)
				if err != nil {
					return usageError{err}
				}
				cm.Verdict = v
			}
			s, err := c.openWorkspace()
			if err != nil {
				return err
			}
			l, ev, err := s.Do(c.ctx, c.actor, cm)
			if err != nil {
				return err
			}
			fmt.Fprintf(c.out, "%s: %s%s.\n", leadLabel(l), model.Sanitize(ev.Summary), stageNow(l, ev))
			return nil
		},
	}
	f := cmd.Flags()
	switch a {
	case model.ActReject, model.ActDisqualify:
		reasons := model.RejectReasons
		if a == model.ActDisqualify {
			reasons = model.DisqualifyReasons
		}
		f.StringVar(&reason, "reason", "", "why: "+reasonList(reasons))
		f.StringVar(&cmdIn.Note, "note", "", "an optional note (required for --reason other)")
	case model.ActLost:
		f.StringVar(&reason, "reason", "", "why the deal was lost")
	case model.ActDispute:
		f.StringVar(&cmdIn.Note, "note", "", "your argument: why the rejection was wrong")
	case model.ActVerdict:
		f.StringVar(&verdict, "verdict", "", "uphold or overturn")
		f.StringVar(&cmdIn.Note, "note", "", "the reasoning")
	case model.ActWon:
		f.Int64Var(&cmdIn.Value, "value", 0, "the deal value")
	case model.ActAssign:
		f.StringVar(&cmdIn.To, "to", "", "the member who will own the lead")
	case model.ActTouch:
		f.StringVar(&cmdIn.Note, "note", "", "what happened")
	}
	if a == model.ActNote {
		cmd.Args = cobra.MinimumNArgs(1) // the note's text is the rest of the line
	} else {
		f.Uint64Var(&cmdIn.ExpectVersion, "if-version", 0, "refuse if the lead changed since this version")
	}
	return cmd
}

func (c *cli) leadUndoCmd() *cobra.Command {
	return &cobra.Command{
		Use: "undo", Short: "Undo your own last change to a lead", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := c.openWorkspace()
			if err != nil {
				return err
			}
			l, ev, err := s.Undo(c.ctx, c.actor)
			if err != nil {
				return err
			}
			names, err := loadNames(s)
			if err != nil {
				return err
			}
			fmt.Fprintln(c.out, names.Undone(l, ev))
			return nil
		},
	}
}

func reasonList(reasons []model.RejectReason) string {
	names := make([]string, len(reasons))
	for i, r := range reasons {
		names[i] = string(r)
	}
	return strings.Join(names, ", ")
}

// checkFormat reads --format in any case, as --queue and --stage are read, and
// leaves it lower-case.
func checkFormat(got *string, allowed ...string) error {
	if slices.Contains(allowed, strings.ToLower(*got)) {
		*got = strings.ToLower(*got)
		return nil
	}
	return usagef("--format %q is not known; use %s", *got, strings.Join(allowed, " or "))
}

// leadTable streams leads as fixed-width rows, every value sanitised, so a queue of a
// million leads prints without being held in memory.
type leadTable struct {
	c     *cli
	names *model.Names
	n     int
	// reason adds the REASON column: why sales rejected the lead, for the queues
	// marketing reviews (rejected, disputes).
	reason bool
}

func (c *cli) newLeadTable(names *model.Names, reason bool) *leadTable {
	head := fmt.Sprintf("%-8s %-12s %-11s %5s  %-28s %-22s %-16s %-20s", "ID", "STAGE", "SLA", "SCORE", "NAME", "COMPANY", "PERSONA", "OWNER")
	if reason {
		head += " REASON"
	}
	fmt.Fprintln(c.out, strings.TrimRight(head, " "))
	return &leadTable{c: c, names: names, reason: reason}
}

func (t *leadTable) add(l *model.Lead) error {
	t.n++
	line := fmt.Sprintf("%-8s %-12s %-11s %5d  %s %s %s %s", l.ID, l.Stage, slaText(l, t.c.now()), l.Score,
		cell(l.DisplayName(), 28), cell(l.Company, 22), cell(t.names.Persona(l.Persona), 16), cell(l.Owner, 20))
	if t.reason && l.Rejection != nil {
		line += " " + l.Rejection.Reason.Label()
	}
	_, err := fmt.Fprintln(t.c.out, strings.TrimRight(line, " "))
	return err
}

func (t *leadTable) close() error {
	if t.c.outTTY {
		fmt.Fprintf(t.c.out, "%d leads\n", t.n)
	}
	return nil
}

// loadNames is the book that shows persona, journey-stage and campaign IDs by name,
// from the store's workspace cards, as the screens show them.
func loadNames(s *storage.Store) (*model.Names, error) {
	personas, err := s.Personas()
	if err != nil {
		return nil, err
	}
	stages, err := s.Journey()
	if err != nil {
		return nil, err
	}
	campaigns, err := s.Campaigns()
	if err != nil {
		return nil, err
	}
	return model.NewNames(personas, stages, campaigns), nil
}

// localTime is how lead show writes a moment: in the machine's time zone, to the minute.
func localTime(t time.Time) string { return t.Local().Format("2006-01-02 15:04") }

// leadLabel names a lead at the start of a line: "Lead 42 (Kim)", or "Lead 42" for one
// with neither name nor email ("Lead 3 (#3)" read as a stutter).
func leadLabel(l model.Lead) string {
	if l.Nameless() {
		return "Lead " + l.ID.String()
	}
	return fmt.Sprintf("Lead %s (%s)", l.ID, model.Sanitize(l.DisplayName()))
}

// leadCard prints one lead for people: persona, journey stage and campaign by name,
// every value sanitised.
func (c *cli) leadCard(l model.Lead, hist []model.Event, names *model.Names) {
	now := c.now()
	w := c.out
	if l.Nameless() {
		fmt.Fprintf(w, "Lead %s\n", l.ID)
	} else {
		fmt.Fprintf(w, "Lead %s: %s\n", l.ID, model.Sanitize(l.DisplayName()))
	}
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(w, "  %-12s %s\n", k, model.Sanitize(v))
		}
	}
	row("Stage", l.Stage.Label()+" since "+localTime(l.StageSince))
	row("Owner", l.Owner)
	// What closed or sent the lead back, which only the history told (new-user review).
	if l.Stage == model.StageWon && l.WonValue > 0 {
		row("Deal value", model.GroupDigits(l.WonValue))
	}
	row("Lost reason", l.LostReason)
	if r := l.Rejection; r != nil {
		row(l.RejectedWord(), joinNonEmpty(": ", r.Reason.Label()+" by "+r.By+" on "+localTime(r.At), oneLine(r.Note)))
	}
	if d := l.Dispute; d != nil {
		row("Dispute", joinNonEmpty(": ", string(d.State)+", by "+d.By, oneLine(d.Argument)))
		if d.Verdict != "" || d.DecidedBy != "" {
			row("Verdict", joinNonEmpty(": ", "by "+d.DecidedBy, oneLine(d.Verdict)))
		}
	}
	row("Email", l.Email)
	row("Phone", l.Phone)
	row("Company", l.Company)
	row("Title", l.Title)
	row("Industry", l.Industry)
	if l.Employees > 0 {
		row("Employees", strconv.Itoa(l.Employees))
	}
	row("Location", joinNonEmpty(", ", l.City, l.Country))
	row("Source", l.Source)
	row("External ID", l.ExternalID)
	if l.Campaign != "" {
		row("Campaign", names.Campaign(l.Campaign))
	}
	if l.Persona != "" {
		row("Persona", names.Persona(l.Persona))
	}
	switch {
	case l.Journey == "":
	case l.JourneySince.IsZero():
		row("Journey", names.Stage(l.Journey))
	default:
		row("Journey", names.Stage(l.Journey)+" since "+localTime(l.JourneySince))
	}
	row("SLA", slaText(&l, now))
	fmt.Fprintf(w, "  %-12s %d (fit %d, engagement %d)\n", "Score", l.Score, l.Fit, l.Engagement)
	for _, s := range l.Breakdown {
		decay := ""
		if d := s.DecayNote(); d != "" {
			decay = " (" + d + ")"
		}
		fmt.Fprintf(w, "    %+d %s%s\n", s.Points, model.Sanitize(s.Reason), decay)
	}
	if len(l.Attrs) > 0 {
		fmt.Fprintln(w, "  Other columns")
		for _, k := range slices.Sorted(maps.Keys(l.Attrs)) {
			fmt.Fprintf(w, "    %s: %s\n", model.Sanitize(k), model.Sanitize(l.Attrs[k]))
		}
	}
	if len(hist) > 0 {
		fmt.Fprintln(w, "  History")
		for _, e := range hist {
			what := names.Summary(e)
			if e.Note != "" {
				// A note, an argument or a reasoning, as the feed shows it; its
				// further lines are indented under the history line.
				what += ": " + strings.ReplaceAll(model.SanitizeBlock(e.Note), "\n", "\n      ")
			}
			fmt.Fprintf(w, "    %s  %s  %s\n", localTime(e.At), model.Sanitize(e.Actor), what)
		}
	}
}

// oneLine is a note on one line of a card: its line breaks and runs of spaces become
// one space.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// joinNonEmpty joins the parts that are not empty.
func joinNonEmpty(sep string, parts ...string) string {
	return strings.Join(slices.DeleteFunc(parts, func(s string) bool { return s == "" }), sep)
}

// slaText is the running clock of a lead as the table shows it: time left, or overdue.
func slaText(l *model.Lead, now time.Time) string {
	c := l.AcceptClock
	if !c.Running() {
		c = l.FirstTouchClock
	}
	if !c.Running() {
		return "-"
	}
	switch c.State(now) {
	case model.ClockBreached:
		return model.LateBy(c.Overdue(now))
	case model.ClockAtRisk:
		return model.HoursMinutes(c.Remaining(now)) + "!"
	}
	return model.HoursMinutes(c.Remaining(now))
}

// cell sanitises s and fits it to exactly w columns of display width.
func cell(s string, w int) string {
	s = ansi.Truncate(model.Sanitize(s), w, "…")
	if pad := w - ansi.StringWidth(s); pad > 0 {
		s += strings.Repeat(" ", pad)
	}
	return s
}

// stageNow is "; now at stage Accepted" when the event moved the lead, else nothing:
// a note said "now recycled", and the stage read as a lowercase token.
func stageNow(l model.Lead, ev model.Event) string {
	for _, ch := range ev.Changes {
		if ch.Field == "stage" {
			return "; now at stage " + l.Stage.Label()
		}
	}
	return ""
}

// jsonArray streams values as one JSON array.
type jsonArray struct {
	w   io.Writer
	enc *json.Encoder
	n   int
}

func newJSONArray(w io.Writer) *jsonArray { return &jsonArray{w: w, enc: json.NewEncoder(w)} }

func (a *jsonArray) add(l *model.Lead) error {
	sep := ",\n"
	if a.n == 0 {
		sep = "[\n"
	}
	a.n++
	if _, err := io.WriteString(a.w, sep); err != nil {
		return err
	}
	return a.enc.Encode(l.JSON())
}

func (a *jsonArray) close() error {
	if a.n == 0 {
		_, err := io.WriteString(a.w, "[]\n")
		return err
	}
	_, err := io.WriteString(a.w, "]\n")
	return err
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
