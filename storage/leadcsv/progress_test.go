package leadcsv

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"
)

// fakeClock advances by step on every reading.
type fakeClock struct {
	t    time.Time
	step time.Duration
}

func (c *fakeClock) now() time.Time { c.t = c.t.Add(c.step); return c.t }

func TestProgressPrinterTTY(t *testing.T) {
	var out strings.Builder
	clock := &fakeClock{t: testNow, step: 50 * time.Millisecond}
	p := &printer{w: &out, tty: true, total: 1000, now: clock.now}
	for i := 1; i <= 10; i++ {
		p.print(Progress{Rows: i * 100, Bytes: int64(i * 100)})
	}
	p.print(Progress{Rows: 1000, Bytes: 1000, Done: true})
	s := out.String()
	// Ten updates 50 ms apart are drawn at most every 100 ms, plus the last.
	if n := strings.Count(s, "\r"); n < 5 || n > 7 {
		t.Errorf("%d redraws, want about 6:\n%q", n, s)
	}
	if strings.Count(s, "\n") != 1 || !strings.HasSuffix(s, "\n") {
		t.Errorf("want exactly one newline, at the end: %q", s)
	}
	last := s[strings.LastIndex(s, "\r")+1:]
	for _, want := range []string{"[########################] 100%", "1,000 rows", "rows/s", "done in"} {
		if !strings.Contains(last, want) {
			t.Errorf("last line %q lacks %q", last, want)
		}
	}
}

func TestProgressPrinterLog(t *testing.T) {
	var out strings.Builder
	clock := &fakeClock{t: testNow, step: time.Second}
	p := &printer{w: &out, tty: false, now: clock.now}
	for i := 1; i <= 12; i++ {
		p.print(Progress{Rows: i * 1000, Bytes: int64(i * 1000)})
	}
	p.print(Progress{Rows: 250_000, Bytes: 1})
	p.print(Progress{Rows: 250_001, Bytes: 1, Done: true})
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	// Every 5 s (twice in 12 s), once for 100,000 rows, once at the end.
	if len(lines) != 4 || strings.Contains(out.String(), "\r") {
		t.Fatalf("lines = %q", lines)
	}
	if !strings.HasPrefix(lines[3], "250,001 rows") || strings.Contains(lines[0], "%") {
		t.Errorf("lines = %q, want plain lines without a bar when the size is unknown", lines)
	}
	// With the size known a log gets the percentage, never the terminal's bar, which
	// landed among the `line N:` errors of an import whose stderr went to a file.
	out.Reset()
	p = &printer{w: &out, tty: false, total: 200_000, now: clock.now}
	p.print(Progress{Rows: 200_000, Bytes: 200_000})
	if s := out.String(); strings.Contains(s, "[") || !strings.HasPrefix(s, "100%  200,000 rows") {
		t.Errorf("log line %q, want the percentage without a bar", s)
	}
	// A short import writes no line at all: its only one said what the summary says
	// next, and over ssh, on stderr, it arrived after the summary (new-user review).
	out.Reset()
	p = &printer{w: &out, tty: false, now: clock.now}
	p.print(Progress{Rows: 6, Bytes: 60})
	p.print(Progress{Rows: 6, Bytes: 60, Done: true})
	if out.Len() != 0 {
		t.Errorf("a short import logged %q", out.String())
	}
}

// TestProgressOneRow: one row is "1 row", not "1 rows".
func TestProgressOneRow(t *testing.T) {
	var out strings.Builder
	clock := &fakeClock{t: testNow, step: time.Second}
	p := &printer{w: &out, tty: false, now: clock.now}
	now := clock.now()
	p.start = now
	if got := p.line(Progress{Rows: 1, Bytes: 1, Done: true}, now); !strings.HasPrefix(got, "1 row ") || strings.Contains(got, "1 rows") {
		t.Errorf("progress %q", got)
	}
}

// TestProgressStoppedShowsHowFar: an import stopped with ctrl+c ends its bar where it
// got to and says it stopped; it drew 100 % and "done".
func TestProgressStoppedShowsHowFar(t *testing.T) {
	var out strings.Builder
	clock := &fakeClock{t: testNow, step: time.Second}
	p := &printer{w: &out, tty: true, total: 1000, now: clock.now}
	p.print(Progress{Rows: 300, Bytes: 400})
	p.print(Progress{Rows: 300, Bytes: 400, Done: true, Stopped: true})
	last := out.String()[strings.LastIndex(out.String(), "\r")+1:]
	if !strings.Contains(last, " 40%") || !strings.Contains(last, "stopped after") || strings.Contains(last, "done") {
		t.Errorf("last line %q, want 40 %% and stopped", last)
	}
}

// TestImportStoppedReportsStopped: Import's last progress call says whether the file
// was read to its end.
func TestImportStoppedReportsStopped(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var last Progress
	opt := Options{Now: func() time.Time { return testNow }, Errs: io.Discard, Progress: func(p Progress) { last = p }}
	if _, err := Import(ctx, newFakeStore(), strings.NewReader("name,email\nAnn,ann@example.com\n"), opt); err == nil {
		t.Fatal("a cancelled import returned no error")
	}
	if !last.Done || !last.Stopped {
		t.Errorf("a cancelled import's last progress is %+v, want Done and Stopped", last)
	}
}
