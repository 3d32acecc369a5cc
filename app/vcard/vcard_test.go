package vcard

import (
	"bytes"
	"cmp"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"learnwork/store"
)

// readAll reads every card of data: the people and the cards refused.
func readAll(t testing.TB, data []byte) ([]*Contact, []*CardError) {
	t.Helper()
	r := NewReader(bytes.NewReader(data))
	var ok []*Contact
	var bad []*CardError
	for {
		c, err := r.Next()
		if errors.Is(err, io.EOF) {
			return ok, bad
		}
		var ce *CardError
		switch {
		case errors.As(err, &ce):
			bad = append(bad, ce)
		case err != nil:
			t.Fatalf("read: %v", err)
		default:
			ok = append(ok, c)
		}
	}
}

func readFile(t *testing.T, name string) ([]*Contact, []*CardError) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return readAll(t, b)
}

func one(t *testing.T, card string) *Contact {
	t.Helper()
	ok, bad := readAll(t, []byte(card))
	if len(ok) != 1 || len(bad) != 0 {
		t.Fatalf("want one card, got %d (refused %v)", len(ok), bad)
	}
	return ok[0]
}

func contacts(cs []store.Contact) []string {
	var out []string
	for _, c := range cs {
		s := c.Value
		if len(c.Types) > 0 {
			s += " (" + strings.Join(c.Types, ",") + ")"
		}
		if c.Label != "" {
			s += " [" + c.Label + "]"
		}
		out = append(out, s)
	}
	return out
}

func eq[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %#v, want %#v", what, got, want)
	}
}

func TestGoogleExport(t *testing.T) {
	ok, bad := readFile(t, "google.vcf")
	if len(ok) != 3 || len(bad) != 0 {
		t.Fatalf("%d cards, refused %v", len(ok), bad)
	}
	ada := ok[0].Person
	eq(t, "name", ada.Name, "Ada Lovelace")
	eq(t, "given/family", ada.Given+"|"+ada.Family, "Ada|Lovelace")
	eq(t, "emails", contacts(ada.Emails), []string{"ada@example.org (home)", "ada@analytical.example (work)"})
	eq(t, "phones", contacts(ada.Phones), []string{"+44 20 7946 0958 (cell)"})
	eq(t, "url with escaped colon and label", contacts(ada.URLs), []string{"https://ada.example/notes [Blog]"})
	eq(t, "birthday", ada.Birthday, "1815-12-10")
	eq(t, "anniversary from X-ABDATE", ada.Anniversary, "1835-07-08")
	eq(t, "notes", ada.Notes, "First programmer.\nLikes poetry, and horses.")
	eq(t, "topics without Google's myContacts", ada.Topics, []string{"Mathematicians", "Poetry"})
	eq(t, "address", ada.Addresses, []store.Address{{Street: "12 St James's Square", Locality: "London", PostalCode: "SW1Y 4JH", Country: "United Kingdom", Types: []string{"home"}}})
	eq(t, "birthday without year", ok[1].Person.Birthday, "--06-23")
	eq(t, "middle name", ok[1].Person.Middle, "Mathison")
	eq(t, "nameless card named by its email", ok[2].Person.Name, "no.name@example.net")
}

