// Package nurture keeps a learning network alive: who is due for a
// reconnect and why, give and take, showing up to communities, topic
// coverage, learning goals, the weekly prompt and the daily digest. It is
// pure logic over summaries the store keeps; time always comes in as an
// argument, so tests run across months deterministically.
package nurture

import "time"

// Settings tune the nudges and the reminders. A nudge's figure left zero
// takes its default. Reminders and Hour steer the desktop
// reminders; they are this device's stored choices, whose stored form
// (app/settings.go) gives their defaults (on, 9 o'clock).
type Settings struct {
	Reminders bool `json:"reminders"`           // desktop notifications while the app runs
	Hour      int  `json:"hour"`                // the hour (0–23) of the daily digest
	MissedN   int  `json:"missedN"`             // "you were missed" after this many sessions in a row (3)
	Lopsided  int  `json:"lopsided,omitempty"`  // nudge after receiving this many more than given (3)
	StaleDays int  `json:"staleDays,omitempty"` // a topic with no activity this long is stale (90)
	GoalQuiet int  `json:"goalQuiet,omitempty"` // a goal with no learning this long is stalled (21)
}

func (s Settings) withDefaults() Settings {
	if s.MissedN <= 0 {
		s.MissedN = 3
	}
	if s.Lopsided <= 0 {
		s.Lopsided = 3
	}
	if s.StaleDays <= 0 {
		s.StaleDays = 90
	}
	if s.GoalQuiet <= 0 {
		s.GoalQuiet = 21
	}
	return s
}

// Day is a calendar day as a count of days, so spans are subtractions.
type Day int

// NoDay is a missing or unreadable date.
const NoDay Day = -1 << 31

// ParseDay reads YYYY-MM-DD (or the date part of RFC 3339).
func ParseDay(s string) Day {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return NoDay
	}
	n := func(a, b int) int {
		v := 0
		for _, c := range s[a:b] {
			if c < '0' || c > '9' {
				return -1
			}
			v = v*10 + int(c-'0')
		}
		return v
	}
	y, m, d := n(0, 4), n(5, 7), n(8, 10)
	if y < 0 || m < 1 || m > 12 || d < 1 || d > 31 {
		return NoDay
	}
	return dayOf(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC))
}

// Today is the day of t in t's own zone.
func Today(t time.Time) Day {
	y, m, d := t.Date()
	return dayOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

func dayOf(t time.Time) Day { return Day(t.Unix() / 86400) }

// String is YYYY-MM-DD. (Hand-made: due formats a day per item, and
// time.Format would be most of its cost.)
func (d Day) String() string {
	if d == NoDay {
		return ""
	}
	y, m, dd := civil(int(d))
	if y < 0 || y > 9999 {
		return time.Unix(int64(d)*86400, 0).UTC().Format("2006-01-02")
	}
	b := [10]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + m/10), byte('0' + m%10), '-', byte('0' + dd/10), byte('0' + dd%10)}
	return string(b[:])
}

// civil converts days since 1970-01-01 to year, month, day (Howard
// Hinnant's days-to-civil algorithm).
func civil(z int) (y, m, d int) {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	if mp < 10 {
		m = mp + 3
	} else {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

// Time is midnight UTC of the day.
func (d Day) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// Weekday of the day.
func (d Day) Weekday() time.Weekday { return d.Time().Weekday() }
