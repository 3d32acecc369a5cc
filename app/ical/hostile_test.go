package ical

import (
	"context"
	"learnwork/internal/racebuild"
	"strings"
	"testing"
	"time"
)

// Hostile and broken files end quickly, with the reason on the event.
func TestHostileFiles(t *testing.T) {
	secondly := strings.Replace(nyTZ, "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3", "RRULE:FREQ=SECONDLY", 1)
	absurd := strings.Replace(nyTZ, "TZOFFSETTO:-0400", "TZOFFSETTO:+9900", 1)
	manyParams := "DESCRIPTION" + strings.Repeat(";X-P=1", 100000) + ":hello"
	huge := "DESCRIPTION:" + strings.Repeat("Lorem ipsum dolor sit amet. ", 300000) // 8.4 MB
	cases := []struct {
		name  string
		data  string
		check func(it *Item) string
	}{
		{"a zone rule that repeats every second", cal(secondly + vevent("UID:s", "SUMMARY:s", "DTSTART;TZID=Custom Eastern:20260708T090000")),
			func(it *Item) string {
				return cond(hasNote(it, "more often than once a year") && it.Event.Start == "2026-07-08T09:00:00", "rule ignored with a note")
			}},
		{"an absurd zone offset", cal(absurd + vevent("UID:a", "SUMMARY:a", "DTSTART;TZID=Custom Eastern:20260708T090000")),
			func(it *Item) string { return cond(hasNote(it, "not a real UTC offset"), "offset reported") }},
		{"a property with 100,000 parameters", cal(vevent("UID:p", "SUMMARY:p", "DTSTART:20260101T100000Z", manyParams)),
			func(it *Item) string {
				return cond(it.Event.Notes == "" && hasNote(it, "DESCRIPTION has 100000 parameters"), "line skipped with its reason")
			}},
		{"an 8 MB DESCRIPTION", cal(vevent("UID:h", "SUMMARY:h", "DTSTART:20260101T100000Z", huge)),
			func(it *Item) string {
				return cond(len(it.Event.Notes) <= maxValue && len(it.Event.Notes) > maxValue-100 && hasNote(it, "DESCRIPTION was longer than 1 MB"), "cut with a note")
			}},
		{"an hour that does not exist", cal(vevent("UID:r", "SUMMARY:r", "DTSTART:20260101T100000Z", "RRULE:FREQ=DAILY;BYHOUR=25")),
			func(it *Item) string {
				return cond(it.Event.RRule == "" && hasNote(it, "BYHOUR 25 is out of range (0 to 23); that rule was left out"), "rule left out with its reason")
			}},
		{"INTERVAL=0", cal(vevent("UID:i", "SUMMARY:i", "DTSTART:20260101T100000Z", "RRULE:FREQ=WEEKLY;INTERVAL=0")),
			func(it *Item) string {
				return cond(it.Event.RRule == "" && hasNote(it, "INTERVAL 0 is not a positive number"), "rule left out with its reason")
			}},
		{"an UNTIL that is not a date", cal(vevent("UID:u", "SUMMARY:u", "DTSTART:20260101T100000Z", "RRULE:FREQ=DAILY;UNTIL=20261345T000000Z", "RRULE:FREQ=MONTHLY;UNTIL=soon")),
			func(it *Item) string {
				return cond(it.Event.RRule == "" && hasNote(it, "UNTIL 20261345T000000Z is not a date") && hasNote(it, "UNTIL SOON is not a date"), "rules left out with their reason")
			}},
		{"DTEND before DTSTART", cal(vevent("UID:e", "SUMMARY:e", "DTSTART;TZID=Europe/Berlin:20260101T100000", "DTEND;TZID=Europe/Berlin:20260101T090000")),
			func(it *Item) string {
				return cond(it.Event.End == "" && hasNote(it, "it ends (DTEND 20260101T090000) before it starts; the end was left out"), "end left out with its reason")
			}},
		{"a negative DURATION", cal(vevent("UID:d", "SUMMARY:d", "DTSTART:20260101T100000Z", "DURATION:-PT1H")),
			func(it *Item) string {
				return cond(it.Event.End == "" && hasNote(it, "negative"), "end left out with its reason")
			}},
		{"a file cut short inside an event", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:c\r\nSUMMARY:Cut\r\nDTSTART:20260101T100000Z\r\nDESCRIPTION:and then\r\n",
			func(it *Item) string { return cond(hasNote(it, "the file is cut short at line 6"), "where it is cut") }},
		{"control characters in the title, a name and an email", cal(vevent("UID:n", "SUMMARY:Chat\x00\x1b[2J now", "DTSTART:20260101T100000Z", "ATTENDEE;CN=\"Ann\x07 Lee\":mailto:ann\x00@example.org")),
			func(it *Item) string {
				a := it.Event.Attendees
				return cond(it.Event.Title == "Chat[2J now" && len(a) == 1 && a[0].Name == "Ann Lee" && a[0].Email == "ann@example.org", "control characters removed")
			}},
		{"an 8 MB DESCRIPTION folded every 75 bytes", cal(vevent("UID:f", "SUMMARY:f", "DTSTART:20260101T100000Z", fold(huge))),
			func(it *Item) string { return cond(hasNote(it, "was cut"), "cut with a note") }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			began := time.Now()
			items, skips := mustRead(t, []byte(c.data))
			if d := time.Since(began); d > racebuild.Scale(3*time.Second) {
				t.Errorf("took %v", d)
			}
			if len(items) != 1 {
				t.Fatalf("%d items, skips %+v", len(items), skips)
			}
			if msg := c.check(&items[0]); msg != "" {
				t.Errorf("%s: notes %q", msg, items[0].Notes)
			}
			for _, n := range items[0].Notes {
				if len(n) > 300 {
					t.Errorf("a note of %d bytes", len(n))
				}
			}
		})
	}
}

