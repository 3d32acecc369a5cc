package store

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// originWords lists an entity's origins as "field value: label,label
// (typed)" lines, for comparing.
func originWords(t *testing.T, s *Store, id string) []string {
	t.Helper()
	var out []string
	err := s.View(ctx, func(r *Reader) error {
		os, err := r.Origins(KindPerson, id)
		for _, o := range os {
			var from []string
			for _, b := range o.Batches {
				from = append(from, b.Label)
			}
			line := fmt.Sprintf("%s %s: %s", o.Field, o.Value, strings.Join(from, ","))
			if o.Typed {
				line += " (typed)"
			}
			out = append(out, line)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func importPerson(t *testing.T, s *Store, label string, p *Person) (Batch, string) {
	t.Helper()
	b, err := s.BeginImport(label, "/home/me/"+label, 1)
	if err != nil {
		t.Fatal(err)
	}
	var id string
	err = s.UpdateBatch(ctx, b.ID, func(tx *Tx) (err error) {
		p.Kind = KindPerson
		id, err = tx.Merge(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.FinishBatch(b); err != nil {
		t.Fatal(err)
	}
	return b, id
}

// TestOrigins: each value a person shows names the import that wrote it,
// or says it was typed in; after two people are merged, the values the
// other brought from an import still name that import, and undoing that
// import leaves the merged values alone.
func TestOrigins(t *testing.T) {
	s := open(t, "")
	_, ada := importPerson(t, s, "linkedin.csv", &Person{Name: "Ada Lovelace", Org: "Analytical Society",
		Profiles: []Contact{{Value: "https://www.linkedin.com/in/ada", Types: []string{"linkedin"}}}})
	// A second import adds to the same person.
	_, _ = importPerson(t, s, "following_accounts.csv", &Person{Meta: Meta{ID: ada},
		Profiles: []Contact{{Value: "@ada@mastodon.social", Types: []string{"mastodon"}}}, Topics: []string{"Maths"}})
	err := s.Update(ctx, func(tx *Tx) error {
		return tx.Add(KindPerson, ada, "emails", `{"value":"ada@example.org"}`)
	})
	if err != nil {
		t.Fatal(err)
	}
	got := originWords(t, s, ada)
	want := []string{
		"name Ada Lovelace: linkedin.csv",
		"emails ada@example.org:  (typed)",
		"org Analytical Society: linkedin.csv",
		"profiles https://www.linkedin.com/in/ada: linkedin.csv",
		"profiles @ada@mastodon.social: following_accounts.csv",
		"topics Maths: following_accounts.csv",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("origins:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Someone else from a third import, merged into Ada by hand.
	third, other := importPerson(t, s, "contacts.vcf", &Person{Name: "Augusta Ada King", Title: "Countess",
		Emails: []Contact{{Value: "countess@example.org"}}, Profiles: []Contact{{Value: "https://mastodon.social/@ada"}}})
	if err := s.Update(ctx, func(tx *Tx) error { return tx.MergePeople(ada, other) }); err != nil {
		t.Fatal(err)
	}
	got = originWords(t, s, ada)
	for _, w := range []string{"title Countess: contacts.vcf", "emails countess@example.org: contacts.vcf", "emails ada@example.org:  (typed)",
		"profiles @ada@mastodon.social: following_accounts.csv", "profiles https://mastodon.social/@ada: contacts.vcf"} {
		if !slices.Contains(got, w) {
			t.Errorf("after the merge, no %q in:\n%s", w, strings.Join(got, "\n"))
		}
	}
	if _, err := s.Undo(ctx, third.ID); err != nil {
		t.Fatal(err)
	}
	if got := originWords(t, s, ada); !slices.Contains(got, "title Countess: contacts.vcf") {
		t.Errorf("undoing the merged person's import took the merged values too:\n%s", strings.Join(got, "\n"))
	}
}
