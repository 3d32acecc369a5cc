package nurture

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"learnwork/store"
)

// Named is an entity's ID and title.
type Named struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Feeder is a person, source or community that feeds a topic.
type Feeder struct {
	Kind string
	Named
}

// TopicInput is a topic's figures, as store.Reader.CoverageOn works them
// out (the one place they are counted), and the names of who feeds it.
type TopicInput struct {
	store.TopicCoverage
	Feeders   []Feeder
	Published int // posts its sources' feeds published in the last PublishedDays
}

// PublishedDays is the window of a topic's Published posts.
const PublishedDays = 90

// TopicCoverage is how well a topic is fed: the figures of
// store.TopicCoverage (the one model of coverage, which the Topics screen
// shows as it is), who feeds the topic by name, and all of it in words
// for the CLI and the nudges.
type TopicCoverage struct {
	store.TopicCoverage
	Feeding   Feeding `json:"feeding"` // the first FeedersShown of each kind, by name
	DaysQuiet int     `json:"daysQuiet,omitempty"`
	Published int     `json:"published,omitempty"` // posts its sources published in the last PublishedDays
	Words     string  `json:"words"`
}

// Feeding names who feeds a topic, by kind.
type Feeding struct {
	People      []Named `json:"people"`
	Sources     []Named `json:"sources"`
	Communities []Named `json:"communities"`
}

// TopicWindow is the day topic coverage is seen from and the first day
// whose learning or interaction keeps a topic fresh: a topic quiet for
// StaleDays days is stale. The Topics screen and Coverage both use it.
func (s Settings) TopicWindow(now time.Time) (today, freshFrom string) {
	s = s.withDefaults()
	t := Today(now)
	return t.String(), (t - Day(s.StaleDays) + 1).String()
}

// Coverage puts each topic's figures in words, with who feeds it: which
// topics hang on a single source and which have gone quiet. Topics that
// need care come first, then by name.
func Coverage(topics []TopicInput, now time.Time) []TopicCoverage {
	today := Today(now)
	out := make([]TopicCoverage, 0, len(topics))
	for _, t := range topics {
		c := TopicCoverage{TopicCoverage: t.TopicCoverage, Published: t.Published, Feeding: Feeding{People: []Named{}, Sources: []Named{}, Communities: []Named{}}}
		for _, f := range t.Feeders {
			switch f.Kind {
			case "person":
				c.Feeding.People = append(c.Feeding.People, f.Named)
			case "source":
				c.Feeding.Sources = append(c.Feeding.Sources, f.Named)
			case "community":
				c.Feeding.Communities = append(c.Feeding.Communities, f.Named)
			}
		}
		for _, l := range []*[]Named{&c.Feeding.People, &c.Feeding.Sources, &c.Feeding.Communities} {
			slices.SortFunc(*l, func(a, b Named) int { return cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) })
			*l = (*l)[:min(len(*l), FeedersShown)]
		}
		var words []string
		switch feeds := slices.Concat(c.Feeding.People, c.Feeding.Sources, c.Feeding.Communities); {
		case c.People+c.Sources+c.Communities == 0:
			words = append(words, "nobody and nothing feeds it")
		case c.SingleSource && len(feeds) > 0:
			words = append(words, "a single source: "+feeds[0].Name)
		default:
			words = append(words, fmt.Sprintf("fed by %s", feedWords(c.People, c.Sources, c.Communities)))
		}
		if c.Published > 0 {
			words = append(words, fmt.Sprintf("%d new posts from its sources in %d days", c.Published, PublishedDays))
		}
		if last := ParseDay(c.LastActivity); last == NoDay {
			words = append(words, "nothing learned or discussed yet")
		} else {
			c.DaysQuiet = int(today - last)
			if c.Stale {
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
	if c.SingleSource || c.People+c.Sources+c.Communities == 0 {
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
