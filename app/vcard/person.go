package vcard

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	govcard "github.com/emersion/go-vcard"

	"learnwork/app/importer"
	"learnwork/store"
)

// maxPhoto bounds a photo kept in the store (as a data: URI), maxNote the
// notes: a longer note is cut there, with a note in the report.
const (
	maxPhoto = 1 << 20
	maxNote  = 1 << 20
)

// mapper turns one decoded card into a person, noting what it leaves out.
type mapper struct {
	card  govcard.Card
	lines map[string][]int
	notes []string
}

func (m *mapper) note(key string, i int, format string, args ...any) {
	line := 0
	if ls := m.lines[key]; i < len(ls) {
		line = ls[i]
	}
	m.notes = append(m.notes, fmt.Sprintf("line %d: ", line)+fmt.Sprintf(format, args...))
}

// labels are Apple's itemN.X-ABLabel values by group.
func (m *mapper) labels() map[string]string {
	out := map[string]string{}
	for _, f := range m.card["X-ABLABEL"] {
		if f.Group != "" {
			out[strings.ToLower(f.Group)] = appleLabel(text(f.Value))
		}
	}
	return out
}

// appleLabel turns "_$!<HomePage>!$_" into "homepage"; custom labels stay.
func appleLabel(s string) string {
	if strings.HasPrefix(s, "_$!<") && strings.HasSuffix(s, ">!$_") {
		return strings.ToLower(s[4 : len(s)-4])
	}
	return s
}

var errNotPerson = errors.New("a contact group, not a person")

func (m *mapper) person() (*store.Person, error) {
	c := m.card
	kind := strings.ToLower(c.Value("KIND") + c.Value("X-ADDRESSBOOKSERVER-KIND"))
	if kind == "group" {
		return nil, errNotPerson
	}
	p := &store.Person{}
	p.Kind = store.KindPerson
	labels := m.labels()

	if n := c.Name(); n != nil {
		p.Family, p.Given, p.Middle = component(n.FamilyName), component(n.GivenName), component(n.AdditionalName)
		p.Prefix, p.Suffix = component(n.HonorificPrefix), component(n.HonorificSuffix)
	}
	p.Name = text(c.PreferredValue("FN"))
	for _, f := range c["NICKNAME"] {
		p.Nicknames = appendList(p.Nicknames, f.Value)
	}
	if f := c.Get("ORG"); f != nil {
		parts := strings.Split(f.Value, ";")
		p.Org = text(parts[0])
		var units []string
		for _, u := range parts[1:] {
			if u = text(u); u != "" {
				units = append(units, u)
			}
		}
		p.Department = strings.Join(units, ", ")
	}
	p.Title = text(c.Value("TITLE"))
	p.Role = text(c.Value("ROLE"))

	for _, f := range c["EMAIL"] {
		if v := strings.TrimPrefix(text(f.Value), "mailto:"); v != "" {
			p.Emails = append(p.Emails, contact(v, f, labels, "internet", "x400"))
		}
	}
	for _, f := range c["TEL"] {
		if v := strings.TrimPrefix(text(f.Value), "tel:"); v != "" {
			p.Phones = append(p.Phones, contact(v, f, labels, "voice"))
		}
	}
	for _, f := range c["URL"] {
		if v := text(f.Value); v != "" {
			p.URLs = append(p.URLs, contact(v, f, labels))
		}
	}
	m.profiles(p, labels)
	m.addresses(p, labels)
	m.dates(p, labels)

	var notes []string
	for _, f := range c["NOTE"] {
		if v := text(f.Value); v != "" {
			notes = append(notes, v)
		}
	}
	p.Notes = strings.Join(notes, "\n\n")
	if len(p.Notes) > maxNote {
		p.Notes = strings.ToValidUTF8(p.Notes[:maxNote], "")
		m.note("NOTE", 0, "the note is longer than %d MB; it was cut to its first %d MB", maxNote>>20, maxNote>>20)
	}
	for _, f := range c["CATEGORIES"] {
		for _, t := range appendList(nil, f.Value) {
			if !importer.ProviderGroup(t) {
				p.Topics = append(p.Topics, t)
			}
		}
	}
	m.photo(p)
	if uid := text(c.Value("UID")); uid != "" {
		p.UIDs = append(p.UIDs, uid)
	}
	for _, f := range c["X-LEARNWORK-UID"] {
		if v := text(f.Value); v != "" {
			p.UIDs = append(p.UIDs, v)
		}
	}
	p.Met = text(c.Value("X-LEARNWORK-MET"))
	p.Cadence = text(c.Value("X-LEARNWORK-CADENCE"))
	p.Snoozed = text(c.Value("X-LEARNWORK-SNOOZED"))

	m.clean(p)
	if p.Name == "" {
		p.Name = strings.Join(nonEmpty(p.Prefix, p.Given, p.Middle, p.Family, p.Suffix), " ")
	}
	switch {
	case p.Name != "":
	case p.Org != "":
		p.Name = p.Org
	case len(p.Emails) > 0:
		p.Name = p.Emails[0].Value
	case len(p.Phones) > 0:
		p.Name = p.Phones[0].Value
	default:
		return nil, fmt.Errorf("the card has no name, organisation, email or phone")
	}
	return p, nil
}

