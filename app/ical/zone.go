package ical

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/teambition/rrule-go"

	"learnwork/app/occur"
)

// zones resolves TZIDs to IANA zones: IANA names in any case, with the
// libical-style prefixes some exporters add, Windows names (CLDR), and as a
// last resort the file's own VTIMEZONE rules, matched against IANA zones.
type zones struct {
	vtz   map[string]*component
	cache map[string]zoneResult
}

type zoneResult struct {
	loc  *time.Location
	name string
	note string // how the name was understood, when not plainly
	err  error
}

func newZones(vtz map[string]*component) *zones {
	return &zones{vtz: vtz, cache: map[string]zoneResult{}}
}

func (z *zones) resolve(tzid string) zoneResult {
	if r, ok := z.cache[tzid]; ok {
		return r
	}
	r := z.lookup(tzid)
	z.cache[tzid] = r
	return r
}

func (z *zones) lookup(tzid string) zoneResult {
	id := strings.Trim(strings.TrimSpace(tzid), `"`)
	if loc, name, ok := ianaZone(id); ok {
		return zoneResult{loc: loc, name: name}
	}
	if iana, ok := windowsZone(id); ok {
		if loc, err := time.LoadLocation(iana); err == nil {
			return zoneResult{loc: loc, name: iana, note: fmt.Sprintf("Windows zone %q read as %s", id, iana)}
		}
	}
	if iana, ok := displayZone(id); ok {
		if loc, err := time.LoadLocation(iana); err == nil {
			return zoneResult{loc: loc, name: iana, note: fmt.Sprintf("Outlook zone %q read as %s", id, iana)}
		}
	}
	if c := z.vtz[tzid]; c != nil {
		if name, ok := matchVTimezone(c); ok {
			loc, _ := time.LoadLocation(name)
			return zoneResult{loc: loc, name: name, note: fmt.Sprintf("zone %q read as %s from its VTIMEZONE rules", id, name)}
		}
	}
	if name, ok := offsetZone(id); ok {
		loc, _ := time.LoadLocation(name)
		return zoneResult{loc: loc, name: name, note: fmt.Sprintf("zone %q known only by its offset: read as %s, without DST", id, name)}
	}
	return zoneResult{err: fmt.Errorf("unknown time zone %q", id)}
}

// outlookPrefix is the "(UTC-05:00) " Outlook puts before a display name.
func outlookPrefix(id string) (offset, rest string, ok bool) {
	if len(id) < 11 || id[0] != '(' {
		return "", id, false
	}
	end := strings.IndexByte(id, ')')
	if end < 0 {
		return "", id, false
	}
	in := strings.TrimSpace(id[1:end])
	for _, p := range []string{"UTC", "GMT"} {
		if strings.HasPrefix(strings.ToUpper(in), p) {
			return strings.TrimSpace(in[len(p):]), strings.TrimSpace(id[end+1:]), true
		}
	}
	return "", id, false
}

// displayZone reads Windows display names ("(UTC-05:00) Eastern Time (US &
// Canada)"), as Outlook and OWA write them in TZID.
func displayZone(id string) (string, bool) {
	_, rest, _ := outlookPrefix(id)
	rest = strings.ToLower(strings.ReplaceAll(rest, " and ", " & "))
	rest = strings.TrimPrefix(rest, "greenwich mean time : ")
	iana, ok := displayZones[rest]
	return iana, ok
}

// offsetZone reads the offset of "(UTC+03:00) Somewhere" as a fixed IANA
// zone (Etc/GMT-3: the sign is POSIX's, reversed).
func offsetZone(id string) (string, bool) {
	off, _, ok := outlookPrefix(id)
	if !ok {
		return "", false
	}
	if off == "" {
		return "UTC", true
	}
	secs, err := parseOffset(strings.ReplaceAll(off, ":", ""))
	if err != nil || secs%3600 != 0 {
		return "", false
	}
	h := -secs / 3600
	if h == 0 {
		return "UTC", true
	}
	return fmt.Sprintf("Etc/GMT%+d", h), true
}

// ianaZone accepts IANA names in any case and after a path prefix
// ("/freeassociation.sourceforge.net/Tzfile/Europe/London").
func ianaZone(id string) (*time.Location, string, bool) {
	parts := strings.Split(strings.Trim(id, "/"), "/")
	for i := range parts {
		cand := strings.Join(parts[i:], "/")
		if cand == "" || strings.EqualFold(cand, "local") {
			continue
		}
		for _, c := range []string{cand, titleZone(cand), strings.ToUpper(cand)} {
			if loc, err := time.LoadLocation(c); err == nil && c != "Local" {
				return loc, c, true
			}
		}
	}
	return nil, "", false
}

// titleZone writes a zone name as the database does: "america/new_york" →
// "America/New_York", "america/port-au-prince" → "America/Port-Au-Prince"
// (which fails, and the caller tries other spellings).
func titleZone(s string) string {
	b := []byte(strings.ToLower(s))
	up := true
	for i, c := range b {
		if up && c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
		up = c == '/' || c == '_' || c == '-'
	}
	return string(b)
}

