package storage

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/dgraph-io/badger/v4"
	"golang.org/x/crypto/ssh"

	"align/model"
)

// memberNameRE is what a member name looks like: it is an SSH user name, part of keys
// and shown in every event, so it stays short and plain.
var memberNameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$`)

// Members returns every member, by name.
func (s *Store) Members() ([]model.Member, error) {
	out, err := listCards[model.Member](s, prefixMember)
	slices.SortFunc(out, func(a, b model.Member) int { return strings.Compare(a.Name, b.Name) })
	return out, err
}

// Member returns the member with this name; ok is false when there is none.
func (s *Store) Member(name string) (model.Member, bool, error) {
	var m model.Member
	var found bool
	err := s.view(func(txn *badger.Txn) (err error) {
		found, err = getJSON(txn, memberKey(name), &m)
		return err
	})
	return m, found, err
}

// MemberByKey returns the member who signs in with the key whose SHA256 fingerprint
// (ssh.FingerprintSHA256: "SHA256:...") is given; ok is false for an unknown key.
func (s *Store) MemberByKey(fingerprint string) (model.Member, bool, error) {
	var m model.Member
	var found bool
	err := s.view(func(txn *badger.Txn) error {
		item, err := txn.Get(fingerprintKey(fingerprint))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		name, err := item.ValueCopy(nil)
		if err != nil {
			return err
		}
		found, err = getJSON(txn, memberKey(string(name)), &m)
		return err
	})
	return m, found, err
}

// PutMember adds a member or changes one's role and keys (admins only), audited. It
// checks the name, the role and every key, refuses a key another member already
// uses, and refuses a change that would leave nobody to manage the workspace
// (keepAKeeper).
func (s *Store) PutMember(ctx context.Context, actor model.Member, m model.Member) error {
	if err := model.Check(actor.Role, model.ActMembers); err != nil {
		return err
	}
	m, fps, err := checkMember(m)
	if err != nil {
		return err
	}
	return s.update(ctx, func(t *tx) error {
		var old model.Member
		found, err := getJSON(t.txn, memberKey(m.Name), &old)
		if err != nil {
			return err
		}
		if !found {
			if err := t.nameFree(m.Name); err != nil {
				return err
			}
		}
		if found {
			if err := t.keepAKeeper(m.Name, &m); err != nil {
				return err
			}
		}
		oldFPs := map[string]bool{}
		for _, k := range old.Keys {
			if fp, err := fingerprint(k); err == nil {
				oldFPs[fp] = true
			}
		}
		for _, fp := range fps {
			holder, err := t.keyHolder(fp)
			if err != nil {
				return err
			}
			if holder != "" && holder != m.Name {
				return fmt.Errorf("that key (%s) already belongs to %s; each key signs in one member, so use another key", fp, holder)
			}
			if err := t.set(fingerprintKey(fp), []byte(m.Name)); err != nil {
				return err
			}
			delete(oldFPs, fp)
		}
		for fp := range oldFPs {
			if err := t.del(fingerprintKey(fp)); err != nil {
				return err
			}
		}
		if err := putJSON(t.txn, memberKey(m.Name), m); err != nil {
			return err
		}
		ev := model.Event{Actor: actor.Name, Kind: model.EventMemberChanged, Subject: m.Name,
			Summary: memberSummary(found, old, m), Changes: memberChanges(old, m)}
		if err := t.addEvent(&ev); err != nil {
			return err
		}
		t.feed = append(t.feed, model.FeedItem{Event: ev})
		return nil
	})
}

// RemoveMember removes a member and their keys (admins only), audited. It refuses a
// removal that would leave nobody to manage the workspace (keepAKeeper).
func (s *Store) RemoveMember(ctx context.Context, actor model.Member, name string) error {
	if err := model.Check(actor.Role, model.ActMembers); err != nil {
		return err
	}
	return s.update(ctx, func(t *tx) error {
		var old model.Member
		found, err := getJSON(t.txn, memberKey(name), &old)
		if err != nil {
			return err
		}
		if !found {
			return notFound("There is no member called %q; see `align user list`.", name)
		}
		if err := t.keepAKeeper(name, nil); err != nil {
			return err
		}
		for _, k := range old.Keys {
			if fp, err := fingerprint(k); err == nil {
				if err := t.del(fingerprintKey(fp)); err != nil {
					return err
				}
			}
		}
		if err := t.del(memberKey(name)); err != nil {
			return err
		}
		ev := model.Event{Actor: actor.Name, Kind: model.EventMemberChanged, Subject: name,
			Summary: fmt.Sprintf("removed %s (%s)", name, old.Role.Label())}
		if err := t.addEvent(&ev); err != nil {
			return err
		}
		t.feed = append(t.feed, model.FeedItem{Event: ev})
		return nil
	})
}

// keepAKeeper refuses a change to the member named that would leave nobody to manage
// the workspace: no admin at all, or, where an admin can sign in with an SSH key now,
// no such admin (align serve refuses to start without one, so a running server must
// not be talked into that state over SSH). A local workspace, where nobody need have a
// key and the person at the keyboard is its administrator, keeps only the first rule.
// after is the member as the change leaves them, nil for a removal. It reads every
// member, so a concurrent change to any of them conflicts.
func (t *tx) keepAKeeper(name string, after *model.Member) error {
	var now, then keepers
	err := eachJSON(t.txn, prefixMember, func(b []byte) error {
		var m model.Member
		if err := jsonUnmarshal(b, &m); err != nil {
			return err
		}
		now.count(m)
		if m.Name != name {
			then.count(m)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if after != nil {
		then.count(*after)
	}
	switch {
	case now.admins > 0 && then.admins == 0:
		return fmt.Errorf("the workspace's last admin is %s; make another member an admin first, so someone can still manage the workspace", name)
	case now.signIn > 0 && then.signIn == 0:
		return fmt.Errorf("that would leave no admin who can sign in with an SSH key (the last one is %s), so nobody could manage the workspace over SSH; "+
			"first make a member who has a key an admin with `align user role NAME admin`, or give another admin a key with `align user add NAME --key KEY`", name)
	}
	return nil
}

// keepers counts the admins of a roster, and those of them who can sign in.
type keepers struct{ admins, signIn int }

func (k *keepers) count(m model.Member) {
	if m.Role == model.RoleAdmin {
		k.admins++
	}
	if m.SignsInAsAdmin() {
		k.signIn++
	}
}

// nameFree refuses a new member whose name differs from a member's only in case:
// "Maya" beside "maya" would read as one person in the feed, the owner column and
// every @mention.
func (t *tx) nameFree(name string) error {
	return eachJSON(t.txn, prefixMember, func(b []byte) error {
		var m model.Member
		if err := jsonUnmarshal(b, &m); err != nil {
			return err
		}
		if strings.EqualFold(m.Name, name) {
			return fmt.Errorf("there is already a member called %s and names must differ by more than case; to give them a key, use `align user add %s --key KEY`, else pick another name", m.Name, m.Name)
		}
		return nil
	})
}

// keyHolder names the member a key fingerprint belongs to, "" for none.
func (t *tx) keyHolder(fp string) (string, error) {
	item, err := t.txn.Get(fingerprintKey(fp))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	b, err := item.ValueCopy(nil)
	return string(b), err
}

// checkMember validates a member and returns it with its keys in canonical form
// ("type base64 comment") and their fingerprints.
func checkMember(m model.Member) (model.Member, []string, error) {
	if !memberNameRE.MatchString(m.Name) {
		return m, nil, fmt.Errorf("%q is not a usable member name; use up to 32 of the letters A-Z and a-z without accents, digits, dots, dashes or underscores, starting with a letter or digit (a member name is also how the team @mentions them)", m.Name)
	}
	role, err := model.ParseRole(string(m.Role))
	if err != nil {
		return m, nil, err
	}
	m.Role = role
	keys := make([]string, 0, len(m.Keys))
	var fps []string
	for i, k := range m.Keys {
		pk, comment, _, _, err := ssh.ParseAuthorizedKey([]byte(k))
		if err != nil {
			return m, nil, fmt.Errorf("key %d of %s is not an SSH public key (%v); paste one line of ~/.ssh/id_ed25519.pub", i+1, m.Name, err)
		}
		fp := ssh.FingerprintSHA256(pk)
		if slices.Contains(fps, fp) {
			continue
		}
		fps = append(fps, fp)
		line := strings.TrimSpace(string(ssh.MarshalAuthorizedKey(pk)))
		if comment = model.Sanitize(comment); comment != "" {
			line += " " + comment
		}
		keys = append(keys, line)
	}
	m.Keys = keys
	return m, fps, nil
}

// fingerprint is the SHA256 fingerprint of an authorized_keys line.
func fingerprint(line string) (string, error) {
	pk, _, _, _, err := ssh.ParseAuthorizedKey([]byte(line))
	if err != nil {
		return "", err
	}
	return ssh.FingerprintSHA256(pk), nil
}

func memberSummary(found bool, old, m model.Member) string {
	if !found {
		return fmt.Sprintf("added %s (%s)", m.Name, m.Role.Label())
	}
	if old.Role != m.Role {
		return fmt.Sprintf("made %s %s", m.Name, m.Role.Label())
	}
	return fmt.Sprintf("changed the keys of %s", m.Name)
}

func memberChanges(old, m model.Member) []model.Change {
	var out []model.Change
	if old.Role != m.Role {
		out = append(out, model.Change{Field: "role", Before: string(old.Role), After: string(m.Role)})
	}
	if len(old.Keys) != len(m.Keys) {
		out = append(out, model.Change{Field: "keys", Before: fmt.Sprint(len(old.Keys)), After: fmt.Sprint(len(m.Keys))})
	}
	return out
}
