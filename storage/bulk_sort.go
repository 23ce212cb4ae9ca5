package storage

import (
	"bufio"
	"bytes"
	"cmp"
	"container/heap"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
)

// bulkSorter sorts the keys a bulk load writes besides the lead records (bulk.go).
// They arrive in lead order, not key order (an email index entry for every lead,
// anywhere in e/), and Badger's StreamWriter takes keys sorted. The sorter keeps up
// to bulkRunBytes of entries in memory; a full run is sorted and written to a
// temporary file in the data directory, unlinked at once so that nothing is left
// behind whatever happens, and the runs are merged at the end. Its memory is thus a
// fixed arena, whatever the file's size.
//
// An entry, in the arena and in a run file: user meta (1 byte), key length (2),
// value length (4), key, value.
type bulkSorter struct {
	dir   string
	limit int
	arena []byte
	idx   []sortEntry
	tmp   []sortEntry // the radix sort's scratch space
	runs  []sortedFile
	// size is the bytes of entries of each key prefix, which the merge balances.
	size map[byte]int64
}

// sortedFile is a run written to disk: its entries of each key prefix follow each
// other, from at[prefix].
type sortedFile struct {
	f  *os.File
	at map[byte]segment
}

type segment struct{ off, n int64 }

// sortEntry is an entry of the arena: the first 8 bytes of its key, which decide
// most comparisons, and where it starts.
type sortEntry struct {
	head uint64
	off  uint32
}

const (
	bulkRunBytes   = 16 << 20
	sortHeaderSize = 7
)

func newBulkSorter(dir string, limit int) *bulkSorter {
	return &bulkSorter{dir: dir, limit: limit, arena: make([]byte, 0, limit+64<<10), size: map[byte]int64{}}
}

// add copies one entry in.
func (s *bulkSorter) add(key, value []byte, meta byte) error {
	if len(key) > 0xffff {
		return fmt.Errorf("a key of %d bytes is too long for an import", len(key))
	}
	if len(s.arena)+sortHeaderSize+len(key)+len(value) > s.limit && len(s.idx) > 0 {
		if err := s.spill(); err != nil {
			return err
		}
	}
	s.idx = append(s.idx, sortEntry{head: keyHead(key), off: uint32(len(s.arena))})
	s.arena = appendSortEntry(s.arena, key, value, meta)
	s.size[key[0]] += int64(sortHeaderSize + len(key) + len(value))
	return nil
}

func appendSortEntry(b, key, value []byte, meta byte) []byte {
	b = append(b, meta)
	b = binary.BigEndian.AppendUint16(b, uint16(len(key)))
	b = binary.BigEndian.AppendUint32(b, uint32(len(value)))
	b = append(b, key...)
	return append(b, value...)
}

// keyHead is the key's first 8 bytes as a number, zero-padded: comparing heads
// orders keys as bytes.Compare does, up to their eighth byte.
func keyHead(key []byte) uint64 {
	var b [8]byte
	copy(b[:], key)
	return binary.BigEndian.Uint64(b[:])
}

// entryAt decodes the entry of the arena at off.
func (s *bulkSorter) entryAt(off uint32) (key, value []byte, meta byte) {
	b := s.arena[off:]
	kl, vl := int(binary.BigEndian.Uint16(b[1:])), int(binary.BigEndian.Uint32(b[3:]))
	return b[sortHeaderSize : sortHeaderSize+kl], b[sortHeaderSize+kl : sortHeaderSize+kl+vl], b[0]
}

// sort orders the arena's entries by key: a radix sort on the first 8 bytes, then
// each run of entries whose first 8 bytes agree (an inbox's keys share their
// deadline) by the rest, which pdqsort does in one pass when they came in order. It
// took a third of the time of a comparison sort of the whole arena.
func (s *bulkSorter) sort() {
	s.tmp = radixSortHeads(s.idx, s.tmp)
	for lo := 0; lo < len(s.idx); {
		hi := lo + 1
		for hi < len(s.idx) && s.idx[hi].head == s.idx[lo].head {
			hi++
		}
		if hi-lo > 1 {
			slices.SortFunc(s.idx[lo:hi], func(a, b sortEntry) int {
				ka, _, _ := s.entryAt(a.off)
				kb, _, _ := s.entryAt(b.off)
				return bytes.Compare(ka, kb)
			})
		}
		lo = hi
	}
}

