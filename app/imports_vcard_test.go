package app

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"learnwork/app/importer"
	"learnwork/app/sniff"
	"learnwork/store"
)

func newServices(t *testing.T) (*App, *store.Store) {
	t.Helper()
	s, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return testApp(t, s, Options{}), s
}

func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func importOne(t *testing.T, sv *App, path string, dry bool) *importer.Report {
	t.Helper()
	reps, err := sv.Imports.Import([]string{path}, dry)
	if err != nil {
		t.Fatal(err)
	}
	return reps[0]
}

func counts(r *importer.Report) [5]int {
	return [5]int{r.Created, r.Updated, r.Unchanged, r.Skipped, r.Duplicates}
}

func people(t *testing.T, s *store.Store) []*store.Person {
	t.Helper()
	var out []*store.Person
	err := s.View(context.Background(), func(r *store.Reader) error {
		return r.Each(store.KindPerson, func(rec *store.Record) bool {
			out = append(out, r.View(rec).(*store.Person))
			return true
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(out, func(a, b *store.Person) int { return strings.Compare(a.Name, b.Name) })
	return out
}

var vcardFiles = []string{"google.vcf", "apple.vcf", "outlook.vcf", "thunderbird.vcf", "android.vcf"}

// Importing the same files again changes nothing; a dry run first says
// exactly what the import then does, and writes nothing.
func TestVCardReimportIsIdempotent(t *testing.T) {
	sv, s := newServices(t)
	for _, f := range vcardFiles {
		path := filepath.Join("vcard", "testdata", f)
		dry := importOne(t, sv, path, true)
		if n := len(people(t, s)); n != 0 && f == vcardFiles[0] {
			t.Fatalf("dry run stored %d people", n)
		}
		real := importOne(t, sv, path, false)
		if counts(dry) != counts(real) || real.Created == 0 {
			t.Errorf("%s: dry run %v, import %v", f, counts(dry), counts(real))
		}
		again := importOne(t, sv, path, false)
		if again.Created+again.Updated+again.Duplicates != 0 || again.Unchanged != real.Created {
			t.Errorf("%s again: %v after %v", f, counts(again), counts(real))
		}
	}
	if n := len(people(t, s)); n != 9 {
		t.Errorf("%d people after importing every client file twice, want 9", n)
	}
}

// An edited card changes only the fields that changed, through the write
// path, and the import says which; a person's own edit is kept.
func TestEditedCardUpdatesChangedFields(t *testing.T) {
	sv, s := newServices(t)
	v1 := "BEGIN:VCARD\nVERSION:3.0\nUID:u-1\nFN:Ada Lovelace\nTITLE:Mathematician\nORG:Analytical Society\nEMAIL:ada@example.org\nEND:VCARD\n"
	importOne(t, sv, writeFile(t, "v1.vcf", v1), false)
	id := people(t, s)[0].ID
	// The person edits the organisation by hand; the file changes title
	// and organisation and adds a phone.
	if err := s.Update(context.Background(), func(tx *store.Tx) error { return tx.Set(store.KindPerson, id, "org", "Royal Society") }); err != nil {
		t.Fatal(err)
	}
	v2 := strings.Replace(strings.Replace(v1, "Mathematician", "Countess", 1), "EMAIL", "TEL:+44 20 7946 0000\nEMAIL", 1)
	v2 = strings.Replace(v2, "Analytical Society", "Difference Engine Club", 1)
	rep := importOne(t, sv, writeFile(t, "v2.vcf", v2), false)
	if counts(rep) != [5]int{0, 1, 0, 0, 0} || !reflect.DeepEqual(rep.Records[0].Fields, []string{"phones", "title"}) || !strings.Contains(rep.Records[0].Reason, "matched by uid u-1") {
		t.Fatalf("report %v %+v", counts(rep), rep.Records)
	}
	p := people(t, s)[0]
	if p.ID != id || p.Title != "Countess" || p.Org != "Royal Society" || len(p.Phones) != 1 {
		t.Errorf("after edit: %+v", p)
	}
}

// Matching without UIDs: by email, then phone, then name; a namesake with
// other emails is held back as a likely duplicate, never created. Fields an
// import wrote follow the newer card.
func TestMatchingOrderAndDuplicates(t *testing.T) {
	base := "BEGIN:VCARD\nVERSION:3.0\nFN:Grace Hopper\nEMAIL:grace@navy.example\nTEL:+1 555 010 7788\nEND:VCARD\n"
	cases := []struct {
		card, action, reason string
		fields               []string
	}{
		{"FN:G. Hopper\nEMAIL:GRACE@navy.example", "updated", "matched by email grace@navy.example", []string{"name"}},
		{"FN:Grace Hopper\nTEL:(555) 010-7788\nTITLE:Rear Admiral", "updated", "matched by phone 550107788", []string{"title"}},
		{"FN:grace  HOPPER\nNOTE:no email, no phone", "updated", "matched by name grace hopper", []string{"name", "notes"}},
		{"FN:Grace Hopper\nEMAIL:someone.else@example.org", "duplicate", "held back", nil},
		{"FN:Grace Hopper\nEMAIL:grace@navy.example\nTEL:+1 555 010 7788", "unchanged", "", nil},
	}
	for _, c := range cases {
		sv, s := newServices(t)
		importOne(t, sv, writeFile(t, "a.vcf", base), false)
		card := "BEGIN:VCARD\nVERSION:3.0\n" + c.card + "\nEND:VCARD\n"
		rep := importOne(t, sv, writeFile(t, "c.vcf", card), false)
		rec := rep.Records[0]
		if string(rec.Action) != c.action || !strings.Contains(rec.Reason, c.reason) || !reflect.DeepEqual(rec.Fields, c.fields) {
			t.Errorf("%q: %s %q %v, want %s %q %v", c.card, rec.Action, rec.Reason, rec.Fields, c.action, c.reason, c.fields)
		}
		if c.action == "duplicate" && rec.MatchID != people(t, s)[0].ID {
			t.Errorf("duplicate names %q, not the person it resembles", rec.MatchID)
		}
		if n := len(people(t, s)); n != 1 {
			t.Errorf("%q: %d people, want 1", c.card, n)
		}
	}
}

// Cards that repeat someone within one file merge into the first; a bad
// card is skipped with its line and the rest imports.
func TestOneFileWithRepeatsAndBadCards(t *testing.T) {
	sv, s := newServices(t)
	body := "BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nEMAIL:ada@example.org\nEND:VCARD\n" +
		"BEGIN:VCARD\nVERSION:3.0\nNOTE:no one\nEND:VCARD\n" +
		"BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nEMAIL:ada@example.org\nTITLE:Countess\nEND:VCARD\n"
	path := writeFile(t, "repeat.vcf", body)
	dry := importOne(t, sv, path, true)
	rep := importOne(t, sv, path, false)
	if counts(rep) != [5]int{1, 1, 0, 1, 0} || counts(dry) != counts(rep) {
		t.Fatalf("dry %v, import %v: %+v", counts(dry), counts(rep), rep.Records)
	}
	if rep.Records[1].Line != 6 || rep.Records[1].Action != importer.Skipped || !strings.Contains(rep.Records[1].Reason, "no name") {
		t.Errorf("bad card: %+v", rep.Records[1])
	}
	if ps := people(t, s); len(ps) != 1 || ps[0].Title != "Countess" {
		t.Errorf("people %+v", ps)
	}
}

// One step undoes an import; importing again brings everyone back.
func TestVCardUndoImport(t *testing.T) {
	sv, s := newServices(t)
	path := filepath.Join("vcard", "testdata", "google.vcf")
	rep := importOne(t, sv, path, false)
	if _, err := sv.Imports.UndoImport(rep.Batch); err != nil {
		t.Fatal(err)
	}
	if n := len(people(t, s)); n != 0 {
		t.Fatalf("%d people after undo", n)
	}
	// Importing it again brings back who the undo removed, not copies.
	again := importOne(t, sv, path, false)
	if again.Created != 3 || len(people(t, s)) != 3 || !strings.Contains(again.Records[0].Reason, "back from Trash") {
		t.Errorf("re-import after undo: %v %+v", counts(again), again.Records)
	}
	// Someone the person deleted stays deleted.
	if err := sv.Entities.Delete(people(t, s)[0].ID); err != nil {
		t.Fatal(err)
	}
	third := importOne(t, sv, path, false)
	if third.Skipped != 1 || !strings.Contains(third.Records[0].Reason+third.Records[1].Reason+third.Records[2].Reason, "in Trash") || len(people(t, s)) != 2 {
		t.Errorf("after a delete: %v %+v", counts(third), third.Records)
	}
}

// Import → export → import into a new store keeps every field, in 4.0
// and 3.0, one file or one per person.
func TestVCardRoundTripLossless(t *testing.T) {
	sv, s := newServices(t)
	for _, f := range vcardFiles {
		importOne(t, sv, filepath.Join("vcard", "testdata", f), false)
	}
	want := people(t, s)
	for _, version := range []string{"4.0", "3.0"} {
		var buf bytes.Buffer
		n, err := Export(sv.Imports, &buf, "vcf", importer.ExportOptions{Version: version})
		if err != nil || n != len(want) {
			t.Fatalf("export %s: %d, %v", version, n, err)
		}
		sv2, s2 := newServices(t)
		rep := importOne(t, sv2, writeFile(t, "export.vcf", buf.String()), false)
		if rep.Created != len(want) {
			t.Fatalf("%s: re-import %v", version, counts(rep))
		}
		got := people(t, s2)
		for i := range want {
			a, b := *want[i], *got[i]
			a.Meta, b.Meta = store.Meta{}, store.Meta{}
			if !reflect.DeepEqual(a, b) {
				t.Errorf("%s round trip changed %s:\n got %+v\nwant %+v", version, a.Name, b, a)
			}
		}
		// And into the store it came from: nothing changes.
		if rep := importOne(t, sv, writeFile(t, "back.vcf", buf.String()), false); rep.Created+rep.Updated != 0 {
			t.Errorf("%s export imported back changed %v", version, counts(rep))
		}
	}
	dir := t.TempDir()
	n, err := sv.Imports.ExportFile("vcf", "", importer.ExportOptions{Dir: dir})
	files, _ := filepath.Glob(filepath.Join(dir, "*.vcf"))
	if err != nil || n != len(want) || len(files) != n {
		t.Errorf("one file per person: %d written, %d files, %v", n, len(files), err)
	}
}

// Every real file in the shared corpus imports, and again without
// changes or duplicates.
func TestVCardCorpusImport(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(cmp.Or(os.Getenv("LEARNWORK_CORPUS"), filepath.Join("..", "..", "shared", "corpus")), "vcf", "*.vcf"))
	if len(files) == 0 {
		t.Skip("no corpus beside the checkout")
	}
	sv, s := newServices(t)
	for _, f := range files {
		if holdsNothing(t, sv, f) {
			continue
		}
		first := importOne(t, sv, f, false)
		data, _ := os.ReadFile(f)
		var reasons []string
		for _, r := range first.Records {
			if r.Action == importer.Skipped || r.Action == importer.Duplicate {
				reasons = append(reasons, fmt.Sprintf("line %d %s: %s", r.Line, r.Action, r.Reason))
			}
		}
		t.Logf("%s: %d cards read, %d created, %d updated, %d unchanged, %d skipped or held back %q", filepath.Base(f),
			bytes.Count(bytes.ToUpper(sniff.Unicode(data)), []byte("BEGIN:VCARD")), first.Created, first.Updated, first.Unchanged, first.Skipped+first.Duplicates, reasons)
		again := importOne(t, sv, f, false)
		if again.Created+again.Updated+again.Duplicates != 0 || again.Skipped != first.Skipped {
			t.Errorf("%s again: %v (first %v)", filepath.Base(f), counts(again), counts(first))
		}
	}
	if n := len(people(t, s)); n < 1000 {
		t.Errorf("%d people", n)
	}
}

// A held-back card can be added by hand; the pair then shows as a
// duplicate to merge.
func TestAddHeldBack(t *testing.T) {
	sv, s := newServices(t)
	importOne(t, sv, writeFile(t, "a.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:Grace Hopper\nEMAIL:grace@navy.example\nEND:VCARD\n"), false)
	path := writeFile(t, "b.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:Grace Hopper\nEMAIL:grace@vassar.example\nEND:VCARD\n")
	rep := importOne(t, sv, path, false)
	if rep.Duplicates != 1 || rep.Records[0].Line != 1 {
		t.Fatalf("%v", counts(rep))
	}
	if _, err := sv.Imports.AddHeldBack(path, 7); err == nil || !strings.Contains(err.Error(), "no card at line 7") {
		t.Errorf("wrong line: %v", err)
	}
	id, err := sv.Imports.AddHeldBack(path, 1)
	if err != nil || len(people(t, s)) != 2 {
		t.Fatal(id, err)
	}
	pairs, err := sv.Imports.Duplicates()
	if err != nil || len(pairs) != 1 || pairs[0].By != "name" {
		t.Errorf("duplicates %+v %v", pairs, err)
	}
}

// Two cards with the same name and UIDs of their own, no email or phone
// in common, are two people (iCloud and Google give every contact a UID
// for good): neither is held back, in one file or across imports.
func TestNamesakesWithTheirOwnUIDs(t *testing.T) {
	sv, s := newServices(t)
	card := func(uid, email string) string {
		return "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 17.2//EN\r\nN:Smith;John;;;\r\nFN:John Smith\r\nEMAIL;type=INTERNET;type=HOME;type=pref:" + email + "\r\nUID:" + uid + "\r\nEND:VCARD\r\n"
	}
	rep := importOne(t, sv, writeFile(t, "a.vcf", card("6B29FC40-CA47-1067-B31D-00DD010662DA", "john@one.example")+card("A1B2C3D4-0000-4000-8000-00DD010662DB", "john@two.example")), false)
	if rep.Created != 2 || rep.Duplicates != 0 {
		t.Errorf("one file: %v %+v", counts(rep), rep.Records)
	}
	rep = importOne(t, sv, writeFile(t, "b.vcf", card("F00D0000-1111-4222-8333-444455556666", "john@three.example")), false)
	if rep.Created != 1 || rep.Duplicates != 0 || len(people(t, s)) != 3 {
		t.Errorf("a third John Smith: %v", counts(rep))
	}
	// Without a UID of its own a namesake with another email is still held
	// back to decide.
	rep = importOne(t, sv, writeFile(t, "c.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:John Smith\r\nEMAIL:john@four.example\r\nEND:VCARD\r\n"), false)
	if rep.Duplicates != 1 {
		t.Errorf("no UID: %v", counts(rep))
	}
}

// Import → export → import is the identity on every card of the corpus
// and of the client files, in 4.0 and 3.0: the second store holds the
// same people, field by field.
func TestVCardCorpusRoundTrip(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(cmp.Or(os.Getenv("LEARNWORK_CORPUS"), filepath.Join("..", "..", "shared", "corpus")), "vcf", "*.vcf"))
	for _, f := range vcardFiles {
		files = append(files, filepath.Join("vcard", "testdata", f))
	}
	mem := func() (*App, *store.Store) {
		s, err := store.Open("")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return testApp(t, s, Options{}), s
	}
	for _, f := range files {
		sv, s := mem()
		if holdsNothing(t, sv, f) {
			continue
		}
		importOne(t, sv, f, false)
		want := people(t, s)
		if len(want) == 0 {
			continue // a file of contact groups only
		}
		for _, version := range []string{"4.0", "3.0"} {
			var buf bytes.Buffer
			if _, err := Export(sv.Imports, &buf, "vcf", importer.ExportOptions{Version: version}); err != nil {
				t.Fatal(err)
			}
			sv2, s2 := mem()
			importOne(t, sv2, writeFile(t, "export.vcf", buf.String()), false)
			got := people(t, s2)
			if len(got) != len(want) {
				t.Errorf("%s %s: %d people back, %d out", filepath.Base(f), version, len(got), len(want))
				continue
			}
			for i := range want {
				a, b := *want[i], *got[i]
				a.Meta, b.Meta = store.Meta{}, store.Meta{}
				if !reflect.DeepEqual(a, b) {
					t.Errorf("%s %s round trip changed %s:\n got %+v\nwant %+v", filepath.Base(f), version, a.Name, b, a)
				}
			}
		}
	}
}

// holdsNothing reports a file with no card or event in it (the corpus has
// an empty one), which an import refuses with that reason.
func holdsNothing(t *testing.T, sv *App, path string) bool {
	t.Helper()
	_, err := sv.Imports.Import([]string{path}, true)
	if errors.Is(err, importer.ErrNothingToImport) {
		t.Logf("%v", err)
		return true
	}
	return false
}
