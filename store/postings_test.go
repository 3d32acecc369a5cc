package store

import (
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"
)

func searchIDs(t *testing.T, s *Store, q string) []string {
	t.Helper()
	var out []string
	err := s.View(ctx, func(r *Reader) error {
		hits, err := r.Search(q, 50)
		for _, h := range hits {
			out = append(out, h.Title)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Posting blocks keep words an entity lost; search must not show them, and
// must show an entity once however many blocks name it.
func TestSearchFollowsCurrentWords(t *testing.T) {
	s := open(t, t.TempDir())
	ada := addPerson(t, s, "Ada Lovelace")
	addPerson(t, s, "Adam Smith")
	if got := searchIDs(t, s, "ada"); !equal(got, []string{"Ada Lovelace", "Adam Smith"}) {
		t.Fatalf("ada: %v", got)
	}
	// Renamed: the old words stay in their block but no longer match.
	update(t, s, func(tx *Tx) error { return tx.Set(KindPerson, ada, "name", "Augusta King") })
	if got := searchIDs(t, s, "ada"); !equal(got, []string{"Adam Smith"}) {
		t.Fatalf("after rename: %v", got)
	}
	if got := searchIDs(t, s, "lovelace"); len(got) != 0 {
		t.Fatalf("lost word still found: %v", got)
	}
	// Renamed back: two blocks name her; she shows once.
	update(t, s, func(tx *Tx) error { return tx.Set(KindPerson, ada, "name", "Ada Lovelace") })
	update(t, s, func(tx *Tx) error { return tx.Delete(KindPerson, ada) })
	if got := searchIDs(t, s, "lovelace"); len(got) != 0 {
		t.Fatalf("trashed person found: %v", got)
	}
	update(t, s, func(tx *Tx) error { return tx.Restore(KindPerson, ada) })
	if got := searchIDs(t, s, "lovelace ada"); !equal(got, []string{"Ada Lovelace"}) {
		t.Fatalf("restored: %v", got)
	}
	// A whole-word match comes before a prefix match, even when the
	// whole word was lost and only a longer one remains.
	update(t, s, func(tx *Tx) error { return tx.Set(KindPerson, ada, "name", "Adamant Lovelace") })
	got := searchIDs(t, s, "adam")
	if !equal(got, []string{"Adam Smith", "Adamant Lovelace"}) {
		t.Fatalf("adam: %v", got)
	}
	// The blocks, not one key per word and person.
	var keys, ids int
	_ = s.View(ctx, func(r *Reader) error {
		_ = r.scanKeys([]byte(ikey(idxTokens, string(KindPerson), "lovelace")), func([]byte) bool { keys++; return true })
		return r.scanPostings([]byte(ikey(idxTokens, string(KindPerson), "lovelace")), func(string) bool { ids++; return true })
	})
	if keys != 3 || ids != 3 {
		t.Errorf("lovelace: %d blocks, %d entries; want 3 and 3", keys, ids)
	}
}

// One transaction of many records writes one block per word.
func TestBulkWriteOneBlockPerWord(t *testing.T) {
	s := open(t, "")
	update(t, s, func(tx *Tx) error {
		for i := range 500 {
			p := &Person{Name: "Learner " + strings.Repeat("x", i%3+1)}
			p.Kind = KindPerson
			if _, err := tx.Put(p); err != nil {
				return err
			}
		}
		return nil
	})
	var keys, ids int
	_ = s.View(ctx, func(r *Reader) error {
		_ = r.scanKeys([]byte(ikey(idxTokens, string(KindPerson), "learner"+sep)), func([]byte) bool { keys++; return true })
		return r.scanPostings([]byte(ikey(idxTokens, string(KindPerson), "learner"+sep)), func(string) bool { ids++; return true })
	})
	if keys != 1 || ids != 500 {
		t.Errorf("learner: %d keys, %d ids", keys, ids)
	}
	_ = s.View(ctx, func(r *Reader) error {
		// i%3 == 2 gives "xxx": 166 of the 500.
		if hits, err := r.Search("learner xxx", 1000); len(hits) != 166 || err != nil {
			t.Errorf("learner xxx: %d hits, %v", len(hits), err)
		}
		return nil
	})
}

// A store whose indexes were written by an older layout gets them rebuilt
// on open, Trash and search included.
func TestOpenRebuildsOldIndexes(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	ada := addPerson(t, s, "Ada Lovelace", "ada@example.org")
	gone := addPerson(t, s, "Charles Babbage", "cb@example.org")
	update(t, s, func(tx *Tx) error { return tx.Delete(KindPerson, gone) })
	// An old store: no version mark, and a key of the old word layout.
	if err := s.db.DropPrefix([]byte(pIndex)); err != nil {
		t.Fatal(err)
	}
	if err := s.db.DropPrefix([]byte(pMeta + "indexver")); err != nil {
		t.Fatal(err)
	}
	s.Close()
	told := 0
	s, err := Open(dir, OnRebuild(func() { told++ }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if told != 1 {
		t.Errorf("told of the rebuild %d times", told)
	}
	if got := searchIDs(t, s, "lov"); !equal(got, []string{"Ada Lovelace"}) {
		t.Fatalf("search after rebuild: %v", got)
	}
	_ = s.View(ctx, func(r *Reader) error {
		trash, _ := r.List(KindPerson, ListOptions{Trash: true})
		refs, _ := r.Find("email", "cb@example.org")
		if len(trash) != 1 || len(refs) != 1 || refs[0].ID != gone {
			t.Errorf("trash %v, email %v", trash, refs)
		}
		list, _ := r.List(KindPerson, ListOptions{})
		if len(list) != 1 || list[0].ID != ada {
			t.Errorf("list %v", list)
		}
		return nil
	})
}

func TestContactValue(t *testing.T) {
	for el, want := range map[string]string{
		`{"value":"ada@example.org","types":["work"]}`: "ada@example.org",
		`{"value":"say \"hi\"@example.org"}`:           `say "hi"@example.org`,
		`{"types":["cell"],"value":"+44 20"}`:          "+44 20",
		`{"value":"ünïcode"}`:                          "ünïcode",
	} {
		if got, ok := contactValue(el); !ok || got != want {
			t.Errorf("%s: %q %v", el, got, ok)
		}
	}
	if _, ok := contactValue(`{"value":`); ok {
		t.Error("broken element read")
	}
}

// A store from before batch marks gets its records rewritten on open to
// what a new device builds from the same log: their digests agree.
func TestUpgradeMarksBatches(t *testing.T) {
	dir := t.TempDir()
	a := open(t, dir)
	err := a.UpdateBatch(ctx, "0190a1b2-import", func(tx *Tx) error {
		p := &Person{Name: "Ada Lovelace"}
		p.Kind = KindPerson
		_, err := tx.Put(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	b := open(t, "")
	exchange(t, a, b)
	// Make a's records look as the old layout wrote them: full batch IDs.
	err = a.db.Update(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(pEntity)})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			rec := &Record{}
			if err := it.Item().Value(func(v []byte) error { return decode(v, rec) }); err != nil {
				return err
			}
			for _, f := range rec.Fields {
				for i := range f.Vals {
					if f.Vals[i].Batch != "" {
						f.Vals[i].Batch = "0190a1b2-import"
					}
				}
			}
			if err := txn.Set(it.Item().KeyCopy(nil), encode(rec)); err != nil {
				return err
			}
		}
		return txn.Delete([]byte(pMeta + "indexver"))
	})
	if err != nil {
		t.Fatal(err)
	}
	da, _, _ := a.Digest(ctx)
	db, _, _ := b.Digest(ctx)
	if da == db {
		t.Fatal("the old layout should differ before the upgrade")
	}
	a.Close()
	a = open(t, dir)
	if da, _, _ = a.Digest(ctx); da != db {
		t.Fatal("digests differ after the upgrade")
	}
}

// A new store has nothing to rebuild and says nothing.
func TestNewStoreIsNotRebuilt(t *testing.T) {
	told := false
	s, err := Open(t.TempDir(), OnRebuild(func() { told = true }))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if told {
		t.Error("a new store announced a rebuild")
	}
}
