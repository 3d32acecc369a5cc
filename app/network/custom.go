package network

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"learnwork/app/importer"
	"learnwork/store"
)

// Custom reads a CSV of one's own, with the columns the person mapped to
// fields in the window. The mapping is remembered by the header's Layout,
// so the next file with the same columns needs no questions.
type Custom struct {
	Header  []string          // the columns the mapping was made for
	Columns map[string]string // column name → one of CustomFields; unmapped columns are left out
}

// CustomFields are what a column can be: a person's name (whole, or given
// and family), email, phone, a profile or handle, organisation, job title,
// topic (several split by ; or ,), website, notes, how you met.
var CustomFields = []string{"name", "given", "family", "email", "phone", "profile", "org", "title", "topic", "url", "notes", "met"}

// ErrNoName: a mapping must say where a person's name (or email) is.
var ErrNoName = errors.New("choose the column with the name (or the email)")

// Layout is the key a mapping is remembered by: the header's column names
// in order, case and spacing folded.
func Layout(header []string) string {
	sum := sha256.Sum256([]byte(strings.Join(foldAll(header), "\x1f")))
	return hex.EncodeToString(sum[:8])
}

// Header reads the first line of a CSV file, for the mapping step.
func Header(head []byte) ([]string, bool) {
	text := decodeHead(head)
	first, _, _ := strings.Cut(text, "\n")
	comma := ','
	if strings.Count(first, ";") > strings.Count(first, ",") {
		comma = ';'
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma, cr.LazyQuotes, cr.FieldsPerRecord = comma, true, -1
	rec, err := cr.Read()
	if err != nil || len(rec) < 1 {
		return nil, false
	}
	return rec, true
}

// LooksLikeCSV reports a file that starts like a table: a header of at
// least two columns and a row of as many.
func LooksLikeCSV(head []byte) bool {
	header, ok := Header(head)
	if !ok || len(header) < 2 {
		return false
	}
	text := decodeHead(head)
	comma := ','
	if first, _, _ := strings.Cut(text, "\n"); strings.Count(first, ";") > strings.Count(first, ",") {
		comma = ';'
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma, cr.LazyQuotes, cr.FieldsPerRecord = comma, true, -1
	_, _ = cr.Read()
	row, err := cr.Read()
	return err == nil && len(row) == len(header)
}

// Check reports a mapping that cannot work.
func (c Custom) Check() error {
	for col, f := range c.Columns {
		if !slices.Contains(CustomFields, f) {
			return fmt.Errorf("column %q: %q is not something Learnwork keeps (choose one of %s)", col, f, strings.Join(CustomFields, ", "))
		}
	}
	for _, f := range c.Columns {
		if f == "name" || f == "given" || f == "family" || f == "email" {
			return nil
		}
	}
	return ErrNoName
}

func (Custom) Name() string { return "CSV" }

func (c Custom) isHeader(names []string) bool {
	return Layout(names) == Layout(c.Header)
}

func (c Custom) Sniff(head []byte) bool {
	h, ok := Header(head)
	return ok && len(c.Header) > 0 && c.isHeader(h)
}

func (c Custom) Parse(r io.Reader, emit func(Entry) error) error {
	if err := c.Check(); err != nil {
		return err
	}
	t, err := readTable(r, c.isHeader)
	if err != nil {
		return err
	}
	folded := map[string]string{} // the mapping by folded column name: a layout's names differ in case
	for col, f := range c.Columns {
		folded[fold(col)] = f
	}
	byField := map[string][]string{} // field → its columns, in header order
	for _, col := range c.Header {
		if f := folded[fold(col)]; f != "" {
			byField[f] = append(byField[f], col)
		}
	}
	return t.rows(emit, func() Entry { return customRow(t, byField) })
}

func customRow(t *table, byField map[string][]string) Entry {
	e := Entry{Line: t.line}
	vals := func(f string) []string {
		var out []string
		for _, col := range byField[f] {
			if v := t.get(col); v != "" {
				out = append(out, v)
			}
		}
		return out
	}
	one := func(f string) string { return strings.Join(vals(f), " ") }
	p := &store.Person{Given: one("given"), Family: one("family"), Org: one("org"), Title: one("title"), Met: one("met")}
	p.Kind = store.KindPerson
	p.Name = firstNonEmpty(one("name"), strings.TrimSpace(p.Given+" "+p.Family))
	p.Notes = strings.Join(vals("notes"), "\n")
	for _, v := range vals("email") {
		p.Emails = append(p.Emails, store.Contact{Value: v})
	}
	for _, v := range vals("phone") {
		p.Phones = append(p.Phones, store.Contact{Value: v})
	}
	for _, v := range vals("url") {
		addWebsite(p, v, nil)
	}
	for _, v := range vals("profile") {
		if key := store.ProfileKey(v, ""); key == "" {
			e.Notes = append(e.Notes, fmt.Sprintf("%q does not say which service it is on; give the full address", v))
			continue
		}
		addWebsite(p, v, nil)
	}
	for _, v := range vals("topic") {
		for _, g := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == ',' }) {
			if g = strings.TrimSpace(g); g != "" && !importer.ProviderGroup(g) {
				e.Groups = append(e.Groups, g)
			}
		}
	}
	if p.Name == "" {
		if len(p.Emails) == 0 {
			return Entry{Line: t.line, Skip: "this line has no name or email"}
		}
		p.Name = p.Emails[0].Value
	}
	e.Person = p
	return e
}
