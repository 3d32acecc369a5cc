package sync

import (
	"context"
	"testing"

	"learnwork/store"
)

// smallLog refuses, as a store with small memtables does, any batch of
// more than max changes, and counts what it refused.
type smallLog struct {
	*fakeLog
	max     int
	refused int
}

func (l *smallLog) ApplyDecoded(ctx context.Context, raws [][]byte, decoded []*store.Change, ack store.Ack) (store.Applied, error) {
	if len(raws) > l.max {
		l.refused++
		return store.Applied{}, store.ErrTooBig
	}
	return l.fakeLog.ApplyDecoded(ctx, raws, decoded, ack)
}

// A batch too big for one transaction is applied in halves, and later
// batches are split to the size that went through before they are built,
// not refused whole again.
func TestApplierSplitsAfterTooBig(t *testing.T) {
	from := newFakeLog(1)
	for i := range 200 {
		from.edit(t, string(rune('a'+i%26))+string(rune('a'+i/26)), false)
	}
	var raws [][]byte
	if err := from.ChangesSince(bg, store.Vector{}, func(raw []byte) error { raws = append(raws, raw); return nil }); err != nil {
		t.Fatal(err)
	}
	// Decoded by the caller (as a team space does): each part gets its
	// own changes' decodings (the fake checks them against the bytes).
	decoded := make([]*store.Change, len(raws))
	for i, raw := range raws {
		var err error
		if decoded[i], err = store.DecodeChange(raw); err != nil {
			t.Fatal(err)
		}
	}
	to := &smallLog{fakeLog: newFakeLog(2), max: 60}
	a := NewApplier(to)
	if err := a.ApplyDecoded(bg, raws[:100], decoded[:100], store.Ack{}); err != nil {
		t.Fatal(err)
	}
	if to.refused != 1 {
		t.Fatalf("the first batch was refused %d times, want once (then applied in halves)", to.refused)
	}
	if err := a.ApplyDecoded(bg, raws[100:], decoded[100:], store.Ack{}); err != nil {
		t.Fatal(err)
	}
	if to.refused != 1 {
		t.Fatalf("a later batch of the same size was refused again (%d refusals in all)", to.refused)
	}
	if got := to.Vector()[1]; got != 200 || a.Applied != 200 {
		t.Fatalf("applied %d changes, holds up to %d; want all 200", a.Applied, got)
	}
}
