package ical

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"learnwork/app/occur"
	"learnwork/store"
)

// expand lists the occurrences of what a file holds, as the agenda shows
// them: each series with the overrides of its UID (an override without
// its series stands alone, as the import keeps it), in the floating zone.
func expand(t testing.TB, items []Item, floating *time.Location, from, to time.Time) (starts []string, cut bool) {
	t.Helper()
	masters := map[string]string{}
	for i, it := range items {
		if !it.IsOverride() && it.UID != "" {
			masters[it.UID] = fmt.Sprint("e", i)
		}
	}
	overrides := map[string][]store.Event{}
	var singles []store.Event
	for i, it := range items {
		ev := it.Event
		ev.ID = fmt.Sprint("e", i)
		if sid := masters[it.UID]; it.IsOverride() && sid != "" {
			ev.Series = sid
			overrides[sid] = append(overrides[sid], ev)
			continue
		}
		singles = append(singles, ev)
	}
	for _, ev := range singles {
		s, err := occur.Compile(ev, overrides[ev.ID], occur.Floating(floating))
		if err != nil {
			t.Logf("%s: %v", ev.Title, err)
			continue
		}
		for _, o := range s.Between(from, to) {
			cut = cut || o.Cut
			if o.AllDay {
				starts = append(starts, o.Start.Format(occur.DateLayout))
			} else {
				starts = append(starts, o.Start.In(floating).Format("2006-01-02T15:04Z07:00"))
			}
		}
	}
	slices.Sort(starts)
	return starts, cut
}

// Files as Google, Evolution and Exchange write them, with the patterns
// that lost or moved instances: all-day masters whose overrides and
// EXDATEs name the day as 00:00Z or as a date-time in a zone, UNTIL in UTC
// on an all-day series, a floating master with zoned overrides and
// EXDATEs, an override of an instance the rule does not make, an RDATE
// period. The expected instances were worked out by hand from a calendar,
// in a zone west of Greenwich and one east of it.
func TestClientRecurrences(t *testing.T) {
	cases := []struct {
		file string
		zone string
		want []string
	}{
		{"google-holidays.ics", "America/Los_Angeles", []string{"2024-01-01", "2024-07-04", "2025-07-04", "2026-01-02", "2026-07-04", "2027-01-01"}},
		{"google-holidays.ics", "Asia/Tokyo", []string{"2024-01-01", "2024-07-04", "2025-07-04", "2026-01-02", "2026-07-04", "2027-01-01"}},
		{"exchange-allday.ics", "America/New_York", []string{"2026-06-01", "2026-06-10", "2026-06-22", "2026-06-29"}},
		{"exchange-allday.ics", "Europe/Berlin", []string{"2026-06-01", "2026-06-10", "2026-06-22", "2026-06-29"}},
		{"evolution-overrides.ics", "Europe/Berlin", []string{"2026-03-02T18:00+01:00", "2026-03-10T19:00+01:00", "2026-03-16T18:00+01:00", "2026-03-30T18:00+02:00",
			"2026-04-01T09:00+02:00", "2026-04-03T09:00+02:00", "2026-04-08T09:00+02:00", "2026-04-09T09:00+02:00", "2026-04-15T09:00+02:00"}},
		// Seen from Chicago the floating reading group stays at 18:00
		// there, its Berlin-zoned changes still find their instances, and
		// the Berlin stand-up is at Berlin's time.
		{"evolution-overrides.ics", "America/Chicago", []string{"2026-03-02T18:00-06:00", "2026-03-10T13:00-05:00", "2026-03-16T18:00-05:00", "2026-03-30T18:00-05:00",
			"2026-04-01T02:00-05:00", "2026-04-03T02:00-05:00", "2026-04-08T02:00-05:00", "2026-04-09T09:00-05:00", "2026-04-15T02:00-05:00"}},
	}
	for _, c := range cases {
		t.Run(c.file+" in "+c.zone, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", c.file))
			if err != nil {
				t.Fatal(err)
			}
			items, skips := mustRead(t, data)
			if len(skips) != 0 {
				t.Errorf("skips %+v", skips)
			}
			loc, _ := time.LoadLocation(c.zone)
			got, _ := expand(t, items, loc, time.Date(2024, 1, 1, 0, 0, 0, 0, loc), time.Date(2028, 1, 1, 0, 0, 0, 0, loc))
			if !slices.Equal(got, c.want) {
				t.Errorf("got  %v\nwant %v", got, c.want)
			}
		})
	}
}

// RANGE=THISANDFUTURE moving an instance 3 hours earlier moves every later
// one by 3 hours, not 6, whether the override's times are in the series'
// zone or in UTC (Lotus Notes writes UTC).
func TestThisAndFutureShiftsOnce(t *testing.T) {
	series := vevent("UID:taf-1", "SUMMARY:Study group", "DTSTART;TZID=America/New_York:20260108T203000", "DTEND;TZID=America/New_York:20260108T213000", "RRULE:FREQ=WEEKLY;COUNT=6")
	want := []string{"2026-01-08T20:30-05:00", "2026-01-15T20:30-05:00", "2026-01-22T17:30-05:00", "2026-01-29T17:30-05:00", "2026-02-05T17:30-05:00", "2026-02-12T17:30-05:00"}
	ny, _ := time.LoadLocation("America/New_York")
	for _, override := range []string{
		vevent("UID:taf-1", "SUMMARY:Study group", "RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=America/New_York:20260122T203000", "DTSTART;TZID=America/New_York:20260122T173000", "DTEND;TZID=America/New_York:20260122T183000"),
		vevent("UID:taf-1", "SUMMARY:Study group", "RECURRENCE-ID;RANGE=THISANDFUTURE:20260123T013000Z", "DTSTART:20260122T223000Z", "DURATION:PT1H"),
	} {
		items, _ := mustRead(t, []byte(cal(series+override)))
		got, _ := expand(t, items, ny, time.Date(2026, 1, 1, 0, 0, 0, 0, ny), time.Date(2026, 3, 1, 0, 0, 0, 0, ny))
		if !slices.Equal(got, want) {
			t.Errorf("got  %v\nwant %v", got, want)
		}
	}
}
