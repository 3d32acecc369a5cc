package app

import (
	"fmt"
	"time"

	"learnwork/app/nurture"
	"learnwork/store"
)

// Activity counts interactions and learnings per month over the last
// months (this month included), oldest first.
func (sv *Services) Activity(months int) ([]store.ActivityPoint, error) {
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
func (sv *Services) TopicStats(staleDays int) ([]store.TopicCoverage, error) {
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
func (sv *Services) Graph(maxPeople int) (store.Graph, error) {
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
func (sv *Services) Trash(limit int) ([]store.Summary, error) {
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
