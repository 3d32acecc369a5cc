package store

import (
	"slices"
	"strings"
	"testing"
)

// logOf is one device's own changes, in the order it made them: what a sync
// delivers from that device alone.
func logOf(t *testing.T, s *Store) [][]byte {
	t.Helper()
	var raws [][]byte
	err := s.View(ctx, func(r *Reader) error {
		return r.EachChange(Vector{}, func(raw []byte) error {
			c, err := DecodeChange(raw)
			if err != nil {
				return err
			}
			if c.Device == s.Device() {
				raws = append(raws, slices.Clone(raw))
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return raws
}

// Two devices that hold the same versions of a note show the same merged
// text, whether the version both edits started from arrived before them or
// after them (in a later sync, or in the same one).
func TestNotesMergeWhateverTheArrivalOrder(t *testing.T) {
	origin, a, b := open(t, ""), open(t, ""), open(t, "")
	id := addPerson(t, origin, "Ada")
	update(t, origin, func(tx *Tx) error { return tx.Set(KindPerson, id, "notes", "Met at L&L\nLikes Go\nTwo kids") })
	exchange(t, origin, a)
	exchange(t, origin, b)
	update(t, a, func(tx *Tx) error {
		return tx.Set(KindPerson, id, "notes", "Met at the Lunch-and-Learn\nLikes Go\nTwo kids")
	})
	update(t, b, func(tx *Tx) error { return tx.Set(KindPerson, id, "notes", "Met at L&L\nLikes Go\nThree kids") })
	base, fromA, fromB := logOf(t, origin), logOf(t, a), logOf(t, b)
	want := "Met at the Lunch-and-Learn\nLikes Go\nThree kids"

	orders := []struct {
		name  string
		syncs [][][]byte // each a transaction
	}{
		{"ancestor first", [][][]byte{base, fromA, fromB}},
		{"ancestor last", [][][]byte{fromA, fromB, base}},
		{"ancestor between", [][][]byte{fromA, base, fromB}},
		{"all in one sync, ancestor last", [][][]byte{slices.Concat(fromB, fromA, base)}},
	}
	var digests [][32]byte
	for _, o := range orders {
		s := open(t, "")
		for _, raws := range o.syncs {
			if err := s.ApplyRemote(ctx, raws); err != nil {
				t.Fatalf("%s: %v", o.name, err)
			}
		}
		if got := person(t, s, id).Notes; got != want {
			t.Errorf("%s: notes = %q, want %q", o.name, got, want)
		}
		d, _, err := s.Digest(ctx)
		if err != nil {
			t.Fatal(err)
		}
		digests = append(digests, d)
	}
	for i := range digests[1:] {
		if digests[i+1] != digests[0] {
			t.Errorf("%s: state differs from %s", orders[i+1].name, orders[0].name)
		}
	}
}

// Versions written in the same transaction are in the note's history when
// it is merged: two saves in one transaction merge like two in a row.
func TestNotesMergeSeesVersionsOfTheSameTransaction(t *testing.T) {
	a, b := open(t, ""), open(t, "")
	id := addPerson(t, a, "Ada")
	update(t, a, func(tx *Tx) error { return tx.Set(KindPerson, id, "notes", "one\ntwo\nthree\nfour\nfive") })
	exchange(t, a, b)
	update(t, b, func(tx *Tx) error { return tx.Set(KindPerson, id, "notes", "one\ntwo\nthree\nfour\nFIVE") })
	update(t, a, func(tx *Tx) error {
		if err := tx.Set(KindPerson, id, "notes", "ONE\ntwo\nthree\nfour\nfive"); err != nil {
			return err
		}
		return tx.Set(KindPerson, id, "notes", "ONE\nTWO\nthree\nfour\nfive")
	})
	exchange(t, b, a)
	exchange(t, a, b)
	want := "ONE\nTWO\nthree\nfour\nFIVE"
	for i, s := range []*Store{a, b} {
		got := person(t, s, id).Notes
		if got != want {
			t.Errorf("device %d: notes = %q, want %q", i, got, want)
		}
		if strings.Contains(got, "<<<<<<<") {
			t.Errorf("device %d: conflict markers in a merge with no overlapping edits", i)
		}
	}
}
