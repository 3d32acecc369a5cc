package network

import (
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"learnwork/app/importer"
	"learnwork/store"
)

// GoogleContacts reads Google Contacts' CSV in both of its layouts:
// today's (First Name,Middle Name,Last Name,…,Labels,E-mail 1 - Label,
// E-mail 1 - Value,…) and the legacy "Google CSV" (Name,Given Name,…,Group
// Membership,E-mail 1 - Type,E-mail 1 - Value,…). Repeating columns
// (E-mail, Phone, Address, Website, Event, Custom Field, IM, Organization)
// are found by name and number; a cell may hold several values joined by
// " ::: ", as may labels ("* myContacts ::: Book club").
type GoogleContacts struct{}

func (GoogleContacts) Name() string { return "Google contacts" }

func isGoogleHeader(names []string) bool {
	legacy := hasAll(names, "name", "given name", "family name", "group membership")
	current := hasAll(names, "first name", "last name", "labels") &&
		(slices.Contains(names, "e-mail 1 - value") || slices.Contains(names, "phone 1 - value"))
	return legacy || current
}

func (GoogleContacts) Sniff(head []byte) bool {
	return sniffCSV(head, isGoogleHeader)
}

// repeated is "E-mail 2 - Value": a group, its number and the part.
var repeated = regexp.MustCompile(`^(.+?) (\d+) - (.+)$`)

// group is one numbered set of columns: "Address 1" → "street" → column.
type group map[string]int

func (GoogleContacts) Parse(r io.Reader, emit func(Entry) error) error {
	t, err := readTable(r, isGoogleHeader)
	if err != nil {
		return err
	}
	groups := map[string][]group{} // "e-mail" → its groups in number order
	for i, n := range foldAll(t.header) {
		m := repeated.FindStringSubmatch(n)
		if m == nil {
			continue
		}
		num, _ := strconv.Atoi(m[2])
		if num < 1 || num > 100 {
			continue
		}
		gs := groups[m[1]]
		for len(gs) < num {
			gs = append(gs, group{})
		}
		gs[num-1][m[3]] = i
		groups[m[1]] = gs
	}
	return t.rows(emit, func() Entry { return googleRow(t, groups) })
}

// cell is a group's part in the current row.
func (t *table) cell(g group, part string) string {
	i, ok := g[part]
	if !ok || i >= len(t.row) {
		return ""
	}
	return strings.TrimSpace(t.row[i])
}

// multi splits a Google cell holding several values.
func multi(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ":::") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// googleTypes reads a label ("* Work", "Mobile", "Home ::: Work"): "* "
// marks the primary one.
func googleTypes(label string) []string {
	var out []string
	for _, l := range multi(label) {
		if rest, ok := strings.CutPrefix(l, "* "); ok {
			out = append(out, "pref")
			l = rest
		}
		switch l = strings.ToLower(strings.TrimSpace(l)); l {
		case "mobile":
			out = append(out, "cell")
		case "work fax", "home fax":
			out = append(out, strings.Fields(l)[0], "fax")
		case "":
		default:
			out = append(out, l)
		}
	}
	return out
}

