package nurture

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"learnwork/store"
)

// Level is how much something needs attention.
type Level string

const (
	OK    Level = ""
	Nudge Level = "nudge" // gentle: a lopsided ledger
	Amber Level = "amber" // due
	Red   Level = "red"   // overdue
)

func (l Level) rank() int {
	switch l {
	case Red:
		return 3
	case Amber:
		return 2
	case Nudge:
		return 1
	}
	return 0
}

// Calendar expands a community's schedule (a recurring event series) into
// session start times. app implements it over the store's events.
type Calendar interface {
	// Sessions are the starts of the series' occurrences in [from, to).
	Sessions(series string, from, to time.Time) ([]time.Time, error)
}

// Item is one person, community or source that needs attention, with the
// reasons in words, most pressing first.
type Item struct {
	ID        string   `json:"id"`
	Kind      string   `json:"kind"`
	Name      string   `json:"name"`
	Level     Level    `json:"level"`
	Reasons   []string `json:"reasons"`
	Last      string   `json:"last,omitempty"`      // last contact, YYYY-MM-DD
	DaysSince int      `json:"daysSince,omitempty"` // days since last contact (or since added, if never)
	Cadence   *Cadence `json:"cadence,omitempty"`
	DueOn     string   `json:"dueOn,omitempty"` // the day it turned amber
	Missed    int      `json:"missed,omitempty"`
	Gave      int      `json:"gave,omitempty"`
	Received  int      `json:"received,omitempty"`

	score float64 // order within a level
}

// Reason is the reasons joined for one line.
func (it Item) Reason() string { return strings.Join(it.Reasons, "; ") }

// Ranker evaluates summaries one at a time (a store scan feeds it) and
// ranks what needs attention.
type Ranker struct {
	now      time.Time
	today    Day
	set      Settings
	cal      Calendar
	items    []Item
	problems []string
}

// NewRanker ranks as of now; cal may be nil (no schedules known).
func NewRanker(now time.Time, cal Calendar, s Settings) *Ranker {
	return &Ranker{now: now, today: Today(now), set: s.withDefaults(), cal: cal}
}

// Snoozed reports a snooze still in force today.
func Snoozed(snoozed string, today Day) bool {
	d := ParseDay(snoozed)
	return d != NoDay && d >= today
}

// Add evaluates one summary.
func (r *Ranker) Add(t *store.Touch) {
	if Snoozed(t.Snoozed, r.today) {
		return
	}
	it := Item{ID: t.ID, Kind: string(t.Kind), Name: t.Name, Last: t.Last, Gave: t.Gave, Received: t.Received}
	add := func(l Level, score float64, reason string) {
		if l.rank() > it.Level.rank() {
			it.Level = l
			it.Reasons = append([]string{reason}, it.Reasons...)
		} else {
			it.Reasons = append(it.Reasons, reason)
		}
		it.score = max(it.score, score)
	}
	if c, ok, err := ParseCadence(t.Cadence); err != nil {
		r.problems = append(r.problems, fmt.Sprintf("%s: %v", t.Name, err))
	} else if ok {
		r.cadence(t, c, &it, add)
	}
	if t.Kind == store.KindCommunity && t.Schedule != "" && r.cal != nil {
		r.attendance(t, &it, add)
	}
	if t.Kind != store.KindSource {
		if reason, ok := lopsided(t.Name, t.Gave, t.Received, r.set.Lopsided); ok {
			add(Nudge, float64(t.Received-t.Gave), reason)
		}
	}
	if it.Level != OK {
		r.items = append(r.items, it)
	}
}

func (r *Ranker) cadence(t *store.Touch, c Cadence, it *Item, add func(Level, float64, string)) {
	it.Cadence = &c
	last, never := ParseDay(t.Last), false
	if last == NoDay {
		last, never = ParseDay(t.Added), true
		if last == NoDay {
			return
		}
	}
	days := int(r.today - last)
	l := c.LevelAfter(days)
	if l == OK {
		return
	}
	it.DaysSince, it.DueOn = days, (last + Day(c.Ideal)).String()
	verb := "last talked"
	if t.Kind == store.KindCommunity {
		verb = "last took part"
	} else if t.Kind == store.KindSource {
		verb = "last read"
	}
	reason := fmt.Sprintf("%s %s, cadence %d", verb, ago(days), c.Ideal)
	if never {
		reason = fmt.Sprintf("nothing logged since you added %s %s, cadence %d", them(t.Kind), ago(days), c.Ideal)
	}
	add(l, float64(days)/float64(c.Max), reason)
}

func them(k store.Kind) string {
	if k == store.KindPerson {
		return "them"
	}
	return "it"
}

func (r *Ranker) attendance(t *store.Touch, it *Item, add func(Level, float64, string)) {
	from := max(ParseDay(t.Added), r.today-366)
	starts, err := r.cal.Sessions(t.Schedule, from.Time().Add(-14*time.Hour), r.now)
	if err != nil {
		r.problems = append(r.problems, fmt.Sprintf("%s: schedule: %v", t.Name, err))
		return
	}
	a := attendanceOf(t, starts, from, r.now)
	if a.MissedInRow < r.set.MissedN {
		return
	}
	it.Missed = a.MissedInRow
	l := Amber
	if a.MissedInRow >= 2*r.set.MissedN {
		l = Red
	}
	add(l, float64(a.MissedInRow)/float64(r.set.MissedN), fmt.Sprintf("missed %d %s sessions in a row — you were missed", a.MissedInRow, t.Name))
}

// Items are what needs attention: red, then amber, then nudges; within a
// level the most overdue first.
func (r *Ranker) Items() []Item {
	Rank(r.items)
	return r.items
}

// Problems are summaries that could not be judged (a bad cadence, a
// schedule that does not expand), in words.
func (r *Ranker) Problems() []string { return r.problems }

// Rank sorts items most pressing first.
func Rank(items []Item) {
	slices.SortStableFunc(items, func(a, b Item) int {
		return cmp.Or(
			cmp.Compare(b.Level.rank(), a.Level.rank()),
			cmp.Compare(b.score, a.score),
			cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)),
			cmp.Compare(a.ID, b.ID))
	})
}

// ago says a span of days the way people do.
func ago(days int) string {
	switch days {
	case 0:
		return "today"
	case 1:
		return "yesterday"
	}
	return fmt.Sprintf("%d days ago", days)
}
