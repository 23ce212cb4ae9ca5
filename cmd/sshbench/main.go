// Command sshbench measures what `align serve` costs per SSH session: it starts
// `align serve --demo` on a loopback port, opens N concurrent PTY sessions with
// golang.org/x/crypto/ssh, waits for each first frame, sends keys in a closed loop and
// reads the server's RSS and CPU from /proc. Each run gets a fresh server; figures
// are medians over the runs.
//
//	go run ./cmd/sshbench                       # 1, 50 and 100 sessions, 3 runs each
//	go run ./cmd/sshbench --sessions 10 --runs 1 --align /tmp/align
//	go run ./cmd/sshbench --fanout --sessions 50,100   # triage command to every other screen
//
// It measures the way /work/shared/tools/sshload does (first frame = the expected text
// seen, then 50 ms of quiet; key latency = write to first byte back; it answers the
// terminal queries Bubble Tea sends), so its figures sit beside sshload's. It only
// ever connects to 127.0.0.1 and every run is bounded by --timeout.
package main

import (
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// options are the flags.
type options struct {
	align      string
	sessions   []int
	runs       int
	keys       string
	repeat     int
	cols, rows int
	expect     string
	quiet      time.Duration
	keyDelay   time.Duration
	keyTimeout time.Duration
	settle     time.Duration
	timeout    time.Duration
	// fanout measures fan-out instead of keys, over rounds triage commands.
	fanout bool
	rounds int
}

func main() {
	var o options
	var sessions string
	flag.StringVar(&o.align, "align", "", "the align binary (default: go build ./cmd/align into a temporary directory)")
	flag.StringVar(&sessions, "sessions", "1,50,100", "concurrent sessions per step, comma separated (each 1..300)")
	flag.IntVar(&o.runs, "runs", 3, "runs per step, each on a fresh server (1..10)")
	flag.StringVar(&o.keys, "keys", "j", "the key sent each time (Go escapes allowed)")
	flag.IntVar(&o.repeat, "repeat", 20, "keys per session")
	flag.IntVar(&o.cols, "cols", 120, "terminal columns")
	flag.IntVar(&o.rows, "rows", 40, "terminal rows")
	flag.StringVar(&o.expect, "expect", "? help", "text on the bottom line of a complete first frame")
	flag.DurationVar(&o.quiet, "quiet", 50*time.Millisecond, "silence that ends a frame or a key's answer")
	flag.DurationVar(&o.keyDelay, "key-delay", 100*time.Millisecond, "minimum time between keys")
	flag.DurationVar(&o.keyTimeout, "key-timeout", 2*time.Second, "a key with no output within this is missed")
	flag.DurationVar(&o.settle, "settle", 2*time.Second, "hold after every first frame before RSS is read")
	flag.DurationVar(&o.timeout, "timeout", 90*time.Second, "limit for one run")
	flag.BoolVar(&o.fanout, "fanout", false, "measure fan-out instead: idle sessions, one `lead accept` per round from another connection, time to each session's redraw")
	flag.IntVar(&o.rounds, "rounds", 10, "fan-out rounds per run (1..100), one MQL lead accepted each")
	flag.Parse()
	if err := o.parse(sessions); err != nil {
		fmt.Fprintln(os.Stderr, "sshbench: "+err.Error())
		os.Exit(2)
	}
	if err := benchmark(o); err != nil {
		fmt.Fprintln(os.Stderr, "sshbench: "+err.Error())
		os.Exit(1)
	}
}

func (o *options) parse(sessions string) error {
	for _, f := range strings.Split(sessions, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || n > 300 {
			return fmt.Errorf("--sessions takes numbers from 1 to 300, comma separated; %q is not one", f)
		}
		o.sessions = append(o.sessions, n)
	}
	if o.runs < 1 || o.runs > 10 || o.repeat < 1 || o.repeat > 1000 || o.rounds < 1 || o.rounds > 100 {
		return errors.New("--runs takes 1 to 10, --repeat 1 to 1000 and --rounds 1 to 100")
	}
	k, err := strconv.Unquote(`"` + o.keys + `"`)
	if err != nil {
		return fmt.Errorf("--keys %q is not a valid Go string (%v)", o.keys, err)
	}
	o.keys = k
	return nil
}

// benchmark runs every step and prints one table line per step.
func benchmark(o options) error {
	if o.align == "" {
		path, cleanup, err := buildAlign()
		if err != nil {
			return err
		}
		defer cleanup()
		o.align = path
	}
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return err
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		return err
	}
	if o.fanout {
		return fanoutBenchmark(o, signer)
	}
	fmt.Printf("align serve --demo, %dx%d, %d × %q per session, medians of %d runs\n\n", o.cols, o.rows, o.repeat, o.keys, o.runs)
	fmt.Printf("%5s %9s %9s %7s %7s %7s %8s %9s %8s %6s %6s\n",
		"N", "frame50", "frame95", "key50", "key95", "key99", "B/key", "RSS/sess", "CPU/key", "missed", "errors")
	for _, n := range o.sessions {
		var runs []figures
		for r := range o.runs {
			f, err := oneRun(o, signer, n)
			if err != nil {
				return fmt.Errorf("N=%d run %d: %w", n, r+1, err)
			}
			runs = append(runs, f)
		}
		m := median(runs)
		fmt.Printf("%5d %7.1fms %7.1fms %5.1fms %5.1fms %5.1fms %8.0f %6.2fMiB %6.2fms %6d %6d\n",
			n, m.frameP50, m.frameP95, m.keyP50, m.keyP95, m.keyP99, m.bytesPerKey, m.rssPerSessionMiB, m.cpuPerKeyMs, m.missed, m.errors)
		fmt.Fprintf(os.Stderr, "SUMMARY n=%d frame_p50_ms=%.1f frame_p95_ms=%.1f key_p50_ms=%.1f key_p95_ms=%.1f key_p99_ms=%.1f bytes_per_key=%.0f rss_per_session_mib=%.2f cpu_key_ms=%.2f missed=%d errors=%d\n",
			n, m.frameP50, m.frameP95, m.keyP50, m.keyP95, m.keyP99, m.bytesPerKey, m.rssPerSessionMiB, m.cpuPerKeyMs, m.missed, m.errors)
	}
	return nil
}

