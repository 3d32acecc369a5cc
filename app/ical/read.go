// Package ical reads and writes iCalendar files for Learnwork: a lenient
// pass over real files (several calendars, odd case, broken folds, BOM and
// UTF-16, zones by Windows or custom names) in front of golang-ical's
// property parser, mapping VEVENTs to store.Event, and the export back.
package ical

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	stdsync "sync"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"learnwork/app/sniff"
)

// line is one unfolded content line and where it starts in the file.
type line struct {
	n    int
	text string
	cut  bool // longer than maxValue, cut there
}

// decodeText turns the file's bytes into UTF-8 text: a BOM is dropped,
// UTF-16 is decoded, invalid UTF-8 is read as Latin-1 (old Outlook
// exports) rather than lost.
func decodeText(data []byte) string {
	data = sniff.Unicode(data)
	if utf8.Valid(data) {
		return string(data)
	}
	var b strings.Builder
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size == 1 {
			r = rune(data[0])
		}
		b.WriteRune(r)
		data = data[size:]
	}
	return b.String()
}

// maxValue bounds one content line, unfolded: a longer one (a 200 MB
// DESCRIPTION) is cut to this while it is read, so memory stays bounded,
// and its event says so. maxParams bounds a line's parameters: golang-ical
// parses them in time that grows with the square of their number.
const (
	maxValue  = 1 << 20
	maxParams = 100
)

// unfold splits text into content lines: CRLF, LF or a lone CR end a
// line, a line starting with a space or tab continues the one before, and
// a line that cannot start a property (a raw newline inside a value, as
// some exporters write) is joined to the one before too. A line longer
// than maxValue is cut there.
func unfold(ctx context.Context, text string) []line {
	var out []line
	var b strings.Builder
	cur, open := line{}, false
	flush := func() {
		if open {
			cur.text = b.String()
			out = append(out, cur)
			b.Reset()
			open = false
		}
	}
	add := func(s string) {
		if room := maxValue - b.Len(); len(s) > room {
			b.WriteString(validPrefix(s, max(room, 0)))
			cur.cut = true
			return
		}
		b.WriteString(s)
	}
	n := 0
	for len(text) > 0 {
		raw, rest := text, ""
		if i := strings.IndexAny(text, "\r\n"); i >= 0 {
			raw, rest = text[:i], text[i+1:]
			if text[i] == '\r' && strings.HasPrefix(rest, "\n") {
				rest = rest[1:]
			}
		}
		text = rest
		if n++; n%65536 == 0 && ctx.Err() != nil {
			return nil
		}
		switch {
		case strings.TrimSpace(raw) == "":
			continue
		case (raw[0] == ' ' || raw[0] == '\t') && open:
			add(raw[1:])
		case !startsProperty(raw) && open:
			add(`\n`)
			add(raw)
		default:
			flush()
			cur, open = line{n: n}, true
			add(raw)
		}
	}
	flush()
	return out
}

// validPrefix is s cut to at most n bytes without splitting a character.
func validPrefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// startsProperty reports whether s begins with a property name followed by
// ':' or ';' (spaces before them forgiven).
func startsProperty(s string) bool {
	i := 0
	for i < len(s) && (s[i] >= 'A' && s[i] <= 'Z' || s[i] >= 'a' && s[i] <= 'z' || s[i] >= '0' && s[i] <= '9' || s[i] == '-' || s[i] == '_') {
		i++
	}
	if i == 0 {
		return false
	}
	rest := strings.TrimLeft(s[i:], " \t")
	// A name alone: its value follows on folded lines (Mozilla writes so).
	return rest == "" || rest[0] == ':' || rest[0] == ';'
}

// component is a BEGIN/END block with its properties and sub-components.
type component struct {
	name  string
	line  int
	props []*ics.BaseProperty
	lines []int // line of each property
	subs  []*component
	bad   []string // lines that could not be read, with why
	cut   []string // properties cut to maxValue, with their line
}

func (c *component) first(name string) *ics.BaseProperty {
	for _, p := range c.props {
		if p.IANAToken == name {
			return p
		}
	}
	return nil
}

func (c *component) all(name string) []*ics.BaseProperty {
	var out []*ics.BaseProperty
	for _, p := range c.props {
		if p.IANAToken == name {
			out = append(out, p)
		}
	}
	return out
}

func (c *component) value(name string) string {
	if p := c.first(name); p != nil {
		return strings.TrimSpace(p.Value)
	}
	return ""
}

func param(p *ics.BaseProperty, name string) string {
	if p == nil {
		return ""
	}
	for k, v := range p.ICalParameters {
		if strings.EqualFold(k, name) && len(v) > 0 {
			return v[0]
		}
	}
	return ""
}

