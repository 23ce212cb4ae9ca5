package storage

import (
	"sync/atomic"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/pb"
	"github.com/dgraph-io/ristretto/v2/z"
	"google.golang.org/protobuf/encoding/protowire"
)

// streamOut hands keys in sorted order to Badger's StreamWriter, a megabyte at
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
	// written runs after each hand-over: the store pages the tables out
	// (import_pages_linux.go), which would otherwise stay resident as they are built.
	written func()
}

const (
	streamBytes    = 3 << 20
	streamBufBytes = 1 << 20
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
	appendKV(o.buf, key, value, meta, o.version, o.cur)
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
	kv := pb.KV{StreamId: o.cur, StreamDone: true}
	badger.KVToBuffer(&kv, o.buf)
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

// appendKV appends the pb.KV message Badger's StreamWriter reads (key, value, user
// meta, version, stream ID), encoded by hand: protobuf's generic encoder took about
// 4 % of a million-row import's CPU. TestAppendKV holds it to proto.Marshal.
func appendKV(buf *z.Buffer, key, value []byte, meta byte, version uint64, stream uint32) {
	n := protowire.SizeTag(1) + protowire.SizeBytes(len(key)) + protowire.SizeTag(4) + protowire.SizeVarint(version) +
		protowire.SizeTag(10) + protowire.SizeVarint(uint64(stream))
	if len(value) > 0 {
		n += protowire.SizeTag(2) + protowire.SizeBytes(len(value))
	}
	if meta != 0 {
		n += protowire.SizeTag(3) + protowire.SizeBytes(1)
	}
	b := buf.SliceAllocate(n)[:0]
	b = protowire.AppendTag(b, 1, protowire.BytesType)
	b = protowire.AppendBytes(b, key)
	if len(value) > 0 {
		b = protowire.AppendTag(b, 2, protowire.BytesType)
		b = protowire.AppendBytes(b, value)
	}
	if meta != 0 {
		b = protowire.AppendTag(b, 3, protowire.BytesType)
		b = protowire.AppendBytes(b, []byte{meta})
	}
	b = protowire.AppendTag(b, 4, protowire.VarintType)
	b = protowire.AppendVarint(b, version)
	b = protowire.AppendTag(b, 10, protowire.VarintType)
	_ = protowire.AppendVarint(b, uint64(stream))
}