// clean drops control characters from the one-line fields, and says so.
func (m *mapper) clean(p *store.Person) {
	changed := false
	for _, f := range []*string{&p.Name, &p.Given, &p.Family, &p.Middle, &p.Prefix, &p.Suffix, &p.Org, &p.Department, &p.Title, &p.Role} {
		if c := store.CleanLine(*f); c != *f {
			*f, changed = c, true
		}
	}
	for _, list := range [][]store.Contact{p.Emails, p.Phones} {
		for i := range list {
			if c := store.CleanLine(list[i].Value); c != list[i].Value {
				list[i].Value, changed = c, true
			}
		}
	}
	for i, n := range p.Nicknames {
		if c := store.CleanLine(n); c != n {
			p.Nicknames[i], changed = c, true
		}
	}
	if changed {
		m.notes = append(m.notes, "control characters were removed from names, emails or phones")
	}
}

// component is one part of a structured value; its list items (N's
// "Hans,Peter") are joined with spaces.
func component(s string) string {
	return strings.Join(strings.Fields(text(strings.ReplaceAll(s, ",", " "))), " ")
}

// appendList adds the items of a comma-separated value.
func appendList(out []string, v string) []string {
	for _, s := range strings.Split(v, ",") {
		if s = text(s); s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// types are a field's TYPE values, lower case, without the ones every
// value of its kind has; PREF=1 (vCard 4.0) is the type pref.
func types(f *govcard.Field, drop ...string) []string {
	var out []string
	for _, t := range f.Params[govcard.ParamType] {
		for _, t := range strings.Split(t, ",") {
			t = strings.ToLower(strings.TrimSpace(t))
			if t != "" && !slices.Contains(drop, t) && !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	}
	if f.Params.Get(govcard.ParamPreferred) != "" && !slices.Contains(out, "pref") {
		out = append(out, "pref")
	}
	return out
}

func contact(v string, f *govcard.Field, labels map[string]string, drop ...string) store.Contact {
	return store.Contact{Value: v, Types: types(f, drop...), Label: labels[strings.ToLower(f.Group)]}
}

// socialServices are the per-service properties of social profiles,
// written back as X-SOCIALPROFILE.
var socialServices = map[string]string{
	"X-TWITTER": "twitter", "X-MASTODON": "mastodon", "X-LINKEDIN": "linkedin", "X-FACEBOOK": "facebook",
}

// imService is a chat service: the vCard 3.0 property clients write its
// handles in, and the URI scheme of its IMPP (Apple's x-apple where the
// service has none of its own).
type imService struct{ prop, service, scheme string }

// imServices, the first property of a service being the one written.
var imServices = []imService{
	{"X-JABBER", "xmpp", "xmpp"}, {"X-GOOGLE-TALK", "gtalk", "xmpp"}, {"X-GTALK", "gtalk", "xmpp"},
	{"X-AIM", "aim", "aim"}, {"X-ICQ", "icq", "aim"}, {"X-MSN", "msn", "msnim"}, {"X-YAHOO", "yahoo", "ymsgr"},
	{"X-SKYPE", "skype", "skype"}, {"X-SKYPE-USERNAME", "skype", "skype"}, {"X-SIP", "sip", "sip"},
	{"X-QQ", "qq", "x-apple"}, {"X-GADUGADU", "gadugadu", "x-apple"}, {"X-GROUPWISE", "groupwise", "groupwise"},
}

// imAliases are how IMPP names a service, in X-SERVICE-TYPE (Apple) or
// its scheme, lower case.
var imAliases = map[string]string{
	"jabber": "xmpp", "googletalk": "gtalk", "google talk": "gtalk", "msnim": "msn", "ymsgr": "yahoo", "gg": "gadugadu", "gadu-gadu": "gadugadu",
}

// imOf is the chat service a profile is, if it is one.
func imOf(service string) (imService, bool) {
	for _, s := range imServices {
		if s.service == service {
			return s, true
		}
	}
	return imService{}, false
}

// profiles reads X-SOCIALPROFILE (Apple, and ours), IMPP and the older
// per-service properties. A chat handle is kept without its scheme when
// the service has one of its own, so X-JABBER:ada@example.org and
// IMPP:xmpp:ada@example.org are one profile; any other IMPP keeps its URI.
func (m *mapper) profiles(p *store.Person, labels map[string]string) {
	add := func(service, v string, f *govcard.Field) {
		if v = strings.TrimSpace(v); v == "" {
			return
		}
		c := store.Contact{Value: v, Label: labels[strings.ToLower(f.Group)]}
		if service != "" {
			c.Types = []string{strings.ToLower(service)}
		}
		p.Profiles = append(p.Profiles, c)
	}
	for _, f := range m.card["X-SOCIALPROFILE"] {
		v := text(f.Value)
		if user := f.Params.Get("X-USER"); user != "" && (v == "" || strings.HasPrefix(v, "x-apple:")) {
			v = user
		}
		v = strings.TrimPrefix(v, "x-apple:")
		service := ""
		if ts := types(f, "pref"); len(ts) > 0 {
			service = ts[0]
		} else if u, err := url.Parse(v); err == nil && u.Host != "" {
			service = serviceOfHost(u.Host)
		}
		add(service, v, f)
	}
	for _, f := range m.card["IMPP"] {
		v := text(f.Value)
		scheme, handle, hasScheme := strings.Cut(v, ":")
		scheme = strings.ToLower(scheme)
		service := strings.ToLower(f.Params.Get("X-SERVICE-TYPE"))
		if service == "" && hasScheme {
			service = scheme
		}
		if a, ok := imAliases[service]; ok {
			service = a
		}
		if im, ok := imOf(service); ok && hasScheme && (scheme == im.scheme || scheme == "x-apple") {
			v = handle
		}
		add(service, v, f)
	}
	for key, service := range socialServices {
		for _, f := range m.card[key] {
			add(service, text(f.Value), f)
		}
	}
	for _, im := range imServices {
		for _, f := range m.card[im.prop] {
			v := text(f.Value)
			if scheme, handle, ok := strings.Cut(v, ":"); ok && strings.EqualFold(scheme, im.scheme) {
				v = handle
			}
			add(im.service, v, f)
		}
	}
	slices.SortStableFunc(p.Profiles, func(a, b store.Contact) int { return strings.Compare(a.Value, b.Value) })
	p.Profiles = slices.CompactFunc(p.Profiles, func(a, b store.Contact) bool { return a.Value == b.Value && slices.Equal(a.Types, b.Types) })
}

func serviceOfHost(h string) string {
	h = strings.TrimPrefix(strings.ToLower(h), "www.")
	switch h {
	case "twitter.com", "x.com":
		return "twitter"
	case "linkedin.com":
		return "linkedin"
	case "facebook.com":
		return "facebook"
	case "github.com":
		return "github"
	}
	if name, _, ok := strings.Cut(h, "."); ok {
		return name
	}
	return h
}

func (m *mapper) addresses(p *store.Person, labels map[string]string) {
	for _, f := range m.card["ADR"] {
		parts := strings.Split(f.Value, ";")
		get := func(i int) string {
			if i < len(parts) {
				return addressLines(text(parts[i]))
			}
			return ""
		}
		a := store.Address{POBox: get(0), Extended: get(1), Street: get(2), Locality: get(3), Region: get(4),
			PostalCode: get(5), Country: get(6), Types: types(f), Label: labels[strings.ToLower(f.Group)]}
		if a.Street == "" && a.Locality == "" && a.POBox == "" && a.Extended == "" && a.Region == "" && a.PostalCode == "" && a.Country == "" {
			continue
		}
		p.Addresses = append(p.Addresses, a)
	}
	if len(p.Addresses) > 0 {
		return
	}
	// vCard 2.1 LABEL without ADR: the formatted address is all there is.
	for _, f := range m.card["LABEL"] {
		if v := addressLines(text(f.Value)); v != "" {
			p.Addresses = append(p.Addresses, store.Address{Street: v, Types: types(f)})
		}
	}
}

// addressLines tidies a part of an address: spaces collapsed within each
// line, its lines ("1 Infinite Loop\nBuilding 2") kept.
func addressLines(s string) string {
	var lines []string
	for l := range strings.SplitSeq(s, "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// dateProps are where clients keep anniversaries.
var anniversaryProps = []string{"ANNIVERSARY", "X-ANNIVERSARY", "X-MS-ANNIVERSARY", "X-EVOLUTION-ANNIVERSARY", "X-KADDRESSBOOK-X-ANNIVERSARY"}

func (m *mapper) dates(p *store.Person, labels map[string]string) {
	for i, f := range m.card["BDAY"] {
		if p.Birthday != "" {
			break
		}
		if d, ok := parseDate(f); ok {
			p.Birthday = d
		} else if isText(f) {
			p.Birthday = store.CleanLine(text(f.Value)) // "circa 1800": kept as written, not a date
		} else {
			m.note("BDAY", i, "BDAY %q is not a date; the birthday was left out", text(f.Value))
		}
	}
	for _, key := range anniversaryProps {
		for i, f := range m.card[key] {
			if p.Anniversary != "" {
				break
			}
			if d, ok := parseDate(f); ok {
				p.Anniversary = d
			} else if isText(f) {
				p.Anniversary = store.CleanLine(text(f.Value))
			} else {
				m.note(key, i, "%s %q is not a date; the anniversary was left out", key, text(f.Value))
			}
		}
	}
	for i, f := range m.card["X-ABDATE"] {
		if p.Anniversary == "" && labels[strings.ToLower(f.Group)] == "anniversary" {
			if d, ok := parseDate(f); ok {
				p.Anniversary = d
			} else {
				m.note("X-ABDATE", i, "anniversary %q is not a date; it was left out", text(f.Value))
			}
		}
	}
}

// isText reports VALUE=text: a date in words.
func isText(f *govcard.Field) bool { return strings.EqualFold(f.Params.Get("VALUE"), "text") }

// isDate reports a date as parseDate gives it: YYYY-MM-DD or --MM-DD.
func isDate(d string) bool {
	return len(d) == 10 && digits(d[:4]) && d[4] == '-' && digits(d[5:7]) && d[7] == '-' && digits(d[8:]) ||
		len(d) == 7 && strings.HasPrefix(d, "--") && digits(d[2:4]) && d[4] == '-' && digits(d[5:])
}

// parseDate reads the date forms clients write: 1985-04-12, 19850412,
// --04-12, --0412, with a time after T, and Apple's year 1604 (or
// X-APPLE-OMIT-YEAR) for a date without a year. It gives YYYY-MM-DD or
// --MM-DD.
func parseDate(f *govcard.Field) (string, bool) {
	v := text(f.Value)
	if i := strings.IndexAny(v, "Tt"); i > 0 {
		v = v[:i]
	}
	year, md := "", ""
	switch {
	case strings.HasPrefix(v, "--"):
		md = strings.ReplaceAll(v[2:], "-", "")
	case len(v) == 10 && v[4] == '-' && v[7] == '-':
		year, md = v[:4], v[5:7]+v[8:]
	case len(v) == 8:
		year, md = v[:4], v[4:]
	default:
		return "", false
	}
	if len(md) != 4 || !digits(md) || year != "" && !digits(year) {
		return "", false
	}
	mo, _ := strconv.Atoi(md[:2])
	day, _ := strconv.Atoi(md[2:])
	if omit := f.Params.Get("X-APPLE-OMIT-YEAR"); omit != "" && omit == year || year == "1604" || year == "0000" {
		year = ""
	}
	check := 2000 // a leap year, so --02-29 is a date
	if year != "" {
		check, _ = strconv.Atoi(year)
	}
	t := time.Date(check, time.Month(mo), day, 0, 0, 0, 0, time.UTC)
	if t.Month() != time.Month(mo) || t.Day() != day || mo == 0 || day == 0 {
		return "", false
	}
	if year == "" {
		return fmt.Sprintf("--%02d-%02d", mo, day), true
	}
	return t.Format("2006-01-02"), true
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func (m *mapper) photo(p *store.Person) {
	f := m.card.Get("PHOTO")
	if f == nil {
		return
	}
	v := strings.TrimSpace(f.Value)
	enc := strings.ToUpper(f.Params.Get("ENCODING"))
	switch {
	case v == "":
		return
	case strings.HasPrefix(v, "data:"), strings.HasPrefix(v, "http://"), strings.HasPrefix(v, "https://"):
	case enc == "B" || enc == "BASE64":
		typ := "jpeg"
		if ts := types(f); len(ts) > 0 {
			typ = strings.TrimPrefix(ts[0], "image/")
		}
		if typ == "jpg" {
			typ = "jpeg"
		}
		v = "data:image/" + typ + ";base64," + strings.Join(strings.Fields(v), "")
	default:
		m.note("PHOTO", 0, "the photo is neither a URL nor base64; it was left out")
		return
	}
	if len(v) > maxPhoto {
		m.note("PHOTO", 0, "the photo is larger than %d KB; it was left out", maxPhoto>>10)
		return
	}
	p.Photo = v
}
