package store

import (
	"errors"
	"fmt"
	"testing"

	"github.com/dgraph-io/badger/v4"
)

// shareNew makes n new learnings shared into space, as a team member does.
func shareNew(t testing.TB, s *Store, space string, n int) []string {
	t.Helper()
	var ids []string
	for done := 0; done < n; done += 1000 {
		update(t, s, func(tx *Tx) error {
			for i := range min(1000, n-done) {
				id, err := tx.Put(&Learning{Meta: Meta{Kind: KindLearning}, Date: "2026-12-01",
					What: fmt.Sprintf("learning %d: how retrieval practice beats rereading", done+i), Topics: []string{"Learning science"}})
				if err != nil {
					return err
				}
				ids = append(ids, id)
				if err := tx.Share(KindLearning, id, space); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return ids
}

func decodeAll(t testing.TB, raws [][]byte) []*Change {
	t.Helper()
	cs := make([]*Change, len(raws))
	for i, raw := range raws {
		var err error
		if cs[i], err = DecodeChange(raw); err != nil {
			t.Fatal(err)
		}
	}
	return cs
}

// A batch too big for one transaction is refused before it is built, and
// the estimate agrees with Badger on both sides: 4,096 new learnings are
// too many for a store with 16 MB memtables, 2,048 go through; 10,000
// edits of 1,000 learnings (a team space's messages applied together) go
// through in one.
func TestApplyRefusesTooBigBeforeBuilding(t *testing.T) {
	const space = "s1"
	a := open(t, "")
	ids := shareNew(t, a, space, 4096)
	raws := spaceChanges(t, a, space)
	cs := decodeAll(t, raws)
	b, err := Open(t.TempDir(), WithBadger(func(o badger.Options) badger.Options {
		return o.WithNumMemtables(2).WithMemTableSize(16 << 20)
	}))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()

	if b.fits(raws, cs) {
		t.Fatal("4,096 new learnings fit one transaction by the estimate; Badger refuses them")
	}
	if _, err := b.applyDecoded(ctx, raws, cs, Ack{}); !errors.Is(err, ErrTooBig) {
		t.Fatalf("built whole, 4,096 new learnings gave %v, want ErrTooBig (the estimate refuses what Badger takes)", err)
	}
	if _, err := b.ApplyDecoded(ctx, raws, cs, Ack{}); !errors.Is(err, ErrTooBig) {
		t.Fatalf("4,096 new learnings: %v, want ErrTooBig", err)
	}
	h := len(raws) / 2
	for _, part := range [][2]int{{0, h}, {h, len(raws)}} {
		if !b.fits(raws[part[0]:part[1]], cs[part[0]:part[1]]) {
			t.Fatalf("changes %d to %d are refused by the estimate", part[0], part[1])
		}
		// Half decoded by the caller, half here: both apply.
		res, err := b.ApplyDecoded(ctx, raws[part[0]:part[1]], cs[part[0]:part[0]+h/2], Ack{})
		if err != nil {
			t.Fatalf("changes %d to %d: %v", part[0], part[1], err)
		}
		if len(res.Held) > 0 {
			t.Fatalf("%d changes held back", len(res.Held))
		}
	}
	if err := b.Wait(); err != nil {
		t.Fatal(err)
	}
	if got := entity[*Learning](t, b, KindLearning, ids[len(ids)-1]).What; got != "learning 4095: how retrieval practice beats rereading" {
		t.Fatalf("the last learning reads %q", got)
	}

	edited := ids[:1000]
	for r := range 10 {
		update(t, a, func(tx *Tx) error {
			for _, id := range edited {
				if err := tx.Set(KindLearning, id, "used", fmt.Sprintf("in the team's course, week %d", r)); err != nil {
					return err
				}
			}
			return nil
		})
	}
	edits := spaceChanges(t, a, space)[len(raws):] // what a member lacks
	if len(edits) != 10_000 {
		t.Fatalf("%d edits, want 10,000", len(edits))
	}
	if _, err := b.ApplyDecoded(ctx, edits, decodeAll(t, edits), Ack{}); err != nil {
		t.Fatalf("10,000 edits of 1,000 learnings in one transaction: %v", err)
	}
	if err := b.Wait(); err != nil {
		t.Fatal(err)
	}
	if got := entity[*Learning](t, b, KindLearning, edited[999]).Used; got != "in the team's course, week 9" {
		t.Fatalf("an edited learning was used %q", got)
	}
}
