package nurture

import (
	"fmt"
	"time"
)

// Prompt is the weekly "what did you learn this week?".
type Prompt struct {
	Show     bool   `json:"show"`     // nothing logged this week yet
	Text     string `json:"text"`     // the one line to show
	WeekOf   string `json:"weekOf"`   // the Monday the week starts
	ThisWeek int    `json:"thisWeek"` // learnings logged this week
	Last     string `json:"last,omitempty"`
}

// WeekStart is the Monday of d's week.
func WeekStart(d Day) Day { return d - Day((int(d.Weekday())+6)%7) }

// WeeklyPrompt reads the learning log's dates.
func WeeklyPrompt(dates []string, now time.Time) Prompt {
	today := Today(now)
	week := WeekStart(today)
	p := Prompt{WeekOf: week.String()}
	last := NoDay
	for _, s := range dates {
		d := ParseDay(s)
		if d == NoDay || d > today {
			continue
		}
		if d >= week {
			p.ThisWeek++
		}
		last = max(last, d)
	}
	p.Last = last.String()
	switch {
	case p.ThisWeek == 0 && last == NoDay:
		p.Show, p.Text = true, "What did you learn this week? Your learning log starts with one line."
	case p.ThisWeek == 0:
		p.Show, p.Text = true, fmt.Sprintf("What did you learn this week? (last entry %s)", Ago(int(today-last)))
	case p.ThisWeek == 1:
		p.Text = "1 thing learned this week. Anything else?"
	default:
		p.Text = fmt.Sprintf("%d things learned this week. Anything else?", p.ThisWeek)
	}
	return p
}
