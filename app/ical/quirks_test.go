package ical

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
)

func cal(body string) string {
	return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + body + "END:VCALENDAR\r\n"
}

func vevent(props ...string) string {
	return "BEGIN:VEVENT\r\n" + strings.Join(props, "\r\n") + "\r\nEND:VEVENT\r\n"
}

const nyTZ = "BEGIN:VTIMEZONE\r\nTZID:Custom Eastern\r\nBEGIN:STANDARD\r\nDTSTART:16011104T020000\r\nRRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010311T020000\r\nRRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"

func utf16le(s string) []byte {
	u := utf16.Encode([]rune(s))
	b := []byte{0xFF, 0xFE}
	for _, c := range u {
		b = append(b, byte(c), byte(c>>8))
	}
	return b
}

// One test per quirk real files have, each small enough to read.
func TestQuirks(t *testing.T) {
	one := func(items []Item, skips []Skip) (*Item, error) {
		if len(items) != 1 {
			return nil, fmt.Errorf("%d items, %d skips %+v", len(items), len(skips), skips)
		}
		return &items[0], nil
	}
	type check func(items []Item, skips []Skip) error
	expect := func(f func(it *Item) string) check {
		return func(items []Item, skips []Skip) error {
			it, err := one(items, skips)
			if err != nil {
				return err
			}
			if msg := f(it); msg != "" {
				return fmt.Errorf("%s: %+v (notes %v)", msg, it.Event, it.Notes)
			}
			return nil
		}
	}
	basic := []string{"UID:q1", "SUMMARY:Chat", "DTSTART;TZID=America/New_York:20260108T203000"}
	cases := []struct {
		name string
		data []byte
		ok   check
	}{
		{"lower-case begin and end", []byte(strings.ToLower("begin:vcalendar\r\n") + "begin:vevent\r\nUID:a\r\nSUMMARY:x\r\nDTSTART:20260101T100000Z\r\nend:vevent\r\nend:vcalendar\r\n"),
			expect(func(it *Item) string { return cond(it.Event.Start == "2026-01-01T10:00:00", "start") })},
		{"two calendars in one file", []byte(cal(vevent("UID:a", "SUMMARY:a", "DTSTART:20260101T100000Z")) + cal(vevent("UID:b", "SUMMARY:b", "DTSTART:20260102T100000Z"))),
			func(items []Item, _ []Skip) error {
				return condErr(len(items) == 2, "want 2 events, got %d", len(items))
			}},
		{"UTF-8 BOM", append([]byte{0xEF, 0xBB, 0xBF}, cal(vevent(basic...))...),
			expect(func(it *Item) string { return cond(it.Event.Title == "Chat", "title") })},
		{"UTF-16 with BOM", utf16le(cal(vevent("UID:u", "SUMMARY:Café", "DTSTART:20260101T100000Z"))),
			expect(func(it *Item) string { return cond(it.Event.Title == "Café", "title") })},
		{"LF and lone CR line ends", []byte(strings.ReplaceAll(cal(vevent(basic...)), "\r\n", "\r")),
			expect(func(it *Item) string { return cond(it.Event.TZ == "America/New_York", "tz") })},
		{"folded lines, and a raw newline inside a value", []byte(cal(vevent(append(basic, "DESCRIPTION:first line\r\nsecond line without fold", "LOCATION:Room\r\n  12")...))),
			expect(func(it *Item) string {
				return cond(it.Event.Notes == "first line\nsecond line without fold" && it.Event.Location == "Room 12", "folds")
			})},
		{"quoted Windows TZID", []byte(cal(vevent("UID:w", "SUMMARY:w", `DTSTART;TZID="W. Europe Standard Time":20260115T120000`))),
			expect(func(it *Item) string {
				return cond(it.Event.TZ == "Europe/Berlin" && it.Event.Start == "2026-01-15T12:00:00", "zone")
			})},
		{"Outlook display-name TZID without VTIMEZONE", []byte(cal(vevent("UID:d", "SUMMARY:d", `DTSTART;TZID="(UTC-05:00) Eastern Time (US & Canada)":20260115T120000`))),
			expect(func(it *Item) string { return cond(it.Event.TZ == "America/New_York", "zone") })},
		{"a bare TZID holding a colon and commas", []byte(cal(vevent("UID:b", "SUMMARY:b", "DTSTART;TZID=(UTC+07:00) Bangkok, Hanoi, Jakarta:20260115T120000"))),
			expect(func(it *Item) string {
				return cond(it.Event.TZ == "Asia/Bangkok" && it.Event.Start == "2026-01-15T12:00:00", "zone")
			})},
		{"zone defined only by the file's VTIMEZONE", []byte(cal(nyTZ + vevent("UID:c", "SUMMARY:c", "DTSTART;TZID=Custom Eastern:20260708T090000"))),
			expect(func(it *Item) string { return cond(it.Event.TZ == "America/New_York", "zone from VTIMEZONE rules") })},
		{"IANA name in the wrong case, with a libical prefix", []byte(cal(vevent("UID:l", "SUMMARY:l", "DTSTART;TZID=/freeassociation.sourceforge.net/Tzfile/europe/lisbon:20260115T120000"))),
			expect(func(it *Item) string { return cond(it.Event.TZ == "Europe/Lisbon", "zone") })},
		{"unknown zone read as floating, with a note", []byte(cal(vevent("UID:u", "SUMMARY:u", "DTSTART;TZID=Mars/Olympus:20260115T120000"))),
			expect(func(it *Item) string {
				return cond(it.Event.TZ == "" && len(it.Notes) == 1 && strings.Contains(it.Notes[0], "Mars/Olympus"), "floating with note")
			})},
		{"floating time stays floating", []byte(cal(vevent("UID:f", "SUMMARY:f", "DTSTART:20260115T120000"))),
			expect(func(it *Item) string {
				return cond(it.Event.TZ == "" && it.Event.Start == "2026-01-15T12:00:00", "floating")
			})},
		{"floating time under X-WR-TIMEZONE takes the calendar's zone", []byte(strings.Replace(cal(vevent("UID:f", "SUMMARY:f", "DTSTART:20260115T120000")), "VERSION:2.0", "VERSION:2.0\r\nX-WR-TIMEZONE:Asia/Tokyo", 1)),
			expect(func(it *Item) string {
				return cond(it.Event.TZ == "Asia/Tokyo" && it.Event.Start == "2026-01-15T12:00:00", "calendar zone")
			})},
		{"all-day date without DTEND, no zone shift", []byte(cal(vevent("UID:a", "SUMMARY:a", "DTSTART;VALUE=DATE:20261231", "DTEND;VALUE=DATE:20270101"))),
			expect(func(it *Item) string {
				return cond(it.Event.AllDay && it.Event.Start == "2026-12-31" && it.Event.End == "2027-01-01" && it.Event.TZ == "", "all day")
			})},
		{"a date written with a Z", []byte(cal(vevent("UID:z", "SUMMARY:z", "DTSTART:20210527Z"))),
			expect(func(it *Item) string { return cond(it.Event.AllDay && it.Event.Start == "2021-05-27", "date") })},
		{"DURATION instead of DTEND", []byte(cal(vevent(append(basic, "DURATION:PT1H30M")...))),
			expect(func(it *Item) string { return cond(it.Event.End == "2026-01-08T22:00:00", "end from duration") })},
		{"EXDATE in UTC on a New York series", []byte(cal(vevent(append(basic, "RRULE:FREQ=WEEKLY", "EXDATE:20260116T013000Z,20260123T013000Z")...))),
			expect(func(it *Item) string {
				return cond(slices.Equal(it.Event.ExDates, []string{"2026-01-16T01:30:00Z", "2026-01-23T01:30:00Z"}), "exdates")
			})},
		{"floating EXDATE on a zoned series means the series' zone", []byte(cal(vevent(append(basic, "RRULE:FREQ=WEEKLY", "EXDATE:20260115T203000")...))),
			expect(func(it *Item) string {
				return cond(slices.Equal(it.Event.ExDates, []string{"2026-01-16T01:30:00Z"}), "exdate")
			})},
		{"RECURRENCE-ID in another zone", []byte(cal(vevent(basic...) + vevent("UID:q1", "SUMMARY:Chat moved", "RECURRENCE-ID;TZID=Europe/London:20260116T013000", "DTSTART;TZID=Europe/London:20260116T180000"))),
			func(items []Item, _ []Skip) error {
				if len(items) != 2 {
					return fmt.Errorf("%d items", len(items))
				}
				o := items[1]
				return condErr(o.IsOverride() && o.Event.RecurrenceID == "2026-01-16T01:30:00Z" && o.Key == "q1;RECURRENCE-ID=2026-01-16T01:30:00Z", "override %+v", o)
			}},
		{"RANGE=THISANDFUTURE (Apple Calendar's 'all future events')", []byte(cal(vevent(append(basic, "RRULE:FREQ=WEEKLY")...) + vevent("UID:q1", "SUMMARY:Chat, new time", "RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=America/New_York:20260122T203000", "DTSTART;TZID=America/New_York:20260122T210000"))),
			func(items []Item, _ []Skip) error {
				if len(items) != 2 {
					return fmt.Errorf("%d items", len(items))
				}
				o := items[1]
				return condErr(o.IsOverride() && o.Event.Range == "THISANDFUTURE" && o.Event.RecurrenceID == "2026-01-23T01:30:00Z" && len(o.Notes) == 0, "override %+v notes %v", o.Event, o.Notes)
			}},
		{"cancelled instance", []byte(cal(vevent("UID:q1", "SUMMARY:Chat", "STATUS:CANCELLED", "RECURRENCE-ID;TZID=America/New_York:20260115T203000", "DTSTART;TZID=America/New_York:20260115T203000"))),
			expect(func(it *Item) string { return cond(it.Event.Status == "CANCELLED" && it.IsOverride(), "cancelled") })},
		{"an impossible date skips the event with its line", []byte(cal(vevent("UID:x", "SUMMARY:Bad", "DTSTART:20240231T100000Z") + vevent("UID:y", "SUMMARY:Good", "DTSTART:20240229T100000Z"))),
			func(items []Item, skips []Skip) error {
				return condErr(len(items) == 1 && len(skips) == 1 && skips[0].Line == 4 && skips[0].Name == "Bad" && strings.Contains(skips[0].Reason, "20240231"),
					"items %d skips %+v", len(items), skips)
			}},
		{"RRULE with spaces, empty WKST and a trailing comma", []byte(cal(vevent(append(basic, "RRULE:FREQ=WEEKLY;WKST=;BYDAY=TH, FR,")...))),
			expect(func(it *Item) string { return cond(it.Event.RRule == "FREQ=WEEKLY;BYDAY=TH,FR", "rule") })},
		{"a rule that cannot be read is left out, the event kept", []byte(cal(vevent(append(basic, "RRULE:FREQ=SOMETIMES")...))),
			expect(func(it *Item) string {
				return cond(it.Event.RRule == "" && len(it.Notes) == 1, "rule dropped with a note")
			})},
		{"a bad line loses only itself", []byte(cal(vevent(append(basic, `ATTENDEE;CN="unterminated:mailto:x@example.org`, "LOCATION:Online")...))),
			expect(func(it *Item) string { return cond(it.Event.Location == "Online", "location after the bad line") })},
		{"a file cut off before END:VEVENT keeps the event", []byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:t\r\nSUMMARY:Cut\r\nDTSTART:20260101T100000Z\r\n"),
			expect(func(it *Item) string { return cond(it.Event.Title == "Cut", "title") })},
		{"the same UID: the higher SEQUENCE wins", []byte(cal(vevent("UID:s", "SEQUENCE:2", "SUMMARY:New", "DTSTART:20260102T100000Z") + vevent("UID:s", "SEQUENCE:1", "SUMMARY:Old", "DTSTART:20260101T100000Z"))),
			func(items []Item, skips []Skip) error {
				return condErr(len(items) == 1 && items[0].Event.Title == "New" && len(skips) == 1 && skips[0].Name == "Old", "items %+v skips %+v", items, skips)
			}},
		{"categories in several properties become topics", []byte(cal(vevent(append(basic, "CATEGORIES:L&D,Chats", "CATEGORIES:Community")...))),
			expect(func(it *Item) string {
				return cond(slices.Equal(it.Event.Topics, []string{"L&D", "Chats", "Community"}), "topics")
			})},
		{"organiser and attendees, mailto in any case", []byte(cal(vevent(append(basic, "ORGANIZER;CN=Jane:MAILTO:Jane@Example.org", "ATTENDEE;CN=\"Doe, John\";PARTSTAT=ACCEPTED:mailto:john@example.org")...))),
			expect(func(it *Item) string {
				a := it.Event.Attendees
				return cond(it.Event.Organizer == "Jane <jane@example.org>" && len(a) == 2 && a[1].Name == "Doe, John" && a[1].Status == "ACCEPTED", "people")
			})},
		{"whitespace around property names", []byte(cal(vevent("UID:w", "SUMMARY :Spaced", "DTSTART ;VALUE=DATE:20260301"))),
			expect(func(it *Item) string {
				return cond(it.Event.Title == "Spaced" && it.Event.Start == "2026-03-01", "spaced")
			})},
		{"a value inside the quoted TZID (Outlook)", []byte(cal(vevent("UID:o", "SUMMARY:o", `DTSTART;TZID="W. Europe Standard Time:20200609T090000"`))),
			expect(func(it *Item) string {
				return cond(it.Event.TZ == "Europe/Berlin" && it.Event.Start == "2020-06-09T09:00:00", "value after the quotes")
			})},
		{"VTODO and VFREEBUSY are not events", []byte(cal("BEGIN:VTODO\r\nUID:t\r\nSUMMARY:todo\r\nEND:VTODO\r\n" + vevent(basic...))),
			expect(func(it *Item) string { return cond(it.Event.Title == "Chat", "title") })},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			items, skips := mustRead(t, c.data)
			if err := c.ok(items, skips); err != nil {
				t.Error(err)
			}
		})
	}
}

