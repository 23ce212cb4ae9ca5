package leadcsv

import (
	"fmt"
	"io"
	"strings"
	"time"

	"align/model"
)

// How often progress is shown: a terminal is redrawn up to ten times a
// second; a log or a pipe gets a line every 5 s or every 100,000 rows.
const (
	ttyInterval  = 100 * time.Millisecond
	logInterval  = 5 * time.Second
	logRowsEvery = 100_000
	barWidth     = 24
)

// ProgressPrinter returns an Options.Progress callback that shows an import's
// progress on w. On a terminal it redraws one line with "\r": a bar, the
// percentage and the time left when the size (total, or the one Import finds)
// is known, the rows done and the rows per second. Elsewhere it writes the same
// line without the bar now and then, so logs stay readable, and a last one at the
// end only after such lines.
func ProgressPrinter(w io.Writer, isTTY bool, total int64) func(Progress) {
	p := &printer{w: w, tty: isTTY, total: total, now: time.Now}
	return p.print
}

// printer is the state behind ProgressPrinter.
type printer struct {
	w     io.Writer
	tty   bool
	total int64
	now   func() time.Time

	start, last time.Time
	lastRows    int
	width       int  // of the line last drawn, to blank what a shorter one leaves
	logged      bool // a line was written (not on a terminal)
}

func (p *printer) print(pr Progress) {
	t := p.now()
	if p.start.IsZero() {
		p.start, p.last = t, t
		if p.tty {
			p.last = time.Time{}
		}
	}
	if pr.Total == 0 {
		pr.Total = p.total
	}
	if p.tty {
		if !pr.Done && t.Sub(p.last) < ttyInterval {
			return
		}
		p.last = t
		line := p.line(pr, t)
		pad := max(0, p.width-len(line))
		p.width = len(line)
		fmt.Fprintf(p.w, "\r%s%s", line, strings.Repeat(" ", pad))
		if pr.Done {
			fmt.Fprintln(p.w)
		}
		return
	}
	if pr.Done && !p.logged {
		// A short import's only line would say what the summary says next, and over
		// ssh, on its own stream, it could arrive after it.
		return
	}
	if pr.Done || pr.Rows-p.lastRows >= logRowsEvery || t.Sub(p.last) >= logInterval {
		p.last, p.lastRows, p.logged = t, pr.Rows, true
		fmt.Fprintln(p.w, p.line(pr, t))
	}
}

// line describes progress in one line of plain text.
func (p *printer) line(pr Progress, t time.Time) string {
	var b strings.Builder
	elapsed := t.Sub(p.start)
	if pr.Total > 0 {
		frac := min(1, float64(pr.Bytes)/float64(pr.Total))
		if pr.Done && !pr.Stopped {
			frac = 1
		}
		if p.tty {
			filled := int(frac * barWidth)
			fmt.Fprintf(&b, "[%s%s] ", strings.Repeat("#", filled), strings.Repeat(".", barWidth-filled))
		}
		fmt.Fprintf(&b, "%3.0f%%  ", frac*100)
	}
	if pr.Rows == 1 {
		b.WriteString("1 row")
	} else {
		fmt.Fprintf(&b, "%s rows", model.GroupDigits(int64(pr.Rows)))
	}
	if s := elapsed.Seconds(); s >= 0.5 {
		fmt.Fprintf(&b, "  %s rows/s", model.GroupDigits(int64(float64(pr.Rows)/s)))
	}
	switch {
	case pr.Done && pr.Stopped:
		fmt.Fprintf(&b, "  stopped after %s", elapsed.Round(100*time.Millisecond))
	case pr.Done:
		fmt.Fprintf(&b, "  done in %s", elapsed.Round(100*time.Millisecond))
	case pr.Total > 0 && pr.Bytes > 0 && elapsed >= time.Second:
		left := time.Duration(float64(elapsed) * float64(pr.Total-pr.Bytes) / float64(pr.Bytes))
		fmt.Fprintf(&b, "  about %s left", max(0, left).Round(time.Second))
	}
	return b.String()
}
