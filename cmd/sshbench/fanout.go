package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sync"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// Fan-out: N workspace sessions sit idle on the MQL inbox while another connection
// runs `lead accept ID` as a remote command, one lead per round. The latency of a
// session is from the command's start to the first output that session receives
// after it: the frame in which the accepted row leaves its inbox. The sessions are
// idle and nothing else changes (rounds stay clear of the minute's turn, when the
// header's clock redraws), so the first output after the command is the change.

// fanFigures are one run's fan-out results.
type fanFigures struct {
	p50, p95, p99, max float64 // ms
	cmdP50             float64 // the command's own run time, ms
	cpuPerSession      float64 // server CPU from the command to the last redraw, per session, ms
	idle               float64 // server CPU while the sessions sit idle, in cores (1 = one core busy)
	missed, errors     int
}

// watcher records when its session's output arrives.
type watcher struct {
	t    *term
	mu   sync.Mutex
	last time.Time // the latest output
	t0   time.Time // the current round's command start; zero when not armed
	got  time.Time // first output after t0
}

func (w *watcher) drain() {
	for c := range w.t.chunks {
		w.mu.Lock()
		w.last = c.at
		if !w.t0.IsZero() && w.got.IsZero() && c.at.After(w.t0) {
			w.got = c.at
		}
		w.mu.Unlock()
	}
}

func (w *watcher) arm(t0 time.Time) {
	w.mu.Lock()
	w.t0, w.got = t0, time.Time{}
	w.mu.Unlock()
}

func (w *watcher) result() (time.Time, time.Time) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.got, w.last
}

// fanoutBenchmark runs the fan-out steps and prints one line per step.
func fanoutBenchmark(o options, signer gossh.Signer) error {
	fmt.Printf("align serve --demo, %dx%d, fan-out of `lead accept` to idle sessions on the MQL inbox, %d rounds per run, medians of %d runs\n\n", o.cols, o.rows, o.rounds, o.runs)
	fmt.Printf("%5s %8s %8s %8s %8s %8s %9s %6s %7s %6s\n", "N", "p50", "p95", "p99", "max", "cmd50", "cpu/sess", "idle", "missed", "errors")
	for _, n := range o.sessions {
		var runs []fanFigures
		for r := range o.runs {
			f, err := fanoutRun(o, signer, n)
			if err != nil {
				return fmt.Errorf("fan-out N=%d run %d: %w", n, r+1, err)
			}
			runs = append(runs, f)
		}
		m := medianFan(runs)
		fmt.Printf("%5d %6.1fms %6.1fms %6.1fms %6.1fms %6.1fms %7.2fms %6.3f %7d %6d\n", n, m.p50, m.p95, m.p99, m.max, m.cmdP50, m.cpuPerSession, m.idle, m.missed, m.errors)
		fmt.Fprintf(os.Stderr, "FANOUT n=%d p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f max_ms=%.1f cmd_p50_ms=%.1f cpu_per_session_ms=%.2f idle_cores=%.3f missed=%d errors=%d\n",
			n, m.p50, m.p95, m.p99, m.max, m.cmdP50, m.cpuPerSession, m.idle, m.missed, m.errors)
	}
	return nil
}

// fanoutRun measures one fresh server with n idle sessions.
func fanoutRun(o options, signer gossh.Signer, n int) (fanFigures, error) {
	var f fanFigures
	srv, err := startAlign(o.align, signer)
	if err != nil {
		return f, err
	}
	defer srv.stop()
	cmdClient, err := gossh.Dial("tcp", srv.addr, &gossh.ClientConfig{
		User: "sshbench", Auth: []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second,
	})
	if err != nil {
		return f, fmt.Errorf("command connection: %w", err)
	}
	defer cmdClient.Close()
	ids, err := mqlLeads(cmdClient, o.rounds)
	if err != nil {
		return f, err
	}

	watchers := make([]*watcher, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t, _, err := openTerm(o, signer, srv.addr)
			if err != nil {
				return
			}
			watchers[i] = &watcher{t: t}
			go watchers[i].drain()
		}()
	}
	wg.Wait()
	defer func() {
		for _, w := range watchers {
			if w != nil {
				w.t.close()
			}
		}
	}()
	var live []*watcher
	for _, w := range watchers {
		if w == nil {
			f.errors++
			continue
		}
		live = append(live, w)
	}
	if len(live) == 0 {
		return f, fmt.Errorf("no session had its first frame")
	}

	// Idle: once the first frames are out and the server's release of memory after the
	// sessions started (cmd/align/serve_memory.go) is behind it.
	waitQuiet(live, 300*time.Millisecond, o.timeout)
	time.Sleep(3 * time.Second)
	avoidMinuteTurn(2500 * time.Millisecond)
	if f.idle, err = idleCores(srv.cmd.Process.Pid, 2*time.Second); err != nil {
		return f, err
	}
	var lats, cmds []time.Duration
	var cpuNs int64
	for _, id := range ids {
		if !waitQuiet(live, 300*time.Millisecond, o.timeout) {
			return f, fmt.Errorf("the sessions never fell quiet before a round")
		}
		avoidMinuteTurn(3 * time.Second)
		before, err := sample(srv.cmd.Process.Pid)
		if err != nil {
			return f, err
		}
		t0 := time.Now()
		for _, w := range live {
			w.arm(t0)
		}
		out, err := runRemote(cmdClient, fmt.Sprintf("lead accept %d", id))
		if err != nil {
			return f, fmt.Errorf("lead accept %d: %v: %s", id, err, out)
		}
		cmds = append(cmds, time.Since(t0))
		deadline := time.Now().Add(o.keyTimeout)
		for _, w := range live {
			for {
				got, _ := w.result()
				if !got.IsZero() {
					lats = append(lats, got.Sub(t0))
					break
				}
				if time.Now().After(deadline) {
					f.missed++
					break
				}
				time.Sleep(2 * time.Millisecond)
			}
		}
		after, err := sample(srv.cmd.Process.Pid)
		if err != nil {
			return f, err
		}
		cpuNs += after.cpuNs - before.cpuNs
	}
	f.cpuPerSession = float64(cpuNs) / 1e6 / float64(len(ids)*len(live))
	f.p50, f.p95, f.p99 = percentile(lats, 0.50), percentile(lats, 0.95), percentile(lats, 0.99)
	f.max, f.cmdP50 = percentile(lats, 1), percentile(cmds, 0.50)
	return f, nil
}

