package app

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"learnwork/app/nurture"
	"learnwork/app/occur"
	"learnwork/store"
)

// Nurture is the nurture area: who and what needs attention (due, Today,
// the digest), the quick actions on it (snooze, log a touch, mark a
// session), give and take, attendance, topic coverage, goals and the
// reminder settings. Everything is computed from the store when asked,
// never scheduled, so a day the app was closed loses nothing; the rules
// themselves are app/nurture's, pure and with the time passed in.
type Nurture struct {
	core
	// schedules expands community schedules into sessions over a read
	// snapshot (the calendar's; tests give a fixed one).
	schedules func(r *store.Reader) nurture.Calendar
	// readings are what the feeds say (sources gone quiet, people read
	// often): nurture.ReadingNudges; nil when nobody reads feeds.
	readings func(now time.Time) ([]nurture.Reading, error)
	// published counts what sources published per topic (normalised
	// name) since a time; nil when nobody reads feeds.
	published func(since time.Time) (map[string]int, error)
}

// NurtureSettings reads the reminder settings (defaults: on, 9 o'clock, 3).
func (sv *Nurture) NurtureSettings() (nurture.Settings, error) { return sv.settings().nurture(), nil }

// SetNurtureSettings changes the reminder settings.
func (sv *Nurture) SetNurtureSettings(s nurture.Settings) error { return sv.settings().setNurture(s) }

// calendar is the schedule expander for one read snapshot (nil: none).
func (sv *Nurture) calendar(r *store.Reader) nurture.Calendar {
	if sv.schedules == nil {
		return nil
	}
	return sv.schedules(r)
}

// DueList is what needs attention, ranked.
type DueList struct {
	Items    []nurture.Item `json:"items"`
	Total    int            `json:"total"`    // before the limit
	Problems []string       `json:"problems"` // cadences or schedules that could not be read
	// Kept is how many people, communities and sources have a Keep in
	// touch choice: with none, an empty list is not "all caught up" but
	// nobody chosen yet.
	Kept int `json:"kept"`
}

// nurtureState is one pass over the touch index: ranked items, and the
// sessions to go to and to mark.
type nurtureState struct {
	items            []nurture.Item
	problems         []string
	kept             int
	upcoming, toMark []nurture.SessionItem
}

// Sessions a digest looks at: the next week's, and the unmarked ones of
// the last five weeks (the latest few of each community).
const (
	sessionDays = 7
	markDays    = 35
)

func (sv *Nurture) nurtureState(r *store.Reader, now time.Time, sessions bool) (*nurtureState, error) {
	cal := sv.calendar(r)
	rk := nurture.NewRanker(now, cal, sv.settings().nurture())
	rk.Expect(r.Count(store.KindPerson) / 2)
	var scheduled []store.Touch
	kept := 0
	for _, k := range []store.Kind{store.KindPerson, store.KindCommunity, store.KindSource} {
		err := r.EachTouch(k, func(t *store.Touch) bool {
			rk.Add(t)
			if t.Cadence != "" {
				kept++
			}
			if t.Schedule != "" {
				scheduled = append(scheduled, *t)
			}
			return true
		})
		if err != nil {
			return nil, err
		}
	}
	st := &nurtureState{items: rk.Items(), problems: rk.Problems(), kept: kept}
	if err := sv.readingNudges(st, now); err != nil {
		return nil, err
	}
	if cal == nil || !sessions {
		return st, nil
	}
	for i := range scheduled {
		a, err := attendance(cal, &scheduled[i], now)
		if err != nil {
			continue // the ranker reported it
		}
		up, mark := nurture.SessionsAround(&scheduled[i], a, now, markDays, sessionDays)
		st.upcoming, st.toMark = append(st.upcoming, up...), append(st.toMark, mark...)
	}
	byStart := func(a, b nurture.SessionItem) int { return a.Start.Compare(b.Start) }
	slices.SortFunc(st.upcoming, byStart)
	slices.SortFunc(st.toMark, byStart)
	return st, nil
}

// readingNudges adds what the feeds say to the ranked items: a nudge for
// whom nothing else is due.
func (sv *Nurture) readingNudges(st *nurtureState, now time.Time) error {
	if sv.readings == nil {
		return nil
	}
	rs, err := sv.readings(now)
	if err != nil {
		return err
	}
	due := make(map[string]bool, len(st.items))
	for _, it := range st.items {
		due[it.ID] = true
	}
	var add []nurture.Item
	for _, it := range nurture.ReadingNudges(now, rs) {
		if !due[it.ID] {
			add = append(add, it)
		}
	}
	if len(add) > 0 {
		st.items = nurture.Rank(append(st.items, add...))
	}
	return nil
}