func cond(ok bool, what string) string {
	if ok {
		return ""
	}
	return what + " wrong"
}

func condErr(ok bool, format string, a ...any) error {
	if ok {
		return nil
	}
	return fmt.Errorf(format, a...)
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(cal(vevent("UID:q1", "SUMMARY:Chat", "DTSTART;TZID=America/New_York:20260108T203000", "RRULE:FREQ=WEEKLY;COUNT=3", "EXDATE:20260116T013000Z"))))
	f.Add([]byte(cal(nyTZ + vevent("UID:c", "DTSTART;TZID=Custom Eastern:20260708T090000", "DURATION:P1DT2H"))))
	f.Add([]byte("begin:vevent\nDTSTART;VALUE=DATE:20260101\nRRULE:FREQ=YEARLY;BYDAY=MO, TU\n"))
	f.Add([]byte(cal(strings.Replace(nyTZ, "FREQ=YEARLY;BYDAY=2SU;BYMONTH=3", "FREQ=SECONDLY", 1) + vevent("UID:s", "DTSTART;TZID=Custom Eastern:20260708T090000"))))
	f.Add([]byte(cal(vevent("UID:p", "DTSTART:20260101T100000Z", "DESCRIPTION"+strings.Repeat(";X=1", 200)+":x", "RRULE:FREQ=DAILY;BYHOUR=25", "DTEND:20250101T100000Z"))))
	f.Add([]byte("BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:r\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:a@b\r\nEND:VEVENT\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		items, skips := mustRead(t, data)
		for _, it := range items {
			if it.Event.Start == "" && !it.IsAnswer() {
				t.Fatalf("event without start from %q", data)
			}
		}
		for _, s := range skips {
			if s.Reason == "" {
				t.Fatalf("skip without reason from %q", data)
			}
		}
	})
}