// radixSortHeads sorts a by head, a byte at a time from the last, skipping the bytes
// that every head shares; tmp is scratch space of a's length, returned for reuse.
func radixSortHeads(a, tmp []sortEntry) []sortEntry {
	if len(a) < 2 {
		return tmp
	}
	if cap(tmp) < len(a) {
		tmp = make([]sortEntry, len(a))
	}
	tmp = tmp[:len(a)]
	var counts [8][256]int
	for _, e := range a {
		for d := range 8 {
			counts[d][byte(e.head>>(8*d))]++
		}
	}
	src, dst := a, tmp
	for d := range 8 {
		c := &counts[d]
		if c[byte(a[0].head>>(8*d))] == len(a) {
			continue // every head has the same byte here
		}
		pos := 0
		for i, n := range c {
			c[i] = pos
			pos += n
		}
		for _, e := range src {
			b := byte(e.head >> (8 * d))
			dst[c[b]] = e
			c[b]++
		}
		src, dst = dst, src
	}
	if &src[0] != &a[0] {
		copy(a, src)
	}
	return tmp
}

// spill sorts the arena and writes it as a run to an unlinked temporary file.
func (s *bulkSorter) spill() error {
	s.sort()
	f, err := os.CreateTemp(s.dir, "align-import-sort-*")
	if err != nil {
		return fmt.Errorf("align could not write a temporary file in its data directory to sort the import: %w", err)
	}
	_ = os.Remove(f.Name()) // the open file stays readable; nothing is left after a crash
	w := bufio.NewWriterSize(f, 1<<20)
	run := sortedFile{f: f, at: map[byte]segment{}}
	var off int64
	for _, e := range s.idx {
		k, v, m := s.entryAt(e.off)
		var h [sortHeaderSize]byte
		h[0] = m
		binary.BigEndian.PutUint16(h[1:], uint16(len(k)))
		binary.BigEndian.PutUint32(h[3:], uint32(len(v)))
		_, _ = w.Write(h[:])
		_, _ = w.Write(k)
		if _, err = w.Write(v); err != nil {
			break
		}
		seg, ok := run.at[k[0]]
		if !ok {
			seg.off = off
		}
		n := int64(sortHeaderSize + len(k) + len(v))
		seg.n += n
		off += n
		run.at[k[0]] = seg
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		f.Close()
		return fmt.Errorf("align could not write the import's sort file: %w", err)
	}
	s.runs = append(s.runs, run)
	s.arena, s.idx = s.arena[:0], s.idx[:0]
	return nil
}

// merge sorts what is left in the arena and hands every entry, in key order within
// each key prefix, to a streamOut of its worker's: the prefixes are split between
// two workers by size, so the merge at the end of a load uses both cores. It then
// closes the runs. Equal keys are an error: every key of a bulk load is written once.
func (s *bulkSorter) merge(newOut func() *streamOut) error {
	defer s.close()
	s.sort()
	groups := s.split(2)
	return parallel(len(groups), 1, func(i int) error {
		out := newOut()
		for _, p := range groups[i] {
			if err := s.mergePrefix(p, out.add); err != nil {
				_ = out.close()
				return err
			}
		}
		return out.close()
	})
}

// split deals the key prefixes out to n groups of about the same size, each in key
// order.
func (s *bulkSorter) split(n int) [][]byte {
	var prefixes []byte
	for p := range s.size {
		prefixes = append(prefixes, p)
	}
	slices.SortFunc(prefixes, func(a, b byte) int { return cmp.Compare(s.size[b], s.size[a]) })
	groups := make([][]byte, n)
	sizes := make([]int64, n)
	for _, p := range prefixes {
		i := slices.Index(sizes, slices.Min(sizes))
		groups[i] = append(groups[i], p)
		sizes[i] += s.size[p]
	}
	for _, g := range groups {
		slices.Sort(g)
	}
	return groups
}