// attendance expands a year of a community's sessions and a month ahead.
func attendance(cal nurture.Calendar, t *store.Touch, now time.Time) (nurture.Attendance, error) {
	starts, err := cal.Sessions(t.Schedule, now.AddDate(-1, 0, -1), now.AddDate(0, 1, 0))
	if err != nil {
		return nurture.Attendance{}, err
	}
	return nurture.AttendanceOf(t, starts, now), nil
}

// Due ranks who and what needs attention now; limit 0 means all.
func (sv *Nurture) Due(limit int) (DueList, error) {
	var out DueList
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		st, err := sv.nurtureState(r, sv.now(), false)
		if err != nil {
			return err
		}
		out.Items, out.Total, out.Problems, out.Kept = st.items, len(st.items), st.problems, st.kept
		return nil
	})
	if limit > 0 && len(out.Items) > limit {
		out.Items = out.Items[:limit]
	}
	if out.Items == nil {
		out.Items = []nurture.Item{}
	}
	if out.Problems == nil {
		out.Problems = []string{}
	}
	return out, err
}

// TodayView is everything the Today screen shows.
type TodayView struct {
	Digest nurture.Digest         `json:"digest"`
	Due    DueList                `json:"due"`
	Recent []store.Summary        `json:"recent"` // the latest learnings
	Goals  []nurture.GoalProgress `json:"goals"`  // active goals, stalled first
}

// TodayDue is how many due items the Today screen lists.
const TodayDue = 50

// Today gathers the Today screen in one snapshot.
func (sv *Nurture) Today() (TodayView, error) {
	now := sv.now()
	var v TodayView
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		st, err := sv.nurtureState(r, now, true)
		if err != nil {
			return err
		}
		dates, err := learningDates(r)
		if err != nil {
			return err
		}
		v.Digest = nurture.MakeDigest(st.items, st.upcoming, st.toMark, st.kept, nurture.WeeklyPrompt(dates, now), now)
		v.Due = DueList{Items: st.items, Total: len(st.items), Problems: st.problems, Kept: st.kept}
		if len(v.Due.Items) > TodayDue {
			v.Due.Items = v.Due.Items[:TodayDue]
		}
		v.Recent, err = r.List(store.KindLearning, store.ListOptions{Limit: 5, Reverse: true})
		return err
	})
	if err != nil {
		return v, err
	}
	goals, err := sv.Goals()
	v.Goals = []nurture.GoalProgress{}
	for _, g := range goals {
		if g.Status == "" || g.Status == "active" {
			v.Goals = append(v.Goals, g)
		}
	}
	slices.SortStableFunc(v.Goals, func(a, b nurture.GoalProgress) int {
		switch {
		case a.Stalled == b.Stalled:
			return 0
		case a.Stalled:
			return -1
		}
		return 1
	})
	if v.Due.Items == nil {
		v.Due.Items = []nurture.Item{}
	}
	if v.Due.Problems == nil {
		v.Due.Problems = []string{}
	}
	return v, err
}

// Digest is the day's summary (the CLI's digest, the daily notification).
func (sv *Nurture) Digest() (nurture.Digest, error) {
	v, err := sv.Today()
	return v.Digest, err
}

// learningDates reads the date of every learning from the sorted index.
func learningDates(r *store.Reader) ([]string, error) {
	var dates []string
	for off := 0; ; off += 1000 {
		page, err := r.List(store.KindLearning, store.ListOptions{Offset: off, Limit: 1000})
		if err != nil {
			return nil, err
		}
		for _, s := range page {
			dates = append(dates, s.Date)
		}
		if len(page) < 1000 {
			return dates, nil
		}
	}
}

// nurtured looks up a person, community or source by ID.
func (sv *Nurture) nurtured(r *store.Reader, id string) (store.Entity, error) {
	for _, k := range []store.Kind{store.KindPerson, store.KindCommunity, store.KindSource} {
		e, err := r.Entity(k, id)
		if err == nil {
			if e.Base().Trashed {
				return nil, fmt.Errorf("%s %s is in Trash", k, id)
			}
			return e, nil
		}
		if !errors.Is(err, store.ErrNotFound) {
			return nil, err
		}
	}
	return nil, fmt.Errorf("%q is not a person, community or source: %w", id, store.ErrNotFound)
}

