package ical

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"learnwork/store"
)

// An export carries a VTIMEZONE per zone (Outlook needs one), with the
// zone's current rules, and reading those rules back finds the zone again.
func TestWriteTimezones(t *testing.T) {
	events := []store.Event{
		{Meta: store.Meta{ID: "a"}, Title: "#lrnchat", Start: "2026-01-08T20:30:00", End: "2026-01-08T21:30:00", TZ: "America/New_York", RRule: "FREQ=WEEKLY;BYDAY=TH", UIDs: []string{"lrn@example.org"}},
		{Meta: store.Meta{ID: "b"}, Title: "Lunch and Learn", Start: "2026-01-15T12:00:00", TZ: "Europe/Berlin"},
		{Meta: store.Meta{ID: "c"}, Title: "Standup", Start: "2026-01-15T09:00:00", TZ: "Asia/Kolkata"},
		{Meta: store.Meta{ID: "d"}, Title: "Sydney meetup", Start: "2026-01-15T18:00:00", TZ: "Australia/Sydney"},
	}
	var buf bytes.Buffer
	if err := Write(&buf, Calendar{Name: "PLN", Stamp: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)}, events, nil); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"TZID:America/New_York", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU", "TZOFFSETTO:-0400",
		"TZID:Europe/Berlin", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "TZOFFSETTO:+0200",
		"TZID:Asia/Kolkata", "TZOFFSETTO:+0530",
		"TZID:Australia/Sydney", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU",
		"DTSTART;TZID=America/New_York:20260108T203000", "X-WR-CALNAME:PLN",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks %q:\n%s", want, out)
		}
	}
	// Rename the zones so only their rules are left to go by.
	renamed := strings.NewReplacer("TZID:America/New_York", "TZID:Eastern custom", "TZID=America/New_York", "TZID=Eastern custom",
		"TZID:Australia/Sydney", "TZID:Sydney custom", "TZID=Australia/Sydney", "TZID=Sydney custom").Replace(out)
	items, skips := mustRead(t, []byte(renamed))
	if len(items) != 4 || len(skips) != 0 {
		t.Fatalf("%d items, skips %+v", len(items), skips)
	}
	got := map[string]string{}
	for _, it := range items {
		got[it.Event.Title] = it.Event.TZ
	}
	if got["#lrnchat"] != "America/New_York" || got["Sydney meetup"] != "Australia/Sydney" {
		t.Errorf("zones read back from the rules: %v", got)
	}
}

// An override that changes all later instances says so on export, and
// reads back the same.
func TestWriteThisAndFuture(t *testing.T) {
	series := store.Event{Meta: store.Meta{ID: "a"}, Title: "#lrnchat", Start: "2026-01-08T20:30:00", TZ: "America/New_York", RRule: "FREQ=WEEKLY", UIDs: []string{"lrn@example.org"}}
	later := store.Event{Meta: store.Meta{ID: "b"}, Series: "a", Title: "#lrnchat", Start: "2026-01-22T21:00:00", TZ: "America/New_York",
		RecurrenceID: "2026-01-23T01:30:00Z", Range: "THISANDFUTURE", UIDs: []string{"lrn@example.org;RECURRENCE-ID=2026-01-23T01:30:00Z"}}
	var buf bytes.Buffer
	if err := Write(&buf, Calendar{Name: "PLN", Stamp: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)}, []store.Event{series, later}, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "RANGE=THISANDFUTURE") {
		t.Fatalf("no RANGE in:\n%s", buf.String())
	}
	items, skips := mustRead(t, buf.Bytes())
	if len(items) != 2 || len(skips) != 0 || items[1].Event.Range != "THISANDFUTURE" || items[1].Event.RecurrenceID != later.RecurrenceID {
		t.Fatalf("read back %+v, skips %+v", items, skips)
	}
}
