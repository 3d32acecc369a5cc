package main

import (
	"testing"
	"time"

	"learnwork/app"
	"learnwork/store"
	"learnwork/sync/space"
)

// seedTeamSpace puts part of the layout's network in a team space with a
// long name, on an embedded server on 127.0.0.1, with a colleague's app as
// the second member: the topic retrieval practice with its learnings and
// sources, the #lrnchat community and a goal are shared, the colleague shares a
// learning of her own and plans to go to #lrnchat's next session. The
// Spaces screen, the badges in lists and Today's team digest then have
// what a real team shows.
func seedTeamSpace(t *testing.T, a *app.App) {
	t.Helper()
	srv, err := space.Serve(space.ServerOptions{Listen: "127.0.0.1:0", Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	colleague, err := app.Open(t.TempDir(), app.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { colleague.Close() })
	nameDevice(t, a, "Ada Lovelace")
	nameDevice(t, colleague, "Nnenna Okonkwo-Adeyemi")
	v, err := a.Spaces.Create("Learning Experience Design and Digital Capability team", srv.URL(), "")
	if err != nil {
		t.Fatal(err)
	}
	inv, err := a.Spaces.Invite(v.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := colleague.Spaces.Join(inv.Code, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Spaces.ShareTopic(v.ID, "retrieval practice"); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for q, k := range map[string]store.Kind{"#lrnchat": store.KindCommunity, "learning analytics well enough": store.KindGoal} {
		hits, err := a.Entities.Search(q, 5)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range hits {
			if h.Kind == k {
				ids = append(ids, h.ID)
				break
			}
		}
	}
	if n, err := a.Spaces.Share(v.ID, ids); err != nil || n != 2 {
		t.Fatalf("sharing #lrnchat and the goal: %d, %v", n, err)
	}
	sync := func(x *app.App) {
		t.Helper()
		if _, err := x.Spaces.Sync(v.ID); err != nil {
			t.Fatal(err)
		}
	}
	sync(a)
	sync(colleague)
	learned, err := colleague.Entities.SaveLearning(store.Learning{Date: time.Now().Format(time.DateOnly),
		What: "Worked examples first, then fading the steps: novices in our onboarding learned faster", Topics: []string{"retrieval practice", "onboarding"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := colleague.Spaces.Share(v.ID, []string{learned}); err != nil {
		t.Fatal(err)
	}
	together, err := colleague.Spaces.Together(v.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range together.Sessions {
		if err := colleague.Spaces.PlanToGo(s.CommunityID, s.Date); err != nil {
			t.Fatal(err)
		}
	}
	sync(colleague)
	sync(a)
}