// Snooze hides an entity's reminders until a day: "YYYY-MM-DD", a number
// of days from today, or "" for a week. It returns the day.
func (sv *Nurture) Snooze(id, until string) (string, error) {
	today := nurture.Today(sv.now())
	day := today + 7
	if until = strings.TrimSpace(until); until != "" {
		if n, err := strconv.Atoi(until); err == nil && n > 0 {
			day = today + nurture.Day(n)
		} else if day = nurture.ParseDay(until); day == nurture.NoDay || until != day.String() {
			return "", fmt.Errorf("snooze until %q: give a date (YYYY-MM-DD) or a number of days", until)
		} else if day < today {
			return "", fmt.Errorf("snooze until %s: that day has passed", until)
		}
	}
	return day.String(), sv.setSnoozed(id, day.String())
}

// NotNow skips this round without logging contact: reminders come back
// after one more ideal interval (a month without a cadence).
func (sv *Nurture) NotNow(id string) (string, error) {
	today := nurture.Today(sv.now())
	days := 30
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		e, err := sv.nurtured(r, id)
		if err != nil {
			return err
		}
		t, ok, err := r.Touch(kindOf(e), id)
		if err != nil || !ok {
			return err
		}
		if c, ok, _ := nurture.ParseCadence(t.Cadence); ok {
			days = c.Ideal
		}
		return nil
	})
	if err != nil {
		return "", friendly(err)
	}
	day := (today + nurture.Day(days)).String()
	return day, sv.setSnoozed(id, day)
}

// Unsnooze brings reminders back now.
func (sv *Nurture) Unsnooze(id string) error { return sv.setSnoozed(id, "") }

func (sv *Nurture) setSnoozed(id, day string) error {
	var k store.Kind
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		e, err := sv.nurtured(r, id)
		if err == nil {
			k = kindOf(e)
		}
		return err
	})
	if err != nil {
		return friendly(err)
	}
	if k == store.KindSource {
		return errors.New("sources have no reminders to snooze")
	}
	return sv.store.Update(sv.ctx, func(tx *store.Tx) error { return tx.Set(k, id, store.FieldSnoozed, day) })
}

// TouchInput is a quick "log a touch" from a reminder.
type TouchInput struct {
	ID        string `json:"id"`        // the person, community or source
	Type      string `json:"type"`      // conversation (default), meeting, message, read, listened…
	Direction string `json:"direction"` // gave, received, mutual or empty
	What      string `json:"what"`      // what was given or received
	Date      string `json:"date"`      // default today
	Notes     string `json:"notes"`
}

// LogTouch records an interaction with a person, community or source; it
// resets their cadence at once.
func (sv *Nurture) LogTouch(in TouchInput) (string, error) {
	switch in.Direction {
	case "", "gave", "received", "mutual":
	default:
		return "", fmt.Errorf("direction %q: one of gave, received, mutual", in.Direction)
	}
	it := store.Interaction{Type: strings.TrimSpace(in.Type), Direction: in.Direction, What: strings.TrimSpace(in.What), Date: strings.TrimSpace(in.Date), Notes: in.Notes}
	if it.Type == "" {
		it.Type = "conversation"
	}
	if it.Date == "" {
		it.Date = sv.now().Format("2006-01-02")
	} else if nurture.ParseDay(it.Date) == nurture.NoDay {
		return "", fmt.Errorf("date %q: want YYYY-MM-DD", it.Date)
	}
	var e store.Entity
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		var err error
		e, err = sv.nurtured(r, in.ID)
		return err
	})
	if err != nil {
		return "", friendly(err)
	}
	switch kindOf(e) {
	case store.KindPerson:
		it.People = []string{in.ID}
	case store.KindCommunity:
		it.Community = in.ID
	case store.KindSource:
		it.Source = in.ID
	}
	return sv.saveInteraction(it, nil)
}