// calendar is what the file holds, calendars flattened: events with the
// calendar-level X-WR-TIMEZONE each was found under, and every VTIMEZONE.
type calendar struct {
	events    []*component
	calZone   map[*component]string
	method    map[*component]string // the iTIP METHOD of its calendar
	timezones map[string]*component
	problems  []Problem
}

// Problem is a part of the file that could not be read.
type Problem struct {
	Line   int    `json:"line"`
	Reason string `json:"reason"`
}

// parseFile reads components from any number of VCALENDARs (or none: bare
// VEVENTs), in any case. A line that does not parse is recorded on its
// component, which goes on without it.
func parseFile(ctx context.Context, text string) (*calendar, error) {
	cal := &calendar{calZone: map[*component]string{}, method: map[*component]string{}, timezones: map[string]*component{}}
	method := ""
	var stack []*component
	zone := ""
	lines := unfold(ctx, text)
	props, errs := parseProperties(ctx, lines)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i, l := range lines {
		if i%65536 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		name, value, ok := beginEnd(l.text)
		if ok && name == "BEGIN" {
			if value == "VCALENDAR" {
				zone, method, stack = "", "", nil
				continue
			}
			c := &component{name: value, line: l.n}
			if len(stack) > 0 {
				stack[len(stack)-1].subs = append(stack[len(stack)-1].subs, c)
			}
			stack = append(stack, c)
			continue
		}
		if ok && name == "END" {
			if value == "VCALENDAR" {
				cal.unclosed(stack, fmt.Sprintf("no END:VEVENT before line %d; the event was read up to there", l.n))
				stack = nil
				continue
			}
			i := len(stack) - 1
			for i >= 0 && stack[i].name != value {
				i--
			}
			if i < 0 {
				cal.problems = append(cal.problems, Problem{l.n, fmt.Sprintf("END:%s without BEGIN", value)})
				continue
			}
			cal.unclosed(stack[i+1:], fmt.Sprintf("no END:VEVENT before line %d; the event was read up to there", l.n))
			c := stack[i]
			stack = stack[:i]
			if i == 0 {
				cal.top(c, zone)
				cal.method[c] = method
			}
			continue
		}
		p, err := props[i], errs[i]
		if err != nil || p == nil {
			reason := "not a property line"
			if err != nil {
				reason = err.Error()
			}
			if len(stack) > 0 {
				c := stack[len(stack)-1]
				c.bad = append(c.bad, fmt.Sprintf("line %d: %s", l.n, reason))
			} else {
				cal.problems = append(cal.problems, Problem{l.n, reason})
			}
			continue
		}
		p.IANAToken = strings.ToUpper(p.IANAToken)
		if len(stack) == 0 {
			switch p.IANAToken {
			case "X-WR-TIMEZONE":
				zone = strings.TrimSpace(p.Value)
			case "METHOD":
				method = strings.ToUpper(strings.TrimSpace(p.Value))
			}
			continue
		}
		c := stack[len(stack)-1]
		c.props = append(c.props, p)
		c.lines = append(c.lines, l.n)
		if l.cut {
			c.cut = append(c.cut, fmt.Sprintf("line %d: %s was longer than %d MB and was cut to its first %d MB", l.n, p.IANAToken, maxValue>>20, maxValue>>20))
		}
	}
	if len(lines) > 0 {
		cal.unclosed(stack, fmt.Sprintf("the file is cut short at line %d (no END:VEVENT); the event was read up to there", lines[len(lines)-1].n))
	}
	return cal, nil
}

// parseProperties parses every content line that is not a BEGIN or END,
// on every core for a large file: lines parse independently, and it is
// most of the reading.
func parseProperties(ctx context.Context, lines []line) ([]*ics.BaseProperty, []error) {
	props, errs := make([]*ics.BaseProperty, len(lines)), make([]error, len(lines))
	parse := func(from, to int) {
		for i := from; i < to; i++ {
			if i%1024 == 0 && ctx.Err() != nil {
				return
			}
			if _, _, ok := beginEnd(lines[i].text); !ok {
				props[i], errs[i] = parseProperty(lines[i].text)
			}
		}
	}
	workers := min(runtime.GOMAXPROCS(0), max(1, len(lines)/4096))
	var wg stdsync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			parse(w*len(lines)/workers, (w+1)*len(lines)/workers)
		}()
	}
	wg.Wait()
	return props, errs
}

func (cal *calendar) top(c *component, zone string) {
	switch c.name {
	case "VEVENT":
		cal.events = append(cal.events, c)
		cal.calZone[c] = zone
	case "VTIMEZONE":
		if id := c.value("TZID"); id != "" {
			cal.timezones[zoneKey(id)] = c
		}
	}
}