// Big files are mapped on several cores: the result is the same, in file
// order (run with -race).
func TestReadManyInOrder(t *testing.T) {
	var b strings.Builder
	zones := []string{"America/New_York", `"W. Europe Standard Time"`, "Custom Eastern", `"(UTC+07:00) Bangkok, Hanoi, Jakarta"`}
	b.WriteString(nyTZ)
	for i := range 2000 {
		b.WriteString(vevent(fmt.Sprintf("UID:e%d", i), fmt.Sprintf("SUMMARY:Event %d", i),
			fmt.Sprintf("DTSTART;TZID=%s:202601%02dT100000", zones[i%len(zones)], 1+i%28), "RRULE:FREQ=WEEKLY;COUNT=3"))
	}
	items, skips := mustRead(t, []byte(cal(b.String())))
	if len(items) != 2000 || len(skips) != 0 {
		t.Fatalf("%d items, %d skips", len(items), len(skips))
	}
	want := []string{"America/New_York", "Europe/Berlin", "America/New_York", "Asia/Bangkok"}
	for i, it := range items {
		if it.Event.Title != fmt.Sprintf("Event %d", i) || it.Event.TZ != want[i%4] {
			t.Fatalf("item %d: %q in %s", i, it.Event.Title, it.Event.TZ)
		}
	}
}

func mustRead(t testing.TB, data []byte) ([]Item, []Skip) {
	t.Helper()
	items, skips, err := Read(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	return items, skips
}
