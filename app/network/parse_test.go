package network

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the .want files from what the parsers read")

// Each fixture is detected by its content as its format, and reads into
// the entries its .want file lists (line, what, why), one a line.
func TestParseFixtures(t *testing.T) {
	for _, c := range []struct{ file, format string }{
		{"linkedin-connections.csv", "LinkedIn connections"},
		{"google-contacts.csv", "Google contacts"},
		{"google-legacy.csv", "Google contacts"},
		{"outlook-en.csv", "Outlook contacts"},
		{"outlook-com.csv", "Outlook contacts"},
		{"outlook-de.csv", "Outlook contacts"},
		{"outlook-fr.csv", "Outlook contacts"},
		{"mastodon-following_accounts.csv", "Mastodon follows"},
		{"mastodon-lists.csv", "Mastodon lists"},
		{"x-following.js", "X (Twitter) follows"},
		{"x-follower.js", "X (Twitter) follows"},
		{"bluesky-handles.txt", "Bluesky accounts"},
		{"feedly.opml", "OPML subscriptions"},
		{"netnewswire.opml", "OPML subscriptions"},
	} {
		t.Run(c.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", c.file))
			if err != nil {
				t.Fatal(err)
			}
			f := Detect(b[:min(len(b), HeadSize)])
			if f == nil || f.Name() != c.format {
				t.Fatalf("detected as %v, want %s", f, c.format)
			}
			checkWant(t, c.file, parseAll(t, f, b))
		})
	}
}

func parseAll(t *testing.T, f Format, b []byte) string {
	t.Helper()
	var out strings.Builder
	err := f.Parse(bytes.NewReader(b), func(e Entry) error {
		out.WriteString(summary(e) + "\n")
		return nil
	})
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return out.String()
}

func checkWant(t *testing.T, file, got string) {
	t.Helper()
	want := filepath.Join("testdata", strings.TrimSuffix(file, filepath.Ext(file))+".want")
	if *update {
		if err := os.WriteFile(want, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	w, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(w) {
		t.Errorf("read:\n%s\nwant:\n%s", got, w)
	}
}

// Files that are none of these formats are not taken for one.
func TestDetectRefuses(t *testing.T) {
	for name, head := range map[string]string{
		"vcard":         "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nEND:VCARD\r\n",
		"calendar":      "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
		"generic csv":   "name,email\nAda,ada@example.org\n",
		"domains":       "example.org\nexample.com\n",
		"empty":         "",
		"html":          "<html><body>opml</body></html>",
		"prose with at": "Write to ada@example.org, please\n",
	} {
		if f := Detect([]byte(head)); f != nil {
			t.Errorf("%s: detected as %s", name, f.Name())
		}
	}
}

// A file given to the wrong parser says so and reads nothing.
func TestParseNotFormat(t *testing.T) {
	for _, f := range []Format{LinkedIn{}, GoogleContacts{}, Outlook{}, MastodonFollowing{}, XArchive{}, OPML{}} {
		n := 0
		err := f.Parse(strings.NewReader("name,email\nAda,ada@example.org\n"), func(Entry) error { n++; return nil })
		if !errors.Is(err, ErrNotFormat) || n != 0 {
			t.Errorf("%s: %d entries, %v", f.Name(), n, err)
		}
	}
}

// Windows-1252 and UTF-16 files read the same as UTF-8.
func TestEncodings(t *testing.T) {
	utf8 := "First Name,Last Name,E-mail Address\r\nJörg,Müller,joerg@example.de\r\n"
	var utf16 bytes.Buffer
	utf16.Write([]byte{0xFF, 0xFE})
	for _, r := range utf8 {
		utf16.Write([]byte{byte(r), byte(r >> 8)})
	}
	for name, b := range map[string][]byte{
		"utf-8":        []byte(utf8),
		"utf-8 bom":    append([]byte{0xEF, 0xBB, 0xBF}, utf8...),
		"windows-1252": bytes.ReplaceAll(bytes.ReplaceAll([]byte(utf8), []byte("ö"), []byte{0xF6}), []byte("ü"), []byte{0xFC}),
		"utf-16":       utf16.Bytes(),
	} {
		f := Detect(b)
		if f == nil {
			t.Errorf("%s: not detected", name)
			continue
		}
		if got := parseAll(t, f, b); got != "2 person \"Jörg Müller\" given=Jörg family=Müller emails=[joerg@example.de]\n" {
			t.Errorf("%s: %s", name, got)
		}
	}
}

// Google's own groups are never read as groups (which become topics or
// communities), in either CSV layout, whichever way they are written; the
// person's own groups, even a plain "Friends", are.
func TestGoogleProviderGroups(t *testing.T) {
	for _, c := range []struct{ csv, want string }{
		{"First Name,Last Name,Labels,E-mail 1 - Value\n" +
			"Ada,Lovelace,* myContacts ::: * starred ::: Book club,ada@example.org\n" +
			"Grace,Hopper,My Contacts ::: Starred ::: Friends,grace@example.org\n", "Book club|Friends"},
		{"Name,Given Name,Family Name,Group Membership,E-mail 1 - Value\n" +
			"Ada Lovelace,Ada,Lovelace,* My Contacts ::: * Friends ::: Poetry,ada@example.org\n" +
			"Grace Hopper,Grace,Hopper,* Other Contacts ::: Other Contacts,grace@example.org\n", "Poetry|"},
	} {
		var got []string
		err := GoogleContacts{}.Parse(strings.NewReader(c.csv), func(e Entry) error {
			got = append(got, strings.Join(e.Groups, ","))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if g := strings.Join(got, "|"); g != c.want {
			t.Errorf("groups %q, want %q", g, c.want)
		}
	}
}
