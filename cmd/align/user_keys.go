package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	gossh "golang.org/x/crypto/ssh"
)

// keyExample is what a public key line looks like, for the sentences that ask for one.
const keyExample = "`ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI... you@laptop`"

// memberKey is one public key given to `user add`: its authorized_keys line and its
// SHA256 fingerprint, by which keys are told apart.
type memberKey struct {
	line, fp string
}

// keySplit says whether a --key value is a key line's first word alone (`ssh-ed25519`),
// as when ssh carried an unquoted key line: its other words then arrive as arguments.
func keySplit(keys []string) bool {
	for _, k := range keys {
		if looksLikeKey(strings.TrimSpace(k)) && !strings.ContainsAny(strings.TrimSpace(k), " \t") {
			return true
		}
	}
	return false
}

// readKeys reads the keys of user add's --key values. A value is a key line, - for the
// key lines on stdin (a .pub file or an authorized_keys file: blank lines and #
// comments are skipped), or, run locally, the path of such a file. Every key must
// parse, or nothing is added: a key cut short would lock its owner out.
func (c *cli) readKeys(values []string) ([]memberKey, error) {
	var out []memberKey
	for _, v := range values {
		text, from, err := c.keyText(v)
		if err != nil {
			return nil, err
		}
		if strings.Contains(text, "PRIVATE KEY-----") {
			return nil, usagef("that is a private key, which never leaves its owner's machine: nothing was added. " +
				"Send the public one (the .pub file: `--key - < id_ed25519.pub`), and since this private key has been sent, make a new key pair with ssh-keygen")
		}
		lines := keyLines(text)
		if len(lines) == 0 {
			return nil, usagef("%s holds no key; send the .pub file with `--key - < id_ed25519.pub`", from.place)
		}
		for i, line := range lines {
			k, comment, err := parseKeyLine(line)
			if err != nil {
				return nil, badKey(from, i+1, len(lines))
			}
			mk := memberKey{line: strings.TrimSpace(string(gossh.MarshalAuthorizedKey(k))), fp: gossh.FingerprintSHA256(k)}
			if comment != "" {
				mk.line += " " + comment
			}
			out = append(out, mk)
		}
	}
	return out, nil
}

// keyLines are the lines of a key text that are not blank or # comments.
func keyLines(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}

// keyFrom names where a --key value's text came from: the key as a whole ("the key
// read from stdin") and the place, for "line 2 of PLACE".
type keyFrom struct{ whole, place string }

// keyText is the text one --key value stands for, and where it came from.
func (c *cli) keyText(v string) (string, keyFrom, error) {
	t := strings.TrimSpace(v)
	switch {
	case t == "-":
		b, err := io.ReadAll(io.LimitReader(c.in, maxKeyFileBytes))
		if err != nil {
			return "", keyFrom{}, fmt.Errorf("could not read the key from stdin (%v); send the .pub file with `--key - < id_ed25519.pub`", err)
		}
		if len(keyLines(string(b))) == 0 && !strings.Contains(string(b), "PRIVATE KEY-----") {
			return "", keyFrom{}, usagef("--key - read no key from stdin; send the .pub file with `--key - < id_ed25519.pub`")
		}
		return string(b), keyFrom{"the key read from stdin", "stdin"}, nil
	case looksLikeKey(t) || strings.ContainsAny(t, " \t\n"):
		return v, keyFrom{"the key given with --key", "--key"}, nil
	case looksLikePath(t) && c.remote:
		return "", keyFrom{}, usagef("--key %q looks like a file path, and the server cannot read files on your machine; send the file's contents with `--key - < %s`", t, t)
	case looksLikePath(t):
		text, err := keyFile(t)
		return text, keyFrom{"the key in " + t, t}, err
	}
	return "", keyFrom{}, usagef("--key %q is not an SSH public key; a key is one line such as %s: pass the whole line of your ~/.ssh/id_ed25519.pub, or the file with `--key - < ~/.ssh/id_ed25519.pub`", t, keyExample)
}

// keyFile reads a public key file named by --key, as ALIGN_INITIAL_ADMIN_KEYS may name one.
func keyFile(path string) (string, error) {
	home, _ := os.UserHomeDir()
	f, err := os.Open(expandHome(path, home))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", usagef("--key %q looks like a file path, but there is no such file; pass the key line itself, or the path of your .pub file", path)
		}
		return "", usagef("align cannot read the key file %s (%v); pass the key line itself, or send the file with `--key - < %s`", path, unwrapPath(err), path)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxKeyFileBytes+1))
	if err != nil {
		return "", usagef("align cannot read the key file %s (%v); pass the key line itself", path, unwrapPath(err))
	}
	if len(b) > maxKeyFileBytes {
		return "", usagef("%s is over 1 MiB, so it is not a public key file; name the .pub file of the key pair", path)
	}
	return string(b), nil
}

// looksLikePath says a --key value that is not a key was meant as a file: it has a
// slash, starts with ~ or ends in .pub.
func looksLikePath(s string) bool {
	return strings.ContainsAny(s, `/\`) || strings.HasPrefix(s, "~") || strings.HasSuffix(s, ".pub")
}

// badKey says a key line does not parse, without ssh's parser's own words ("no key
// found; last parsing error for ignored line: illegal base64 data at input byte 8").
func badKey(from keyFrom, line, lines int) error {
	what := from.whole
	if lines > 1 {
		what = fmt.Sprintf("key %d of %d in %s", line, lines, from.place)
	}
	return usagef("%s is damaged or incomplete, so nothing was added; a public key is one whole line such as %s: copy all of ~/.ssh/id_ed25519.pub (or of the .pub file its owner sent), or send the file with `--key - < id_ed25519.pub`", what, keyExample)
}
