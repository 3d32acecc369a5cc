package sniff

import (
	"cmp"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

func utf16le(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = []byte{0xFF, 0xFE}
	}
	for _, c := range utf16.Encode([]rune(s)) {
		b = append(b, byte(c), byte(c>>8))
	}
	return b
}

func utf16be(s string) []byte {
	b := []byte{0xFE, 0xFF}
	for _, c := range utf16.Encode([]rune(s)) {
		b = append(b, byte(c>>8), byte(c))
	}
	return b
}

func TestDetect(t *testing.T) {
	card := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nEND:VCARD\r\n"
	calendar := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDESCRIPTION:a card follows\r\n BEGIN:VCARD\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	cases := []struct {
		name string
		head []byte
		want Format
	}{
		{"vCard", []byte(card), VCard},
		{"vCard in lower case after blank lines", []byte("\r\n\r\nbegin:vcard\nfn:x\nend:vcard\n"), VCard},
		{"vCard with a UTF-8 BOM", append([]byte{0xEF, 0xBB, 0xBF}, card...), VCard},
		{"vCard in UTF-16LE with a BOM (Windows Contacts)", utf16le(card, true), VCard},
		{"vCard in UTF-16LE without a BOM", utf16le(card, false), VCard},
		{"vCard in UTF-16BE", utf16be(card), VCard},
		{"calendar", []byte(calendar), ICalendar},
		{"calendar in UTF-16", utf16le(calendar, true), ICalendar},
		{"bare VEVENTs", []byte("BEGIN:VEVENT\nDTSTART:20260101\nEND:VEVENT\n"), ICalendar},
		{"empty", nil, Unknown},
		{"BOM only", []byte{0xEF, 0xBB, 0xBF}, Unknown},
		{"random bytes", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR BEGIN:VCARDX"), Unknown},
		{"the word inside a line", []byte("NOTE: type BEGIN:VCARD to start\n"), Unknown},
		{"text", []byte("Dear Ada,\nsee you Thursday.\n"), Unknown},
	}
	for _, c := range cases {
		if got := Detect(c.head); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// Every file of the shared corpus is told by content alone: the folders
// say which it is. A file that holds no card or event (empty, only a
// VTIMEZONE) may be told to be nothing.
func TestDetectCorpus(t *testing.T) {
	dir := cmp.Or(os.Getenv("LEARNWORK_CORPUS"), "../../../shared/corpus")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*"))
	if len(files) == 0 {
		t.Skip("no shared corpus beside the checkout")
	}
	manifest, err := os.ReadFile(filepath.Join(dir, "MANIFEST.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	empty := map[string]bool{} // files with no component, by the manifest
	for _, line := range strings.Split(string(manifest), "\n") {
		if cols := strings.Split(line, "\t"); len(cols) > 5 && cols[5] == "0" {
			empty[cols[0]] = true
		}
	}
	for _, f := range files {
		if filepath.Ext(f) == ".tsv" || filepath.Ext(f) == ".md" {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]Format{"vcf": VCard, "ics": ICalendar}[filepath.Base(filepath.Dir(f))]
		got := Detect(data[:min(len(data), 4096)])
		if got != want && !(got == Unknown && empty[filepath.Base(filepath.Dir(f))+"/"+filepath.Base(f)]) {
			t.Errorf("%s: %v, want %v", filepath.Base(f), got, want)
		}
	}
}

func FuzzDetect(f *testing.F) {
	f.Add([]byte("BEGIN:VCARD\r\n"))
	f.Add(utf16le("BEGIN:VCALENDAR\r\n", true))
	f.Fuzz(func(t *testing.T, head []byte) {
		Detect(head)
	})
}
