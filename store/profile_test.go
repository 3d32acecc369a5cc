package store

import (
	"strings"
	"testing"
)

func TestProfileKey(t *testing.T) {
	for _, c := range []struct{ value, service, want string }{
		{"https://twitter.com/AdaL", "", "twitter:adal"},
		{"https://x.com/adal/", "", "twitter:adal"},
		{"x.com/adal", "", "twitter:adal"},
		{"https://mobile.twitter.com/adal?s=20", "", "twitter:adal"},
		{"@AdaL", "twitter", "twitter:adal"},
		{"adal", "x", "twitter:adal"},
		{"https://twitter.com/intent/user?user_id=1234567", "", "twitter:id:1234567"},
		{"https://x.com/i/user/1234567", "", "twitter:id:1234567"},
		{"@ada@mastodon.social", "", "mastodon:ada@mastodon.social"},
		{"@Ada@Mastodon.Social", "mastodon", "mastodon:ada@mastodon.social"},
		{"ada@mastodon.social", "mastodon", "mastodon:ada@mastodon.social"},
		{"https://mastodon.social/@ada", "", "mastodon:ada@mastodon.social"},
		{"https://mastodon.social/@ada/", "mastodon", "mastodon:ada@mastodon.social"},
		{"https://mastodon.social/users/ada", "", "mastodon:ada@mastodon.social"},
		{"https://mastodon.social/@ada@hachyderm.io", "", "mastodon:ada@hachyderm.io"},
		{"https://www.linkedin.com/in/ada-lovelace-1815/", "", "linkedin:ada-lovelace-1815"},
		{"http://linkedin.com/in/Ada-Lovelace-1815", "", "linkedin:ada-lovelace-1815"},
		{"linkedin.com/in/ada-lovelace-1815", "linkedin", "linkedin:ada-lovelace-1815"},
		{"https://uk.linkedin.com/in/ada-lovelace-1815", "", "linkedin:ada-lovelace-1815"},
		{"https://www.linkedin.com/in/j%C3%B6rg-m", "", "linkedin:jörg-m"},
		{"https://bsky.app/profile/ada.bsky.social", "", "bluesky:ada.bsky.social"},
		{"ada.bsky.social", "bluesky", "bluesky:ada.bsky.social"},
		{"@Ada.bsky.social", "bluesky", "bluesky:ada.bsky.social"},
		{"did:plc:z72i7hdynmk6r22z27h6tvur", "", "bluesky:did:plc:z72i7hdynmk6r22z27h6tvur"},
		{"https://github.com/adal", "", "github:adal"},
		{"https://ada.example.org/", "", "url:ada.example.org"},
		{"https://ada.example.org/About/", "", "url:ada.example.org/about"},
		{"", "twitter", ""},
		{"adal", "", ""}, // a handle with no service names nobody
		{"ada@example.org", "", ""},
	} {
		if got := ProfileKey(c.value, c.service); got != c.want {
			t.Errorf("ProfileKey(%q, %q) = %q, want %q", c.value, c.service, got, c.want)
		}
	}
}

func addWithProfiles(t *testing.T, s *Store, name string, emails []string, profiles ...Contact) string {
	t.Helper()
	p := &Person{Name: name, Profiles: profiles}
	p.Kind = KindPerson
	for _, e := range emails {
		p.Emails = append(p.Emails, Contact{Value: e})
	}
	var id string
	update(t, s, func(tx *Tx) (err error) {
		id, err = tx.Merge(p)
		return err
	})
	return id
}

// A profile written another way finds the person, through the index and
// through a Matcher, and before their name would.
func TestMatchByProfile(t *testing.T) {
	s := open(t, "")
	ada := addWithProfiles(t, s, "Ada Lovelace", nil, Contact{Value: "https://www.linkedin.com/in/ada-l/", Types: []string{"linkedin"}})
	addWithProfiles(t, s, "A. Lovelace", nil) // a name-only candidate that must not win
	in := &Person{Name: "A. Lovelace", Profiles: []Contact{{Value: "linkedin.com/in/Ada-L", Types: []string{"pref", "linkedin"}}}}
	_ = s.View(ctx, func(r *Reader) error {
		m, err := r.MatchPerson(in)
		if err != nil || m.ID != ada || m.By != "profile" || m.Value != "linkedin:ada-l" {
			t.Errorf("MatchPerson = %+v, %v", m, err)
		}
		mr, err := r.NewMatcher()
		if err != nil {
			t.Fatal(err)
		}
		if m, err := mr.MatchPerson(r, in); err != nil || m.ID != ada {
			t.Errorf("Matcher.MatchPerson = %+v, %v", m, err)
		}
		return nil
	})
}

