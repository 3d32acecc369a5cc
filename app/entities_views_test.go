package app

import (
	"strings"
	"testing"
	"time"

	"learnwork/store"
)

func testServices(t *testing.T) *App {
	t.Helper()
	s, err := store.Open("")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	now := func() time.Time { return time.Date(2026, 3, 15, 10, 0, 0, 0, time.UTC) }
	return testApp(t, s, Options{Now: now})
}

func TestFilterPeopleByLastContactDays(t *testing.T) {
	sv := testServices(t)
	ada, _ := sv.Entities.SavePerson(store.Person{Name: "Ada Lovelace"})
	grace, _ := sv.Entities.SavePerson(store.Person{Name: "Grace Hopper"})
	if _, err := sv.Entities.SavePerson(store.Person{Name: "Alan Turing"}); err != nil {
		t.Fatal(err)
	}
	if _, err := sv.Entities.SaveInteraction(store.Interaction{Date: "2026-03-10", People: []string{ada}, Direction: "gave"}); err != nil {
		t.Fatal(err)
	}
	if _, err := sv.Entities.SaveInteraction(store.Interaction{Date: "2025-12-01", People: []string{grace}, Direction: "received"}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		q    PeopleQuery
		want string
	}{
		{PeopleQuery{Contact: "within", Days: 30}, "Ada Lovelace"},
		{PeopleQuery{Contact: "over", Days: 30}, "Alan Turing,Grace Hopper"},
		{PeopleQuery{Contact: "never"}, "Alan Turing"},
	} {
		p, err := sv.Entities.FilterPeople(c.q)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range p.Items {
			got = append(got, r.Title)
		}
		if strings.Join(got, ",") != c.want || p.Total != len(got) {
			t.Errorf("%+v: got %v (total %d), want %s", c.q, got, p.Total, c.want)
		}
	}
	// A new interaction shows at once: the cached last contacts are dropped.
	alan, _ := sv.Entities.FilterPeople(PeopleQuery{Contact: "never"})
	if _, err := sv.Entities.SaveInteraction(store.Interaction{Date: "2026-03-14", People: []string{alan.Items[0].ID}}); err != nil {
		t.Fatal(err)
	}
	if p, _ := sv.Entities.FilterPeople(PeopleQuery{Contact: "never"}); p.Total != 0 {
		t.Errorf("after logging with Alan, never contacted: %+v", p.Items)
	}
	if _, err := sv.Entities.FilterPeople(PeopleQuery{Contact: "over"}); err == nil || !strings.Contains(err.Error(), "how many days") {
		t.Errorf("missing days: %v", err)
	}
	tl, err := sv.Entities.Timeline(ada)
	if err != nil || len(tl.Items) != 1 || tl.Touches.Gave != 1 || tl.Touches.Last != "2026-03-10" {
		t.Fatalf("timeline %+v %v", tl, err)
	}
}

func TestActivityCoversTheLastMonths(t *testing.T) {
	sv := testServices(t)
	if _, err := sv.Entities.SaveLearning(store.Learning{What: "spaced repetition works", Date: "2026-01-20"}); err != nil {
		t.Fatal(err)
	}
	act, err := sv.Entities.Activity(6)
	if err != nil {
		t.Fatal(err)
	}
	if len(act) != 6 || act[0].Month != "2025-10" || act[5].Month != "2026-03" || act[3].Learnings != 1 {
		t.Fatalf("activity %+v", act)
	}
	if _, err := sv.Entities.Activity(0); err == nil {
		t.Fatal("0 months accepted")
	}
}
