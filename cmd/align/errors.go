package main

import (
	"errors"
	"fmt"
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
