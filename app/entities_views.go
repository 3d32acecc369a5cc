package app

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"learnwork/app/nurture"
	"learnwork/store"
)

// PeopleQuery filters the People list. Contact is "" (anyone), "never"
// (no interaction yet), "over" (not in the last Days days) or "within"
// (in the last Days days).
type PeopleQuery struct {
	TopicID     string `json:"topicId"`
	CommunityID string `json:"communityId"`
	Service     string `json:"service"` // met on: linkedin, mastodon, twitter, bluesky, github
	// From: where they came from, a PeopleSource key ("linkedin",
	// "typed"…); a search keeps to it too.
	From string `json:"from,omitempty"`
	// Query searches by name instead (the other filters then do not
	// apply), so a search's rows carry the same icons.
	Query   string `json:"query,omitempty"`
	Contact string `json:"contact"`
	Days    int    `json:"days"`
	Offset  int    `json:"offset"`
	Limit   int    `json:"limit"`
}

// PeoplePage is one page of a filtered People list and how many match.
type PeoplePage struct {
	Total int               `json:"total"`
	Items []store.PersonRow `json:"items"`
}

// FilterPeople lists people by topic, community and last contact, by name.
func (sv *Entities) FilterPeople(q PeopleQuery) (PeoplePage, error) {
	f := store.PeopleFilter{TopicID: q.TopicID, CommunityID: q.CommunityID, Service: q.Service, Offset: q.Offset, Limit: q.Limit}
	switch q.Contact {
	case "":
	case "never":
		f.Contact = "never"
	case "over", "within":
		if q.Days <= 0 {
			return PeoplePage{}, fmt.Errorf("say how many days for last contact (got %d)", q.Days)
		}
		f.Date = sv.now().AddDate(0, 0, -q.Days).Format("2006-01-02")
		f.Contact = map[string]string{"over": "before", "within": "since"}[q.Contact]
	default:
		return PeoplePage{}, fmt.Errorf("unknown last-contact filter %q (one of never, over, within)", q.Contact)
	}
	p := PeoplePage{Items: []store.PersonRow{}}
	gen := sv.views.generation() // before the snapshot, so a racing commit is noticed
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		var err error
		if f.LastContacts, err = sv.views.lastContacts(r, gen); err != nil {
			return err
		}
		if q.From != "" {
			from, err := sv.views.peopleFrom(r, gen, sv.store.Device())
			if err != nil {
				return err
			}
			if f.Keep, err = cameFrom(from, q.From); err != nil {
				return err
			}
		}
		var items []store.PersonRow
		if strings.TrimSpace(q.Query) != "" {
			items, p.Total, err = searchPeople(r, q, f.LastContacts, f.Keep)
		} else {
			items, p.Total, err = r.FilterPeople(f)
		}
		if err != nil {
			return err
		}
		if items != nil {
			p.Items = items
		}
		return r.WithLinks(p.Items)
	})
	return p, friendly(err)
}

// searchPeople is a page of the people a search finds, best first, of
// those keep lets through (all when nil).
func searchPeople(r *store.Reader, q PeopleQuery, last map[string]string, keep func(id string) bool) ([]store.PersonRow, int, error) {
	hits, err := r.Search(q.Query, 500, store.KindPerson)
	if err != nil {
		return nil, 0, err
	}
	if keep != nil {
		hits = slices.DeleteFunc(hits, func(h store.Hit) bool { return !keep(h.ID) })
	}
	lo := min(max(q.Offset, 0), len(hits))
	hi := len(hits)
	if q.Limit > 0 {
		hi = min(lo+q.Limit, hi)
	}
	rows := make([]store.PersonRow, 0, hi-lo)
	for _, h := range hits[lo:hi] {
		rows = append(rows, store.PersonRow{Summary: h.Summary, LastContact: last[h.ID]})
	}
	return rows, len(hits), nil
}

// Timeline is what an entity's page shows below its details.
type Timeline struct {
	Items   []store.TimelineItem `json:"items"`
	Touches store.Touches        `json:"touches"`
}

// Timeline lists everything that refers to an entity, newest first, and
// its give/take balance.
func (sv *Entities) Timeline(id string) (Timeline, error) {
	if strings.TrimSpace(id) == "" {
		return Timeline{}, fmt.Errorf("no entity given for the timeline")
	}
	var t Timeline
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		var err error
		t.Items, t.Touches, err = r.Timeline(id)
		return err
	})
	return t, friendly(err)
}

