package store

import (
	"testing"
)

// network seeds a small network: Ada and Grace in a community, Ada
// writing a source, interactions on three dates and a learning.
func network(t *testing.T) (s *Store, ada, grace, alan, club, blog string) {
	s = open(t, "")
	ada = addPerson(t, s, "Ada Lovelace")
	grace = addPerson(t, s, "Grace Hopper")
	alan = addPerson(t, s, "Alan Turing")
	err := s.Update(ctx, func(tx *Tx) error {
		c := &Community{Name: "Lunch and Learn", Members: []string{ada, grace}, Topics: []string{"Compilers"}}
		c.Kind = KindCommunity
		var err error
		if club, err = tx.Put(c); err != nil {
			return err
		}
		src := &Source{Name: "Notes on the Engine", Author: ada, Topics: []string{"Engines"}}
		src.Kind = KindSource
		if blog, err = tx.Put(src); err != nil {
			return err
		}
		for _, it := range []*Interaction{
			{Date: "2026-01-10", Direction: "gave", What: "an intro", People: []string{ada, grace}, Topics: []string{"Compilers"}},
			{Date: "2026-03-02", Direction: "received", What: "feedback", People: []string{ada}},
			{Date: "2025-11-20", Direction: "mutual", What: "coffee", People: []string{grace}},
		} {
			it.Kind = KindInteraction
			if _, err := tx.Put(it); err != nil {
				return err
			}
		}
		l := &Learning{Date: "2026-03-05", What: "loops", From: []string{ada}, Topics: []string{"Engines"}}
		l.Kind = KindLearning
		_, err = tx.Put(l)
		if err != nil {
			return err
		}
		return tx.Add(KindPerson, alan, "topics", "Compilers")
	})
	if err != nil {
		t.Fatal(err)
	}
	return
}

func names(rows []PersonRow) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r.Title)
	}
	return out
}

