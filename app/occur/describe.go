package occur

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/teambition/rrule-go"

	"learnwork/store"
)

// Describe says in words when an event recurs, as a person would:
// "weekly, Thursday 20:30 America/New_York", "monthly, second Tuesday
// 12:30 Europe/London". A single event gives its start.
func Describe(ev store.Event) string {
	when := ""
	if !ev.AllDay && len(ev.Start) > 10 {
		when = " " + ev.Start[11:16]
		if ev.TZ != "" {
			when += " " + ev.TZ
		}
	}
	rule := strings.Split(ev.RRule, "\n")[0]
	if rule == "" {
		return strings.TrimSpace(ev.Start[:min(len(ev.Start), 10)] + when)
	}
	ro, err := rrule.StrToROption(mustClean(rule))
	if err != nil {
		return rule
	}
	n := max(ro.Interval, 1)
	unit := map[rrule.Frequency][2]string{rrule.YEARLY: {"yearly", "years"}, rrule.MONTHLY: {"monthly", "months"}, rrule.WEEKLY: {"weekly", "weeks"},
		rrule.DAILY: {"daily", "days"}, rrule.HOURLY: {"hourly", "hours"}, rrule.MINUTELY: {"every minute", "minutes"}, rrule.SECONDLY: {"every second", "seconds"}}[ro.Freq]
	out := unit[0]
	if n > 1 {
		out = fmt.Sprintf("every %d %s", n, unit[1])
	}
	var days []string
	for _, d := range ro.Byweekday {
		name := dayNames[d.Day()]
		if k := d.N(); k != 0 {
			name = ordinal(k) + " " + name
		}
		days = append(days, name)
	}
	if len(ro.Bysetpos) == 1 && len(days) > 1 {
		days = []string{ordinal(ro.Bysetpos[0]) + " weekday"}
	}
	switch {
	case len(days) > 0:
		out += ", " + strings.Join(days, ", ")
	case ro.Freq == rrule.WEEKLY:
		if st, err := Parse(ev.Start, nil); err == nil {
			out += ", " + st.Time.Weekday().String()
		}
	case ro.Freq == rrule.MONTHLY && len(ro.Bymonthday) > 0:
		out += ", on the " + ordinal(ro.Bymonthday[0])
	case ro.Freq == rrule.MONTHLY && len(ev.Start) >= 10:
		d, _ := strconv.Atoi(ev.Start[8:10])
		out += ", on the " + ordinal(d)
	case ro.Freq == rrule.YEARLY:
		if st, err := Parse(ev.Start, nil); err == nil {
			out += ", " + st.Time.Format("2 January")
		}
	}
	return out + when
}

func mustClean(r string) string {
	c, err := CleanRule(r)
	if err != nil {
		return r
	}
	return c
}

var dayNames = [7]string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

func ordinal(n int) string {
	switch n {
	case -1:
		return "last"
	case -2:
		return "second to last"
	case 1:
		return "first"
	case 2:
		return "second"
	case 3:
		return "third"
	case 4:
		return "fourth"
	case 5:
		return "fifth"
	}
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.Itoa(n) + suffix
}
