package main

import (
	"bufio"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"charm.land/log/v2"
	gossh "golang.org/x/crypto/ssh"

	"align/model"
	"align/storage"
)

// maxKeyFileBytes bounds a file named in ALIGN_INITIAL_ADMIN_KEYS: a public key file
// is a few hundred bytes, so anything bigger is a mistake (a private key, a log).
const maxKeyFileBytes = 1 << 20

// seedActor is who the audit log names for admins seeded from the environment.
var seedActor = model.Member{Name: "align", Role: model.RoleAdmin}

// adminKey is one public key from ALIGN_INITIAL_ADMIN_KEYS.
type adminKey struct {
	key     gossh.PublicKey
	comment string
	// where says where it came from, for messages: "line 2" or "line 2 (~/.ssh/a.pub line 1)".
	where string
}

// keyProblem is a line of ALIGN_INITIAL_ADMIN_KEYS that was skipped, and why.
type keyProblem struct {
	line   int
	where  string
	reason string
}

// parseAdminKeys reads ALIGN_INITIAL_ADMIN_KEYS: one public key or one path to a file
// of public keys a line. Unlike wish.WithAuthorizedKeys, which stops at the first
// malformed line and so locks out everyone after it, each line stands alone: a bad
// line is reported with its number and skipped. Blank lines and # comments are ignored.
func parseAdminKeys(text string, readFile func(string) ([]byte, error), home string) ([]adminKey, []keyProblem) {
	var keys []adminKey
	var problems []keyProblem
	for i, raw := range strings.Split(text, "\n") {
		n := i + 1
		line := strings.TrimSpace(raw)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		where := fmt.Sprintf("line %d", n)
		if k, comment, err := parseKeyLine(line); err == nil {
			keys = append(keys, adminKey{key: k, comment: comment, where: where})
			continue
		} else if looksLikeKey(line) {
			problems = append(problems, keyProblem{line: n, where: where, reason: fmt.Sprintf("not a valid public key (%v)", err)})
			continue
		}
		path := expandHome(line, home)
		b, err := readFile(path)
		if err != nil {
			problems = append(problems, keyProblem{line: n, where: where, reason: "neither a public key nor a readable file: " + unwrapPath(err).Error()})
			continue
		}
		if len(b) > maxKeyFileBytes {
			problems = append(problems, keyProblem{line: n, where: where, reason: fmt.Sprintf("%s is over 1 MiB, so it is not a public key file", line)})
			continue
		}
		if strings.Contains(string(b), "PRIVATE KEY") {
			problems = append(problems, keyProblem{line: n, where: where, reason: fmt.Sprintf("%s is a private key; name the .pub file instead", line)})
			continue
		}
		found := 0
		sc := bufio.NewScanner(strings.NewReader(string(b)))
		sc.Buffer(make([]byte, 0, 64<<10), maxKeyFileBytes)
		for m := 1; sc.Scan(); m++ {
			fl := strings.TrimSpace(sc.Text())
			if fl == "" || strings.HasPrefix(fl, "#") {
				continue
			}
			w := fmt.Sprintf("line %d (%s line %d)", n, line, m)
			k, comment, err := parseKeyLine(fl)
			if err != nil {
				problems = append(problems, keyProblem{line: n, where: w, reason: fmt.Sprintf("not a valid public key (%v)", err)})
				continue
			}
			keys = append(keys, adminKey{key: k, comment: comment, where: w})
			found++
		}
		if found == 0 && sc.Err() == nil {
			problems = append(problems, keyProblem{line: n, where: where, reason: fmt.Sprintf("%s holds no public key", line)})
		}
	}
	return keys, problems
}

// parseKeyLine parses one authorized_keys line.
func parseKeyLine(line string) (gossh.PublicKey, string, error) {
	k, comment, _, rest, err := gossh.ParseAuthorizedKey([]byte(line))
	if err != nil {
		return nil, "", err
	}
	if len(strings.TrimSpace(string(rest))) > 0 {
		return nil, "", errors.New("one key a line, please")
	}
	return k, comment, nil
}

// looksLikeKey says a line was meant as a key rather than a path, so a broken key is
// reported as such instead of as a missing file.
func looksLikeKey(line string) bool {
	for _, p := range []string{"ssh-", "ecdsa-", "sk-", "rsa-"} {
		if strings.HasPrefix(line, p) {
			return true
		}
	}
	return false
}

// expandHome expands a leading ~/ (systemd units and quoted values leave it alone).
func expandHome(path, home string) string {
	if home != "" && (path == "~" || strings.HasPrefix(path, "~/")) {
		return filepath.Join(home, strings.TrimPrefix(path, "~"))
	}
	return path
}

// adminName names a seeded admin after the key comment ("maya@laptop" is "maya"),
// else "admin", with -2, -3... when the name is taken.
func adminName(comment string, taken map[string]bool) string {
	base := nameFromComment(comment)
	if base == "" {
		base = "admin"
	}
	name := base
	for i := 2; taken[strings.ToLower(name)]; i++ {
		name = fmt.Sprintf("%s-%d", base, i)
	}
	return name
}