func googleRow(t *table, groups map[string][]group) Entry {
	e := Entry{Line: t.line}
	p := &store.Person{}
	p.Kind = store.KindPerson
	p.Given = t.get("first name", "given name")
	p.Middle = t.get("middle name", "additional name")
	p.Family = t.get("last name", "family name")
	p.Prefix, p.Suffix = t.get("name prefix"), t.get("name suffix")
	p.Name = t.get("name")
	if p.Name == "" {
		p.Name = strings.Join(strings.Fields(strings.Join([]string{p.Given, p.Middle, p.Family, p.Suffix}, " ")), " ")
	}
	if n := t.get("nickname"); n != "" {
		p.Nicknames = []string{n}
	}
	p.Org, p.Title, p.Department = t.get("organization name"), t.get("organization title"), t.get("organization department")
	for _, g := range groups["organization"] {
		if p.Org == "" {
			p.Org, p.Title, p.Department = t.cell(g, "name"), t.cell(g, "title"), t.cell(g, "department")
		}
	}
	p.Notes = t.get("notes")
	if b := t.get("birthday"); b != "" {
		if d, ok := isoDate(b); ok {
			p.Birthday = d
		} else {
			e.Notes = append(e.Notes, fmt.Sprintf("birthday %q is not a date; it was left out", b))
		}
	}
	label := func(g group) string { return firstNonEmpty(t.cell(g, "label"), t.cell(g, "type")) }
	for _, g := range groups["e-mail"] {
		for _, v := range multi(t.cell(g, "value")) {
			p.Emails = append(p.Emails, store.Contact{Value: v, Types: googleTypes(label(g))})
		}
	}
	for _, g := range groups["phone"] {
		for _, v := range multi(t.cell(g, "value")) {
			p.Phones = append(p.Phones, store.Contact{Value: v, Types: googleTypes(label(g))})
		}
	}
	for _, g := range groups["address"] {
		a := store.Address{
			Street: t.cell(g, "street"), Locality: t.cell(g, "city"), POBox: t.cell(g, "po box"),
			Region: t.cell(g, "region"), PostalCode: t.cell(g, "postal code"), Country: t.cell(g, "country"),
			Extended: t.cell(g, "extended address"), Types: googleTypes(label(g)),
		}
		if a.Street == "" && a.Locality == "" && a.PostalCode == "" && a.Country == "" {
			a.Street = t.cell(g, "formatted") // only the one-line form was kept
		}
		if a.Street != "" || a.Locality != "" || a.PostalCode != "" || a.Country != "" || a.POBox != "" {
			p.Addresses = append(p.Addresses, a)
		}
	}
	for _, g := range groups["website"] {
		for _, v := range multi(t.cell(g, "value")) {
			addWebsite(p, v, googleTypes(label(g)))
		}
	}
	for _, g := range groups["im"] {
		for _, v := range multi(t.cell(g, "value")) {
			service := strings.ToLower(strings.TrimPrefix(t.cell(g, "service"), "* "))
			c := store.Contact{Value: v}
			if service != "" {
				c.Types = []string{service}
			}
			p.Profiles = append(p.Profiles, c)
		}
	}
	var extra []string
	for _, g := range groups["event"] {
		v, l := t.cell(g, "value"), label(g)
		if v == "" {
			continue
		}
		if d, ok := isoDate(v); ok && strings.EqualFold(l, "anniversary") {
			p.Anniversary = d
			continue
		}
		extra = append(extra, firstNonEmpty(l, "Date")+": "+v)
	}
	for _, g := range groups["custom field"] {
		if v := t.cell(g, "value"); v != "" {
			extra = append(extra, firstNonEmpty(label(g), "Note")+": "+v)
		}
	}
	if len(extra) > 0 {
		p.Notes = strings.TrimSpace(p.Notes + "\n" + strings.Join(extra, "\n"))
	}
	for _, l := range multi(t.get("labels", "group membership")) {
		if importer.ProviderGroup(l) {
			continue
		}
		e.Groups = append(e.Groups, l)
	}
	if p.Name == "" {
		switch {
		case p.Org != "":
			p.Name = p.Org
		case len(p.Emails) > 0:
			p.Name = p.Emails[0].Value
		default:
			e.Skip = "this contact has no name, organisation or email"
			return e
		}
	}
	e.Person = p
	return e
}

// addWebsite files a web address as a social profile when it is one
// (LinkedIn, X, Mastodon, Bluesky, GitHub pages), else as a website.
func addWebsite(p *store.Person, v string, types []string) {
	key := store.ProfileKey(v, "")
	if service := store.ProfileService(key); key != "" && service != "url" {
		p.Profiles = append(p.Profiles, store.Contact{Value: v, Types: []string{service}})
		return
	}
	p.URLs = append(p.URLs, store.Contact{Value: v, Types: types})
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}
