package store

import (
	"context"
	"errors"
	"testing"
)

// Queued writes read records before the one ahead has landed (from its
// working copies); what they see and write must be what sequential writes
// would: every edit kept, a failed write's edits gone, counts right.
func TestQueuedWritesSeeEachOther(t *testing.T) {
	ctx := context.Background()
	s := open(t, t.TempDir())
	var ada, grace string
	queue := func(fn func(tx *Tx) error) error { return s.UpdateQueued(ctx, "", fn) }
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(queue(func(tx *Tx) (err error) {
		ada, err = tx.Put(&Person{Meta: Meta{Kind: KindPerson}, Name: "Ada Lovelace"})
		return err
	}))
	must(queue(func(tx *Tx) (err error) {
		if err := tx.Set(KindPerson, ada, "org", "Analytical Engines"); err != nil {
			return err
		}
		grace, err = tx.Put(&Person{Meta: Meta{Kind: KindPerson}, Name: "Grace Hopper"})
		return err
	}))
	boom := errors.New("boom")
	if err := queue(func(tx *Tx) error {
		if err := tx.Set(KindPerson, ada, "title", "Countess"); err != nil {
			return err
		}
		return boom
	}); !errors.Is(err, boom) {
		t.Fatalf("failed write: %v", err)
	}
	must(queue(func(tx *Tx) error {
		if err := tx.Set(KindPerson, ada, "title", "Mathematician"); err != nil {
			return err
		}
		return tx.Delete(KindPerson, grace)
	}))
	must(s.Wait())

	must(s.View(ctx, func(r *Reader) error {
		rec, err := r.Record(KindPerson, ada)
		if err != nil {
			return err
		}
		if got := [3]string{rec.Scalar("name"), rec.Scalar("org"), rec.Scalar("title")}; got != [3]string{"Ada Lovelace", "Analytical Engines", "Mathematician"} {
			t.Errorf("Ada after queued writes: %q", got)
		}
		if g, err := r.Record(KindPerson, grace); err != nil || !g.Trashed() {
			t.Errorf("Grace: %v, trashed %v", err, g != nil && g.Trashed())
		}
		if n := r.Count(KindPerson); n != 1 {
			t.Errorf("count %d, want 1", n)
		}
		return nil
	}))
	// Seqs stay gapless: the failed write handed none out.
	n := 0
	must(s.ChangesSince(ctx, Vector{}, func([]byte) error { n++; return nil }))
	if vv := s.Vector(); vv[s.Device()] != uint64(vv.LogSize()) || n != 5 {
		t.Errorf("vector %v, %d changes in the log, want 5", vv, n)
	}
}
