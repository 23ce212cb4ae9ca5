package main

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"sync"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"
)

// sessionResult is what one session measured.
type sessionResult struct {
	err      error
	frame    time.Duration // shell request to complete first frame
	keyLat   []time.Duration
	keyBytes []int
	missed   int
}

// runState is what the sessions of one run share: barriers and stop.
type runState struct {
	o         options
	signer    gossh.Signer
	addr      string
	framed    sync.WaitGroup
	keyed     sync.WaitGroup
	startKeys chan struct{}
	stop      chan struct{}
}

// oneRun measures n sessions against a fresh server.
func oneRun(o options, signer gossh.Signer, n int) (figures, error) {
	srv, err := startAlign(o.align, signer)
	if err != nil {
		return figures{}, err
	}
	defer srv.stop()
	pid := srv.cmd.Process.Pid
	time.Sleep(o.settle) // let the start-up garbage go before the baseline
	before, err := sample(pid)
	if err != nil {
		return figures{}, err
	}
	rs := &runState{o: o, signer: signer, addr: srv.addr, startKeys: make(chan struct{}), stop: make(chan struct{})}
	results := make([]*sessionResult, n)
	var all sync.WaitGroup
	rs.framed.Add(n)
	rs.keyed.Add(n)
	for i := range n {
		results[i] = &sessionResult{}
		all.Add(1)
		go func() {
			defer all.Done()
			rs.session(results[i])
		}()
	}
	stopAll := func() { close(rs.stop); all.Wait() }
	if !waitTimeout(&rs.framed, o.timeout) {
		stopAll()
		return figures{}, fmt.Errorf("not every session had its first frame within %v", o.timeout)
	}
	time.Sleep(o.settle)
	open, err := sample(pid)
	if err != nil {
		stopAll()
		return figures{}, err
	}
	close(rs.startKeys)
	if !waitTimeout(&rs.keyed, o.timeout) {
		stopAll()
		return figures{}, fmt.Errorf("the keys did not finish within %v", o.timeout)
	}
	keyed, err := sample(pid)
	stopAll()
	if err != nil {
		return figures{}, err
	}

	var f figures
	var frames, lats []time.Duration
	bytesTotal, keys, ok := 0, 0, 0
	for _, r := range results {
		if r.err != nil {
			f.errors++
			continue
		}
		ok++
		frames = append(frames, r.frame)
		lats = append(lats, r.keyLat...)
		f.missed += r.missed
		for _, b := range r.keyBytes {
			bytesTotal += b
			keys++
		}
	}
	if ok == 0 {
		return f, fmt.Errorf("no session worked; first error: %v", results[0].err)
	}
	f.frameP50, f.frameP95 = percentile(frames, 0.50), percentile(frames, 0.95)
	f.keyP50, f.keyP95, f.keyP99 = percentile(lats, 0.50), percentile(lats, 0.95), percentile(lats, 0.99)
	if keys > 0 {
		f.bytesPerKey = float64(bytesTotal) / float64(keys)
		f.cpuPerKeyMs = float64(keyed.cpuNs-open.cpuNs) / 1e6 / float64(keys)
	}
	f.rssPerSessionMiB = float64(open.rssKiB-before.rssKiB) / 1024 / float64(ok)
	return f, nil
}

func waitTimeout(wg *sync.WaitGroup, d time.Duration) bool {
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}

// chunk is one read of session output.
type chunk struct {
	at   time.Time
	data []byte
}

// term is one open workspace session: its client, channel and output as chunks.
type term struct {
	client *gossh.Client
	sess   *gossh.Session
	chunks chan chunk
	write  func([]byte) error
}

func (t *term) close() {
	_ = t.sess.Close()
	_ = t.client.Close()
}

