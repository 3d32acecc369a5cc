// Package occur expands stored events into their occurrences in a window of
// time: RRULE, RDATE and EXDATE through rrule-go, overridden and cancelled
// instances (RECURRENCE-ID, matched as instants so a zone other than the
// series' still matches), all-day dates and wall times that stay put across
// DST changes.
package occur

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/teambition/rrule-go"

	"learnwork/store"
)

// Occurrence is one instance of an event.
type Occurrence struct {
	Start     time.Time `json:"start"` // in the event's zone (the floating zone when it has none)
	End       time.Time `json:"end"`
	AllDay    bool      `json:"allDay,omitempty"`
	TZ        string    `json:"tz,omitempty"`       // the event's IANA zone; "" floating or all day
	EventID   string    `json:"eventId"`            // where this instance's details live: the series or its override
	SeriesID  string    `json:"seriesId"`           // the series (the event itself when it does not recur)
	Recurring bool      `json:"recurring"`          // one of several instances
	Override  bool      `json:"override,omitempty"` // moved or changed by a RECURRENCE-ID override
	Title     string    `json:"title"`
	Location  string    `json:"location,omitempty"`
	Status    string    `json:"status,omitempty"`
	Community string    `json:"community,omitempty"` // the community ID the series belongs to
	// Cut marks the last instance listed of a series that has more in the
	// window than MaxPerWindow (or more than MaxCount in all): the rest are
	// left out so one hostile rule cannot stall the agenda.
	Cut bool `json:"cut,omitempty"`
}

// Series is an event compiled once for expansion into any number of windows.
type Series struct {
	ev       store.Event
	loc      *time.Location
	allDay   bool
	start    time.Time
	dur      time.Duration // timed events
	days     int           // all-day events: length in days
	rules    []rrule.ROption
	counted  [][]time.Time // rules with COUNT: all their instances, computed once
	rdates   []time.Time
	exAt     map[int64]bool
	exDay    map[string]bool
	over     map[int64]*instance // by original start
	overDay  map[string]*instance
	moved    []*instance // every override, by its own start
	futures  []future    // RANGE=THISANDFUTURE overrides, by original start
	maxShift time.Duration
	maxDur   time.Duration
	canceled bool
	countCut time.Time // a COUNT rule was cut at MaxCount: its last instance kept
}

// future is a RANGE=THISANDFUTURE override: from its original start on,
// instances move by shift (wall clock) and take its length and details.
type future struct {
	at    time.Time
	shift time.Duration
	in    *instance
}

type instance struct {
	ev         store.Event
	start, end time.Time
	allDay     bool
	canceled   bool
}

// Option tunes Compile.
type Option func(*config)

type config struct{ floating *time.Location }

// Floating sets the zone floating times and all-day dates are read in: the
// user's zone (default time.Local).
func Floating(loc *time.Location) Option { return func(c *config) { c.floating = loc } }

// MaxCount bounds a COUNT rule, MaxPerWindow what one rule yields in one
// window, and maxSteps the work one rule may do for one window, so a
// hostile file (FREQ=SECONDLY) cannot stall the agenda or an import.
const (
	MaxCount     = 10000
	MaxPerWindow = 10000
	maxSteps     = 1000000
)

// ErrNoStart is returned for an event without a start.
var ErrNoStart = errors.New("event has no start")

