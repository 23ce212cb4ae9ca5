package leadcsv

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// FuzzRowLimiter checks the limiter's promises: under its cap it passes the
// file through unchanged unless it repaired a broken record, and whatever it
// cuts or repairs it keeps every line feed, so encoding/csv's line numbers stay
// the file's.
func FuzzRowLimiter(f *testing.F) {
	for _, s := range []string{"a,b\n\"c\nd\",e\n", "\"\"\"x\"\"\",y\r\nz", "a\"b,\"c\"d\n\"open\nmore", ",,\n\n\"\"\n"} {
		f.Add([]byte(s), uint16(3))
	}
	f.Fuzz(func(t *testing.T, data []byte, capacity uint16) {
		// One byte at a time, so every state crosses a Read boundary too.
		lim := newRowLimiter(iotest.OneByteReader(bytes.NewReader(data)), ',', 1<<30)
		whole, err := io.ReadAll(lim)
		if err != nil || len(lim.broken) == 0 && !bytes.Equal(whole, data) {
			t.Fatalf("under the cap the limiter changed the input:\n%q\n%q (%v)", data, whole, err)
		}
		if got, want := bytes.Count(whole, newline), bytes.Count(data, newline); got != want {
			t.Fatalf("%d line feeds after repairs, want %d:\n%q\n%q", got, want, data, whole)
		}
		// Read in one go, the limiter must come to the same bytes.
		if all, _ := io.ReadAll(newRowLimiter(bytes.NewReader(data), ',', 1<<30)); !bytes.Equal(all, whole) {
			t.Fatalf("byte at a time and in one go differ:\n%q\n%q", whole, all)
		}
		cut, err := io.ReadAll(newRowLimiter(bytes.NewReader(data), ',', int64(capacity%64)+1))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := bytes.Count(cut, newline), bytes.Count(data, newline); got != want {
			t.Fatalf("%d line feeds after cutting, want %d:\n%q\n%q", got, want, data, cut)
		}
	})
}

func TestRowLimiterCuts(t *testing.T) {
	tests := []struct {
		name, in, want string
		long           []int
	}{
		{"short rows pass", "a,b\nc,d\n", "a,b\nc,d\n", nil},
		{"long unquoted row", "a,b\nccccccccc,d\ne\n", "a,b\ncccccc\ne\n", []int{2}},
		// The cut record ends at its line feed, quote or not: what follows is read as
		// rows (here a bare quote, which encoding/csv rejects on its own line).
		{"long quoted row is closed", "a\n\"bbbbbbbb\nbb\"\ne\n", "a\n\"bbbbb\"\nbb\"\ne\n", []int{2}},
		{"quote never closed", "a\n\"bbbbbbbbbbbb", "a\n\"bbbbb\"", []int{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newRowLimiter(bytes.NewReader([]byte(tt.in)), ',', 6)
			out, err := io.ReadAll(l)
			if err != nil || string(out) != tt.want {
				t.Errorf("out = %q, %v; want %q", out, err, tt.want)
			}
			for _, line := range tt.long {
				if !l.cut(line) {
					t.Errorf("line %d not reported as cut", line)
				}
			}
		})
	}
}

// TestRowLimiterRepairsInLinearTime: lines that each leave a quote open (x","y) were
// repaired one at a time, each repair reading the rest of the held record again: a
// megabyte took minutes (code review). The lines of a broken record are read again
// once, each open quote closing at its own line's end.
func TestRowLimiterRepairsInLinearTime(t *testing.T) {
	in := "a,b\n" + strings.Repeat("x\",\"y\n", 20_000)
	l := newRowLimiter(strings.NewReader(in), ',', 1<<20)
	out, err := io.ReadAll(l)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := bytes.Count(out, newline), strings.Count(in, "\n"); got != want {
		t.Fatalf("%d line feeds out, want %d", got, want)
	}
	if l.replayed > int64(2*len(in)) {
		t.Errorf("read %d bytes again for a %d-byte file; every byte should be read again at most once", l.replayed, len(in))
	}
}
