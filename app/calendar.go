package app

import (
	"cmp"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	stdsync "sync"
	"sync/atomic"
	"time"

	"learnwork/app/ical"
	"learnwork/app/importer"
	"learnwork/app/occur"
	"learnwork/store"
)

// Calendar is the calendar area: events and their occurrences (the agenda
// and month view), communities proposed from repeating events, the .ics
// subscription file, and the schedules nurture expands into sessions
// (calendar_schedules.go). Importing and exporting .ics is the imports
// service's (imports_ical.go).
type Calendar struct {
	core
	events eventCache
	subs   stdsync.WaitGroup // subscription writes in flight
	// subWrites counts subscription file writes (a test checks there is
	// one per commit).
	subWrites atomic.Int64
}

// eventCache holds every series compiled once, until events change, so the
// agenda and month view expand without reading and compiling again.
type eventCache struct {
	mu          stdsync.Mutex
	valid       bool
	series      []*occur.Series
	communities map[string]string // ID → name
	subWriting  bool
	subPending  bool
}

// committed drops the compiled series when events or communities change,
// and keeps the subscription file current.
func (sv *Calendar) committed(c store.Commit) {
	if c.Kinds[store.KindEvent] == 0 && c.Kinds[store.KindCommunity] == 0 {
		return
	}
	sv.events.mu.Lock()
	sv.events.valid = false
	sv.events.mu.Unlock()
	if path := sv.settings().subscription(); path != "" {
		sv.subs.Add(1)
		go func() {
			defer sv.subs.Done()
			sv.refreshSubscription(path)
		}()
	}
}

// wait waits for subscription writes in flight (before the store closes).
func (sv *Calendar) wait() { sv.subs.Wait() }

func (sv *Calendar) compiled() ([]*occur.Series, map[string]string, error) {
	sv.events.mu.Lock()
	defer sv.events.mu.Unlock()
	if sv.events.valid {
		return sv.events.series, sv.events.communities, nil
	}
	var events []store.Event
	communities := map[string]string{}
	scheduled := map[string]string{} // series event → the community it is the schedule of
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		if err := r.Each(store.KindEvent, func(rec *store.Record) bool {
			events = append(events, *r.View(rec).(*store.Event))
			return true
		}); err != nil {
			return err
		}
		return r.Each(store.KindCommunity, func(rec *store.Record) bool {
			communities[rec.ID] = rec.Scalar(store.FieldName)
			if s := rec.Scalar(store.FieldSchedule); s != "" {
				scheduled[s] = rec.ID
			}
			return true
		})
	})
	if err != nil {
		return nil, nil, err
	}
	// A community given its schedule on its form has those sessions as
	// much as one accepted from a proposal (which links every event): they
	// are its sessions in the agenda and no longer proposed.
	for i, ev := range events {
		if ev.Community != "" {
			continue
		}
		if c := scheduled[ev.ID]; c != "" {
			events[i].Community = c
		} else if c := scheduled[ev.Series]; ev.Series != "" && c != "" {
			events[i].Community = c
		}
	}
	sv.events.series, sv.events.communities, sv.events.valid = compileAll(events), communities, true
	return sv.events.series, communities, nil
}

// compileAll compiles each series with its overrides. An event that cannot
// be expanded (a hand edit gone wrong) is left out of the agenda rather
// than hiding everything else.
func compileAll(events []store.Event) []*occur.Series {
	overrides := map[string][]store.Event{}
	ids := map[string]bool{}
	for _, e := range events {
		ids[e.ID] = true
	}
	for _, e := range events {
		if e.Series != "" && ids[e.Series] {
			overrides[e.Series] = append(overrides[e.Series], e)
		}
	}
	out := make([]*occur.Series, 0, len(events))
	for _, e := range events {
		if e.Series != "" && ids[e.Series] {
			continue
		}
		if s, err := occur.Compile(e, overrides[e.ID]); err == nil {
			out = append(out, s)
		}
	}
	return out
}

// AgendaItem is one occurrence with its community's name.
type AgendaItem struct {
	occur.Occurrence
	SeriesUID     string `json:"seriesUid"`          // the series' iCalendar UID
	Schedule      string `json:"schedule,omitempty"` // a series' rule in words: "weekly, Thursday 20:30 America/New_York"
	CommunityName string `json:"communityName,omitempty"`
}