// unclosed keeps events the file forgot to END (a truncated download),
// saying why.
func (cal *calendar) unclosed(stack []*component, why string) {
	if len(stack) > 0 && stack[0].name == "VEVENT" {
		stack[0].cut = append(stack[0].cut, why)
		cal.top(stack[0], "")
	}
}

// beginEnd recognises BEGIN:X and END:X in any case.
func beginEnd(s string) (name, value string, ok bool) {
	k, v, found := strings.Cut(s, ":")
	if !found {
		return "", "", false
	}
	k = strings.ToUpper(strings.TrimSpace(k))
	if k != "BEGIN" && k != "END" {
		return "", "", false
	}
	return k, strings.ToUpper(strings.TrimSpace(v)), true
}

// normalizeName drops spaces between a property's name and its parameters
// or value ("DTSTART ;TZID=…"), which golang-ical refuses.
func normalizeName(s string) string {
	i := strings.IndexAny(s, ":;")
	if i <= 0 || !strings.ContainsAny(s[:i], " \t") {
		return s
	}
	return strings.Join(strings.Fields(s[:i]), "") + s[i:]
}

// parseProperty reads one content line. Lines without parameters, most of
// any file, are split here; the rest go to golang-ical's parser.
func parseProperty(s string) (*ics.BaseProperty, error) {
	s = dropControls(s)
	if n := countParams(s); n > maxParams {
		return nil, fmt.Errorf("%s has %d parameters, more than the %d a property may have here; the line was skipped", propName(s), n, maxParams)
	}
	if i := strings.IndexByte(s, ':'); i > 0 && !strings.ContainsAny(s[:i], "; \t\"") {
		p := &ics.BaseProperty{IANAToken: s[:i], ICalParameters: map[string][]string{}, Value: s[i+1:]}
		if p.GetValueType() == ics.ValueDataTypeText {
			p.Value = ics.FromText(p.Value)
		}
		return p, nil
	}
	return ics.ParseProperty(ics.ContentLine(quoteTZID(unquoteValue(normalizeName(s)))))
}

// unquoteValue repairs a line whose value ended up inside its last quoted
// parameter, as one Outlook writes: DTSTART;TZID="W. Europe Standard
// Time:20200609T090000" becomes DTSTART;TZID="W. Europe Standard
// Time":20200609T090000. A line with a colon outside quotes is left alone.
func unquoteValue(s string) string {
	quoted, last := false, -1
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '"':
			quoted = !quoted
			last = i
		case s[i] == ':' && !quoted:
			return s
		}
	}
	if quoted || last < 0 || !strings.HasSuffix(s, `"`) {
		return s
	}
	open := strings.LastIndexByte(s[:last], '"')
	colon := strings.LastIndexByte(s[:last], ':')
	if open < 0 || colon < open {
		return s
	}
	return s[:colon] + `"` + s[colon:last]
}

// dropControls removes control characters but tab from a content line:
// golang-ical refuses the whole line for one NUL in a parameter, and no
// field shows them sensibly.
func dropControls(s string) string {
	i := strings.IndexFunc(s, isControl)
	if i < 0 {
		return s
	}
	return s[:i] + strings.Map(func(r rune) rune {
		if isControl(r) {
			return -1
		}
		return r
	}, s[i:])
}

func isControl(r rune) bool { return r < 0x20 && r != '\t' || r == 0x7F }

// countParams counts the parameters before a line's value (semicolons
// outside quotes, up to the first colon outside quotes), in one pass.
func countParams(s string) int {
	n, quoted := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == ';':
			n++
		case c == ':':
			return n
		}
	}
	return n
}

// propName is a line's property name, for messages.
func propName(s string) string {
	if i := strings.IndexAny(s, ":;"); i > 0 {
		s = s[:i]
	}
	return validPrefix(strings.ToUpper(strings.TrimSpace(s)), 40)
}

// quoteTZID quotes a TZID written bare although it holds a colon or comma
// ("TZID=(UTC+07:00) Bangkok, Hanoi, Jakarta:2026…", as some Outlook
// versions write): the value is the text after the line's last colon.
func quoteTZID(s string) string {
	i := strings.Index(strings.ToUpper(s), ";TZID=")
	last := strings.LastIndexByte(s, ':')
	if i < 0 || last < i || i+6 >= len(s) || s[i+6] == '"' {
		return s
	}
	start := i + 6
	end := last
	if j := strings.IndexByte(s[start:last], ';'); j >= 0 {
		end = start + j
	}
	tz := s[start:end]
	if !strings.ContainsAny(tz, ":,") {
		return s
	}
	return s[:start] + `"` + tz + `"` + s[end:]
}
