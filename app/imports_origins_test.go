package app

import (
	"context"
	"strings"
	"testing"

	"learnwork/store"
)

// Each value of a person who came from a LinkedIn export and then a
// Google contacts file names the one it came from; an email typed in says
// so; a value both wrote names both, oldest first.
func TestOriginsAcrossImports(t *testing.T) {
	sv, s := newServices(t)
	importOne(t, sv, netFixture("linkedin-connections.csv"), false)
	var ada string
	for _, p := range people(t, s) {
		if p.Name == "Ada Lovelace" {
			ada = p.ID
		}
	}
	if ada == "" {
		t.Fatal("no Ada after the LinkedIn import")
	}
	err := s.Update(context.Background(), func(tx *store.Tx) error {
		return tx.Add(store.KindPerson, ada, "emails", `{"value":"ada@typed.example"}`)
	})
	if err != nil {
		t.Fatal(err)
	}
	importOne(t, sv, netFixture("google-contacts.csv"), false)

	os, err := sv.Imports.Origins(ada)
	if err != nil {
		t.Fatal(err)
	}
	from := map[string]string{}
	for _, o := range os {
		var names []string
		for _, f := range o.From {
			if f.Name != "typed in" && (f.Date == "" || f.File == "") {
				t.Errorf("%s %s: an import without its date or file: %+v", o.Field, o.Value, f)
			}
			names = append(names, f.Name)
		}
		from[o.Field+" "+o.Value] = strings.Join(names, ", ")
	}
	for value, want := range map[string]string{
		"profiles https://www.linkedin.com/in/ada-lovelace-1815": "LinkedIn connections",
		"profiles https://mastodon.social/@ada":                  "Google contacts",
		"emails ada@analytical.example.org":                      "Google contacts",
		"emails ada@typed.example":                               "typed in",
		"org Analytical Engines Ltd":                             "LinkedIn connections",
		"met connected on LinkedIn on 10 December 2019":          "LinkedIn connections",
		"birthday 1815-12-10":                                    "Google contacts",
	} {
		if got := from[value]; got != want {
			t.Errorf("%s: from %q, want %q (all: %v)", value, got, want, from)
		}
	}
	if len(from) < 15 {
		t.Errorf("only %d values have an origin: %v", len(from), from)
	}
}
