package occur

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

// The stored forms of times (store.Event):
//
//	Start, End          "2026-01-08T20:30:00" wall time in the event's TZ (floating when TZ is "")
//	                    or "2026-01-08" when all day
//	RDates, ExDates,    "2026-01-09T01:30:00Z" an instant (converted to UTC on import, so an
//	RecurrenceID        EXDATE or RECURRENCE-ID in another zone than DTSTART still matches),
//	                    "2026-01-08T20:30:00" floating, or "2026-01-08" a date
//
// RFC 3339 values with an offset are accepted too (hand edits).

// Layouts of the stored forms.
const (
	DateLayout  = "2006-01-02"
	LocalLayout = "2006-01-02T15:04:05"
	UTCLayout   = "2006-01-02T15:04:05Z"
)

// When is a parsed stored time.
type When struct {
	Time time.Time
	Date bool // a date without a time
}

// Parse reads a stored time. Wall times are read in loc.
func Parse(s string, loc *time.Location) (When, error) {
	s = strings.TrimSpace(s)
	if loc == nil {
		loc = time.Local
	}
	switch {
	case len(s) == len(DateLayout):
		t, err := time.ParseInLocation(DateLayout, s, loc)
		return When{Time: t, Date: true}, err
	case strings.HasSuffix(s, "Z") || len(s) > len(LocalLayout):
		t, err := time.Parse(time.RFC3339, s)
		return When{Time: t}, err
	case len(s) == len("2006-01-02T15:04"):
		t, err := time.ParseInLocation("2006-01-02T15:04", s, loc)
		return When{Time: t}, err
	}
	t, err := time.ParseInLocation(LocalLayout, s, loc)
	if err != nil {
		return When{}, fmt.Errorf("%q is not a date or time (want %s or %s)", s, DateLayout, LocalLayout)
	}
	return When{Time: t}, nil
}

// LoadZone resolves a stored TZ: "" is the floating zone.
func LoadZone(tz string, floating *time.Location) (*time.Location, error) {
	if tz == "" {
		return floating, nil
	}
	if loc, ok := zoneCache.Load(tz); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q", tz)
	}
	zoneCache.Store(tz, loc)
	return loc, nil
}

// zoneCache keeps loaded zones: time.LoadLocation reads and parses the
// zone file on every call.
var zoneCache sync.Map
