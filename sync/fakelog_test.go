package sync

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"slices"
	stdsync "sync"
	"testing"

	"learnwork/store"
)

// fakeLog is a Log in memory: the exchange's tests need no Badger. State
// is which entities are live; the digest hashes the log itself.
type fakeLog struct {
	mu    stdsync.Mutex
	dev   store.DeviceID
	log   map[store.DeviceID][]*store.Change
	raw   map[store.Dot][]byte
	vv    store.Vector
	peers map[string]store.Vector
	live  map[store.Ref]bool
}

func newFakeLog(dev store.DeviceID) *fakeLog {
	return &fakeLog{dev: dev, log: map[store.DeviceID][]*store.Change{}, raw: map[store.Dot][]byte{}, vv: store.Vector{}, peers: map[string]store.Vector{}, live: map[store.Ref]bool{}}
}

// edit writes a local change: a new entity id, or its deletion.
func (l *fakeLog) edit(t testing.TB, id string, del bool) {
	t.Helper()
	op := store.Op{Field: "name", Code: store.OpSet, Value: id}
	if del {
		op = store.Op{Code: store.OpDelete}
	}
	l.mu.Lock()
	c := &store.Change{Device: l.dev, Seq: l.vv[l.dev] + 1, Kind: store.KindPerson, ID: id, Ops: []store.Op{op}}
	l.mu.Unlock()
	raw, _ := c.Encode()
	if _, err := l.ApplyDecoded(bg, [][]byte{raw}, nil, store.Ack{}); err != nil {
		t.Fatal(err)
	}
}

func (l *fakeLog) Device() store.DeviceID { return l.dev }

func (l *fakeLog) Vector() store.Vector {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.vv.Clone()
}

func (l *fakeLog) ChangesSince(ctx context.Context, have store.Vector, fn func(raw []byte) error) error {
	l.mu.Lock()
	var out [][]byte
	for _, d := range l.vv.Devices() {
		for _, c := range l.log[d] {
			if c.Seq > have[d] {
				out = append(out, l.raw[c.Dot(0)])
			}
		}
	}
	l.mu.Unlock()
	for _, raw := range out {
		if err := fn(raw); err != nil {
			return err
		}
	}
	return nil
}

func (l *fakeLog) Digest(context.Context) ([32]byte, store.Vector, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	h := sha256.New()
	for _, d := range l.vv.Devices() {
		for _, c := range l.log[d] {
			h.Write(binary.AppendUvarint(nil, uint64(len(l.raw[c.Dot(0)]))))
			h.Write(l.raw[c.Dot(0)])
		}
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum, l.vv.Clone(), nil
}

func (l *fakeLog) ApplyDecoded(_ context.Context, raws [][]byte, decoded []*store.Change, ack store.Ack) (store.Applied, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := store.Applied{}
	pending := make([]int, len(raws))
	for i := range pending {
		pending[i] = i
	}
	for progress := true; progress; {
		progress = false
		out.Held = out.Held[:0]
		var next []int
		for _, i := range pending {
			c, err := store.DecodeChange(raws[i])
			if err != nil {
				return store.Applied{}, err // nothing applied: the fake's writes are not undone, so tests send whole batches
			}
			if i < len(decoded) && decoded[i] != nil {
				if d := decoded[i]; d.Device != c.Device || d.Seq != c.Seq {
					return store.Applied{}, fmt.Errorf("change %d: given decoded as %d/%d, its bytes are %d/%d", i, d.Device, d.Seq, c.Device, c.Seq)
				}
				c = decoded[i]
			}
			switch have := l.vv[c.Device]; {
			case c.Last() <= have:
			case c.Seq != have+1:
				out.Held = append(out.Held, store.Held{Index: i, Change: c})
				next = append(next, i)
			default:
				l.log[c.Device] = append(l.log[c.Device], c)
				l.raw[c.Dot(0)] = slices.Clone(raws[i])
				l.vv[c.Device] = c.Last()
				l.live[store.Ref{Kind: c.Kind, ID: c.ID}] = !deletes(c)
				out.Changes = append(out.Changes, c)
				progress = true
			}
		}
		pending = next
	}
	if ack.Peer != "" {
		l.peers[ack.Peer] = ack.Vector.Clone()
	}
	out.Vector = l.vv.Clone()
	return out, nil
}

func (l *fakeLog) PeerVector(peer string) store.Vector {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.peers[peer].Clone()
}

func (l *fakeLog) Acknowledged(peer string, v store.Vector) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.peers[peer] = v.Clone()
	return nil
}

