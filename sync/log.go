package sync

import (
	"context"
	"fmt"

	"learnwork/store"
)

// Log is what the sync engine needs of a device's store: its change log,
// what peers hold of it, and the one write path for what arrives.
// *store.Store implements it; tests of the exchange may use a fake.
type Log interface {
	// Device is the store's dot device.
	Device() store.DeviceID
	// Vector is what the log holds of each device's changes.
	Vector() store.Vector
	// ChangesSince streams the encoded changes have lacks, each device's
	// in order, from one snapshot; raw is valid only during the call.
	ChangesSince(ctx context.Context, have store.Vector, fn func(raw []byte) error) error
	// Digest hashes the state and the vector read with it: equal logs
	// give equal digests.
	Digest(ctx context.Context) ([32]byte, store.Vector, error)
	// ApplyDecoded applies remote changes atomically, recording ack in the
	// same write; decoded[i], if given, is raws[i] decoded
	// (store.Store.ApplyDecoded).
	ApplyDecoded(ctx context.Context, raws [][]byte, decoded []*store.Change, ack store.Ack) (store.Applied, error)
	// PeerVector is what a peer last acknowledged; Acknowledged records it.
	PeerVector(peer string) store.Vector
	Acknowledged(peer string, v store.Vector) error
	// LiveAmong counts the live entities of refs, and all live entities.
	LiveAmong(ctx context.Context, refs []store.Ref) (n, live int, err error)
}

var _ Log = (*store.Store)(nil)

// Plan is what a sender announces before its changes: how many, and the
// entities they delete (for the receiver's mass-delete guard). The
// exchange sends it as a frame, the folder transport at the head of each
// segment's body.
type Plan struct {
	Changes int         `cbor:"1,keyasint"`
	Deletes []store.Ref `cbor:"2,keyasint,omitempty"`
}

// Add counts one decoded change.
func (p *Plan) Add(c *store.Change) {
	p.Changes++
	if deletes(c) {
		p.Deletes = append(p.Deletes, store.Ref{Kind: c.Kind, ID: c.ID})
	}
}

// PlanSince is the plan for the changes have lacks.
func PlanSince(ctx context.Context, log Log, have store.Vector) (Plan, error) {
	var p Plan
	err := log.ChangesSince(ctx, have, func(raw []byte) error {
		c, err := store.DecodeChange(raw)
		if err != nil {
			return fmt.Errorf("own log: %w", err)
		}
		p.Add(c)
		return nil
	})
	return p, err
}

func deletes(c *store.Change) bool {
	for _, op := range c.Ops {
		if op.Code == store.OpDelete {
			return true
		}
	}
	return false
}

// Batcher cuts a stream of encoded changes into compressed batches of about
// batchTarget bytes (or batchChanges changes): the unit both transports
// send and the receiver applies atomically.
type Batcher struct {
	raws [][]byte
	size int
}

// Add takes a change (copied) and returns a full batch when this one
// closes it, else nil.
func (b *Batcher) Add(raw []byte) (batch []byte, changes int) {
	b.raws = append(b.raws, append([]byte(nil), raw...))
	b.size += len(raw)
	if b.size >= batchTarget || len(b.raws) >= batchChanges {
		return b.Flush()
	}
	return nil, 0
}

// Flush returns the batch of what was added since the last one (nil if
// nothing).
func (b *Batcher) Flush() (batch []byte, changes int) {
	if len(b.raws) == 0 {
		return nil, 0
	}
	batch, changes = EncodeBatch(b.raws), len(b.raws)
	b.raws, b.size = b.raws[:0], 0
	return batch, changes
}

// Batches streams the changes have lacks as batches.
func Batches(ctx context.Context, log Log, have store.Vector, fn func(batch []byte, changes int) error) error {
	var b Batcher
	err := log.ChangesSince(ctx, have, func(raw []byte) error {
		if batch, n := b.Add(raw); batch != nil {
			return fn(batch, n)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if batch, n := b.Flush(); batch != nil {
		return fn(batch, n)
	}
	return nil
}
