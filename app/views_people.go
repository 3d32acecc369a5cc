package app

import (
	"fmt"
	"strings"
	"sync"

	"learnwork/store"
)

// PeopleQuery filters the People list. Contact is "" (anyone), "never"
// (no interaction yet), "over" (not in the last Days days) or "within"
// (in the last Days days).
type PeopleQuery struct {
	TopicID     string `json:"topicId"`
	CommunityID string `json:"communityId"`
	Contact     string `json:"contact"`
	Days        int    `json:"days"`
	Offset      int    `json:"offset"`
	Limit       int    `json:"limit"`
}

// PeoplePage is one page of a filtered People list and how many match.
type PeoplePage struct {
	Total int               `json:"total"`
	Items []store.PersonRow `json:"items"`
}

// FilterPeople lists people by topic, community and last contact, by name.
func (sv *Services) FilterPeople(q PeopleQuery) (PeoplePage, error) {
	f := store.PeopleFilter{TopicID: q.TopicID, CommunityID: q.CommunityID, Offset: q.Offset, Limit: q.Limit}
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
		items, total, err := r.FilterPeople(f)
		if err != nil {
			return err
		}
		p.Total = total
		if items != nil {
			p.Items = items
		}
		return nil
	})
	return p, friendly(err)
}

// Timeline is what an entity's page shows below its details.
type Timeline struct {
	Items   []store.TimelineItem `json:"items"`
	Touches store.Touches        `json:"touches"`
}

// Timeline lists everything that refers to an entity, newest first, and
// its give/take balance.
func (sv *Services) Timeline(id string) (Timeline, error) {
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

// viewCache keeps derived maps between calls until the next commit:
// last contacts cost two index scans on a large network, and the People
// filters ask for them on every change of filter.
type viewCache struct {
	mu   sync.Mutex
	gen  uint64
	at   uint64 // gen the cached map was read at
	last map[string]string
}

func (c *viewCache) invalidate() {
	c.mu.Lock()
	c.gen++
	c.last = nil
	c.mu.Unlock()
}

func (c *viewCache) generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// lastContacts returns the cached map, or reads it from r, a snapshot
// opened at generation gen. A map read from a snapshot older than the
// latest commit is used once but not kept.
func (c *viewCache) lastContacts(r *store.Reader, gen uint64) (map[string]string, error) {
	c.mu.Lock()
	if c.last != nil && c.at == gen && gen == c.gen {
		m := c.last
		c.mu.Unlock()
		return m, nil
	}
	c.mu.Unlock()
	m, err := r.LastContacts()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.gen == gen {
		c.last, c.at = m, gen
	}
	c.mu.Unlock()
	return m, nil
}