func TestFilterPeople(t *testing.T) {
	s, ada, grace, _, club, _ := network(t)
	cases := []struct {
		name string
		f    PeopleFilter
		want []string
	}{
		{"all", PeopleFilter{}, []string{"Ada Lovelace", "Alan Turing", "Grace Hopper"}},
		{"topic", PeopleFilter{TopicID: TopicID("compilers")}, []string{"Alan Turing"}},
		{"community", PeopleFilter{CommunityID: club}, []string{"Ada Lovelace", "Grace Hopper"}},
		{"never contacted", PeopleFilter{Contact: "never"}, []string{"Alan Turing"}},
		{"not since February", PeopleFilter{Contact: "before", Date: "2026-02-01"}, []string{"Alan Turing", "Grace Hopper"}},
		{"since February", PeopleFilter{Contact: "since", Date: "2026-02-01"}, []string{"Ada Lovelace"}},
		{"community and contact", PeopleFilter{CommunityID: club, Contact: "before", Date: "2026-02-01"}, []string{"Grace Hopper"}},
		{"paged", PeopleFilter{Offset: 1, Limit: 1}, []string{"Alan Turing"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var rows []PersonRow
			var total int
			err := s.View(ctx, func(r *Reader) error {
				var err error
				rows, total, err = r.FilterPeople(c.f)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if got := names(rows); !equal(got, c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
			if c.name == "paged" && total != 3 {
				t.Fatalf("total %d, want 3", total)
			}
		})
	}
	// Last contact is on each row.
	_ = s.View(ctx, func(r *Reader) error {
		rows, _, _ := r.FilterPeople(PeopleFilter{Contact: "since", Date: "2000-01-01"})
		want := map[string]string{ada: "2026-03-02", grace: "2026-01-10"}
		for _, row := range rows {
			if row.LastContact != want[row.ID] {
				t.Errorf("%s last contact %q, want %q", row.Title, row.LastContact, want[row.ID])
			}
		}
		return nil
	})
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestTimelineAndBalance(t *testing.T) {
	s, ada, _, _, _, _ := network(t)
	err := s.View(ctx, func(r *Reader) error {
		items, touch, err := r.Timeline(ada)
		if err != nil {
			return err
		}
		var got []string
		for _, it := range items {
			got = append(got, string(it.Kind)+":"+it.Title)
		}
		want := []string{"learning:loops", "interaction:feedback", "interaction:an intro", "community:Lunch and Learn", "source:Notes on the Engine"}
		if !equal(got, want) {
			t.Fatalf("timeline %v, want %v", got, want)
		}
		if touch != (Touches{Last: "2026-03-02", Count: 2, Gave: 1, Received: 1}) {
			t.Fatalf("touches %+v", touch)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestActivityCoverageGraphTrash(t *testing.T) {
	s, ada, grace, alan, club, blog := network(t)
	_ = s.View(ctx, func(r *Reader) error {
		act, err := r.Activity("2025-11", "2026-03")
		if err != nil {
			t.Fatal(err)
		}
		if len(act) != 5 || act[0] != (ActivityPoint{"2025-11", 1, 0}) || act[2] != (ActivityPoint{"2026-01", 1, 0}) || act[4] != (ActivityPoint{"2026-03", 1, 1}) {
			t.Fatalf("activity %+v", act)
		}
		cov, err := r.Coverage("2026-02-01")
		if err != nil {
			t.Fatal(err)
		}
		byName := map[string]TopicCoverage{}
		for _, c := range cov {
			byName[c.Name] = c
		}
		comp, eng := byName["Compilers"], byName["Engines"]
		if comp.People != 1 || comp.Communities != 1 || comp.Interactions != 1 || !comp.Stale || comp.SingleSource || comp.LastActivity != "2026-01-10" {
			t.Fatalf("compilers %+v", comp)
		}
		if eng.Sources != 1 || !eng.SingleSource || eng.Stale || eng.Learnings != 1 {
			t.Fatalf("engines %+v", eng)
		}
		g, err := r.Graph(2)
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[Kind]int{}
		shown := map[string]bool{}
		for _, n := range g.Nodes {
			kinds[n.Kind]++
			shown[n.ID] = true
		}
		// Ada and Grace are the most connected; Alan (one topic) is left out.
		// (With room for everyone, he would be in: TestGraphShowsUnlinkedPeople.)
		if kinds[KindPerson] != 2 || !shown[ada] || !shown[grace] || shown[alan] || !shown[club] || !shown[blog] || kinds[KindTopic] != 2 || g.People != 3 {
			t.Fatalf("nodes %+v", g.Nodes)
		}
		edge := map[string]bool{}
		for _, e := range g.Edges {
			edge[e.Kind+":"+e.From+">"+e.To] = true
		}
		for _, want := range []string{"member:" + ada + ">" + club, "author:" + ada + ">" + blog, "topic:" + blog + ">" + TopicID("engines")} {
			if !edge[want] {
				t.Errorf("missing edge %s in %+v", want, g.Edges)
			}
		}
		if !edge["together:"+min(ada, grace)+">"+max(ada, grace)] {
			t.Errorf("no together edge for Ada and Grace: %+v", g.Edges)
		}
		return nil
	})
	if err := s.Update(ctx, func(tx *Tx) error { return tx.Delete(KindPerson, alan) }); err != nil {
		t.Fatal(err)
	}
	_ = s.View(ctx, func(r *Reader) error {
		tr, err := r.Trash(10)
		if err != nil || len(tr) != 1 || tr[0].Title != "Alan Turing" {
			t.Fatalf("trash %+v %v", tr, err)
		}
		return nil
	})
}

func TestGraphShowsUnlinkedPeople(t *testing.T) {
	s := open(t, "")
	addPerson(t, s, "Ada Lovelace")
	addPerson(t, s, "Grace Hopper")
	_ = s.View(ctx, func(r *Reader) error {
		g, err := r.Graph(10)
		if err != nil || len(g.Nodes) != 2 || g.People != 2 {
			t.Fatalf("graph %+v %v", g, err)
		}
		return nil
	})
}

// An event someone attended (an ICS attendee linked to them) is on their
// timeline, and leaves it when the link goes.
func TestTimelineShowsAttendedEvents(t *testing.T) {
	s, ada, grace, _, _, _ := network(t)
	var talk string
	err := s.Update(ctx, func(tx *Tx) (err error) {
		e := &Event{Title: "Engine talk", Start: "2026-04-01T18:00:00",
			Attendees: []Attendee{{Email: "ada@example.org", PersonID: ada, Status: "ACCEPTED"}, {Email: "x@example.org"}}}
		e.Kind = KindEvent
		talk, err = tx.Put(e)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	titles := func(id string) (out []string) {
		_ = s.View(ctx, func(r *Reader) error {
			items, _, err := r.Timeline(id)
			for _, it := range items {
				if it.Kind == KindEvent {
					out = append(out, it.Title+"/"+it.Field)
				}
			}
			return err
		})
		return out
	}
	if got := titles(ada); !equal(got, []string{"Engine talk/attendees"}) {
		t.Fatalf("ada's events %v", got)
	}
	if got := titles(grace); len(got) != 0 {
		t.Fatalf("grace's events %v", got)
	}
	err = s.Update(ctx, func(tx *Tx) error {
		return tx.Remove(KindEvent, talk, "attendees", `{"email":"ada@example.org","personId":"`+ada+`","status":"ACCEPTED"}`)
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := titles(ada); len(got) != 0 {
		t.Fatalf("after removing the attendee: %v", got)
	}
}
