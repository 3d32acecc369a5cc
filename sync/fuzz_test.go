package sync

import (
	"bytes"
	"testing"

	"learnwork/store"
)

// FuzzDecodeBatch: a hostile batch gets an error, never a panic or a huge
// allocation, and what decodes re-encodes to the same changes.
func FuzzDecodeBatch(f *testing.F) {
	c := store.Change{Device: 7, Seq: 1, Kind: store.KindPerson, ID: "p1", Ops: []store.Op{{Field: "name", Code: store.OpSet, Value: "Ada"}}}
	raw, _ := c.Encode()
	f.Add(EncodeBatch([][]byte{raw}))
	f.Add(EncodeBatch([][]byte{raw, raw}))
	f.Add([]byte{0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0})
	f.Add([]byte("not zstd"))
	f.Fuzz(func(t *testing.T, b []byte) {
		raws, err := DecodeBatch(b)
		if err != nil {
			return
		}
		again, err := DecodeBatch(EncodeBatch(raws))
		if err != nil || len(again) != len(raws) {
			t.Fatalf("re-encoded batch: %v", err)
		}
		for i := range raws {
			if !bytes.Equal(raws[i], again[i]) {
				t.Fatal("re-encoded batch differs")
			}
			store.DecodeChange(raws[i]) // must not panic
		}
	})
}

// FuzzReadFrame: the stream framing refuses oversized or cut-short frames.
func FuzzReadFrame(f *testing.F) {
	var buf bytes.Buffer
	c := NewStreamConn(&buf)
	c.WriteFrame(frameHello, encodeFrame(hello{Vector: store.Vector{1: 2}}))
	c.WriteFrame(frameEnd, nil)
	f.Add(buf.Bytes())
	f.Add([]byte{frameChanges, 0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, b []byte) {
		c := NewStreamConn(&rw{r: bytes.NewReader(b)})
		for range 16 {
			kind, p, err := c.ReadFrame()
			if err != nil {
				return
			}
			if len(p) > MaxFrame {
				t.Fatalf("frame of %d bytes accepted", len(p))
			}
			var h hello
			var d digest
			var pl Plan
			switch kind {
			case frameHello:
				decodeFrame(p, &h)
			case frameDigest:
				decodeFrame(p, &d)
			case framePlan:
				decodeFrame(p, &pl)
			case frameChanges:
				DecodeBatch(p)
			}
		}
	})
}

type rw struct {
	r *bytes.Reader
	w bytes.Buffer
}

func (x *rw) Read(p []byte) (int, error)  { return x.r.Read(p) }
func (x *rw) Write(p []byte) (int, error) { return x.w.Write(p) }