// openTerm signs in, asks for a PTY and a shell, and waits for the first frame: the
// expected text seen, then quiet. It returns the time from the shell request to the
// frame.
func openTerm(o options, signer gossh.Signer, addr string) (*term, time.Duration, error) {
	client, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User: "sshbench", Auth: []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), // a fresh server on 127.0.0.1 every run
		Timeout:         10 * time.Second,
	})
	if err != nil {
		return nil, 0, fmt.Errorf("connect: %w", err)
	}
	sess, err := client.NewSession()
	if err != nil {
		_ = client.Close()
		return nil, 0, err
	}
	t := &term{client: client, sess: sess, chunks: make(chan chunk, 1024)}
	if err := sess.RequestPty("xterm-256color", o.rows, o.cols, gossh.TerminalModes{}); err != nil {
		t.close()
		return nil, 0, err
	}
	stdin, _ := sess.StdinPipe()
	stdout, _ := sess.StdoutPipe()
	var wmu sync.Mutex // keys and query replies share stdin
	t.write = func(b []byte) error {
		wmu.Lock()
		defer wmu.Unlock()
		_, err := stdin.Write(b)
		return err
	}
	go readOutput(stdout, t.chunks, t.write)
	start := time.Now()
	if err := sess.Shell(); err != nil {
		t.close()
		return nil, 0, err
	}
	var acc []byte
	var seen time.Time
	hard := time.NewTimer(o.timeout)
	defer hard.Stop()
	quiet := time.NewTimer(o.timeout)
	defer quiet.Stop()
	for {
		select {
		case c, ok := <-t.chunks:
			if !ok {
				t.close()
				return nil, 0, fmt.Errorf("first frame: %w", io.ErrUnexpectedEOF)
			}
			if seen.IsZero() {
				acc = append(acc, c.data...)
				if bytes.Contains([]byte(ansi.Strip(string(acc))), []byte(o.expect)) {
					seen = c.at
				}
			}
			quiet.Reset(o.quiet)
		case <-quiet.C:
			if !seen.IsZero() {
				return t, seen.Sub(start), nil
			}
			quiet.Reset(o.timeout)
		case <-hard.C:
			t.close()
			return nil, 0, fmt.Errorf("first frame: %q never appeared", o.expect)
		}
	}
}

// session opens one workspace, waits for its first frame, then sends the keys.
func (rs *runState) session(res *sessionResult) {
	framed, keyed := sync.OnceFunc(rs.framed.Done), sync.OnceFunc(rs.keyed.Done)
	defer framed()
	defer keyed()
	t, frame, err := openTerm(rs.o, rs.signer, rs.addr)
	if err != nil {
		res.err = err
		return
	}
	defer t.close()
	write, chunks := t.write, t.chunks
	res.frame = frame
	framed()

	// Idle until every session has its frame, draining output.
	for waiting := true; waiting; {
		select {
		case _, ok := <-chunks:
			if !ok {
				res.err = fmt.Errorf("idle: %w", io.ErrUnexpectedEOF)
				return
			}
		case <-rs.startKeys:
			waiting = false
		case <-rs.stop:
			return
		}
	}

	// Keys in a closed loop: the next goes out once this one's answer is quiet and
	// key-delay has passed.
	for range rs.o.repeat {
		sent := time.Now()
		if err := write([]byte(rs.o.keys)); err != nil {
			res.err = err
			return
		}
		var first time.Time
		n := 0
		t := time.NewTimer(rs.o.keyTimeout)
		for answered := false; !answered; {
			select {
			case c, ok := <-chunks:
				if !ok {
					res.err = fmt.Errorf("key: %w", io.ErrUnexpectedEOF)
					return
				}
				if n += len(c.data); first.IsZero() {
					first = c.at
				}
				t.Reset(max(time.Until(c.at.Add(rs.o.quiet)), time.Until(sent.Add(rs.o.keyDelay))))
			case <-t.C:
				answered = true
			}
		}
		res.keyBytes = append(res.keyBytes, n)
		if first.IsZero() {
			res.missed++
		} else {
			res.keyLat = append(res.keyLat, first.Sub(sent))
		}
	}
	keyed()
	for {
		select {
		case _, ok := <-chunks:
			if !ok {
				return
			}
		case <-rs.stop:
			return
		}
	}
}

// readOutput forwards session output as chunks, answering terminal queries on the way.
func readOutput(r io.Reader, out chan<- chunk, write func([]byte) error) {
	defer close(out)
	buf := make([]byte, 32<<10)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			data := append([]byte(nil), buf[:n]...)
			if rep := replies(data); len(rep) > 0 {
				_ = write(rep)
			}
			out <- chunk{at: time.Now(), data: data}
		}
		if err != nil {
			return
		}
	}
}

var decrqm = regexp.MustCompile(`\x1b\[\?(\d+)\$p`)

// replies answers the queries Bubble Tea v2 sends the way a modern terminal does
// (the same answers as sshload), so the server runs as it would for a person.
func replies(b []byte) []byte {
	var out []byte
	for _, m := range decrqm.FindAllSubmatch(b, -1) {
		out = fmt.Appendf(out, "\x1b[?%s;2$y", m[1])
	}
	for _, qa := range [][2]string{
		{"\x1b[?u", "\x1b[?0u"}, {"\x1b[c", "\x1b[?62;22c"}, {"\x1b[6n", "\x1b[1;1R"},
		{"\x1b]11;?", "\x1b]11;rgb:1e1e/1e1e/1e1e\x1b\\"}, {"\x1b]10;?", "\x1b]10;rgb:dddd/dddd/dddd\x1b\\"},
	} {
		if bytes.Contains(b, []byte(qa[0])) {
			out = append(out, qa[1]...)
		}
	}
	return out
}
