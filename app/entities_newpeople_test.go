package app

import (
	"errors"
	"slices"
	"sync"
	"testing"

	"learnwork/store"
)

// commits counts the store's commits from now on.
func commits(t *testing.T, sv *App) func() []store.Commit {
	t.Helper()
	var mu sync.Mutex
	var got []store.Commit
	remove := sv.Store.OnCommit(func(c store.Commit) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, c)
	})
	t.Cleanup(remove)
	return func() []store.Commit {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(got)
	}
}

func TestSaveInteractionWithNewPeopleIsOneCommit(t *testing.T) {
	sv := testServices(t)
	grace, err := sv.Entities.SavePerson(store.Person{Name: "Grace Hopper"})
	if err != nil {
		t.Fatal(err)
	}
	seen := commits(t, sv)
	id, err := sv.Entities.SaveInteractionWith(store.Interaction{What: "Coffee about onboarding", People: []string{grace}},
		[]NewPerson{{Field: "people", Name: "  Bo   Chen "}, {Field: "people", Name: "bo chen"}})
	if err != nil {
		t.Fatal(err)
	}
	if c := seen(); len(c) != 1 || c[0].Kinds[store.KindPerson] != 1 || c[0].Kinds[store.KindInteraction] != 1 {
		t.Fatalf("commits %+v, want one with one person and the interaction", c)
	}
	in, err := sv.Entities.GetInteraction(id)
	if err != nil {
		t.Fatal(err)
	}
	if len(in.People) != 2 || !slices.Contains(in.People, grace) {
		t.Fatalf("people %v, want Grace and one new person (the same name twice is one)", in.People)
	}
	bo := in.People[slices.IndexFunc(in.People, func(p string) bool { return p != grace })]
	p, err := sv.Entities.GetPerson(bo)
	if err != nil || p.Name != "Bo Chen" {
		t.Fatalf("new person %+v, %v; want Bo Chen", p, err)
	}

	// Deleting the interaction leaves the person; bringing it back links
	// them again.
	if err := sv.Entities.Delete(id); err != nil {
		t.Fatal(err)
	}
	if _, err := sv.Entities.GetPerson(bo); err != nil {
		t.Fatalf("the person went with the interaction: %v", err)
	}
	if err := sv.Entities.Undelete(id); err != nil {
		t.Fatal(err)
	}
	if in, err = sv.Entities.GetInteraction(id); err != nil || !slices.Contains(in.People, bo) {
		t.Fatalf("restored %+v, %v; want Bo Chen linked", in, err)
	}
}

func TestSaveWithNewPeopleInEveryPeopleField(t *testing.T) {
	sv := testServices(t)
	src, err := sv.Entities.SaveSourceWith(store.Source{Name: "Learning Tech Weekly"}, []NewPerson{{Field: "author", Name: "Dana Ito"}})
	if err != nil {
		t.Fatal(err)
	}
	s, _ := sv.Entities.GetSource(src)
	comm, err := sv.Entities.SaveCommunityWith(store.Community{Name: "Book club"}, []NewPerson{{Field: "members", Name: "Eve Park"}, {Field: "members", Name: "Finn Moss"}})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := sv.Entities.GetCommunity(comm)
	lid, err := sv.Entities.SaveLearningWith(store.Learning{What: "Spaced practice beats cramming"}, []NewPerson{{Field: "from", Name: "Gil Ray"}, {Field: "shared", Name: "Hana Sato"}})
	if err != nil {
		t.Fatal(err)
	}
	l, _ := sv.Entities.GetLearning(lid)
	gid, err := sv.Entities.SaveGoalWith(store.Goal{Title: "Learn xAPI"}, []NewPerson{{Field: "people", Name: "Ivo Lund"}})
	if err != nil {
		t.Fatal(err)
	}
	g, _ := sv.Entities.GetGoal(gid)
	for what, ids := range map[string][]string{"author": {s.Author}, "members": c.Members, "from": l.From, "shared": l.Shared, "goal people": g.People} {
		if len(ids) == 0 || ids[0] == "" {
			t.Errorf("%s: no new person linked", what)
			continue
		}
		for _, id := range ids {
			if _, err := sv.Entities.GetPerson(id); err != nil {
				t.Errorf("%s: %s is no person: %v", what, id, err)
			}
		}
	}
	if len(c.Members) != 2 {
		t.Errorf("members %v, want two new people", c.Members)
	}
}

func TestSaveWithNewPeopleRefusedSavesNothing(t *testing.T) {
	sv := testServices(t)
	seen := commits(t, sv)
	// A field that names no people, and a learning that says nothing: no
	// person is added for a record that is not saved.
	if _, err := sv.Entities.SaveInteractionWith(store.Interaction{What: "Chat"}, []NewPerson{{Field: "community", Name: "Bo Chen"}}); !errors.Is(err, errNotPeopleField) {
		t.Fatalf("a new person as a community: %v, want errNotPeopleField", err)
	}
	if _, err := sv.Entities.SaveLearningWith(store.Learning{}, []NewPerson{{Field: "from", Name: "Bo Chen"}}); err == nil {
		t.Fatal("an empty learning was saved")
	}
	if c := seen(); len(c) != 0 {
		t.Fatalf("commits %+v, want none", c)
	}
	page, err := sv.Entities.List("people", ListQuery{Limit: 10})
	if err != nil || page.Total != 0 {
		t.Fatalf("people %+v, %v; want none", page, err)
	}
}
