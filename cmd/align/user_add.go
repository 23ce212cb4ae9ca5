package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	gossh "golang.org/x/crypto/ssh"

	"align/model"
)

// addMember is `user add`: it adds a member with role r, or adds keys to one. On an
// existing member it never changes the role: a script that re-runs `user add` with a
// stale --role must not promote or demote anyone in passing, so a different --role is
// refused with the command that changes roles (`user role`), and no --role keeps the
// role. A key the member has already is said so, not counted again.
func (c *cli) addMember(cmd *cobra.Command, name string, r model.Role, keys []memberKey) error {
	m, found, err := c.store.Member(name)
	if err != nil {
		return err
	}
	if !found {
		if r == "" {
			return c.needRole(cmd, name)
		}
		m = model.Member{Name: name, Role: r}
		added, _ := newKeys(m, keys)
		m.Keys = added
		if err := c.store.PutMember(c.ctx, c.actor, m); err != nil {
			return err
		}
		fmt.Fprintf(c.out, "%s is %s with %s.\n", model.Sanitize(m.Name), m.Role, keyCount(len(m.Keys)))
		c.noKeyNote(m)
		return nil
	}
	who := model.Sanitize(m.Name)
	if r != "" && r != m.Role {
		return usagef("the member %s is %s already, and %s does not change roles, so nothing was changed; to make them %s, use %s, and leave out --role to add a key",
			who, m.Role, c.cmdName("user add"), r, c.cmdName("user role "+m.Name+" "+string(r)))
	}
	added, had := newKeys(m, keys)
	switch {
	case len(keys) == 0:
		fmt.Fprintf(c.out, "%s is already %s, with %s; nothing changed.\n", who, m.Role, keyCount(len(m.Keys)))
		c.noKeyNote(m)
		return nil
	case len(added) == 0:
		fmt.Fprintf(c.out, "%s already has %s, so nothing changed; %s is %s with %s.\n", who, thatKey(had), who, m.Role, keyCount(len(m.Keys)))
		return nil
	}
	m.Keys = append(m.Keys, added...)
	if err := c.store.PutMember(c.ctx, c.actor, m); err != nil {
		return err
	}
	also := ""
	if had > 0 {
		also = fmt.Sprintf(" (%s already theirs)", model.Plural(had, "key"))
	}
	fmt.Fprintf(c.out, "Added %s to %s%s; %s is %s with %s.\n", keyCount(len(added)), who, also, who, m.Role, keyCount(len(m.Keys)))
	return nil
}

// noKeyNote says, on stderr, that a member with no key cannot sign in over SSH, and
// how to give them one: `user add bob --role sdr` said only "bob is sdr with 0 keys."
// (new-user review). Such a member is allowed, for a workspace only used locally.
func (c *cli) noKeyNote(m model.Member) {
	if len(m.Keys) > 0 {
		return
	}
	who := model.Sanitize(m.Name)
	fmt.Fprintf(c.errOut, "align: %s cannot sign in over SSH without a key; add theirs with %s.\n",
		who, c.cmdName("user add "+who+" --key - < "+who+".pub"))
}

// newKeys are the lines of keys that m does not have yet, each once, and how many of
// keys m (or an earlier one of keys) had already.
func newKeys(m model.Member, keys []memberKey) (added []string, had int) {
	seen := map[string]bool{}
	for _, line := range m.Keys {
		if k, _, err := parseKeyLine(line); err == nil {
			seen[gossh.FingerprintSHA256(k)] = true
		}
	}
	for _, k := range keys {
		if seen[k.fp] {
			had++
			continue
		}
		seen[k.fp] = true
		added = append(added, k.line)
	}
	return added, had
}

// needRole refuses `user add NAME --key KEY` for a name that is no member: a new
// member needs a role. A member whose name differs only in case is the likely meant one.
func (c *cli) needRole(cmd *cobra.Command, name string) error {
	ms, err := c.store.Members()
	if err != nil {
		return err
	}
	for _, o := range ms {
		if strings.EqualFold(o.Name, name) {
			return usagef("there is no member called %s, but there is %s; to give them a key, use %s",
				model.Sanitize(name), model.Sanitize(o.Name), c.cmdName("user add "+o.Name+" --key KEY"))
		}
	}
	return usagef("there is no member called %s yet, so %s needs --role (%s) to add them, such as %s; see %s",
		model.Sanitize(name), c.who(cmd), cmd.Flags().Lookup("role").Usage, c.cmdName("user add "+name+" --role ROLE --key KEY"), c.helpHint(cmd))
}

func thatKey(n int) string {
	if n == 1 {
		return "that key"
	}
	return "those keys"
}

func keyCount(n int) string { return model.Plural(n, "key") }
