package store

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// spaceChanges are the changes a space holds from s: its space device's log.
func spaceChanges(t testing.TB, s *Store, space string) [][]byte {
	t.Helper()
	dev := s.SpaceDevice(space)
	have := s.Vector()
	have[dev] = 0
	var out [][]byte
	if err := s.ChangesSince(ctx, have, func(raw []byte) error {
		out = append(out, append([]byte(nil), raw...))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func applyAll(t testing.TB, s *Store, raws [][]byte) {
	t.Helper()
	res, err := s.ApplyChanges(ctx, raws, Ack{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Held) > 0 {
		t.Fatalf("%d changes held back for ones before them", len(res.Held))
	}
}

func entity[T Entity](t testing.TB, s *Store, k Kind, id string) T {
	t.Helper()
	var e Entity
	if err := s.View(ctx, func(r *Reader) error {
		var err error
		e, err = r.Entity(k, id)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return e.(T)
}

func TestShareWritesOnlyShareableFieldsUnderTheSpaceDevice(t *testing.T) {
	a, b := open(t, ""), open(t, "")
	const space = "s1"
	var learning, person, interaction string
	update(t, a, func(tx *Tx) (err error) {
		if person, err = tx.Put(&Person{Meta: Meta{Kind: KindPerson}, Name: "Ada", Emails: []Contact{{Value: "ada@example.org"}}, Notes: "owes me a book"}); err != nil {
			return err
		}
		if interaction, err = tx.Put(&Interaction{Meta: Meta{Kind: KindInteraction}, Date: "2026-12-01", People: []string{person}, What: "coffee"}); err != nil {
			return err
		}
		learning, err = tx.Put(&Learning{Meta: Meta{Kind: KindLearning}, Date: "2026-12-01", What: "property tests find edge cases",
			Topics: []string{"Testing"}, From: []string{person}, Shared: []string{person}, Notes: "ask Ada about fuzzing"})
		return err
	})
	update(t, a, func(tx *Tx) error { return tx.Share(KindLearning, learning, space) })
	if err := a.Update(ctx, func(tx *Tx) error { return tx.Share(KindInteraction, interaction, space) }); err == nil {
		t.Fatal("an interaction was shared")
	}

	raws := spaceChanges(t, a, space)
	for _, raw := range raws {
		c, _ := DecodeChange(raw)
		if c.Device != a.SpaceDevice(space) {
			t.Fatalf("space log holds a change of device %s", c.Device)
		}
		for _, op := range c.Ops {
			if Private(c.Kind, op.Field) && op.Field != "" {
				t.Errorf("private field %s.%s in the space's log", c.Kind, op.Field)
			}
		}
		if c.Kind == KindPerson || c.Kind == KindInteraction {
			t.Errorf("%s %s in the space's log though never shared", c.Kind, c.ID)
		}
		if strings.Contains(string(raw), "fuzzing") || strings.Contains(string(raw), "ada@example.org") {
			t.Errorf("private text in the space's log: %q", raw)
		}
	}
	applyAll(t, b, raws)
	got := entity[*Learning](t, b, KindLearning, learning)
	if got.What != "property tests find edge cases" || got.Notes != "" || len(got.Shared) != 0 || !slices.Equal(got.Spaces, []string{space}) {
		t.Fatalf("member's copy: %+v", got)
	}
	if topic := entity[*Topic](t, b, KindTopic, TopicID("Testing")); topic.Name != "Testing" {
		t.Fatalf("the learning's topic came as %+v", topic)
	}

	// Later edits: shareable fields go to the space, private ones stay.
	update(t, a, func(tx *Tx) error {
		if err := tx.Set(KindLearning, learning, "what", "property tests find the edge cases we missed"); err != nil {
			return err
		}
		return tx.Set(KindLearning, learning, "notes", "still private")
	})
	have := b.Vector()
	var next [][]byte
	for _, raw := range spaceChanges(t, a, space) {
		if c, _ := DecodeChange(raw); c.Seq > have[c.Device] {
			next = append(next, raw)
		}
	}
	if len(next) != 1 {
		t.Fatalf("%d new space changes, want the one edit of what", len(next))
	}
	applyAll(t, b, next)
	if got := entity[*Learning](t, b, KindLearning, learning); got.What != "property tests find the edge cases we missed" || got.Notes != "" {
		t.Fatalf("after the edit: %+v", got)
	}
	if own := entity[*Learning](t, a, KindLearning, learning); own.Notes != "still private" || own.What != "property tests find the edge cases we missed" {
		t.Fatalf("owner's own view: %+v", own)
	}

	// The member edits the shared learning: under its own space device,
	// whose dots supersede ones the owner knows.
	update(t, b, func(tx *Tx) error { return tx.Set(KindLearning, learning, "used", "in the payments service") })
	back := spaceChanges(t, b, space)
	applyAll(t, a, back)
	if own := entity[*Learning](t, a, KindLearning, learning); own.Used != "in the payments service" || own.Notes != "still private" {
		t.Fatalf("owner after the member's edit: %+v", own)
	}

	// Unshare: the member's copy stays but leaves the space; the owner's
	// later edits stay private.
	update(t, a, func(tx *Tx) error { return tx.Unshare(KindLearning, learning, space) })
	have = b.Vector()
	next = nil
	for _, raw := range spaceChanges(t, a, space) {
		if c, _ := DecodeChange(raw); c.Seq > have[c.Device] {
			next = append(next, raw)
		}
	}
	applyAll(t, b, next)
	if got := entity[*Learning](t, b, KindLearning, learning); len(got.Spaces) != 0 || got.What == "" {
		t.Fatalf("member's copy after unshare: %+v", got)
	}
	before := len(spaceChanges(t, a, space))
	update(t, a, func(tx *Tx) error { return tx.Set(KindLearning, learning, "what", "after unsharing") })
	if after := len(spaceChanges(t, a, space)); after != before {
		t.Fatalf("an edit after unsharing went to the space (%d changes, were %d)", after, before)
	}
}

// A space change names dots (the values it supersedes) from its writer's
// private log, which members never receive. They must change nothing a
// member sees, and two members that receive the same space log in any
// order must end identical.
func TestSpaceChangesWithUnknownPrevConverge(t *testing.T) {
	a, b, c := open(t, ""), open(t, ""), open(t, "")
	const space = "s1"
	var src string
	update(t, a, func(tx *Tx) (err error) {
		src, err = tx.Put(&Source{Meta: Meta{Kind: KindSource}, Name: "Go blog", URL: "https://go.dev/blog", Notes: "mine"})
		return err
	})
	update(t, a, func(tx *Tx) error { return tx.Set(KindSource, src, "name", "The Go Blog") })
	update(t, a, func(tx *Tx) error { return tx.Share(KindSource, src, space) })
	update(t, a, func(tx *Tx) error { return tx.Add(KindSource, src, "topics", "Go") })
	update(t, a, func(tx *Tx) error { return tx.Set(KindSource, src, "url", "https://go.dev/blog/") })
	update(t, a, func(tx *Tx) error { return tx.Delete(KindSource, src) })
	update(t, a, func(tx *Tx) error { return tx.Restore(KindSource, src) })
	raws := spaceChanges(t, a, space)
	applyAll(t, b, raws)
	rev := slices.Clone(raws)
	slices.Reverse(rev)
	applyAll(t, c, rev) // ApplyChanges orders each device's changes itself
	for _, s := range []*Store{b, c} {
		got := entity[*Source](t, s, KindSource, src)
		if got.Name != "The Go Blog" || got.URL != "https://go.dev/blog/" || got.Notes != "" || got.Trashed || len(got.Topics) != 1 {
			t.Fatalf("member's copy: %+v", got)
		}
	}
	db, _, err := b.Digest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	dc, _, err := c.Digest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if db != dc {
		t.Fatal("two members holding the same space log differ")
	}
}

// A topic can be in two spaces (it is named by what it is): each edit goes
// to both, and locally it holds one value. Anything else is in one space
// at a time.
func TestTopicInTwoSpaces(t *testing.T) {
	a, b, c := open(t, ""), open(t, ""), open(t, "")
	var goal, other, topic string
	update(t, a, func(tx *Tx) (err error) {
		if goal, err = tx.Put(&Goal{Meta: Meta{Kind: KindGoal}, Title: "Learn Rust", Topics: []string{"rust"}}); err != nil {
			return err
		}
		other, err = tx.Put(&Goal{Meta: Meta{Kind: KindGoal}, Title: "Teach Rust", Topics: []string{"rust"}})
		topic = TopicID("rust")
		return err
	})
	update(t, a, func(tx *Tx) error {
		if err := tx.Share(KindGoal, goal, "one"); err != nil {
			return err
		}
		return tx.Share(KindGoal, other, "two")
	})
	if err := a.Update(ctx, func(tx *Tx) error { return tx.Share(KindGoal, goal, "two") }); !errors.Is(err, ErrSharedElsewhere) {
		t.Fatalf("sharing into a second space: %v", err)
	}
	update(t, a, func(tx *Tx) error { return tx.Set(KindTopic, topic, "name", "Rust") })
	applyAll(t, b, spaceChanges(t, a, "one"))
	applyAll(t, c, spaceChanges(t, a, "two"))
	for _, s := range []*Store{a, b, c} {
		var conflicted bool
		_ = s.View(ctx, func(r *Reader) error {
			rec, err := r.Record(KindTopic, topic)
			conflicted = err == nil && rec.InConflict("name")
			return err
		})
		if got := entity[*Topic](t, s, KindTopic, topic); got.Name != "Rust" || conflicted {
			t.Fatalf("topic name %q, conflict %v", got.Name, conflicted)
		}
	}
	if got := entity[*Topic](t, a, KindTopic, topic); !slices.Equal(got.Spaces, []string{"one", "two"}) {
		t.Fatalf("owner's topic is in %v", got.Spaces)
	}
	if err := a.Update(ctx, func(tx *Tx) error { return tx.Add(KindGoal, goal, "spaces", "three") }); err == nil {
		t.Fatal("the spaces field was edited directly")
	}
}

// A member's remove knows only the space's add of an element; the owner,
// who added it before sharing, must lose it too, and a conflicted register
// is shared as shown, so owner and member hold the same.
func TestMemberRemoveReachesOwner(t *testing.T) {
	a, b, c := open(t, ""), open(t, ""), open(t, "")
	var src string
	update(t, a, func(tx *Tx) (err error) {
		src, err = tx.Put(&Source{Meta: Meta{Kind: KindSource}, Name: "Go blog", Topics: []string{"Go", "Testing"}})
		return err
	})
	// A conflict on the name, from a paired device.
	exchange(t, a, c)
	update(t, c, func(tx *Tx) error { return tx.Set(KindSource, src, "name", "The Go Blog") })
	update(t, a, func(tx *Tx) error { return tx.Set(KindSource, src, "name", "Go Blog") })
	exchange(t, c, a)
	update(t, a, func(tx *Tx) error { return tx.Share(KindSource, src, "s") })
	applyAll(t, b, spaceChanges(t, a, "s"))
	update(t, b, func(tx *Tx) error { return tx.Remove(KindSource, src, "topics", "Testing") })
	applyAll(t, a, spaceChanges(t, b, "s"))
	for _, s := range []*Store{a, b} {
		got := entity[*Source](t, s, KindSource, src)
		if len(got.Topics) != 1 || got.Topics[0] != "Go" || len(got.Conflicts) != 0 {
			t.Fatalf("topics %v, conflicts %v", got.Topics, got.Conflicts)
		}
	}
	if an, bn := entity[*Source](t, a, KindSource, src).Name, entity[*Source](t, b, KindSource, src).Name; an != bn {
		t.Fatalf("owner shows %q, member %q", an, bn)
	}
}
