package app

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"learnwork/store"
	"learnwork/sync/space"
)

// The window's sharing calls: an item's Share control knows whether its
// kind can be shared and what stays private, and the badges of every list
// come in one call, beside what a space holds.
func TestSpacesWindowSharing(t *testing.T) {
	srv := spaceServer(t)
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	a, err := Open(t.TempDir(), Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()

	var community, source, chat, person string
	err = a.Store.Update(a.ctx, func(tx *store.Tx) (err error) {
		if community, err = tx.Put(&store.Community{Meta: store.Meta{Kind: store.KindCommunity}, Name: "Go meetup", Notes: "bring a laptop"}); err != nil {
			return err
		}
		if source, err = tx.Put(&store.Source{Meta: store.Meta{Kind: store.KindSource}, Name: "Go blog", Topics: []string{"Go"}}); err != nil {
			return err
		}
		if person, err = tx.Put(&store.Person{Meta: store.Meta{Kind: store.KindPerson}, Name: "Rob"}); err != nil {
			return err
		}
		chat, err = tx.Put(&store.Interaction{Meta: store.Meta{Kind: store.KindInteraction}, Date: "2026-12-06", What: "coffee", People: []string{person}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	// In no space: no badges, and nothing is listed for a space.
	if b, err := a.Spaces.Badges(); err != nil || len(b) != 0 {
		t.Fatalf("badges with no space: %v, %v", b, err)
	}
	v, err := a.Spaces.Create("L&D team", srv.URL(), "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Spaces.Share(v.ID, []string{community, person}); err != nil {
		t.Fatal(err)
	}

	s, err := a.Spaces.Sharing(community)
	if err != nil || !s.Shareable || len(s.Spaces) != 1 || s.Spaces[0].Name != "L&D team" {
		t.Fatalf("sharing of the community: %+v, %v", s, err)
	}
	for _, f := range []string{"notes", "members", "cadence"} {
		if !slices.Contains(s.Private, f) {
			t.Errorf("a community's %s is not said to stay private: %v", f, s.Private)
		}
	}
	if slices.Contains(s.Private, "name") {
		t.Errorf("a community's name is said to stay private: %v", s.Private)
	}
	if s, err := a.Spaces.Sharing(chat); err != nil || s.Shareable || len(s.Spaces) != 0 {
		t.Fatalf("an interaction's sharing: %+v, %v", s, err)
	}
	if s, err := a.Spaces.Sharing(source); err != nil || !s.Shareable || len(s.Spaces) != 0 {
		t.Fatalf("an unshared source's sharing: %+v, %v", s, err)
	}
	if _, err := a.Spaces.Sharing("community-none"); err == nil {
		t.Fatal("the sharing of an item that does not exist")
	}

	b, err := a.Spaces.Badges()
	if err != nil || len(b) != 2 || len(b[community]) != 1 || b[community][0].ID != v.ID || len(b[person]) != 1 || b[source] != nil {
		t.Fatalf("badges: %+v, %v", b, err)
	}
	items, err := a.Spaces.Items("l&d team")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range items {
		got = append(got, string(it.Kind)+" "+it.Title)
	}
	slices.Sort(got)
	if !slices.Equal(got, []string{"community Go meetup", "person Rob"}) {
		t.Fatalf("shared in the space: %v", got)
	}

	// Unsharing takes the badge away at once.
	if _, err := a.Spaces.Unshare(v.ID, []string{person}); err != nil {
		t.Fatal(err)
	}
	if b, err := a.Spaces.Badges(); err != nil || len(b) != 1 || b[person] != nil {
		t.Fatalf("badges after unsharing Rob: %+v, %v", b, err)
	}
}

// An invitation saved as a file from the window joins a second app from
// that file; anything but an invitation is neither saved nor joined.
func TestSpacesInvitationFile(t *testing.T) {
	srv := spaceServer(t)
	open := func() *App { return openApp(t, Options{}) }
	ada, bob := open(), open()
	v, err := ada.Spaces.Create("Data book club", srv.URL(), "")
	if err != nil {
		t.Fatal(err)
	}
	inv, err := ada.Spaces.Invite(v.ID)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "invitation.txt")
	if err := ada.Spaces.SaveInvitation(path, inv.File); err != nil {
		t.Fatal(err)
	}
	notes := filepath.Join(dir, "notes.txt")
	if err := ada.Spaces.SaveInvitation(notes, "my notes"); !errors.Is(err, space.ErrBadInvitation) {
		t.Fatalf("saving a text that is no invitation: %v", err)
	}
	if _, err := os.Stat(notes); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a text that is no invitation was written: %v", err)
	}
	if err := os.WriteFile(notes, []byte("my notes"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := bob.Spaces.JoinFile(notes, ""); !errors.Is(err, space.ErrBadInvitation) {
		t.Fatalf("joining with a file that is no invitation: %v", err)
	}
	got, err := bob.Spaces.JoinFile(path, "")
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Data book club" || len(got.Members) != 2 {
		t.Fatalf("Bob joined %+v", got)
	}
}
