package app

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"learnwork/internal/racebuild"
	"learnwork/store"
	"learnwork/sync/space"
)

// Two people's apps on disk and a space server on 127.0.0.1: one creates
// a space, the other joins with the invitation's file text, an item and a
// topic are shared, and the second sees them with the space's badge and
// in the learning-together views; private items never arrive.
func TestSpacesTwoApps(t *testing.T) {
	srv := spaceServer(t)
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	open := func() *App { return openApp(t, Options{Now: func() time.Time { return now }}) }
	ada, bob, cy := open(), open(), open()

	v, err := ada.Spaces.Create("L&D team", srv.URL(), "")
	if err != nil {
		t.Fatal(err)
	}
	inv, err := ada.Spaces.Invite("l&d TEAM")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bob.Spaces.Join(inv.File, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := bob.Spaces.Join(inv.Code, ""); err != nil {
		t.Fatalf("joining again: %v", err)
	}
	if _, err := cy.Spaces.Join(inv.Code, ""); !errors.Is(err, space.ErrInvitationRefused) {
		t.Fatalf("an invitation used a second time: %v", err)
	}

	var src, learning, private, community string
	err = ada.Store.Update(ada.ctx, func(tx *store.Tx) (err error) {
		if src, err = tx.Put(&store.Source{Meta: store.Meta{Kind: store.KindSource}, Name: "Go blog", Topics: []string{"Go"}}); err != nil {
			return err
		}
		if learning, err = tx.Put(&store.Learning{Meta: store.Meta{Kind: store.KindLearning}, Date: "2026-12-05", What: "generics in practice", From: []string{src}, Topics: []string{"Go"}}); err != nil {
			return err
		}
		if community, err = tx.Put(&store.Community{Meta: store.Meta{Kind: store.KindCommunity}, Name: "Go meetup", Topics: []string{"Go"}}); err != nil {
			return err
		}
		private, err = tx.Put(&store.Person{Meta: store.Meta{Kind: store.KindPerson}, Name: "Rob", Topics: []string{"Go"}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := ada.Spaces.ShareTopic(v.ID, "Go"); err != nil || n != 4 {
		t.Fatalf("share the topic Go: %d items, %v", n, err)
	}
	if _, err := ada.Spaces.Sync(v.ID); err != nil {
		t.Fatal(err)
	}
	got, err := bob.Spaces.Sync(v.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Shared != 4 || len(got.Members) != 2 || !strings.HasPrefix(got.Status.Words, "connected · up to date · last exchange just now") {
		t.Fatalf("Bob's view of the space: %+v", got)
	}
	items, err := bob.Spaces.Items(v.ID)
	if err != nil || len(items) != 4 {
		t.Fatalf("items shared in the space, at Bob: %+v, %v", items, err)
	}
	badges, err := bob.Spaces.SharedIn(learning)
	if err != nil || len(badges) != 1 || badges[0].Name != "L&D team" {
		t.Fatalf("badges on the learning at Bob: %+v, %v", badges, err)
	}
	if _, err := bob.Entities.GetPerson(private); err == nil {
		t.Fatal("a person not shared by name reached Bob")
	}
	together, err := bob.Spaces.Together("L&D team")
	if err != nil {
		t.Fatal(err)
	}
	if len(together.Learned) != 1 || together.Learned[0].By != ada.Sync.deviceName() {
		t.Fatalf("learned this week at Bob: %+v", together.Learned)
	}
	if len(together.Sources) != 1 || together.Sources[0].Name != "Go blog" || together.Sources[0].Learnings != 1 {
		t.Fatalf("sources the team relies on: %+v", together.Sources)
	}
	if len(together.SoleTopics) != 1 || together.SoleTopics[0].Name != "Go" {
		t.Fatalf("topics one member covers: %+v", together.SoleTopics)
	}
	digest, err := bob.Spaces.TeamDigest()
	if err != nil || len(digest) != 1 || !strings.Contains(digest[0], "1 learning this week") {
		t.Fatalf("team digest: %q, %v", digest, err)
	}
	// Bob plans to go to the meetup; Ada sees it on the community.
	if err := bob.Spaces.PlanToGo(community, "2026-12-10"); err != nil {
		t.Fatal(err)
	}
	if _, err := bob.Spaces.Sync(v.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := ada.Spaces.Sync(v.ID); err != nil {
		t.Fatal(err)
	}
	c, err := ada.Entities.GetCommunity(community)
	if err != nil {
		t.Fatal(err)
	}
	if going := c.Going; len(going) != 1 || !strings.HasPrefix(going[0], "2026-12-10 ") {
		t.Fatalf("who plans to go, at Ada: %v", going)
	}

	// Unsharing: Bob keeps his copy, without the badge.
	if n, err := ada.Spaces.Unshare(v.ID, []string{learning}); err != nil || n != 1 {
		t.Fatalf("unshare: %d, %v", n, err)
	}
	if _, err := ada.Spaces.Sync(v.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := bob.Spaces.Sync(v.ID); err != nil {
		t.Fatal(err)
	}
	if badges, _ := bob.Spaces.SharedIn(learning); len(badges) != 0 {
		t.Fatalf("badges after unsharing: %+v", badges)
	}
	if !slices.ContainsFunc(mustList(t, bob), func(v SpaceView) bool { return v.Name == "L&D team" }) {
		t.Fatal("Bob's spaces do not list the team's")
	}
}

func mustList(t *testing.T, a *App) []SpaceView {
	t.Helper()
	l, err := a.Spaces.List()
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// The window's loop: what a member publishes reaches the others within
// seconds (the live subscription kicks the schedule), not at the next
// minute's round; and local edits are sent once they settle.
func TestRunSpacesKickedByNews(t *testing.T) {
	srv := spaceServer(t)
	open := func() *App { return openApp(t, Options{}) }
	ada, bob := open(), open()
	v, err := ada.Spaces.Create("Reading group", srv.URL(), "")
	if err != nil {
		t.Fatal(err)
	}
	inv, err := ada.Spaces.Invite(v.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bob.Spaces.Join(inv.Code, ""); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan struct{})
	go func() { RunSpaces(ctx, bob.Spaces); close(done) }()
	defer func() { cancel(); <-done }()
	var goal string
	if err := ada.Store.Update(ada.ctx, func(tx *store.Tx) (err error) {
		goal, err = tx.Put(&store.Goal{Meta: store.Meta{Kind: store.KindGoal}, Title: "Read one paper a week"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := ada.Spaces.Share(v.ID, []string{goal}); err != nil {
		t.Fatal(err)
	}
	// Let Bob's loop connect (its first round) before Ada publishes.
	deadline := time.Now().Add(racebuild.Scale(10 * time.Second))
	for st, _ := bob.Spaces.Status(); len(st) == 0 || !st[0].Connected; st, _ = bob.Spaces.Status() {
		if time.Now().After(deadline) {
			t.Fatal("Bob's loop did not connect")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if _, err := ada.Spaces.Sync(v.ID); err != nil {
		t.Fatal(err)
	}
	for {
		if g, err := bob.Entities.GetGoal(goal); err == nil && g.Title == "Read one paper a week" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("Ada's goal did not reach Bob's running window within seconds")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestSpaceStatusWords(t *testing.T) {
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		st   space.Status
		want string
	}{
		{space.Status{Connected: true, LastExchange: now.Add(-2 * time.Minute)}, "connected · up to date · last exchange 2 minutes ago"},
		{space.Status{Connected: true, Behind: 4, LastExchange: now.Add(-30 * time.Second)}, "connected · behind by 4 updates · last exchange just now"},
		{space.Status{Unsent: 1, LastExchange: now.Add(-3 * time.Hour)}, "not connected · 1 change waiting to be sent · last exchange 3 hours ago"},
		{space.Status{Behind: 1, Unsent: 3, LastExchange: now.AddDate(0, 0, -3)}, "not connected · 1 update to fetch, 3 changes to send · last exchange 3 days ago"},
		{space.Status{}, "not connected · nothing waiting to be sent · no exchange yet"},
		{space.Status{Gone: true, Connected: true}, "you are no longer a member of this space"},
	} {
		if got := statusWords(c.st, now); got != c.want {
			t.Errorf("%+v: %q, want %q", c.st, got, c.want)
		}
	}
}

// spaceServer is an embedded team-space server on 127.0.0.1 for one test.
func spaceServer(t *testing.T) *space.Server {
	t.Helper()
	srv, err := space.Serve(space.ServerOptions{Listen: "127.0.0.1:0", Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

// openApp opens an App on a new data directory, closed with the test.
func openApp(t *testing.T, opts Options) *App {
	t.Helper()
	a, err := Open(t.TempDir(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a
}
