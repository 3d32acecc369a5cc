package sync

import (
	"context"
	"errors"
	"fmt"
	"net"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"learnwork/store"
)

var bg = context.Background()

func memStore(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open("", store.WithBadger(func(o badger.Options) badger.Options {
		return o.WithMemTableSize(8 << 20).WithValueThreshold(64 << 10).WithBlockCacheSize(1 << 20).WithIndexCacheSize(1 << 20)
	}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func addPerson(t testing.TB, s *store.Store, name string) string {
	t.Helper()
	var id string
	err := s.Update(bg, func(tx *store.Tx) error {
		var err error
		id, err = tx.Put(&store.Person{Meta: store.Meta{Kind: store.KindPerson}, Name: name})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func setField(t testing.TB, s *store.Store, id, field, value string) {
	t.Helper()
	if err := s.Update(bg, func(tx *store.Tx) error { return tx.Set(store.KindPerson, id, field, value) }); err != nil {
		t.Fatal(err)
	}
}

// exchange runs both sides over an in-memory pipe and returns a's result
// and the bytes a sent.
func exchange(t testing.TB, a, b Log, oa, ob Options) (Result, Result, int64, error, error) {
	t.Helper()
	ca, cb := net.Pipe()
	sa, sb := NewStreamConn(ca), NewStreamConn(cb)
	done := make(chan struct{})
	var rb Result
	var errB error
	go func() {
		defer close(done)
		rb, errB = Exchange(bg, b, sb, ob)
		cb.Close()
	}()
	ra, errA := Exchange(bg, a, sa, oa)
	ca.Close()
	<-done
	return ra, rb, sa.Sent, errA, errB
}

func TestExchangeConvergesBothWays(t *testing.T) {
	a, b := memStore(t), memStore(t)
	ada := addPerson(t, a, "Ada")
	addPerson(t, b, "Grace")
	ra, rb, _, errA, errB := exchange(t, a, b, Options{Peer: "B"}, Options{Peer: "A"})
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	if ra.Received == 0 || rb.Received == 0 || !ra.DigestMatch || !rb.DigestMatch {
		t.Fatalf("a=%+v b=%+v", ra, rb)
	}
	// Concurrent edits of one field become a conflict on both sides.
	setField(t, a, ada, "title", "Countess")
	setField(t, b, ada, "title", "Analyst")
	if _, _, _, errA, errB = exchange(t, a, b, Options{Peer: "B"}, Options{Peer: "A"}); errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	for _, s := range []*store.Store{a, b} {
		var refs []store.Ref
		s.View(bg, func(r *store.Reader) error { refs, _ = r.Conflicted(); return nil })
		if len(refs) != 1 || refs[0].ID != ada {
			t.Errorf("conflicts %v, want Ada's title", refs)
		}
	}
	if !a.PeerVector("B").Covers(b.Vector()) {
		t.Error("peer vector not acknowledged")
	}
}

func TestExchangeNothingNewIsSmall(t *testing.T) {
	a, b := memStore(t), memStore(t)
	for i := range 50 {
		addPerson(t, a, fmt.Sprint("P", i))
	}
	exchange(t, a, b, Options{}, Options{})
	_, _, sent, errA, errB := exchange(t, a, b, Options{}, Options{})
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	if sent > 500 {
		t.Errorf("nothing to send took %d bytes", sent)
	}
}

func TestExchangeMassDeletePauses(t *testing.T) {
	a, b := memStore(t), memStore(t)
	var ids []string
	for i := range 40 {
		ids = append(ids, addPerson(t, a, fmt.Sprint("P", i)))
	}
	exchange(t, a, b, Options{}, Options{})
	err := a.Update(bg, func(tx *store.Tx) error {
		for _, id := range ids[:20] {
			if err := tx.Delete(store.KindPerson, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	before := b.Vector()
	_, _, _, _, errB := exchange(t, a, b, Options{}, Options{})
	var md *MassDeleteError
	if !errors.As(errB, &md) || md.Delete != 20 || md.Live != 40 {
		t.Fatalf("want a pause for 20 of 40, got %v", errB)
	}
	if b.Vector().Compare(before) != store.Equal {
		t.Error("a paused sync applied changes")
	}
	if _, _, _, _, errB = exchange(t, a, b, Options{}, Options{AllowMassDelete: true}); errB != nil {
		t.Fatal(errB)
	}
	var n int
	b.View(bg, func(r *store.Reader) error { n = r.Count(store.KindPerson); return nil })
	if n != 20 {
		t.Errorf("%d people after allowed deletes, want 20", n)
	}
}
