package ical

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	stdsync "sync"
	"time"

	ics "github.com/arran4/golang-ical"

	"learnwork/app/occur"
	"learnwork/store"
)

// Item is one VEVENT read from a file, mapped to the store's Event.
type Item struct {
	Line     int         // where BEGIN:VEVENT is, 1-based
	Event    store.Event // UIDs holds Key when there is one
	UID      string
	Key      string // UID, or UID;RECURRENCE-ID=… for an override; "" without a UID
	Sequence int
	Notes    []string // how odd input was understood: "Windows zone … read as …"
	// Method is the iTIP method of the file: REPLY and CANCEL items answer
	// a stored event (its Start may be empty) rather than being events.
	Method  string
	ridDay  string // the RECURRENCE-ID's date as written, for an all-day series
	ridWall string // its wall time in its own zone, for a floating series
}

// IsOverride reports whether the item replaces one instance of a series.
func (it *Item) IsOverride() bool { return it.Event.RecurrenceID != "" }

// Skip is a VEVENT that could not be imported, and why.
type Skip struct {
	Line   int    `json:"line"`
	Name   string `json:"name"`
	Reason string `json:"reason"`
}

// Read parses an iCalendar file into events. Events that cannot be used
// are skipped with the line and reason; the rest are returned. The work is
// bounded by the file's size, and stops when ctx is done.
func Read(ctx context.Context, data []byte) ([]Item, []Skip, error) {
	cal, err := parseFile(ctx, decodeText(data))
	if err != nil {
		return nil, nil, err
	}
	var skips []Skip
	for _, p := range cal.problems {
		skips = append(skips, Skip{Line: p.Line, Reason: p.Reason})
	}
	// Events map independently: spread them over the cores, each worker
	// with its own zone cache, results kept in file order.
	mapped := make([]Item, len(cal.events))
	errs := make([]error, len(cal.events))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(cal.events)/500))
	var wg stdsync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			z := newZones(cal.timezones)
			for i := w; i < len(cal.events); i += workers {
				if ctx.Err() != nil {
					return
				}
				c := cal.events[i]
				mapped[i], errs[i] = mapEvent(c, z, cal.calZone[c], cal.method[c])
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	items := make([]Item, 0, len(cal.events))
	for i, c := range cal.events {
		if errs[i] != nil {
			skips = append(skips, Skip{Line: c.line, Name: c.value("SUMMARY"), Reason: errs[i].Error()})
			continue
		}
		items = append(items, mapped[i])
	}
	alignOverrides(items)
	items, dropped := dedupe(items)
	return items, append(skips, dropped...), nil
}

// alignOverrides gives an override's RECURRENCE-ID the form of its
// series' instances: the day as written for an all-day series (Exchange
// writes a date-time in its zone, which in UTC can be the day before),
// the wall time as written for a floating one (Evolution writes a TZID on
// the override only), so they match in any zone.
func alignOverrides(items []Item) {
	type form struct{ allDay, floating bool }
	series := map[string]form{}
	for i := range items {
		if it := &items[i]; !it.IsOverride() && it.UID != "" {
			series[it.UID] = form{it.Event.AllDay, !it.Event.AllDay && it.Event.TZ == ""}
		}
	}
	for i := range items {
		it := &items[i]
		f, ok := series[it.UID]
		rid := ""
		switch {
		case !it.IsOverride() || !ok || len(it.Event.RecurrenceID) == len(occur.DateLayout):
			continue
		case f.allDay:
			rid = it.ridDay
		case f.floating && it.ridWall != "":
			rid = it.ridWall
		default:
			continue
		}
		it.Event.RecurrenceID = rid
		it.Key = it.UID + ";RECURRENCE-ID=" + rid
		it.Event.UIDs = []string{it.Key}
	}
}

