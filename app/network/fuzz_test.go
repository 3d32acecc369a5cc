package network

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// fuzzParse feeds a parser anything: it must not panic or loop, every
// entry it gives is either read or skipped with a reason, lines only go
// forward, and a person always has a name unless they are an account.
func fuzzParse(f *testing.F, p Format, seeds ...string) {
	for _, s := range seeds {
		b, err := os.ReadFile(filepath.Join("testdata", s))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		last := 0
		_ = p.Parse(bytes.NewReader(b), func(e Entry) error {
			switch {
			case e.Skip != "":
			case e.Account != nil:
				if e.Person == nil || len(e.Person.Profiles) == 0 {
					t.Errorf("line %d: an account without a profile to link", e.Line)
				}
			case e.Person != nil:
				if e.Person.Name == "" {
					t.Errorf("line %d: a person without a name", e.Line)
				}
			case e.Source != nil:
				if e.Source.Name == "" {
					t.Errorf("line %d: a source without a name", e.Line)
				}
			default:
				t.Errorf("line %d: an empty entry", e.Line)
			}
			if e.Line < last {
				t.Errorf("line %d after line %d", e.Line, last)
			}
			last = e.Line
			return nil
		})
		_ = p.Sniff(b)
	})
}

func FuzzLinkedIn(f *testing.F) { fuzzParse(f, LinkedIn{}, "linkedin-connections.csv") }
func FuzzGoogle(f *testing.F) {
	fuzzParse(f, GoogleContacts{}, "google-contacts.csv", "google-legacy.csv")
}
func FuzzOutlook(f *testing.F) {
	fuzzParse(f, Outlook{}, "outlook-en.csv", "outlook-com.csv", "outlook-de.csv", "outlook-fr.csv")
}
func FuzzMastodonFollowing(f *testing.F) {
	fuzzParse(f, MastodonFollowing{}, "mastodon-following_accounts.csv")
}
func FuzzMastodonLists(f *testing.F) { fuzzParse(f, MastodonLists{}, "mastodon-lists.csv") }
func FuzzX(f *testing.F)             { fuzzParse(f, XArchive{}, "x-following.js", "x-follower.js") }
func FuzzBluesky(f *testing.F)       { fuzzParse(f, Bluesky{}, "bluesky-handles.txt") }
func FuzzOPML(f *testing.F)          { fuzzParse(f, OPML{}, "feedly.opml", "netnewswire.opml") }
func FuzzCustom(f *testing.F) {
	fuzzParse(f, Custom{Header: []string{"Member", "E-mail", "Fediverse", "Interests", "Joined"},
		Columns: map[string]string{"Member": "name", "E-mail": "email", "Fediverse": "profile", "Interests": "topic"}}, "custom-members.csv")
}
