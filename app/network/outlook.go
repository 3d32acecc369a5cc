package network

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"learnwork/store"
)

// Outlook reads the CSV Outlook exports (Import/Export wizard, Outlook.com
// and new Outlook), whose columns come in a different order in every
// version and are translated with the program: English, German and French
// are known. German and French files are usually Windows-1252, and French
// has two columns called "Titre" (the courtesy title, then the job).
type Outlook struct{}

func (Outlook) Name() string { return "Outlook contacts" }

func isOutlookHeader(names []string) bool {
	given := slices.Contains(names, "first name") || slices.Contains(names, "vorname") || slices.Contains(names, "prénom")
	mail := slices.Contains(names, "e-mail address") || slices.Contains(names, "e-mail-adresse") || slices.Contains(names, "adresse de messagerie")
	return given && mail
}

func (Outlook) Sniff(head []byte) bool {
	return sniffCSV(head, isOutlookHeader)
}

// outlookCols are the columns of each field in English, German and French.
var outlookCols = struct {
	given, middle, family, suffix, nick, org, dept, job, birthday, anniversary, notes, categories, web []string
	emails                                                                                             []string
}{
	given:       []string{"first name", "vorname", "prénom"},
	middle:      []string{"middle name", "weitere vornamen", "deuxième prénom"},
	family:      []string{"last name", "nachname", "nom"},
	suffix:      []string{"suffix", "suffixe"},
	nick:        []string{"nickname", "spitzname", "surnom"},
	org:         []string{"company", "firma", "société"},
	dept:        []string{"department", "abteilung", "service"},
	job:         []string{"job title", "position", "fonction"},
	birthday:    []string{"birthday", "geburtstag", "anniversaire"},
	anniversary: []string{"anniversary", "jahrestag", "anniversaire de mariage ou fête"},
	notes:       []string{"notes", "notizen"},
	categories:  []string{"categories", "kategorien", "catégories"},
	web:         []string{"web page", "personal web page", "webseite", "web-seite", "page web", "page web (domicile)"},
	emails: []string{
		"e-mail address", "e-mail 2 address", "e-mail 3 address",
		"e-mail-adresse", "e-mail 2: adresse", "e-mail 3: adresse",
		"adresse de messagerie", "adresse de messagerie 2", "adresse de messagerie 3",
	},
}

// outlookPhones are the phone columns and the types they stand for.
var outlookPhones = []struct {
	types []string
	names []string
}{
	{[]string{"pref"}, []string{"primary phone", "haupttelefon", "téléphone principal"}},
	{[]string{"cell"}, []string{"mobile phone", "mobiltelefon", "tél. mobile"}},
	{[]string{"work"}, []string{"business phone", "business phone 2", "telefon geschäftlich", "telefon geschäftlich 2", "téléphone (bureau)", "téléphone 2 (bureau)"}},
	{[]string{"home"}, []string{"home phone", "home phone 2", "telefon privat", "telefon privat 2", "téléphone (domicile)", "téléphone 2 (domicile)"}},
	{nil, []string{"other phone", "weiteres telefon", "téléphone (autre)"}},
}

// outlookAddresses are the address columns: street, city, region, postal
// code, country, for work and home, in each language.
var outlookAddresses = []struct {
	typ                                     string
	street, city, region, postcode, country []string
}{
	{"work",
		[]string{"business street", "straße geschäftlich", "rue (bureau)"},
		[]string{"business city", "ort geschäftlich", "ville (bureau)"},
		[]string{"business state", "region geschäftlich", "dép/région (bureau)"},
		[]string{"business postal code", "postleitzahl geschäftlich", "code postal (bureau)"},
		[]string{"business country/region", "land/region geschäftlich", "pays/région (bureau)", "pays (bureau)"}},
	{"home",
		[]string{"home street", "straße privat", "rue (domicile)"},
		[]string{"home city", "ort privat", "ville (domicile)"},
		[]string{"home state", "bundesland/kanton privat", "dép/région (domicile)"},
		[]string{"home postal code", "postleitzahl privat", "code postal (domicile)"},
		[]string{"home country/region", "land/region privat", "pays/région (domicile)", "pays (domicile)"}},
}