// viewCache keeps derived maps between calls until a commit changes what
// they are made of: last contacts cost two index scans on a large network,
// where people came from a pass over every person, and the People filters
// ask for them on every change of filter. Where people came from changes
// only with people, so a logged interaction or a feed's new posts keep it.
type viewCache struct {
	mu   sync.Mutex
	gen  viewGen
	last cached[map[string]string]
	from cached[map[string][]string] // person → the Came from choices they fall under
}

// viewGen counts commits: all of them, and those that wrote people.
type viewGen struct{ all, people uint64 }

// cached is one derived map and the generation it was read at.
type cached[T any] struct {
	at uint64
	v  T
	ok bool
}

// invalidate drops what a commit made stale; people tells whether it
// wrote any person.
func (c *viewCache) invalidate(people bool) {
	c.mu.Lock()
	c.gen.all++
	c.last = cached[map[string]string]{}
	if people {
		c.gen.people++
		c.from = cached[map[string][]string]{}
	}
	c.mu.Unlock()
}

func (c *viewCache) generation() viewGen {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// viewOf returns the cached map, or reads it from a snapshot opened at
// generation gen (as counted by count). A map read from a snapshot older
// than the latest commit is used once but not kept.
func viewOf[T any](c *viewCache, slot *cached[T], count func(viewGen) uint64, gen viewGen, read func() (T, error)) (T, error) {
	c.mu.Lock()
	if slot.ok && slot.at == count(gen) && count(gen) == count(c.gen) {
		v := slot.v
		c.mu.Unlock()
		return v, nil
	}
	c.mu.Unlock()
	v, err := read()
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	if count(c.gen) == count(gen) {
		*slot = cached[T]{at: count(gen), v: v, ok: true}
	}
	c.mu.Unlock()
	return v, nil
}

func (c *viewCache) lastContacts(r *store.Reader, gen viewGen) (map[string]string, error) {
	return viewOf(c, &c.last, func(g viewGen) uint64 { return g.all }, gen, r.LastContacts)
}

func (c *viewCache) peopleFrom(r *store.Reader, gen viewGen, dev store.DeviceID) (map[string][]string, error) {
	return viewOf(c, &c.from, func(g viewGen) uint64 { return g.people }, gen, func() (map[string][]string, error) { return peopleFrom(r, dev) })
}

// Activity counts interactions and learnings per month over the last
// months (this month included), oldest first.
func (sv *Entities) Activity(months int) ([]store.ActivityPoint, error) {
	if months <= 0 || months > 120 {
		return nil, fmt.Errorf("activity covers 1 to 120 months, not %d", months)
	}
	now := sv.now()
	first := time.Date(now.Year(), now.Month()-time.Month(months-1), 1, 0, 0, 0, 0, time.UTC).Format("2006-01")
	var out []store.ActivityPoint
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		var err error
		out, err = r.Activity(first, now.Format("2006-01"))
		return err
	})
	return out, err
}

// TopicStats reports how well each topic is fed; a topic with nothing logged
// for staleDays days (90 when 0) is stale.
func (sv *Entities) TopicStats(staleDays int) ([]store.TopicCoverage, error) {
	var out []store.TopicCoverage
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		var err error
		out, err = topicStats(r, sv.now(), staleDays)
		return err
	})
	return out, err
}

// topicStats is every topic's coverage on now's day: the one computation
// behind the Topics screen (TopicStats) and the nurture Coverage.
func topicStats(r *store.Reader, now time.Time, staleDays int) ([]store.TopicCoverage, error) {
	today, freshFrom := nurture.Settings{StaleDays: staleDays}.TopicWindow(now)
	return r.CoverageOn(today, freshFrom)
}

// Graph is the network graph with at most maxPeople people (the most
// connected), every community, source and topic.
func (sv *Entities) Graph(maxPeople int) (store.Graph, error) {
	if maxPeople <= 0 {
		maxPeople = 150
	}
	var g store.Graph
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		var err error
		g, err = r.Graph(maxPeople)
		return err
	})
	return g, err
}

// Trash lists what is in Trash, every kind.
func (sv *Entities) Trash(limit int) ([]store.Summary, error) {
	if limit <= 0 {
		limit = 500
	}
	var out []store.Summary
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		var err error
		out, err = r.Trash(limit)
		return err
	})
	return out, err
}