// Occurrences lists every instance of every event between two dates
// (YYYY-MM-DD, both included, in the user's zone), by start: the agenda
// and the month view.
func (sv *Calendar) Occurrences(from, to string) ([]AgendaItem, error) {
	f, t, err := dateRange(from, to, sv.now())
	if err != nil {
		return nil, err
	}
	series, communities, err := sv.compiled()
	if err != nil {
		return nil, err
	}
	per := make([][]occur.Occurrence, len(series))
	n := 0
	for i, s := range series {
		// Each series is bounded in work (occur's limits); a cancelled
		// command stops between them.
		if err := sv.ctx.Err(); err != nil {
			return nil, err
		}
		per[i] = s.Between(f, t)
		n += len(per[i])
	}
	all := make([]AgendaItem, 0, n)
	for i, occs := range per {
		if len(occs) == 0 {
			continue
		}
		ev := series[i].Event()
		uid, schedule := ical.ExportUID(ev), ""
		if ev.RRule != "" {
			schedule = occur.Describe(ev)
		}
		for _, o := range occs {
			all = append(all, AgendaItem{Occurrence: o, SeriesUID: uid, Schedule: schedule, CommunityName: communities[o.Community]})
		}
	}
	// Sort small keys, not the items: tens of thousands of items are
	// costly to swap.
	type key struct {
		at    int64
		title string
		i     int
	}
	keys := make([]key, len(all))
	for i := range all {
		keys[i] = key{all[i].Start.UnixNano(), all[i].Title, i}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if a.at != b.at {
			return cmp.Compare(a.at, b.at)
		}
		if c := strings.Compare(a.title, b.title); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	out := make([]AgendaItem, len(all))
	for i, k := range keys {
		out[i] = all[k.i]
	}
	return out, nil
}

// dateRange reads [from, to] as dates in the local zone; empty means today
// and 90 days on.
func dateRange(from, to string, now time.Time) (time.Time, time.Time, error) {
	y, m, d := now.Date()
	f := time.Date(y, m, d, 0, 0, 0, 0, time.Local)
	if from != "" {
		w, err := occur.Parse(from, time.Local)
		if err != nil {
			return f, f, fmt.Errorf("--from: %w", err)
		}
		f = w.Time
	}
	t := f.AddDate(0, 0, 90)
	if to != "" {
		w, err := occur.Parse(to, time.Local)
		if err != nil {
			return f, f, fmt.Errorf("--to: %w", err)
		}
		t = w.Time
		if w.Date {
			t = t.AddDate(0, 0, 1)
		}
	}
	if !t.After(f) {
		return f, t, fmt.Errorf("the range %s to %s is empty", from, to)
	}
	if t.Sub(f) > 20*366*24*time.Hour {
		return f, t, errors.New("ask for at most 20 years of events at once")
	}
	return f, t, nil
}

// CommunityProposal is a recurring series, or a title that keeps coming
// back, that looks like a community whose sessions are worth tracking.
type CommunityProposal struct {
	Key      string   `json:"key"` // the series' event ID, or "title:" and the normalised title
	Name     string   `json:"name"`
	Hashtag  string   `json:"hashtag,omitempty"`
	Schedule string   `json:"schedule"` // "weekly, Thursday 20:30 America/New_York"
	SeriesID string   `json:"seriesId,omitempty"`
	EventIDs []string `json:"eventIds"`
	Sessions int      `json:"sessions"`       // repeated single events: how many
	Next     string   `json:"next,omitempty"` // the next session, RFC 3339
}

// minRepeats is how often a title must come back to be proposed.
const minRepeats = 3

// CommunityProposals lists series and repeating titles not yet linked to a
// community and not dismissed.
func (sv *Calendar) CommunityProposals() ([]CommunityProposal, error) {
	series, _, err := sv.compiled()
	if err != nil {
		return nil, err
	}
	now := sv.now()
	out := []CommunityProposal{}
	byTitle := map[string][]*occur.Series{}
	for _, s := range series {
		ev := s.Event()
		if ev.Community != "" || ev.NoCommunity || strings.EqualFold(ev.Status, "CANCELLED") {
			continue
		}
		if !s.Recurring() {
			if n := store.NormalizeName(ev.Title); n != "" {
				byTitle[n] = append(byTitle[n], s)
			}
			continue
		}
		if ev.AllDay && strings.Contains(ev.RRule, "YEARLY") {
			continue // birthdays and anniversaries are not gatherings
		}
		next := s.Between(now, now.AddDate(1, 0, 0))
		if len(next) == 0 && len(s.Between(now.AddDate(0, -3, 0), now)) == 0 {
			continue // over
		}
		p := CommunityProposal{Key: ev.ID, Name: ev.Title, Hashtag: hashtag(ev.Title), Schedule: occur.Describe(ev), SeriesID: ev.ID, EventIDs: []string{ev.ID}}
		if len(next) > 0 {
			p.Next = next[0].Start.Format(time.RFC3339)
		}
		out = append(out, p)
	}
	for norm, group := range byTitle {
		if len(group) < minRepeats {
			continue
		}
		slices.SortFunc(group, func(a, b *occur.Series) int { return a.Start().Compare(b.Start()) })
		ev := group[len(group)-1].Event()
		p := CommunityProposal{Key: "title:" + norm, Name: ev.Title, Hashtag: hashtag(ev.Title), Sessions: len(group),
			Schedule: fmt.Sprintf("%d sessions, %s to %s", len(group), group[0].Start().Format("2 Jan 2006"), group[len(group)-1].Start().Format("2 Jan 2006"))}
		for _, s := range group {
			p.EventIDs = append(p.EventIDs, s.Event().ID)
			if p.Next == "" && s.Start().After(now) {
				p.Next = s.Start().Format(time.RFC3339)
			}
		}
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b CommunityProposal) int {
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	return out, nil
}

func hashtag(title string) string {
	for _, w := range strings.Fields(title) {
		if len(w) > 1 && w[0] == '#' {
			return strings.TrimRight(w, ".,:;!?")
		}
	}
	return ""
}

func (sv *Calendar) proposal(key string) (CommunityProposal, error) {
	ps, err := sv.CommunityProposals()
	if err != nil {
		return CommunityProposal{}, err
	}
	for _, p := range ps {
		if p.Key == key {
			return p, nil
		}
	}
	return CommunityProposal{}, fmt.Errorf("no community proposal %q (it may have been accepted or dismissed)", key)
}

// AcceptProposal makes the proposed community (named name, or as proposed)
// with the series as its schedule, and links the events to it.
func (sv *Calendar) AcceptProposal(key, name string) (string, error) {
	return sv.AcceptProposalSince(key, name, "")
}

// AcceptProposalSince is AcceptProposal with the day one became a member
// (YYYY-MM-DD; "" for the default: the first mark or today), from which
// sessions not marked count as missed.
func (sv *Calendar) AcceptProposalSince(key, name, since string) (string, error) {
	since, err := memberSince(since)
	if err != nil {
		return "", err
	}
	p, err := sv.proposal(key)
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(name) == "" {
		name = p.Name
	}
	var id string
	err = sv.store.Update(sv.ctx, func(tx *store.Tx) error {
		c := &store.Community{Meta: store.Meta{Kind: store.KindCommunity}, Name: strings.TrimSpace(name), Hashtag: p.Hashtag, Schedule: p.SeriesID, Since: since}
		if p.Hashtag != "" {
			c.Type = "chat"
		}
		var err error
		if id, err = tx.Put(c); err != nil {
			return err
		}
		return eachProposed(tx, p, func(evID string) error { return tx.Set(store.KindEvent, evID, store.FieldCommunity, id) })
	})
	return id, friendly(err)
}

// DismissProposal stops proposing a series or title as a community.
func (sv *Calendar) DismissProposal(key string) error {
	p, err := sv.proposal(key)
	if err != nil {
		return err
	}
	return friendly(sv.store.Update(sv.ctx, func(tx *store.Tx) error {
		return eachProposed(tx, p, func(evID string) error { return tx.Set(store.KindEvent, evID, store.FieldNoCommunity, "true") })
	}))
}

// eachProposed calls fn for the proposal's events and a series' overrides.
func eachProposed(tx *store.Tx, p CommunityProposal, fn func(id string) error) error {
	ids := slices.Clone(p.EventIDs)
	if p.SeriesID != "" {
		refs, err := tx.Referrers(p.SeriesID)
		if err != nil {
			return err
		}
		for _, r := range refs {
			if r.Kind == store.KindEvent && r.Field == store.FieldSeries {
				ids = append(ids, r.ID)
			}
		}
	}
	for _, id := range ids {
		if err := fn(id); err != nil {
			return err
		}
	}
	return nil
}

// ExportEvents writes the chosen events and communities' schedules (all
// events when none are chosen) to an .ics file.
func (sv *Calendar) ExportEvents(ids []string, path string) (int, error) {
	return exportFile(sv.core, icalExporter{}, path, importer.ExportOptions{IDs: ids})
}

// SetSubscription keeps a read-only .ics of every event at path, rewritten
// whenever events change, for a calendar app to subscribe to. An empty
// path stops it.
func (sv *Calendar) SetSubscription(path string) error {
	if path != "" {
		abs, err := filepath.Abs(path)
		if err != nil {
			return err
		}
		path = abs
		if _, err := sv.ExportEvents(nil, path); err != nil {
			return err
		}
	}
	return sv.settings().setSubscription(path)
}

// Subscription is the subscription file's path ("" when off).
func (sv *Calendar) Subscription() string { return sv.settings().subscription() }

// refreshSubscription rewrites the file; commits that arrive while it is
// being written are folded into one more write.
func (sv *Calendar) refreshSubscription(path string) {
	sv.events.mu.Lock()
	if sv.events.subWriting {
		sv.events.subPending = true
		sv.events.mu.Unlock()
		return
	}
	sv.events.subWriting = true
	sv.events.mu.Unlock()
	for {
		sv.subWrites.Add(1)
		if _, err := sv.ExportEvents(nil, path); err != nil {
			sv.window.Emit("events:subscription", ProgressEvent{ID: path, Kind: "subscription", Error: err.Error()})
		}
		sv.events.mu.Lock()
		if !sv.events.subPending {
			sv.events.subWriting = false
			sv.events.mu.Unlock()
			return
		}
		sv.events.subPending = false
		sv.events.mu.Unlock()
	}
}