// MarkSession marks a session attended or missed: id is a community (the
// session on date, default today) or an event (its day unless date says
// which occurrence). Marking an event also touches its community and the
// attendees linked to people. Marking a day again changes the mark.
func (sv *Nurture) MarkSession(id, date string, attended bool) error {
	typ := store.TypeMissed
	if attended {
		typ = store.TypeAttended
	}
	return sv.store.Update(sv.ctx, func(tx *store.Tx) error {
		m, err := sessionOf(tx, id, strings.TrimSpace(date))
		if err != nil {
			return err
		}
		if m.date == "" {
			m.date = sv.now().Format("2006-01-02")
		}
		if d := nurture.ParseDay(m.date); d == nurture.NoDay || d.String() != m.date {
			return fmt.Errorf("session date %q: want YYYY-MM-DD", m.date)
		}
		existing, err := markOn(tx, m.community, m.date)
		if err != nil {
			return err
		}
		if existing == "" {
			if existing, err = tx.Create(store.KindInteraction); err != nil {
				return err
			}
		}
		for f, v := range map[string]string{"date": m.date, "type": typ, "community": m.community, "event": m.event} {
			if v == "" {
				continue
			}
			if err := tx.Set(store.KindInteraction, existing, f, v); err != nil {
				return err
			}
		}
		for _, p := range m.people {
			if err := tx.Add(store.KindInteraction, existing, store.FieldPeople, p); err != nil {
				return err
			}
		}
		return nil
	})
}

// UnmarkSession takes a community's mark off a day: the session is
// unmarked again (it counts as missed if one was a member then).
func (sv *Nurture) UnmarkSession(communityID, date string) error {
	return friendly(sv.store.Update(sv.ctx, func(tx *store.Tx) error {
		m, err := sessionOf(tx, communityID, strings.TrimSpace(date))
		if err != nil {
			return err
		}
		id, err := markOn(tx, m.community, m.date)
		if err != nil || id == "" {
			return err
		}
		return tx.Delete(store.KindInteraction, id)
	}))
}

// memberSince checks a member-since day: empty, or YYYY-MM-DD.
func memberSince(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if _, err := time.Parse("2006-01-02", s); err != nil {
		return "", fmt.Errorf("member since %q: %w", s, errDay)
	}
	return s, nil
}

// errDay is a day not written as a date.
var errDay = errors.New("not a date like 2026-11-26")

// session is what a mark links: a community and its event, or an event
// alone with the people who were there.
type session struct {
	community, event, date string
	people                 []string
}

func sessionOf(tx *store.Tx, id, date string) (session, error) {
	e, err := tx.Lookup(id)
	if err != nil {
		return session{}, friendly(err)
	}
	if e.Base().Trashed {
		return session{}, fmt.Errorf("%s %s is in Trash", e.Base().Kind, id)
	}
	switch v := e.(type) {
	case *store.Community:
		return session{community: v.ID, event: v.Schedule, date: date}, nil
	case *store.Event:
		s := session{event: v.ID, community: v.Community, date: date}
		if s.date == "" {
			s.date = store.DateOf(v.Start)
		}
		if s.community == "" && v.Series != "" {
			if ser, err := tx.Entity(store.KindEvent, v.Series); err == nil {
				s.community = ser.(*store.Event).Community
			}
		}
		if s.community == "" {
			// A community whose schedule this event (or its series) is.
			for _, sid := range []string{v.ID, v.Series} {
				refs, _ := tx.Referrers(sid)
				for _, r := range refs {
					if r.Kind == store.KindCommunity && r.Field == store.FieldSchedule {
						s.community = r.ID
					}
				}
			}
		}
		for _, a := range v.Attendees {
			if a.PersonID != "" {
				s.people = append(s.people, a.PersonID)
			}
		}
		return s, nil
	}
	return session{}, fmt.Errorf("%s is a %s: mark sessions of a community or an event", id, e.Base().Kind)
}

// markOn finds the attendance mark of a community on a day ("" if none).
func markOn(tx *store.Tx, community, date string) (string, error) {
	if community == "" {
		return "", nil
	}
	refs, err := tx.Referrers(community)
	if err != nil {
		return "", err
	}
	for _, ref := range refs {
		if ref.Kind != store.KindInteraction || ref.Field != "community" {
			continue
		}
		rec, err := tx.Record(store.KindInteraction, ref.ID)
		if err != nil || rec.Trashed() {
			continue
		}
		t := rec.Scalar(store.FieldType)
		if (t == store.TypeAttended || t == store.TypeMissed) && store.DateOf(rec.Scalar(store.FieldDate)) == date {
			return ref.ID, nil
		}
	}
	return "", nil
}

