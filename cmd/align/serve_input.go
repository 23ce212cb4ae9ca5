package main

import (
	"io"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	uv "github.com/charmbracelet/ultraviolet"
)

// inputEnd is what a session's input says last: an APC sequence no terminal sends,
// which Bubble Tea decodes into an event of its own. When the program's filter sees
// it, every key before it has reached the event loop.
const inputEnd = "\x1b_align-input-end\x1b\\"

// A quit waits for the input to drain while the event loop still takes messages,
// until inputStall passes without one, and never longer than inputDrainMax.
const (
	inputStall = time.Second
	// inputDrainMax stays well under serve's stopGrace, so a session whose input
	// marker is lost still quits and says goodbye before a stop closes connections
	// (at 30 s, TestOpenSSHSIGTERMTellsEverySession sometimes saw no goodbye).
	inputDrainMax = 5 * time.Second
)

// sessionInput is a session's keyboard as Bubble Tea reads it, with an end that align
// decides. Bubble Tea's input reader hands each decoded key to the event loop and
// blocks forever once that loop has ended, so keys still on their way as a workspace
// quits (a key held past q, a connection dropping mid-typing, a server stop) stranded
// that goroutine, and with it the session's whole program. So a quit first ends the
// input: Read returns what is left, then inputEnd, then io.EOF, and the program quits
// when its filter sees inputEnd come through (or after inputStall without a message, inputDrainMax at most).
type sessionInput struct {
	data    chan []byte
	closed  chan struct{}
	stopped sync.Once
	// pending and ended are Bubble Tea's reader goroutine's alone.
	pending []byte
	ended   bool

	quitRequested atomic.Bool
	// lastMsg is when the event loop last handed the filter a message (UnixNano).
	lastMsg   atomic.Int64
	drained   chan struct{}
	drainOnce sync.Once
	timerOnce sync.Once
}

// newSessionInput starts pumping r (the session's channel) into the reader.
func newSessionInput(r io.Reader, goSafe func(string, func())) *sessionInput {
	in := &sessionInput{data: make(chan []byte), closed: make(chan struct{}), drained: make(chan struct{})}
	goSafe("session input", func() { in.pump(r) })
	return in
}

// pump copies r into the reader until r ends or the input is stopped; it ends by
// itself once the session's channel closes.
func (in *sessionInput) pump(r io.Reader) {
	buf := make([]byte, 4096)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			select {
			case in.data <- append([]byte(nil), buf[:n]...):
			case <-in.closed:
				return
			}
		}
		if err != nil {
			in.stop()
			return
		}
	}
}

// stop ends the input: once nothing is pending, Read says inputEnd, then io.EOF.
func (in *sessionInput) stop() { in.stopped.Do(func() { close(in.closed) }) }

func (in *sessionInput) Read(p []byte) (int, error) {
	if len(in.pending) == 0 {
		if in.ended {
			return 0, io.EOF
		}
		select {
		case b := <-in.data:
			in.pending = b
		case <-in.closed:
			in.ended = true
			in.pending = []byte(inputEnd)
		}
	}
	n := copy(p, in.pending)
	in.pending = in.pending[n:]
	return n, nil
}

// markDrained notes that every key has reached the event loop.
func (in *sessionInput) markDrained() { in.drainOnce.Do(func() { close(in.drained) }) }

func (in *sessionInput) isDrained() bool {
	select {
	case <-in.drained:
		return true
	default:
		return false
	}
}

// filter is the program's message filter. A quit is held back until the input has
// drained into the running loop, and the keys that drain after it are dropped; a
// suspend becomes a resume, as wish's own filter
// does, since there is no job control over SSH.
func (in *sessionInput) filter(program func() *tea.Program, goSafe func(string, func())) func(tea.Model, tea.Msg) tea.Msg {
	return func(_ tea.Model, msg tea.Msg) tea.Msg {
		in.lastMsg.Store(time.Now().UnixNano())
		switch msg := msg.(type) {
		case tea.SuspendMsg:
			return tea.ResumeMsg{}
		case uv.UnknownApcEvent:
			if string(msg) != inputEnd {
				return msg
			}
			in.markDrained()
			if in.quitRequested.Load() {
				return tea.QuitMsg{}
			}
			return nil
		case tea.QuitMsg:
			if in.isDrained() {
				return msg
			}
			in.quitRequested.Store(true)
			in.stop()
			in.timerOnce.Do(func() { goSafe("input drain timeout", func() { in.drainTimeout(program) }) })
			return nil
		case tea.KeyMsg, tea.MouseMsg, tea.PasteMsg, tea.PasteStartMsg, tea.PasteEndMsg:
			if in.quitRequested.Load() {
				return nil // draining: keys after a quit go nowhere, and cost no frame
			}
		}
		return msg
	}
}

// drainTimeout quits the program anyway when the input has not drained: when the
// event loop has taken no message for inputStall (inputEnd was lost, say in an
// unterminated paste), or after inputDrainMax. Keys still queued then may strand
// Bubble Tea's reader, as before.
func (in *sessionInput) drainTimeout(program func() *tea.Program) {
	limit := time.NewTimer(inputDrainMax)
	defer limit.Stop()
	check := time.NewTicker(inputStall / 4)
	defer check.Stop()
	for {
		select {
		case <-in.drained:
			return
		case <-limit.C:
		case <-check.C:
			if time.Since(time.Unix(0, in.lastMsg.Load())) < inputStall {
				continue
			}
		}
		in.markDrained()
		program().Quit()
		return
	}
}
