package app

import (
	"context"
	"errors"
	"strings"
	"testing"

	"learnwork/app/importer"
	"learnwork/store"
)

// X accounts known only by number wait in a list that outlives a restart:
// one is named (a new person with that X profile, which says it came from
// the archive), one linked to someone here, one dropped; importing the
// archives again links the named ones and does not bring the dropped back.
func TestUnnamedAccountsNamedLinkedDropped(t *testing.T) {
	dir := t.TempDir()
	s, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	sv := testApp(t, s, Options{})
	rep := importOne(t, sv, netFixture("x-following.js"), false)
	importOne(t, sv, netFixture("x-follower.js"), false)
	if rep.Unnamed != 2 {
		t.Fatalf("unnamed %d: %+v", rep.Unnamed, rep.Records)
	}
	sv.stop()
	s.Close()

	s, err = store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sv = testApp(t, s, Options{})
	as, err := sv.Imports.UnnamedAccounts()
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 3 || as[0].Key != "twitter:id:783214" || as[0].Service != "X" || as[0].File != "x-following.js" ||
		!strings.Contains(as[0].URL, "user_id=783214") || as[2].Key != "twitter:id:1450966446371999745" {
		t.Fatalf("after a restart: %+v", as)
	}

	jack, err := sv.Imports.NameAccount(as[0].Key, "Jack Example")
	if err != nil {
		t.Fatal(err)
	}
	var grace string
	err = s.Update(context.Background(), func(tx *store.Tx) (err error) {
		p := &store.Person{Name: "Grace Hopper"}
		p.Kind = store.KindPerson
		grace, err = tx.Merge(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sv.Imports.LinkAccount(as[2].Key, grace); err != nil {
		t.Fatal(err)
	}
	if err := sv.Imports.DropAccount(as[1].Key); err != nil {
		t.Fatal(err)
	}
	if err := sv.Imports.DropAccount(as[1].Key); !errors.Is(err, errNotUnnamed) {
		t.Errorf("dropping twice: %v", err)
	}
	if left, _ := sv.Imports.UnnamedAccounts(); len(left) != 0 {
		t.Errorf("left: %+v", left)
	}
	for id, key := range map[string]string{jack: "twitter:id:783214", grace: "twitter:id:1450966446371999745"} {
		e, err := sv.Imports.lookup(id)
		if err != nil {
			t.Fatal(err)
		}
		if keys := e.(*store.Person).ProfileKeys(); len(keys) != 1 || keys[0] != key {
			t.Errorf("%s: profiles %v", e.(*store.Person).Name, keys)
		}
	}
	os, err := sv.Imports.Origins(jack)
	if err != nil {
		t.Fatal(err)
	}
	from := map[string]string{}
	for _, o := range os {
		from[o.Field] = o.From[0].Name
	}
	if from["name"] != "typed in" || from["profiles"] != "X (Twitter) follows" {
		t.Errorf("Jack's values came from %v", from)
	}

	again := importOne(t, sv, netFixture("x-following.js"), false)
	if again.Unnamed != 0 || again.Unchanged != 1 || again.Skipped != 2 {
		t.Errorf("again: unnamed %d unchanged %d skipped %d: %+v", again.Unnamed, again.Unchanged, again.Skipped, again.Records)
	}
	for _, r := range again.Records {
		if r.Action == importer.Skipped && strings.Contains(r.Name, "user_id=12") && !strings.Contains(r.Reason, "dropped") {
			t.Errorf("the dropped account: %+v", r)
		}
	}
	if left, _ := sv.Imports.UnnamedAccounts(); len(left) != 0 {
		t.Errorf("back after a re-import: %+v", left)
	}
	if _, err := sv.Imports.NameAccount("twitter:id:12", "Dropped"); !errors.Is(err, errNotUnnamed) {
		t.Errorf("naming a dropped account: %v", err)
	}
}
