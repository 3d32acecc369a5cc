package ical

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"learnwork/app/occur"
	"learnwork/store"
)

// Calendar names what an export is: shown by clients as the calendar's name.
type Calendar struct {
	Name  string
	Stamp time.Time // DTSTAMP of every event (injected for stable output)
}

// Write writes events as one iCalendar file. Overrides (Event.Series) are
// written under their series' UID, taken from series; everything the store
// holds of an event goes out, so reading the file back gives it again.
func Write(w io.Writer, cal Calendar, events []store.Event, series map[string]store.Event) error {
	c := ics.NewCalendarFor("Learnwork")
	c.SetMethod(ics.MethodPublish)
	if cal.Name != "" {
		c.SetXWRCalName(cal.Name)
	}
	stamp := cal.Stamp
	if stamp.IsZero() {
		stamp = time.Now()
	}
	zones := map[string]bool{}
	for _, ev := range events {
		if ev.TZ != "" && ev.TZ != "UTC" && !ev.AllDay {
			zones[ev.TZ] = true
		}
	}
	for _, name := range slices.Sorted(maps.Keys(zones)) {
		if err := addTimezone(c, name, stamp.Year()); err != nil {
			return fmt.Errorf("time zone %s: %w", name, err)
		}
	}
	for _, ev := range events {
		uid := ExportUID(ev)
		if ev.Series != "" {
			if s, ok := series[ev.Series]; ok {
				uid = ExportUID(s)
			}
		}
		e := c.AddEvent(uid)
		e.SetDtStampTime(stamp.UTC())
		if err := writeEvent(e, ev); err != nil {
			return fmt.Errorf("event %q: %w", ev.Title, err)
		}
	}
	return c.SerializeTo(w)
}

// ExportUID is the UID an event goes out with: the one it came in with, or
// one made from its ID.
func ExportUID(ev store.Event) string {
	for _, u := range ev.UIDs {
		if i := strings.Index(u, ";RECURRENCE-ID="); i >= 0 {
			u = u[:i]
		}
		if i := strings.Index(u, ";DTSTART="); i >= 0 {
			u = u[:i]
		}
		if u != "" {
			return u
		}
	}
	return ev.ID + "@learnwork"
}

func writeEvent(e *ics.VEvent, ev store.Event) error {
	if ev.Title != "(no title)" {
		e.SetSummary(ev.Title)
	}
	if ev.Notes != "" {
		e.SetDescription(ev.Notes)
	}
	if ev.Location != "" {
		e.SetLocation(ev.Location)
	}
	if ev.URL != "" {
		e.SetURL(ev.URL)
	}
	if ev.Status != "" {
		e.SetProperty(ics.ComponentPropertyStatus, ev.Status)
	}
	if err := setTime(e, ics.ComponentPropertyDtStart, ev.Start, ev); err != nil {
		return fmt.Errorf("start: %w", err)
	}
	if ev.End != "" {
		if err := setTime(e, ics.ComponentPropertyDtEnd, ev.End, ev); err != nil {
			return fmt.Errorf("end: %w", err)
		}
	}
	for _, r := range strings.Split(ev.RRule, "\n") {
		if r = strings.TrimSpace(r); r != "" {
			e.AddRrule(r)
		}
	}
	for _, v := range ev.RDates {
		p, params := keyValue(v, ev)
		e.AddProperty(ics.ComponentPropertyRdate, p, params...)
	}
	for _, v := range ev.ExDates {
		p, params := keyValue(v, ev)
		e.AddProperty(ics.ComponentPropertyExdate, p, params...)
	}
	if ev.RecurrenceID != "" {
		p, params := keyValue(ev.RecurrenceID, ev)
		if ev.Range != "" {
			params = append(params, &ics.KeyValues{Key: "RANGE", Value: []string{ev.Range}})
		}
		e.SetProperty(ics.ComponentPropertyRecurrenceId, p, params...)
	}
	if ev.Organizer != "" {
		name, email := parsePerson(ev.Organizer)
		var params []ics.PropertyParameter
		if name != "" {
			params = append(params, ics.WithCN(name))
		}
		e.SetProperty(ics.ComponentPropertyOrganizer, "mailto:"+email, params...)
	}
	for _, a := range ev.Attendees {
		if a.Role == "ORGANIZER" || a.Email == "" {
			continue
		}
		var params []ics.PropertyParameter
		if a.Name != "" {
			params = append(params, ics.WithCN(a.Name))
		}
		if a.Role != "" {
			params = append(params, ics.ParticipationRole(a.Role))
		}
		if a.Status != "" {
			params = append(params, ics.ParticipationStatus(a.Status))
		}
		e.AddAttendee("mailto:"+a.Email, params...)
	}
	for _, t := range ev.Topics {
		e.AddCategory(t)
	}
	return nil
}

// setTime writes DTSTART or DTEND from the stored form.
func setTime(e *ics.VEvent, prop ics.ComponentProperty, v string, ev store.Event) error {
	loc, err := occur.LoadZone(ev.TZ, time.UTC)
	if err != nil {
		return err
	}
	w, err := occur.Parse(v, loc)
	if err != nil {
		return err
	}
	switch {
	case w.Date || ev.AllDay:
		e.SetProperty(prop, w.Time.Format("20060102"), ics.WithValue(string(ics.ValueDataTypeDate)))
	case ev.TZ == "UTC":
		e.SetProperty(prop, w.Time.UTC().Format("20060102T150405Z"))
	case ev.TZ == "":
		e.SetProperty(prop, w.Time.Format("20060102T150405"))
	default:
		e.SetProperty(prop, w.Time.Format("20060102T150405"), ics.WithTZID(ev.TZ))
	}
	return nil
}

// keyValue writes an RDATE, EXDATE or RECURRENCE-ID from the stored form.
func keyValue(v string, ev store.Event) (string, []ics.PropertyParameter) {
	w, err := occur.Parse(v, time.UTC)
	switch {
	case err != nil:
		return v, nil
	case w.Date:
		return w.Time.Format("20060102"), []ics.PropertyParameter{ics.WithValue(string(ics.ValueDataTypeDate))}
	case strings.HasSuffix(v, "Z") || len(v) > len(occur.LocalLayout):
		return w.Time.UTC().Format("20060102T150405Z"), nil
	}
	return w.Time.Format("20060102T150405"), nil
}