// The quoted Outlook display name with a comma, its VTIMEZONE quoted too
// (Exchange 2007 invitations): read by the VTIMEZONE's rules, not floating.
func TestQuotedDisplayNameZone(t *testing.T) {
	tz := strings.NewReplacer("TZID:Custom Eastern", `TZID:"Pacific Time (US & Canada), Tijuana"`, "-0400", "-0700", "-0500", "-0800").Replace(nyTZ)
	items, _ := mustRead(t, []byte(cal(tz+vevent("UID:t", "SUMMARY:Weekly sync", `DTSTART;TZID="Pacific Time (US & Canada), Tijuana":20260114T090000`))))
	if len(items) != 1 || items[0].Event.TZ != "America/Los_Angeles" || items[0].Event.Start != "2026-01-14T09:00:00" {
		t.Fatalf("%+v", items)
	}
	// A VTIMEZONE with rules no zone people use guesses, and says so.
	odd := strings.NewReplacer("TZID:Custom Eastern", "TZID:Somewhere", "-0400", "+0430", "-0500", "+0330").Replace(nyTZ)
	items, _ = mustRead(t, []byte(cal(odd+vevent("UID:o", "SUMMARY:o", "DTSTART;TZID=Somewhere:20260114T090000"))))
	if len(items) != 1 || (items[0].Event.TZ != "" && !hasNote(&items[0], "guessed")) {
		t.Errorf("%+v notes %q", items[0].Event, items[0].Notes)
	}
}

// Windows zone names (CLDR's windowsZones) with and without Outlook's
// "(UTC±hh:mm)" prefix, and display names with their punctuation varied.
func TestWindowsAndDisplayNames(t *testing.T) {
	for tzid, want := range map[string]string{
		`"Pacific Standard Time"`:                                     "America/Los_Angeles",
		`"(UTC-08:00) Pacific Standard Time"`:                         "America/Los_Angeles",
		`"(UTC+01:00) W. Europe Standard Time"`:                       "Europe/Berlin",
		`"Tokyo Standard Time"`:                                       "Asia/Tokyo",
		`"(UTC-08:00) Pacific Time (US & Canada), Tijuana"`:           "America/Los_Angeles",
		`"(UTC+08:00) Kuala Lumpur, Singapore"`:                       "Asia/Singapore",
		`"(UTC+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius"`: "Europe/Helsinki",
	} {
		items, _ := mustRead(t, []byte(cal(vevent("UID:w", "SUMMARY:w", "DTSTART;TZID="+tzid+":20260115T120000"))))
		if len(items) != 1 || items[0].Event.TZ != want {
			t.Errorf("%s: %+v", tzid, items)
		}
	}
}

// A cancelled context stops a large read within a second.
func TestReadStopsWhenCancelled(t *testing.T) {
	var b strings.Builder
	for i := range 200000 {
		b.WriteString(vevent("UID:e"+strings.Repeat("x", i%7), "SUMMARY:e", "DTSTART:20260101T100000Z", "RRULE:FREQ=DAILY"))
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	began := time.Now()
	_, _, err := Read(ctx, []byte(cal(b.String())))
	if err == nil {
		t.Skip("read finished before the cancel")
	}
	if d := time.Since(began); d > racebuild.Scale(1100*time.Millisecond) {
		t.Errorf("stopped after %v", d)
	}
}

func hasNote(it *Item, s string) bool {
	for _, n := range it.Notes {
		if strings.Contains(n, s) {
			return true
		}
	}
	return false
}

func fold(s string) string {
	var b strings.Builder
	for len(s) > 75 {
		b.WriteString(s[:75] + "\r\n ")
		s = s[75:]
	}
	b.WriteString(s)
	return b.String()
}
