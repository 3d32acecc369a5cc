package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"learnwork/app"
	"learnwork/store"
	"learnwork/sync/space"
)

// teamInstances starts what the team spaces flows need: an embedded NATS
// server with JetStream on 127.0.0.1 and two more running Learnworks,
// Priya's and Tom's, each with its own data directory and page; Priya has
// a community to share. It returns the flows' environment and the check
// to run on the stores once the flows are done.
func teamInstances(t *testing.T, dir string) ([]string, func()) {
	t.Helper()
	srv, err := space.Serve(space.ServerOptions{Listen: "127.0.0.1:0", Dir: filepath.Join(dir, "nats")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	priya, baseA, stopA := secondInstance(t, filepath.Join(dir, "priya"))
	t.Cleanup(stopA)
	tom, baseB, stopB := secondInstance(t, filepath.Join(dir, "tom"))
	t.Cleanup(stopB)
	nameDevice(t, priya, "Priya")
	nameDevice(t, tom, "Tom")
	// Every Thursday at noon, from a Thursday at least a week ago: the next
	// session is within a week.
	first := time.Now().AddDate(0, 0, -7)
	for first.Weekday() != time.Thursday {
		first = first.AddDate(0, 0, -1)
	}
	start := first.Format(time.DateOnly)
	series, err := priya.Entities.SaveEvent(store.Event{Title: "Lunch and Learn", Start: start + "T12:00:00", End: start + "T13:00:00", RRule: "FREQ=WEEKLY"})
	if err != nil {
		t.Fatal(err)
	}
	community, err := priya.Entities.SaveCommunity(store.Community{Name: "Thursday Lunch and Learn", Type: "lunch and learn", Schedule: series, Notes: "Priya's own notes"})
	if err != nil {
		t.Fatal(err)
	}
	// As tracking a proposed series does: the series names its community.
	if err := priya.Entities.Edit(series, []app.FieldEdit{{Field: store.FieldCommunity, Value: community}}); err != nil {
		t.Fatal(err)
	}
	env := []string{"LEARNWORK_TEAM_A=" + baseA, "LEARNWORK_TEAM_B=" + baseB, "LEARNWORK_SPACE_SERVER=" + srv.URL()}
	return env, func() { checkTeam(t, priya, tom) }
}

// checkTeam looks in both stores for what the team spaces flow did: one
// space with both as members, and Priya's community at Tom's in it,
// without her private notes.
func checkTeam(t *testing.T, priya, tom *app.App) {
	t.Helper()
	spaces, err := priya.Spaces.List()
	if err != nil || len(spaces) != 1 || len(spaces[0].Members) != 2 {
		t.Fatalf("Priya's spaces after the flows: %+v, %v", spaces, err)
	}
	id := spaces[0].ID
	hits, err := tom.Entities.Search("Thursday Lunch and Learn", 5)
	if err != nil || len(hits) == 0 || hits[0].Kind != store.KindCommunity {
		t.Fatalf("Tom does not have Priya's community: %+v, %v", hits, err)
	}
	c, err := tom.Entities.GetCommunity(hits[0].ID)
	if err != nil || !slices.Contains(c.Spaces, id) || c.Notes != "" {
		t.Errorf("the community at Tom's: %+v, %v; want it in the space, without Priya's notes", c, err)
	}
	// Tom said he plans to go: Priya's copy of the community says so.
	c, err = priya.Entities.GetCommunity(hits[0].ID)
	if err != nil || len(c.Going) != 1 || !strings.HasSuffix(c.Going[0], " Tom") {
		t.Errorf("who plans to go, at Priya's: %+v, %v", c.Going, err)
	}
}

// nameDevice names an instance's computer: a team space calls its members
// by these names.
func nameDevice(t *testing.T, a *app.App, name string) {
	t.Helper()
	if err := a.Sync.RenameDevice("self", name); err != nil {
		t.Fatal(err)
	}
}
