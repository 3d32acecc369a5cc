package ical

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"learnwork/store"
)

const corpusDir = "../../../shared/corpus"

var beginEvent = regexp.MustCompile(`(?im)^begin:vevent\s*$`)

// Every .ics in the shared corpus: each VEVENT is imported or skipped with
// a line and a reason (none vanish), and known values come out right.
func TestCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "ics", "*"))
	if len(files) == 0 {
		t.Skip("no shared corpus beside the checkout")
	}
	type want struct {
		items, skips int
		title        string // an item to check, by title
		check        func(e store.Event) bool
	}
	known := map[string]want{
		"biweekly__outlook-2010.ics":       {1, 0, "Team Meeting", func(e store.Event) bool { return e.TZ == "America/New_York" && e.Start == "2013-06-10T12:00:00" }},
		"biweekly__issue115-1.ics":         {1, 0, "29.10. 8-8:30", func(e store.Event) bool { return e.TZ == "Europe/Berlin" }},
		"nodeical__exchange-custom-tz.ics": {1, 0, "Test event", func(e store.Event) bool { return e.TZ == "Asia/Bangkok" && e.Start == "2019-04-30T09:00:00" }},
		"nodeical__Office-2012-owa.ics":    {4, 0, "TEST Syd", func(e store.Event) bool { return e.TZ == "Australia/Sydney" }},
		"nodeical__bad_ms_tz.ics": {1, 0, "[private]", func(e store.Event) bool {
			return e.TZ == "America/New_York" && strings.Contains(e.RRule, "BYDAY=TU,TH")
		}},
		"nodeical__windows-quoted-tz-rrule.ics":         {1, 0, "Treasure Hunting", func(e store.Event) bool { return e.TZ == "America/New_York" && len(e.ExDates) == 2 }},
		"nodeical__ms_timezones.ics":                    {3, 1, "test", func(e store.Event) bool { return e.TZ == "Europe/Berlin" }},
		"nodeical__vtimezone-year-0001-dtstart.ics":     {1, 0, "Test event with year-0001 VTIMEZONE", func(e store.Event) bool { return e.TZ == "Europe/Berlin" }},
		"pyvobject__tzid_8bit.ics":                      {1, 0, "(no title)", func(e store.Event) bool { return e.TZ == "Asia/Yekaterinburg" }},
		"pyvobject__ms_tzid.ics":                        {1, 0, "(no title)", func(e store.Event) bool { return e.TZ == "Australia/Sydney" }},
		"pyicalendar__issue_165_missing_event.ics":      {1, 0, "Sprint 25 Daily Standup", func(e store.Event) bool { return e.TZ == "Europe/Berlin" }},
		"nodeical__large-file-with-late-error.ics":      {395, 6, "Event 001", func(e store.Event) bool { return e.Start == "2024-01-02T10:00:00" && e.TZ == "UTC" }},
		"nodeical__duplicate-uid-sequence.ics":          {2, 2, "Updated version (SEQUENCE 3) - should win", func(e store.Event) bool { return e.Start == "2024-01-20T14:00:00" }},
		"nodeical__tv-show-episode.ics":                 {26, 1, "The Big Bang Theory - S04E24 - The Roomate Transmogrfication", func(e store.Event) bool { return e.TZ == "US/Eastern" }},
		"nodeical__festival-multiday-rrule.ics":         {128, 0, "foobar Summer 2011 starts!", func(e store.Event) bool { return e.AllDay && e.Start == "2011-08-04" }},
		"pyicalendar__multiple_calendar_components.ics": {3, 0, "Christmas Day", func(e store.Event) bool { return e.AllDay && e.End == "2003-12-26" }},
		"kcalcore__AppleICal_1.5.ics":                   {14, 0, "consulat Neerlandais", func(e store.Event) bool { return e.TZ == "Europe/Paris" }},
		"nodeical__google-calendar-kiev-tz.ics": {2, 0, "repeated", func(e store.Event) bool {
			return e.TZ == "Europe/Kiev" && e.RRule == "FREQ=DAILY;UNTIL=20160828T110000Z"
		}},
		"nodeical__exchange_whole_day_moved_recurrence.ics": {2, 0, "Exchange Recurring Test", func(e store.Event) bool { return e.AllDay }},
		"nodeical__daily-count-exdate-recurrence-id.ics":    {2, 0, "More Treasure Hunting", func(e store.Event) bool { return e.RecurrenceID == "2015-07-07T19:00:00Z" }},
		"icaljs__multiple_rrules.ics":                       {1, 0, "sahaja <> frashed", func(e store.Event) bool { return strings.Count(e.RRule, "FREQ=") == 2 }},
		"nodeical__tripit-location-escaping.ics":            {47, 0, "South San Francisco, CA, October 2011;", func(e store.Event) bool { return e.AllDay }},
		"nodeical__utf8-french-calendar.ics":                {0, 0, "", nil}, // only VTODOs
		"pyicalendar__bom_calendar.ics":                     {0, 0, "", nil},
		"pyicalendar__rfc_7986_image.ics":                   {0, 2, "", nil}, // VEVENTs without DTSTART
		"pyicalendar__issue_722_missing_timezones.ics": {1, 2, "an event with a custom tz name", func(e store.Event) bool {
			return e.TZ == "America/New_York" && e.End == "2014-08-29T11:00:00" && slices.Equal(e.RDates, []string{"2024-09-13T10:00:00Z"})
		}},
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			items, skips := mustRead(t, data)
			events := len(beginEvent.FindAll(data, -1))
			eventSkips := 0
			for _, s := range skips {
				if s.Line <= 0 || s.Reason == "" {
					t.Errorf("skip without line or reason: %+v", s)
				}
				if !strings.Contains(s.Reason, "without BEGIN") {
					eventSkips++
				}
			}
			if events > 0 && len(items)+eventSkips != events {
				t.Errorf("%d VEVENTs, %d imported + %d skipped", events, len(items), eventSkips)
			}
			for _, it := range items {
				if it.Event.Title == "" || it.Event.Start == "" {
					t.Errorf("line %d: no title or start: %+v", it.Line, it.Event)
				}
			}
			w, ok := known[name]
			if !ok {
				return
			}
			if len(items) != w.items || len(skips) != w.skips {
				t.Errorf("%d items and %d skips, want %d and %d: %+v", len(items), len(skips), w.items, w.skips, skips)
			}
			if w.title == "" {
				return
			}
			i := slices.IndexFunc(items, func(it Item) bool { return it.Event.Title == w.title })
			if i < 0 {
				t.Fatalf("no event %q", w.title)
			}
			if !w.check(items[i].Event) {
				t.Errorf("%q: %+v", w.title, items[i].Event)
			}
		})
	}
}
