package nurture

import (
	"fmt"
	"strconv"
)

// The words for keeping in touch, in one place: Today's reasons, the
// reminders and the CLI's text output all say them from here, and the
// window's Keep in touch choice (frontend/src/lib/words.ts) offers the same.

// Choice is one Keep in touch choice: how many days, and how a person says it.
type Choice struct {
	Days   int
	Every  string // "every month": the choice
	Wanted string // "monthly": "you wanted monthly"
}

// Choices are the Keep in touch choices besides a custom number of days and never.
var Choices = []Choice{
	{14, "every 2 weeks", "every 2 weeks"},
	{30, "every month", "monthly"},
	{90, "every quarter", "quarterly"},
	{180, "every half year", "every half year"},
	{365, "every year", "yearly"},
}

// choiceOf is the choice days falls on, allowing a month of 31 days or a
// quarter of 91 (a few per cent either way).
func choiceOf(days int) (Choice, bool) {
	for _, c := range Choices {
		if d := days - c.Days; d*20 >= -c.Days && d*20 <= c.Days {
			return c, true
		}
	}
	return Choice{}, false
}

// Every says a cadence as a choice: "every month", "every 45 days".
func Every(c Cadence) string {
	if ch, ok := choiceOf(c.Ideal); ok {
		return ch.Every
	}
	return "every " + days(c.Ideal)
}

// Wanted says what the person asked for: "monthly", "every 45 days".
func Wanted(c Cadence) string {
	if ch, ok := choiceOf(c.Ideal); ok {
		return ch.Wanted
	}
	return "every " + days(c.Ideal)
}

func days(n int) string {
	if n == 1 {
		return "day"
	}
	return strconv.Itoa(n) + " days"
}

// Ago says a span of days the way people do: "today", "3 days ago",
// "6 weeks ago", "4 months ago", "2 years ago". The window's dates use the
// same steps (frontend/src/lib/format.ts).
func Ago(days int) string {
	switch {
	case days == 0:
		return "today"
	case days == 1:
		return "yesterday"
	case days < 14:
		return strconv.Itoa(days) + " days ago"
	case days < 70:
		return plural((days+3)/7, "week", "weeks") + " ago"
	case days < 548:
		return plural(int(float64(days)/30.44+0.5), "month", "months") + " ago"
	}
	return plural(int(float64(days)/365.25+0.5), "year", "years") + " ago"
}

// plural counts: "1 session", "3 sessions".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
