package leadcsv

import (
	"bytes"
	"io"
	"sync/atomic"
)

// Bounds on what one field and one row may hold. A real lead row is a few
// kilobytes; these stop a broken or hostile file from eating memory.
const (
	// MaxFieldBytes caps one value; a longer one rejects its row.
	MaxFieldBytes = 1 << 20
	// MaxRowBytes caps one row; the rest of a longer row is skipped without
	// being held in memory, and the row is rejected.
	MaxRowBytes = 4 << 20
)

// countingReader counts the bytes read from the file, for progress.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// crReader turns every carriage return into a line feed, for files with the
// CR-only line endings of classic Mac OS. Line numbers are unchanged.
type crReader struct{ r io.Reader }

func (c crReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i, b := range p[:n] {
		if b == '\r' {
			p[i] = '\n'
		}
	}
	return n, err
}

// States of the CSV scanner in rowLimiter.
const (
	stFieldStart = iota // at the start of a field
	stUnquoted          // inside an unquoted field
	stQuoted            // inside a quoted field
	stQuote             // just after a quote inside a quoted field
)

// rowLimiter bounds rows before encoding/csv sees them, since encoding/csv
// holds a whole record in memory however long it is. It follows the CSV
// syntax just enough to know where a record ends (a line feed outside quotes)
// and, when a record passes max bytes, closes any open quote and drops the
// rest of the record, passing on only its line feeds so that encoding/csv's
// line numbers stay the file's. The cut records are listed by the line they
// start on, for the importer to reject.
type rowLimiter struct {
	r     io.Reader
	delim byte
	max   int64

	state    int
	line     int   // current line, 1-based
	start    int   // line the current record starts on, 0 between records
	size     int64 // bytes of the current record so far
	skipping bool
	long     map[int]bool
	// openQuote is the start line of a record still inside quotes at the
	// end of the file, or 0.
	openQuote int

	buf, out, pending []byte
	err               error
}

func newRowLimiter(r io.Reader, delim rune, max int64) *rowLimiter {
	return &rowLimiter{r: r, delim: byte(delim), max: max, line: 1, long: map[int]bool{},
		buf: make([]byte, 32<<10), out: make([]byte, 0, 32<<10+1)}
}

// Read fills p with the file's bytes, minus the dropped parts of long rows.
func (l *rowLimiter) Read(p []byte) (int, error) {
	for len(l.pending) == 0 {
		if l.err != nil {
			return 0, l.err
		}
		n, err := l.r.Read(l.buf)
		l.pending = l.filter(l.buf[:n], l.out[:0])
		if err != nil {
			l.err = err
			if err == io.EOF && l.state == stQuoted && l.start != 0 {
				l.openQuote = l.start
			}
		}
	}
	n := copy(p, l.pending)
	l.pending = l.pending[n:]
	return n, nil
}

// filter appends to out what of in encoding/csv should see.
func (l *rowLimiter) filter(in, out []byte) []byte {
	for i := 0; i < len(in); {
		if k := l.run(in[i:]); k > 0 {
			run := in[i : i+k]
			if l.skipping {
				for range bytes.Count(run, newline) {
					out = append(out, '\n')
				}
			} else {
				out = append(out, run...)
			}
			i += k
			continue
		}
		c := in[i]
		i++
		if l.start == 0 && c != '\n' && c != '\r' {
			l.start, l.size = l.line, 0
		}
		l.size++
		prev := l.state
		l.step(c)
		if c == '\n' {
			l.line++
		}
		if !l.skipping && l.start != 0 && l.size > l.max {
			l.skipping = true
			l.long[l.start] = true
			if prev == stQuoted {
				out = append(out, '"') // close the open quote so the cut record parses
			}
		}
		if !l.skipping || c == '\n' {
			out = append(out, c)
		}
		if c == '\n' && l.state == stFieldStart {
			l.start, l.size, l.skipping = 0, 0, false
		}
	}
	return out
}

var newline = []byte{'\n'}

// run measures the plain bytes at the start of in that cannot end a record,
// open or close a quote, or push the record past its cap, and advances the
// state and counters over them, so that filter can pass them on in bulk: the
// bytes up to the next quote inside a quoted field, or up to the next quote
// or line feed outside one. It returns 0 when the next byte needs a closer look.
func (l *rowLimiter) run(in []byte) int {
	if l.start == 0 {
		return 0
	}
	var k int
	switch l.state {
	case stQuoted:
		if k = bytes.IndexByte(in, '"'); k < 0 {
			k = len(in)
		}
	case stUnquoted, stFieldStart:
		if k = bytes.IndexByte(in, '\n'); k < 0 {
			k = len(in)
		}
		if q := bytes.IndexByte(in[:k], '"'); q >= 0 {
			k = q
		}
	default:
		return 0
	}
	if k == 0 || (!l.skipping && l.size+int64(k) > l.max) {
		return 0
	}
	if l.state == stQuoted {
		l.line += bytes.Count(in[:k], newline)
	} else if in[k-1] == l.delim {
		l.state = stFieldStart
	} else {
		l.state = stUnquoted
	}
	l.size += int64(k)
	return k
}

// step advances the CSV state machine by one byte. A bare quote in an
// unquoted field, which encoding/csv reports as an error for that line, is
// treated as text here so the line still ends the record.
func (l *rowLimiter) step(c byte) {
	switch l.state {
	case stFieldStart:
		switch c {
		case '"':
			l.state = stQuoted
		case l.delim, '\n':
		default:
			l.state = stUnquoted
		}
	case stUnquoted:
		if c == l.delim || c == '\n' {
			l.state = stFieldStart
		}
	case stQuoted:
		if c == '"' {
			l.state = stQuote
		}
	case stQuote:
		switch c {
		case '"':
			l.state = stQuoted
		case l.delim, '\n':
			l.state = stFieldStart
		default:
			l.state = stUnquoted // encoding/csv reports the stray quote
		}
	}
}

// cut reports, once, whether the record starting on line was cut short.
func (l *rowLimiter) cut(line int) bool {
	if !l.long[line] {
		return false
	}
	delete(l.long, line)
	return true
}
