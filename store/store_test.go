package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"
)

var ctx = context.Background()

func open(t testing.TB, dir string) *Store {
	t.Helper()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func addPerson(t testing.TB, s *Store, name string, emails ...string) string {
	t.Helper()
	var id string
	err := s.Update(ctx, func(tx *Tx) error {
		var err error
		p := &Person{Name: name}
		p.Kind = KindPerson
		for _, e := range emails {
			p.Emails = append(p.Emails, Contact{Value: e})
		}
		id, err = tx.Put(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func person(t testing.TB, s *Store, id string) *Person {
	t.Helper()
	var p *Person
	err := s.View(ctx, func(r *Reader) error {
		e, err := r.Entity(KindPerson, id)
		if err != nil {
			return err
		}
		p = e.(*Person)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func update(t testing.TB, s *Store, fn func(tx *Tx) error) {
	t.Helper()
	if err := s.Update(ctx, fn); err != nil {
		t.Fatal(err)
	}
}

// exchange sends everything from a that b lacks, as a sync would.
func exchange(t testing.TB, from, to *Store) {
	t.Helper()
	var raws [][]byte
	err := from.View(ctx, func(r *Reader) error {
		return r.EachChange(to.Vector(), func(raw []byte) error { raws = append(raws, raw); return nil })
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := to.ApplyRemote(ctx, raws); err != nil {
		t.Fatal(err)
	}
}

func TestAddListSearchPersist(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	id := addPerson(t, s, "Ada Lovelace", "ada@example.org")
	addPerson(t, s, "Charles Babbage", "charles@example.org")
	p := person(t, s, id)
	if p.Name != "Ada Lovelace" || len(p.Emails) != 1 || p.Emails[0].Value != "ada@example.org" {
		t.Fatalf("person = %+v", p)
	}
	s.Close()

	s = open(t, dir)
	err := s.View(ctx, func(r *Reader) error {
		if n := r.Count(KindPerson); n != 2 {
			t.Errorf("count = %d, want 2", n)
		}
		list, err := r.List(KindPerson, ListOptions{})
		if err != nil {
			return err
		}
		if len(list) != 2 || list[0].Title != "Ada Lovelace" || list[1].Title != "Charles Babbage" {
			t.Errorf("list = %+v", list)
		}
		hits, err := r.Search("lov ad", 10)
		if err != nil {
			return err
		}
		if len(hits) != 1 || hits[0].ID != id {
			t.Errorf("search = %+v", hits)
		}
		refs, err := r.Find("email", " ADA@Example.org")
		if err != nil || len(refs) != 1 || refs[0].ID != id {
			t.Errorf("find email = %v %v", refs, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The log continues after a restart without reusing seqs.
	before := s.Vector()[s.Device()]
	addPerson(t, s, "Grace Hopper")
	if after := s.Vector()[s.Device()]; after <= before {
		t.Errorf("seq went from %d to %d", before, after)
	}
}

func TestSecondOpenIsLocked(t *testing.T) {
	dir := t.TempDir()
	open(t, dir)
	_, err := Open(dir)
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: %v, want ErrLocked", err)
	}
	if !strings.Contains(err.Error(), "already open by another Learnwork") || !strings.Contains(err.Error(), dir) {
		t.Errorf("message %q should name the directory and say why", err)
	}
}

func TestSameValueWritesNothing(t *testing.T) {
	s := open(t, "")
	id := addPerson(t, s, "Ada", "ada@example.org")
	seq := s.Vector()[s.Device()]
	update(t, s, func(tx *Tx) error {
		if err := tx.Set(KindPerson, id, "name", "Ada"); err != nil {
			return err
		}
		return tx.Add(KindPerson, id, "email", "ada@example.org")
	})
	p := person(t, s, id)
	p.Meta = Meta{ID: id, Kind: KindPerson}
	update(t, s, func(tx *Tx) error { _, err := tx.Put(p); return err })
	if got := s.Vector()[s.Device()]; got != seq {
		t.Errorf("rewriting the same values added %d ops", got-seq)
	}
}

func TestConcurrentSetIsConflictThenResolved(t *testing.T) {
	a, b := open(t, ""), open(t, "")
	id := addPerson(t, a, "Ada")
	exchange(t, a, b)
	update(t, a, func(tx *Tx) error { return tx.Set(KindPerson, id, "title", "Countess") })
	update(t, b, func(tx *Tx) error { return tx.Set(KindPerson, id, "title", "Mathematician") })
	exchange(t, a, b)
	exchange(t, b, a)
	pa, pb := person(t, a, id), person(t, b, id)
	if pa.Title != pb.Title {
		t.Fatalf("devices show different titles: %q vs %q", pa.Title, pb.Title)
	}
	if len(pa.Conflicts) != 1 || pa.Conflicts[0].Field != "title" || len(pa.Conflicts[0].Values) != 2 {
		t.Fatalf("conflicts = %+v", pa.Conflicts)
	}
	var conflicted []Ref
	_ = a.View(ctx, func(r *Reader) error { conflicted, _ = r.Conflicted(); return nil })
	if len(conflicted) != 1 {
		t.Errorf("Conflicted = %v", conflicted)
	}
	update(t, b, func(tx *Tx) error { return tx.Resolve(KindPerson, id, "title", "Mathematician") })
	exchange(t, b, a)
	for _, s := range []*Store{a, b} {
		p := person(t, s, id)
		if p.Title != "Mathematician" || len(p.Conflicts) != 0 {
			t.Errorf("after resolve: %q %+v", p.Title, p.Conflicts)
		}
	}
}

func TestEqualConcurrentValuesCollapse(t *testing.T) {
	a, b := open(t, ""), open(t, "")
	id := addPerson(t, a, "Ada")
	exchange(t, a, b)
	update(t, a, func(tx *Tx) error { return tx.Set(KindPerson, id, "org", "Analytical Society") })
	update(t, b, func(tx *Tx) error { return tx.Set(KindPerson, id, "org", "Analytical Society") })
	exchange(t, a, b)
	if p := person(t, b, id); len(p.Conflicts) != 0 || p.Org != "Analytical Society" {
		t.Errorf("equal values: %+v", p)
	}
}

func TestAddWinsOverConcurrentRemove(t *testing.T) {
	a, b := open(t, ""), open(t, "")
	id := addPerson(t, a, "Ada", "ada@example.org")
	exchange(t, a, b)
	// a adds and removes a topic; b adds the same topic meanwhile.
	update(t, a, func(tx *Tx) error { return tx.Add(KindPerson, id, "topics", "Poetry") })
	update(t, a, func(tx *Tx) error { return tx.Remove(KindPerson, id, "topics", "Poetry") })
	update(t, b, func(tx *Tx) error { return tx.Add(KindPerson, id, "topics", "Poetry") })
	// and a removes an email b tags as work at the same time.
	update(t, a, func(tx *Tx) error { return tx.Remove(KindPerson, id, "emails", "ada@example.org") })
	update(t, b, func(tx *Tx) error { return tx.Add(KindPerson, id, "emails", "ada@example.org (work)") })
	exchange(t, a, b)
	exchange(t, b, a)
	pa, pb := person(t, a, id), person(t, b, id)
	if !reflect.DeepEqual(pa, pb) {
		t.Fatalf("diverged:\n%+v\n%+v", pa, pb)
	}
	if !reflect.DeepEqual(pa.Topics, []string{"Poetry"}) {
		t.Errorf("topics = %v, want the add a's remove had not seen to win", pa.Topics)
	}
	if len(pa.Emails) != 1 || !reflect.DeepEqual(pa.Emails[0].Types, []string{"work"}) {
		t.Errorf("emails = %+v", pa.Emails)
	}
}

func TestRemoveBeforeAddArrives(t *testing.T) {
	// Device b removes an email a added; c hears from b before a.
	a, b, c := open(t, ""), open(t, ""), open(t, "")
	id := addPerson(t, a, "Ada", "ada@example.org")
	exchange(t, a, b)
	update(t, b, func(tx *Tx) error { return tx.Remove(KindPerson, id, "emails", "ada@example.org") })
	// c gets b's log only: b's own changes, not a's.
	var raws [][]byte
	_ = b.View(ctx, func(r *Reader) error {
		return r.EachChange(Vector{a.Device(): ^uint64(0)}, func(raw []byte) error { raws = append(raws, raw); return nil })
	})
	if err := c.ApplyRemote(ctx, raws); err != nil {
		t.Fatal(err)
	}
	exchange(t, a, c)
	if p := person(t, c, id); len(p.Emails) != 0 || p.Name != "Ada" {
		t.Errorf("late add resurrected a removed email: %+v", p)
	}
}

func TestDeleteAndUnseenEdit(t *testing.T) {
	a, b := open(t, ""), open(t, "")
	id := addPerson(t, a, "Ada")
	keep := addPerson(t, a, "Charles")
	exchange(t, a, b)
	update(t, a, func(tx *Tx) error { return tx.Delete(KindPerson, id) })
	update(t, a, func(tx *Tx) error { return tx.Delete(KindPerson, keep) })
	update(t, b, func(tx *Tx) error { return tx.Set(KindPerson, id, "title", "Countess") })
	exchange(t, a, b)
	exchange(t, b, a)
	for _, s := range []*Store{a, b} {
		if p := person(t, s, id); p.Trashed || p.Title != "Countess" {
			t.Errorf("edit did not win over the unseen delete: %+v", p)
		}
		if p := person(t, s, keep); !p.Trashed {
			t.Errorf("delete lost: %+v", p)
		}
	}
	var notices []Notice
	_ = a.View(ctx, func(r *Reader) error { notices, _ = r.Notices(10); return nil })
	if len(notices) == 0 || !strings.Contains(notices[0].Message, "came back from Trash") {
		t.Errorf("notices = %+v", notices)
	}
	update(t, a, func(tx *Tx) error { return tx.Restore(KindPerson, keep) })
	if p := person(t, a, keep); p.Trashed || p.Name != "Charles" {
		t.Errorf("restore: %+v", p)
	}
}

// A restore wins over a delete made concurrently on another device, as an
// edit does, whichever device hears first; a delete made after the restore
// was seen wins over it.
func TestRestoreAndUnseenDelete(t *testing.T) {
	for _, aFirst := range []bool{true, false} {
		a, b := open(t, ""), open(t, "")
		id := addPerson(t, a, "Ada")
		exchange(t, a, b)
		update(t, a, func(tx *Tx) error { return tx.Delete(KindPerson, id) })
		update(t, b, func(tx *Tx) error { return tx.Delete(KindPerson, id) })
		update(t, a, func(tx *Tx) error { return tx.Restore(KindPerson, id) })
		if aFirst {
			exchange(t, a, b)
			exchange(t, b, a)
		} else {
			exchange(t, b, a)
			exchange(t, a, b)
		}
		da, _, errA := a.Digest(ctx)
		db, _, errB := b.Digest(ctx)
		if errA != nil || errB != nil || da != db {
			t.Errorf("a first %v: the stores differ after syncing", aFirst)
		}
		for _, s := range []*Store{a, b} {
			if p := person(t, s, id); p.Trashed || p.Name != "Ada" {
				t.Errorf("a first %v: the restore lost to a delete it had not seen: %+v", aFirst, p)
			}
		}
		update(t, b, func(tx *Tx) error { return tx.Delete(KindPerson, id) })
		exchange(t, b, a)
		for _, s := range []*Store{a, b} {
			if p := person(t, s, id); !p.Trashed {
				t.Errorf("a first %v: a delete after the restore lost to it: %+v", aFirst, p)
			}
		}
	}
}

func TestTrashLeavesListsAndSearch(t *testing.T) {
	s := open(t, "")
	id := addPerson(t, s, "Ada Lovelace", "ada@example.org")
	update(t, s, func(tx *Tx) error { return tx.Delete(KindPerson, id) })
	_ = s.View(ctx, func(r *Reader) error {
		list, _ := r.List(KindPerson, ListOptions{})
		hits, _ := r.Search("ada", 10)
		trash, _ := r.List(KindPerson, ListOptions{Trash: true})
		refs, _ := r.Find("email", "ada@example.org")
		if len(list) != 0 || len(hits) != 0 || r.Count(KindPerson) != 0 {
			t.Errorf("trashed person still listed: %v %v %d", list, hits, r.Count(KindPerson))
		}
		if len(trash) != 1 || len(refs) != 1 {
			t.Errorf("trash %v, email index %v", trash, refs)
		}
		return nil
	})
}

func TestNotesMergeThreeWay(t *testing.T) {
	a, b := open(t, ""), open(t, "")
	id := addPerson(t, a, "Ada")
	update(t, a, func(tx *Tx) error { return tx.Set(KindPerson, id, "notes", "Met at L&L\nLikes Go\nTwo kids") })
	exchange(t, a, b)
	update(t, a, func(tx *Tx) error {
		return tx.Set(KindPerson, id, "notes", "Met at the Lunch-and-Learn\nLikes Go\nTwo kids")
	})
	update(t, b, func(tx *Tx) error { return tx.Set(KindPerson, id, "notes", "Met at L&L\nLikes Go\nThree kids") })
	exchange(t, a, b)
	exchange(t, b, a)
	want := "Met at the Lunch-and-Learn\nLikes Go\nThree kids"
	for _, s := range []*Store{a, b} {
		if got := person(t, s, id).Notes; got != want {
			t.Errorf("merged notes = %q, want %q", got, want)
		}
	}
	var hist []TextVersion
	_ = a.View(ctx, func(r *Reader) error { hist, _ = r.History(KindPerson, id, "notes"); return nil })
	if len(hist) != 3 {
		t.Errorf("history has %d versions, want 3 (base and both parents)", len(hist))
	}
	// Saving the merged text makes it the one version.
	update(t, a, func(tx *Tx) error { return tx.Resolve(KindPerson, id, "notes", want) })
	exchange(t, a, b)
	if got := person(t, b, id).Notes; got != want {
		t.Errorf("after save: %q", got)
	}
}

func TestTopicsByName(t *testing.T) {
	s := open(t, "")
	id := addPerson(t, s, "Ada")
	update(t, s, func(tx *Tx) error { return tx.Add(KindPerson, id, "topic", "Machine  Learning") })
	update(t, s, func(tx *Tx) error { return tx.Add(KindPerson, id, "topics", "machine learning") })
	p := person(t, s, id)
	if len(p.Topics) != 1 || p.Topics[0] != "Machine Learning" {
		t.Errorf("topics = %v", p.Topics)
	}
	_ = s.View(ctx, func(r *Reader) error {
		refs, _ := r.Find("topic", TopicID("MACHINE learning"))
		if len(refs) != 1 || refs[0].ID != id {
			t.Errorf("topic index: %v", refs)
		}
		return nil
	})
}

func TestGapIsRefused(t *testing.T) {
	a := open(t, "")
	addPerson(t, a, "One")
	addPerson(t, a, "Two")
	var raws [][]byte
	_ = a.View(ctx, func(r *Reader) error {
		return r.EachChange(nil, func(raw []byte) error { raws = append(raws, raw); return nil })
	})
	c := open(t, "")
	err := c.ApplyRemote(ctx, raws[len(raws)-1:])
	if !errors.Is(err, ErrGap) {
		t.Fatalf("applying a later change first: %v, want ErrGap", err)
	}
	if err := c.ApplyRemote(ctx, append(raws, raws...)); err != nil {
		t.Fatalf("in order, twice: %v", err)
	}
}

func TestBackupRestoreLossless(t *testing.T) {
	a, b := open(t, ""), open(t, "")
	id := addPerson(t, a, "Ada Lovelace", "ada@example.org")
	exchange(t, a, b)
	update(t, a, func(tx *Tx) error { return tx.Set(KindPerson, id, "title", "Countess") })
	update(t, b, func(tx *Tx) error { return tx.Set(KindPerson, id, "title", "Mathematician") })
	update(t, b, func(tx *Tx) error { return tx.Set(KindPerson, id, "notes", "Wrote the first program") })
	exchange(t, b, a)
	addPerson(t, a, "Gone")
	update(t, a, func(tx *Tx) error {
		refs, _ := tx.Find("name", "gone")
		return tx.Delete(KindPerson, refs[0].ID)
	})
	if err := a.SetSetting("theme", "dark"); err != nil {
		t.Fatal(err)
	}

	var buf bytes.Buffer
	n, err := a.Backup(ctx, &buf)
	if err != nil || n == 0 {
		t.Fatalf("backup: %d %v", n, err)
	}
	c := open(t, filepath.Join(t.TempDir(), "restored"))
	if _, err := c.Restore(ctx, bytes.NewReader(buf.Bytes()), nil); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(dumpRecords(t, a), dumpRecords(t, c)) {
		t.Error("restored records differ from the original")
	}
	if c.Vector().Compare(a.Vector()) != Equal {
		t.Errorf("vectors: %v vs %v", c.Vector(), a.Vector())
	}
	if c.Device() == a.Device() {
		t.Error("a restored store must get its own device identity")
	}
	if c.Setting("theme") != "dark" {
		t.Error("settings not restored")
	}
	if _, err := c.Restore(ctx, strings.NewReader(`{"format":"something-else"}`), nil); err == nil {
		t.Error("restore accepted a foreign file")
	}
}

// dumpRecords is every record as stored, keyed by entity.
func dumpRecords(t testing.TB, s *Store) map[string]string {
	out := map[string]string{}
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(pEntity)})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			v, _ := it.Item().ValueCopy(nil)
			var rec Record
			_ = decode(v, &rec)
			b, _ := json.Marshal(rec)
			out[string(it.Item().Key())] = string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestUndoBatch(t *testing.T) {
	s := open(t, "")
	old := addPerson(t, s, "Ada", "ada@example.org")
	update(t, s, func(tx *Tx) error { return tx.Set(KindPerson, old, "title", "Countess") })
	b, err := s.BeginBatch("import contacts.vcf")
	if err != nil {
		t.Fatal(err)
	}
	var created string
	err = s.UpdateBatch(ctx, b.ID, func(tx *Tx) error {
		p := &Person{Name: "Ada", Title: "Mathematician", Org: "Analytical Society", Emails: []Contact{{Value: "ada@example.org"}, {Value: "ada@home.example"}}}
		p.ID, p.Kind = old, KindPerson
		if _, err := tx.Merge(p); err != nil {
			return err
		}
		n := &Person{Name: "Charles"}
		n.Kind = KindPerson
		created, err = tx.Put(n)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if p := person(t, s, old); p.Title != "Countess" || p.Org != "Analytical Society" || len(p.Emails) != 2 {
		t.Fatalf("merge should keep own edits and fill the rest: %+v", p)
	}
	if _, err := s.Undo(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	p := person(t, s, old)
	if p.Title != "Countess" || p.Org != "" || len(p.Emails) != 1 {
		t.Errorf("after undo: %+v", p)
	}
	if !person(t, s, created).Trashed {
		t.Error("entity created by the batch is not in Trash after undo")
	}
	bs, _ := s.Batches()
	if len(bs) != 1 || !bs[0].Undone {
		t.Errorf("batches = %+v", bs)
	}
}

// TestResolveWithoutConflict: resolve on a field holding one value says so
// and changes nothing (it used to act as set).
func TestResolveWithoutConflict(t *testing.T) {
	s := open(t, "")
	id := addPerson(t, s, "Ada")
	update(t, s, func(tx *Tx) error { return tx.Set(KindPerson, id, "title", "Countess") })
	before := s.Vector()
	err := s.Update(ctx, func(tx *Tx) error { return tx.Resolve(KindPerson, id, "title", "Mathematician") })
	if !errors.Is(err, ErrNoConflict) {
		t.Fatalf("resolve without a conflict: %v", err)
	}
	if p := person(t, s, id); p.Title != "Countess" || s.Vector().Compare(before) != Equal {
		t.Errorf("resolve without a conflict changed something: %+v", p)
	}
}

// A set's members come in the order they were first added, then by value,
// each once however many devices added it.
func TestElementsInTheOrderFirstAdded(t *testing.T) {
	for _, tc := range []struct {
		adds []Val
		want []string
	}{
		{[]Val{{HLC: 30, V: "b"}, {HLC: 10, V: "c"}, {HLC: 20, V: "a"}}, []string{"c", "a", "b"}},
		// b added on two devices: its first add counts.
		{[]Val{{HLC: 30, V: "b"}, {HLC: 20, V: "a"}, {HLC: 5, V: "b"}}, []string{"b", "a"}},
		// At the same time: by value.
		{[]Val{{HLC: 7, V: "z"}, {HLC: 7, V: "m"}, {HLC: 9, V: "m"}}, []string{"m", "z"}},
	} {
		r := newRecord(KindPerson, "p")
		for i, v := range tc.adds {
			v.Dot = Dot{Device: 1, Seq: uint64(i + 1)}
			r.field("topics").insert(v)
		}
		if got := r.Elements("topics"); !slices.Equal(got, tc.want) {
			t.Errorf("%+v: %q, want %q", tc.adds, got, tc.want)
		}
	}
}

// A store whose records were written before a restore left its mark gets
// the marks at the next open, so it holds what a device that applied the
// same log now holds.
func TestRestoreMarksAddedOnUpgrade(t *testing.T) {
	dir := t.TempDir()
	a, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	b := open(t, "")
	id := addPerson(t, a, "Ada")
	exchange(t, a, b)
	update(t, a, func(tx *Tx) error { return tx.Delete(KindPerson, id) })
	update(t, b, func(tx *Tx) error { return tx.Delete(KindPerson, id) })
	update(t, a, func(tx *Tx) error { return tx.Restore(KindPerson, id) })
	exchange(t, a, b)
	exchange(t, b, a)
	// As an older version wrote it: no mark, index version 7.
	err = a.db.Update(func(txn *badger.Txn) error {
		rec, err := (&Reader{txn: txn}).getStored(KindPerson, id)
		if err != nil {
			return err
		}
		rec.Deletes.Vals = slices.DeleteFunc(rec.Deletes.Vals, func(v Val) bool { return v.V == restoreMark })
		if err := txn.Set([]byte(recKey(KindPerson, id)), marshalCBOR(rec)); err != nil {
			return err
		}
		return txn.Set([]byte(pMeta+"indexver"), []byte("7"))
	})
	if err != nil {
		t.Fatal(err)
	}
	if !person(t, a, id).Trashed {
		t.Fatal("without its mark the restore should lose to the other device's delete")
	}
	a.Close()
	a = open(t, dir)
	da, _, errA := a.Digest(ctx)
	db, _, errB := b.Digest(ctx)
	if errA != nil || errB != nil || da != db {
		t.Error("after the upgrade the store differs from one that applied the same log")
	}
	if p := person(t, a, id); p.Trashed {
		t.Errorf("after the upgrade Ada is still in Trash: %+v", p)
	}
	err = a.View(ctx, func(r *Reader) error {
		if n := r.Count(KindPerson); n != 1 {
			t.Errorf("%d people listed after the upgrade, want Ada", n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
