package app

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"learnwork/app/importer"
	"learnwork/store"
)

func vcf(cards ...string) string {
	var b strings.Builder
	for _, c := range cards {
		b.WriteString("BEGIN:VCARD\nVERSION:3.0\n" + c + "\nEND:VCARD\n")
	}
	return b.String()
}

// A second Bo Chen with their own source UID, email and employer is
// someone else: added as a new person, and the preview says so. One who
// shares the employer, or gives none, is held back as before.
func TestNamesakeWithAnotherOrganisationIsANewPerson(t *testing.T) {
	sv, s := newServices(t)
	importOne(t, sv, writeFile(t, "a.vcf", vcf("FN:Bo Chen\nUID:bo-1\nORG:Northwind\nEMAIL:bo@northwind.example")), false)
	path := writeFile(t, "b.vcf", vcf(
		"FN:Bo Chen\nUID:bo-2\nORG:Contoso Learning\nEMAIL:bchen@contoso.example",
		"FN:Bo Chen\nORG:Northwind\nEMAIL:bo.chen@home.example",
		"FN:Bo Chen\nEMAIL:bo.c@else.example",
	))
	for _, dry := range []bool{true, false} {
		rep := importOne(t, sv, path, dry)
		if rep.Created != 1 || rep.Duplicates != 2 {
			t.Fatalf("dry run %v: %v %+v", dry, counts(rep), rep.Records)
		}
		if r := rep.Records[0]; r.Action != importer.Created || !strings.Contains(r.Reason, "same name as someone stored, but another organisation, email and source: added as a new person") {
			t.Errorf("dry run %v: %s %q", dry, r.Action, r.Reason)
		}
	}
	if n := len(people(t, s)); n != 2 {
		t.Errorf("%d people, want the first Bo Chen and the one from Contoso", n)
	}
	// Nor are the two proposed as one person afterwards; a namesake who
	// shares the organisation still is.
	if pairs := must(sv.Imports.Duplicates()); len(pairs) != 0 {
		t.Errorf("duplicates %+v", pairs)
	}
	must(sv.Entities.SavePerson(store.Person{Name: "Bo Chen", Org: "Northwind", Emails: []store.Contact{{Value: "bo@home.example"}}}))
	if pairs := must(sv.Imports.Duplicates()); len(pairs) != 1 || pairs[0].A.Subtitle != pairs[0].B.Subtitle {
		t.Errorf("duplicates %+v, want the two at Northwind", pairs)
	}
}

// Held-back cards never vanish: listed after the import with the person
// they look like, once however often the file is imported, until added
// as a new person or merged into someone.
func TestHeldBackListedUntilAddedOrMerged(t *testing.T) {
	sv, s := newServices(t)
	importOne(t, sv, writeFile(t, "a.vcf", vcf("FN:Bo Chen\nORG:Northwind\nEMAIL:bo@northwind.example", "FN:Ada Lovelace\nEMAIL:ada@example.org")), false)
	stored := people(t, s)
	bo := stored[slices.IndexFunc(stored, func(p *store.Person) bool { return p.Name == "Bo Chen" })]
	path := writeFile(t, "b.vcf", vcf("FN:Bo Chen\nORG:Northwind\nEMAIL:bo.chen@home.example", "FN:Bo Chen\nEMAIL:bo@other.example\nTITLE:Coach"))
	if _, err := sv.Imports.Import([]string{path}, true); err != nil {
		t.Fatal(err)
	}
	if hs := must(sv.Imports.HeldBack()); len(hs) != 0 {
		t.Fatalf("a preview kept %d cards", len(hs))
	}
	rep := importOne(t, sv, path, false)
	importOne(t, sv, path, false) // again: the same two, not four
	hs := must(sv.Imports.HeldBack())
	if len(hs) != 2 || rep.Duplicates != 2 {
		t.Fatalf("held back %+v", hs)
	}
	for _, h := range hs {
		if h.Like.ID != bo.ID || h.Like.Title != "Bo Chen" || h.File != "b.vcf" || h.Card.Name != "Bo Chen" || !strings.Contains(h.Reason, "held back") {
			t.Errorf("held back %+v", h)
		}
	}

	// The one at home: a new person.
	home := hs[slices.IndexFunc(hs, func(h HeldBack) bool { return h.Line == 1 })]
	id, err := sv.Imports.AddHeldBackAsNew(home.ID)
	if err != nil {
		t.Fatal(err)
	}
	p := must(sv.Entities.GetPerson(id))
	if id == bo.ID || p.Org != "Northwind" || p.Emails[0].Value != "bo.chen@home.example" {
		t.Errorf("added %+v", p)
	}
	// The other: merged into the stored Bo Chen.
	other := hs[slices.IndexFunc(hs, func(h HeldBack) bool { return h.Line != 1 })]
	if _, err := sv.Imports.MergeHeldBack(other.ID, bo.ID); err != nil {
		t.Fatal(err)
	}
	merged := must(sv.Entities.GetPerson(bo.ID))
	if len(merged.Emails) != 2 || merged.Title != "Coach" || merged.Org != "Northwind" {
		t.Errorf("merged %+v", merged)
	}
	if hs := must(sv.Imports.HeldBack()); len(hs) != 0 {
		t.Errorf("still held back %+v", hs)
	}
	if _, err := sv.Imports.AddHeldBackAsNew(home.ID); !errors.Is(err, errNotHeld) {
		t.Errorf("added twice: %v", err)
	}
	if n := len(people(t, s)); n != 3 {
		t.Errorf("%d people, want Bo Chen, Ada and the second Bo Chen", n)
	}
}

// Adding a card from the report (by its line) takes it off the list too,
// and one left out is dismissed.
func TestHeldBackAddedFromTheReportOrDismissed(t *testing.T) {
	sv, _ := newServices(t)
	importOne(t, sv, writeFile(t, "a.vcf", vcf("FN:Grace Hopper\nEMAIL:grace@navy.example", "FN:Alan Turing\nEMAIL:alan@example.org")), false)
	path := writeFile(t, "b.vcf", vcf("FN:Grace Hopper\nEMAIL:grace@vassar.example", "FN:Alan Turing\nEMAIL:turing@example.org"))
	importOne(t, sv, path, false)
	if _, err := sv.Imports.AddHeldBack(path, 1); err != nil {
		t.Fatal(err)
	}
	hs := must(sv.Imports.HeldBack())
	if len(hs) != 1 || hs[0].Card.Name != "Alan Turing" {
		t.Fatalf("held back %+v", hs)
	}
	if err := sv.Imports.DismissHeldBack(hs[0].ID); err != nil {
		t.Fatal(err)
	}
	if hs := must(sv.Imports.HeldBack()); len(hs) != 0 {
		t.Errorf("held back %+v", hs)
	}
	if err := sv.Imports.DismissHeldBack("nothing"); !errors.Is(err, errNotHeld) {
		t.Errorf("dismissed nothing: %v", err)
	}
}
