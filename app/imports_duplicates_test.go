package app

import (
	"context"
	"strings"
	"testing"

	"learnwork/store"
)

func TestDuplicatesMergeAndDismiss(t *testing.T) {
	sv, s := newServices(t)
	ctx := context.Background()
	var ada1, ada2, grace, talk, salon string
	err := s.Update(ctx, func(tx *store.Tx) (err error) {
		put := func(p *store.Person) string {
			p.Kind = store.KindPerson
			id, e := tx.Put(p)
			if e != nil {
				err = e
			}
			return id
		}
		ada1 = put(&store.Person{Name: "Ada Lovelace", Title: "Countess", Emails: []store.Contact{{Value: "ada@example.org"}}, Topics: []string{"Poetry"}})
		ada2 = put(&store.Person{Name: "A. Lovelace", Title: "Mathematician", Org: "Analytical Society", Notes: "Met at the salon.",
			Emails: []store.Contact{{Value: "ada@example.org"}, {Value: "ada@work.example"}}, Phones: []store.Contact{{Value: "+44 20 7946 0000"}}, UIDs: []string{"g-1"}})
		grace = put(&store.Person{Name: "Grace Hopper", Phones: []store.Contact{{Value: "+1 555 010 7788"}}})
		put(&store.Person{Name: "Grace Hopper", Emails: []store.Contact{{Value: "grace@navy.example"}}})
		it := &store.Interaction{Date: "2026-11-01", Type: "conversation", People: []string{ada2}}
		it.Kind = store.KindInteraction
		if talk, err = tx.Put(it); err != nil {
			return err
		}
		ev := &store.Event{Title: "Salon", Start: "2026-11-05T19:00:00", Attendees: []store.Attendee{{Email: "ada@work.example", PersonID: ada2}}}
		ev.Kind = store.KindEvent
		salon, err = tx.Put(ev)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	pairs, err := sv.Imports.Duplicates()
	if err != nil || len(pairs) != 2 || pairs[0].By != "email" || pairs[0].Value != "ada@example.org" || pairs[1].By != "name" {
		t.Fatalf("duplicates %+v, %v", pairs, err)
	}
	if _, err := sv.Imports.MergePeople(ada1, ada2); err != nil {
		t.Fatal(err)
	}
	p, err := sv.Entities.GetPerson(ada1)
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "Ada Lovelace" || p.Title != "Countess" || p.Org != "Analytical Society" || len(p.Emails) != 2 || len(p.Phones) != 1 ||
		p.UIDs[0] != "g-1" || p.Topics[0] != "Poetry" || !strings.Contains(p.Notes, "Met at the salon.") ||
		!strings.Contains(p.Notes, "title: Mathematician") || !strings.Contains(p.Notes, "name: A. Lovelace") {
		t.Errorf("merged %+v", p)
	}
	if other, _ := sv.Entities.GetPerson(ada2); !other.Trashed {
		t.Errorf("the other is not in Trash")
	}
	e, _ := sv.Entities.Show(talk)
	if ppl := e.(*store.Interaction).People; len(ppl) != 1 || ppl[0] != ada1 {
		t.Errorf("interaction points at %v", ppl)
	}
	e, _ = sv.Entities.Show(salon)
	if at := e.(*store.Event).Attendees; len(at) != 1 || at[0].PersonID != ada1 || at[0].Email != "ada@work.example" {
		t.Errorf("event attendees after merge %+v", at)
	}
	// A re-import of the other's source card finds the kept person.
	var m store.Match
	_ = s.View(ctx, func(r *store.Reader) (err error) {
		m, err = r.MatchPerson(&store.Person{Name: "A. Lovelace", UIDs: []string{"g-1"}})
		return err
	})
	if m.ID != ada1 || m.Trashed {
		t.Errorf("match after merge: %+v", m)
	}
	pairs, _ = sv.Imports.Duplicates()
	if len(pairs) != 1 || pairs[0].A.Title != "Grace Hopper" {
		t.Fatalf("after merge: %+v", pairs)
	}
	if err := sv.Imports.DismissDuplicate(pairs[0].B.ID, pairs[0].A.ID); err != nil {
		t.Fatal(err)
	}
	if pairs, _ = sv.Imports.Duplicates(); len(pairs) != 0 {
		t.Errorf("dismissed pair still proposed: %+v", pairs)
	}
	if _, err := sv.Imports.MergePeople(grace, grace); err == nil {
		t.Error("merging someone with themselves")
	}
}
