package leadcsv

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"unicode/utf8"
)

// sniffBytes is how much of the file is examined before anything is written.
const sniffBytes = 64 << 10

// ErrEmpty is returned for a file with no bytes at all.
var ErrEmpty = errors.New("the file is empty; a CSV import needs a header row and then one row per lead")

// NotCSVError refuses a file that is not CSV text, before anything is written.
type NotCSVError struct {
	// Reason says what the file looks like instead, as a sentence.
	Reason string
}

func (e *NotCSVError) Error() string { return e.Reason }

// layout is what sniffing learned about a file.
type layout struct {
	delim  rune
	crOnly bool
}

// sniff examines the first block of br without consuming it (except a UTF-8
// BOM, which it discards) and refuses files that are not CSV text.
func sniff(br *bufio.Reader) (layout, error) {
	head, err := textHead(br)
	if err != nil {
		return layout{}, err
	}
	if bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")) {
		if _, err := br.Discard(3); err != nil {
			return layout{}, err
		}
		head = head[3:]
	}
	l := layout{delim: detectDelimiter(head)}
	// A file whose first block has carriage returns but no line feed uses the
	// CR-only line endings of classic Mac OS, which encoding/csv would read as
	// one enormous record.
	l.crOnly = bytes.IndexByte(head, '\r') >= 0 && bytes.IndexByte(head, '\n') < 0
	return l, nil
}

// CheckText reads the start of r and refuses it when it is empty or not CSV text (an
// Excel workbook named .csv, UTF-16, binary), so that a caller can refuse a file
// before it opens or writes anything. Import from the reader it returns, which still
// holds what was read.
func CheckText(r io.Reader) (io.Reader, error) {
	br := bufio.NewReaderSize(r, sniffBytes)
	_, err := textHead(br)
	return br, err
}

// textHead peeks at the first block of br and refuses an empty or binary file.
func textHead(br *bufio.Reader) ([]byte, error) {
	head, err := br.Peek(sniffBytes)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull && len(head) == 0 {
		return nil, err
	}
	// A read that failed after some text (a JSON element that cannot be read, a
	// connection lost) fails again where the text ends, after the rows before it.
	if len(head) == 0 {
		return nil, ErrEmpty
	}
	if err := refuseJSON(head); err != nil {
		return head, err
	}
	return head, refuseBinary(head)
}

// refuseJSON refuses a JSON object, which would otherwise fail on its first line as a
// CSV header that cannot be read. A JSON array of leads is imported (json.go).
func refuseJSON(head []byte) error {
	t := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
	if bytes.HasPrefix(t, []byte("{")) {
		return &NotCSVError{"the file is one JSON object; align imports CSV, or a JSON array of leads as `align export --format json` writes it: save the file as CSV, and import that"}
	}
	return nil
}

// refuseBinary says why head is not the start of a CSV text file, or returns nil.
func refuseBinary(head []byte) error {
	const saveAs = "open it in a spreadsheet and save it as \"CSV UTF-8\", then import that file"
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return &NotCSVError{"the file is a ZIP archive, most likely an Excel workbook (.xlsx) with a .csv name; " + saveAs}
	case bytes.HasPrefix(head, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		return &NotCSVError{"the file is an old Excel workbook (.xls) or another Office document, not CSV text; " + saveAs}
	case bytes.HasPrefix(head, []byte("\x00\x00\xFE\xFF")), bytes.HasPrefix(head, []byte("\xFF\xFE\x00\x00")):
		return &NotCSVError{"the file is UTF-32 text; " + saveAs}
	case bytes.HasPrefix(head, []byte("\xFE\xFF")), bytes.HasPrefix(head, []byte("\xFF\xFE")):
		return &NotCSVError{"the file is UTF-16 text; " + saveAs}
	}
	nuls, bad := 0, 0
	for i := 0; i < len(head); {
		c := head[i]
		if c < utf8.RuneSelf {
			if c == 0 {
				nuls++
			}
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F {
				bad++
			}
			i++
			continue
		}
		if !utf8.FullRune(head[i:]) && len(head) == sniffBytes {
			break // a character cut by the end of the block
		}
		r, size := utf8.DecodeRune(head[i:])
		if r == utf8.RuneError && size == 1 {
			bad++
		}
		i += size
	}
	// One stray NUL or bad byte is a bad row, reported as such; text where
	// every other byte is NUL is UTF-16 without a BOM; many control or
	// invalid bytes mean the file is not text at all.
	switch {
	case nuls >= 4 && nuls*4 > len(head):
		return &NotCSVError{"the file looks like UTF-16 text (every other byte is zero); " + saveAs}
	case bad >= 4 && bad*20 > len(head):
		return &NotCSVError{"the file is not text: its first block is full of control characters or bytes that are not UTF-8; " +
			"check that it is the CSV file you meant, or " + saveAs}
	}
	return nil
}

// detectDelimiter counts commas, semicolons, tabs and pipes outside quotes on the
// first line and picks the most frequent; a comma when there are none.
func detectDelimiter(head []byte) rune {
	counts := map[byte]int{}
	quoted := false
	for _, c := range head {
		if c == '"' {
			quoted = !quoted
			continue
		}
		if quoted {
			continue
		}
		if c == '\n' || c == '\r' {
			break
		}
		if c == ',' || c == ';' || c == '\t' || c == '|' {
			counts[c]++
		}
	}
	best := byte(',')
	for _, c := range []byte{';', '\t', '|'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return rune(best)
}