// idleCores is the server's CPU over d, in cores, while nothing happens.
func idleCores(pid int, d time.Duration) (float64, error) {
	before, err := sample(pid)
	if err != nil {
		return 0, err
	}
	time.Sleep(d)
	after, err := sample(pid)
	if err != nil {
		return 0, err
	}
	return float64(after.cpuNs-before.cpuNs) / float64(d.Nanoseconds()), nil
}

// avoidMinuteTurn waits, when the minute turns within d, until just after it has: the
// header's clock and the SLA column redraw every session then, which would pass for
// the change in a round and for work in the idle reading.
func avoidMinuteTurn(d time.Duration) {
	now := time.Now()
	next := now.Truncate(time.Minute).Add(time.Minute)
	if now.Add(d).After(next) {
		time.Sleep(next.Add(200 * time.Millisecond).Sub(now))
	}
}

// waitQuiet waits until no session has had output for d.
func waitQuiet(ws []*watcher, d, limit time.Duration) bool {
	end := time.Now().Add(limit)
	for time.Now().Before(end) {
		latest := time.Time{}
		for _, w := range ws {
			if _, last := w.result(); last.After(latest) {
				latest = last
			}
		}
		if time.Since(latest) >= d {
			return true
		}
		time.Sleep(20 * time.Millisecond)
	}
	return false
}

// mqlLeads asks the server for the first n leads of the MQL inbox.
func mqlLeads(c *gossh.Client, n int) ([]uint64, error) {
	out, err := runRemote(c, "lead list --queue mql --format json")
	if err != nil {
		return nil, fmt.Errorf("lead list: %v: %s", err, out)
	}
	var leads []struct {
		ID uint64 `json:"id"`
	}
	if err := json.Unmarshal(out, &leads); err != nil {
		return nil, fmt.Errorf("reading lead list's JSON: %w", err)
	}
	if len(leads) < n {
		return nil, fmt.Errorf("the MQL inbox holds %d leads; %d rounds need as many", len(leads), n)
	}
	ids := make([]uint64, n)
	for i := range ids {
		ids[i] = leads[i].ID
	}
	return ids, nil
}

// runRemote runs one remote command on its own channel and returns its output.
func runRemote(c *gossh.Client, cmd string) ([]byte, error) {
	s, err := c.NewSession()
	if err != nil {
		return nil, err
	}
	defer s.Close()
	return s.CombinedOutput(cmd)
}

// medianFan takes each figure's median over the runs separately.
func medianFan(runs []fanFigures) fanFigures {
	pick := func(get func(fanFigures) float64) float64 {
		xs := make([]float64, len(runs))
		for i, r := range runs {
			xs[i] = get(r)
		}
		return medianOf(xs)
	}
	return fanFigures{
		p50:           pick(func(f fanFigures) float64 { return f.p50 }),
		p95:           pick(func(f fanFigures) float64 { return f.p95 }),
		p99:           pick(func(f fanFigures) float64 { return f.p99 }),
		max:           pick(func(f fanFigures) float64 { return f.max }),
		cmdP50:        pick(func(f fanFigures) float64 { return f.cmdP50 }),
		cpuPerSession: pick(func(f fanFigures) float64 { return f.cpuPerSession }),
		idle:          pick(func(f fanFigures) float64 { return f.idle }),
		missed:        int(pick(func(f fanFigures) float64 { return float64(f.missed) })),
		errors:        int(pick(func(f fanFigures) float64 { return float64(f.errors) })),
	}
}
