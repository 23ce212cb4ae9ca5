package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"align/model"
)

func (c *cli) userCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "user", Short: "Manage the members who may sign in, and their roles"}
	var role string
	var keys []string
	add := &cobra.Command{
		Use:   "add NAME --role ROLE [--key 'ssh-ed25519 AAAA...']",
		Short: "Add a member (or add keys to one); --key - reads the key lines from stdin",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 && keySplit(keys) {
				return usagef("the key arrived cut at its spaces (ssh joins a command's words and the server splits them again); send the .pub file on stdin with `--key - < id_ed25519.pub`, or quote the key twice: --key \"'ssh-ed25519 AAAA...'\"")
			}
			return cobra.ExactArgs(1)(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := model.ParseRole(role)
			if err != nil {
				return usageError{err}
			}
			keys, err := c.stdinKeys(keys)
			if err != nil {
				return err
			}
			return c.withStore(model.ActMembers, func() error {
				m, found, err := c.store.Member(args[0])
				if err != nil {
					return err
				}
				if !found {
					m = model.Member{Name: args[0]}
				}
				m.Role = r
				m.Keys = append(m.Keys, keys...)
				if err := c.store.PutMember(c.ctx, c.actor, m); err != nil {
					return err
				}
				fmt.Fprintf(c.out, "%s is %s with %d key(s).\n", model.Sanitize(m.Name), m.Role, len(m.Keys))
				return nil
			})
		},
	}
	add.Flags().StringVar(&role, "role", "", "marketing|sdr|ae|leadership|admin|viewer")
	add.Flags().StringArrayVar(&keys, "key", nil, "an SSH public key line (repeatable)")
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

// keySplit says whether a --key value is a key line's first word alone (`ssh-ed25519`),
// as when ssh carried an unquoted key line: its other words then arrive as arguments.
func keySplit(keys []string) bool {
	for _, k := range keys {
		if k != "-" && !strings.ContainsAny(strings.TrimSpace(k), " \t") {
			return true
		}
	}
	return false
}

// stdinKeys replaces a --key of "-" with the key lines read from stdin (a .pub file or
// an authorized_keys file: blank lines and # comments are skipped).
func (c *cli) stdinKeys(keys []string) ([]string, error) {
	var out []string
	for _, k := range keys {
		if k != "-" {
			out = append(out, k)
			continue
		}
		b, err := io.ReadAll(io.LimitReader(c.in, 1<<20))
		if err != nil {
			return nil, fmt.Errorf("could not read the key from stdin (%v); send the .pub file with `--key - < id_ed25519.pub`", err)
		}
		if strings.Contains(string(b), "PRIVATE KEY-----") {
			return nil, usagef("that is a private key, which never leaves its owner's machine: nothing was added. " +
				"Send the public one (the .pub file: `--key - < id_ed25519.pub`), and since this private key has been sent, make a new key pair with ssh-keygen")
		}
		n := len(out)
		for _, line := range strings.Split(string(b), "\n") {
			if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
				out = append(out, line)
			}
		}
		if len(out) == n {
			return nil, usagef("--key - read no key from stdin; send the .pub file with `--key - < id_ed25519.pub`")
		}
	}
	return out, nil
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