func TestAppleExport(t *testing.T) {
	ok, bad := readFile(t, "apple.vcf")
	if len(ok) != 2 || len(bad) != 1 || !strings.Contains(bad[0].Reason, "group") || bad[0].Line != 40 {
		t.Fatalf("%d cards, refused %+v; want 2 and the group card at line 40", len(ok), bad)
	}
	g := ok[0].Person
	eq(t, "name", g.Name, "Rear Admiral Grace Brewster Murray Hopper")
	eq(t, "prefix", g.Prefix, "Rear Admiral")
	eq(t, "org/department", g.Org+"|"+g.Department, "US Navy|Naval Reserve")
	eq(t, "emails", contacts(g.Emails), []string{"grace@navy.example (work,pref)", "grace@vassar.example [Vassar]"})
	eq(t, "phones", contacts(g.Phones), []string{"+1 (555) 010-7788 (cell,pref)"})
	eq(t, "urls", contacts(g.URLs), []string{"https://grace.example (pref) [homepage]"})
	eq(t, "birthday without year (1604)", g.Birthday, "--12-09")
	eq(t, "anniversary", g.Anniversary, "1930-06-15")
	eq(t, "profiles", contacts(g.Profiles), []string{"grace.hopper (skype) [Skype]", "gracehopper (twitter)", "http://www.linkedin.com/in/gracehopper (linkedin)"})
	eq(t, "folded note", g.Notes, "Found the first actual bug, a moth, in the Mark II in 1947. Taught a generation that it is easier to ask forgiveness than permission.")
	eq(t, "uid", g.UIDs, []string{"8F2C6A4E-3B1D-4C55-9E0A-1B2C3D4E5F60"})
	if !strings.HasPrefix(g.Photo, "data:image/jpeg;base64,/9j/4AAQ") || strings.ContainsAny(g.Photo, " \r\n") {
		t.Errorf("photo %.60q", g.Photo)
	}
}

func TestOutlookExport(t *testing.T) {
	ok, _ := readFile(t, "outlook.vcf")
	if len(ok) != 1 {
		t.Fatalf("%d cards", len(ok))
	}
	j := ok[0].Person
	eq(t, "Windows-1252 name", j.Name, "Jürgen Müller")
	eq(t, "family", j.Family, "Müller")
	eq(t, "department", j.Department, "Weiterbildung")
	eq(t, "2.1 bare types", contacts(j.Phones), []string{"+49 30 1234567 (work)", "+49 170 1234567 (cell)"})
	eq(t, "email", contacts(j.Emails), []string{"juergen.mueller@lernwerk.example (pref)"})
	eq(t, "QP address in Windows-1252", j.Addresses[0].Street, "Hauptstraße 5")
	eq(t, "QP note with soft breaks", j.Notes, "Kennt sich mit Lernnetzwerken aus.\nGespräch im März über Communities of Practice.")
	eq(t, "birthday", j.Birthday, "1970-04-12")
	eq(t, "anniversary", j.Anniversary, "2001-05-15")
	if !strings.HasSuffix(j.Photo, "AKp//2Q==") {
		t.Errorf("indented base64 photo lost lines: %.40q…%q", j.Photo, j.Photo[max(0, len(j.Photo)-12):])
	}
}

func TestThunderbirdExport(t *testing.T) {
	ok, _ := readFile(t, "thunderbird.vcf")
	if len(ok) != 1 {
		t.Fatalf("%d cards", len(ok))
	}
	s := ok[0].Person
	eq(t, "emails", contacts(s.Emails), []string{"seymour@mit.example (pref)", "papert@media.example (work)"})
	eq(t, "phones", contacts(s.Phones), []string{"+1 617 555 0101 (cell)", "+1 617 555 0102 (work)"})
	eq(t, "leap-day birthday", s.Birthday, "1928-02-29")
	eq(t, "4.0 anniversary without year", s.Anniversary, "--06-01")
	eq(t, "notes", s.Notes, "Mindstorms: children, computers and powerful ideas.\nLOGO turtle.")
	eq(t, "topics", s.Topics, []string{"Constructionism", "Education"})
	eq(t, "uid", s.UIDs, []string{"2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901"})
}

