package store

import (
	"reflect"
	"testing"
)

func touchOfID(t *testing.T, s *Store, k Kind, id string) (Touch, bool) {
	t.Helper()
	var out Touch
	var ok bool
	err := s.View(ctx, func(r *Reader) error {
		var err error
		out, ok, err = r.Touch(k, id)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out, ok
}

func addInteraction(t *testing.T, s *Store, it Interaction) string {
	t.Helper()
	it.Kind = KindInteraction
	var id string
	update(t, s, func(tx *Tx) error {
		var err error
		id, err = tx.Put(&it)
		return err
	})
	return id
}

func TestTouchSummaryFollowsTheWritePath(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	sam := addPerson(t, s, "Sam Okafor")
	if _, ok := touchOfID(t, s, KindPerson, sam); ok {
		t.Fatal("a person with no cadence and no interactions has a summary")
	}
	update(t, s, func(tx *Tx) error { return tx.Set(KindPerson, sam, "cadence", "30/60") })
	if got, ok := touchOfID(t, s, KindPerson, sam); !ok || got.Cadence != "30/60" || got.Name != "Sam Okafor" || got.Last != "" {
		t.Fatalf("after cadence: %+v %v", got, ok)
	}
	var community string
	update(t, s, func(tx *Tx) error {
		c := &Community{Name: "#lrnchat"}
		c.Kind = KindCommunity
		var err error
		community, err = tx.Put(c)
		return err
	})

	addInteraction(t, s, Interaction{Date: "2026-03-01", Direction: "received", What: "a paper", People: []string{sam}})
	late := addInteraction(t, s, Interaction{Date: "2026-04-10T09:30:00", Direction: "received", People: []string{sam}})
	addInteraction(t, s, Interaction{Date: "2026-03-20", Direction: "gave", People: []string{sam}, Community: community, Type: TypeAttended})
	addInteraction(t, s, Interaction{Date: "2026-03-27", Type: TypeMissed, Community: community})
	addInteraction(t, s, Interaction{Date: "not a date", Direction: "gave", People: []string{sam}})

	got, _ := touchOfID(t, s, KindPerson, sam)
	if got.Last != "2026-04-10" || got.Received != 2 || got.Gave != 1 || got.Touches != 3 {
		t.Errorf("sam = %+v", got)
	}
	c, _ := touchOfID(t, s, KindCommunity, community)
	wantMarks := []Mark{{Date: "2026-03-20", Attended: true}, {Date: "2026-03-27"}}
	if c.Last != "2026-03-20" || !reflect.DeepEqual(c.Marks, wantMarks) || c.Touches != 1 {
		t.Errorf("community = %+v", c)
	}

	// Deleting the latest interaction brings last contact back.
	update(t, s, func(tx *Tx) error { return tx.Delete(KindInteraction, late) })
	if got, _ := touchOfID(t, s, KindPerson, sam); got.Last != "2026-03-20" || got.Received != 1 {
		t.Errorf("after delete: %+v", got)
	}
	// Moving an interaction to another day moves last contact with it.
	update(t, s, func(tx *Tx) error { return tx.Restore(KindInteraction, late) })
	update(t, s, func(tx *Tx) error { return tx.Set(KindInteraction, late, "date", "2026-02-01") })
	if got, _ := touchOfID(t, s, KindPerson, sam); got.Last != "2026-03-20" || got.Received != 2 {
		t.Errorf("after redate: %+v", got)
	}
	// A person in Trash is nobody to reconnect with.
	update(t, s, func(tx *Tx) error { return tx.Delete(KindPerson, sam) })
	if _, ok := touchOfID(t, s, KindPerson, sam); ok {
		t.Error("trashed person still has a summary")
	}
	update(t, s, func(tx *Tx) error { return tx.Restore(KindPerson, sam) })
	before, _ := touchOfID(t, s, KindPerson, sam)

	// A rebuild from scratch gives what the write path kept.
	if err := s.db.DropPrefix([]byte(pMeta + "touchver")); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = open(t, dir)
	after, ok := touchOfID(t, s, KindPerson, sam)
	if !ok || !reflect.DeepEqual(before, after) {
		t.Errorf("rebuilt %+v, kept %+v", after, before)
	}
	c2, _ := touchOfID(t, s, KindCommunity, community)
	if !reflect.DeepEqual(c, c2) {
		t.Errorf("community rebuilt %+v, kept %+v", c2, c)
	}
}
