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

// rowLimiter stands between the file and encoding/csv. It follows the CSV syntax
// just enough to know where a record ends (a line feed outside quotes), holds each
// record until then, and passes it on, with two repairs:
//
//   - A record longer than max bytes is cut: encoding/csv would hold all of it in
//     memory. Any open quote is closed, the rest of the record is dropped but for
//     its line feeds, and the record is listed by its first line (cut) for the
//     importer to reject.
//   - A record that spans lines and cannot be a row (a quote it opens is followed
//     by text, it has the wrong number of fields, the file ends or the record
//     outgrows max inside the quote) was almost always made by a stray quote that
//     swallowed the lines after it. Only its first line is passed on, with the
//     quote closed, and listed (broken); the lines after it are read again as rows
//     of their own. Without this a stray quote on line 7,000 lost the rows up to
//     wherever a later quote happened to close it, uncounted.
//
// Line feeds always pass, so encoding/csv's line numbers stay the file's.
type rowLimiter struct {
	r     io.Reader
	delim byte
	max   int64
	// width is the header's number of fields, taken from the first record; a
	// header ending in an unnamed column lets rows leave it out (trailingBlank).
	width         int
	trailingBlank bool

	state    int
	line     int   // current line, 1-based
	start    int   // line the current record starts on, 0 between records
	size     int64 // bytes of the current record so far
	fields   int   // fields of the current record so far
	stray    bool  // a closing quote of the current record is followed by text
	spans    bool  // the current record has a line feed inside quotes
	skipping bool
	rec      []byte // what is passed on of the current record, held until it ends
	long     map[int]bool
	broken   map[int]bool
	// replays are bytes to scan before the rest of the input: the lines after the
	// first of a broken record, last pushed first.
	replays []replay
	// lineMode is set while the lines of a broken record are read again: a quote
	// left open at the end of one of them closes there (closeLine) rather than make
	// a record that would be held and repaired again, so every byte is read at most
	// twice. Repairing repairs cost a whole rescan per line: lines such as x","y,
	// each leaving a quote open, took minutes for a megabyte.
	lineMode bool
	replayed int64 // bytes pushed to be read again, for the tests' bound on the work

	buf, out, pending []byte
	err               error
}

func newRowLimiter(r io.Reader, delim rune, max int64) *rowLimiter {
	return &rowLimiter{r: r, delim: byte(delim), max: max, line: 1, long: map[int]bool{}, broken: map[int]bool{},
		buf: make([]byte, 32<<10), out: make([]byte, 0, 32<<10+1)}
}

// Read fills p with the file's bytes as encoding/csv should see them.
func (l *rowLimiter) Read(p []byte) (int, error) {
	for len(l.pending) == 0 {
		if l.err != nil {
			return 0, l.err
		}
		n, err := l.r.Read(l.buf)
		out := l.filter(l.buf[:n], l.out[:0])
		if err != nil {
			l.err = err
			out = l.finish(out)
		}
		// A record held over from the last read can make out outgrow l.out; keep the
		// bigger buffer, which is free again once pending is read.
		l.pending, l.out = out, out[:0]
	}
	n := copy(p, l.pending)
	l.pending = l.pending[n:]
	return n, nil
}

// replay is bytes to scan; lines marks the lines of a broken record (lineMode).
type replay struct {
	b     []byte
	lines bool
}

// finish passes on the record the file ends in: a broken one (a quote never
// closed) is repaired first.
func (l *rowLimiter) finish(out []byte) []byte {
	for l.start != 0 && l.width > 0 && (l.state == stQuoted && !l.skipping && l.multiLine() || l.unfit()) {
		out = l.filter(nil, l.repair(out))
	}
	out = append(out, l.rec...)
	l.rec = l.rec[:0]
	return out
}

// filter appends to out what of in encoding/csv should see, replaying the lines
// of broken records first.
func (l *rowLimiter) filter(in, out []byte) []byte {
	l.replays = append(l.replays, replay{b: in})
	for len(l.replays) > 0 {
		top := len(l.replays) - 1
		next := l.replays[top]
		l.replays = l.replays[:top]
		l.lineMode = next.lines
		var rest []byte
		out, rest = l.scan(next.b, out)
		if len(rest) > 0 {
			// A repair pushed lines to read again; they come before the rest.
			l.replays = append(l.replays[:top], append([]replay{{b: rest, lines: next.lines}}, l.replays[top:]...)...)
		}
	}
	l.lineMode = false
	return out
}