// Compile prepares a series (or a single event) and the overrides that
// point at it (Event.Series = series ID) for expansion.
func Compile(series store.Event, overrides []store.Event, opts ...Option) (*Series, error) {
	cfg := config{floating: time.Local}
	for _, o := range opts {
		o(&cfg)
	}
	// Maps are made only when needed: most events have no exceptions, and
	// a store holds tens of thousands.
	s := &Series{ev: series, canceled: strings.EqualFold(series.Status, "CANCELLED")}
	if len(series.ExDates) > 0 {
		s.exAt, s.exDay = map[int64]bool{}, map[string]bool{}
	}
	if len(overrides) > 0 {
		s.over, s.overDay = map[int64]*instance{}, map[string]*instance{}
	}
	in, err := compileInstance(series, cfg.floating)
	if err != nil {
		return nil, err
	}
	s.loc, s.allDay, s.start = in.start.Location(), in.allDay, in.start
	s.dur = in.end.Sub(in.start)
	if s.allDay {
		s.days = max(1, daysBetween(in.start, in.end))
	}
	s.maxDur = s.length()
	for _, line := range strings.Split(series.RRule, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		ro, err := ParseRule(line, s.start)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", series.Title, err)
		}
		ro.Dtstart = wall(ro.Dtstart)
		switch {
		case !ro.Until.IsZero() && s.allDay:
			// An all-day series ends on UNTIL's date as written (in UTC
			// when it has a Z), whatever the zone it is shown in.
			y, m, d := ro.Until.Date()
			ro.Until = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		case !ro.Until.IsZero():
			ro.Until = wall(ro.Until.In(s.loc))
		}
		if ro.Count > 0 {
			cut := ro.Count > MaxCount
			ro.Count = min(ro.Count, MaxCount)
			r, err := rrule.NewRRule(*ro)
			if err != nil {
				return nil, fmt.Errorf("%s: RRULE %s: %w", series.Title, line, err)
			}
			var all []time.Time
			next := r.Iterator()
			for n := 0; n < maxSteps && len(all) < MaxCount; n++ {
				w, ok := next()
				if !ok {
					break
				}
				all = append(all, localize(w, s.loc))
			}
			slices.SortFunc(all, time.Time.Compare)
			if cut && len(all) > 0 {
				s.countCut = all[len(all)-1]
			}
			s.counted = append(s.counted, all)
			continue
		}
		if _, err := rrule.NewRRule(*ro); err != nil {
			return nil, fmt.Errorf("%s: RRULE %s: %w", series.Title, line, err)
		}
		s.rules = append(s.rules, explicit(*ro))
	}
	for _, v := range series.RDates {
		w, err := Parse(strings.SplitN(v, "/", 2)[0], s.loc)
		if err != nil {
			return nil, fmt.Errorf("%s: RDATE: %w", series.Title, err)
		}
		s.rdates = append(s.rdates, s.align(w))
	}
	for _, v := range series.ExDates {
		w, err := Parse(v, s.loc)
		if err != nil {
			return nil, fmt.Errorf("%s: EXDATE: %w", series.Title, err)
		}
		if w.Date || s.allDay {
			s.exDay[s.dayOf(w.Time)] = true
		} else {
			s.exAt[w.Time.Unix()] = true
		}
	}
	for _, o := range overrides {
		oi, err := compileInstance(o, cfg.floating)
		if err != nil {
			return nil, fmt.Errorf("%s: override %s: %w", series.Title, o.RecurrenceID, err)
		}
		oi.canceled = strings.EqualFold(o.Status, "CANCELLED")
		rid, err := Parse(o.RecurrenceID, s.loc)
		if err != nil {
			return nil, fmt.Errorf("%s: RECURRENCE-ID: %w", series.Title, err)
		}
		if series.TZ == "" && o.TZ != "" && o.TZ != "UTC" && strings.HasSuffix(o.RecurrenceID, "Z") && !s.allDay {
			// A floating series whose override names a zone (Evolution):
			// the RECURRENCE-ID is the instance's wall time in that zone.
			if oloc, err := LoadZone(o.TZ, cfg.floating); err == nil {
				rid.Time = localize(wall(rid.Time.In(oloc)), s.loc)
			}
		}
		if rid.Date || s.allDay {
			s.overDay[s.dayOf(rid.Time)] = oi
		} else {
			s.over[rid.Time.Unix()] = oi
		}
		s.moved = append(s.moved, oi)
		if strings.EqualFold(o.Range, "THISANDFUTURE") {
			at := s.align(rid)
			f := future{at: at, shift: wall(oi.start.In(s.loc)).Sub(wall(at)), in: oi}
			s.futures = append(s.futures, f)
			s.maxShift = max(s.maxShift, f.shift.Abs())
			s.maxDur = max(s.maxDur, oi.end.Sub(oi.start)+24*time.Hour)
		}
	}
	slices.SortFunc(s.futures, func(a, b future) int { return a.at.Compare(b.at) })
	return s, nil
}

// futureOf is the latest THISANDFUTURE override before t, if any.
func (s *Series) futureOf(t time.Time) *future {
	i := sort.Search(len(s.futures), func(i int) bool { return !s.futures[i].at.Before(t) })
	if i == 0 {
		return nil
	}
	return &s.futures[i-1]
}

// dayOf is the day an EXDATE or RECURRENCE-ID names: on an all-day series
// the date as written (Google writes 00:00Z for a day, which is the
// evening before west of Greenwich), else the day in the series' zone.
func (s *Series) dayOf(t time.Time) string {
	if s.allDay {
		return t.Format(DateLayout)
	}
	return t.In(s.loc).Format(DateLayout)
}

