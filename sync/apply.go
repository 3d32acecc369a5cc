package sync

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"learnwork/store"
)

// The mass-delete guard: an incoming sync that would move more than this
// many live entities, or more than MassDeleteShare of them (and at least
// MassDeleteMin, so a small collection is not nagged), to Trash pauses until
// a person allows it.
const (
	MassDeleteCount = 500
	MassDeleteShare = 0.25
	MassDeleteMin   = 10
)

// ErrMassDelete is the guard pausing a sync; errors.As gives *MassDeleteError.
var ErrMassDelete = errors.New("sync paused: the incoming changes delete many entities")

// MassDeleteError says how many entities a paused sync would delete.
type MassDeleteError struct {
	From   string `json:"from"`   // the device or folder it came from
	Delete int    `json:"delete"` // live entities it would move to Trash
	Live   int    `json:"live"`   // live entities held now
}

func (e *MassDeleteError) Error() string {
	return fmt.Sprintf("sync paused: changes from %s would move %d of %d entities to Trash; review them on that device, or sync again allowing deletes to accept", e.From, e.Delete, e.Live)
}

func (e *MassDeleteError) Is(target error) bool { return target == ErrMassDelete }

// GuardDeletes checks the entities an incoming sync deletes against the
// guard. allow skips the check (a person said yes).
func GuardDeletes(ctx context.Context, log Log, from string, refs []store.Ref, allow bool) error {
	if allow || len(refs) == 0 {
		return nil
	}
	n, live, err := log.LiveAmong(ctx, refs)
	if err != nil {
		return err
	}
	if n > MassDeleteCount || n >= MassDeleteMin && float64(n) > MassDeleteShare*float64(live) {
		return &MassDeleteError{From: from, Delete: n, Live: live}
	}
	return nil
}

// Applier applies remote changes through the log's one write path, in
// large transactions. Changes that arrive before the ones they follow wait
// in memory until those come (late or out-of-order delivery).
type Applier struct {
	log     Log
	waiting map[store.DeviceID]map[uint64][]byte
	// split, once a batch was too big for one transaction, is the size
	// its halves were tried at: later batches are split to it before they
	// are built, not built whole and refused again (a team space's
	// message of 4,096 new items is too big for a store with small
	// memtables, and building it whole cost a third of applying it).
	split int

	// Applied counts the changes applied; Kinds and Refs say what they
	// touched (Refs at most maxRefs).
	Applied int
	Kinds   map[store.Kind]int
	Refs    []store.Ref
}

const maxRefs = 200

// NewApplier applies to log.
func NewApplier(log Log) *Applier {
	return &Applier{log: log, waiting: map[store.DeviceID]map[uint64][]byte{}, Kinds: map[store.Kind]int{}}
}

// Apply applies a batch atomically: every change in it is applied (or set
// waiting), or, if one is damaged, none is; a batch too big for one
// transaction is applied in parts, each atomic. Waiting changes that now
// follow on are applied with it. ack records what the peer holds in the
// same transaction as the last part.
func (a *Applier) Apply(ctx context.Context, raws [][]byte, ack store.Ack) error {
	return a.ApplyDecoded(ctx, raws, nil, ack)
}

// ApplyDecoded is Apply for changes the caller decoded already: decoded[i]
// is store.DecodeChange(raws[i]) (nil decoded: all are decoded here).
func (a *Applier) ApplyDecoded(ctx context.Context, raws [][]byte, decoded []*store.Change, ack store.Ack) error {
	if a.split > 0 && len(raws) > a.split {
		if err := a.ApplyDecoded(ctx, raws[:a.split], head(decoded, a.split), store.Ack{}); err != nil {
			return err
		}
		return a.ApplyDecoded(ctx, raws[a.split:], tail(decoded, a.split), ack)
	}
	all := raws
	if len(a.waiting) > 0 {
		// The waiting ones go after decoded's end: the log decodes them.
		all = slices.Clone(raws)
		for _, d := range sortedDevices(a.waiting) {
			for _, seq := range sortedSeqs(a.waiting[d]) {
				all = append(all, a.waiting[d][seq])
			}
		}
	}
	res, err := a.log.ApplyDecoded(ctx, all, decoded, ack)
	if errors.Is(err, store.ErrTooBig) && len(raws) > 1 {
		h := len(raws) / 2
		a.split = h
		if err := a.ApplyDecoded(ctx, raws[:h], head(decoded, h), store.Ack{}); err != nil {
			return err
		}
		return a.ApplyDecoded(ctx, raws[h:], tail(decoded, h), ack)
	}
	if err != nil {
		return err
	}
	vv := res.Vector
	for d, m := range a.waiting {
		for seq, raw := range m {
			if c, err := store.DecodeChange(raw); err == nil && c.Last() <= vv[d] {
				delete(m, seq)
			}
		}
		if len(m) == 0 {
			delete(a.waiting, d)
		}
	}
	for _, h := range res.Held {
		c := h.Change
		if h.Index < len(raws) && c.Last() > vv[c.Device] {
			if a.waiting[c.Device] == nil {
				a.waiting[c.Device] = map[uint64][]byte{}
			}
			a.waiting[c.Device][c.Seq] = slices.Clone(raws[h.Index])
		}
	}
	for _, c := range res.Changes {
		a.Applied++
		a.Kinds[c.Kind]++
		ref := store.Ref{Kind: c.Kind, ID: c.ID}
		if len(a.Refs) < maxRefs && !slices.Contains(a.Refs, ref) {
			a.Refs = append(a.Refs, ref)
		}
	}
	return nil
}

// head and tail split decoded changes with their raws (none: none).
func head(decoded []*store.Change, n int) []*store.Change {
	if decoded == nil {
		return nil
	}
	return decoded[:n]
}

func tail(decoded []*store.Change, n int) []*store.Change {
	if decoded == nil {
		return nil
	}
	return decoded[n:]
}

// Waiting counts changes held back for earlier ones that have not come.
func (a *Applier) Waiting() int {
	n := 0
	for _, m := range a.waiting {
		n += len(m)
	}
	return n
}

func sortedDevices(m map[store.DeviceID]map[uint64][]byte) []store.DeviceID {
	out := make([]store.DeviceID, 0, len(m))
	for d := range m {
		out = append(out, d)
	}
	slices.Sort(out)
	return out
}

func sortedSeqs(m map[uint64][]byte) []uint64 {
	out := make([]uint64, 0, len(m))
	for s := range m {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}