// CommunityAttendance is a community's sessions and how one shows up.
type CommunityAttendance struct {
	nurture.Named
	Scheduled bool   `json:"scheduled"` // it has a schedule to read sessions from
	Since     string `json:"since"`     // member since: unmarked sessions count from this day
	SinceSaid bool   `json:"sinceSaid"` // the person gave the day (else the first mark or the day added)
	// Meets says when, in words ("weekly, Thursday 20:30 America/New_York"):
	// the page named only the series, which is often the community's name.
	Meets      string             `json:"meets"`
	Attendance nurture.Attendance `json:"attendance"`
}

// Attendance shows a community's sessions of the last year and the next
// month, with streaks.
func (sv *Nurture) Attendance(communityID string) (CommunityAttendance, error) {
	now := sv.now()
	var out CommunityAttendance
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		e, err := r.Entity(store.KindCommunity, communityID)
		if err != nil {
			return err
		}
		c := e.(*store.Community)
		out.Named = nurture.Named{ID: c.ID, Name: c.Name}
		t, ok, err := r.Touch(store.KindCommunity, communityID)
		if err != nil {
			return err
		}
		var starts []time.Time
		if c.Schedule != "" {
			if ev, err := r.Entity(store.KindEvent, c.Schedule); err == nil {
				out.Meets = occur.Describe(*ev.(*store.Event))
			}
		}
		if cal := sv.calendar(r); cal != nil && c.Schedule != "" {
			out.Scheduled = true
			if starts, err = cal.Sessions(c.Schedule, now.AddDate(-1, 0, -1), now.AddDate(0, 1, 0)); err != nil {
				return fmt.Errorf("%s: schedule: %w", c.Name, err)
			}
		}
		if !ok {
			// No summary yet: the community's own record says it all.
			t = store.Touch{Kind: store.KindCommunity, ID: c.ID, Name: c.Name, Schedule: c.Schedule, Since: c.Since,
				Added: c.Created.In(now.Location()).Format("2006-01-02")}
		}
		out.Since, out.SinceSaid = nurture.MemberSince(&t).String(), t.Since != ""
		out.Attendance = nurture.AttendanceOf(&t, starts, now)
		return nil
	})
	if out.Attendance.Sessions == nil {
		out.Attendance.Sessions = []nurture.Session{}
	}
	return out, friendly(err)
}

// Meetings says when each scheduled community meets, in the words its
// page uses ("monthly, first Tuesday 18:00"), by community ID: the
// Communities list shows it in each row, and the stored summaries a list
// is read from hold only a community's own fields, not its schedule's.
func (sv *Nurture) Meetings() (map[string]string, error) {
	out := map[string]string{}
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		schedules := map[string]string{}
		if err := r.Each(store.KindCommunity, func(rec *store.Record) bool {
			if s := rec.Scalar(store.FieldSchedule); s != "" {
				schedules[rec.ID] = s
			}
			return true
		}); err != nil {
			return err
		}
		for id, s := range schedules {
			// A schedule whose event is gone (trashed, not yet synced) says nothing.
			if ev, err := r.Entity(store.KindEvent, s); err == nil {
				out[id] = occur.Describe(*ev.(*store.Event))
			}
		}
		return nil
	})
	return out, friendly(err)
}

// LedgerEntry is one exchange with a person or community.
type LedgerEntry struct {
	ID        string `json:"id"`
	Date      string `json:"date"`
	Direction string `json:"direction"`
	Type      string `json:"type,omitempty"`
	What      string `json:"what,omitempty"`
}

// LedgerView is the give and take with a person or community.
type LedgerView struct {
	nurture.Named
	Kind string `json:"kind"`
	nurture.Balance
	Entries []LedgerEntry `json:"entries"` // newest first, those with a direction
}

// LedgerLimit is how many exchanges a ledger lists.
const LedgerLimit = 50