// mergePrefix calls fn with the entries of one key prefix in key order.
func (s *bulkSorter) mergePrefix(p byte, fn func(key, value []byte, meta byte) error) error {
	h := &mergeHeap{}
	for _, run := range s.runs {
		if seg, ok := run.at[p]; ok {
			r := &fileRun{r: bufio.NewReaderSize(io.NewSectionReader(run.f, seg.off, seg.n), 256<<10)}
			if err := h.push(r); err != nil {
				return err
			}
		}
	}
	lo, _ := slices.BinarySearchFunc(s.idx, p, func(e sortEntry, p byte) int { return cmp.Compare(byte(e.head>>56), p) })
	hi, _ := slices.BinarySearchFunc(s.idx, p+1, func(e sortEntry, p byte) int { return cmp.Compare(byte(e.head>>56), p) })
	if err := h.push(&memRun{s: s, i: lo, end: hi}); err != nil {
		return err
	}
	var last []byte
	for h.Len() > 0 {
		r := h.runs[0]
		k, v, m := r.cur()
		if last != nil && bytes.Equal(k, last) {
			return fmt.Errorf("the import wrote the key %q twice; this is a bug, please report it", k)
		}
		if err := fn(k, v, m); err != nil {
			return err
		}
		last = append(last[:0], k...)
		ok, err := r.next()
		if err != nil {
			return err
		}
		if ok {
			heap.Fix(h, 0)
		} else {
			heap.Pop(h)
		}
	}
	return nil
}

// close drops the runs and the arena.
func (s *bulkSorter) close() {
	for _, r := range s.runs {
		r.f.Close()
		_ = os.Remove(r.f.Name()) // gone already where an open file can be unlinked
	}
	s.runs, s.arena, s.idx, s.tmp = nil, nil, nil, nil
}

// sortRun is a sorted run being merged: cur is its current entry until next
// reports false.
type sortRun interface {
	cur() (key, value []byte, meta byte)
	next() (bool, error)
}

// memRun is the arena's entries i..end-1.
type memRun struct {
	s      *bulkSorter
	i, end int
}

func (r *memRun) cur() ([]byte, []byte, byte) { return r.s.entryAt(r.s.idx[r.i].off) }
func (r *memRun) next() (bool, error) {
	r.i++
	return r.i < r.end, nil
}

type fileRun struct {
	r    *bufio.Reader
	buf  []byte
	k, v []byte
	m    byte
}

func (r *fileRun) cur() ([]byte, []byte, byte) { return r.k, r.v, r.m }
func (r *fileRun) next() (bool, error) {
	var h [sortHeaderSize]byte
	if _, err := io.ReadFull(r.r, h[:]); err != nil {
		if errors.Is(err, io.EOF) {
			return false, nil
		}
		return false, fmt.Errorf("reading the import's sort file: %w", err)
	}
	kl, vl := int(binary.BigEndian.Uint16(h[1:])), int(binary.BigEndian.Uint32(h[3:]))
	r.buf = slices.Grow(r.buf[:0], kl+vl)[:kl+vl]
	if _, err := io.ReadFull(r.r, r.buf); err != nil {
		return false, fmt.Errorf("reading the import's sort file: %w", err)
	}
	r.m, r.k, r.v = h[0], r.buf[:kl], r.buf[kl:]
	return true, nil
}

// mergeHeap holds the runs that have entries left, smallest current key first.
type mergeHeap struct{ runs []sortRun }

// push adds a run at its first entry, unless it has none.
func (h *mergeHeap) push(r sortRun) error {
	if m, ok := r.(*memRun); ok {
		if m.i >= m.end {
			return nil
		}
	} else if ok, err := r.next(); err != nil || !ok {
		return err
	}
	heap.Push(h, r)
	return nil
}

func (h *mergeHeap) Len() int { return len(h.runs) }
func (h *mergeHeap) Less(i, j int) bool {
	ki, _, _ := h.runs[i].cur()
	kj, _, _ := h.runs[j].cur()
	return bytes.Compare(ki, kj) < 0
}
func (h *mergeHeap) Swap(i, j int) { h.runs[i], h.runs[j] = h.runs[j], h.runs[i] }
func (h *mergeHeap) Push(x any)    { h.runs = append(h.runs, x.(sortRun)) }
func (h *mergeHeap) Pop() any {
	r := h.runs[len(h.runs)-1]
	h.runs = h.runs[:len(h.runs)-1]
	return r
}
