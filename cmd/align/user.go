package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"align/model"
)

func (c *cli) userCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "user", Short: "Manage the members who may sign in, and their roles"}
	var role string
	var keys []string
	add := &cobra.Command{
		Use:   "add NAME [--role ROLE] [--key 'ssh-ed25519 AAAA...']",
		Short: "Add a member, or add keys to one (their role stays as it is)",
		Long: c.overSSH("Add a member: `align user add NAME --role ROLE --key 'ssh-ed25519 AAAA...'`.\n" +
			"Add a key to a member: `align user add NAME --key 'ssh-ed25519 AAAA...'`; their role stays as it is\n" +
			"(change it with `align user role NAME ROLE`).\n" +
			"--key takes a public key line, - to read key lines from stdin, or, run locally, the path of a .pub\n" +
			"file; repeat it for more keys."),
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 && keySplit(keys) {
				return usagef("the key arrived cut at its spaces (ssh joins a command's words and the server splits them again); send the .pub file on stdin with `--key - < id_ed25519.pub`, or quote the key twice: --key \"'ssh-ed25519 AAAA...'\"")
			}
			return cobra.ExactArgs(1)(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if role == "" && len(keys) == 0 {
				return usagef("%s needs --role (%s) to add a member, or --key to give a member another key, such as %s; see %s",
					c.who(cmd), cmd.Flags().Lookup("role").Usage, c.cmdName("user add "+args[0]+" --role ROLE --key KEY"), c.helpHint(cmd))
			}
			var r model.Role
			if role != "" {
				var err error
				if r, err = model.ParseRole(role); err != nil {
					return usageError{err}
				}
			}
			ks, err := c.readKeys(keys)
			if err != nil {
				return err
			}
			return c.withStore(model.ActMembers, func() error { return c.addMember(cmd, args[0], r, ks) })
		},
	}
	add.Flags().StringVar(&role, "role", "", "marketing|sdr|ae|leadership|admin|viewer")
	add.Flags().StringArrayVar(&keys, "key", nil, "an SSH public key line, a .pub file's path, or - to read key lines from stdin (repeatable)")
	list := &cobra.Command{
		Use: "list", Short: "List members and their roles", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return c.withStore(model.ActExport, func() error {
				ms, err := c.store.Members()
				if err != nil {
					return err
				}
				if len(ms) == 0 {
					fmt.Fprintf(c.errOut, "The workspace has no members yet; add one with %s.\n", c.cmdName("user add NAME --role ROLE --key KEY"))
				}
				if len(ms) > 0 {
					fmt.Fprintf(c.out, "%s %-10s %s\n", cell("NAME", 24), "ROLE", "KEYS")
				}
				for _, m := range ms {
					fmt.Fprintf(c.out, "%s %-10s %d\n", cell(m.Name, 24), m.Role, len(m.Keys))
				}
				return nil
			})
		},
	}
	rm := &cobra.Command{
		Use: "rm NAME", Short: "Remove a member", Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return c.withStore(model.ActMembers, func() error {
				if err := c.store.RemoveMember(c.ctx, c.actor, args[0]); err != nil {
					return err
				}
				fmt.Fprintf(c.out, "Removed %s.\n", model.Sanitize(args[0]))
				return nil
			})
		},
	}
	roleCmd := &cobra.Command{
		Use: "role NAME ROLE", Short: "Change a member's role", Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := model.ParseRole(args[1])
			if err != nil {
				return usageError{err}
			}
			return c.withStore(model.ActMembers, func() error {
				m, found, err := c.store.Member(args[0])
				if err != nil {
					return err
				}
				if !found {
					return fmt.Errorf("there is no member called %q; see %s", args[0], c.cmdName("user list"))
				}
				m.Role = r
				if err := c.store.PutMember(c.ctx, c.actor, m); err != nil {
					return err
				}
				fmt.Fprintf(c.out, "%s is now %s.\n", model.Sanitize(m.Name), strings.ToLower(r.Label()))
				return nil
			})
		},
	}
	cmd.AddCommand(add, list, rm, roleCmd)
	return cmd
}

// withStore checks the actor may take the action, opens the store, and runs fn.
func (c *cli) withStore(a model.Action, fn func() error) error {
	if err := c.allowed(a); err != nil {
		return err
	}
	if _, err := c.openStore(); err != nil {
		return err
	}
	return fn()
}

// cmdName is how the caller runs align's command PATH: `align PATH` here, and
// `ssh -p 2222 host PATH` for a remote command.
func (c *cli) cmdName(path string) string {
	return c.overSSH("`align " + path + "`")
}

// overSSH words a sentence for the caller: over ssh, where there is no align to run,
// each command it names (`align user list`, from the store or the model) reads as the
// ssh command that runs it (`ssh -p 2222 host user list`).
func (c *cli) overSSH(s string) string {
	if !c.remote {
		return s
	}
	return strings.ReplaceAll(s, "`align ", "`"+c.sshCmd+" ")
}
