package network

import (
	"io"
	"strings"
	"time"

	"learnwork/store"
)

// LinkedIn reads Connections.csv from LinkedIn's "Get a copy of your
// data": a note of a few lines (sometimes after a BOM), then
// First Name,Last Name,URL,Email Address,Company,Position,Connected On.
// Most emails are empty (members choose to share them) and members who
// hide their name have blank names.
type LinkedIn struct{}

func (LinkedIn) Name() string { return "LinkedIn connections" }

func isLinkedInHeader(names []string) bool {
	return hasAll(names, "first name", "last name", "url", "connected on")
}

func (LinkedIn) Sniff(head []byte) bool {
	return sniffCSV(head, isLinkedInHeader)
}

func (LinkedIn) Parse(r io.Reader, emit func(Entry) error) error {
	t, err := readTable(r, isLinkedInHeader)
	if err != nil {
		return err
	}
	return t.rows(emit, func() Entry { return linkedInRow(t) })
}

func linkedInRow(t *table) Entry {
	e := Entry{Line: t.line}
	given, family := t.get("first name"), t.get("last name")
	url := t.get("url")
	p := &store.Person{Given: given, Family: family, Name: strings.TrimSpace(given + " " + family)}
	p.Kind = store.KindPerson
	if url != "" {
		p.Profiles = []store.Contact{{Value: url, Types: []string{"linkedin"}}}
	}
	if p.Name == "" {
		if url == "" {
			e.Skip = "LinkedIn gives neither a name nor a profile for this connection"
			return e
		}
		// A member who hides their name: the profile can still find
		// someone already known, but a person called by a URL is no use.
		e.Person = p
		e.Account = &Account{Service: "linkedin", URL: url}
		return e
	}
	if mail := t.get("email address"); mail != "" {
		p.Emails = []store.Contact{{Value: mail}}
	}
	p.Org, p.Title = t.get("company"), t.get("position")
	p.Met = "connected on LinkedIn"
	if on := t.get("connected on"); on != "" {
		if d, err := time.Parse("2 Jan 2006", on); err == nil {
			p.Met += " on " + d.Format("2 January 2006")
		} else {
			e.Notes = append(e.Notes, `"`+on+`" is not a date LinkedIn writes; the connection date was left out`)
		}
	}
	e.Person = p
	return e
}