// dedupe keeps, of events sharing a UID and RECURRENCE-ID, the one with
// the highest SEQUENCE (the latest edit). Equal sequences with different
// starts are different events that reuse a UID (some feeds do): each gets
// a key of its own.
func dedupe(items []Item) ([]Item, []Skip) {
	var dropped []Skip
	byKey := make(map[string]int, len(items))
	out := make([]Item, 0, len(items))
	for n := range items {
		it := &items[n]
		if it.Key == "" {
			out = append(out, *it)
			continue
		}
		i, ok := byKey[it.Key]
		switch {
		case !ok:
			byKey[it.Key] = len(out)
			out = append(out, *it)
		case it.Sequence > out[i].Sequence:
			dropped = append(dropped, Skip{Line: out[i].Line, Name: out[i].Event.Title, Reason: fmt.Sprintf("an older version (SEQUENCE %d) of the event at line %d", out[i].Sequence, it.Line)})
			out[i] = *it
		case it.Sequence < out[i].Sequence:
			dropped = append(dropped, Skip{Line: it.Line, Name: it.Event.Title, Reason: fmt.Sprintf("an older version (SEQUENCE %d) of the event at line %d", it.Sequence, out[i].Line)})
		case it.Event.Start == out[i].Event.Start:
			dropped = append(dropped, Skip{Line: out[i].Line, Name: out[i].Event.Title, Reason: fmt.Sprintf("the same event again at line %d, which was imported", it.Line)})
			out[i] = *it
		default:
			it.Notes = append(it.Notes, fmt.Sprintf("UID %q is also used by line %d", it.UID, out[i].Line))
			it.Key += ";DTSTART=" + it.Event.Start
			it.Event.UIDs = []string{it.Key}
			if _, dup := byKey[it.Key]; !dup {
				byKey[it.Key] = len(out)
				out = append(out, *it)
			}
		}
	}
	return out, dropped
}

// The iTIP methods that answer an event rather than publish one.
const (
	MethodReply  = "REPLY"
	MethodCancel = "CANCEL"
)

// IsAnswer reports an iTIP REPLY or CANCEL.
func (it *Item) IsAnswer() bool { return it.Method == MethodReply || it.Method == MethodCancel }

func mapEvent(c *component, z *zones, calZone, method string) (Item, error) {
	it := Item{Line: c.line, UID: c.value("UID"), Method: method}
	ev := &it.Event
	ev.Kind = store.KindEvent
	ev.Title = store.CleanLine(c.value("SUMMARY"))
	if ev.Title == "" {
		ev.Title = "(no title)"
	}
	ev.Notes = strings.TrimSpace(c.value("DESCRIPTION"))
	ev.Location = c.value("LOCATION")
	ev.URL = c.value("URL")
	ev.Status = strings.ToUpper(c.value("STATUS"))
	if s := c.value("SEQUENCE"); s != "" {
		it.Sequence, _ = strconv.Atoi(s)
	}
	for _, b := range c.bad {
		it.Notes = append(it.Notes, "skipped "+b)
	}
	it.Notes = append(it.Notes, c.cut...)

	dtstart := c.first("DTSTART")
	if dtstart == nil || strings.TrimSpace(dtstart.Value) == "" {
		if it.IsAnswer() && it.UID != "" {
			// A REPLY or CANCEL names its event by UID and RECURRENCE-ID.
			if err := it.recurrenceID(c, z, calZone); err != nil {
				return it, err
			}
			it.key()
			people(c, ev)
			return it, nil
		}
		return it, errors.New("no DTSTART")
	}
	start, err := readTime(dtstart, z, calZone)
	if err != nil {
		return it, fmt.Errorf("DTSTART: %w", err)
	}
	it.Notes = append(it.Notes, start.notes...)
	recurring := c.first("RRULE") != nil || c.first("RDATE") != nil || c.first("RECURRENCE-ID") != nil
	if start.utc && !recurring && calZone != "" {
		// Google writes single events in UTC under the calendar's zone:
		// show them in that zone (the instant is the same).
		if r := z.resolve(calZone); r.err == nil {
			start.t, start.tz, start.utc = start.t.In(r.loc), r.name, false
		}
	}
	ev.AllDay = start.date
	ev.TZ = start.tz
	ev.Start = start.stored()

	if p := c.first("DTEND"); p != nil && strings.TrimSpace(p.Value) != "" {
		end, err := readTime(p, z, calZone)
		switch {
		case err != nil:
			it.Notes = append(it.Notes, "DTEND ignored: "+err.Error())
		case end.t.Before(start.t):
			it.Notes = append(it.Notes, fmt.Sprintf("it ends (DTEND %s) before it starts; the end was left out", strings.TrimSpace(p.Value)))
		default:
			ev.End = start.endIn(end)
		}
	} else if d := c.value("DURATION"); d != "" {
		dur, days, err := parseDuration(d)
		e := start
		e.t = start.t.AddDate(0, 0, days).Add(dur)
		switch {
		case err != nil:
			it.Notes = append(it.Notes, "DURATION ignored: "+err.Error())
		case e.t.Before(start.t):
			it.Notes = append(it.Notes, fmt.Sprintf("its DURATION %s is negative; the end was left out", d))
		default:
			ev.End = e.stored()
		}
	}

	var rules []string
	for _, p := range c.all("RRULE") {
		if _, err := occur.ParseRule(p.Value, start.t); err != nil {
			it.Notes = append(it.Notes, err.Error()+"; that rule was left out")
			continue
		}
		clean, _ := occur.CleanRule(p.Value)
		rules = append(rules, clean)
	}
	ev.RRule = strings.Join(rules, "\n")
	if ev.RDates, err = readList(c.all("RDATE"), z, calZone, start); err != nil {
		it.Notes = append(it.Notes, "RDATE ignored: "+err.Error())
	}
	if ev.ExDates, err = readList(c.all("EXDATE"), z, calZone, start); err != nil {
		it.Notes = append(it.Notes, "EXDATE ignored: "+err.Error())
	}
	if err := it.recurrenceID(c, z, calZone); err != nil {
		return it, err
	}
	it.key()
	for _, p := range c.all("CATEGORIES") {
		for _, cat := range strings.Split(p.Value, ",") {
			if cat = strings.TrimSpace(cat); cat != "" {
				ev.Topics = append(ev.Topics, cat)
			}
		}
	}
	people(c, ev)
	return it, nil
}