// figures are one run's results.
type figures struct {
	frameP50, frameP95     float64 // ms
	keyP50, keyP95, keyP99 float64 // ms
	bytesPerKey            float64
	rssPerSessionMiB       float64
	cpuPerKeyMs            float64
	missed, errors         int
}

// median takes each figure's median over the runs separately.
func median(runs []figures) figures {
	pick := func(get func(figures) float64) float64 {
		xs := make([]float64, len(runs))
		for i, r := range runs {
			xs[i] = get(r)
		}
		return medianOf(xs)
	}
	return figures{
		frameP50:         pick(func(f figures) float64 { return f.frameP50 }),
		frameP95:         pick(func(f figures) float64 { return f.frameP95 }),
		keyP50:           pick(func(f figures) float64 { return f.keyP50 }),
		keyP95:           pick(func(f figures) float64 { return f.keyP95 }),
		keyP99:           pick(func(f figures) float64 { return f.keyP99 }),
		bytesPerKey:      pick(func(f figures) float64 { return f.bytesPerKey }),
		rssPerSessionMiB: pick(func(f figures) float64 { return f.rssPerSessionMiB }),
		cpuPerKeyMs:      pick(func(f figures) float64 { return f.cpuPerKeyMs }),
		missed:           int(pick(func(f figures) float64 { return float64(f.missed) })),
		errors:           int(pick(func(f figures) float64 { return float64(f.errors) })),
	}
}

// medianOf is the median of xs (the upper one of an even count).
func medianOf(xs []float64) float64 {
	slices.Sort(xs)
	return xs[len(xs)/2]
}

// percentile of sorted-on-demand durations, in ms.
func percentile(xs []time.Duration, p float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	i := int(float64(len(s)-1) * p)
	return float64(s[i]) / 1e6
}
