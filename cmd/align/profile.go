package main

import (
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"strconv"
	"strings"
)

// startProfile writes a CPU profile of the whole run to path, where "%p" becomes the
// process ID, and returns what stops it. ALIGN_CPUPROFILE names the path: `task pgo`
// profiles align serving and importing with it to rebuild cmd/align/default.pgo, the
// profile Go's compiler optimises align with, and an operator can send one with a
// report of a slow server (stopped with SIGTERM, so that the profile is written).
func startProfile(path string, errOut io.Writer) (stop func()) {
	stop = func() {}
	if path == "" {
		return stop
	}
	path = strings.ReplaceAll(path, "%p", strconv.Itoa(os.Getpid()))
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(errOut, "ALIGN_CPUPROFILE: %v; carrying on without a profile\n", err)
		return stop
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintf(errOut, "ALIGN_CPUPROFILE: %v; carrying on without a profile\n", err)
		_ = f.Close()
		return stop
	}
	return func() {
		pprof.StopCPUProfile()
		_ = f.Close()
	}
}
