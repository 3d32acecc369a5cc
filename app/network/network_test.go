package network

import (
	"fmt"
	"strings"

	"learnwork/store"
)

// summary is an entry in one line, as the tests compare them.
func summary(e Entry) string {
	var parts []string
	add := func(label string, v any) {
		switch v := v.(type) {
		case string:
			if v == "" {
				return
			}
		case []string:
			if len(v) == 0 {
				return
			}
		}
		parts = append(parts, fmt.Sprintf("%s=%v", label, v))
	}
	values := func(cs []store.Contact) []string {
		var out []string
		for _, c := range cs {
			s := c.Value
			if len(c.Types) > 0 {
				s += "(" + strings.Join(c.Types, ",") + ")"
			}
			out = append(out, s)
		}
		return out
	}
	head := fmt.Sprintf("%d", e.Line)
	switch {
	case e.Skip != "":
		head += " skip: " + e.Skip
	case e.Account != nil:
		head += fmt.Sprintf(" account %s %s %s", e.Account.Service, e.Account.ID, e.Account.URL)
		if e.Person != nil {
			add("keys", e.Person.ProfileKeys())
		}
	case e.Source != nil:
		s := e.Source
		head += fmt.Sprintf(" source %q", s.Name)
		add("feed", s.Feed)
		add("site", s.URL)
		add("type", s.Type)
		add("topics", s.Topics)
	case e.Person != nil:
		p := e.Person
		head += fmt.Sprintf(" person %q", p.Name)
		if e.HandleOnly {
			head += " (handle)"
		}
		add("given", p.Given)
		add("family", p.Family)
		add("prefix", p.Prefix)
		add("emails", values(p.Emails))
		add("phones", values(p.Phones))
		add("keys", p.ProfileKeys())
		add("urls", values(p.URLs))
		add("org", p.Org)
		add("title", p.Title)
		add("met", p.Met)
		add("birthday", p.Birthday)
		add("anniversary", p.Anniversary)
		add("nick", p.Nicknames)
		for _, a := range p.Addresses {
			add("address", strings.Join(strings.Fields(strings.Join([]string{a.Street, a.PostalCode, a.Locality, a.Country, strings.Join(a.Types, ",")}, " ")), " "))
		}
		add("notes", strings.ReplaceAll(p.Notes, "\n", "/"))
	}
	add("groups", e.Groups)
	add("dropped", e.Notes)
	return strings.Join(append([]string{head}, parts...), " ")
}