// recurrenceID reads RECURRENCE-ID and its RANGE.
func (it *Item) recurrenceID(c *component, z *zones, calZone string) error {
	p := c.first("RECURRENCE-ID")
	if p == nil {
		return nil
	}
	rid, err := readTime(p, z, calZone)
	if err != nil {
		return fmt.Errorf("RECURRENCE-ID: %w", err)
	}
	it.Event.RecurrenceID = rid.key()
	it.ridDay = rid.t.Format(occur.DateLayout)
	if rid.tz != "" && !rid.utc {
		it.ridWall = rid.t.Format(occur.LocalLayout)
	}
	if strings.EqualFold(param(p, "RANGE"), "THISANDFUTURE") {
		it.Event.Range = "THISANDFUTURE"
	}
	return nil
}

// key sets the import key: UID, and RECURRENCE-ID for an override.
func (it *Item) key() {
	if it.UID == "" {
		return
	}
	it.Key = it.UID
	if it.Event.RecurrenceID != "" {
		it.Key += ";RECURRENCE-ID=" + it.Event.RecurrenceID
	}
	it.Event.UIDs = []string{it.Key}
}

// people reads ORGANIZER and ATTENDEEs.
func people(c *component, ev *store.Event) {
	if p := c.first("ORGANIZER"); p != nil {
		o := attendee(p)
		o.Role = "ORGANIZER"
		ev.Organizer = formatPerson(o)
		if o.Email != "" {
			ev.Attendees = append(ev.Attendees, o)
		}
	}
	for _, p := range c.all("ATTENDEE") {
		a := attendee(p)
		if a.Email == "" && a.Name == "" {
			continue
		}
		if dupAttendee(ev.Attendees, a) {
			continue
		}
		ev.Attendees = append(ev.Attendees, a)
	}
}

// CancelledInstance is a CANCEL of one instance of series as a cancelled
// override, its start the instance's (RECURRENCE-ID) when it has none.
func CancelledInstance(it *Item, series string) store.Event {
	ev := it.Event
	ev.Series, ev.Status = series, "CANCELLED"
	if ev.Start == "" {
		rid := ev.RecurrenceID
		switch {
		case len(rid) == len(occur.DateLayout):
			ev.Start, ev.AllDay = rid, true
		case strings.HasSuffix(rid, "Z"):
			ev.Start, ev.TZ = strings.TrimSuffix(rid, "Z"), "UTC"
		default:
			ev.Start = rid
		}
	}
	return ev
}

