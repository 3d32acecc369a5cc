package store

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"
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

// Close waits for a queued write's listeners, which may still read the
// store (the calendar's reads a setting): closing under them crashed.
func TestCloseWaitsForQueuedListeners(t *testing.T) {
	for range 5 {
		s, err := Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		heard := 0
		s.OnCommit(func(Commit) {
			time.Sleep(10 * time.Millisecond) // a listener slower than Close
			s.Setting("subscription")
			heard++
		})
		err = s.UpdateQueued(context.Background(), "", func(tx *Tx) error {
			_, err := tx.Put(&Person{Meta: Meta{Kind: KindPerson}, Name: "Ada"})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if heard != 1 {
			t.Fatalf("listener heard %d commits before Close returned, want 1", heard)
		}
	}
}

// Wait returns once queued writes' listeners have run, in order: an import
// that returns must find the window's caches already invalidated.
func TestWaitWaitsForListenersInOrder(t *testing.T) {
	s := open(t, t.TempDir())
	var mu sync.Mutex
	var heard []int
	s.OnCommit(func(c Commit) {
		time.Sleep(5 * time.Millisecond)
		s.Vector() // listeners may read, even the vector
		mu.Lock()
		heard = append(heard, c.Changes)
		mu.Unlock()
	})
	queuePeople(t, s, func(int) *Person { return &Person{Meta: Meta{Kind: KindPerson}, Name: "Ada"} }, 1, 2, 3)
	mu.Lock()
	defer mu.Unlock()
	if !slices.Equal(heard, []int{1, 2, 3}) {
		t.Fatalf("listeners heard %v by the time Wait returned, want [1 2 3]", heard)
	}
}

// A queued write reads records of the write ahead, and records it did not
// touch, without making a Badger transaction (which would wait for it).
func TestQueuedWriteReadsRecordsWithoutWaiting(t *testing.T) {
	ctx := context.Background()
	s := open(t, t.TempDir())
	var ada, grace string
	err := s.Update(ctx, func(tx *Tx) (err error) {
		grace, err = tx.Put(&Person{Meta: Meta{Kind: KindPerson}, Name: "Grace Hopper"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.UpdateQueued(ctx, "", func(tx *Tx) (err error) {
		ada, err = tx.Put(&Person{Meta: Meta{Kind: KindPerson}, Name: "Ada Lovelace"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.UpdateQueued(ctx, "", func(tx *Tx) error {
		for id, want := range map[string]string{ada: "Ada Lovelace", grace: "Grace Hopper"} {
			rec, err := tx.Record(KindPerson, id)
			if err != nil || rec.Scalar("name") != want {
				t.Errorf("%s: %v, %q", want, err, rec.Scalar("name"))
			}
		}
		if _, err := tx.Record(KindPerson, NewID()); !errors.Is(err, ErrNotFound) {
			t.Errorf("an unknown ID: %v", err)
		}
		if tx.Reader.txn != nil {
			t.Error("reading records made a Badger transaction: the write waited for the one ahead")
		}
		return tx.Set(KindPerson, ada, "org", "Analytical Engines")
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Wait(); err != nil {
		t.Fatal(err)
	}
	s.View(ctx, func(r *Reader) error {
		if rec, err := r.Record(KindPerson, ada); err != nil || rec.Scalar("org") != "Analytical Engines" {
			t.Errorf("Ada's org after the queued edit: %v", err)
		}
		return nil
	})
}

// queuePeople puts people (person(0), person(1), …) in queued writes of
// the sizes given, waits for them and returns their IDs.
func queuePeople(t *testing.T, s *Store, person func(i int) *Person, sizes ...int) []string {
	t.Helper()
	var ids []string
	for _, n := range sizes {
		err := s.UpdateQueued(context.Background(), "", func(tx *Tx) error {
			for range n {
				id, err := tx.Put(person(len(ids)))
				if err != nil {
					return err
				}
				ids = append(ids, id)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Wait(); err != nil {
		t.Fatal(err)
	}
	return ids
}