// align reads an RDATE in the series' terms: a date on an all-day series,
// a time otherwise.
func (s *Series) align(w When) time.Time {
	if s.allDay {
		y, m, d := w.Time.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, s.loc)
	}
	if w.Date {
		y, m, d := w.Time.Date()
		h, mi, sec := s.start.Clock()
		return time.Date(y, m, d, h, mi, sec, 0, s.loc)
	}
	return w.Time.In(s.loc)
}

func compileInstance(ev store.Event, floating *time.Location) (*instance, error) {
	if strings.TrimSpace(ev.Start) == "" {
		return nil, ErrNoStart
	}
	loc, err := LoadZone(ev.TZ, floating)
	if err != nil {
		return nil, err
	}
	st, err := Parse(ev.Start, loc)
	if err != nil {
		return nil, fmt.Errorf("start: %w", err)
	}
	in := &instance{ev: ev, start: st.Time, allDay: st.Date || ev.AllDay}
	if in.allDay {
		y, m, d := st.Time.Date()
		in.start = time.Date(y, m, d, 0, 0, 0, 0, floating)
	}
	in.end = in.start
	if in.allDay {
		in.end = in.start.AddDate(0, 0, 1)
	}
	if ev.End != "" {
		en, err := Parse(ev.End, loc)
		if err != nil {
			return nil, fmt.Errorf("end: %w", err)
		}
		e := en.Time
		if in.allDay {
			y, m, d := e.Date()
			e = time.Date(y, m, d, 0, 0, 0, 0, floating)
		}
		if e.After(in.start) {
			in.end = e
		}
	}
	return in, nil
}

func daysBetween(a, b time.Time) int {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return int(time.Date(by, bm, bd, 0, 0, 0, 0, time.UTC).Sub(time.Date(ay, am, ad, 0, 0, 0, 0, time.UTC)) / (24 * time.Hour))
}

func (s *Series) length() time.Duration {
	if s.allDay {
		return time.Duration(s.days+1) * 24 * time.Hour // +1: a DST day is 25 hours
	}
	return s.dur
}

// end is the end of an instance starting at t.
func (s *Series) end(t time.Time) time.Time {
	if s.allDay {
		return t.AddDate(0, 0, s.days)
	}
	return t.Add(s.dur)
}

// Recurring reports whether the event has more than one instance.
func (s *Series) Recurring() bool {
	return len(s.rules) > 0 || len(s.counted) > 0 || len(s.rdates) > 0
}

// Start is the first instance's start (DTSTART).
func (s *Series) Start() time.Time { return s.start }

// Event is the compiled event.
func (s *Series) Event() store.Event { return s.ev }

// Between returns the instances that overlap [from, to), by start. A
// cancelled series or instance gives nothing; an override stands in for the
// instance it replaces, wherever it was moved.
func (s *Series) Between(from, to time.Time) []Occurrence {
	if s.canceled || !to.After(from) {
		return nil
	}
	var out []Occurrence
	// Sources can repeat an instance (DTSTART is usually the rule's first);
	// a map is needed only when several sources overlap.
	var seen map[int64]bool
	if len(s.rules)+len(s.counted)+min(len(s.rdates), 1) > 1 {
		seen = map[int64]bool{}
	}
	lookFrom, lookTo := from.Add(-s.maxDur-s.maxShift), to.Add(s.maxShift)
	first := true
	emit := func(t time.Time) {
		if !first && t.Equal(s.start) {
			return
		}
		first = false
		if seen != nil {
			if seen[t.Unix()] {
				return
			}
			seen[t.Unix()] = true
		}
		if s.excluded(t) || s.overridden(t) {
			return
		}
		if f := s.futureOf(t); f != nil {
			if o, ok := s.shifted(t, f); ok && overlaps(o.Start, o.End, from, to) {
				out = append(out, o)
			}
			return
		}
		if e := s.end(t); overlaps(t, e, from, to) {
			out = append(out, s.occurrence(t, e))
		}
	}
	emit(s.start) // DTSTART is always the first instance (RFC 5545 3.8.5.3)
	cut := !s.countCut.IsZero() && s.countCut.Before(to)
	for _, ro := range s.rules {
		cut = s.iterate(ro, lookFrom, lookTo, emit) || cut
	}
	for _, all := range s.counted {
		i := sort.Search(len(all), func(i int) bool { return !all[i].Before(lookFrom) })
		for ; i < len(all) && all[i].Before(lookTo); i++ {
			emit(all[i])
		}
	}
	for _, t := range s.rdates {
		if !t.Before(lookFrom) && t.Before(lookTo) {
			emit(t)
		}
	}
	for _, o := range s.moved {
		if !o.canceled && overlaps(o.start, o.end, from, to) {
			out = append(out, s.overrideOccurrence(o))
		}
	}
	slices.SortFunc(out, func(a, b Occurrence) int { return a.Start.Compare(b.Start) })
	if cut && len(out) > 0 {
		out[len(out)-1].Cut = true
	}
	return out
}

