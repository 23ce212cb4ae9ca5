package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"align/model"
)

// cancelAfter serves r and cancels the import's context once n bytes have been read,
// as ctrl+c would part way through a big file.
type cancelAfter struct {
	r      io.Reader
	n      int
	cancel context.CancelFunc
}

func (c *cancelAfter) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	if c.n -= k; c.n <= 0 {
		c.cancel()
	}
	return k, err
}

// TestImportInterrupted: an import stopped part way says so, keeps its summary as the
// last line, counts exactly what is in the store, and exits 1; it died at once with
// no word of what went in.
func TestImportInterrupted(t *testing.T) {
	var csv strings.Builder
	csv.WriteString("name,email\n")
	for i := range 60000 {
		fmt.Fprintf(&csv, "Person %d,p%d@example.com\n", i, i)
	}
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut bytes.Buffer
	in := &cancelAfter{r: strings.NewReader(csv.String()), n: csv.Len() / 2, cancel: cancel}
	c := &cli{ctx: ctx, in: in, out: &out, errOut: &errOut, now: time.Now, getenv: func(string) string { return "" }}
	c.actor = model.LocalAdmin("test")
	code := c.execute(c.localRoot(), []string{"import", "--data", dir, "-"})
	c.close()
	if code != 1 || !strings.Contains(errOut.String(), "interrupted") {
		t.Fatalf("exit %d, stderr %q; want 1 and the interruption said", code, errOut.String())
	}
	if strings.Contains(errOut.String(), "before any lead went in") {
		return // the cancel came before the first batch was written: nothing to count
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var imported, updated, rejected int
	if _, err := fmt.Sscanf(lines[len(lines)-1], "%d imported, %d updated, %d rejected", &imported, &updated, &rejected); err != nil {
		t.Fatalf("the last line is not the summary: %q", out.String())
	}
	code, list, _ := runAlign(t, dir, nil, "lead", "list", "--queue", "all")
	if n := strings.Count(list, "\n") - 1; code != 0 || n != imported || imported == 0 || imported >= 60000 {
		t.Errorf("the store holds %d leads, the summary says %d imported of 60000", n, imported)
	}
}
