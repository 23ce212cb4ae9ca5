package storage

import (
	"sync/atomic"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/pb"
	"github.com/dgraph-io/ristretto/v2/z"
)

// streamOut hands keys in sorted order to Badger's StreamWriter, a few megabytes at
// a time. A stream becomes one or more tables of one level, so tables never overlap
// as long as streams do not: a new stream starts at each key prefix and after about
// streamBytes of table, which also bounds the memory of Badger's table builder (it
// holds a whole table until it is written).
type streamOut struct {
	sw      *badger.StreamWriter
	version uint64
	// ids is the last stream ID used, shared by every streamOut of one load.
	ids       *atomic.Uint32
	threshold int
	buf       *z.Buffer
	cur       uint32
	prefix    byte
	size      int
	kv        pb.KV
	// written runs after each hand-over: the store pages the tables out
	// (import_pages_linux.go), which would otherwise stay resident as they are built.
	written func()
}

const (
	streamBytes    = 3 << 20
	streamBufBytes = 4 << 20
)

func newStreamOut(sw *badger.StreamWriter, version uint64, ids *atomic.Uint32, threshold int64, written func()) *streamOut {
	return &streamOut{sw: sw, version: version, ids: ids, threshold: int(threshold), written: written,
		buf: z.NewBuffer(streamBufBytes+(1<<20), "align.bulk")}
}

// add streams one entry; keys must come in increasing order.
func (o *streamOut) add(key, value []byte, meta byte) error {
	if o.cur == 0 || key[0] != o.prefix || o.size >= streamBytes {
		o.endStream()
		o.cur, o.prefix, o.size = o.ids.Add(1), key[0], 0
	}
	o.kv = pb.KV{Key: key, Value: value, Version: o.version, StreamId: o.cur}
	if meta != 0 {
		o.kv.UserMeta = []byte{meta}
	}
	badger.KVToBuffer(&o.kv, o.buf)
	o.size += len(key) + 24
	if len(value) < o.threshold {
		o.size += len(value)
	}
	if o.buf.LenNoPadding() >= streamBufBytes {
		return o.flush()
	}
	return nil
}

// endStream marks the current stream done, so Badger writes its last table.
func (o *streamOut) endStream() {
	if o.cur == 0 {
		return
	}
	o.kv = pb.KV{StreamId: o.cur, StreamDone: true}
	badger.KVToBuffer(&o.kv, o.buf)
	o.cur = 0
}

// flush hands what is buffered to Badger.
func (o *streamOut) flush() error {
	if o.buf.LenNoPadding() == 0 {
		return nil
	}
	err := o.sw.Write(o.buf)
	o.buf.Reset()
	o.written()
	return err
}

// close ends the current stream, flushes and frees the buffer.
func (o *streamOut) close() error {
	if o.buf == nil {
		return nil
	}
	o.endStream()
	err := o.flush()
	_ = o.buf.Release()
	o.buf = nil
	return err
}