// nameFromComment keeps what a member name may hold (letters, digits, dot, dash,
// underscore) from the part of a key comment before any @, capped at 28 characters so
// a -N suffix still fits the 32 allowed.
func nameFromComment(comment string) string {
	if i := strings.IndexByte(comment, '@'); i >= 0 {
		comment = comment[:i]
	}
	var b strings.Builder
	for _, r := range strings.TrimSpace(comment) {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case (r == '.' || r == '-' || r == '_') && b.Len() > 0:
			b.WriteRune(r)
		case r == ' ' && b.Len() > 0:
			b.WriteRune('-')
		}
		if b.Len() >= 28 {
			break
		}
	}
	return strings.TrimRight(b.String(), ".-_")
}

// seedAdmins adds the admins of ALIGN_INITIAL_ADMIN_KEYS to a fresh store: a new data
// directory, the demo, or a store with members but no admin who can sign in (people
// added with `align user add` before the first `align serve`). A store with an admin
// keeps its roster: it is managed with `align user`, and the environment must not
// quietly add admins on every restart.
func seedAdmins(ctx context.Context, s *storage.Store, text string, fresh bool, logger *log.Logger) error {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	if !fresh {
		logger.Info("ALIGN_INITIAL_ADMIN_KEYS is ignored because the store already has an admin; manage members with `align user`.")
		return nil
	}
	home, _ := os.UserHomeDir()
	keys, problems := parseAdminKeys(text, os.ReadFile, home)
	for _, p := range problems {
		logger.Warn("Skipped a line of ALIGN_INITIAL_ADMIN_KEYS.", "line", p.line, "where", p.where, "reason", p.reason)
	}
	members, err := s.Members()
	if err != nil {
		return err
	}
	taken := map[string]bool{}
	for _, m := range members {
		taken[strings.ToLower(m.Name)] = true
	}
	for _, k := range keys {
		fp := gossh.FingerprintSHA256(k.key)
		if holder, ok, err := s.MemberByKey(fp); err != nil {
			return err
		} else if ok {
			logger.Warn("Skipped a key of ALIGN_INITIAL_ADMIN_KEYS that is already on the roster.", "where", k.where, "key", fp, "member", holder.Name)
			continue
		}
		name := adminName(k.comment, taken)
		line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(k.key)))
		if err := s.PutMember(ctx, seedActor, model.Member{Name: name, Role: model.RoleAdmin, Keys: []string{line}}); err != nil {
			logger.Warn("Skipped a key of ALIGN_INITIAL_ADMIN_KEYS.", "where", k.where, "key", fp, "reason", err.Error())
			continue
		}
		taken[strings.ToLower(name)] = true
		logger.Info("Added an admin from ALIGN_INITIAL_ADMIN_KEYS.", "member", name, "key", fp)
	}
	return nil
}

// requireAdmin refuses to serve a workspace nobody could manage: at least one admin
// must be able to sign in with a key.
func requireAdmin(s *storage.Store) error {
	members, err := s.Members()
	if err != nil {
		return err
	}
	if hasSignInAdmin(members) {
		return nil
	}
	return errors.New("there is no admin who can sign in with an SSH key, so nobody could manage this workspace; " +
		"start the server with yours, for example `ALIGN_INITIAL_ADMIN_KEYS=~/.ssh/id_ed25519.pub align serve`, " +
		"or add one with `align user add NAME --role admin --key 'ssh-ed25519 AAAA...'`")
}

// hasSignInAdmin reports whether one of the members is an admin with a key.
func hasSignInAdmin(members []model.Member) bool {
	for _, m := range members {
		if m.SignsInAsAdmin() {
			return true
		}
	}
	return false
}

// loadHostKey reads the server's host key, creating it (mode 0600) on first start.
// A key other users can read is refused: whoever reads it can impersonate the server.
func loadHostKey(path string) (gossh.Signer, error) {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return createHostKey(path)
	}
	if err != nil {
		return nil, fmt.Errorf("align cannot read its host key %s (%v); check the data directory's permissions", path, unwrapPath(err))
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		return nil, fmt.Errorf("the host key %s can be read by other users (mode %04o); run `chmod 600 %s` and start again", path, perm, path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("align cannot read its host key %s (%v); check the data directory's permissions", path, unwrapPath(err))
	}
	signer, err := gossh.ParsePrivateKey(b)
	if err != nil {
		return nil, fmt.Errorf("the host key %s is not a private key align can use (%v); restore it from a backup, or move it away and align makes a new one (clients will then warn that the host key changed)", path, err)
	}
	return signer, nil
}

// createHostKey writes a new ed25519 host key, readable by its owner only.
func createHostKey(path string) (gossh.Signer, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("align cannot create the data directory for its host key (%v); check permissions or pass another --data", unwrapPath(err))
	}
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	block, err := gossh.MarshalPrivateKey(priv, "align host key")
	if err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("align cannot write its host key %s (%v); check the data directory's permissions", path, unwrapPath(err))
	}
	if err := writeAndSync(f, pem.EncodeToMemory(block)); err != nil {
		_ = os.Remove(path)
		return nil, fmt.Errorf("align cannot write its host key %s (%v); check free space and permissions", path, err)
	}
	return gossh.NewSignerFromKey(priv)
}

func writeAndSync(f *os.File, b []byte) error {
	_, err := f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// newHostKey is a host key that lives in memory only, for `serve --demo` without --data.
func newHostKey() (gossh.Signer, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	return gossh.NewSignerFromKey(priv)
}