// Answer applies an iTIP REPLY or CANCEL to the stored event it names: a
// CANCEL marks it cancelled, a REPLY takes each replying attendee's
// status. It reports whether anything changed.
func (it *Item) Answer(stored *store.Event) bool {
	switch it.Method {
	case MethodCancel:
		if stored.Status == "CANCELLED" {
			return false
		}
		stored.Status = "CANCELLED"
		return true
	case MethodReply:
		changed := false
		for _, a := range it.Event.Attendees {
			if a.Email == "" || a.Role == "ORGANIZER" || a.Status == "" {
				continue
			}
			i := slices.IndexFunc(stored.Attendees, func(b store.Attendee) bool { return strings.EqualFold(a.Email, b.Email) })
			switch {
			case i < 0:
				stored.Attendees = append(stored.Attendees, a)
				changed = true
			case stored.Attendees[i].Status != a.Status:
				stored.Attendees[i].Status = a.Status
				changed = true
			}
		}
		return changed
	}
	return false
}

func dupAttendee(list []store.Attendee, a store.Attendee) bool {
	for _, b := range list {
		if a.Email != "" && strings.EqualFold(a.Email, b.Email) {
			return true
		}
	}
	return false
}

func attendee(p *ics.BaseProperty) store.Attendee {
	v := strings.TrimSpace(p.Value)
	email := ""
	if len(v) > 7 && strings.EqualFold(v[:7], "mailto:") {
		email = strings.TrimSpace(v[7:])
	} else if strings.Contains(v, "@") && !strings.Contains(v, ":") {
		email = v
	}
	if email == "" {
		email = param(p, "EMAIL")
	}
	email = store.CleanLine(strings.ToLower(email))
	name := store.CleanLine(strings.Trim(param(p, "CN"), `"`))
	if strings.EqualFold(name, email) {
		name = "" // Google writes the address as the name when it has none
	}
	return store.Attendee{Email: email, Name: name, Role: strings.ToUpper(param(p, "ROLE")), Status: strings.ToUpper(param(p, "PARTSTAT"))}
}

// formatPerson writes an organiser as "Name <email>" (or either alone).
func formatPerson(a store.Attendee) string {
	switch {
	case a.Name != "" && a.Email != "":
		return a.Name + " <" + a.Email + ">"
	case a.Email != "":
		return a.Email
	}
	return a.Name
}

// parsePerson reads what formatPerson wrote.
func parsePerson(s string) (name, email string) {
	if i := strings.LastIndex(s, "<"); i >= 0 && strings.HasSuffix(s, ">") {
		return strings.TrimSpace(s[:i]), s[i+1 : len(s)-1]
	}
	if strings.Contains(s, "@") {
		return "", s
	}
	return s, ""
}

// moment is a DTSTART-like value read from a property.
type moment struct {
	t     time.Time
	date  bool
	utc   bool
	tz    string // IANA name; "" for floating or a date
	notes []string
}

// stored is the form Event.Start takes: wall time in the zone, or a date.
func (m moment) stored() string {
	if m.date {
		return m.t.Format(occur.DateLayout)
	}
	return m.t.Format(occur.LocalLayout)
}

// key is the form RDATE, EXDATE and RECURRENCE-ID take: an instant in
// UTC (so zones need not agree), a floating wall time, or a date.
func (m moment) key() string {
	switch {
	case m.date:
		return m.t.Format(occur.DateLayout)
	case m.tz == "" && !m.utc:
		return m.t.Format(occur.LocalLayout)
	}
	return m.t.UTC().Format(occur.UTCLayout)
}

// endIn writes an end in the start's terms: the start's zone, or a date.
func (m moment) endIn(e moment) string {
	switch {
	case m.date:
		y, mo, d := e.t.Date()
		return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC).Format(occur.DateLayout)
	case m.tz == "" && !m.utc || e.tz == "" && !e.utc && !e.date:
		return e.t.Format(occur.LocalLayout)
	}
	return e.t.In(m.t.Location()).Format(occur.LocalLayout)
}

// readTime reads a DATE or DATE-TIME property with its TZID.
func readTime(p *ics.BaseProperty, z *zones, calZone string) (moment, error) {
	return parseMoment(strings.TrimSpace(p.Value), param(p, "TZID"), strings.EqualFold(param(p, "VALUE"), "DATE"), z, calZone)
}

