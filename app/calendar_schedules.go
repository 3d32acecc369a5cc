package app

import (
	"fmt"
	"time"

	"learnwork/app/nurture"
	"learnwork/app/occur"
	"learnwork/store"
)

// storeCalendar expands community schedules from the store's events with
// app/occur, compiling each series once per snapshot.
type storeCalendar struct {
	r      *store.Reader
	loc    *time.Location
	series map[string]*occur.Series
}

// schedules is the one expander of community schedules: nurture's
// sessions and attendance come from it, over a read snapshot; floating
// times are in the user's zone.
func (sv *Calendar) schedules(r *store.Reader) nurture.Calendar {
	return &storeCalendar{r: r, loc: sv.now().Location(), series: map[string]*occur.Series{}}
}

// Sessions are the starts of a schedule's occurrences in [from, to), in the
// user's zone; cancelled ones are left out.
func (c *storeCalendar) Sessions(series string, from, to time.Time) ([]time.Time, error) {
	s, err := c.compile(series)
	if err != nil {
		return nil, err
	}
	var out []time.Time
	for _, o := range s.Between(from, to) {
		if o.Status != "CANCELLED" {
			out = append(out, o.Start.In(c.loc))
		}
	}
	return out, nil
}

func (c *storeCalendar) compile(id string) (*occur.Series, error) {
	if s, ok := c.series[id]; ok {
		return s, nil
	}
	e, err := c.r.Entity(store.KindEvent, id)
	if err != nil {
		return nil, fmt.Errorf("schedule event %s: %w", id, err)
	}
	ev := e.(*store.Event)
	if ev.Trashed {
		return nil, fmt.Errorf("schedule event %q is in Trash", ev.Title)
	}
	overrides, err := overridesOf(c.r, id)
	if err != nil {
		return nil, err
	}
	s, err := occur.Compile(*ev, overrides, occur.Floating(c.loc))
	if err != nil {
		return nil, fmt.Errorf("schedule %q: %w", ev.Title, err)
	}
	c.series[id] = s
	return s, nil
}

// overridesOf is a series' overrides (events whose series it is), Trash
// left out.
func overridesOf(r *store.Reader, series string) ([]store.Event, error) {
	refs, err := r.Referrers(series)
	if err != nil {
		return nil, err
	}
	var out []store.Event
	for _, ref := range refs {
		if ref.Kind != store.KindEvent || ref.Field != "series" {
			continue
		}
		if o, err := r.Entity(store.KindEvent, ref.ID); err == nil && !o.Base().Trashed {
			out = append(out, *o.(*store.Event))
		}
	}
	return out, nil
}
