package nurture

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Named is an entity's ID and title.
type Named struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Feeder is an entity that carries a topic: a person, source or community
// that feeds it, or a dated learning or interaction about it.
type Feeder struct {
	Kind string
	Named
	Date string // learnings and interactions
}

// TopicInput is a topic with everything that carries it.
type TopicInput struct {
	Named
	Feeders []Feeder
}

// TopicCoverage is how well a topic is fed.
type TopicCoverage struct {
	Named
	People       []Named `json:"people"` // the first FeedersShown, by name
	Sources      []Named `json:"sources"`
	Communities  []Named `json:"communities"`
	PeopleN      int     `json:"peopleCount"`
	SourcesN     int     `json:"sourceCount"`
	CommunitiesN int     `json:"communityCount"`
	Learnings    int     `json:"learnings"`
	Interactions int     `json:"interactions"`
	LastActivity string  `json:"lastActivity,omitempty"`
	DaysQuiet    int     `json:"daysQuiet,omitempty"`
	SingleSource bool    `json:"singleSource,omitempty"` // one person, source or community feeds it
	Stale        bool    `json:"stale,omitempty"`        // no learning or interaction for StaleDays
	Words        string  `json:"words"`
}

// Coverage says, for each topic, who and what feeds it, which topics hang
// on a single source and which have gone quiet. Topics that need care come
// first, then by name.
func Coverage(topics []TopicInput, now time.Time, s Settings) []TopicCoverage {
	s = s.withDefaults()
	today := Today(now)
	out := make([]TopicCoverage, 0, len(topics))
	for _, t := range topics {
		c := TopicCoverage{Named: t.Named, People: []Named{}, Sources: []Named{}, Communities: []Named{}}
		last := NoDay
		for _, f := range t.Feeders {
			switch f.Kind {
			case "person":
				c.People = append(c.People, f.Named)
			case "source":
				c.Sources = append(c.Sources, f.Named)
			case "community":
				c.Communities = append(c.Communities, f.Named)
			case "learning", "interaction":
				if f.Kind == "learning" {
					c.Learnings++
				} else {
					c.Interactions++
				}
				if d := ParseDay(f.Date); d != NoDay && d <= today {
					last = max(last, d)
				}
			}
		}
		c.PeopleN, c.SourcesN, c.CommunitiesN = len(c.People), len(c.Sources), len(c.Communities)
		for _, l := range []*[]Named{&c.People, &c.Sources, &c.Communities} {
			slices.SortFunc(*l, func(a, b Named) int { return cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) })
			*l = (*l)[:min(len(*l), FeedersShown)]
		}
		feeds := c.PeopleN + c.SourcesN + c.CommunitiesN
		c.SingleSource = feeds == 1
		var words []string
		switch feeds {
		case 0:
			words = append(words, "nobody and nothing feeds it")
		case 1:
			words = append(words, "a single source: "+append(append(c.People, c.Sources...), c.Communities...)[0].Name)
		default:
			words = append(words, fmt.Sprintf("fed by %s", feedWords(c.PeopleN, c.SourcesN, c.CommunitiesN)))
		}
		if last == NoDay {
			c.Stale = true
			words = append(words, "nothing learned or discussed yet")
		} else {
			c.LastActivity, c.DaysQuiet = last.String(), int(today-last)
			if c.DaysQuiet >= s.StaleDays {
				c.Stale = true
				words = append(words, fmt.Sprintf("quiet for %d days", c.DaysQuiet))
			}
		}
		c.Words = strings.Join(words, "; ")
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b TopicCoverage) int {
		return cmp.Or(cmp.Compare(b.care(), a.care()), cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)))
	})
	return out
}

// FeedersShown is how many people, sources and communities a topic names.
const FeedersShown = 12

func (c TopicCoverage) care() int {
	n := 0
	if c.SingleSource || c.PeopleN+c.SourcesN+c.CommunitiesN == 0 {
		n++
	}
	if c.Stale {
		n++
	}
	return n
}

func feedWords(people, sources, communities int) string {
	var parts []string
	for _, p := range []struct {
		n         int
		one, many string
	}{{people, "person", "people"}, {sources, "source", "sources"}, {communities, "community", "communities"}} {
		switch {
		case p.n == 1:
			parts = append(parts, "1 "+p.one)
		case p.n > 1:
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.many))
		}
	}
	return strings.Join(parts, ", ")
}
