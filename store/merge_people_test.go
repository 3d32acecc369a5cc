package store

import (
	"errors"
	"strings"
	"testing"
)

// Every list of the other person joins the kept one's, empty fields are
// filled, a differing value is kept in the notes, and the other goes to
// Trash; merging with a person in Trash or with oneself is refused.
func TestMergePeople(t *testing.T) {
	s := open(t, "")
	var keep, other, binned string
	err := s.Update(ctx, func(tx *Tx) (err error) {
		put := func(p *Person) string {
			p.Kind = KindPerson
			id, e := tx.Put(p)
			if e != nil {
				err = e
			}
			return id
		}
		keep = put(&Person{Name: "Ada Lovelace", Org: "Analytical Society", Nicknames: []string{"Ada"}})
		other = put(&Person{Name: "Augusta King", Org: "Royal Society", Role: "mathematician", Nicknames: []string{"Ada", "Countess"},
			URLs: []Contact{{Value: "https://ada.example"}}, Addresses: []Address{{Locality: "London"}}, Notes: "Wrote the first program."})
		binned = put(&Person{Name: "Someone Else"})
		if err == nil {
			err = tx.Delete(KindPerson, binned)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Update(ctx, func(tx *Tx) error { return tx.MergePeople(keep, other) }); err != nil {
		t.Fatal(err)
	}
	var k, o *Person
	_ = s.View(ctx, func(r *Reader) error {
		e, _ := r.Entity(KindPerson, keep)
		k = e.(*Person)
		e, _ = r.Entity(KindPerson, other)
		o = e.(*Person)
		return nil
	})
	if strings.Join(k.Nicknames, ",") != "Ada,Countess" || len(k.URLs) != 1 || len(k.Addresses) != 1 || k.Role != "mathematician" ||
		k.Org != "Analytical Society" || !strings.Contains(k.Notes, "Wrote the first program.") ||
		!strings.Contains(k.Notes, "Merged from Augusta King: name: Augusta King; org: Royal Society") {
		t.Errorf("kept after merge: %+v", k)
	}
	if !o.Trashed {
		t.Error("the other person is not in Trash")
	}
	for _, c := range []struct{ keep, other, want string }{
		{keep, keep, "cannot be merged with themselves"},
		{keep, binned, "restore Someone Else from Trash first"},
		{keep, "nobody", "not found"},
	} {
		err := s.Update(ctx, func(tx *Tx) error { return tx.MergePeople(c.keep, c.other) })
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("merge %s into %s: %v, want %q", c.other, c.keep, err, c.want)
		}
	}
	if err := s.Update(ctx, func(tx *Tx) error { return tx.MergePeople(keep, "nobody") }); !errors.Is(err, ErrNotFound) {
		t.Errorf("merge with a missing person: %v, want ErrNotFound", err)
	}
}
