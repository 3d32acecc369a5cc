package app

import (
	"errors"
	"strings"
	"testing"

	"learnwork/app/importer"
)

// The format is chosen by content, for the window's drag-and-drop and the
// CLI alike: a vCard saved as .ics imports its people, a calendar saved as
// .txt its events, and a file with neither says so by name.
func TestFormatByContent(t *testing.T) {
	sv, _ := newServices(t)
	card := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@example.org\r\nEND:VCARD\r\n"
	if r := importOne(t, sv, writeFile(t, "contacts.ics", card), false); r.Format != "vCard" || r.Created != 1 {
		t.Errorf("vCard saved as .ics: %s, %d created", r.Format, r.Created)
	}
	event := "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:e1\r\nSUMMARY:Chat\r\nDTSTART:20260101T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	if r := importOne(t, sv, writeFile(t, "notes.vcf", event), false); r.Format != "iCalendar" || r.Created != 1 {
		t.Errorf("calendar saved as .vcf: %s, %d created", r.Format, r.Created)
	}
	for name, body := range map[string]string{"empty.ics": "", "random.vcf": "\x89PNG\r\n\x1a\n\x00\x01\x02garbage", "letter.ics": "Dear Ada,\nsee you.\n"} {
		_, err := sv.Imports.Import([]string{writeFile(t, name, body)}, false)
		if !errors.Is(err, importer.ErrNothingToImport) || err.Error() != "no contacts or events found in "+name {
			t.Errorf("%s: %v", name, err)
		}
		if err != nil && strings.ContainsAny(err.Error(), "\x00\x89") {
			t.Errorf("%s: bytes in the message %q", name, err)
		}
	}
}
