package nurture

import (
	"fmt"
	"slices"
	"time"

	"learnwork/store"
)

// Session states.
const (
	Attended = "attended"
	Missed   = "missed"
	Unmarked = "unmarked" // past, not marked yet
	Upcoming = "upcoming"
)

// Session is one occurrence of a community's schedule.
type Session struct {
	Date  string    `json:"date"`
	Start time.Time `json:"start"`
	State string    `json:"state"`
}

// Attendance is how one shows up to a community.
type Attendance struct {
	Sessions    []Session `json:"sessions"`    // oldest first
	Streak      int       `json:"streak"`      // sessions attended in a row, up to the latest
	Best        int       `json:"best"`        // the longest run
	MissedInRow int       `json:"missedInRow"` // sessions not attended since the last one attended
	Attended    int       `json:"attended"`
	Missed      int       `json:"missed"`
	Next        *Session  `json:"next,omitempty"`
	Words       string    `json:"words"`
}

// AttendanceOf reads a community's marks against its sessions (starts, in
// any order, past and future). Unmarked sessions from before the community
// was added are not held against anyone; today's session may still be
// marked, so it does not break a streak.
func AttendanceOf(t *store.Touch, starts []time.Time, now time.Time) Attendance {
	return attendanceOf(t, starts, ParseDay(t.Added), now)
}

func attendanceOf(t *store.Touch, starts []time.Time, from Day, now time.Time) Attendance {
	today := Today(now)
	marks := map[Day]bool{}
	var a Attendance
	for _, m := range t.Marks {
		if d := ParseDay(m.Date); d != NoDay {
			marks[d] = m.Attended
		}
	}
	for _, m := range marks {
		if m {
			a.Attended++
		} else {
			a.Missed++
		}
	}
	sorted := slices.Clone(starts)
	slices.SortFunc(sorted, time.Time.Compare)
	for _, st := range sorted {
		st = st.In(now.Location())
		d := Today(st)
		s := Session{Date: d.String(), Start: st}
		att, marked := marks[d]
		switch {
		case st.After(now) && !marked:
			s.State = Upcoming
		case marked && att:
			s.State = Attended
		case marked:
			s.State = Missed
		case d < from:
			continue // before it was in Learnwork: nobody knows
		default:
			s.State = Unmarked
		}
		if len(a.Sessions) > 0 && a.Sessions[len(a.Sessions)-1].Date == s.Date {
			continue // two occurrences on one day are one mark
		}
		a.Sessions = append(a.Sessions, s)
	}
	run := 0
	for _, s := range a.Sessions {
		if s.State == Attended {
			run++
			a.Best = max(a.Best, run)
		} else if s.State != Upcoming {
			run = 0
		}
	}
	for i := len(a.Sessions) - 1; i >= 0; i-- {
		s := a.Sessions[i]
		if s.State == Upcoming {
			a.Next = &a.Sessions[i]
			continue
		}
		if s.State == Unmarked && ParseDay(s.Date) == today {
			continue
		}
		if s.State == Attended {
			if a.MissedInRow > 0 {
				break
			}
			a.Streak++
		} else {
			if a.Streak > 0 {
				break
			}
			a.MissedInRow++
		}
	}
	switch {
	case a.Streak > 1:
		a.Words = fmt.Sprintf("attended %d in a row", a.Streak)
	case a.Streak == 1:
		a.Words = "attended the last session"
	case a.MissedInRow > 0:
		a.Words = fmt.Sprintf("missed the last %d", a.MissedInRow)
		if a.MissedInRow == 1 {
			a.Words = "missed the last session"
		}
	case len(a.Sessions) == 0:
		a.Words = "no sessions scheduled"
	default:
		a.Words = "no sessions yet"
	}
	return a
}
