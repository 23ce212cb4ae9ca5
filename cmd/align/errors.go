package main

import (
	"errors"
	"fmt"
	"strings"
)

// usageError is a mistake in how a command was called: exit code 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

// reported is a failure whose sentence the command has printed already, where it had
// to come before the last line (an interrupted import's summary): exit 1, and
// nothing more on stderr.
type reported struct{ err error }

func (e reported) Error() string { return e.err.Error() }
func (e reported) Unwrap() error { return e.err }

// exitCode maps an error to product.md's exit codes: 0 success, 1 failure, 2 usage.
func exitCode(err error) int {
	if err == nil {
		return 0
	}
	var u usageError
	if errors.As(err, &u) {
		return 2
	}
	return 1
}

// errorLine is how a failure reaches stderr: one sentence after "align: ", which says
// who is speaking, unless the sentence already starts with align as its subject ("align
// could not open its data in …", "align lead show needs a lead ID …"): that reads as it
// is, instead of "align: align could not …".
func errorLine(msg string) string {
	s := sentence(msg)
	for _, p := range []string{"align ", "align's ", "align: "} {
		if strings.HasPrefix(s, p) {
			return s
		}
	}
	return "align: " + s
}