func overlaps(start, end, from, to time.Time) bool {
	if !start.Before(to) {
		return false
	}
	if end.Equal(start) {
		return !start.Before(from)
	}
	return end.After(from)
}

func (s *Series) excluded(t time.Time) bool {
	return s.exAt[t.Unix()] || len(s.exDay) > 0 && s.exDay[t.In(s.loc).Format(DateLayout)]
}

func (s *Series) overridden(t time.Time) bool {
	if s.allDay {
		return s.overDay[t.Format(DateLayout)] != nil
	}
	return s.over[t.Unix()] != nil || len(s.overDay) > 0 && s.overDay[t.In(s.loc).Format(DateLayout)] != nil
}

func (s *Series) occurrence(t, e time.Time) Occurrence {
	return Occurrence{Start: t, End: e, AllDay: s.allDay, TZ: s.tz(), EventID: s.ev.ID, SeriesID: s.ev.ID, Recurring: s.Recurring(),
		Title: s.ev.Title, Location: s.ev.Location, Status: s.ev.Status, Community: s.ev.Community}
}

// shifted is instance t as a THISANDFUTURE override before it changed it:
// moved by the same wall-clock shift, with the override's length and
// details. A cancelled one ends the series there.
func (s *Series) shifted(t time.Time, f *future) (Occurrence, bool) {
	if f.in.canceled {
		return Occurrence{}, false
	}
	moved := *f.in
	if moved.allDay {
		moved.start = t.AddDate(0, 0, int(f.shift/(24*time.Hour)))
		moved.end = moved.start.AddDate(0, 0, max(1, daysBetween(f.in.start, f.in.end)))
	} else {
		moved.start = localize(wall(t).Add(f.shift), s.loc)
		moved.end = moved.start.Add(f.in.end.Sub(f.in.start))
	}
	return s.overrideOccurrence(&moved), true
}

func (s *Series) overrideOccurrence(o *instance) Occurrence {
	oc := Occurrence{Start: o.start, End: o.end, AllDay: o.allDay, TZ: o.ev.TZ, EventID: o.ev.ID, SeriesID: s.ev.ID, Recurring: true, Override: true,
		Title: o.ev.Title, Location: o.ev.Location, Status: o.ev.Status, Community: o.ev.Community}
	if oc.AllDay {
		oc.TZ = ""
	}
	if oc.Title == "" {
		oc.Title = s.ev.Title
	}
	if oc.Community == "" {
		oc.Community = s.ev.Community
	}
	return oc
}

func (s *Series) tz() string {
	if s.allDay {
		return ""
	}
	return s.ev.TZ
}

// iterate calls fn with the rule's instances in [from, to), and reports
// whether it stopped at its bound on instances or work. It starts the
// rule near from rather than at DTSTART years ago: the rule's implied parts
// were made explicit, so restarting it at the beginning of any period that
// is a whole number of intervals after DTSTART yields the same instances.
//
// Rules run on wall-clock times (in UTC, which has no DST) that are then
// placed in the series' zone: rrule-go builds each day at midnight in the
// zone, which slips a day where DST starts at midnight (São Paulo, Havana).
func (s *Series) iterate(ro rrule.ROption, from, to time.Time, fn func(time.Time)) bool {
	wfrom, wto := wall(from.In(s.loc)).AddDate(0, 0, -1), wall(to.In(s.loc)).AddDate(0, 0, 1)
	if skipAhead && ro.Dtstart.Before(wfrom) {
		ro.Dtstart = skipTo(ro, wfrom)
	}
	r, err := rrule.NewRRule(ro)
	if err != nil {
		return false // checked at Compile
	}
	next := r.Iterator()
	emitted := 0
	for n := 0; n < maxSteps && emitted < MaxPerWindow; n++ {
		w, ok := next()
		if !ok || w.After(wto) {
			return false
		}
		if t := localize(w, s.loc); !t.Before(from) && t.Before(to) && !t.Before(s.start) {
			fn(t)
			emitted++
		}
	}
	return true
}

// skipAhead is off only in the test that checks it changes nothing.
var skipAhead = true

// wall is t's wall clock as a UTC time.
func wall(t time.Time) time.Time {
	y, m, d := t.Date()
	h, mi, sec := t.Clock()
	return time.Date(y, m, d, h, mi, sec, 0, time.UTC)
}

