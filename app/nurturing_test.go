package app

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"learnwork/app/nurture"
	"learnwork/store"
)

// clock is a settable injected time.
// clock is a settable clock, safe to read from a running loop.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) set(s string) {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

func clockAt(s string) *clock {
	c := &clock{}
	c.set(s)
	return c
}

// weeklyCalendar is a fake schedule: every series meets weekly from first.
type weeklyCalendar struct{ first time.Time }

func (w weeklyCalendar) Sessions(series string, from, to time.Time) ([]time.Time, error) {
	var out []time.Time
	for t := w.first; t.Before(to); t = t.AddDate(0, 0, 7) {
		if !t.Before(from) {
			out = append(out, t)
		}
	}
	return out, nil
}

func nurtureServices(t *testing.T, c *clock) *App {
	t.Helper()
	s, err := store.Open("", store.WithNow(c.now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	first, _ := time.Parse("2006-01-02 15:04", "2026-01-06 19:00")
	return testApp(t, s, Options{Now: c.now,
		Schedules: func(*store.Reader) nurture.Calendar { return weeklyCalendar{first} }})
}

// must unwraps a service call in a test; an error fails the test (as a
// panic, since Go cannot pass two results and t together).
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func dueIDs(t *testing.T, sv *App) map[string]nurture.Item {
	t.Helper()
	out := map[string]nurture.Item{}
	for _, it := range must(sv.Nurture.Due(0)).Items {
		out[it.ID] = it
	}
	return out
}

// Monica's bug: a reminder that ignores the call you just logged. Logging a
// touch today takes someone off the list at once, with no recompute step.
func TestTouchLoggedTodayResetsDueAtOnce(t *testing.T) {
	c := &clock{}
	c.set("2026-01-10 09:00")
	sv := nurtureServices(t, c)
	sam := must(sv.Entities.SavePerson(store.Person{Name: "Sam Okafor", Cadence: "30/60"}))
	must(sv.Nurture.LogTouch(TouchInput{ID: sam, Date: "2026-01-10", Direction: "received", What: "a reading list"}))

	c.set("2026-03-20 09:00")
	it, ok := dueIDs(t, sv)[sam]
	if !ok || it.Level != nurture.Red || it.Reasons[0] != "last talked 10 weeks ago — you wanted monthly" {
		t.Fatalf("Sam after 69 days: %+v %v", it, ok)
	}
	must(sv.Nurture.LogTouch(TouchInput{ID: sam, Direction: "gave", What: "feedback on a draft"}))
	if it, ok := dueIDs(t, sv)[sam]; ok {
		t.Fatalf("Sam still due right after a touch today: %+v", it)
	}
	// …and due again a cadence later.
	c.set("2026-04-19 09:00")
	if it := dueIDs(t, sv)[sam]; it.Level != nurture.Amber {
		t.Errorf("a month on: %+v", it)
	}
}

// A week of use: with sixteen people and none chosen to keep in touch
// with, Today said "All caught up". Today learns how many are kept.
func TestTodayCountsWhoIsKeptInTouchWith(t *testing.T) {
	sv := nurtureServices(t, clockAt("2026-01-10 09:00"))
	must(sv.Entities.SavePerson(store.Person{Name: "Chris Beatle"}))
	if v := must(sv.Nurture.Today()); v.Due.Kept != 0 || len(v.Due.Items) != 0 {
		t.Fatalf("nobody chosen: %+v", v.Due)
	}
	must(sv.Entities.SavePerson(store.Person{Name: "Sam Okafor", Cadence: "30"}))
	if v := must(sv.Nurture.Today()); v.Due.Kept != 1 {
		t.Errorf("one chosen: %+v", v.Due)
	}
	if d := must(sv.Nurture.Due(0)); d.Kept != 1 {
		t.Errorf("Due: %+v", d)
	}
}

func TestSnoozeAndNotNow(t *testing.T) {
	c := &clock{}
	c.set("2026-01-01 09:00")
	sv := nurtureServices(t, c)
	ada := must(sv.Entities.SavePerson(store.Person{Name: "Ada Lovelace", Cadence: "14"}))
	c.set("2026-02-01 09:00")
	if _, ok := dueIDs(t, sv)[ada]; !ok {
		t.Fatal("Ada not due after a month")
	}
	if day := must(sv.Nurture.Snooze(ada, "")); day != "2026-02-08" {
		t.Errorf("snooze default until %s", day)
	}
	if _, ok := dueIDs(t, sv)[ada]; ok {
		t.Error("snoozed Ada still due")
	}
	c.set("2026-02-09 09:00")
	if _, ok := dueIDs(t, sv)[ada]; !ok {
		t.Error("Ada not back after the snooze")
	}
	if day := must(sv.Nurture.NotNow(ada)); day != "2026-02-23" {
		t.Errorf("not now until %s, want one ideal interval", day)
	}
	c.set("2026-02-24 09:00")
	if _, ok := dueIDs(t, sv)[ada]; !ok {
		t.Error("Ada not back after not now")
	}
	for _, bad := range []string{"2026-02-30", "soon", "2026-01-01"} {
		if _, err := sv.Nurture.Snooze(ada, bad); err == nil {
			t.Errorf("snooze %q accepted", bad)
		}
	}
	if _, err := sv.Nurture.Snooze("no-such-id", ""); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Errorf("snooze unknown id: %v", err)
	}
}

func TestAttendanceMarksAndMissedNudge(t *testing.T) {
	c := &clock{}
	c.set("2026-01-01 09:00")
	sv := nurtureServices(t, c)
	lrn := must(sv.Entities.SaveCommunity(store.Community{Name: "#lrnchat", Schedule: "series"}))
	for _, d := range []string{"2026-01-06", "2026-01-13", "2026-01-20"} {
		if err := sv.Nurture.MarkSession(lrn, d, true); err != nil {
			t.Fatal(err)
		}
	}
	c.set("2026-01-21 09:00")
	a := must(sv.Nurture.Attendance(lrn)).Attendance
	if a.Streak != 3 || a.Words != "attended 3 in a row" || a.Next == nil || a.Next.Date != "2026-01-27" {
		t.Fatalf("attendance = %+v", a)
	}
	// Marking a day twice changes the mark, it does not add one.
	if err := sv.Nurture.MarkSession(lrn, "2026-01-20", false); err != nil {
		t.Fatal(err)
	}
	if a := must(sv.Nurture.Attendance(lrn)).Attendance; a.Streak != 0 || a.MissedInRow != 1 || a.Attended != 2 || a.Missed != 1 {
		t.Errorf("after re-marking: %+v", a)
	}
	c.set("2026-02-04 09:00")
	it, ok := dueIDs(t, sv)[lrn]
	if !ok || it.Missed != 3 || it.Reasons[0] != "missed 3 #lrnchat sessions in a row — you were missed" {
		t.Errorf("after three missed: %+v %v", it, ok)
	}
	today := must(sv.Nurture.Today())
	// Every session still unmarked of the last weeks, not only last week's.
	if len(today.Digest.ToMark) != 2 || today.Digest.ToMark[0].Date != "2026-01-27" || today.Digest.ToMark[1].Date != "2026-02-03" || len(today.Digest.Upcoming) != 1 || today.Digest.Upcoming[0].Date != "2026-02-10" {
		t.Errorf("to mark %+v, upcoming %+v", today.Digest.ToMark, today.Digest.Upcoming)
	}
	// The setting changes when the nudge comes.
	if err := sv.Nurture.SetNurtureSettings(nurture.Settings{Reminders: true, Hour: 8, MissedN: 4}); err != nil {
		t.Fatal(err)
	}
	if _, ok := dueIDs(t, sv)[lrn]; ok {
		t.Error("nudged after 3 with the setting at 4")
	}
	if err := sv.Nurture.SetNurtureSettings(nurture.Settings{Hour: 25, MissedN: 3}); err == nil {
		t.Error("hour 25 accepted")
	}
}

func TestLedgerBalanceAndNudge(t *testing.T) {
	c := &clock{}
	c.set("2026-05-01 09:00")
	sv := nurtureServices(t, c)
	sam := must(sv.Entities.SavePerson(store.Person{Name: "Sam"}))
	for i, what := range []string{"a paper", "an intro to Bo", "feedback", "a job lead", "a book"} {
		must(sv.Nurture.LogTouch(TouchInput{ID: sam, Direction: "received", What: what, Date: "2026-04-0" + string(rune('1'+i))}))
	}
	l := must(sv.Nurture.Ledger(sam))
	if l.Received != 5 || l.Gave != 0 || l.Nudge != "you've received 5 things from Sam and given none" || len(l.Entries) != 5 || l.Entries[0].What != "a book" {
		t.Fatalf("ledger = %+v", l)
	}
	if it := dueIDs(t, sv)[sam]; it.Level != nurture.Nudge || it.Reasons[0] != l.Nudge {
		t.Errorf("due = %+v", it)
	}
	must(sv.Nurture.LogTouch(TouchInput{ID: sam, Direction: "gave", What: "a review"}))
	must(sv.Nurture.LogTouch(TouchInput{ID: sam, Direction: "gave", What: "an intro"}))
	must(sv.Nurture.LogTouch(TouchInput{ID: sam, Direction: "mutual", What: "a walk"}))
	if it := dueIDs(t, sv)[sam]; it.Reasons[0] != "you've received 5 things from Sam and given 2" {
		t.Errorf("after giving two: %+v", it)
	}
	must(sv.Nurture.LogTouch(TouchInput{ID: sam, Direction: "gave", What: "a talk invite"}))
	if it, ok := dueIDs(t, sv)[sam]; ok {
		t.Errorf("still nudged after giving back: %+v", it)
	}
	if _, err := sv.Nurture.LogTouch(TouchInput{ID: sam, Direction: "sideways"}); err == nil {
		t.Error("direction sideways accepted")
	}
}

func TestCoverageGoalsAndPrompt(t *testing.T) {
	c := &clock{}
	c.set("2026-03-01 09:00")
	sv := nurtureServices(t, c)
	ada := must(sv.Entities.SavePerson(store.Person{Name: "Ada", Topics: []string{"SQL", "Analytics"}}))
	must(sv.Entities.SaveSource(store.Source{Name: "OLDaily", Topics: []string{"Analytics"}}))
	must(sv.Entities.SaveGoal(store.Goal{Title: "Learn SQL", Topics: []string{"SQL", "Indexing"}, People: []string{ada}}))
	if p := must(sv.Nurture.Today()).Digest.Prompt; !p.Show {
		t.Errorf("prompt with an empty log: %+v", p)
	}
	c.set("2026-03-04 09:00")
	must(sv.Entities.SaveLearning(store.Learning{What: "joins", Topics: []string{"SQL"}}))

	cov := must(sv.Nurture.Coverage())
	byName := map[string]nurture.TopicCoverage{}
	for _, tc := range cov {
		byName[tc.Name] = tc
	}
	if s := byName["SQL"]; !s.SingleSource || s.Learnings != 1 || s.Stale || s.Feeding.People[0].Name != "Ada" {
		t.Errorf("SQL = %+v", s)
	}
	if a := byName["Analytics"]; a.SingleSource || !a.Stale || a.People != 1 || a.Sources != 1 {
		t.Errorf("Analytics = %+v", a)
	}
	goals := must(sv.Nurture.Goals())
	if len(goals) != 1 || goals[0].Learnings != 1 || goals[0].TopicsStarted != 1 || goals[0].Percent != 50 {
		t.Errorf("goals = %+v", goals)
	}
	today := must(sv.Nurture.Today())
	if p := today.Digest.Prompt; p.Show || p.ThisWeek != 1 {
		t.Errorf("prompt after logging: %+v", p)
	}
	if len(today.Recent) != 1 || today.Recent[0].Title != "joins" || len(today.Goals) != 1 || today.Goals[0].Name != "Learn SQL" {
		t.Errorf("today = %+v", today)
	}
}

// The Topics screen (TopicStats) and the nurture coverage (the CLI's
// coverage, its single-source and stale nudges) read one computation, so
// they agree on every topic, at the stale boundary and with planned
// (future-dated) activity too.
func TestTopicStatsAndCoverageAgree(t *testing.T) {
	sv := nurtureServices(t, clockAt("2026-06-01 09:00"))
	ada := must(sv.Entities.SavePerson(store.Person{Name: "Ada", Topics: []string{"Compilers", "Analytics"}}))
	must(sv.Entities.SavePerson(store.Person{Name: "Grace", Topics: []string{"Analytics"}}))
	must(sv.Entities.SaveSource(store.Source{Name: "Notes on the Engine", Topics: []string{"Compilers", "Engines"}}))
	must(sv.Entities.SaveCommunity(store.Community{Name: "Stitch club", Topics: []string{"Knitting"}}))
	must(sv.Entities.SaveGoal(store.Goal{Title: "Read about notes", Topics: []string{"Zettelkasten"}}))
	must(sv.Entities.SaveLearning(store.Learning{Date: "2026-03-03", What: "register allocation", Topics: []string{"Compilers"}})) // 90 days ago
	must(sv.Entities.SaveInteraction(store.Interaction{Date: "2026-03-04", What: "a talk", People: []string{ada}, Topics: []string{"Engines"}}))
	must(sv.Entities.SaveLearning(store.Learning{Date: "2026-07-01", What: "cables, planned", Topics: []string{"Knitting"}}))
	must(sv.Entities.SaveLearning(store.Learning{Date: "2026-06-01", What: "cohorts", Topics: []string{"Analytics"}}))

	chart := must(sv.Entities.TopicStats(90))
	nudges := must(sv.Nurture.Coverage())
	want := map[string]struct{ single, stale bool }{
		"Compilers":    {false, true},
		"Engines":      {true, false},
		"Knitting":     {true, true},
		"Zettelkasten": {false, true},
		"Analytics":    {false, false},
	}
	if len(chart) != len(want) || len(nudges) != len(want) {
		t.Fatalf("%d topics on the chart, %d in coverage; want %d:\n%+v\n%+v", len(chart), len(nudges), len(want), chart, nudges)
	}
	byID := map[string]nurture.TopicCoverage{}
	for _, n := range nudges {
		byID[n.ID] = n
	}
	for _, st := range chart {
		n, ok := byID[st.ID]
		if !ok {
			t.Errorf("%s is on the chart but not in coverage", st.Name)
			continue
		}
		if w := want[st.Name]; st.SingleSource != w.single || st.Stale != w.stale {
			t.Errorf("%s: single %v stale %v; want %+v", st.Name, st.SingleSource, st.Stale, w)
		}
		if n.TopicCoverage != st {
			t.Errorf("%s: the chart says %+v, coverage %+v", st.Name, st, n)
		}
	}
	if w := byID[store.TopicID("compilers")].Words; w != "fed by 1 person, 1 source; quiet for 90 days" {
		t.Errorf("compilers: %q", w)
	}
	if w := byID[store.TopicID("knitting")].Words; w != "a single source: Stitch club; nothing learned or discussed yet" {
		t.Errorf("knitting: %q", w)
	}
}

// An attended event resets its community and the people who were there.
func TestAttendedEventResetsCommunityAndAttendees(t *testing.T) {
	c := &clock{}
	c.set("2026-01-01 09:00")
	sv := nurtureServices(t, c)
	ada := must(sv.Entities.SavePerson(store.Person{Name: "Ada", Cadence: "30"}))
	club := must(sv.Entities.SaveCommunity(store.Community{Name: "Book club", Cadence: "30"}))
	ev := must(sv.Entities.SaveEvent(store.Event{Title: "Book club: Mindstorms", Start: "2026-03-10T19:00:00", Community: club,
		Attendees: []store.Attendee{{Email: "ada@example.org", PersonID: ada}, {Email: "guest@example.org"}}}))
	c.set("2026-03-11 09:00")
	if due := dueIDs(t, sv); len(due) != 2 {
		t.Fatalf("before marking: %v", due)
	}
	if err := sv.Nurture.MarkSession(ev, "", true); err != nil {
		t.Fatal(err)
	}
	if due := dueIDs(t, sv); len(due) != 0 {
		t.Errorf("after the event: still due %v", due)
	}
	a := must(sv.Nurture.Attendance(club)).Attendance
	if a.Attended != 1 {
		t.Errorf("attendance = %+v", a)
	}
	if err := sv.Nurture.MarkSession(ada, "", true); err == nil || !strings.Contains(err.Error(), "mark sessions of a community or an event") {
		t.Errorf("marking a person: %v", err)
	}
}

// Sessions come from the community's real schedule: a weekly series with an
// excluded date and a cancelled occurrence, expanded by app/occur.
func TestSessionsFromTheRealSchedule(t *testing.T) {
	c := &clock{}
	c.set("2026-01-01 09:00")
	s, err := store.Open("", store.WithNow(c.now))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sv := testApp(t, s, Options{Now: c.now}) // the default calendar
	series := must(sv.Entities.SaveEvent(store.Event{Title: "#lrnchat", Start: "2026-01-06T19:00:00", TZ: "Europe/London",
		RRule: "FREQ=WEEKLY;BYDAY=TU", ExDates: []string{"2026-01-20T19:00:00"}}))
	must(sv.Entities.SaveEvent(store.Event{Title: "#lrnchat", Series: series, RecurrenceID: "2026-01-27T19:00:00", Start: "2026-01-27T19:00:00", TZ: "Europe/London", Status: "CANCELLED"}))
	lrn := must(sv.Entities.SaveCommunity(store.Community{Name: "#lrnchat", Schedule: series}))
	if err := sv.Nurture.MarkSession(lrn, "2026-01-06", true); err != nil {
		t.Fatal(err)
	}
	c.set("2026-02-05 09:00")
	a := must(sv.Nurture.Attendance(lrn))
	var dates []string
	for _, s := range a.Attendance.Sessions {
		dates = append(dates, s.Date+" "+s.State)
	}
	want := "2026-01-06 attended,2026-01-13 unmarked,2026-02-03 unmarked,2026-02-10 upcoming,2026-02-17 upcoming,2026-02-24 upcoming,2026-03-03 upcoming"
	if got := strings.Join(dates, ","); !a.Scheduled || got != want {
		t.Errorf("sessions\n got %s\nwant %s", got, want)
	}
	if a.Attendance.MissedInRow != 2 || a.Attendance.Next.Start.Hour() != 19 {
		t.Errorf("missed %d, next %v", a.Attendance.MissedInRow, a.Attendance.Next.Start)
	}
	// The page says when it meets, not only the series' name.
	if a.Meets != "weekly, Tuesday 19:00 Europe/London" {
		t.Errorf("meets %q", a.Meets)
	}
	// A schedule that is not an event is reported, not fatal.
	must(sv.Entities.SaveCommunity(store.Community{Name: "Ghost club", Schedule: "no-such-event"}))
	d := must(sv.Nurture.Due(0))
	if len(d.Problems) != 1 || !strings.Contains(d.Problems[0], "Ghost club: schedule") {
		t.Errorf("problems = %q", d.Problems)
	}
}

// The first week: a community added today, three earlier sessions marked
// missed from its page. Showing up and Today agree with the marks, "you
// were missed" comes, Today offers the sessions still unmarked, and a mark
// taken off or changed to attended clears the nudge.
func TestPastMarksOnANewCommunity(t *testing.T) {
	c := clockAt("2026-02-11 09:00") // Wednesday; sessions are Tuesdays
	sv := nurtureServices(t, c)
	lrn := must(sv.Entities.SaveCommunity(store.Community{Name: "#lrnchat", Schedule: "series"}))
	if a := must(sv.Nurture.Attendance(lrn)); a.Since != "2026-02-11" || a.SinceSaid {
		t.Errorf("member since %s (said %v), want the day it was added", a.Since, a.SinceSaid)
	}
	for _, d := range []string{"2026-01-20", "2026-01-27", "2026-02-03"} {
		if err := sv.Nurture.MarkSession(lrn, d, false); err != nil {
			t.Fatal(err)
		}
	}
	v := must(sv.Nurture.Attendance(lrn))
	a := v.Attendance
	if v.Since != "2026-01-20" || a.Missed != 3 || a.MissedInRow != 4 || a.Words != "missed the last 4" {
		t.Errorf("since %s, missed %d, %d in a row, %q; want the three marks and the unmarked 10 Feb", v.Since, a.Missed, a.MissedInRow, a.Words)
	}
	if it, ok := dueIDs(t, sv)[lrn]; !ok || !strings.Contains(it.Reasons[0], "you were missed") {
		t.Errorf("due %+v %v; want you were missed", it, ok)
	}
	toMark := must(sv.Nurture.Today()).Digest.ToMark
	if len(toMark) != 1 || toMark[0].Date != "2026-02-10" {
		t.Errorf("to mark %+v; want 10 Feb", toMark)
	}

	// Went on 10 Feb: the nudge clears and nothing is left to mark.
	if err := sv.Nurture.MarkSession(lrn, "2026-02-10", true); err != nil {
		t.Fatal(err)
	}
	if _, ok := dueIDs(t, sv)[lrn]; ok {
		t.Error("still missed after attending")
	}
	if toMark := must(sv.Nurture.Today()).Digest.ToMark; len(toMark) != 0 {
		t.Errorf("to mark %+v after marking", toMark)
	}
	// Taking the mark off makes the session unmarked again.
	if err := sv.Nurture.UnmarkSession(lrn, "2026-02-10"); err != nil {
		t.Fatal(err)
	}
	if a := must(sv.Nurture.Attendance(lrn)).Attendance; a.Attended != 0 || a.Sessions[len(a.Sessions)-5].State != nurture.Unmarked {
		t.Errorf("after unmarking: %+v", a)
	}

	// Member since, said on the form, moves where unmarked sessions start.
	com := must(sv.Entities.GetCommunity(lrn))
	com.Since = "2026-01-06"
	must(sv.Entities.SaveCommunity(*com))
	if v := must(sv.Nurture.Attendance(lrn)); v.Since != "2026-01-06" || !v.SinceSaid || v.Attendance.MissedInRow != 6 {
		t.Errorf("since %s (said %v), missed %d in a row; want 6 from 6 Jan", v.Since, v.SinceSaid, v.Attendance.MissedInRow)
	}
	com.Since = "6 Jan"
	if _, err := sv.Entities.SaveCommunity(*com); !errors.Is(err, errDay) {
		t.Errorf("member since 6 Jan: %v", err)
	}
}