// scan runs the scanner over in until it ends or a broken record is repaired, and
// returns what of in it did not scan yet.
func (l *rowLimiter) scan(in, out []byte) ([]byte, []byte) {
	for i := 0; i < len(in); {
		if k := l.run(in[i:]); k > 0 {
			run := in[i : i+k]
			if l.skipping {
				for range bytes.Count(run, newline) {
					l.rec = append(l.rec, '\n')
				}
			} else {
				l.rec = append(l.rec, run...)
			}
			i += k
			continue
		}
		c := in[i]
		i++
		if l.start == 0 {
			if c == '\n' || c == '\r' {
				out = append(out, c) // between records
				if c == '\n' {
					l.line++
				}
				continue
			}
			l.start, l.size, l.fields, l.stray, l.spans = l.line, 0, 1, false, false
		}
		l.size++
		prev := l.state
		l.step(c)
		if c == '\n' {
			l.line++
			l.spans = l.spans || l.state == stQuoted
			if l.lineMode && l.spans && !l.skipping {
				out = l.closeLine(out)
				continue
			}
		}
		if !l.skipping && l.size > l.max {
			if prev == stQuoted && l.multiLine() && l.width > 0 {
				l.rec = append(l.rec, c)
				return l.repair(out), in[i:]
			}
			l.skipping = true
			l.long[l.start] = true
			if prev == stQuoted {
				l.rec = append(l.rec, '"') // close the open quote so the cut record parses
			}
		}
		if !l.skipping || c == '\n' {
			l.rec = append(l.rec, c)
		}
		// A cut record ends at its next line feed even inside a quote: its quote was
		// closed where it was cut, and what follows is read as rows (without this, a
		// long line with an open quote swallowed the rest of the file, uncounted).
		if c == '\n' && (l.state == stFieldStart || l.skipping) {
			if l.width == 0 {
				l.width = l.fields
				l.trailingBlank = l.width > 1 && bytes.HasSuffix(bytes.TrimRight(l.rec, "\r\n"), []byte{l.delim})
			} else if l.unfit() {
				return l.repair(out), in[i:]
			}
			out = append(out, l.rec...)
			l.endRecord()
		}
	}
	return out, nil
}

// multiLine says whether the current record has gone past its first line.
func (l *rowLimiter) multiLine() bool { return l.spans }

// unfit says whether the current record, ended, spans lines and cannot be a row: a
// quote it closed is followed by text, or it has a number of fields the header
// does not allow.
func (l *rowLimiter) unfit() bool {
	if l.skipping || !l.multiLine() || l.width == 0 {
		return false
	}
	return l.stray || l.fields != l.width && !(l.trailingBlank && l.fields == l.width-1)
}

func (l *rowLimiter) endRecord() {
	l.start, l.size, l.fields, l.stray, l.spans, l.skipping = 0, 0, 0, false, false, false
	l.state = stFieldStart
	l.rec = l.rec[:0]
}

// repair passes on the first line of the broken record with its open quote closed,
// lists it, and pushes the record's other lines to be read again as rows.
func (l *rowLimiter) repair(out []byte) []byte {
	nl := bytes.IndexByte(l.rec, '\n')
	out = l.closed(out, l.rec[:nl])
	again := append([]byte(nil), l.rec[nl+1:]...)
	l.replayed += int64(len(again))
	line := l.start + 1
	l.endRecord()
	l.line = line
	l.replays = append(l.replays, replay{b: again, lines: true})
	return out
}

// closeLine ends the current record, one line whose quote is still open, at the line
// feed just read, with the quote closed, and lists it.
func (l *rowLimiter) closeLine(out []byte) []byte {
	out = l.closed(out, l.rec)
	l.endRecord()
	return out
}

// closed appends line (without its line feed) with a quote closing its open field,
// and a line feed, and lists the record as broken.
func (l *rowLimiter) closed(out, line []byte) []byte {
	cr := bytes.HasSuffix(line, []byte{'\r'})
	out = append(append(out, bytes.TrimSuffix(line, []byte{'\r'})...), '"')
	if cr {
		out = append(out, '\r')
	}
	l.broken[l.start] = true
	return append(out, '\n')
}

var newline = []byte{'\n'}

// run measures the plain bytes at the start of in that cannot end a record,
// open or close a quote, or push the record past its cap, and advances the
// state and counters over them, so that scan can pass them on in bulk: the
// bytes up to the next quote inside a quoted field, or up to the next quote
// or line feed outside one. It returns 0 when the next byte needs a closer look.
func (l *rowLimiter) run(in []byte) int {
	if l.start == 0 {
		return 0
	}
	var k int
	switch {
	case l.skipping:
		// Only line feeds matter: the cut record ends at the next one.
		if k = bytes.IndexByte(in, '\n'); k < 0 {
			k = len(in)
		}
		l.size += int64(k)
		return k
	case l.state == stQuoted:
		if k = bytes.IndexByte(in, '"'); k < 0 {
			k = len(in)
		}
		if l.lineMode {
			if nl := bytes.IndexByte(in[:k], '\n'); nl >= 0 {
				k = nl // closeLine ends the record there
			}
		}
	case l.state == stUnquoted || l.state == stFieldStart:
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
		n := bytes.Count(in[:k], newline)
		l.line += n
		l.spans = l.spans || n > 0
	} else {
		l.fields += bytes.Count(in[:k], []byte{l.delim})
		if in[k-1] == l.delim {
			l.state = stFieldStart
		} else {
			l.state = stUnquoted
		}
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
		case l.delim:
			l.fields++
		case '\n':
		default:
			l.state = stUnquoted
		}
	case stUnquoted:
		if c == l.delim {
			l.fields++
			l.state = stFieldStart
		} else if c == '\n' {
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
		case l.delim:
			l.fields++
			l.state = stFieldStart
		case '\n':
			l.state = stFieldStart
		case '\r':
			l.state = stUnquoted // a CRLF line end
		default:
			l.stray = true
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

// repaired reports, once, whether the record starting on line was a broken
// record's first line, passed on alone.
func (l *rowLimiter) repaired(line int) bool {
	if !l.broken[line] {
		return false
	}
	delete(l.broken, line)
	return true
}