// Two LinkedIn pages under one name are two people to tell apart; a
// LinkedIn page and a Mastodon account are not.
func TestDisagreeOnProfiles(t *testing.T) {
	li := func(slug string) Contact {
		return Contact{Value: "https://linkedin.com/in/" + slug, Types: []string{"linkedin"}}
	}
	masto := Contact{Value: "@sam@mastodon.social", Types: []string{"mastodon"}}
	for _, c := range []struct {
		a, b []Contact
		want bool
	}{
		{[]Contact{li("sam-1")}, []Contact{li("sam-2")}, true},
		{[]Contact{li("sam-1")}, []Contact{li("SAM-1"), li("sam-2")}, false},
		{[]Contact{li("sam-1")}, []Contact{masto}, false},
		{nil, []Contact{masto}, false},
		{[]Contact{{Value: "https://sam.example.org"}}, []Contact{{Value: "https://blog.example.com/sam"}}, false},
	} {
		a, b := &Person{Name: "Sam", Profiles: c.a}, &Person{Name: "Sam", Profiles: c.b}
		if got := Disagree(a, b); got != c.want {
			t.Errorf("Disagree(%v, %v) = %v", c.a, c.b, got)
		}
	}
}

// Merging a profile written another way keeps the one already held.
func TestMergeKeepsProfileWrittenOtherwise(t *testing.T) {
	s := open(t, "")
	id := addWithProfiles(t, s, "Ada", nil, Contact{Value: "https://twitter.com/AdaL", Types: []string{"twitter"}})
	p := &Person{Name: "Ada", Profiles: []Contact{{Value: "https://x.com/adal/", Types: []string{"twitter"}}, {Value: "@ada@mastodon.social", Types: []string{"mastodon"}}}}
	p.Kind, p.ID = KindPerson, id
	update(t, s, func(tx *Tx) error {
		_, changed, err := tx.MergeFields(p)
		if len(changed) != 1 || changed[0] != "profiles" {
			t.Errorf("changed %v", changed)
		}
		return err
	})
	if got := person(t, s, id).Profiles; len(got) != 2 {
		t.Errorf("profiles %v, want the twitter one once and the mastodon one", got)
	}
}

// A store from before the profile index gets it on open.
func TestRebuildAddsProfileIndex(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	ada := addWithProfiles(t, s, "Ada", nil, Contact{Value: "@ada@mastodon.social", Types: []string{"mastodon"}})
	if err := s.db.DropPrefix([]byte(pIndex)); err != nil {
		t.Fatal(err)
	}
	if err := s.db.DropPrefix([]byte(pMeta + "indexver")); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = open(t, dir)
	_ = s.View(ctx, func(r *Reader) error {
		refs, err := r.Find("profile", ProfileKey("https://mastodon.social/@ada", ""))
		if err != nil || len(refs) != 1 || refs[0].ID != ada {
			t.Errorf("profile after rebuild: %v, %v", refs, err)
		}
		return nil
	})
}

// The People list narrows to those met on one service, once each, Trash
// left out, and with another filter too.
func TestFilterPeopleByService(t *testing.T) {
	s := open(t, "")
	li := func(slug string) Contact {
		return Contact{Value: "https://linkedin.com/in/" + slug, Types: []string{"linkedin"}}
	}
	ada := addWithProfiles(t, s, "Ada", nil, li("ada"), li("ada-l"), Contact{Value: "@ada@mastodon.social", Types: []string{"mastodon"}})
	bob := addWithProfiles(t, s, "Bob", nil, li("bob"))
	gone := addWithProfiles(t, s, "Cy", nil, li("cy"))
	addWithProfiles(t, s, "Dee", nil, Contact{Value: "@dee@hachyderm.io", Types: []string{"mastodon"}})
	update(t, s, func(tx *Tx) error { return tx.Delete(KindPerson, gone) })
	names := func(f PeopleFilter) []string {
		var out []string
		_ = s.View(ctx, func(r *Reader) error {
			rows, total, err := r.FilterPeople(f)
			if err != nil || total != len(rows) {
				t.Errorf("filter %+v: %d of %d, %v", f, len(rows), total, err)
			}
			for _, row := range rows {
				out = append(out, row.ID)
			}
			return nil
		})
		return out
	}
	if got := names(PeopleFilter{Service: "linkedin"}); len(got) != 2 || got[0] != ada || got[1] != bob {
		t.Errorf("on LinkedIn: %v", got)
	}
	if got := names(PeopleFilter{Service: "mastodon", Contact: "never"}); len(got) != 2 {
		t.Errorf("on Mastodon, never contacted: %v", got)
	}
	if got := names(PeopleFilter{Service: "bluesky"}); len(got) != 0 {
		t.Errorf("on Bluesky: %v", got)
	}
}

// The hand split of a profile address gives the key url.Parse would.
func FuzzProfileURL(f *testing.F) {
	for _, s := range []string{"https://www.linkedin.com/in/ada-l/", "https://x.com/adal?s=20#top", "http://Mastodon.Social:443/@ada", "x.com/adal", "https://twitter.com/intent/user?user_id=12"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		fast, ok := profileURL(v)
		if !ok {
			return
		}
		full := v
		if !strings.Contains(v, "://") {
			full = "https://" + v
		}
		slow, ok := parsedAddress(full)
		if !ok {
			return // url.Parse refuses what the split takes: nothing to compare
		}
		if a, b := urlProfileKey(fast), urlProfileKey(slow); a != b {
			t.Errorf("%q: split %q, url.Parse %q", v, a, b)
		}
	})
}