func (l *fakeLog) LiveAmong(_ context.Context, refs []store.Ref) (n, live int, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	seen := map[store.Ref]bool{}
	for _, r := range refs {
		if !seen[r] && l.live[r] {
			n++
		}
		seen[r] = true
	}
	for _, ok := range l.live {
		if ok {
			live++
		}
	}
	return n, live, nil
}

// brokenConn ends after a number of frames written, as a dropped
// connection does.
type brokenConn struct {
	Conn
	left int
}

var errCut = errors.New("connection cut")

func (c *brokenConn) WriteFrame(kind byte, p []byte) error {
	if c.left == 0 {
		closeConn(c.Conn)
		return errCut
	}
	c.left--
	return c.Conn.WriteFrame(kind, p)
}

// An exchange cut after its first batch keeps what that batch brought
// (and the record of what the peer holds with it), and the next exchange
// sends only the rest.
func TestExchangeResumesAfterCut(t *testing.T) {
	a, b := newFakeLog(1), newFakeLog(2)
	for i := range batchChanges + 10 {
		a.edit(t, fmt.Sprint("p", i), false)
	}
	b.edit(t, "q", false)
	ca, cb := pipeConns()
	done := make(chan error, 1)
	go func() { _, err := Exchange(bg, b, cb, Options{Peer: "A"}); closeConn(cb); done <- err }()
	// hello, plan, one batch: then the line drops.
	_, errA := Exchange(bg, a, &brokenConn{Conn: ca, left: 3}, Options{Peer: "B"})
	errB := <-done
	if errA == nil || errB == nil {
		t.Fatalf("a cut exchange ended without error: %v / %v", errA, errB)
	}
	if got := b.Vector()[1]; got != batchChanges {
		t.Fatalf("after the cut B holds %d of A's changes, want the first batch (%d)", got, batchChanges)
	}
	if got := b.PeerVector("A")[1]; got != uint64(batchChanges+10) {
		t.Errorf("B recorded that A holds %d, want %d", got, batchChanges+10)
	}
	ra, rb, _, errA, errB := exchange(t, a, b, Options{Peer: "B"}, Options{Peer: "A"})
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	// B's one change reached A before the cut: nothing of it is sent again.
	if ra.Sent != 10 || rb.Received != 10 || ra.Received != 0 || a.Vector()[2] != 1 || !ra.DigestMatch || !rb.DigestMatch {
		t.Errorf("resumed exchange: a %+v, b %+v", ra, rb)
	}
}

// Changes a peer relays out of order wait until the ones before them come,
// then apply with them.
func TestApplierHoldsOutOfOrder(t *testing.T) {
	src, dst := newFakeLog(1), newFakeLog(2)
	for i := range 5 {
		src.edit(t, fmt.Sprint("p", i), false)
	}
	var raws [][]byte
	src.ChangesSince(bg, store.Vector{}, func(raw []byte) error { raws = append(raws, raw); return nil })
	app := NewApplier(dst)
	if err := app.Apply(bg, raws[3:], store.Ack{}); err != nil {
		t.Fatal(err)
	}
	if app.Applied != 0 || app.Waiting() != 2 {
		t.Fatalf("applied %d, waiting %d: want 0 and 2", app.Applied, app.Waiting())
	}
	if err := app.Apply(bg, raws[:3], store.Ack{Peer: "src", Vector: src.Vector()}); err != nil {
		t.Fatal(err)
	}
	if app.Applied != 5 || app.Waiting() != 0 || dst.Vector()[1] != 5 || dst.PeerVector("src")[1] != 5 {
		t.Errorf("applied %d, waiting %d, holds %v, peer %v", app.Applied, app.Waiting(), dst.Vector(), dst.PeerVector("src"))
	}
}

// The guard counts on the fake's live entities as on a store's.
func TestExchangeMassDeleteGuardOnFake(t *testing.T) {
	a, b := newFakeLog(1), newFakeLog(2)
	for i := range 20 {
		a.edit(t, fmt.Sprint("p", i), false)
	}
	exchange(t, a, b, Options{}, Options{})
	for i := range 10 {
		a.edit(t, fmt.Sprint("p", i), true)
	}
	_, _, _, _, errB := exchange(t, a, b, Options{}, Options{})
	var md *MassDeleteError
	if !errors.As(errB, &md) || md.Delete != 10 || md.Live != 20 {
		t.Fatalf("want a pause for 10 of 20, got %v", errB)
	}
}

func pipeConns() (*StreamConn, *StreamConn) {
	a, b := net.Pipe()
	return NewStreamConn(a), NewStreamConn(b)
}
