package main

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"align/model"
	"align/model/sample"
	"align/storage"
	"align/tui"
)

// BenchmarkLocalStart is `align` starting on a store with a million leads: open the
// store, build the workspace, and draw the first frame of the MQL inbox with its rows.
// The store is built once by importing a generated CSV (minutes); ALIGN_BENCH_START_STORE
// keeps it between runs, ALIGN_BENCH_ROWS changes its size:
//
//	ALIGN_BENCH_START_STORE=/tmp/align-start go test ./cmd/align -run '^$' -bench LocalStart -benchtime 20x -count 3
func BenchmarkLocalStart(b *testing.B) {
	dir := startStore(b)
	for b.Loop() {
		s, err := storage.Open(storage.Options{Dir: dir})
		if err != nil {
			b.Fatal(err)
		}
		out := &frameWatch{done: make(chan struct{})}
		ctx, cancel := context.WithCancel(context.Background())
		sub := s.Subscribe()
		app := tui.New(tui.Deps{Store: s, Feed: sub.C, CloseFeed: sub.Close,
			Me: model.LocalAdmin("bench"), Now: time.Now, Local: true, Context: ctx})
		p := tea.NewProgram(app, tea.WithContext(ctx), tea.WithInput(nil), tea.WithOutput(out),
			tea.WithWindowSize(120, 40), tea.WithoutSignalHandler(), tea.WithEnvironment([]string{"TERM=xterm-256color"}))
		ran := make(chan struct{})
		go func() { defer close(ran); _, _ = p.Run() }()
		select {
		case <-out.done:
		case <-time.After(30 * time.Second):
			b.Fatalf("no inbox frame within 30 s; the screen so far:\n%s", out.text())
		}
		b.StopTimer()
		cancel()
		<-ran
		s.Close()
		b.StartTimer()
	}
}

// frameWatch is the program's output; done closes once a frame shows inbox rows (the
// row cursor) and the help line (the renderer writes the screen's last cell apart, with
// autowrap off, so "? help" arrives as "? hel" and then "p").
type frameWatch struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	once sync.Once
	done chan struct{}
}

func (w *frameWatch) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if bytes.Contains(w.buf.Bytes(), []byte("▸")) && bytes.Contains(w.buf.Bytes(), []byte("? hel")) {
		w.once.Do(func() { close(w.done) })
	}
	return len(p), nil
}

func (w *frameWatch) text() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// startStore returns the directory of a store holding ALIGN_BENCH_ROWS (1,000,000)
// generated leads, importing them on first use.
func startStore(b *testing.B) string {
	b.Helper()
	rows := 1_000_000
	if v, err := strconv.Atoi(os.Getenv("ALIGN_BENCH_ROWS")); err == nil && v > 0 {
		rows = v
	}
	dir := os.Getenv("ALIGN_BENCH_START_STORE")
	if dir == "" {
		dir = b.TempDir()
	}
	if _, err := os.Stat(filepath.Join(dir, "MANIFEST")); err == nil {
		return dir
	}
	file := filepath.Join(b.TempDir(), "leads.csv")
	f, err := os.Create(file)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	if err := sample.WriteCSV(w, rows, 1); err != nil {
		b.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	var stderr bytes.Buffer
	if code := run([]string{"--data", dir, "import", file}, nil, &bytes.Buffer{}, &stderr); code != 0 {
		b.Fatalf("building the store: import exited %d: %s", code, stderr.String())
	}
	return dir
}
