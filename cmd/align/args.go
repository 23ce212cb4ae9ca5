package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// argWord is what one positional argument of a Use line (ID, NAME, FILE|-) is called in
// a sentence, an example of it, and the command that lists the values it may take.
type argWord struct {
	noun, example, list string
}

// argWords are the positional arguments of align's commands, by their Use-line name.
var argWords = map[string]argWord{
	"ID":     {"a lead ID", "42", "lead list"},
	"NAME":   {"a member's name", "kim", "user list"},
	"ROLE":   {"a role (marketing, sdr, ae, leadership, admin or viewer)", "ae", ""},
	"TEXT":   {"the text", "'Called, call back Monday'", ""},
	"FILE|-": {"a file name, or - for standard input", "align.backup", ""},
}

// plainArgs gives every command of the tree an argument check whose error is one
// sentence with the next step ("align lead show needs a lead ID, such as `align lead
// show 42`; see `align lead list`."), a usage error (exit 2), instead of cobra's own
// "accepts 1 arg(s), received 0". Each command's own check still decides; only its
// wording changes, so one wrapper covers every command.
//
// A group without a command of its own (lead, user) shows its help, as cobra does; it
// is given that as its command, since cobra checks no arguments of a group that
// cannot run and would answer `align lead frob` with the help and exit 0.
func (c *cli) plainArgs(cmd *cobra.Command) {
	if !cmd.Runnable() && cmd.HasSubCommands() {
		cmd.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
	}
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2 // cobra's own default, which SuggestionsFor does not apply
	}
	check := cmd.Args
	cmd.Args = func(cmd *cobra.Command, args []string) error {
		if cmd.HasSubCommands() && len(args) > 0 {
			return c.unknownCommand(cmd, args[0])
		}
		if check == nil {
			return nil
		}
		err := check(cmd, args)
		var u usageError
		if err != nil && !errors.As(err, &u) {
			return c.argsError(cmd, args)
		}
		if err == nil {
			err = c.missingFlag(cmd)
		}
		return err
	}
	for _, sub := range cmd.Commands() {
		c.plainArgs(sub)
	}
}

// argsError words a wrong number of arguments from the command's Use line.
func (c *cli) argsError(cmd *cobra.Command, args []string) error {
	words := positional(cmd.Use)
	name, help := c.who(cmd), c.helpHint(cmd)
	if len(words) == 0 {
		return usagef("%s takes no arguments, but was given %s; see %s", name, quoteArgs(args), help)
	}
	example, nouns := c.example(cmd), nounsOf(cmd, words)
	if len(args) < len(words) {
		missing := words[len(args):]
		hint := help
		if list := argWords[missing[0]].list; list != "" {
			hint = c.cmdName(list)
		}
		return usagef("%s needs %s, such as %s; see %s", name, strings.Join(nounsOf(cmd, missing), " and "), example, hint)
	}
	switch {
	case cmd.Flags().Lookup("note") != nil && c.remote:
		// ssh joins the words after the host and the server splits them again, so a
		// note quoted once reaches the server as several words.
		help = `over ssh, quote a note twice, as in --note "'Called, call back Monday'", and see ` + help
	case cmd.Flags().Lookup("note") != nil:
		help = "put text in --note, and see " + help
	default:
		help = "see " + help
	}
	return usagef("%s takes %s and nothing more, such as %s, but was given %s; %s",
		name, strings.Join(nouns, " and "), example, quoteArgs(args), help)
}

// unknownCommand says a group (align, lead, user) has no such command, with cobra's
// suggestion when a name is close.
func (c *cli) unknownCommand(cmd *cobra.Command, arg string) error {
	maybe := ""
	if s := cmd.SuggestionsFor(arg); len(s) > 0 {
		maybe = " (did you mean " + c.cmdName(strings.TrimSpace(c.path(cmd)+" "+s[0])) + "?)"
	}
	return usagef("%s has no command %q%s; see %s", c.who(cmd), arg, maybe, c.helpHint(cmd))
}

// who names the command in a sentence: "align lead show" here; over ssh, where the
// caller has no align binary, "`lead show`" ("the server" for the root).
func (c *cli) who(cmd *cobra.Command) string {
	if !c.remote {
		return cmd.CommandPath()
	}
	if p := c.path(cmd); p != "" {
		return "`" + p + "`"
	}
	return "the server"
}

// path is the command's path below the root: "lead show".
func (c *cli) path(cmd *cobra.Command) string {
	return strings.TrimSpace(strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()))
}

// example is a whole command line that calls cmd rightly, from its Use line: the
// arguments by example, the flags it needs as written, the optional [...] left out:
// `align lead reject 42 --reason REASON`.
func (c *cli) example(cmd *cobra.Command) string {
	parts := []string{c.path(cmd)}
	fields, optional := strings.Fields(cmd.Use), false
	for i, f := range fields[1:] {
		switch {
		case strings.HasPrefix(f, "["):
			optional = !strings.Contains(f, "]")
			continue
		case optional:
			optional = !strings.Contains(f, "]")
			continue
		}
		if w, ok := argWords[f]; ok && !strings.HasPrefix(fields[i], "-") {
			if file, ok := fileExamples[c.path(cmd)]; ok && f == "FILE|-" {
				w.example = file
				if c.remote { // over ssh the file comes on standard input
					w.example = "- < " + file
				}
			}
			f = w.example
		}
		parts = append(parts, f)
	}
	return c.cmdName(strings.Join(parts, " "))
}

// fileExamples name the file of the commands that read one, for their examples: the
// backup's "align.backup" of argWords would not do for them.
var fileExamples = map[string]string{"import": "leads.csv", "rules check": "rules.json", "rules set": "rules.json"}

func nounsOf(cmd *cobra.Command, words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = argWords[w].noun
		if w == "FILE|-" && cmd.Name() == "backup" {
			out[i] = "a file name, or - for standard output"
		}
	}
	return out
}

// positional lists the positional arguments a Use line names, in order: the words
// of argWords that are not a flag's value ("reject ID --reason REASON" has ID only).
func positional(use string) []string {
	var out []string
	fields := strings.Fields(use)
	for i, f := range fields {
		if i == 0 {
			continue
		}
		if _, ok := argWords[f]; ok && !strings.HasPrefix(fields[i-1], "-") {
			out = append(out, f)
		}
	}
	return out
}

// missingFlag says which flag the Use line requires (outside [...]) was not given:
// "`lead verdict` needs --verdict (uphold or overturn), such as `align lead verdict
// 42 --verdict uphold|overturn`". The model's own sentence for a missing input
// speaks to the screen's form and names no flag.
func (c *cli) missingFlag(cmd *cobra.Command) error {
	optional := false
	for _, f := range strings.Fields(cmd.Use)[1:] {
		if strings.HasPrefix(f, "[") {
			optional = true
		}
		if !optional && strings.HasPrefix(f, "--") {
			name := strings.TrimPrefix(f, "--")
			if fl := cmd.Flags().Lookup(name); fl != nil && !fl.Changed {
				return usagef("%s needs %s (%s), such as %s; see %s", c.who(cmd), f, fl.Usage, c.example(cmd), c.helpHint(cmd))
			}
		}
		if strings.Contains(f, "]") {
			optional = false
		}
	}
	return nil
}

// quoteArgs shows arguments as they were given: 2 of them as "1" "2".
func quoteArgs(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = `"` + a + `"`
	}
	s := strings.Join(q, " ")
	if len(args) == 1 {
		return s
	}
	return fmt.Sprintf("%d: %s", len(args), s)
}