func TestAndroidExport(t *testing.T) {
	ok, bad := readFile(t, "android.vcf")
	if len(ok) != 2 || len(bad) != 1 || bad[0].Line != 24 {
		t.Fatalf("%d cards, refused %+v; want 2 and the empty card at line 24", len(ok), bad)
	}
	a := ok[0].Person
	eq(t, "QP UTF-8 name", a.Name, "Ayşe Öztürk")
	eq(t, "family", a.Family, "Öztürk")
	eq(t, "org", a.Org, "Öğrenme Ağı")
	eq(t, "QP soft break", a.Notes, "Kitap kulübünde tanıştık. Uzun bir not, devam ediyor.")
	eq(t, "phones", contacts(a.Phones), []string{"+905551234567 (cell,pref)", "0212 555 12 34 (home)"})
	if !strings.HasSuffix(a.Photo, "AKp//2Q==") {
		t.Errorf("unindented 2.1 base64 block lost lines: %q", a.Photo[max(0, len(a.Photo)-20):])
	}
	eq(t, "Shift_JIS name", ok[1].Person.Name, "山田 太郎")
	eq(t, "Shift_JIS given", ok[1].Person.Given, "太郎")
}

// Each quirk the issue names, on its own.
func TestQuirks(t *testing.T) {
	latin1, _ := charmap.ISO8859_1.NewEncoder().String("BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=ISO-8859-1:Gonçalves;José\nEND:VCARD\n")
	cp1252NoCharset, _ := charmap.Windows1252.NewEncoder().String("BEGIN:VCARD\nVERSION:3.0\nFN:Zoë Ærø – “quoted”\nEND:VCARD\n")
	utf16le, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ünal Yılmaz\r\nEND:VCARD\r\n")
	utf16be, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().String("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ünal Yılmaz\r\nEND:VCARD\r\n")
	cases := []struct {
		name, card string
		field      func(p *store.Person) any
		want       any
	}{
		{"quoted-printable UTF-8", "BEGIN:VCARD\nVERSION:2.1\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BCller\nEND:VCARD\n",
			func(p *store.Person) any { return p.Name }, "Jürgen Müller"},
		{"bare QUOTED-PRINTABLE parameter", "BEGIN:VCARD\nVERSION:2.1\nFN;QUOTED-PRINTABLE;CHARSET=UTF-8:K=C3=B6ln\nEND:VCARD\n",
			func(p *store.Person) any { return p.Name }, "Köln"},
		{"CHARSET=ISO-8859-1 raw bytes", latin1, func(p *store.Person) any { return p.Name }, "José Gonçalves"},
		{"8-bit text without charset is Windows-1252", cp1252NoCharset, func(p *store.Person) any { return p.Name }, "Zoë Ærø – “quoted”"},
		{"UTF-8 BOM", "\uFEFFBEGIN:VCARD\nVERSION:3.0\nFN:Bom Card\nEND:VCARD\n", func(p *store.Person) any { return p.Name }, "Bom Card"},
		{"UTF-16LE with BOM", utf16le, func(p *store.Person) any { return p.Name }, "Ünal Yılmaz"},
		{"UTF-16BE with BOM", utf16be, func(p *store.Person) any { return p.Name }, "Ünal Yılmaz"},
		{"folded with space and tab", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\n  Love\r\n\tlace\r\nEND:VCARD\r\n", func(p *store.Person) any { return p.Name }, "Ada Lovelace"},
		{"fold inside a UTF-8 character", "BEGIN:VCARD\nVERSION:3.0\nFN:M\xc3\n \xbcller\nEND:VCARD\n", func(p *store.Person) any { return p.Name }, "Müller"},
		{"bare CR line endings", "BEGIN:VCARD\rVERSION:3.0\rFN:Mac Classic\rEMAIL:mac@example.org\rEND:VCARD\r", func(p *store.Person) any { return p.Emails[0].Value }, "mac@example.org"},
		{"no FN: name from N", "BEGIN:VCARD\nVERSION:3.0\nN:Hamilton;Margaret;;Dr.;\nEND:VCARD\n", func(p *store.Person) any { return p.Name }, "Dr. Margaret Hamilton"},
		{"no FN or N: name from ORG", "BEGIN:VCARD\nVERSION:3.0\nORG:Toastmasters Club 42\nTEL:+1 555 0100\nEND:VCARD\n", func(p *store.Person) any { return p.Name }, "Toastmasters Club 42"},
		{"no UID", "BEGIN:VCARD\nVERSION:3.0\nFN:No Uid\nEND:VCARD\n", func(p *store.Person) any { return len(p.UIDs) }, 0},
		{"birthday --MMDD", "BEGIN:VCARD\nVERSION:4.0\nFN:A\nBDAY:--0412\nEND:VCARD\n", func(p *store.Person) any { return p.Birthday }, "--04-12"},
		{"birthday --MM-DD", "BEGIN:VCARD\nVERSION:3.0\nFN:A\nBDAY:--04-12\nEND:VCARD\n", func(p *store.Person) any { return p.Birthday }, "--04-12"},
		{"birthday Apple omit-year", "BEGIN:VCARD\nVERSION:3.0\nFN:A\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29\nEND:VCARD\n", func(p *store.Person) any { return p.Birthday }, "--02-29"},
		{"birthday with time", "BEGIN:VCARD\nVERSION:3.0\nFN:A\nBDAY:1969-07-20T00:00:00Z\nEND:VCARD\n", func(p *store.Person) any { return p.Birthday }, "1969-07-20"},
		{"bad birthday keeps the card", "BEGIN:VCARD\nVERSION:3.0\nFN:Bad Date\nBDAY:31/02\nEND:VCARD\n", func(p *store.Person) any { return p.Name + "|" + p.Birthday }, "Bad Date|"},
		{"escaped semicolon in N", "BEGIN:VCARD\nVERSION:3.0\nN:Doe\\;Jr;John;;;\nFN:John Doe\nEND:VCARD\n", func(p *store.Person) any { return p.Family + "|" + p.Given }, "Doe;Jr|John"},
		{"\\N newline and \\: colon", "BEGIN:VCARD\nVERSION:3.0\nFN:A\nNOTE:one\\Ntwo\\: three\nEND:VCARD\n", func(p *store.Person) any { return p.Notes }, "one\ntwo: three"},
		{"escaped comma in a list", "BEGIN:VCARD\nVERSION:3.0\nFN:A\nCATEGORIES:Books\\, films,Music\nEND:VCARD\n", func(p *store.Person) any { return p.Topics }, []string{"Books, films", "Music"}},
		{"2.1 bare types", "BEGIN:VCARD\nVERSION:2.1\nFN:A\nTEL;CELL;PREF:+1 555 0101\nEND:VCARD\n", func(p *store.Person) any { return p.Phones[0].Types }, []string{"cell", "pref"}},
		{"4.0 tel: URI", "BEGIN:VCARD\nVERSION:4.0\nFN:A\nTEL;VALUE=uri;TYPE=work:tel:+1-555-0102\nEND:VCARD\n", func(p *store.Person) any { return p.Phones[0].Value }, "+1-555-0102"},
		{"raw line break inside a value", "BEGIN:VCARD\nVERSION:3.0\nFN:A\nNOTE:We met at a party.\nThat was fun!\nEND:VCARD\n", func(p *store.Person) any { return p.Notes }, "We met at a party.\nThat was fun!"},
		{"QP soft break over a blank line", "BEGIN:VCARD\nVERSION:2.1\nFN:A\nNOTE;ENCODING=QUOTED-PRINTABLE:=C3=84=C3=\n\n=96 done\nEND:VCARD\n", func(p *store.Person) any { return p.Notes }, "ÄÖ done"},
		{"missing END keeps the card", "BEGIN:VCARD\nVERSION:3.0\nFN:Cut Off\nEMAIL:cut@example.org\n", func(p *store.Person) any { return p.Emails[0].Value }, "cut@example.org"},
		{"nested AGENT card is not a second person", "BEGIN:VCARD\nVERSION:2.1\nFN:Boss\nAGENT:\nBEGIN:VCARD\nVERSION:2.1\nFN:Assistant\nEND:VCARD\nTITLE:Chief\nEND:VCARD\n", func(p *store.Person) any { return p.Name + "|" + p.Title }, "Boss|Chief"},
		{"X-SOCIALPROFILE service from URL", "BEGIN:VCARD\nVERSION:3.0\nFN:A\nX-SOCIALPROFILE:https://x.com/ada\nEND:VCARD\n", func(p *store.Person) any { return contacts(p.Profiles) }, []string{"https://x.com/ada (twitter)"}},
		{"lower-case begin and properties", "begin:vcard\nversion:3.0\nfn:Lower Case\nemail;type=work:lower@example.org\nend:vcard\n", func(p *store.Person) any { return contacts(p.Emails) }, []string{"lower@example.org (work)"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := one(t, c.card)
			eq(t, c.name, c.field(got.Person), c.want)
		})
	}
}

// Several cards, CRLF or LF, a bad card among good ones: the rest imports
// and the bad one is named by line.
func TestManyCardsOneBad(t *testing.T) {
	for _, nl := range []string{"\n", "\r\n"} {
		data := strings.ReplaceAll("BEGIN:VCARD\nVERSION:3.0\nFN:One\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nNOTE:nothing to call it by\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Three\nBDAY:1999-13-40\nEND:VCARD\n", "\n", nl)
		ok, bad := readAll(t, []byte(data))
		if len(ok) != 2 || ok[1].Person.Name != "Three" || len(bad) != 1 || bad[0].Line != 5 {
			t.Fatalf("%q: %d cards, refused %+v", nl, len(ok), bad)
		}
		if len(ok[1].Notes) != 1 || !strings.Contains(ok[1].Notes[0], `line 12: BDAY "1999-13-40" is not a date`) {
			t.Errorf("notes %q", ok[1].Notes)
		}
	}
}

// Reading holds one card at a time: a reader over a huge stream stays
// small (the import benchmark checks the whole process).
func TestStreamsCards(t *testing.T) {
	pr, pw := io.Pipe()
	go func() {
		for range 20000 {
			io.WriteString(pw, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Stream Person\r\nEMAIL:s@example.org\r\nEND:VCARD\r\n")
		}
		pw.Close()
	}()
	r := NewReader(pr)
	n := 0
	for {
		_, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 20000 || r.Offset() != 20000*int64(len("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Stream Person\r\nEMAIL:s@example.org\r\nEND:VCARD\r\n")) {
		t.Errorf("%d cards, offset %d", n, r.Offset())
	}
}

// Encoding and reading back gives the same person, in 4.0 and 3.0.
func TestEncodeRoundTrip(t *testing.T) {
	var people []*store.Person
	for _, f := range []string{"google.vcf", "apple.vcf", "outlook.vcf", "thunderbird.vcf", "android.vcf"} {
		ok, _ := readFile(t, f)
		for _, c := range ok {
			people = append(people, c.Person)
		}
	}
	tricky := &store.Person{Name: "Semi; Colon, Back\\slash", Family: "O'Brien, Jr", Given: "Æsa", Notes: "line one\nline two; with, separators\\",
		Nicknames: []string{"A, B", "C"}, Topics: []string{"Books, films"}, Birthday: "--02-29", Anniversary: "2001-01-01",
		Met: "at #lrnchat", Cadence: "30/60", UIDs: []string{"first-uid", "second-uid"},
		Profiles:  []store.Contact{{Value: "@ada@mastodon.example", Types: []string{"mastodon"}}},
		Addresses: []store.Address{{Street: "1 Long Road; Flat 2", Locality: "Town", Types: []string{"home"}, Label: "Summer house"}},
		Emails:    []store.Contact{{Value: "a@example.org", Types: []string{"home", "pref"}, Label: "Private"}}}
	tricky.Kind = store.KindPerson
	people = append(people, tricky)
	for _, version := range []string{"4.0", "3.0"} {
		for _, p := range people {
			var buf bytes.Buffer
			if err := (Encoder{Version: version}).Encode(&buf, p); err != nil {
				t.Fatal(err)
			}
			for _, l := range strings.Split(buf.String(), "\r\n") {
				if len(l) > 75 {
					t.Fatalf("line longer than 75 octets: %q", l)
				}
			}
			if p.Name == "Rear Admiral Grace Brewster Murray Hopper" && !strings.Contains(buf.String(), "X-ABLabel:_$!<HomePage>!$_") {
				t.Errorf("Apple's own label not written back as Apple writes it:\n%s", buf.String())
			}
			back := one(t, buf.String()).Person
			if !reflect.DeepEqual(back, p) {
				t.Errorf("%s round trip of %s:\n got %+v\nwant %+v\n%s", version, p.Name, back, p, buf.String())
			}
		}
	}
}

// Every real file in the shared corpus: the number of people each yields,
// and values that only a correct decoder gets right.
func TestCorpus(t *testing.T) {
	dir := filepath.Join(cmp.Or(os.Getenv("LEARNWORK_CORPUS"), filepath.Join("..", "..", "..", "shared", "corpus")), "vcf")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("no corpus beside the checkout")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.vcf"))
	if len(files) < 50 {
		t.Fatalf("only %d corpus files", len(files))
	}
	// People per file where it differs from the manifest's component count
	// and why: cards with nothing to name a person by, UTF-16 the manifest
	// could not count.
	people := map[string]int{"fkvcards__Photo_Outlook_v2.vcf": 0, "fkvcards__v3Utf16Bom.vcf": 2, "icaljs__vcard3.vcf": 1}
	manifest := readManifest(t, filepath.Join(dir, "..", "MANIFEST.tsv"))
	got := map[string][]*store.Person{}
	for _, f := range files {
		base := filepath.Base(f)
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ok, _ := readAll(t, b)
		want, listed := people[base]
		if !listed {
			want = manifest[base]
		}
		if len(ok) != want {
			t.Errorf("%s: %d people, want %d", base, len(ok), want)
		}
		for _, c := range ok {
			if c.Person.Name == "" || strings.Contains(c.Person.Name, "=C3") || strings.ContainsRune(c.Person.Name, '\uFFFD') {
				t.Errorf("%s line %d: name %q", base, c.Line, c.Person.Name)
			}
			got[base] = append(got[base], c.Person)
		}
	}
	check := func(file string, i int, what string, f func(p *store.Person) string, want string) {
		t.Helper()
		if ps := got[file]; i < len(ps) {
			if g := f(ps[i]); g != want {
				t.Errorf("%s #%d %s = %q, want %q", file, i, what, g, want)
			}
		} else {
			t.Errorf("%s has no person #%d", file, i)
		}
	}
	name := func(p *store.Person) string { return p.Name }
	check("fkvcards__German.vcf", 0, "Windows-1252", name, "Sören Täve Nüßlebaum")
	check("fkvcards__Ukrainian.vcf", 0, "Windows-1251 named only by another line", name, "Віталій Володимирович Кличко")
	check("fkvcards__Greek.vcf", 0, "Windows-1253 named only by another line", func(p *store.Person) string { return p.Addresses[0].Locality }, "Αθήνα")
	check("fkvcards__Utf-8_Greek.vcf", 0, "UTF-8 file with a 1253 label", func(p *store.Person) string { return p.Addresses[0].Locality }, "Αθήνα")
	check("kcontacts__vcard9.vcf", 0, "fold inside a UTF-8 character", func(p *store.Person) string { return p.Notes[:min(len(p.Notes), 69)] }, "Длинный комментарий на русском языке,")
	check("icaljs__escape_semicolon.vcf", 0, "escaped separators", func(p *store.Person) string { return p.Phones[2].Value }, "205246;;,;")
	check("icaljs__vcard3.vcf", 0, "AGENT as text is not a person", name, "Mr. John Q. Public, Esq.")
	check("ezvcard__John_Doe_IPHONE.vcf", 0, "iPhone birthday", func(p *store.Person) string { return p.Birthday }, "2012-06-06")
	check("cozy__cozy.vcf", 0, "raw newline in NOTE", func(p *store.Person) string { return p.Notes }, "We met at a party.\nThat was cool!")
	check("fkvcards__Cropped_2_1.vcf", 0, "cut-off file", func(p *store.Person) string { return p.Org }, "Firma")
	check("ezvcard__John_Doe_MS_OUTLOOK.vcf", 0, "Outlook 2.1 email", func(p *store.Person) string { return p.Emails[0].Value }, "john.doe@ibm.cm")
	check("fkvcards__LargeFile.vcf", 999, "last of 1000", func(p *store.Person) string { return p.Name }, got["fkvcards__LargeFile.vcf"][999].Name)
}

func readManifest(t *testing.T, path string) map[string]int {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, l := range strings.Split(string(b), "\n")[1:] {
		f := strings.Split(l, "\t")
		if len(f) > 5 && strings.HasPrefix(f[0], "vcf/") {
			n := 0
			for _, c := range f[5] {
				n = n*10 + int(c-'0')
			}
			out[strings.TrimPrefix(f[0], "vcf/")] = n
		}
	}
	return out
}

// FuzzReader: no input makes the reader panic, hang or refuse to go on, and
// every person it reads encodes and reads back. Run it with
// -fuzzminimizetime=0s: minimising the multi-kilobyte client exports it
// starts from takes the fuzzer minutes per new input.
func FuzzReader(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.vcf"))
	for _, p := range files {
		b, _ := os.ReadFile(p)
		f.Add(b)
	}
	for _, s := range []string{"BEGIN:VCARD\nFN:x\n", "BEGIN:VCARD\nN;ENCODING=QUOTED-PRINTABLE:=\n=\nEND:VCARD", "\xff\xfeB\x00", "BEGIN:VCARD\nAGENT:\nBEGIN:VCARD\nEND:VCARD\n", "BEGIN:VCARD\nPHOTO;BASE64:AAAA\nAAAA\n\nFN:a\\\nEND:VCARD\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(bytes.NewReader(data))
		for range 10000 {
			c, err := r.Next()
			if errors.Is(err, io.EOF) {
				return
			}
			var ce *CardError
			if errors.As(err, &ce) {
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Person.Name == "" {
				t.Fatalf("person without a name from %q", data)
			}
			var buf bytes.Buffer
			if err := (Encoder{}).Encode(&buf, c.Person); err != nil {
				t.Fatal(err)
			}
			if _, err := NewReader(&buf).Next(); err != nil {
				t.Fatalf("re-reading %q: %v", buf.String(), err)
			}
		}
		t.Fatal("more than 10000 cards from one input")
	})
}

// Google's and Android's own groups, in the forms their vCards write them,
// never become topics; the person's own groups, even a plain "Friends", do.
func TestProviderGroupsAreNotTopics(t *testing.T) {
	for _, c := range []struct {
		categories string
		want       []string
	}{
		{"My Contacts", nil}, // Android (ezvcard's John_Doe_ANDROID.vcf)
		{"myContacts,starred,Book club", []string{"Book club"}},
		{"Starred,Other Contacts,Friends", []string{"Friends"}},
		{"* My Contacts,* Coworkers,Poetry", []string{"Poetry"}},
		{"System Group: Family,Learning Design", []string{"Learning Design"}},
	} {
		p := one(t, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nCATEGORIES:"+c.categories+"\r\nEND:VCARD\r\n").Person
		eq(t, c.categories, p.Topics, c.want)
	}
}
