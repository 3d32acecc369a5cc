package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"learnwork/app"
	"learnwork/app/webbridge"
	"learnwork/store"
)

// TestEndToEnd drives the built frontend in a real browser (Debian's
// Chromium through playwright-core) against the real services and a store
// on disk, through app/webbridge: add a person, log an interaction, search,
// import a file, resolve a conflict, visit every screen. make test runs it
// after the production build (LEARNWORK_BINARY set); plain go test skips.
func TestEndToEnd(t *testing.T) {
	chromium := browserTest(t)

	dir := t.TempDir()
	a, bridge := bridgeWindow(t, filepath.Join(dir, "data"))
	ctx := context.Background()
	s := a.Store
	seedConflict(t, a, dir)

	vcf := filepath.Join(dir, "colleagues.vcf")
	card := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Seymour Papert\r\nN:Papert;Seymour;;;\r\nEMAIL;TYPE=work:seymour@example.org\r\nORG:MIT Media Lab\r\nEND:VCARD\r\n"
	if err := os.WriteFile(vcf, []byte(card), 0o644); err != nil {
		t.Fatal(err)
	}

	// Cards that look like people the flows store first (Grace Hopper, Alan
	// Kay and Sam Okafor): two held back, one a namesake from elsewhere.
	vcf2 := filepath.Join(dir, "more-contacts.vcf")
	cards := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nEMAIL:grace@vassar.example\r\nEND:VCARD\r\n" +
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alan Kay\r\nORG:PARC\r\nTITLE:Fellow\r\nEMAIL:alan@home.example\r\nEND:VCARD\r\n" +
		"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:sam-globex\r\nFN:Sam Okafor\r\nORG:Globex\r\nEMAIL:sam@globex.example\r\nEND:VCARD\r\n"
	if err := os.WriteFile(vcf2, []byte(cards), 0o644); err != nil {
		t.Fatal(err)
	}
	// Three exports naming one person: Google contacts with her LinkedIn
	// and Mastodon pages, the LinkedIn connections, the Mastodon follows.
	var network []string
	for _, f := range []string{"google-contacts.csv", "linkedin-connections.csv", "mastodon-following_accounts.csv"} {
		abs, err := filepath.Abs(filepath.Join("app", "network", "testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		network = append(network, abs)
	}

	base, stop, err := bridge.Listen()
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	// A second running Learnwork, the work computer, with its own data
	// directory and page, for connecting the two on 127.0.0.1.
	work, base2, stop2 := secondInstance(t, filepath.Join(dir, "work"))
	defer stop2()
	for _, x := range []struct {
		a    *app.App
		name string
	}{{a, "Laptop"}, {work, "Work computer"}} {
		if err := x.a.Sync.RenameDevice("self", x.name); err != nil {
			t.Fatal(err)
		}
		if err := x.a.Store.SetSetting(app.SettingDirectListen, "127.0.0.1:0"); err != nil {
			t.Fatal(err)
		}
	}

	feedsSite := newFeedSite(t)
	// A third Learnwork on an empty data directory, for the first run
	// through every step of the guide, with the calendar it imports.
	fresh, base3, stop3 := secondInstance(t, filepath.Join(dir, "first-run"))
	defer stop3()
	ics := filepath.Join(dir, "community-calendar.ics")
	if err := os.WriteFile(ics, []byte(firstRunCalendar(time.Now())), 0o644); err != nil {
		t.Fatal(err)
	}
	teamEnv, checkTeam := teamInstances(t, dir)

	out := testOutput(t)
	rctx, rcancel := context.WithTimeout(ctx, 5*time.Minute)
	defer rcancel()
	cmd := exec.CommandContext(rctx, "node", "e2e/flows.mjs")
	cmd.Dir = "frontend"
	cmd.Env = append(append(os.Environ(), teamEnv...), "LEARNWORK_URL="+base, "LEARNWORK_URL2="+base2, "LEARNWORK_URL3="+base3, "LEARNWORK_ICS="+ics, "LEARNWORK_SHOTS="+out, "LEARNWORK_VCF="+vcf, "LEARNWORK_VCF2="+vcf2, "LEARNWORK_NETWORK="+strings.Join(network, "\n"), "CHROMIUM="+chromium, "LEARNWORK_FEEDS="+feedsSite.URL)
	b, err := cmd.CombinedOutput()
	t.Logf("flows:\n%s", b)
	if err != nil {
		t.Fatalf("end-to-end flows failed: %v", err)
	}

	// What the flows did is in the store, not just on the screen.
	var people []string
	if err := s.View(ctx, func(r *store.Reader) error {
		items, err := r.List(store.KindPerson, store.ListOptions{Limit: 100})
		for _, it := range items {
			people = append(people, it.Title)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Ada Lovelace", "Kit Concurrent"} {
		if !contains(people, want) {
			t.Errorf("%s is not in the store after the flows: %v", want, people)
		}
	}
	// Ada came from three exports and was added by hand: one person.
	if n := count(people, "Ada Lovelace"); n != 1 {
		t.Errorf("Ada Lovelace is %d people after the network imports: %v", n, people)
	}
	if c, err := a.Entities.Conflicts(); err != nil || len(c) != 0 {
		t.Errorf("conflicts left after resolving: %+v %v", c, err)
	}
	checkFirstWeek(t, a, people)
	checkConnected(t, a, work)
	checkLearnedFrom(t, a, feedsSite)
	checkFirstRun(t, fresh)
	checkTeam()
}

// checkFirstRun looks in the new user's store for what the guide's five
// steps did: a person kept in touch with monthly, the calendar's events, a
// community on its schedule, a learning from that person.
func checkFirstRun(t *testing.T, a *app.App) {
	t.Helper()
	ctx := context.Background()
	got := map[store.Kind][]string{}
	if err := a.Store.View(ctx, func(r *store.Reader) error {
		for _, k := range []store.Kind{store.KindPerson, store.KindEvent, store.KindCommunity, store.KindLearning} {
			items, err := r.List(k, store.ListOptions{Limit: 100})
			if err != nil {
				return err
			}
			for _, it := range items {
				got[k] = append(got[k], it.ID)
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(got[store.KindPerson]) != 1 || len(got[store.KindEvent]) != 2 || len(got[store.KindCommunity]) != 1 || len(got[store.KindLearning]) != 1 {
		t.Fatalf("the first run stored %v, want one person, two events, one community, one learning", got)
	}
	p, err := a.Entities.GetPerson(got[store.KindPerson][0])
	if err != nil || p.Name != "Seymour Papert" || p.Cadence != "30" {
		t.Errorf("the person kept in touch with: %+v %v", p, err)
	}
	c, err := a.Entities.GetCommunity(got[store.KindCommunity][0])
	if err != nil || c.Schedule == "" {
		t.Errorf("the community has no schedule: %+v %v", c, err)
	}
	l, err := a.Entities.GetLearning(got[store.KindLearning][0])
	if err != nil || len(l.From) != 1 || l.From[0] != p.ID {
		t.Errorf("the first learning is not from Seymour Papert: %+v %v", l, err)
	}
}

// firstRunCalendar is the calendar a new user imports in the first-run
// journey: a weekly chat that began six weeks before now, and a one-off
// Lunch and Learn last week.
func firstRunCalendar(now time.Time) string {
	day := func(d int) string { return now.AddDate(0, 0, d).Format("20060102") }
	return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Learnwork e2e//EN\r\n" +
		"BEGIN:VEVENT\r\nUID:lrnchat-weekly@e2e\r\nDTSTAMP:" + day(-42) + "T120000Z\r\nDTSTART:" + day(-42) + "T193000Z\r\nDTEND:" + day(-42) + "T203000Z\r\n" +
		"RRULE:FREQ=WEEKLY\r\nSUMMARY:#lrnchat weekly chat\r\nLOCATION:Online\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:lunch-learn@e2e\r\nDTSTAMP:" + day(-7) + "T120000Z\r\nDTSTART:" + day(-7) + "T120000Z\r\nDTEND:" + day(-7) + "T130000Z\r\n" +
		"SUMMARY:Lunch and Learn: feedback that lands\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
}

// secondInstance opens another Learnwork on dir behind a bridge of its own,
// as a second window on another computer would run.
func secondInstance(t *testing.T, dir string) (*app.App, string, func()) {
	t.Helper()
	a, bridge := bridgeWindow(t, dir)
	base, stop, err := bridge.Listen()
	if err != nil {
		t.Fatal(err)
	}
	return a, base, stop
}

// checkConnected looks in both trust lists for what the connect flow did:
// each computer lists the other once, synced with it on the network, and
// the laptop's people reached the work computer.
func checkConnected(t *testing.T, laptop, work *app.App) {
	t.Helper()
	for _, x := range []struct {
		a     *app.App
		other string
	}{{laptop, "Work computer"}, {work, "Laptop"}} {
		devs, err := x.a.Sync.Devices()
		if err != nil || len(devs) != 1 || devs[0].Name != x.other || devs[0].LastSeen == "" || devs[0].How != "network" {
			t.Errorf("devices after connecting: %+v %v, want %s synced on the network", devs, err, x.other)
		}
	}
	if hits, err := work.Entities.Search("Ada Lovelace", 5); err != nil || len(hits) == 0 {
		t.Errorf("the work computer did not get Ada Lovelace: %v %v", hits, err)
	}
}

// checkFirstWeek looks in the store for what the first-week flows did: the
// quick log's new person linked to the interaction, the held-back cards
// added and merged, the namesake added, nothing still held back.
func checkFirstWeek(t *testing.T, a *app.App, people []string) {
	t.Helper()
	count := func(name string) int {
		n := 0
		for _, p := range people {
			if p == name {
				n++
			}
		}
		return n
	}
	// Grace Hopper: the one stored, the held-back card added as new, and
	// the one the network exports bring (US Navy Reserve, another email:
	// someone else by the namesake rule).
	for name, want := range map[string]int{"Bo Chen": 1, "Grace Hopper": 3, "Alan Kay": 1, "Sam Okafor": 2} {
		if got := count(name); got != want {
			t.Errorf("%d people named %s, want %d", got, name, want)
		}
	}
	first := func(query string, k store.Kind) string {
		hits, err := a.Entities.Search(query, 10)
		for _, h := range hits {
			if h.Kind == k {
				return h.ID
			}
		}
		t.Fatalf("no %s %q: %v %v", k, query, hits, err)
		return ""
	}
	in, err := a.Entities.GetInteraction(first("Coffee about onboarding", store.KindInteraction))
	if err != nil || len(in.People) != 1 {
		t.Fatalf("interaction %+v, %v", in, err)
	}
	if bo, err := a.Entities.GetPerson(in.People[0]); err != nil || bo.Name != "Bo Chen" {
		t.Errorf("the interaction is with %+v, %v; want Bo Chen", bo, err)
	}
	if p, err := a.Entities.GetPerson(first("Alan Kay", store.KindPerson)); err != nil || len(p.Emails) != 2 || p.Title != "Fellow" {
		t.Errorf("Alan Kay after the merge: %+v %v", p, err)
	}
	if held, err := a.Imports.HeldBack(); err != nil || len(held) != 0 {
		t.Errorf("still held back: %+v %v", held, err)
	}
}

func count(list []string, s string) int {
	n := 0
	for _, x := range list {
		if x == s {
			n++
		}
	}
	return n
}

// browserTest skips unless make test built the frontend (LEARNWORK_BINARY
// set) and returns the Chromium to drive.
func browserTest(t *testing.T) string {
	t.Helper()
	if os.Getenv("LEARNWORK_BINARY") == "" {
		t.Skip("LEARNWORK_BINARY not set (make test sets it after building the frontend)")
	}
	for _, f := range []string{"frontend/dist/index.html", "frontend/node_modules/playwright-core/package.json"} {
		if _, err := os.Stat(f); err != nil {
			t.Fatalf("%s is missing: make test builds and installs it", f)
		}
	}
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		t.Fatalf("Chromium is missing at %s: make test installs the chromium package", chromium)
	}
	return chromium
}

// bridgeWindow opens the data directory as the window does and binds
// the same services (app/desktop.go) to a web bridge, dialogs answered by
// the flows; the app closes when the test ends.
func bridgeWindow(t *testing.T, data string) (*app.App, *webbridge.Server) {
	t.Helper()
	bridge := webbridge.New(os.DirFS("frontend/dist"), nil)
	a, err := app.Open(data, app.Options{Window: bridge})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	bridge.BindAll(a.Bound()...)
	bridge.Bind("Desktop", &webbridge.Dialogs{})
	return a, bridge
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// seedConflict makes "Kit Concurrent" whose organisation was edited on two
// devices at once: a second store gets the person through a backup, both
// change org, and this store merges the other's backup.
func seedConflict(t *testing.T, a *app.App, dir string) {
	sv := a.Entities
	t.Helper()
	id, err := sv.SavePerson(store.Person{Name: "Kit Concurrent", Org: "Acme"})
	if err != nil {
		t.Fatal(err)
	}
	first := filepath.Join(dir, "first.json")
	if _, err := sv.Backup(first); err != nil {
		t.Fatal(err)
	}
	other, err := app.Open(filepath.Join(dir, "laptop"), app.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	laptop := other.Entities
	if _, err := laptop.RestoreBackup(first); err != nil {
		t.Fatal(err)
	}
	if err := laptop.Edit(id, []app.FieldEdit{{Field: "org", Value: "Initech"}}); err != nil {
		t.Fatal(err)
	}
	if err := sv.Edit(id, []app.FieldEdit{{Field: "org", Value: "Globex"}}); err != nil {
		t.Fatal(err)
	}
	second := filepath.Join(dir, "second.json")
	if _, err := laptop.Backup(second); err != nil {
		t.Fatal(err)
	}
	if _, err := sv.RestoreBackup(second); err != nil {
		t.Fatal(err)
	}
	if c, err := a.Entities.Conflicts(); err != nil || len(c) != 1 {
		t.Fatalf("seeding a conflict gave %+v %v", c, err)
	}
}
