package nurture

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// LearningInput is a learning log entry as goals and prompts read it.
type LearningInput struct {
	ID     string
	Date   string
	What   string
	Topics []string // topic IDs
	From   []string // people, sources, events, communities
}

// GoalInput is a learning goal.
type GoalInput struct {
	Named
	Status  string
	Target  string   // a date, or empty
	Added   string   // YYYY-MM-DD
	Topics  []Named  // the goal's topics
	Related []string // people, sources and communities linked to it
}

// GoalProgress is how a goal is going, from the learning log.
type GoalProgress struct {
	Named
	Status        string   `json:"status,omitempty"`
	Target        string   `json:"target,omitempty"`
	DaysLeft      *int     `json:"daysLeft,omitempty"`
	Learnings     int      `json:"learnings"`      // since the goal was set
	Last30        int      `json:"last30"`         // in the last 30 days
	Last          string   `json:"last,omitempty"` // the latest learning
	TopicsStarted int      `json:"topicsStarted"`  // goal topics with a learning
	TopicsTotal   int      `json:"topicsTotal"`
	NotStarted    []Named  `json:"notStarted"` // goal topics with none yet
	Percent       int      `json:"percent"`    // topics started, of all
	Stalled       bool     `json:"stalled,omitempty"`
	Words         string   `json:"words"`
	Recent        []string `json:"recent"` // what was learned, newest first, at most 3
}

// Progress measures a goal by the learnings that touch it: one of its
// topics, or from one of its people, sources or communities, logged since
// the goal was set.
func Progress(g GoalInput, learnings []LearningInput, now time.Time, s Settings) GoalProgress {
	s = s.withDefaults()
	today := Today(now)
	p := GoalProgress{Named: g.Named, Status: g.Status, Target: g.Target, TopicsTotal: len(g.Topics), NotStarted: []Named{}, Recent: []string{}}
	added := ParseDay(g.Added)
	started := map[string]bool{}
	last := NoDay
	ls := slices.Clone(learnings)
	slices.SortFunc(ls, func(a, b LearningInput) int { return strings.Compare(b.Date, a.Date) })
	for _, l := range ls {
		d := ParseDay(l.Date)
		if d == NoDay || d > today || (added != NoDay && d < added) {
			continue
		}
		hit := false
		for _, t := range g.Topics {
			if slices.Contains(l.Topics, t.ID) {
				started[t.ID], hit = true, true
			}
		}
		for _, f := range l.From {
			if slices.Contains(g.Related, f) {
				hit = true
			}
		}
		if !hit {
			continue
		}
		p.Learnings++
		if today-d < 30 {
			p.Last30++
		}
		last = max(last, d)
		if len(p.Recent) < 3 {
			p.Recent = append(p.Recent, l.What)
		}
	}
	for _, t := range g.Topics {
		if started[t.ID] {
			p.TopicsStarted++
		} else {
			p.NotStarted = append(p.NotStarted, t)
		}
	}
	if p.TopicsTotal > 0 {
		p.Percent = p.TopicsStarted * 100 / p.TopicsTotal
	}
	if t := ParseDay(g.Target); t != NoDay {
		left := int(t - today)
		p.DaysLeft = &left
	}
	active := g.Status == "" || g.Status == "active"
	quietSince := last
	if quietSince == NoDay {
		quietSince = added
	}
	p.Stalled = active && quietSince != NoDay && int(today-quietSince) >= s.GoalQuiet
	if last != NoDay {
		p.Last = last.String()
	}
	// One clause says what was logged and how long ago, and says stalled
	// once: "no learning logged … stalled: nothing for 25 days" said the
	// same thing twice.
	var words []string
	switch {
	case p.Learnings == 0 && p.Stalled:
		words = append(words, fmt.Sprintf("stalled: nothing logged for it in the %d days since you set it", today-quietSince))
	case p.Learnings == 0:
		words = append(words, "no learning logged for it yet")
	default:
		first := plural(p.Learnings, "learning", "learnings") + ", the last " + Ago(int(today-last))
		if p.Stalled {
			first = "stalled: " + first
		}
		words = append(words, first)
	}
	if p.TopicsTotal > 0 {
		words = append(words, fmt.Sprintf("%d of %d topics started", p.TopicsStarted, p.TopicsTotal))
	}
	if p.DaysLeft != nil && active {
		switch l := *p.DaysLeft; {
		case l < 0:
			words = append(words, fmt.Sprintf("target passed %d days ago", -l))
		case l == 0:
			words = append(words, "target is today")
		default:
			words = append(words, fmt.Sprintf("%d days to the target", l))
		}
	}
	p.Words = strings.Join(words, "; ")
	return p
}
