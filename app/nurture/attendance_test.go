package nurture

import (
	"strings"
	"testing"

	"learnwork/store"
)

// The first week's story: #lrnchat imported on Thursday 26 Nov, three
// earlier Thursdays marked missed. The marks count although they are
// older than the community, Showing up says so, and "you were missed"
// comes; a session marked attended clears it.
func TestPastMarksCountAndYouWereMissed(t *testing.T) {
	cal := weekly{"lrn": at("2026-10-01 20:00")} // Thursdays
	now := at("2026-11-27 09:00")
	lrn := &store.Touch{Kind: store.KindCommunity, ID: "lrn", Name: "#lrnchat", Schedule: "lrn", Added: "2026-11-26",
		Marks: []store.Mark{{Date: "2026-11-05"}, {Date: "2026-11-12"}, {Date: "2026-11-19"}}}

	// The schedule read only from the day it was added, as a page might:
	// the marks still count.
	starts, _ := cal.Sessions("lrn", at("2026-11-26 00:00"), now.AddDate(0, 0, 14))
	a := AttendanceOf(lrn, starts, now)
	if a.Missed != 3 || a.MissedInRow != 4 || a.Words != "missed the last 4" {
		t.Errorf("missed %d, %d in a row, %q; want 3 marks and the unmarked 26 Nov: missed the last 4", a.Missed, a.MissedInRow, a.Words)
	}
	var states []string
	for _, s := range a.Sessions {
		states = append(states, s.Date+" "+s.State)
	}
	if got := strings.Join(states, ", "); !strings.HasPrefix(got, "2026-11-05 missed, 2026-11-12 missed, 2026-11-19 missed, 2026-11-26 unmarked, 2026-12-03 upcoming") {
		t.Errorf("sessions %s", got)
	}

	due := func(tc *store.Touch) []Item {
		r := NewRanker(now, cal, Settings{})
		r.Add(tc)
		return r.Items()
	}
	items := due(lrn)
	if len(items) != 1 || items[0].Missed != 4 || !strings.Contains(items[0].Reason(), "you were missed") {
		t.Fatalf("due %+v; want #lrnchat, you were missed", items)
	}
	// Marked attended on 26 Nov: nobody misses them any more.
	back := *lrn
	back.Marks = append(append([]store.Mark{}, lrn.Marks...), store.Mark{Date: "2026-11-26", Attended: true})
	if items := due(&back); len(items) != 0 {
		t.Errorf("after attending, due %+v", items)
	}
}

func TestMemberSince(t *testing.T) {
	cal := weekly{"s": at("2026-01-06 19:00")} // Tuesdays
	now := at("2026-03-04 12:00")
	starts, _ := cal.Sessions("s", at("2025-12-01 00:00"), now)
	cases := []struct {
		name, since, added string
		marks              []store.Mark
		want               string // member since
		missedInRow        int
	}{
		{"added, no marks", "", "2026-02-20", nil, "2026-02-20", 2},
		{"a mark before it was added", "", "2026-02-20", []store.Mark{{Date: "2026-02-10"}}, "2026-02-10", 4},
		{"said: later than the marks", "2026-02-25", "2026-01-01", []store.Mark{{Date: "2026-02-10"}}, "2026-02-25", 2},
		{"said: earlier than it was added", "2026-01-01", "2026-02-20", nil, "2026-01-01", 9},
	}
	for _, c := range cases {
		tc := &store.Touch{Kind: store.KindCommunity, ID: "c", Since: c.since, Added: c.added, Marks: c.marks}
		if got := MemberSince(tc).String(); got != c.want {
			t.Errorf("%s: member since %s, want %s", c.name, got, c.want)
		}
		// A mark before the given day still counts, and is still a session.
		if a := AttendanceOf(tc, starts, now); a.MissedInRow != c.missedInRow {
			t.Errorf("%s: missed %d in a row, want %d (%+v)", c.name, a.MissedInRow, c.missedInRow, a.Sessions)
		}
	}
}

func TestTodayOffersTheLatestUnmarkedSessions(t *testing.T) {
	cal := weekly{"s": at("2026-01-06 19:00")}
	now := at("2026-03-04 12:00")
	tc := &store.Touch{Kind: store.KindCommunity, ID: "c", Name: "Book club", Added: "2026-01-01", Marks: []store.Mark{{Date: "2026-02-17", Attended: true}}}
	starts, _ := cal.Sessions("s", now.AddDate(0, 0, -60), now.AddDate(0, 0, 8))
	up, mark := SessionsAround(tc, AttendanceOf(tc, starts, now), now, 35, 7)
	var days []string
	for _, m := range mark {
		days = append(days, m.Date)
	}
	// Unmarked within five weeks: 3, 10 Feb, 24 Feb and 3 Mar; 17 Feb is
	// marked. The latest three, oldest first.
	if got := strings.Join(days, " "); got != "2026-02-10 2026-02-24 2026-03-03" {
		t.Errorf("to mark %s", got)
	}
	if len(up) != 1 || up[0].Date != "2026-03-10" {
		t.Errorf("upcoming %+v", up)
	}
	// Today said "missed 2" under the next session; it says what the
	// community's page says.
	if up[0].Words != "missed the last 2" {
		t.Errorf("the next session says %q", up[0].Words)
	}
}
