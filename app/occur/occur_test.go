package occur

import (
	"fmt"
	"learnwork/internal/racebuild"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"learnwork/store"
)

func mustZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func day(s string) time.Time {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

// starts formats each occurrence's start as RFC 3339 with its offset.
func starts(occ []Occurrence) []string {
	out := make([]string, len(occ))
	for i, o := range occ {
		if o.AllDay {
			out[i] = o.Start.Format(DateLayout)
		} else {
			out[i] = o.Start.Format(time.RFC3339)
		}
	}
	return out
}

func compile(t *testing.T, ev store.Event, overrides ...store.Event) *Series {
	t.Helper()
	s, err := Compile(ev, overrides, Floating(time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Known-good lists, written out by hand from a calendar: wall times stay
// put across DST changes and the UTC offset moves.
func TestKnownGoodAcrossDST(t *testing.T) {
	cases := []struct {
		name     string
		ev       store.Event
		from, to string
		want     []string
	}{
		{"lrnchat weekly Thursday 20:30 New York, spring forward 2026-03-08",
			store.Event{Title: "#lrnchat", Start: "2026-01-08T20:30:00", End: "2026-01-08T21:30:00", TZ: "America/New_York", RRule: "FREQ=WEEKLY;BYDAY=TH"},
			"2026-02-25", "2026-03-21",
			[]string{"2026-02-26T20:30:00-05:00", "2026-03-05T20:30:00-05:00", "2026-03-12T20:30:00-04:00", "2026-03-19T20:30:00-04:00"}},
		{"fall back 2026-11-01 in New York",
			store.Event{Title: "Book club", Start: "2025-10-01T19:00:00", TZ: "America/New_York", RRule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE"},
			"2026-10-20", "2026-11-20",
			[]string{"2026-10-28T19:00:00-04:00", "2026-11-11T19:00:00-05:00"}},
		{"DST at midnight: Sao Paulo 2013-10-20 keeps its instance",
			store.Event{Title: "Aula", Start: "2013-10-17T02:15:00", TZ: "America/Sao_Paulo", RRule: "FREQ=DAILY;COUNT=5"},
			"2013-10-01", "2013-11-01",
			[]string{"2013-10-17T02:15:00-03:00", "2013-10-18T02:15:00-03:00", "2013-10-19T02:15:00-03:00", "2013-10-20T02:15:00-02:00", "2013-10-21T02:15:00-02:00"}},
		{"nonexistent 02:30 in New York moves to 03:30 EDT",
			store.Event{Title: "Backup", Start: "2026-03-07T02:30:00", TZ: "America/New_York", RRule: "FREQ=DAILY;COUNT=3"},
			"2026-03-01", "2026-03-31",
			[]string{"2026-03-07T02:30:00-05:00", "2026-03-08T03:30:00-04:00", "2026-03-09T02:30:00-04:00"}},
		{"London monthly second Tuesday across BST start 2026-03-29",
			store.Event{Title: "CoP", Start: "2024-01-09T12:30:00", TZ: "Europe/London", RRule: "FREQ=MONTHLY;BYDAY=2TU"},
			"2026-02-01", "2026-05-01",
			[]string{"2026-02-10T12:30:00Z", "2026-03-10T12:30:00Z", "2026-04-14T12:30:00+01:00"}},
		{"southern hemisphere: Sydney daily, DST ends 2026-04-05",
			store.Event{Title: "Standup", Start: "2026-04-03T09:00:00", TZ: "Australia/Sydney", RRule: "FREQ=DAILY;COUNT=4"},
			"2026-01-01", "2027-01-01",
			[]string{"2026-04-03T09:00:00+11:00", "2026-04-04T09:00:00+11:00", "2026-04-05T09:00:00+10:00", "2026-04-06T09:00:00+10:00"}},
		{"monthly on the 31st skips short months",
			store.Event{Title: "Review", Start: "2026-01-31T10:00:00", TZ: "Europe/Berlin", RRule: "FREQ=MONTHLY"},
			"2026-01-01", "2026-06-01",
			[]string{"2026-01-31T10:00:00+01:00", "2026-03-31T10:00:00+02:00", "2026-05-31T10:00:00+02:00"}},
		{"all-day yearly, no zone shift",
			store.Event{Title: "Ada's birthday", Start: "1990-12-10", AllDay: true, RRule: "FREQ=YEARLY"},
			"2025-01-01", "2027-01-01",
			[]string{"2025-12-10", "2026-12-10"}},
		{"UNTIL inclusive, in UTC",
			store.Event{Title: "Course", Start: "2026-03-02T18:00:00", TZ: "America/Chicago", RRule: "FREQ=WEEKLY;UNTIL=20260316T230000Z"},
			"2026-01-01", "2027-01-01",
			[]string{"2026-03-02T18:00:00-06:00", "2026-03-09T18:00:00-05:00", "2026-03-16T18:00:00-05:00"}},
		{"last Friday of the month, BYSETPOS",
			store.Event{Title: "Lunch and Learn", Start: "2026-01-30T12:00:00", TZ: "Europe/Paris", RRule: "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"},
			"2026-03-01", "2026-05-01",
			[]string{"2026-03-31T12:00:00+02:00", "2026-04-30T12:00:00+02:00"}},
		{"DTSTART counts even when the rule does not match it",
			store.Event{Title: "Kickoff then Mondays", Start: "2026-03-04T10:00:00", TZ: "UTC", RRule: "FREQ=WEEKLY;BYDAY=MO;COUNT=2"},
			"2026-03-01", "2026-04-01",
			[]string{"2026-03-04T10:00:00Z", "2026-03-09T10:00:00Z", "2026-03-16T10:00:00Z"}},
		{"RDATE adds and EXDATE in another zone removes",
			store.Event{Title: "Meetup", Start: "2026-03-05T20:30:00", TZ: "America/New_York", RRule: "FREQ=WEEKLY",
				RDates: []string{"2026-03-14T15:00:00Z"}, ExDates: []string{"2026-03-13T00:30:00Z"}},
			"2026-03-01", "2026-03-22",
			[]string{"2026-03-05T20:30:00-05:00", "2026-03-14T11:00:00-04:00", "2026-03-19T20:30:00-04:00"}},
		{"EXDATE as a date on a timed series",
			store.Event{Title: "Daily", Start: "2026-03-01T08:00:00", TZ: "Asia/Tokyo", RRule: "FREQ=DAILY;COUNT=3", ExDates: []string{"2026-03-02"}},
			"2026-02-28", "2026-03-10",
			[]string{"2026-03-01T08:00:00+09:00", "2026-03-03T08:00:00+09:00"}},
		{"cancelled series has no instances",
			store.Event{Title: "Gone", Start: "2026-03-01T08:00:00", TZ: "UTC", RRule: "FREQ=DAILY", Status: "CANCELLED"},
			"2026-03-01", "2026-03-10", []string{}},
		{"single event overlapping the window",
			store.Event{Title: "Conference", Start: "2026-05-31", End: "2026-06-03", AllDay: true},
			"2026-06-01", "2026-06-30", []string{"2026-05-31"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.ev.ID = "s"
			got := starts(compile(t, c.ev).Between(day(c.from), day(c.to)))
			if !slices.Equal(got, c.want) {
				t.Errorf("got  %v\nwant %v", got, c.want)
			}
		})
	}
}

func TestOverrides(t *testing.T) {
	series := store.Event{Meta: store.Meta{ID: "s"}, Title: "#lrnchat", Start: "2026-03-05T20:30:00", End: "2026-03-05T21:30:00", TZ: "America/New_York", RRule: "FREQ=WEEKLY;COUNT=4", Community: "c1"}
	moved := store.Event{Meta: store.Meta{ID: "o1"}, Series: "s", Title: "#lrnchat (London edition)",
		// RECURRENCE-ID of the 12 March instance, given in UTC; the
		// override itself is in London time, moved a day later.
		RecurrenceID: "2026-03-13T00:30:00Z", Start: "2026-03-13T19:00:00", End: "2026-03-13T20:00:00", TZ: "Europe/London"}
	cancelled := store.Event{Meta: store.Meta{ID: "o2"}, Series: "s", RecurrenceID: "2026-03-20T00:30:00Z", Start: "2026-03-19T20:30:00", TZ: "America/New_York", Status: "CANCELLED"}
	s := compile(t, series, moved, cancelled)
	got := s.Between(day("2026-03-01"), day("2026-04-01"))
	want := []string{"2026-03-05T20:30:00-05:00", "2026-03-13T19:00:00Z", "2026-03-26T20:30:00-04:00"}
	if !slices.Equal(starts(got), want) {
		t.Fatalf("got %v, want %v", starts(got), want)
	}
	o := got[1]
	if !o.Override || o.EventID != "o1" || o.SeriesID != "s" || o.Title != "#lrnchat (London edition)" || o.Community != "c1" || o.TZ != "Europe/London" {
		t.Errorf("override occurrence = %+v", o)
	}
	if got[0].End.Sub(got[0].Start) != time.Hour || got[0].Community != "c1" || !got[0].Recurring {
		t.Errorf("series occurrence = %+v", got[0])
	}
	// The moved instance shows in a window holding only its new time.
	if w := starts(s.Between(day("2026-03-13"), day("2026-03-14"))); !slices.Equal(w, []string{"2026-03-13T19:00:00Z"}) {
		t.Errorf("window of the moved day: %v", w)
	}
	// ...and not in a window holding only its old time.
	if w := s.Between(time.Date(2026, 3, 13, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 13, 2, 0, 0, 0, time.UTC)); len(w) != 0 {
		t.Errorf("old slot still shows: %v", starts(w))
	}
}

func TestAllDayOverrideWithDateTimeRecurrenceID(t *testing.T) {
	// Exchange moves an all-day instance with a RECURRENCE-ID carrying a
	// time; it must still replace that day.
	series := store.Event{Meta: store.Meta{ID: "s"}, Title: "Offsite", Start: "2026-06-01", AllDay: true, RRule: "FREQ=WEEKLY;COUNT=3"}
	moved := store.Event{Meta: store.Meta{ID: "o"}, Series: "s", Title: "Offsite", RecurrenceID: "2026-06-08T00:00:00Z", Start: "2026-06-10", AllDay: true}
	got := starts(compile(t, series, moved).Between(day("2026-06-01"), day("2026-07-01")))
	if want := []string{"2026-06-01", "2026-06-10", "2026-06-15"}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestNonexistentLocalTime(t *testing.T) {
	// 02:30 does not exist in Berlin on 2026-03-29; the instance must not
	// vanish or double.
	s := compile(t, store.Event{Title: "Night job", Start: "2026-03-27T02:30:00", TZ: "Europe/Berlin", RRule: "FREQ=DAILY;COUNT=4"})
	got := s.Between(day("2026-03-01"), day("2026-04-30"))
	if len(got) != 4 {
		t.Fatalf("got %d instances: %v", len(got), starts(got))
	}
	for i := 1; i < len(got); i++ {
		if d := got[i].Start.Sub(got[i-1].Start); d < 22*time.Hour || d > 26*time.Hour {
			t.Errorf("gap %v between %v and %v", d, got[i-1].Start, got[i].Start)
		}
	}
}

func TestRuleCleaning(t *testing.T) {
	cases := map[string]string{
		"FREQ=WEEKLY;BYDAY=MO, TU":               "FREQ=WEEKLY;BYDAY=MO,TU",
		"freq=weekly;wkst=;byday=mo,":            "FREQ=WEEKLY;BYDAY=MO",
		"RRULE:FREQ=MONTHLY;;BYMONTHDAY=1":       "FREQ=MONTHLY;BYMONTHDAY=1",
		"RSCALE=GREGORIAN;FREQ=YEARLY;SKIP=OMIT": "FREQ=YEARLY",
		"FREQ=DAILY;UNTIL=2026-03-01":            "FREQ=DAILY;UNTIL=20260301",
	}
	for in, want := range cases {
		got, err := CleanRule(in)
		if err != nil || got != want {
			t.Errorf("CleanRule(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", ";;", "RSCALE=CHINESE;FREQ=YEARLY"} {
		if _, err := CleanRule(bad); err == nil {
			t.Errorf("CleanRule(%q) accepted", bad)
		}
	}
	if _, err := Compile(store.Event{Title: "x", Start: "2026-01-01T10:00:00", RRule: "FREQ=FORTNIGHTLY"}, nil); err == nil {
		t.Error("unknown FREQ accepted")
	}
	s := compile(t, store.Event{Title: "x", Start: "2026-03-02T10:00:00", TZ: "UTC", RRule: "FREQ=DAILY;UNTIL=20260304"})
	if got := starts(s.Between(day("2026-03-01"), day("2026-04-01"))); len(got) != 3 {
		t.Errorf("date UNTIL on a timed series: %v, want 3 days through 4 March", got)
	}
}

// Starting a rule near the window must give exactly what iterating from
// DTSTART gives: checked against rrule-go run the slow way, over random
// rules, zones and windows.
func TestSkipAheadMatchesFullIteration(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 1))
	zones := []string{"America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata", "UTC", "America/Sao_Paulo"}
	rules := []string{
		"FREQ=DAILY", "FREQ=DAILY;INTERVAL=3", "FREQ=WEEKLY", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", "FREQ=WEEKLY;INTERVAL=3;WKST=SU;BYDAY=SU,SA",
		"FREQ=MONTHLY", "FREQ=MONTHLY;INTERVAL=5;BYDAY=-1FR", "FREQ=MONTHLY;BYMONTHDAY=-1", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1",
		"FREQ=YEARLY", "FREQ=YEARLY;INTERVAL=2;BYMONTH=2;BYMONTHDAY=29", "FREQ=YEARLY;BYDAY=1MO;BYMONTH=9", "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9,17",
	}
	for i := 0; i < 300; i++ {
		zone, rule := zones[rng.IntN(len(zones))], rules[rng.IntN(len(rules))]
		loc := mustZone(t, zone)
		start := time.Date(2000+rng.IntN(25), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), rng.IntN(24), 15*rng.IntN(4), 0, 0, loc)
		from := start.AddDate(rng.IntN(30), rng.IntN(12), rng.IntN(28))
		to := from.AddDate(0, 0, 1+rng.IntN(400))
		if strings.Contains(rule, "MINUTELY") || strings.Contains(rule, "HOURLY") {
			from, to = start.AddDate(0, 0, rng.IntN(60)), from.AddDate(0, 0, 1+rng.IntN(20)) // the slow way must reach it
			to = from.AddDate(0, 0, 1+rng.IntN(20))
		}
		ev := evArgs{"s", "x", start.Format(LocalLayout), zone, rule}.event()
		s := compile(t, ev)
		got := starts(s.Between(from, to))
		skipAhead = false
		want := starts(s.Between(from, to))
		skipAhead = true
		if !slices.Equal(got, want) {
			t.Fatalf("seed %d: %s from %s, window %s..%s:\ngot  %v\nwant %v", seed, rule, start, from, to, got, want)
		}
	}
}

type evArgs struct{ id, title, start, tz, rule string }

func (a evArgs) event() store.Event {
	return store.Event{Meta: store.Meta{ID: a.id}, Title: a.title, Start: a.start, TZ: a.tz, RRule: a.rule}
}

// A hostile rule cannot stall the agenda: one window yields a bounded
// number of instances, quickly.
func TestHostileRuleIsBounded(t *testing.T) {
	s := compile(t, store.Event{Title: "spam", Start: "1970-01-01T00:00:00", TZ: "UTC", RRule: "FREQ=SECONDLY"})
	began := time.Now()
	got := s.Between(day("2026-01-01"), day("2027-01-01"))
	if len(got) != MaxPerWindow {
		t.Errorf("%d instances, want the cap %d", len(got), MaxPerWindow)
	}
	if !got[len(got)-1].Cut || got[0].Cut {
		t.Error("the cut is not marked on the last instance listed")
	}
	if d := time.Since(began); d > racebuild.Scale(5*time.Second) {
		t.Errorf("took %v", d)
	}
	// A rule that yields nothing for ages and a huge COUNT: bounded work
	// at Compile, and the cut is told in a window past its last instance.
	began = time.Now()
	for _, rule := range []string{"FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30", "FREQ=SECONDLY;COUNT=1000000", "FREQ=MINUTELY;COUNT=500000;BYMONTH=2;BYMONTHDAY=30"} {
		s, err := Compile(store.Event{Title: "spam", Start: "2026-01-01T00:00:00", TZ: "UTC", RRule: rule}, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := s.Between(day("2026-01-01"), day("2026-03-01"))
		if strings.Contains(rule, "COUNT=1000000") && (len(got) != MaxCount || !got[len(got)-1].Cut) {
			t.Errorf("%s: %d instances, cut %v", rule, len(got), len(got) > 0 && got[len(got)-1].Cut)
		}
	}
	if d := time.Since(began); d > racebuild.Scale(5*time.Second) {
		t.Errorf("hostile rules took %v", d)
	}
}

// An all-day series whose UNTIL is a UTC time ends on UNTIL's date, in
// any zone it is shown in: no instance past the end (Outlook writes the
// last day's midnight in UTC).
func TestAllDayUntilInUTC(t *testing.T) {
	for _, zone := range []string{"Europe/Berlin", "America/Los_Angeles", "Asia/Tokyo", "UTC"} {
		for _, until := range []string{"20260604T000000Z", "20260604T235959Z", "20260604"} {
			s, err := Compile(store.Event{Title: "Fair", Start: "2026-06-01", AllDay: true, RRule: "FREQ=DAILY;UNTIL=" + until}, nil, Floating(mustZone(t, zone)))
			if err != nil {
				t.Fatal(err)
			}
			got := starts(s.Between(day("2026-05-01").Add(-24*time.Hour), day("2026-07-01")))
			if want := []string{"2026-06-01", "2026-06-02", "2026-06-03", "2026-06-04"}; !slices.Equal(got, want) {
				t.Errorf("%s, UNTIL=%s: %v, want %v", zone, until, got, want)
			}
		}
	}
}

// Google's holiday calendars: an all-day yearly master whose overrides and
// EXDATEs name the day as 00:00Z. West of Greenwich that instant is the
// evening before; the instance must still be replaced, not doubled or lost.
func TestAllDayRecurrenceIDAtMidnightUTC(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	series := store.Event{Meta: store.Meta{ID: "s"}, Title: "New Year's Day", Start: "2024-01-01", End: "2024-01-02", AllDay: true, RRule: "FREQ=YEARLY", ExDates: []string{"2025-01-01T00:00:00Z"}}
	moved := store.Event{Meta: store.Meta{ID: "o"}, Series: "s", Title: "New Year's Day (observed)", RecurrenceID: "2026-01-01T00:00:00Z", Start: "2026-01-02", End: "2026-01-03", AllDay: true}
	s, err := Compile(series, []store.Event{moved}, Floating(ny))
	if err != nil {
		t.Fatal(err)
	}
	got := s.Between(time.Date(2023, 12, 1, 0, 0, 0, 0, ny), time.Date(2027, 12, 1, 0, 0, 0, 0, ny))
	if want := []string{"2024-01-01", "2026-01-02", "2027-01-01"}; !slices.Equal(starts(got), want) {
		t.Errorf("got %v, want %v", starts(got), want)
	}
}

// Evolution writes a floating master and overrides with a TZID: the
// override's RECURRENCE-ID is the instance's wall time in its own zone.
func TestFloatingSeriesZonedOverride(t *testing.T) {
	series := store.Event{Meta: store.Meta{ID: "s"}, Title: "Reading group", Start: "2026-03-02T18:00:00", End: "2026-03-02T19:00:00", RRule: "FREQ=WEEKLY;COUNT=3"}
	moved := store.Event{Meta: store.Meta{ID: "o"}, Series: "s", RecurrenceID: "2026-03-09T17:00:00Z", Start: "2026-03-10T18:00:00", End: "2026-03-10T19:00:00", TZ: "Europe/Berlin"}
	s, err := Compile(series, []store.Event{moved}, Floating(mustZone(t, "America/Chicago")))
	if err != nil {
		t.Fatal(err)
	}
	got := s.Between(day("2026-03-01"), day("2026-04-01"))
	if want := []string{"2026-03-02T18:00:00-06:00", "2026-03-10T18:00:00+01:00", "2026-03-16T18:00:00-05:00"}; !slices.Equal(starts(got), want) {
		t.Errorf("got %v, want %v", starts(got), want)
	}
}

func TestParseStoredForms(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	for in, want := range map[string]string{
		"2026-03-08":                "2026-03-08T00:00:00-05:00",
		"2026-03-08T20:30:00":       "2026-03-08T20:30:00-04:00",
		"2026-03-08T20:30":          "2026-03-08T20:30:00-04:00",
		"2026-03-09T00:30:00Z":      "2026-03-09T00:30:00Z",
		"2026-03-08T20:30:00+01:00": "2026-03-08T20:30:00+01:00",
	} {
		w, err := Parse(in, ny)
		if err != nil || w.Time.Format(time.RFC3339) != want {
			t.Errorf("Parse(%q) = %v, %v; want %s", in, w.Time, err, want)
		}
	}
	for _, bad := range []string{"", "yesterday", "2026-02-31", "2026-13-01T10:00:00"} {
		if _, err := Parse(bad, ny); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
	if _, err := Compile(store.Event{Title: "x", Start: "2026-01-01T10:00:00", TZ: "Mars/Olympus"}, nil); err == nil || !strings.Contains(err.Error(), "Mars/Olympus") {
		t.Errorf("unknown zone: %v", err)
	}
	if _, err := Compile(store.Event{Title: "x"}, nil); err == nil {
		t.Error("event without start compiled")
	}
}

func ExampleSeries_Between() {
	s, _ := Compile(store.Event{Meta: store.Meta{ID: "e1"}, Title: "#lrnchat", Start: "2026-03-05T20:30:00", End: "2026-03-05T21:30:00",
		TZ: "America/New_York", RRule: "FREQ=WEEKLY;BYDAY=TH"}, nil)
	for _, o := range s.Between(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)) {
		fmt.Println(o.Start.Format("Mon 2 Jan 15:04 MST"), o.Title)
	}
	// Output:
	// Thu 5 Mar 20:30 EST #lrnchat
	// Thu 12 Mar 20:30 EDT #lrnchat
}

// RANGE=THISANDFUTURE: the override moves its instance and every later
// one by the same wall-clock shift, across a DST change, with its own
// length and title; a later plain override and an EXDATE still apply, and
// a cancelled THISANDFUTURE ends the series.
func TestThisAndFuture(t *testing.T) {
	series := store.Event{Meta: store.Meta{ID: "s"}, Title: "#lrnchat", Start: "2026-02-19T20:30:00", End: "2026-02-19T21:30:00", TZ: "America/New_York",
		RRule: "FREQ=WEEKLY", ExDates: []string{"2026-03-27T00:30:00Z"}, Community: "c1"}
	// From 5 March on: 21:00, 90 minutes, a new title (RECURRENCE-ID in UTC).
	later := store.Event{Meta: store.Meta{ID: "f"}, Series: "s", Title: "#lrnchat (new time)", RecurrenceID: "2026-03-06T01:30:00Z", Range: "THISANDFUTURE",
		Start: "2026-03-05T21:00:00", End: "2026-03-05T22:30:00", TZ: "America/New_York"}
	// One instance after it moved again, to the Friday.
	friday := store.Event{Meta: store.Meta{ID: "o"}, Series: "s", RecurrenceID: "2026-03-20T00:30:00Z", Start: "2026-03-20T18:00:00", End: "2026-03-20T19:00:00", TZ: "America/New_York"}
	// The series ends with April.
	end := store.Event{Meta: store.Meta{ID: "x"}, Series: "s", RecurrenceID: "2026-04-30T00:30:00Z", Range: "THISANDFUTURE", Start: "2026-04-29T20:30:00", TZ: "America/New_York", Status: "CANCELLED"}
	s := compile(t, series, later, friday, end)
	got := s.Between(day("2026-02-01"), day("2026-06-01"))
	want := []string{
		"2026-02-19T20:30:00-05:00", "2026-02-26T20:30:00-05:00",
		"2026-03-05T21:00:00-05:00", "2026-03-12T21:00:00-04:00", // DST began on 8 March: still 21:00
		"2026-03-20T18:00:00-04:00", // the Friday override; 26 March is excluded
		"2026-04-02T21:00:00-04:00", "2026-04-09T21:00:00-04:00", "2026-04-16T21:00:00-04:00", "2026-04-23T21:00:00-04:00",
	}
	if !slices.Equal(starts(got), want) {
		t.Fatalf("got  %v\nwant %v", starts(got), want)
	}
	o := got[3]
	if !o.Override || o.EventID != "f" || o.Title != "#lrnchat (new time)" || o.End.Sub(o.Start) != 90*time.Minute || o.Community != "c1" {
		t.Errorf("a later instance: %+v", o)
	}
	// A window holding only a shifted instance's new time finds it; one
	// holding only its old time does not.
	at := time.Date(2026, 4, 10, 1, 0, 0, 0, time.UTC) // 9 April 21:00 in New York
	if w := starts(s.Between(at, at.Add(time.Minute))); !slices.Equal(w, []string{"2026-04-09T21:00:00-04:00"}) {
		t.Errorf("new slot: %v", w)
	}
	if w := s.Between(at.Add(-30*time.Minute), at.Add(-time.Minute)); len(w) != 0 {
		t.Errorf("old slot still shows: %v", starts(w))
	}
}
