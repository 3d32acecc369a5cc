package app

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"learnwork/app/importer"
	"learnwork/internal/racebuild"
	"learnwork/store"
)

func newEventServices(t *testing.T) *App {
	return eventServicesAt(t, time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC))
}

func eventServicesAt(t *testing.T, now time.Time) *App {
	t.Helper()
	s, err := store.Open("")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return testApp(t, s, Options{Now: func() time.Time { return now }})
}

const testdata = "ical/testdata"

func importFiles(t *testing.T, sv *App, opts importer.Options, files ...string) []*importer.Report {
	t.Helper()
	var paths []string
	for _, f := range files {
		paths = append(paths, filepath.Join(testdata, f))
	}
	reps, err := sv.Imports.ImportWith(paths, opts)
	if err != nil {
		t.Fatal(err)
	}
	return reps
}

// eventsByTitle reads every live event, keyed by title.
func eventsByTitle(t *testing.T, sv *App) map[string]*store.Event {
	t.Helper()
	out := map[string]*store.Event{}
	err := sv.Store.View(context.Background(), func(r *store.Reader) error {
		return r.Each(store.KindEvent, func(rec *store.Record) bool {
			e := r.View(rec).(*store.Event)
			out[e.Title] = e
			return true
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

var clientFiles = []string{"google.ics", "outlook365.ics", "apple.ics", "thunderbird.ics", "meetup.ics"}

// What each client's real export becomes, field by field.
func TestImportClientExports(t *testing.T) {
	sv := newEventServices(t)
	// Ada is known before the import: attendees link to her by email.
	ada, err := sv.Entities.SavePerson(store.Person{Name: "Ada Lovelace", Emails: []store.Contact{{Value: "Ada@Example.org"}}})
	if err != nil {
		t.Fatal(err)
	}
	reps := importFiles(t, sv, importer.Options{}, clientFiles...)
	created := map[string]int{}
	for _, r := range reps {
		created[r.File] = r.Created
		if r.Skipped != 0 {
			t.Errorf("%s: %d skipped: %+v", r.File, r.Skipped, r.Records)
		}
	}
	if want := map[string]int{"google.ics": 4, "outlook365.ics": 3, "apple.ics": 2, "thunderbird.ics": 2, "meetup.ics": 3}; !maps.Equal(created, want) {
		t.Errorf("created %v, want %v", created, want)
	}
	ev := eventsByTitle(t, sv)
	check := func(title, field, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s: %s = %q, want %q", title, field, got, want)
		}
	}
	// Google: a weekly series in New York, an EXDATE, an override, a UTC
	// single event shown in the calendar's zone, an all-day range.
	l := ev["#lrnchat"]
	check("#lrnchat", "start", l.Start, "2026-01-08T20:30:00")
	check("#lrnchat", "tz", l.TZ, "America/New_York")
	check("#lrnchat", "end", l.End, "2026-01-08T21:30:00")
	check("#lrnchat", "rrule", l.RRule, "FREQ=WEEKLY;BYDAY=TH")
	check("#lrnchat", "exdates", strings.Join(l.ExDates, ","), "2026-02-27T01:30:00Z")
	check("#lrnchat", "organizer", l.Organizer, "Jane Bozarth <jane.bozarth@example.org>")
	check("#lrnchat", "notes", l.Notes, "Weekly chat on learning in organisations. Follow #lrnchat.\nQuestions posted at 8:30pm ET.")
	o := ev["#lrnchat (Friday edition)"]
	check("override", "series", o.Series, l.ID)
	check("override", "recurrenceId", o.RecurrenceID, "2026-03-13T00:30:00Z")
	var adaLinked bool
	for _, a := range l.Attendees {
		if a.Email == "ada@example.org" {
			adaLinked = a.PersonID == ada
		}
	}
	if !adaLinked {
		t.Errorf("attendee ada@example.org not linked to person %s: %+v", ada, l.Attendees)
	}
	w := ev["Webinar: Working out loud"]
	check("webinar", "start", w.Start, "2026-04-15T12:00:00")
	check("webinar", "tz", w.TZ, "America/New_York")
	d := ev["DevLearn"]
	check("DevLearn", "start", d.Start, "2026-05-01")
	check("DevLearn", "end", d.End, "2026-05-03")
	check("DevLearn", "location", d.Location, "Las Vegas, NV")
	if !d.AllDay {
		t.Error("DevLearn is not all day")
	}
	// Outlook: Windows zone names, an override in another zone, a
	// cancelled instance, mixed-case emails.
	lunch := ev["Lunch and Learn"]
	check("Lunch and Learn", "tz", lunch.TZ, "Europe/Berlin")
	check("Lunch and Learn", "rrule", lunch.RRule, "FREQ=MONTHLY;COUNT=6;BYDAY=3TH")
	check("Lunch and Learn", "exdates", strings.Join(lunch.ExDates, ","), "2026-04-16T10:00:00Z")
	check("Lunch and Learn", "notes", lunch.Notes, "Monthly Lunch and Learn of the L&D community of practice.\nBring your lunch; we bring the topic.")
	london := ev["Lunch and Learn (London)"]
	check("London override", "tz", london.TZ, "Europe/London")
	check("London override", "recurrenceId", london.RecurrenceID, "2026-02-19T11:00:00Z")
	check("London override", "series", london.Series, lunch.ID)
	check("cancelled", "status", ev["Canceled: Lunch and Learn"].Status, "CANCELLED")
	emails := []string{}
	for _, a := range lunch.Attendees {
		emails = append(emails, a.Email)
	}
	slices.Sort(emails)
	check("Lunch and Learn", "attendees", strings.Join(emails, ","), "ada@example.org,grace.hopper@example.org,sam@example.com")
	// Apple: escaped newlines and commas, a URL, a yearly all-day birthday.
	b := ev["Book club: Make It Stick"]
	check("Book club", "location", b.Location, "The Library Café\n12 Queen St, London")
	check("Book club", "url", b.URL, "https://example.org/bookclub")
	check("birthday", "start", ev["Ada's birthday"].Start, "1985-12-10")
	// Thunderbird: folded attendee lines, categories as topics, DURATION,
	// a floating time.
	wol := ev["Working Out Loud circle"]
	check("WOL", "topics", strings.Join(wol.Topics, ","), "Working out loud,Personal knowledge mastery")
	check("WOL", "exdates", strings.Join(wol.ExDates, ","), "2026-03-03T16:00:00Z")
	if !slices.ContainsFunc(wol.Attendees, func(a store.Attendee) bool { return a.Email == "linus@example.net" && a.Name == "Linus T" }) {
		t.Errorf("WOL attendees: %+v", wol.Attendees)
	}
	pkm := ev["Read the PKM paper"]
	check("PKM", "tz", pkm.TZ, "")
	check("PKM", "end", pkm.End, "2026-01-10T10:30:00")
	// Meetup: one URL each.
	check("Meetup", "url", ev["Chicago Learning Designers Meetup"].URL[:42], "https://www.meetup.com/chicago-learning-de")

	// The agenda of March, across the US DST change: the EXDATE'd and
	// cancelled instances are gone, the moved ones are where they went.
	items, err := sv.Calendar.Occurrences("2026-02-15", "2026-03-20")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range items {
		if strings.Contains(it.Title, "lrnchat") || strings.Contains(it.Title, "Lunch") {
			got = append(got, it.Start.Format(time.RFC3339)+" "+it.Title)
		}
	}
	want := []string{
		"2026-02-19T11:30:00Z Lunch and Learn (London)",
		"2026-02-19T20:30:00-05:00 #lrnchat",
		"2026-03-05T20:30:00-05:00 #lrnchat",
		"2026-03-13T20:00:00-04:00 #lrnchat (Friday edition)",
		"2026-03-19T20:30:00-04:00 #lrnchat",
	}
	if !slices.Equal(got, want) {
		t.Errorf("agenda:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestReimportIsIdempotent(t *testing.T) {
	sv := newEventServices(t)
	importFiles(t, sv, importer.Options{}, clientFiles...)
	before := eventsByTitle(t, sv)
	for _, r := range importFiles(t, sv, importer.Options{}, clientFiles...) {
		if r.Created+r.Updated+r.Skipped != 0 {
			t.Errorf("%s again: %d created, %d updated, %d skipped", r.File, r.Created, r.Updated, r.Skipped)
		}
	}
	// A file that regenerates every UID (some exporters do on each export)
	// still matches by title and start.
	data, _ := os.ReadFile(filepath.Join(testdata, "google.ics"))
	regen := strings.NewReplacer("4k2v9lrnchat0c8q1lq8vq1h3s@google.com", "new-uid-1@google.com",
		"1ab2c3d4e5f6g7h8i9j0webinar@google.com", "new-uid-2@google.com", "0p9o8i7u6y5t4r3e2w1qdevlearn@google.com", "new-uid-3@google.com").Replace(string(data))
	path := filepath.Join(t.TempDir(), "google-again.ics")
	os.WriteFile(path, []byte(regen), 0o644)
	reps, err := sv.Imports.Import([]string{path}, false)
	if err != nil {
		t.Fatal(err)
	}
	if r := reps[0]; r.Created != 0 {
		t.Errorf("regenerated UIDs created %d events: %+v", r.Created, r.Records)
	}
	after := eventsByTitle(t, sv)
	if len(after) != len(before) {
		t.Errorf("%d events after, %d before", len(after), len(before))
	}
	if l := after["#lrnchat"]; !slices.Contains(l.UIDs, "new-uid-1@google.com") {
		t.Errorf("new UID not remembered: %v", l.UIDs)
	}
	// And importing the regenerated file again is now a match by UID.
	reps, _ = sv.Imports.Import([]string{path}, false)
	if r := reps[0]; r.Created+r.Updated != 0 {
		t.Errorf("third import: %d created, %d updated", r.Created, r.Updated)
	}
	// A changed event updates in place.
	changed := strings.Replace(string(data), "SUMMARY:DevLearn", "SUMMARY:DevLearn\r\nLOCATION:MGM Grand", 1)
	changed = strings.Replace(changed, "LOCATION:Las Vegas\\, NV\r\n", "", 1)
	os.WriteFile(path, []byte(changed), 0o644)
	reps, _ = sv.Imports.Import([]string{path}, false)
	if r := reps[0]; r.Updated != 1 || r.Created != 0 {
		t.Errorf("changed location: %+v", r.Records)
	}
	if got := eventsByTitle(t, sv)["DevLearn"].Location; got != "MGM Grand" {
		t.Errorf("location = %q", got)
	}
}

func TestDryRunWritesNothingAndUndoRemoves(t *testing.T) {
	sv := newEventServices(t)
	reps := importFiles(t, sv, importer.Options{DryRun: true}, "google.ics")
	if reps[0].Created != 4 || !reps[0].DryRun {
		t.Errorf("dry run report: %+v", reps[0])
	}
	if n := len(eventsByTitle(t, sv)); n != 0 {
		t.Fatalf("dry run stored %d events", n)
	}
	reps = importFiles(t, sv, importer.Options{}, "google.ics")
	if n := len(eventsByTitle(t, sv)); n != 4 {
		t.Fatalf("%d events after import", n)
	}
	if _, err := sv.Imports.UndoImport(reps[0].Batch); err != nil {
		t.Fatal(err)
	}
	if n := len(eventsByTitle(t, sv)); n != 0 {
		t.Errorf("%d events after undo", n)
	}
	if items, _ := sv.Calendar.Occurrences("2026-01-01", "2026-12-31"); len(items) != 0 {
		t.Errorf("agenda after undo has %d items", len(items))
	}
}

func TestCreatePeopleOnlyWhenAsked(t *testing.T) {
	sv := newEventServices(t)
	importFiles(t, sv, importer.Options{}, "outlook365.ics")
	if o, _ := sv.Entities.Overview(); o.Counts["person"] != 0 {
		t.Fatalf("people created without asking: %d", o.Counts["person"])
	}
	sv2 := newEventServices(t)
	importFiles(t, sv2, importer.Options{CreatePeople: true}, "outlook365.ics")
	o, _ := sv2.Entities.Overview()
	if o.Counts["person"] != 3 {
		t.Errorf("%d people created, want 3 (organiser and two attendees)", o.Counts["person"])
	}
	for _, a := range eventsByTitle(t, sv2)["Lunch and Learn"].Attendees {
		if a.PersonID == "" {
			t.Errorf("attendee %s not linked", a.Email)
		}
	}
}

// proposedFromClients imports the real clients' calendars and returns
// what is proposed as communities, by name.
func proposedFromClients(t *testing.T) (*App, map[string]CommunityProposal) {
	t.Helper()
	sv := newEventServices(t)
	importFiles(t, sv, importer.Options{}, clientFiles...)
	ps, err := sv.Calendar.CommunityProposals()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]CommunityProposal{}
	for _, p := range ps {
		got[p.Name] = p
	}
	return sv, got
}

func TestCommunityProposals(t *testing.T) {
	sv, got := proposedFromClients(t)
	if p := got["#lrnchat"]; p.Schedule != "weekly, Thursday 20:30 America/New_York" || p.Hashtag != "#lrnchat" {
		t.Errorf("#lrnchat proposal: %+v", p)
	}
	if p := got["Book club: Make It Stick"]; p.Schedule != "monthly, first Wednesday 18:30 Europe/London" {
		t.Errorf("book club proposal: %+v", p)
	}
	if p := got["Chicago Learning Designers Meetup"]; p.Sessions != 3 || len(p.EventIDs) != 3 {
		t.Errorf("meetup proposal: %+v", p)
	}
	if _, ok := got["Ada's birthday"]; ok {
		t.Error("a birthday was proposed as a community")
	}
	if _, err := sv.Calendar.AcceptProposalSince(got["#lrnchat"].Key, "", "last autumn"); !errors.Is(err, errDay) {
		t.Fatalf("member since last autumn: %v", err)
	}
	id, err := sv.Calendar.AcceptProposalSince(got["#lrnchat"].Key, "", "2025-09-04")
	if err != nil {
		t.Fatal(err)
	}
	c, err := sv.Entities.GetCommunity(id)
	if err != nil || c.Name != "#lrnchat" || c.Schedule != got["#lrnchat"].SeriesID || c.Hashtag != "#lrnchat" || c.Since != "2025-09-04" {
		t.Fatalf("community %+v, %v", c, err)
	}
	ev := eventsByTitle(t, sv)
	if ev["#lrnchat"].Community != id || ev["#lrnchat (Friday edition)"].Community != id {
		t.Error("series and override not linked to the community")
	}
	items, _ := sv.Calendar.Occurrences("2026-03-01", "2026-03-31")
	for _, it := range items {
		if strings.Contains(it.Title, "lrnchat") && it.CommunityName != "#lrnchat" {
			t.Errorf("agenda item %q not marked as a community session", it.Title)
		}
	}
	if err := sv.Calendar.DismissProposal(got["Chicago Learning Designers Meetup"].Key); err != nil {
		t.Fatal(err)
	}
	ps, _ := sv.Calendar.CommunityProposals()
	for _, p := range ps {
		if p.Name == "#lrnchat" || p.Name == "Chicago Learning Designers Meetup" {
			t.Errorf("%s still proposed", p.Name)
		}
	}
	if err := sv.Calendar.DismissProposal("nope"); err == nil {
		t.Error("unknown proposal dismissed")
	}
}

// A series set as a community's schedule on its form (not accepted from a
// proposal) is that community's: its sessions say so in the agenda, and it
// is no longer proposed as a community of its own.
func TestScheduleFromTheFormIsNotProposed(t *testing.T) {
	sv, got := proposedFromClients(t)
	series := got["#lrnchat"].SeriesID
	if series == "" {
		t.Fatalf("#lrnchat not proposed: %+v", got)
	}
	if _, err := sv.Entities.SaveCommunity(store.Community{Name: "Learning chat", Schedule: series}); err != nil {
		t.Fatal(err)
	}
	ps, _ := sv.Calendar.CommunityProposals()
	for _, p := range ps {
		if p.SeriesID == series {
			t.Errorf("the chat is still proposed as a community: %+v", p)
		}
	}
	items, _ := sv.Calendar.Occurrences("2026-03-01", "2026-03-31")
	n := 0
	for _, it := range items {
		if strings.Contains(it.Title, "lrnchat") {
			n++
			if it.CommunityName != "Learning chat" {
				t.Errorf("agenda item %q on %s not marked as a session of Learning chat", it.Title, it.Start)
			}
		}
	}
	if n == 0 {
		t.Error("no #lrnchat sessions in March")
	}
}

// Export, then import into an empty store: every stored field comes back.
func TestExportRoundTrip(t *testing.T) {
	sv := newEventServices(t)
	importFiles(t, sv, importer.Options{}, clientFiles...)
	path := filepath.Join(t.TempDir(), "all.ics")
	n, err := sv.Calendar.ExportEvents(nil, path)
	if err != nil || n != 14 {
		t.Fatalf("exported %d, %v", n, err)
	}
	sv2 := newEventServices(t)
	reps, err := sv2.Imports.Import([]string{path}, false)
	if err != nil || reps[0].Created != 14 || reps[0].Skipped != 0 {
		t.Fatalf("re-import: %+v %v", reps, err)
	}
	a, b := eventsByTitle(t, sv), eventsByTitle(t, sv2)
	for title, ea := range a {
		eb := b[title]
		if eb == nil {
			t.Errorf("%q lost", title)
			continue
		}
		if titleOf(a, ea.Series) != titleOf(b, eb.Series) {
			t.Errorf("%q: series link lost: %q, %q", title, titleOf(a, ea.Series), titleOf(b, eb.Series))
		}
		ea.Meta, eb.Meta = store.Meta{}, store.Meta{}
		ea.Series, eb.Series = "", ""
		for i := range ea.Attendees {
			ea.Attendees[i].PersonID = ""
		}
		if !equalEvents(ea, eb) {
			t.Errorf("%q changed in the round trip:\n %+v\n %+v", title, *ea, *eb)
		}
	}
	// Exporting one community gives its schedule with the override.
	ps, _ := sv.Calendar.CommunityProposals()
	var key string
	for _, p := range ps {
		if p.Name == "#lrnchat" {
			key = p.Key
		}
	}
	cid, _ := sv.Calendar.AcceptProposal(key, "lrnchat")
	var buf bytes.Buffer
	n, err = icalExporter{}.Export(context.Background(), sv.Store, &buf, importer.ExportOptions{IDs: []string{cid}})
	if err != nil || n != 2 || !strings.Contains(buf.String(), "X-WR-CALNAME:lrnchat") || strings.Count(buf.String(), "BEGIN:VEVENT") != 2 {
		t.Errorf("community export: %d, %v\n%s", n, err, buf.String())
	}
}

func titleOf(m map[string]*store.Event, id string) string {
	if id == "" {
		return ""
	}
	for t, e := range m {
		if e.ID == id {
			return t
		}
	}
	return ""
}

func equalEvents(a, b *store.Event) bool {
	return a.Title == b.Title && a.Start == b.Start && a.End == b.End && a.TZ == b.TZ && a.AllDay == b.AllDay && a.RRule == b.RRule &&
		slices.Equal(a.RDates, b.RDates) && slices.Equal(a.ExDates, b.ExDates) && a.RecurrenceID == b.RecurrenceID && a.Status == b.Status &&
		a.Location == b.Location && a.URL == b.URL && a.Organizer == b.Organizer && slices.Equal(a.Attendees, b.Attendees) &&
		slices.Equal(a.Topics, b.Topics) && a.Notes == b.Notes && slices.Equal(a.UIDs, b.UIDs)
}

func TestSubscriptionFileStaysCurrent(t *testing.T) {
	sv := newEventServices(t)
	path := filepath.Join(t.TempDir(), "learnwork.ics")
	if err := sv.Calendar.SetSubscription(path); err != nil {
		t.Fatal(err)
	}
	importFiles(t, sv, importer.Options{}, "meetup.ics")
	deadline := time.Now().Add(racebuild.Scale(5 * time.Second))
	for {
		data, _ := os.ReadFile(path)
		if strings.Count(string(data), "BEGIN:VEVENT") == 3 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("subscription file not rewritten:\n%s", data)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if sv.Calendar.Subscription() != path {
		t.Errorf("Subscription() = %q", sv.Calendar.Subscription())
	}
}

// scheduledCommunity imports Google's calendar and accepts its first
// proposed community, whose schedule is the proposal's series.
func scheduledCommunity(t *testing.T) (*App, string) {
	t.Helper()
	now := time.Date(2026, 2, 20, 12, 0, 0, 0, time.UTC)
	sv := eventServicesAt(t, now)
	importFiles(t, sv, importer.Options{}, "google.ics")
	ps, err := sv.Calendar.CommunityProposals()
	if err != nil || len(ps) == 0 {
		t.Fatalf("proposals %v, %v", ps, err)
	}
	id, err := sv.Calendar.AcceptProposal(ps[0].Key, "")
	if err != nil {
		t.Fatal(err)
	}
	return sv, id
}

// An accepted proposal's series is the community's schedule: nurture sees
// its sessions, expanded by occur, with the moved and excluded instances.
func TestCommunitySessionsFromSchedule(t *testing.T) {
	sv, id := scheduledCommunity(t)
	a, err := sv.Nurture.Attendance(id)
	if err != nil {
		t.Fatal(err)
	}
	if !a.Scheduled || a.Attendance.Next == nil {
		t.Fatalf("attendance: %+v", a)
	}
	var starts []string
	for _, s := range a.Attendance.Sessions {
		starts = append(starts, s.Start.UTC().Format(time.RFC3339))
	}
	joined := strings.Join(starts, " ")
	// 5 March 20:30 EST, the override on 13 March 20:00 EDT, 19 March 20:30 EDT.
	for _, want := range []string{"2026-03-06T01:30:00Z", "2026-03-14T00:00:00Z", "2026-03-20T00:30:00Z"} {
		if !strings.Contains(joined, want) {
			t.Errorf("sessions lack %s: %s", want, joined)
		}
	}
	// 26 February is excluded, 12 March moved.
	for _, gone := range []string{"2026-02-27T01:30:00Z", "2026-03-13T00:30:00Z"} {
		if strings.Contains(joined, gone) {
			t.Errorf("sessions hold %s: %s", gone, joined)
		}
	}
}

// Events with different UIDs and the same title and start (two people's
// "Standup", an Exchange room calendar) stay apart, and importing the
// file again changes nothing, whatever their order.
func TestDifferentUIDsStayApart(t *testing.T) {
	sv := newEventServices(t)
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\n")
	for i, end := range []string{"093000", "100000", "094500"} {
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:040000008200E00074C5B7101A82E00800000000%02d\r\nSUMMARY:Standup\r\nDTSTART;TZID=Europe/Berlin:20260302T090000\r\nDTEND;TZID=Europe/Berlin:20260302T%s\r\nRRULE:FREQ=WEEKLY;COUNT=10\r\nEND:VEVENT\r\n", i, end)
	}
	b.WriteString("END:VCALENDAR\r\n")
	path := filepath.Join(t.TempDir(), "standups.ics")
	os.WriteFile(path, []byte(b.String()), 0o644)
	reps, err := sv.Imports.Import([]string{path}, false)
	if err != nil {
		t.Fatal(err)
	}
	if r := reps[0]; r.Created != 3 {
		t.Fatalf("created %d, want 3: %+v", r.Created, r.Records)
	}
	occ, err := sv.Calendar.Occurrences("2026-03-01", "2026-06-30")
	if err != nil {
		t.Fatal(err)
	}
	if len(occ) != 30 {
		t.Errorf("%d occurrences, want 30", len(occ))
	}
	for range 2 {
		reps, _ = sv.Imports.Import([]string{path}, false)
		if r := reps[0]; r.Created+r.Updated != 0 || r.Unchanged != 3 {
			t.Errorf("again: %d created, %d updated: %+v", r.Created, r.Updated, r.Records)
		}
	}
}

// iTIP files as mail clients save them: an invitation (REQUEST), an
// attendee's REPLY without DTSTART, then the organiser's CANCEL. The
// reply updates the attendee's status, the cancel the event's, both
// again are no-ops, and answers to events not stored are skipped with
// that reason.
func TestITIPReplyAndCancel(t *testing.T) {
	sv := newEventServices(t)
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(strings.ReplaceAll(body, "\n", "\r\n")), 0o644)
		return p
	}
	request := write("invite.ics", `BEGIN:VCALENDAR
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN
VERSION:2.0
METHOD:REQUEST
BEGIN:VEVENT
ORGANIZER;CN="Jane Roe":mailto:jane@example.org
ATTENDEE;CN="Ada Lovelace";RSVP=TRUE;PARTSTAT=NEEDS-ACTION;ROLE=REQ-PARTICIPANT:mailto:ada@example.org
ATTENDEE;CN="Sam Lee";RSVP=TRUE;PARTSTAT=NEEDS-ACTION;ROLE=OPT-PARTICIPANT:mailto:sam@example.org
UID:040000008200E00074C5B7101A82E0080000000090F4A1B2C3D4D901000000000000000010000000
SEQUENCE:0
SUMMARY:Book club
DTSTART;TZID=Europe/London:20260310T180000
DTEND;TZID=Europe/London:20260310T190000
STATUS:CONFIRMED
END:VEVENT
BEGIN:VEVENT
UID:no-start@example.org
SUMMARY:A meeting without a start
END:VEVENT
END:VCALENDAR
`)
	reply := write("reply.ics", `BEGIN:VCALENDAR
PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN
VERSION:2.0
METHOD:REPLY
BEGIN:VEVENT
ORGANIZER;CN="Jane Roe":mailto:jane@example.org
ATTENDEE;CN="Ada Lovelace";PARTSTAT=ACCEPTED:mailto:ada@example.org
UID:040000008200E00074C5B7101A82E0080000000090F4A1B2C3D4D901000000000000000010000000
SEQUENCE:0
DTSTAMP:20260301T090000Z
END:VEVENT
END:VCALENDAR
`)
	cancel := write("cancel.ics", `BEGIN:VCALENDAR
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN
VERSION:2.0
METHOD:CANCEL
BEGIN:VEVENT
ORGANIZER;CN="Jane Roe":mailto:jane@example.org
UID:040000008200E00074C5B7101A82E0080000000090F4A1B2C3D4D901000000000000000010000000
SEQUENCE:1
SUMMARY:Canceled: Book club
DTSTART;TZID=Europe/London:20260310T180000
STATUS:CANCELLED
END:VEVENT
BEGIN:VEVENT
UID:never-imported@example.org
SEQUENCE:1
SUMMARY:Canceled: Something else
DTSTART:20260311T180000Z
END:VEVENT
END:VCALENDAR
`)
	one := func(path string) *importer.Report {
		t.Helper()
		reps, err := sv.Imports.Import([]string{path}, false)
		if err != nil {
			t.Fatal(err)
		}
		return reps[0]
	}
	r := one(request)
	if r.Created != 1 || r.Skipped != 1 || !strings.Contains(r.Records[0].Reason+r.Records[1].Reason, "no DTSTART") {
		t.Fatalf("request: %+v", r.Records)
	}
	r = one(reply)
	if r.Updated != 1 || r.Created != 0 || !slices.Contains(r.Records[0].Fields, "attendees") {
		t.Errorf("reply: %+v", r.Records)
	}
	ev := eventsByTitle(t, sv)["Book club"]
	for _, a := range ev.Attendees {
		if want := map[string]string{"ada@example.org": "ACCEPTED", "sam@example.org": "NEEDS-ACTION", "jane@example.org": ""}[a.Email]; a.Status != want {
			t.Errorf("%s: %q, want %q", a.Email, a.Status, want)
		}
	}
	if r = one(reply); r.Unchanged != 1 || r.Updated != 0 {
		t.Errorf("reply again: %+v", r.Records)
	}
	r = one(cancel)
	if r.Updated != 1 || r.Skipped != 1 || r.Records[1].Reason != "cancels an event that is not in Learnwork" {
		t.Errorf("cancel: %+v", r.Records)
	}
	if ev := eventsByTitle(t, sv)["Book club"]; ev == nil || ev.Status != "CANCELLED" {
		t.Errorf("after the cancel: %+v", ev)
	}
	if occ, _ := sv.Calendar.Occurrences("2026-03-01", "2026-03-31"); len(occ) != 0 {
		t.Errorf("a cancelled event still shows: %+v", occ)
	}
	if r = one(cancel); r.Updated+r.Created != 0 {
		t.Errorf("cancel again: %+v", r.Records)
	}
}

// Importing any calendar again changes nothing: every file of the corpus
// and of the client files, one after another into one store, each
// imported twice.
func TestICalCorpusReimport(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(cmp.Or(os.Getenv("LEARNWORK_CORPUS"), filepath.Join("..", "..", "shared", "corpus")), "ics", "*"))
	more, _ := filepath.Glob(filepath.Join(testdata, "*.ics"))
	files = append(files, more...)
	sv := newEventServices(t)
	n := 0
	for _, f := range files {
		if holdsNothing(t, sv, f) {
			continue
		}
		n++
		r0 := importPath(t, sv, f)
		r := importPath(t, sv, f)
		if r.Created+r.Updated != 0 || r.Skipped != r0.Skipped {
			var changed []importer.Record
			for _, rec := range r.Records {
				if rec.Action == importer.Created || rec.Action == importer.Updated {
					changed = append(changed, rec)
				}
			}
			t.Errorf("%s again: %d created, %d updated, %d skipped (first %d): %+v", filepath.Base(f), r.Created, r.Updated, r.Skipped, r0.Skipped, changed)
		}
	}
	if n < len(more) {
		t.Errorf("only %d files imported", n)
	}
}

func importPath(t *testing.T, sv *App, path string) *importer.Report {
	t.Helper()
	reps, err := sv.Imports.Import([]string{path}, false)
	if err != nil {
		t.Fatal(err)
	}
	return reps[0]
}

// Outlook cancels one instance of a series with METHOD:CANCEL and its
// RECURRENCE-ID: that instance goes, the rest stay.
func TestITIPCancelOneInstance(t *testing.T) {
	sv := newEventServices(t)
	dir := t.TempDir()
	series := filepath.Join(dir, "series.ics")
	os.WriteFile(series, []byte("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:weekly-1@example.org\r\nSUMMARY:Mentoring\r\nDTSTART;TZID=Europe/London:20260302T120000\r\nDTEND;TZID=Europe/London:20260302T130000\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"), 0o644)
	cancel := filepath.Join(dir, "cancel.ics")
	os.WriteFile(cancel, []byte("BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nBEGIN:VEVENT\r\nUID:weekly-1@example.org\r\nRECURRENCE-ID;TZID=Europe/London:20260309T120000\r\nSEQUENCE:1\r\nSUMMARY:Canceled: Mentoring\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"), 0o644)
	importPath(t, sv, series)
	if r := importPath(t, sv, cancel); r.Created != 1 {
		t.Fatalf("cancel: %+v", r.Records)
	}
	occ, err := sv.Calendar.Occurrences("2026-03-01", "2026-03-31")
	if err != nil {
		t.Fatal(err)
	}
	var days []string
	for _, o := range occ {
		days = append(days, o.Start.Format("01-02"))
	}
	if !slices.Equal(days, []string{"03-02", "03-16", "03-23"}) {
		t.Errorf("instances %v", days)
	}
	if r := importPath(t, sv, cancel); r.Created+r.Updated != 0 {
		t.Errorf("again: %+v", r.Records)
	}
}

// The Communities list says when each scheduled community meets, in the
// words its page uses; one without a schedule is not listed.
func TestMeetings(t *testing.T) {
	sv, id := scheduledCommunity(t)
	plain := must(sv.Entities.SaveCommunity(store.Community{Name: "Reading circle"}))
	m, err := sv.Nurture.Meetings()
	if err != nil {
		t.Fatal(err)
	}
	a := must(sv.Nurture.Attendance(id))
	if m[id] == "" || m[id] != a.Meets {
		t.Errorf("meetings say %q for the accepted community, its page %q", m[id], a.Meets)
	}
	if _, ok := m[plain]; ok || len(m) != 1 {
		t.Errorf("meetings %v: want only the scheduled community", m)
	}
}
