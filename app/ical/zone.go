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

// zones resolves TZIDs to IANA zones, in this order: an IANA name (any
// case, libical-style prefixes), the file's own VTIMEZONE by its rules,
// Windows and Outlook display names, and last the VTIMEZONE's rules
// matched against IANA zones (a guess, said so in the note).
type zones struct {
	vtz   map[string]*component // by zoneKey of their TZID
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

// zoneKey is how a TZID is looked up: quotes and case do not count (the
// VTIMEZONE may quote its TZID and the event not, or the reverse).
func zoneKey(tzid string) string {
	return strings.ToLower(strings.Trim(strings.TrimSpace(tzid), `"`))
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
	hint, kind := namedZone(id)
	var problems []string
	if c := z.vtz[zoneKey(id)]; c != nil {
		rules, bad := vtzRules(c)
		problems = bad
		if r, ok := byRules(id, c, rules, hint, kind); ok {
			r.note = joinNotes(append(bad, r.note)...)
			return r
		}
	}
	if hint != "" {
		if loc, err := time.LoadLocation(hint); err == nil {
			return zoneResult{loc: loc, name: hint, note: joinNotes(append(problems, fmt.Sprintf("%s %q read as %s", kind, id, hint))...)}
		}
	}
	if name, ok := offsetZone(id); ok {
		loc, _ := time.LoadLocation(name)
		return zoneResult{loc: loc, name: name, note: joinNotes(append(problems, fmt.Sprintf("zone %q known only by its offset: read as %s, without DST", id, name))...)}
	}
	err := fmt.Errorf("unknown time zone %q", id)
	if len(problems) > 0 {
		err = fmt.Errorf("unknown time zone %q (%s)", id, joinNotes(problems...))
	}
	return zoneResult{err: err}
}

// byRules reads a zone from its VTIMEZONE: the zone it names (its
// X-LIC-LOCATION or Outlook's X-MS-OLSON, else the Windows or display
// name) when that zone keeps the same offsets, else the IANA zone whose
// offsets agree with the rules (a guess), else its fixed offset.
func byRules(id string, c *component, rules []vtzRule, hint, kind string) (zoneResult, bool) {
	if len(rules) == 0 {
		return zoneResult{}, false
	}
	for _, named := range []string{c.value("X-LIC-LOCATION"), c.value("X-MS-OLSON")} {
		if loc, name, ok := ianaZone(named); ok && agrees(rules, loc) {
			return zoneResult{loc: loc, name: name, note: fmt.Sprintf("zone %q read as %s, which its VTIMEZONE names", id, name)}, true
		}
	}
	if hint != "" {
		if loc, err := time.LoadLocation(hint); err == nil && agrees(rules, loc) {
			return zoneResult{loc: loc, name: hint, note: fmt.Sprintf("%s %q read as %s, which keeps its VTIMEZONE's rules", kind, id, hint)}, true
		}
	}
	if name, ok := matchRules(rules); ok {
		loc, _ := time.LoadLocation(name)
		return zoneResult{loc: loc, name: name, note: fmt.Sprintf("zone %q guessed as %s, whose offsets agree with its VTIMEZONE", id, name)}, true
	}
	if off, fixed := fixedOffset(rules); fixed && off%3600 == 0 {
		name := "UTC"
		if off != 0 {
			name = fmt.Sprintf("Etc/GMT%+d", -off/3600)
		}
		loc, _ := time.LoadLocation(name)
		return zoneResult{loc: loc, name: name, note: fmt.Sprintf("zone %q read as the fixed offset %s of its VTIMEZONE", id, formatOffset(off))}, true
	}
	return zoneResult{}, false
}

// namedZone reads Windows zone names and Outlook display names, and says
// which it was.
func namedZone(id string) (iana, kind string) {
	_, rest, _ := outlookPrefix(id)
	if iana, ok := windowsZone(rest); ok {
		return iana, "Windows zone"
	}
	if iana, ok := displayZone(id); ok {
		return iana, "Outlook zone"
	}
	return "", ""
}

func joinNotes(notes ...string) string {
	var out []string
	for _, n := range notes {
		if n != "" {
			out = append(out, n)
		}
	}
	return strings.Join(out, "; ")
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
// Exchange varies the punctuation ("Pacific Time (US & Canada); Tijuana"
// and ", Tijuana"); a name not in the table is read by its cities, each
// tried as an IANA zone's city ("Bangkok, Hanoi, Jakarta" → Asia/Bangkok).
func displayZone(id string) (string, bool) {
	_, rest, _ := outlookPrefix(id)
	rest = strings.ToLower(strings.ReplaceAll(rest, " and ", " & "))
	rest = strings.TrimPrefix(rest, "greenwich mean time : ")
	if iana, ok := displayZones[rest]; ok {
		return iana, true
	}
	if iana, ok := displayZones[strings.ReplaceAll(rest, ", ", "; ")]; ok {
		return iana, true
	}
	for part := range strings.SplitSeq(strings.NewReplacer(";", ",", " & ", ",").Replace(rest), ",") {
		if iana, ok := displayZones[strings.TrimSpace(part)]; ok {
			return iana, true
		}
		if iana, ok := zoneCities[strings.ReplaceAll(strings.TrimSpace(part), " ", "_")]; ok {
			return iana, true
		}
	}
	return "", false
}

// zoneCities maps the city of every zone CLDR's Windows table names
// ("new_york") to the zone.
var zoneCities = func() map[string]string {
	m := map[string]string{}
	for _, z := range windowsZones {
		if i := strings.LastIndexByte(z, '/'); i >= 0 {
			m[strings.ToLower(z[i+1:])] = z
		}
	}
	return m
}()

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

// samples are the instants a VTIMEZONE is compared with IANA zones at:
// twice a month over three recent years.
var samples = func() []time.Time {
	now := time.Now().Year()
	var out []time.Time
	for y := now - 1; y <= now+1; y++ {
		for m := time.January; m <= time.December; m++ {
			out = append(out, time.Date(y, m, 1, 12, 0, 0, 0, time.UTC), time.Date(y, m, 16, 12, 0, 0, 0, time.UTC))
		}
	}
	return out
}()

// agrees reports whether loc keeps the rules' offsets at every sample.
func agrees(rules []vtzRule, loc *time.Location) bool {
	for _, t := range samples {
		if _, off := t.In(loc).Zone(); off != offsetAt(rules, t) {
			return false
		}
	}
	return true
}

// fixedOffset reports whether the rules keep one offset all year.
func fixedOffset(rules []vtzRule) (int, bool) {
	off := offsetAt(rules, samples[0])
	for _, t := range samples[1:] {
		if offsetAt(rules, t) != off {
			return 0, false
		}
	}
	return off, true
}

// matchRules finds the IANA zone whose offsets agree with a VTIMEZONE's
// rules at every sample instant, so custom names ("Customized Time
// Zone") still get a zone that knows DST.
func matchRules(rules []vtzRule) (string, bool) {
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
	rule   *rrule.ROption
	rdates []time.Time
}

// maxOffset is the largest UTC offset a zone part may have: real ones
// stay within ±14 hours.
const maxOffset = 18 * 3600

// vtzRules reads a VTIMEZONE's STANDARD and DAYLIGHT parts, and says what
// it left out: parts with absurd offsets, and rules that repeat more often
// than yearly (a rule every second would take the import for ever).
func vtzRules(c *component) ([]vtzRule, []string) {
	var out []vtzRule
	var problems []string
	id := c.value("TZID")
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
		if abs(to) > maxOffset || abs(from) > maxOffset {
			problems = append(problems, fmt.Sprintf("zone %q: offset %s is not a real UTC offset; that part of its VTIMEZONE was ignored", id, sub.value("TZOFFSETTO")))
			continue
		}
		if st.Year() < 1900 {
			// eM Client writes year 0001; the rule is what matters.
			st = st.AddDate(1900-st.Year(), 0, 0)
		}
		r := vtzRule{start: st, offset: to, from: from}
		if v := sub.value("RRULE"); v != "" {
			ro, err := occur.ParseRule(v, st)
			switch {
			case err != nil:
				problems = append(problems, fmt.Sprintf("zone %q: its rule %q cannot be read and was ignored", id, v))
			case ro.Freq != rrule.YEARLY:
				problems = append(problems, fmt.Sprintf("zone %q: its rule %q changes the offset more often than once a year and was ignored", id, v))
			default:
				r.rule = ro
			}
		}
		for _, p := range sub.all("RDATE") {
			for _, v := range strings.Split(p.Value, ",") {
				if t, err := time.Parse("20060102T150405", strings.TrimSpace(v)); err == nil {
					r.rdates = append(r.rdates, t)
				}
			}
		}
		out = append(out, r)
	}
	return out, problems
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
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
		if r.rule != nil {
			if w := lastBefore(r.rule, t.Add(time.Duration(r.from)*time.Second)); !w.IsZero() {
				onset(w)
			}
		}
	}
	if !found && len(rules) > 0 {
		return rules[0].from
	}
	return best
}

// lastBefore is the rule's last onset at or before t. Yearly rules only,
// and at most maxOnsets of them: a rule from 1601 reaches today in 425.
func lastBefore(ro *rrule.ROption, t time.Time) time.Time {
	r, err := rrule.NewRRule(*ro)
	if err != nil {
		return time.Time{}
	}
	next := r.Iterator()
	var last time.Time
	for range maxOnsets {
		w, ok := next()
		if !ok || w.After(t) {
			break
		}
		last = w
	}
	return last
}

const maxOnsets = 2000

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
