package nurture

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"learnwork/store"
)

// Session states.
const (
	Attended = "attended"
	Missed   = "missed"
	Unmarked = "unmarked" // past, not marked yet
	Earlier  = "earlier"  // past, not marked, before one was a member: not counted
	Upcoming = "upcoming"
)

// SessionWords say a session's state as a person would.
var SessionWords = map[string]string{
	Attended: "went",
	Missed:   "missed",
	Unmarked: "not marked",
	Earlier:  "not marked, before you were a member (not counted)",
	Upcoming: "coming up",
}

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
// any order, past and future). A mark always counts, whenever the session
// was, even one the schedule no longer shows; an unmarked session counts
// only from the day one became a member (MemberSince). Today's session may
// still be marked, so it does not break a streak.
func AttendanceOf(t *store.Touch, starts []time.Time, now time.Time) Attendance {
	return attendanceOf(t, starts, MemberSince(t), now)
}

// MemberSince is the day a community's unmarked sessions start to count:
// the day the person gave, else the earliest of the first mark and the day
// the community was added.
func MemberSince(t *store.Touch) Day {
	if d := ParseDay(t.Since); d != NoDay {
		return d
	}
	from := ParseDay(t.Added)
	for _, m := range t.Marks {
		if d := ParseDay(m.Date); d != NoDay && (from == NoDay || d < from) {
			from = d
		}
	}
	return from
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
	seen := map[Day]bool{}
	for _, st := range sorted {
		st = st.In(now.Location())
		d := Today(st)
		if seen[d] {
			continue // two occurrences on one day are one mark
		}
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
			s.State = Earlier // shown, to mark, but nobody knows
		default:
			s.State = Unmarked
		}
		seen[d] = true
		a.Sessions = append(a.Sessions, s)
	}
	// Marks on days the schedule does not show (older than it was read,
	// moved, or from before the schedule was set) are sessions too.
	added := false
	for d, att := range marks {
		if seen[d] {
			continue
		}
		u := d.Time()
		s := Session{Date: d.String(), Start: time.Date(u.Year(), u.Month(), u.Day(), 12, 0, 0, 0, now.Location()), State: Missed}
		if att {
			s.State = Attended
		}
		a.Sessions = append(a.Sessions, s)
		added = true
	}
	if added {
		slices.SortFunc(a.Sessions, func(x, y Session) int { return strings.Compare(x.Date, y.Date) })
	}
	run := 0
	for _, s := range a.Sessions {
		if s.State == Attended {
			run++
			a.Best = max(a.Best, run)
		} else if s.State != Upcoming && s.State != Earlier {
			run = 0
		}
	}
	for i := len(a.Sessions) - 1; i >= 0; i-- {
		s := a.Sessions[i]
		if s.State == Upcoming {
			a.Next = &a.Sessions[i]
			continue
		}
		if s.State == Earlier {
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
	case slices.ContainsFunc(a.Sessions, func(s Session) bool { return s.State == Earlier }):
		a.Words = "no sessions marked yet"
	default:
		a.Words = "no sessions yet"
	}
	return a
}