func (Outlook) Parse(r io.Reader, emit func(Entry) error) error {
	t, err := readTable(r, isOutlookHeader)
	if err != nil {
		return err
	}
	order := monthFirst
	if t.has("vorname") || t.has("prénom") {
		order = dayFirst
	}
	return t.rows(emit, func() Entry { return outlookRow(t, order) })
}

func outlookRow(t *table, order dayOrder) Entry {
	c := outlookCols
	e := Entry{Line: t.line}
	p := &store.Person{}
	p.Kind = store.KindPerson
	p.Given, p.Middle, p.Family = t.get(c.given...), t.get(c.middle...), t.get(c.family...)
	p.Suffix, p.Org, p.Department = t.get(c.suffix...), t.get(c.org...), t.get(c.dept...)
	switch {
	case t.has("anrede"):
		p.Prefix = t.get("anrede")
	case t.has("prénom"):
		p.Prefix, p.Title = t.nth("titre", 0), t.nth("titre", 1)
	default:
		p.Prefix = t.get("title")
	}
	if j := t.get(c.job...); j != "" {
		p.Title = j
	}
	if n := t.get(c.nick...); n != "" {
		p.Nicknames = []string{n}
	}
	p.Name = strings.Join(strings.Fields(strings.Join([]string{p.Given, p.Middle, p.Family, p.Suffix}, " ")), " ")
	p.Notes = t.get(c.notes...)
	for _, n := range c.emails {
		v := t.get(n)
		if v == "" {
			continue
		}
		if !strings.Contains(v, "@") {
			// An Exchange directory address (/o=ExchangeLabs/ou=…) names
			// a mailbox only that organisation's server knows.
			e.Notes = append(e.Notes, fmt.Sprintf("%q is not an email address; it was left out", v))
			continue
		}
		p.Emails = append(p.Emails, store.Contact{Value: v})
	}
	for _, ph := range outlookPhones {
		for _, n := range ph.names {
			if v := t.get(n); v != "" {
				p.Phones = append(p.Phones, store.Contact{Value: v, Types: ph.types})
			}
		}
	}
	for _, ad := range outlookAddresses {
		a := store.Address{Street: t.get(ad.street...), Locality: t.get(ad.city...), Region: t.get(ad.region...),
			PostalCode: t.get(ad.postcode...), Country: t.get(ad.country...), Types: []string{ad.typ}}
		if a.Street != "" || a.Locality != "" || a.PostalCode != "" || a.Country != "" {
			p.Addresses = append(p.Addresses, a)
		}
	}
	for _, n := range c.web {
		if v := t.get(n); v != "" {
			addWebsite(p, v, nil)
		}
	}
	if b := t.get(c.birthday...); b != "" {
		if d, ok := localDate(b, order); ok {
			p.Birthday = d
		} else {
			e.Notes = append(e.Notes, fmt.Sprintf("birthday %q is not a date; it was left out", b))
		}
	}
	if b := t.get(c.anniversary...); b != "" {
		if d, ok := localDate(b, order); ok {
			p.Anniversary = d
		}
	}
	for _, cat := range strings.FieldsFunc(t.get(c.categories...), func(r rune) bool { return r == ';' || r == ',' }) {
		if cat = strings.TrimSpace(cat); cat != "" {
			e.Groups = append(e.Groups, cat)
		}
	}
	if p.Name == "" {
		switch {
		case p.Org != "":
			p.Name = p.Org
		case len(p.Emails) > 0:
			p.Name = p.Emails[0].Value
		default:
			e.Skip = "this contact has no name, company or email"
			return e
		}
	}
	e.Person = p
	return e
}
