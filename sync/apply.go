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
func GuardDeletes(ctx context.Context, st *store.Store, from string, refs []store.Ref, allow bool) error {
	if allow || len(refs) == 0 {
		return nil
	}
	var n, live int
	err := st.View(ctx, func(r *store.Reader) error {
		seen := map[store.Ref]bool{}
		for _, ref := range refs {
			if !seen[ref] && r.Live(ref.Kind, ref.ID) {
				n++
			}
			seen[ref] = true
		}
		live = r.LiveTotal()
		return nil
	})
	if err != nil {
		return err
	}
	if n > MassDeleteCount || n >= MassDeleteMin && float64(n) > MassDeleteShare*float64(live) {
		return &MassDeleteError{From: from, Delete: n, Live: live}
	}
	return nil
}

// DeletedRefs lists the entities a set of encoded changes deletes.
func DeletedRefs(raws [][]byte) []store.Ref {
	var out []store.Ref
	for _, raw := range raws {
		c, err := store.DecodeChange(raw)
		if err != nil {
			continue
		}
		for _, op := range c.Ops {
			if op.Code == store.OpDelete {
				out = append(out, store.Ref{Kind: c.Kind, ID: c.ID})
				break
			}
		}
	}
	return out
}

// Applier applies remote changes through the store's one write path, in
// large transactions. Changes that arrive before the ones they follow wait
// in memory until those come (late or out-of-order delivery).
type Applier struct {
	st      *store.Store
	waiting map[store.DeviceID]map[uint64][]byte

	// Applied counts the changes applied; Kinds and Refs say what they
	// touched (Refs at most maxRefs).
	Applied int
	Kinds   map[store.Kind]int
	Refs    []store.Ref
}

const maxRefs = 200

// NewApplier applies to st.
func NewApplier(st *store.Store) *Applier {
	return &Applier{st: st, waiting: map[store.DeviceID]map[uint64][]byte{}, Kinds: map[store.Kind]int{}}
}

// Apply applies a batch atomically: every change in it is applied (or set
// waiting), or, if one is damaged, none is. ack, if set, records what the
// peer holds in the same transaction.
func (a *Applier) Apply(ctx context.Context, raws [][]byte, ack func(tx *store.Tx)) error {
	var stash []*store.Change
	var stashRaw [][]byte
	var got []*store.Change
	var vv store.Vector // what the store holds once this commits
	err := a.st.UpdateQueued(ctx, "", func(tx *store.Tx) error {
		stash, stashRaw, got = stash[:0], stashRaw[:0], got[:0]
		for i, raw := range raws {
			c, ok, err := tx.ApplyRemoteChange(raw)
			switch {
			case store.IsGap(err):
				stash, stashRaw = append(stash, c), append(stashRaw, slices.Clone(raw))
			case err != nil:
				return fmt.Errorf("change %d of the batch: %w", i+1, err)
			case ok:
				got = append(got, c)
			}
		}
		// Waiting changes that now follow on.
		for progress := true; progress && len(a.waiting) > 0; {
			progress = false
			for _, d := range sortedDevices(a.waiting) {
				for _, seq := range sortedSeqs(a.waiting[d]) {
					c, ok, err := tx.ApplyRemoteChange(a.waiting[d][seq])
					if store.IsGap(err) {
						break
					}
					if err != nil {
						return err
					}
					if ok {
						got = append(got, c)
						progress = true
					}
				}
			}
		}
		if ack != nil {
			ack(tx)
		}
		vv = tx.Vector()
		return nil
	})
	if errors.Is(err, store.ErrTooBig) && len(raws) > 1 {
		h := len(raws) / 2
		if err := a.Apply(ctx, raws[:h], nil); err != nil {
			return err
		}
		return a.Apply(ctx, raws[h:], ack)
	}
	if err != nil {
		return err
	}
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
	for i, c := range stash {
		if c.Last() > vv[c.Device] {
			if a.waiting[c.Device] == nil {
				a.waiting[c.Device] = map[uint64][]byte{}
			}
			a.waiting[c.Device][c.Seq] = stashRaw[i]
		}
	}
	for _, c := range got {
		a.Applied++
		a.Kinds[c.Kind]++
		ref := store.Ref{Kind: c.Kind, ID: c.ID}
		if len(a.Refs) < maxRefs && !slices.Contains(a.Refs, ref) {
			a.Refs = append(a.Refs, ref)
		}
	}
	return nil
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