func windowsZone(id string) (string, bool) {
	if iana, ok := windowsZones[id]; ok {
		return iana, true
	}
	for k, v := range windowsZones {
		if strings.EqualFold(k, id) {
			return v, true
		}
	}
	return "", false
}

// matchVTimezone finds the IANA zone whose offsets agree with a
// VTIMEZONE's rules at every sample instant over three recent years, so
// custom names ("Customized Time Zone", Outlook display names) still get a
// zone that knows DST.
func matchVTimezone(c *component) (string, bool) {
	rules := vtzRules(c)
	if len(rules) == 0 {
		return "", false
	}
	now := time.Now().Year()
	var samples []time.Time
	for y := now - 1; y <= now+1; y++ {
		for m := time.January; m <= time.December; m++ {
			samples = append(samples, time.Date(y, m, 1, 12, 0, 0, 0, time.UTC), time.Date(y, m, 16, 12, 0, 0, 0, time.UTC))
		}
	}
	want := make([]int, len(samples))
	for i, t := range samples {
		want[i] = offsetAt(rules, t)
	}
	// The zones most people use first: several zones share rules and the
	// familiar one reads best.
	candidates := []string{"America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "Europe/London", "Europe/Berlin", "Europe/Paris",
		"Australia/Sydney", "Asia/Kolkata", "Asia/Tokyo", "Asia/Shanghai", "America/Sao_Paulo", "Pacific/Auckland"}
	candidates = append(candidates, slices.Sorted(maps.Values(windowsZones))...)
	for _, name := range candidates {
		loc, err := time.LoadLocation(name)
		if err != nil {
			continue
		}
		ok := true
		for i, t := range samples {
			if _, off := t.In(loc).Zone(); off != want[i] {
				ok = false
				break
			}
		}
		if ok {
			return name, true
		}
	}
	return "", false
}

type vtzRule struct {
	start  time.Time // first onset, wall time read as UTC
	offset int       // TZOFFSETTO, seconds
	from   int       // TZOFFSETFROM
	rule   string
	rdates []time.Time
}

func vtzRules(c *component) []vtzRule {
	var out []vtzRule
	for _, sub := range c.subs {
		if sub.name != "STANDARD" && sub.name != "DAYLIGHT" {
			continue
		}
		to, err1 := parseOffset(sub.value("TZOFFSETTO"))
		from, err2 := parseOffset(sub.value("TZOFFSETFROM"))
		st, err3 := time.Parse("20060102T150405", sub.value("DTSTART"))
		if err1 != nil || err3 != nil {
			continue
		}
		if err2 != nil {
			from = to
		}
		if st.Year() < 1900 {
			// eM Client writes year 0001; the rule is what matters.
			st = st.AddDate(1900-st.Year(), 0, 0)
		}
		r := vtzRule{start: st, offset: to, from: from, rule: sub.value("RRULE")}
		for _, p := range sub.all("RDATE") {
			for _, v := range strings.Split(p.Value, ",") {
				if t, err := time.Parse("20060102T150405", strings.TrimSpace(v)); err == nil {
					r.rdates = append(r.rdates, t)
				}
			}
		}
		out = append(out, r)
	}
	return out
}

// offsetAt is the VTIMEZONE's UTC offset at instant t: the offset of the
// latest onset at or before t.
func offsetAt(rules []vtzRule, t time.Time) int {
	best, bestAt := 0, time.Time{}
	found := false
	for _, r := range rules {
		onset := func(w time.Time) {
			at := w.Add(-time.Duration(r.from) * time.Second) // wall time in the previous offset
			if !at.After(t) && (!found || at.After(bestAt)) {
				best, bestAt, found = r.offset, at, true
			}
		}
		onset(r.start)
		for _, d := range r.rdates {
			onset(d)
		}
		if r.rule != "" {
			ro, err := occur.ParseRule(r.rule, r.start)
			if err == nil {
				if w := lastBefore(ro, t.Add(time.Duration(r.from)*time.Second)); !w.IsZero() {
					onset(w)
				}
			}
		}
	}
	if !found && len(rules) > 0 {
		return rules[0].from
	}
	return best
}

func lastBefore(ro *rrule.ROption, t time.Time) time.Time {
	r, err := rrule.NewRRule(*ro)
	if err != nil {
		return time.Time{}
	}
	return r.Before(t, true)
}

// parseOffset reads a UTC offset: "-0500", "+0530", "+053000".
func parseOffset(s string) (int, error) {
	s = strings.TrimSpace(s)
	if len(s) != 5 && len(s) != 7 || s[0] != '+' && s[0] != '-' {
		return 0, fmt.Errorf("UTC offset %q is not ±hhmm", s)
	}
	n := 0
	for i := 1; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, fmt.Errorf("UTC offset %q is not ±hhmm", s)
		}
	}
	h, m := int(s[1]-'0')*10+int(s[2]-'0'), int(s[3]-'0')*10+int(s[4]-'0')
	n = h*3600 + m*60
	if len(s) == 7 {
		n += int(s[5]-'0')*10 + int(s[6]-'0')
	}
	if s[0] == '-' {
		n = -n
	}
	return n, nil
}