func parseMoment(v, tzid string, isDate bool, z *zones, calZone string) (moment, error) {
	v = strings.ReplaceAll(strings.ReplaceAll(v, "-", ""), ":", "")
	if i := strings.IndexByte(v, '/'); i >= 0 {
		v = v[:i] // a PERIOD: its start
	}
	var m moment
	if len(v) == 9 && (v[8] == 'Z' || v[8] == 'z') {
		v = v[:8] // a date written with a UTC marker
	}
	if len(v) == 8 || isDate && len(v) >= 8 {
		t, err := time.Parse("20060102", v[:8])
		if err != nil {
			return m, fmt.Errorf("%q is not a date", v)
		}
		m.t, m.date = t, true
		return m, nil
	}
	if strings.HasSuffix(v, "Z") || strings.HasSuffix(v, "z") {
		t, err := time.Parse("20060102T150405", v[:len(v)-1])
		if err != nil {
			return m, fmt.Errorf("%q is not a date and time", v)
		}
		m.t, m.utc, m.tz = t, true, "UTC"
		return m, nil
	}
	if len(v) == len("20060102T1504") {
		v += "00"
	}
	loc := time.UTC
	if tzid == "" && calZone != "" {
		tzid = calZone // floating times under a calendar zone (X-WR-TIMEZONE)
	}
	if tzid != "" {
		r := z.resolve(tzid)
		if r.err != nil {
			m.notes = append(m.notes, r.err.Error()+"; read as floating time")
		} else {
			loc, m.tz = r.loc, r.name
			if r.note != "" {
				m.notes = append(m.notes, r.note)
			}
		}
	}
	t, err := time.ParseInLocation("20060102T150405", v, loc)
	if err != nil {
		return m, fmt.Errorf("%q is not a date and time", v)
	}
	m.t = t
	return m, nil
}

// readList reads RDATE or EXDATE properties (each may hold several values).
func readList(props []*ics.BaseProperty, z *zones, calZone string, start moment) ([]string, error) {
	var out []string
	for _, p := range props {
		for _, v := range strings.Split(p.Value, ",") {
			if strings.TrimSpace(v) == "" {
				continue
			}
			m, err := parseMoment(strings.TrimSpace(v), param(p, "TZID"), strings.EqualFold(param(p, "VALUE"), "DATE"), z, calZone)
			if err != nil {
				return out, err
			}
			switch {
			case start.date && !m.date:
				// An all-day series: the day as written, in its zone.
				out = append(out, m.t.Format(occur.DateLayout))
				continue
			case start.tz == "" && !start.utc && !start.date && m.tz != "" && !m.utc:
				// A floating series (Evolution): the wall time as written.
				out = append(out, m.t.Format(occur.LocalLayout))
				continue
			}
			if m.tz == "" && !m.utc && !m.date && start.tz != "" {
				// A floating EXDATE on a zoned series means the series' zone.
				m.t = time.Date(m.t.Year(), m.t.Month(), m.t.Day(), m.t.Hour(), m.t.Minute(), m.t.Second(), 0, start.t.Location())
				m.tz = start.tz
			}
			out = append(out, m.key())
		}
	}
	return out, nil
}

// parseDuration reads an iCalendar DURATION: days and weeks are nominal
// (calendar days), the rest exact.
func parseDuration(s string) (time.Duration, int, error) {
	orig := s
	s = strings.ToUpper(strings.TrimSpace(s))
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimLeft(s, "+-")
	if !strings.HasPrefix(s, "P") || len(s) < 3 {
		return 0, 0, fmt.Errorf("%q is not a duration", orig)
	}
	s = s[1:]
	var d time.Duration
	days := 0
	inTime := false
	n := 0
	digits := false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			n = n*10 + int(r-'0')
			digits = true
			if n > 1e6 {
				return 0, 0, fmt.Errorf("%q is too long", orig)
			}
			continue
		case r == 'T':
			inTime = true
		case r == 'W' && !inTime:
			days += 7 * n
		case r == 'D' && !inTime:
			days += n
		case r == 'H' && inTime:
			d += time.Duration(n) * time.Hour
		case r == 'M' && inTime:
			d += time.Duration(n) * time.Minute
		case r == 'S' && inTime:
			d += time.Duration(n) * time.Second
		default:
			return 0, 0, fmt.Errorf("%q is not a duration", orig)
		}
		if r != 'T' && !digits {
			return 0, 0, fmt.Errorf("%q is not a duration", orig)
		}
		n, digits = 0, false
	}
	if neg {
		return -d, -days, nil
	}
	return d, days, nil
}
