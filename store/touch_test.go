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
	if err := s.db.DropPrefix([]byte(pMeta + "indexver")); err != nil {
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

// Interactions that arrive from another device update the summaries too,
// and both devices end with the same ones.
func TestTouchSummaryFollowsSync(t *testing.T) {
	a, b := open(t, ""), open(t, "")
	sam := addPerson(t, a, "Sam")
	update(t, a, func(tx *Tx) error { return tx.Set(KindPerson, sam, "cadence", "30") })
	exchange(t, a, b)
	addInteraction(t, b, Interaction{Date: "2026-05-01", Direction: "gave", People: []string{sam}})
	addInteraction(t, a, Interaction{Date: "2026-05-03", Direction: "received", People: []string{sam}})
	exchange(t, a, b)
	exchange(t, b, a)
	ta, _ := touchOfID(t, a, KindPerson, sam)
	tb, _ := touchOfID(t, b, KindPerson, sam)
	if ta.Last != "2026-05-03" || ta.Gave != 1 || ta.Received != 1 {
		t.Errorf("device a: %+v", ta)
	}
	// Added is each device's first sight of the entity's first change: the
	// same on both.
	if !reflect.DeepEqual(ta, tb) {
		t.Errorf("devices differ:\n%+v\n%+v", ta, tb)
	}
}

func TestTouchSummaryEncodingRoundTrips(t *testing.T) {
	in := Touch{Kind: KindCommunity, ID: "c", Name: "#lrnchat ✓", Cadence: "7/14", Snoozed: "2026-01-01", Schedule: "e", Added: "2025-12-01",
		Last: "2026-02-01", Gave: 3, Received: 300, Mutual: 1, Touches: 304, Marks: []Mark{{Date: "2026-01-06", Attended: true}, {Date: "2026-01-13"}}}
	out := Touch{Kind: in.Kind, ID: in.ID} // the key's part
	if err := out.unmarshal(in.marshal()); err != nil || !reflect.DeepEqual(in, out) {
		t.Fatalf("round trip: %+v %v", out, err)
	}
	b := in.marshal()
	for n := 0; n < len(b); n++ {
		if err := new(Touch).unmarshal(b[:n]); err == nil {
			t.Fatalf("a summary cut at %d bytes was accepted", n)
		}
	}
}
