// Command align is the terminal workspace for joint marketing and sales sessions.
//
// This file and its neighbours are wiring only: flags and the command tree (cli.go),
// the data directory (datadir.go), one file per command group, and the SSH server
// (serve*.go). The domain lives in model/, persistence in storage/, screens in tui/.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