// localize places a wall clock in loc. A time that does not exist there
// (skipped by DST) moves forward by the gap, as RFC 5545 asks.
func localize(w time.Time, loc *time.Location) time.Time {
	y, m, d := w.Date()
	h, mi, sec := w.Clock()
	t := time.Date(y, m, d, h, mi, sec, 0, loc)
	if t.Hour() != h || t.Minute() != mi {
		// In a gap Go may pick the earlier offset; take the later instant.
		if later := w.Add(-offsetAt(t.Add(-24*time.Hour), loc)); later.After(t) {
			t = later.In(loc)
		}
	}
	return t
}

func offsetAt(t time.Time, loc *time.Location) time.Duration {
	_, off := t.In(loc).Zone()
	return time.Duration(off) * time.Second
}

// skipTo is the latest restart point of the rule at or before t, at the
// start of a period (year, month, week, day) a whole number of intervals
// after DTSTART. Rules that skipping could change start where they are.
func skipTo(ro rrule.ROption, t time.Time) time.Time {
	d := ro.Dtstart
	loc := d.Location()
	t = t.In(loc)
	n := max(ro.Interval, 1)
	if len(ro.Bysetpos) > 0 && ro.Freq != rrule.MONTHLY && ro.Freq != rrule.YEARLY || len(ro.Byweekno) > 0 {
		return d
	}
	switch ro.Freq {
	case rrule.YEARLY:
		k := (t.Year() - d.Year()) / n * n
		if k <= 0 {
			return d
		}
		return time.Date(d.Year()+k, 1, 1, 0, 0, 0, 0, loc)
	case rrule.MONTHLY:
		months := (t.Year()-d.Year())*12 + int(t.Month()-d.Month())
		k := months / n * n
		if k <= 0 {
			return d
		}
		return time.Date(d.Year(), d.Month()+time.Month(k), 1, 0, 0, 0, 0, loc)
	case rrule.WEEKLY:
		wkst := int(ro.Wkst.Day()) // 0 = Monday
		back := (int(d.Weekday()) + 6 - wkst) % 7
		weekStart := time.Date(d.Year(), d.Month(), d.Day()-back, 0, 0, 0, 0, loc)
		weeks := daysBetween(weekStart, t) / 7
		k := weeks / n * n
		if k <= 0 {
			return d
		}
		return time.Date(weekStart.Year(), weekStart.Month(), weekStart.Day()+7*k, 0, 0, 0, 0, loc)
	case rrule.DAILY:
		k := daysBetween(d, t) / n * n
		if k <= 0 {
			return d
		}
		return time.Date(d.Year(), d.Month(), d.Day()+k, 0, 0, 0, 0, loc)
	case rrule.HOURLY, rrule.MINUTELY, rrule.SECONDLY:
		// Wall-clock times in UTC: whole units apart, with no DST to mind.
		unit := map[rrule.Frequency]time.Duration{rrule.HOURLY: time.Hour, rrule.MINUTELY: time.Minute, rrule.SECONDLY: time.Second}[ro.Freq]
		step := unit * time.Duration(n)
		k := t.Sub(d) / step
		if k <= 0 {
			return d
		}
		return d.Add(k * step)
	}
	return d
}

// explicit writes down what a rule takes from DTSTART (month, day, weekday,
// time of day), so it no longer depends on DTSTART and can be restarted.
func explicit(ro rrule.ROption) rrule.ROption {
	d := ro.Dtstart
	if len(ro.Byweekno) == 0 && len(ro.Byyearday) == 0 && len(ro.Bymonthday) == 0 && len(ro.Byweekday) == 0 && len(ro.Byeaster) == 0 {
		switch ro.Freq {
		case rrule.YEARLY:
			if len(ro.Bymonth) == 0 {
				ro.Bymonth = []int{int(d.Month())}
			}
			ro.Bymonthday = []int{d.Day()}
		case rrule.MONTHLY:
			ro.Bymonthday = []int{d.Day()}
		case rrule.WEEKLY:
			ro.Byweekday = []rrule.Weekday{weekdays[d.Weekday()]}
		}
	}
	if ro.Freq < rrule.HOURLY && len(ro.Byhour) == 0 {
		ro.Byhour = []int{d.Hour()}
	}
	if ro.Freq < rrule.MINUTELY && len(ro.Byminute) == 0 {
		ro.Byminute = []int{d.Minute()}
	}
	if ro.Freq < rrule.SECONDLY && len(ro.Bysecond) == 0 {
		ro.Bysecond = []int{d.Second()}
	}
	return ro
}

var weekdays = [7]rrule.Weekday{rrule.SU, rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA}
