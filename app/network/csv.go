package network

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// decodeText reads an export as UTF-8 whatever it was written in: a UTF-8
// BOM is dropped, UTF-16 (Outlook's "Unicode" CSV) is read by its BOM, and
// a file that is not UTF-8 is Windows-1252 (Outlook in Germany and France).
func decodeText(r io.Reader) io.Reader {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(64 << 10)
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		_, _ = br.Discard(3)
		return br
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder())
	case !validUTF8Prefix(head):
		return charmap.Windows1252.NewDecoder().Reader(br)
	}
	return br
}

// decodeHead is decodeText for the first bytes of a file, for Sniff.
func decodeHead(head []byte) string {
	b, _ := io.ReadAll(decodeText(bytes.NewReader(head)))
	return string(b)
}

// validUTF8Prefix is utf8.Valid for a prefix that may end inside a character.
func validUTF8Prefix(b []byte) bool {
	for i := 0; i < 3 && len(b) > 0 && !utf8.Valid(b); i++ {
		b = b[:len(b)-1]
	}
	return utf8.Valid(b)
}

// maxPreamble is how many records before the header a CSV may have
// (LinkedIn writes a note of three).
const maxPreamble = 20

// table is a CSV export read row by row, its columns found by name.
type table struct {
	cr     *csv.Reader
	header []string
	cols   map[string][]int // folded header name → its columns (French Outlook has two "Titre")
	row    []string
	line   int
}

// headerIn finds the header line in the first lines of a file: the
// delimiter it is written with and its names, or ok false.
func headerIn(head string, isHeader func(names []string) bool) (comma rune, names []string, ok bool) {
	lines := strings.SplitN(head, "\n", maxPreamble*4)
	for _, l := range lines {
		l = strings.TrimRight(l, "\r")
		for _, c := range []rune{',', ';', '\t'} {
			if !strings.ContainsRune(l, c) && c != ',' {
				continue
			}
			cr := csv.NewReader(strings.NewReader(l))
			cr.Comma, cr.LazyQuotes, cr.FieldsPerRecord = c, true, -1
			rec, err := cr.Read()
			if err == nil && isHeader(foldAll(rec)) {
				return c, rec, true
			}
		}
	}
	return 0, nil, false
}

// readTable opens a CSV export: it finds the header (the first record
// isHeader accepts among the first few, past any preamble) and stands on
// the row after it.
func readTable(r io.Reader, isHeader func(names []string) bool) (*table, error) {
	br := bufio.NewReaderSize(decodeText(r), 64<<10)
	head, _ := br.Peek(HeadSize)
	comma, _, ok := headerIn(string(head), isHeader)
	if !ok {
		return nil, ErrNotFormat
	}
	cr := csv.NewReader(br)
	cr.Comma, cr.LazyQuotes, cr.FieldsPerRecord = comma, true, -1
	for range maxPreamble * 4 {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			continue // a preamble quoted oddly
		}
		if isHeader(foldAll(rec)) {
			t := &table{cr: cr, header: rec, cols: map[string][]int{}}
			for i, n := range foldAll(rec) {
				t.cols[n] = append(t.cols[n], i)
			}
			return t, nil
		}
	}
	return nil, ErrNotFormat
}

// next reads the next row. A row the CSV reader refuses is returned as
// skip (its line and why), and reading goes on.
func (t *table) next() (ok bool, skip *Entry, err error) {
	rec, err := t.cr.Read()
	if errors.Is(err, io.EOF) {
		return false, nil, nil
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return true, &Entry{Line: pe.StartLine, Skip: fmt.Sprintf("this line could not be read as CSV (%v)", pe.Err)}, nil
	}
	if err != nil {
		return false, nil, err
	}
	t.row = rec
	t.line, _ = t.cr.FieldPos(0)
	return true, nil, nil
}

// rows emits what row makes of each row that is not blank, and rows the
// CSV reader refuses as skipped.
func (t *table) rows(emit func(Entry) error, row func() Entry) error {
	for {
		ok, skip, err := t.next()
		if err != nil || !ok {
			return err
		}
		var e Entry
		switch {
		case skip != nil:
			e = *skip
		case t.blank():
			continue
		default:
			e = row()
		}
		if err := emit(e); err != nil {
			return err
		}
	}
}

// sniffCSV: the first lines of head hold a header isHeader accepts.
func sniffCSV(head []byte, isHeader func(names []string) bool) bool {
	_, _, ok := headerIn(decodeHead(head), isHeader)
	return ok
}

// get is the first non-empty value among the named columns.
func (t *table) get(names ...string) string {
	for _, n := range names {
		if v := t.nth(n, 0); v != "" {
			return v
		}
	}
	return ""
}

// nth is the value of the i-th column with that name.
func (t *table) nth(name string, i int) string {
	idx := t.cols[fold(name)]
	if i >= len(idx) || idx[i] >= len(t.row) {
		return ""
	}
	return strings.TrimSpace(t.row[idx[i]])
}

// has reports whether the header names the column.
func (t *table) has(name string) bool { return len(t.cols[fold(name)]) > 0 }

// blank: every cell of the row is empty (spreadsheets leave such rows).
func (t *table) blank() bool {
	for _, c := range t.row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// fold is a column name as compared: case, spacing and the typographic
// apostrophe do not matter.
func fold(s string) string {
	s = strings.TrimPrefix(s, "\uFEFF")
	s = strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "’", "'")
	return strings.Join(strings.Fields(s), " ")
}

func foldAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = fold(n)
	}
	return out
}

// hasAll: names holds every one of want (folded).
func hasAll(names []string, want ...string) bool {
	for _, w := range want {
		found := false
		for _, n := range names {
			if n == w {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
