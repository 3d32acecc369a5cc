package ical

import (
	"fmt"
	"time"

	ics "github.com/arran4/golang-ical"
)

// addTimezone writes a VTIMEZONE for an IANA zone as it stands in year:
// Outlook and older clients do not know IANA names and need the rules in
// the file. A zone with DST gets yearly rules ("second Sunday of March");
// one without gets its fixed offset.
func addTimezone(c *ics.Calendar, name string, year int) error {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return err
	}
	tz := c.AddTimezone(name)
	tz.AddProperty(ics.ComponentProperty("X-LIC-LOCATION"), name)
	changes := transitions(loc, year)
	if len(changes) != 2 {
		abbr, off := time.Date(year, 1, 1, 0, 0, 0, 0, loc).Zone()
		s := tz.AddStandard()
		s.AddProperty(ics.ComponentPropertyDtStart, "19700101T000000")
		s.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), formatOffset(off))
		s.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), formatOffset(off))
		s.AddProperty(ics.ComponentProperty(ics.PropertyTzname), abbr)
		return nil
	}
	for _, ch := range changes {
		var sub *ics.ComponentBase
		if ch.toOff > ch.fromOff {
			d := &ics.Daylight{}
			tz.Components = append(tz.Components, d)
			sub = &d.ComponentBase
		} else {
			sub = &tz.AddStandard().ComponentBase
		}
		// The onset in the wall time before the change, as RFC 5545 asks.
		wall := ch.at.In(time.FixedZone("", ch.fromOff))
		sub.AddProperty(ics.ComponentPropertyDtStart, time.Date(1970, wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), 0, 0, time.UTC).Format("20060102T150405"))
		sub.AddProperty(ics.ComponentPropertyRrule, fmt.Sprintf("FREQ=YEARLY;BYMONTH=%d;BYDAY=%s", int(wall.Month()), nthWeekday(wall)))
		sub.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), formatOffset(ch.fromOff))
		sub.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), formatOffset(ch.toOff))
		sub.AddProperty(ics.ComponentProperty(ics.PropertyTzname), ch.abbr)
	}
	return nil
}

type change struct {
	at             time.Time
	fromOff, toOff int
	abbr           string
}

// transitions finds the offset changes of a year, to the minute.
func transitions(loc *time.Location, year int) []change {
	var out []change
	t := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	end := t.AddDate(1, 0, 0)
	_, off := t.In(loc).Zone()
	for day := t; day.Before(end); day = day.Add(24 * time.Hour) {
		next := day.Add(24 * time.Hour)
		_, o := next.In(loc).Zone()
		if o == off {
			continue
		}
		lo, hi := day, next // the change is in (lo, hi]
		for hi.Sub(lo) > time.Minute {
			mid := lo.Add(hi.Sub(lo) / 2)
			if _, m := mid.In(loc).Zone(); m == off {
				lo = mid
			} else {
				hi = mid
			}
		}
		abbr, _ := hi.In(loc).Zone()
		out = append(out, change{at: hi.Truncate(time.Minute), fromOff: off, toOff: o, abbr: abbr})
		off = o
	}
	return out
}

// nthWeekday writes a day as a BYDAY rule: "2SU", or "-1SU" for the last.
func nthWeekday(t time.Time) string {
	day := [7]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}[t.Weekday()]
	if t.AddDate(0, 0, 7).Month() != t.Month() {
		return "-1" + day
	}
	return fmt.Sprintf("%d%s", (t.Day()-1)/7+1, day)
}

func formatOffset(secs int) string {
	sign := '+'
	if secs < 0 {
		sign, secs = '-', -secs
	}
	return fmt.Sprintf("%c%02d%02d", sign, secs/3600, secs/60%60)
}
