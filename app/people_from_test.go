package app

import (
	"slices"
	"testing"

	"learnwork/store"
)

// fromNames is who the People list shows for a Came from choice.
func fromNames(t *testing.T, sv *App, q PeopleQuery) []string {
	t.Helper()
	page, err := sv.Entities.FilterPeople(q)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range page.Items {
		out = append(out, r.Title)
	}
	if page.Total != len(out) {
		t.Errorf("%+v: a total of %d for %d rows", q, page.Total, len(out))
	}
	slices.Sort(out)
	return out
}

// People typed in, from a LinkedIn export and from a Google CSV: each
// Came from choice lists exactly those an import of its kind created or
// wrote a value of, typed in those added by hand; the choices offered are
// the ones someone falls under; it combines with the other filters and a
// search; and after an import is undone its people no longer show for it.
func TestPeopleCameFrom(t *testing.T) {
	sv, _ := newServices(t)
	if _, err := sv.Entities.SavePerson(store.Person{Name: "Tess Typed"}); err != nil {
		t.Fatal(err)
	}
	// Typed in first; the Google CSV then finds Linus by his email and adds to him.
	if _, err := sv.Entities.SavePerson(store.Person{Name: "Linus Pauling", Emails: []store.Contact{{Value: "linus@example.edu"}}}); err != nil {
		t.Fatal(err)
	}
	if src, err := sv.Entities.PeopleSources(); err != nil || len(src) != 1 || src[0] != (PeopleSource{Key: "typed", Name: "typed in", Count: 2}) {
		t.Fatalf("before any import: %+v, %v", src, err)
	}
	linkedin := importOne(t, sv, netFixture("linkedin-connections.csv"), false)
	google := importOne(t, sv, netFixture("google-contacts.csv"), false)

	want := map[string][]string{
		"linkedin": {"Ada Lovelace", "Grace Brewster Hopper", "Jörg Müller-Lüdenscheidt", "Sam Rivers"},
		"google":   {"Ada Lovelace", "Grace Brewster Hopper", "Lernwerk GmbH", "Linus Pauling"},
		"typed":    {"Linus Pauling", "Tess Typed"},
		"mastodon": nil,
	}
	for key, names := range want {
		if got := fromNames(t, sv, PeopleQuery{From: key}); !slices.Equal(got, names) {
			t.Errorf("came from %s: %q, want %q", key, got, names)
		}
	}
	src, err := sv.Entities.PeopleSources()
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, s := range src {
		keys = append(keys, s.Key)
		if s.Count != len(want[s.Key]) {
			t.Errorf("%s: %d people, want %d", s.Name, s.Count, len(want[s.Key]))
		}
	}
	if !slices.Equal(keys, []string{"linkedin", "google", "typed"}) {
		t.Errorf("choices %q", keys)
	}

	// With the other filters and a search.
	if got := fromNames(t, sv, PeopleQuery{From: "linkedin", Service: "mastodon"}); !slices.Equal(got, []string{"Ada Lovelace"}) {
		t.Errorf("from LinkedIn, met on Mastodon: %q", got)
	}
	if got := fromNames(t, sv, PeopleQuery{From: "google", Contact: "never"}); len(got) != 4 {
		t.Errorf("from Google, never contacted: %q", got)
	}
	if got := fromNames(t, sv, PeopleQuery{From: "linkedin", Query: "linus"}); len(got) != 0 {
		t.Errorf("searching Linus among LinkedIn's: %q", got)
	}
	if got := fromNames(t, sv, PeopleQuery{From: "google", Query: "linus"}); !slices.Equal(got, []string{"Linus Pauling"}) {
		t.Errorf("searching Linus among Google's: %q", got)
	}
	if _, err := sv.Entities.FilterPeople(PeopleQuery{From: "myspace"}); err == nil {
		t.Error("an unknown choice was accepted")
	}

	// Logging an interaction leaves where people came from as it was read;
	// a person added by hand is read again.
	ada, err := sv.Entities.FilterPeople(PeopleQuery{From: "linkedin", Query: "ada"})
	if err != nil || len(ada.Items) != 1 {
		t.Fatalf("Ada: %+v, %v", ada, err)
	}
	if _, err := sv.Entities.SaveInteraction(store.Interaction{Date: "2026-12-01", People: []string{ada.Items[0].ID}}); err != nil {
		t.Fatal(err)
	}
	if !sv.Entities.views.from.ok {
		t.Error("an interaction dropped where people came from")
	}
	if got := fromNames(t, sv, PeopleQuery{From: "linkedin", Contact: "never"}); len(got) != 3 {
		t.Errorf("from LinkedIn, never contacted after Ada's interaction: %q", got)
	}
	if _, err := sv.Entities.SavePerson(store.Person{Name: "Uma Typed"}); err != nil {
		t.Fatal(err)
	}
	if got := fromNames(t, sv, PeopleQuery{From: "typed"}); !slices.Equal(got, []string{"Linus Pauling", "Tess Typed", "Uma Typed"}) {
		t.Errorf("typed in after adding Uma: %q", got)
	}
	want["typed"] = append(want["typed"], "Uma Typed")

	// Undone, the Google CSV takes back the values it wrote (Grace's full
	// name too) and the people it made; LinkedIn's stay LinkedIn's.
	if _, err := sv.Imports.UndoImport(google.Batch); err != nil {
		t.Fatal(err)
	}
	if got := fromNames(t, sv, PeopleQuery{From: "google"}); len(got) != 0 {
		t.Errorf("from Google after its undo: %q", got)
	}
	fromLinkedIn := []string{"Ada Lovelace", "Grace Hopper", "Jörg Müller-Lüdenscheidt", "Sam Rivers"}
	if got := fromNames(t, sv, PeopleQuery{From: "linkedin"}); !slices.Equal(got, fromLinkedIn) {
		t.Errorf("from LinkedIn after Google's undo: %q", got)
	}
	if _, err := sv.Imports.UndoImport(linkedin.Batch); err != nil {
		t.Fatal(err)
	}
	if got := fromNames(t, sv, PeopleQuery{From: "linkedin"}); len(got) != 0 {
		t.Errorf("from LinkedIn after its undo: %q", got)
	}
	if got := fromNames(t, sv, PeopleQuery{From: "typed"}); !slices.Equal(got, want["typed"]) {
		t.Errorf("typed in after both undos: %q", got)
	}
	if src, err := sv.Entities.PeopleSources(); err != nil || len(src) != 1 || src[0].Key != "typed" {
		t.Errorf("choices after both undos: %+v, %v", src, err)
	}
}