// Ledger shows the give and take with a person, community or source.
func (sv *Nurture) Ledger(id string) (LedgerView, error) {
	out := LedgerView{Entries: []LedgerEntry{}}
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		e, err := sv.nurtured(r, id)
		if err != nil {
			return err
		}
		k := kindOf(e)
		s, err := r.Summary(k, id)
		if err != nil {
			return err
		}
		out.Named, out.Kind = nurture.Named{ID: id, Name: s.Title}, string(k)
		t, _, err := r.Touch(k, id)
		if err != nil {
			return err
		}
		out.Balance = nurture.BalanceOf(s.Title, t.Gave, t.Received, t.Mutual, 0)
		refs, err := r.Referrers(id)
		if err != nil {
			return err
		}
		for _, ref := range refs {
			if ref.Kind != store.KindInteraction {
				continue
			}
			rec, err := r.Record(store.KindInteraction, ref.ID)
			if err != nil || rec.Trashed() || rec.Scalar(store.FieldDirection) == "" {
				continue
			}
			out.Entries = append(out.Entries, LedgerEntry{ID: ref.ID, Date: rec.Scalar(store.FieldDate), Direction: rec.Scalar(store.FieldDirection), Type: rec.Scalar(store.FieldType), What: rec.Scalar(store.FieldWhat)})
		}
		return nil
	})
	slices.SortFunc(out.Entries, func(a, b LedgerEntry) int { return strings.Compare(b.Date, a.Date) })
	if len(out.Entries) > LedgerLimit {
		out.Entries = out.Entries[:LedgerLimit]
	}
	return out, friendly(err)
}

// Coverage says for each topic who and what feeds it, single-source topics
// and stale ones, those needing care first: the Topics screen's figures
// (topicStats) in words, with the names of who feeds each topic.
func (sv *Nurture) Coverage() ([]nurture.TopicCoverage, error) {
	now := sv.now()
	var topics []nurture.TopicInput
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		stats, err := topicStats(r, now, sv.settings().nurture().StaleDays)
		if err != nil {
			return err
		}
		topics = make([]nurture.TopicInput, len(stats))
		for i, st := range stats {
			topics[i].TopicCoverage = st
			if st.People+st.Sources+st.Communities == 0 {
				continue
			}
			refs, err := r.Find(store.IndexTopic, st.ID)
			if err != nil {
				return err
			}
			for _, ref := range refs {
				if ref.Kind != store.KindPerson && ref.Kind != store.KindSource && ref.Kind != store.KindCommunity {
					continue // learnings and interactions are counted already
				}
				s, err := r.Summary(ref.Kind, ref.ID)
				if err != nil {
					continue
				}
				topics[i].Feeders = append(topics[i].Feeders, nurture.Feeder{Kind: string(ref.Kind), Named: nurture.Named{ID: s.ID, Name: s.Title}})
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if sv.published != nil {
		pub, err := sv.published(now.AddDate(0, 0, -nurture.PublishedDays))
		if err != nil {
			return nil, err
		}
		for i := range topics {
			topics[i].Published = pub[store.NormalizeName(topics[i].Name)]
		}
	}
	return nurture.Coverage(topics, now), nil
}

// Goals shows every learning goal with its progress from the learning log.
func (sv *Nurture) Goals() ([]nurture.GoalProgress, error) {
	now := sv.now()
	var goals []nurture.GoalInput
	var learnings []nurture.LearningInput
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		err := r.Each(store.KindGoal, func(rec *store.Record) bool {
			g := r.View(rec).(*store.Goal)
			in := nurture.GoalInput{Named: nurture.Named{ID: g.ID, Name: g.Title}, Status: g.Status, Target: g.Target,
				Added:   g.Created.In(now.Location()).Format("2006-01-02"),
				Related: slices.Concat(g.People, g.Sources, g.Communities)}
			for _, tid := range rec.Elements(store.FieldTopics) {
				in.Topics = append(in.Topics, nurture.Named{ID: tid, Name: r.TopicName(tid)})
			}
			goals = append(goals, in)
			return true
		})
		if err != nil || len(goals) == 0 {
			return err
		}
		return r.Each(store.KindLearning, func(rec *store.Record) bool {
			learnings = append(learnings, nurture.LearningInput{ID: rec.ID, Date: rec.Scalar(store.FieldDate), What: rec.Scalar(store.FieldWhat),
				Topics: rec.Elements(store.FieldTopics), From: rec.Elements(store.FieldFrom)})
			return true
		})
	})
	out := make([]nurture.GoalProgress, 0, len(goals))
	for _, g := range goals {
		out = append(out, nurture.Progress(g, learnings, now, sv.settings().nurture()))
	}
	slices.SortFunc(out, func(a, b nurture.GoalProgress) int {
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	return out, err
}
