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
	Cadence   Cadence  `json:"cadence,omitzero"`
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
	var it Item // filled only when something is due: most summaries are not
	if c, ok, err := ParseCadence(t.Cadence); err != nil {
		r.problems = append(r.problems, fmt.Sprintf("%s: %v", t.Name, err))
	} else if ok {
		r.cadence(t, c, &it)
	}
	if t.Kind == store.KindCommunity && t.Schedule != "" && r.cal != nil {
		r.attendance(t, &it)
	}
	if t.Kind != store.KindSource {
		if reason, ok := lopsided(t.Name, t.Gave, t.Received, r.set.Lopsided); ok {
			it.add(Nudge, float64(t.Received-t.Gave), reason)
		}
	}
	if it.Level != OK {
		it.ID, it.Kind, it.Name, it.Last, it.Gave, it.Received = t.ID, string(t.Kind), t.Name, t.Last, t.Gave, t.Received
		r.items = append(r.items, it)
	}
}

// add records a reason; the most pressing one goes first.
func (it *Item) add(l Level, score float64, reason string) {
	if l.rank() > it.Level.rank() {
		it.Level = l
		it.Reasons = append([]string{reason}, it.Reasons...)
	} else {
		it.Reasons = append(it.Reasons, reason)
	}
	it.score = max(it.score, score)
}

func (r *Ranker) cadence(t *store.Touch, c Cadence, it *Item) {
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
	it.Cadence, it.DaysSince, it.DueOn = c, days, (last + Day(c.Ideal)).String()
	verb := "last talked"
	if t.Kind == store.KindCommunity {
		verb = "last took part"
	} else if t.Kind == store.KindSource {
		verb = "last read"
	}
	reason := verb + " " + Ago(days) + " — you wanted " + Wanted(c)
	if never {
		reason = fmt.Sprintf("nothing logged since you added %s %s — you wanted %s", them(t.Kind), Ago(days), Wanted(c))
	}
	it.add(l, float64(days)/float64(c.Max), reason)
}

func them(k store.Kind) string {
	if k == store.KindPerson {
		return "them"
	}
	return "it"
}

func (r *Ranker) attendance(t *store.Touch, it *Item) {
	// Sessions before one was a member count only if marked, and a mark
	// counts without its session (attendanceOf): no need to read them.
	since := MemberSince(t)
	starts, err := r.cal.Sessions(t.Schedule, max(since, r.today-366).Time().Add(-14*time.Hour), r.now)
	if err != nil {
		r.problems = append(r.problems, fmt.Sprintf("%s: schedule: %v", t.Name, err))
		return
	}
	a := attendanceOf(t, starts, since, r.now)
	if a.MissedInRow < r.set.MissedN {
		return
	}
	it.Missed = a.MissedInRow
	l := Amber
	if a.MissedInRow >= 2*r.set.MissedN {
		l = Red
	}
	it.add(l, float64(a.MissedInRow)/float64(r.set.MissedN), fmt.Sprintf("missed %d %s sessions in a row — you were missed", a.MissedInRow, t.Name))
}

// Items are what needs attention: red, then amber, then nudges; within a
// level the most overdue first.
func (r *Ranker) Items() []Item {
	r.items = Rank(r.items)
	return r.items
}

// Expect makes room for about n due items (a store knows how many people
// it holds), so a large ranking does not copy its items as it grows.
func (r *Ranker) Expect(n int) { r.items = slices.Grow(r.items, n) }

// Problems are summaries that could not be judged (a bad cadence, a
// schedule that does not expand), in words.
func (r *Ranker) Problems() []string { return r.problems }

// Rank returns the items most pressing first: by level, then how far
// past due; equal ones keep the order they came in (the store's, so the
// same data ranks the same). It sorts small keys and then places the
// items once: moving whole items in the sort cost more than comparing.
func Rank(items []Item) []Item {
	type key struct {
		rank  int
		score float64
		i     int
	}
	keys := make([]key, len(items))
	for i := range items {
		keys[i] = key{items[i].Level.rank(), items[i].score, i}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := cmp.Compare(b.rank, a.rank); c != 0 {
			return c
		}
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	sorted := make([]Item, len(items))
	for i, k := range keys {
		sorted[i] = items[k.i]
	}
	return sorted
}
