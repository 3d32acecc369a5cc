package vcard

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"learnwork/store"
)

// Encoder writes people as vCards. go-vcard's encoder neither folds long
// lines nor escapes structured values, so cards are written here.
type Encoder struct {
	Version string // "4.0" (default) or "3.0"
}

// Encode writes one person as one card, every field Learnwork keeps, so
// that reading it back gives the same person.
func (e Encoder) Encode(w io.Writer, p *store.Person) error {
	v4 := e.Version != "3.0"
	c := &cardWriter{w: bufio.NewWriter(w)}
	c.line("", "BEGIN", nil, "VCARD")
	if v4 {
		c.line("", "VERSION", nil, "4.0")
	} else {
		c.line("", "VERSION", nil, "3.0")
	}
	name := p.Name
	if name == "" {
		name = strings.TrimSpace(p.Given + " " + p.Family)
	}
	c.line("", "FN", nil, esc(name))
	c.line("", "N", nil, structured(p.Family, p.Given, p.Middle, p.Prefix, p.Suffix))
	if len(p.Nicknames) > 0 {
		c.line("", "NICKNAME", nil, list(p.Nicknames))
	}
	if p.Org != "" || p.Department != "" {
		c.line("", "ORG", nil, structured(p.Org, p.Department))
	}
	if p.Title != "" {
		c.line("", "TITLE", nil, esc(p.Title))
	}
	if p.Role != "" {
		c.line("", "ROLE", nil, esc(p.Role))
	}
	for _, m := range p.Emails {
		c.contact("EMAIL", m, v4)
	}
	for _, m := range p.Phones {
		c.contact("TEL", m, v4)
	}
	for _, a := range p.Addresses {
		group := c.label(a.Label)
		c.line(group, "ADR", typeParams(a.Types, v4), structured(a.POBox, a.Extended, a.Street, a.Locality, a.Region, a.PostalCode, a.Country))
		c.labelLine(group, a.Label)
	}
	for _, u := range p.URLs {
		c.contact("URL", u, v4)
	}
	for _, s := range p.Profiles {
		c.profile(s, v4)
	}
	if p.Birthday != "" {
		c.date("BDAY", p.Birthday, v4)
	}
	if p.Anniversary != "" {
		if v4 {
			c.date("ANNIVERSARY", p.Anniversary, v4)
		} else {
			c.date("X-ANNIVERSARY", p.Anniversary, v4)
		}
	}
	if p.Notes != "" {
		c.line("", "NOTE", nil, esc(p.Notes))
	}
	if len(p.Topics) > 0 {
		c.line("", "CATEGORIES", nil, list(p.Topics))
	}
	if p.Photo != "" {
		c.photo(p.Photo, v4)
	}
	for i, u := range p.UIDs {
		if i == 0 {
			c.line("", "UID", nil, esc(u))
		} else {
			c.line("", "X-LEARNWORK-UID", nil, esc(u))
		}
	}
	for _, x := range [][2]string{{"X-LEARNWORK-MET", p.Met}, {"X-LEARNWORK-CADENCE", p.Cadence}, {"X-LEARNWORK-SNOOZED", p.Snoozed}} {
		if x[1] != "" {
			c.line("", x[0], nil, esc(x[1]))
		}
	}
	c.line("", "END", nil, "VCARD")
	if c.err != nil {
		return c.err
	}
	return c.w.Flush()
}

type cardWriter struct {
	w      *bufio.Writer
	err    error
	groups int
}

// line writes one property, folded at 75 octets without splitting a
// character, with CRLF endings as RFC 6350 asks.
func (c *cardWriter) line(group, name string, params []string, value string) {
	var b strings.Builder
	if group != "" {
		b.WriteString(group + ".")
	}
	b.WriteString(name)
	for _, p := range params {
		b.WriteString(";" + p)
	}
	b.WriteString(":" + value)
	s := b.String()
	for width := 75; len(s) > width; width = 74 { // continuations start with a space
		cut := width
		for cut > 1 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		c.write(s[:cut] + "\r\n ")
		s = s[cut:]
	}
	c.write(s + "\r\n")
}

func (c *cardWriter) write(s string) {
	if c.err == nil {
		_, c.err = c.w.WriteString(s)
	}
}

// label gives a property a group when it has a free label, written as
// Apple's itemN.X-ABLabel, the form most clients read.
func (c *cardWriter) label(label string) string {
	if label == "" {
		return ""
	}
	c.groups++
	return fmt.Sprintf("item%d", c.groups)
}

func (c *cardWriter) labelLine(group, label string) {
	if group == "" {
		return
	}
	if apple, ok := appleLabels[label]; ok {
		label = "_$!<" + apple + ">!$_" // Apple shows its own labels translated
	}
	c.line(group, "X-ABLabel", nil, esc(label))
}

// appleLabels are Apple's built-in labels, as reading them lower-cases them.
var appleLabels = map[string]string{
	"homepage": "HomePage", "home": "Home", "work": "Work", "other": "Other", "mobile": "Mobile", "main": "Main",
	"anniversary": "Anniversary", "homefax": "HomeFAX", "workfax": "WorkFAX", "pager": "Pager",
}

