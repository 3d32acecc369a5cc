package store

import (
	"slices"
	"testing"
)

// cameFromOf is where each person came from, in words: their name, the
// labels of the local imports, "elsewhere" and "typed".
func cameFromOf(t *testing.T, s *Store) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	err := s.View(ctx, func(r *Reader) error {
		all, batches, err := r.PeopleCameFrom(s.Device())
		for id, cf := range all {
			rec, err := r.Record(KindPerson, id)
			if err != nil {
				return err
			}
			var words []string
			for _, b := range cf.Batches {
				words = append(words, batches[b].Label)
			}
			slices.Sort(words)
			if cf.Elsewhere {
				words = append(words, "elsewhere")
			}
			if cf.Typed {
				words = append(words, "typed")
			}
			out[rec.Scalar("name")] = words
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A person came from the imports that created them or wrote a value they
// show, was typed in when no import made them (here or on another
// computer), and an import made on another computer is said to be so;
// an undone import, and people in Trash, count for nothing.
func TestPeopleCameFromStore(t *testing.T) {
	s, other := open(t, ""), open(t, "")
	_, tess := importPerson(t, s, "trashed.vcf", &Person{Name: "Tess Typed"})
	update(t, s, func(tx *Tx) error { return tx.Delete(KindPerson, tess) }) // in Trash: not listed
	tess = addPerson(t, s, "Tess Typed")
	_, bob := importPerson(t, s, "linkedin.csv", &Person{Name: "Bob"})
	// Renamed by hand, Bob still came from the export that made him.
	update(t, s, func(tx *Tx) error { return tx.Set(KindPerson, bob, "name", "Bob Renamed") })
	_, _ = importPerson(t, s, "following_accounts.csv", &Person{Meta: Meta{ID: tess},
		Profiles: []Contact{{Value: "@tess@mastodon.social", Types: []string{"mastodon"}}}})
	undone, _ := importPerson(t, s, "contacts.vcf", &Person{Name: "Una Undone"})
	if _, err := s.Undo(ctx, undone.ID); err != nil {
		t.Fatal(err)
	}
	// Another computer imports Cy and types Dee in; both sync here.
	importPerson(t, other, "google.csv", &Person{Name: "Cy Elsewhere"})
	addPerson(t, other, "Dee Typed There")
	exchange(t, other, s)

	want := map[string][]string{
		"Tess Typed":      {"following_accounts.csv", "typed"},
		"Bob Renamed":     {"linkedin.csv"},
		"Cy Elsewhere":    {"elsewhere"},
		"Dee Typed There": {"typed"},
	}
	got := cameFromOf(t, s)
	if len(got) != len(want) {
		t.Errorf("%d people: %v", len(got), got)
	}
	for name, w := range want {
		if !slices.Equal(got[name], w) {
			t.Errorf("%s came from %q, want %q", name, got[name], w)
		}
	}
}