func (c *cardWriter) contact(name string, m store.Contact, v4 bool) {
	group := c.label(m.Label)
	value := esc(m.Value)
	if name == "X-SOCIALPROFILE" {
		// The service is the type, not a list of kinds.
		var params []string
		if len(m.Types) > 0 {
			params = []string{"TYPE=" + paramValue(strings.Join(m.Types, ","))}
		}
		c.line(group, name, params, value)
	} else {
		c.line(group, name, typeParams(m.Types, v4), value)
	}
	c.labelLine(group, m.Label)
}

// profile writes a chat handle as it came: IMPP with its scheme (and the
// service when the scheme does not say it) in 4.0, the service's own X-
// property in 3.0; any other IMPP (a value with a scheme other than a web
// address, Apple's x-apple: included) as IMPP; the rest as X-SOCIALPROFILE.
func (c *cardWriter) profile(m store.Contact, v4 bool) {
	service := ""
	if len(m.Types) > 0 {
		service = m.Types[0]
	}
	im, isIM := imOf(service)
	scheme := uriScheme(m.Value)
	if !isIM && scheme == "" {
		c.contact("X-SOCIALPROFILE", m, v4)
		return
	}
	group := c.label(m.Label)
	impp := func(scheme, value string) {
		var params []string
		if service != "" && service != scheme {
			params = []string{"X-SERVICE-TYPE=" + paramValue(service)}
		}
		c.line(group, "IMPP", params, esc(value))
	}
	switch {
	case !isIM:
		impp(scheme, m.Value)
	case !v4:
		c.line(group, im.prop, nil, esc(m.Value))
	default:
		impp(im.scheme, im.scheme+":"+m.Value)
	}
	c.labelLine(group, m.Label)
}

// uriScheme is the scheme a value starts with ("xmpp" of "xmpp:ada@…"),
// lower case; "" for none or a web address.
func uriScheme(v string) string {
	scheme, _, ok := strings.Cut(v, ":")
	if !ok || scheme == "" {
		return ""
	}
	for i, r := range scheme {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && (r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.')) {
			return ""
		}
	}
	if s := strings.ToLower(scheme); s != "http" && s != "https" {
		return s
	}
	return ""
}

// typeParams writes types as TYPE=a,b; in vCard 4.0 "pref" is PREF=1.
func typeParams(types []string, v4 bool) []string {
	var ts, out []string
	for _, t := range types {
		if v4 && t == "pref" {
			out = append(out, "PREF=1")
			continue
		}
		ts = append(ts, t)
	}
	if len(ts) > 0 {
		out = append([]string{"TYPE=" + paramValue(strings.Join(ts, ","))}, out...)
	}
	return out
}

// paramValue quotes a parameter value that holds a separator.
func paramValue(v string) string {
	v = strings.NewReplacer(`"`, "'", "\n", " ", "\r", "").Replace(v)
	if strings.ContainsAny(v, ";:") {
		return `"` + v + `"`
	}
	return v
}

// date writes --MM-DD dates in 3.0 the way Apple does (year 1604 marked
// as omitted), since 3.0 has no form for them.
func (c *cardWriter) date(name, d string, v4 bool) {
	switch {
	case !isDate(d):
		c.line("", name, []string{"VALUE=text"}, esc(d))
	case v4 && strings.HasPrefix(d, "--"):
		c.line("", name, nil, "--"+strings.ReplaceAll(d[2:], "-", ""))
	case v4:
		c.line("", name, nil, strings.ReplaceAll(d, "-", ""))
	case strings.HasPrefix(d, "--"):
		c.line("", name, []string{"X-APPLE-OMIT-YEAR=1604"}, "1604"+d[1:])
	default:
		c.line("", name, []string{"VALUE=date"}, d)
	}
}

// photo writes a data: URI as it is in 4.0 and as base64 with a type in
// 3.0; a URL as a URL.
func (c *cardWriter) photo(v string, v4 bool) {
	mediaType, data, isData := strings.Cut(strings.TrimPrefix(v, "data:"), ";base64,")
	switch {
	case v4:
		c.line("", "PHOTO", nil, v)
	case strings.HasPrefix(v, "data:") && isData:
		c.line("", "PHOTO", []string{"ENCODING=b", "TYPE=" + strings.ToUpper(strings.TrimPrefix(mediaType, "image/"))}, data)
	default:
		c.line("", "PHOTO", []string{"VALUE=uri"}, v)
	}
}

var escaper = strings.NewReplacer(`\`, `\\`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`, ",", `\,`, ";", `\;`)

// esc escapes a text value.
func esc(s string) string { return escaper.Replace(s) }

// structured joins escaped components with ';'.
func structured(parts ...string) string {
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = esc(p)
	}
	return strings.Join(out, ";")
}

// list joins escaped items with ','.
func list(items []string) string {
	out := slices.Clone(items)
	for i, s := range out {
		out[i] = esc(s)
	}
	return strings.Join(out, ",")
}
