package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"learnwork/app/importer"
	"learnwork/app/network"
	"learnwork/store"
)

func netFixture(name string) string { return filepath.Join("network", "testdata", name) }

// Every export imports, a dry run first says exactly what the import then
// does, importing again changes nothing, and one step undoes it.
func TestNetworkImportIdempotentAndUndoable(t *testing.T) {
	for _, f := range []string{
		"linkedin-connections.csv", "google-contacts.csv", "google-legacy.csv", "outlook-en.csv", "outlook-com.csv",
		"outlook-de.csv", "outlook-fr.csv", "mastodon-following_accounts.csv", "mastodon-lists.csv", "bluesky-handles.txt",
		"feedly.opml", "netnewswire.opml",
	} {
		t.Run(f, func(t *testing.T) {
			sv, s := newServices(t)
			dry := importOne(t, sv, netFixture(f), true)
			if n := len(people(t, s)) + len(sources(t, s)); n != 0 {
				t.Fatalf("the dry run stored %d", n)
			}
			rep := importOne(t, sv, netFixture(f), false)
			if counts(dry) != counts(rep) || rep.Created == 0 {
				t.Errorf("dry run %v, import %v", counts(dry), counts(rep))
			}
			again := importOne(t, sv, netFixture(f), false)
			if again.Created+again.Updated+again.Duplicates != 0 || again.Unchanged != rep.Created+rep.Updated {
				t.Errorf("again: %v after %v: %+v", counts(again), counts(rep), again.Records)
			}
			if _, err := sv.Imports.UndoImport(rep.Batch); err != nil {
				t.Fatal(err)
			}
			if n := len(people(t, s)) + len(sources(t, s)); n != 0 {
				t.Errorf("%d left after undo", n)
			}
		})
	}
}

func sources(t *testing.T, s *store.Store) []*store.Source {
	t.Helper()
	var out []*store.Source
	err := s.View(context.Background(), func(r *store.Reader) error {
		return r.Each(store.KindSource, func(rec *store.Record) bool {
			out = append(out, r.View(rec).(*store.Source))
			return true
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func profileKeys(p *store.Person) []string {
	keys := p.ProfileKeys()
	slices.Sort(keys)
	return keys
}

// Ada arrives from Google, LinkedIn, Mastodon and Outlook: she ends as one
// person with every profile and email, named as her contacts name her,
// not by her handle.
func TestOnePersonFromFourServices(t *testing.T) {
	sv, s := newServices(t)
	for _, f := range []string{"google-contacts.csv", "linkedin-connections.csv", "mastodon-following_accounts.csv", "outlook-en.csv", "outlook-de.csv", "mastodon-lists.csv"} {
		importOne(t, sv, netFixture(f), false)
	}
	var adas []*store.Person
	for _, p := range people(t, s) {
		if slices.Contains(profileKeys(p), "mastodon:ada@mastodon.social") || strings.Contains(p.Name, "Lovelace") {
			adas = append(adas, p)
		}
	}
	if len(adas) != 1 {
		t.Fatalf("%d people for Ada: %+v", len(adas), adas)
	}
	ada := adas[0]
	want := []string{"linkedin:ada-lovelace-1815", "mastodon:ada@mastodon.social", "twitter:adalovelace"}
	if ada.Name != "Ada Lovelace" || !slices.Equal(profileKeys(ada), want) || len(ada.Emails) != 2 ||
		ada.Org != "Analytical Engines Ltd" || !strings.Contains(ada.Met, "LinkedIn on 10 December 2019") {
		t.Errorf("Ada: %+v", ada)
	}
	if len(ada.Topics) != 2 { // Book club, Learning Design: from Google, Outlook and the Mastodon lists
		t.Errorf("Ada's topics %v", ada.Topics)
	}
	// The others who came twice (Grace from Google and LinkedIn by email;
	// Jörg from LinkedIn and German Outlook by name) are one each too.
	seen := map[string]int{}
	for _, p := range people(t, s) {
		seen[p.Family]++
	}
	if seen["Hopper"] != 1 || seen["Müller-Lüdenscheidt"] != 1 {
		t.Errorf("people by family name: %v", seen)
	}
}

// X names accounts by number only: one a person's profile names is linked
// to them, the others are listed to name by hand; nobody is called 783214.
func TestXAccountsLinkOrWaitForAName(t *testing.T) {
	sv, s := newServices(t)
	var tim string
	err := s.Update(context.Background(), func(tx *store.Tx) (err error) {
		p := &store.Person{Name: "Tim", Profiles: []store.Contact{{Value: "https://x.com/i/user/783214", Types: []string{"twitter"}}}}
		p.Kind = store.KindPerson
		tim, err = tx.Merge(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	rep := importOne(t, sv, netFixture("x-following.js"), false)
	if counts(rep) != [5]int{0, 0, 1, 1, 0} || rep.Unnamed != 1 {
		t.Fatalf("report %v unnamed %d: %+v", counts(rep), rep.Unnamed, rep.Records)
	}
	linked, unnamed := rep.Records[0], rep.Records[1]
	if linked.ID != tim || unnamed.Action != importer.Unnamed || unnamed.Name != "https://twitter.com/intent/user?user_id=12" ||
		!strings.Contains(unnamed.Reason, "only by a number") {
		t.Errorf("records %+v", rep.Records)
	}
	if ps := people(t, s); len(ps) != 1 || ps[0].Name != "Tim" {
		t.Errorf("people %+v", ps)
	}
}

// Groups become communities when the person says so: one per group with
// the file's people as members, the same ones again on a re-import.
func TestGroupsAsCommunities(t *testing.T) {
	sv, s := newServices(t)
	opts := importer.Options{GroupsAs: importer.GroupsAsCommunities}
	dry, err := sv.Imports.ImportWith([]string{netFixture("mastodon-lists.csv")}, importer.Options{DryRun: true, GroupsAs: importer.GroupsAsCommunities})
	if err != nil {
		t.Fatal(err)
	}
	reps, err := sv.Imports.ImportWith([]string{netFixture("mastodon-lists.csv")}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if counts(dry[0]) != counts(reps[0]) || reps[0].Created != 5 { // three people, two communities
		t.Errorf("dry %v, import %v: %+v", counts(dry[0]), counts(reps[0]), reps[0].Records)
	}
	members := map[string]int{}
	_ = s.View(context.Background(), func(r *store.Reader) error {
		return r.Each(store.KindCommunity, func(rec *store.Record) bool {
			c := r.View(rec).(*store.Community)
			members[c.Name] = len(c.Members)
			return true
		})
	})
	if members["Learning Design"] != 2 || members["Book club"] != 2 || len(members) != 2 {
		t.Errorf("communities %v", members)
	}
	for _, p := range people(t, s) {
		if len(p.Topics) != 0 {
			t.Errorf("%s has topics %v", p.Name, p.Topics)
		}
	}
	again, err := sv.Imports.ImportWith([]string{netFixture("mastodon-lists.csv")}, opts)
	if err != nil || again[0].Created+again[0].Updated != 0 {
		t.Errorf("again %v, %v", counts(again[0]), err)
	}
}

// Feeds from OPML are sources with their site and topics; a subscription
// already stored (its feed written another way) is not added twice.
func TestOPMLSources(t *testing.T) {
	sv, s := newServices(t)
	err := s.Update(context.Background(), func(tx *store.Tx) error {
		src := &store.Source{Name: "Go", Feed: "http://go.dev/blog/feed.atom/", Notes: "my own notes"}
		src.Kind = store.KindSource
		_, err := tx.Merge(src)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	rep := importOne(t, sv, netFixture("netnewswire.opml"), false)
	if counts(rep) != [5]int{2, 1, 0, 0, 0} {
		t.Fatalf("report %v: %+v", counts(rep), rep.Records)
	}
	byName := map[string]*store.Source{}
	for _, src := range sources(t, s) {
		byName[src.Name] = src
	}
	if len(byName) != 3 || byName["Julia Evans"] == nil || len(byName["Julia Evans"].Topics) != 3 || byName["Go"].URL != "https://go.dev/blog" {
		t.Errorf("sources %+v", byName)
	}
}

// A name a handle stands in for never replaces a real one, and a real
// name found later does not either (a person's name is theirs to change).
func TestHandleNeverRenames(t *testing.T) {
	sv, s := newServices(t)
	importOne(t, sv, netFixture("mastodon-following_accounts.csv"), false)
	importOne(t, sv, netFixture("google-contacts.csv"), false)
	importOne(t, sv, netFixture("mastodon-following_accounts.csv"), false)
	for _, p := range people(t, s) {
		if slices.Contains(profileKeys(p), "mastodon:ada@mastodon.social") && p.Name != "Ada Lovelace" && p.Name != "@ada@mastodon.social" {
			t.Errorf("Ada is called %q", p.Name)
		}
	}
}

// Sources go out as OPML a feed reader takes back: all of them, or one
// topic's as a starter pack; exported and imported again they are the same
// sources.
func TestExportOPML(t *testing.T) {
	sv, _ := newServices(t)
	importOne(t, sv, netFixture("feedly.opml"), false)
	export := func(topic string) (string, int, error) {
		var buf strings.Builder
		n, err := Export(sv.Imports, &buf, "opml", importer.ExportOptions{Topic: topic})
		return buf.String(), n, err
	}
	all, n, err := export("")
	if err != nil || n != 3 || !strings.Contains(all, `<outline text="Learning Design" title="Learning Design">`) {
		t.Fatalf("all: %d, %v\n%s", n, err, all)
	}
	pack, n, err := export("podcasts")
	if err != nil || n != 1 || !strings.Contains(pack, "The Learning Hack") || !strings.Contains(pack, "<title>Learnwork sources: Podcasts</title>") {
		t.Errorf("one topic: %d, %v\n%s", n, err, pack)
	}
	if _, _, err := export("Knitting"); !errors.Is(err, ErrNoTopic) {
		t.Errorf("unknown topic: %v", err)
	}
	// Into another store and back: the same three sources, unchanged.
	sv2, s2 := newServices(t)
	path := writeFile(t, "sources.opml", all)
	if rep := importOne(t, sv2, path, false); rep.Created != 3 {
		t.Errorf("imported back: %v", counts(rep))
	}
	if rep := importOne(t, sv2, netFixture("feedly.opml"), false); rep.Unchanged != 3 {
		t.Errorf("the original over its export: %v %+v", counts(rep), rep.Records)
	}
	if len(sources(t, s2)) != 3 {
		t.Errorf("%d sources", len(sources(t, s2)))
	}
}

// A namesake with another LinkedIn page is held back, not merged; added by
// hand from the report, the two show as a pair to merge or tell apart, as
// do two people who turn out to share a profile.
func TestNetworkHeldBackAndDuplicates(t *testing.T) {
	sv, s := newServices(t)
	err := s.Update(context.Background(), func(tx *store.Tx) error {
		for _, p := range []*store.Person{
			{Name: "Sam Rivers", Profiles: []store.Contact{{Value: "https://www.linkedin.com/in/sam-rivers-2", Types: []string{"linkedin"}}}},
			{Name: "G. Hopper", Profiles: []store.Contact{{Value: "https://linkedin.com/in/GraceHopper/", Types: []string{"linkedin"}}}},
			{Name: "Admiral Hopper", Profiles: []store.Contact{{Value: "linkedin.com/in/gracehopper", Types: []string{"linkedin"}}}},
		} {
			p.Kind = store.KindPerson
			if _, err := tx.Merge(p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	rep := importOne(t, sv, netFixture("linkedin-connections.csv"), false)
	var held importer.Record
	for _, rec := range rep.Records {
		if rec.Action == importer.Duplicate {
			held = rec
		}
	}
	if rep.Duplicates != 1 || held.Line != 10 || held.Name != "Sam Rivers" {
		t.Fatalf("held back %+v: %+v", held, rep.Records)
	}
	id, err := sv.Imports.AddHeldBack(netFixture("linkedin-connections.csv"), held.Line)
	if err != nil {
		t.Fatal(err)
	}
	pairs, err := sv.Imports.Duplicates()
	if err != nil {
		t.Fatal(err)
	}
	var by []string
	for _, p := range pairs {
		by = append(by, p.By)
		if p.By == "name" && p.A.ID != id && p.B.ID != id {
			t.Errorf("the pair by name is not the added one: %+v", p)
		}
	}
	slices.Sort(by)
	if !slices.Equal(by, []string{"name", "profile"}) {
		t.Errorf("pairs %+v", pairs)
	}
}

// blueskyServer answers getFollows for ada.bsky.social with n accounts, a
// page of 100 at a time, on 127.0.0.1; onPage runs before each page.
func blueskyServer(t *testing.T, n int, onPage func(page int)) *httptest.Server {
	t.Helper()
	var pages atomic.Int32 // requests may come at once: counted without a race
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if page := int(pages.Add(1)) - 1; onPage != nil {
			onPage(page)
		}
		from, _ := strconv.Atoi(r.URL.Query().Get("cursor"))
		var body strings.Builder
		body.WriteString(`{"follows":[`)
		for i := from; i < min(from+100, n); i++ {
			if i > from {
				body.WriteString(",")
			}
			fmt.Fprintf(&body, `{"did":"did:plc:a%d","handle":"p%d.bsky.social","displayName":"Person %d"}`, i, i, i)
		}
		body.WriteString("]")
		if from+100 < n {
			fmt.Fprintf(&body, `,"cursor":"%d"`, from+100)
		}
		body.WriteString("}")
		_, _ = io.WriteString(w, body.String())
	}))
	t.Cleanup(srv.Close)
	return srv
}

// Whom someone follows on Bluesky comes in page by page as one import:
// again it changes nothing; offline nothing is written; a cancelled fetch
// keeps what came in, in a batch that undoes.
func TestBlueskyFollowsImport(t *testing.T) {
	_, s := newServices(t)
	srv := blueskyServer(t, 250, nil)
	var progress []int64
	opts := importer.Options{Progress: func(done, _ int64) { progress = append(progress, done) }}
	rep, err := importBlueskyFollows(context.Background(), s, network.Follows{Client: srv.Client(), Base: srv.URL}, "ada.bsky.social", opts)
	if err != nil || rep.Created != 250 || len(people(t, s)) != 250 {
		t.Fatalf("import: %v, %v", err, rep)
	}
	if !slices.Contains(progress, 100) || progress[len(progress)-1] != 250 {
		t.Errorf("progress %v", progress)
	}
	again, err := importBlueskyFollows(context.Background(), s, network.Follows{Client: srv.Client(), Base: srv.URL}, "@ada.bsky.social", importer.Options{})
	if err != nil || again.Unchanged != 250 || again.Created+again.Updated != 0 {
		t.Errorf("again: %v %v", err, counts(again))
	}

	sv2, s2 := newServices(t)
	srv.Close()
	if _, err := importBlueskyFollows(context.Background(), s2, network.Follows{Client: srv.Client(), Base: srv.URL}, "ada.bsky.social", importer.Options{}); !errors.Is(err, network.ErrOffline) {
		t.Errorf("offline: %v", err)
	}
	if bs, _ := sv2.Imports.Imports(); len(bs) != 0 {
		t.Errorf("offline left batches %+v", bs)
	}

	ctx, cancel := context.WithCancel(context.Background())
	// Cancelled while asking for page 12: the first thousand, written in
	// one transaction, stay; the next hundred were still on their way.
	slow := blueskyServer(t, 1250, func(page int) {
		if page == 11 {
			cancel()
		}
	})
	rep, err = importBlueskyFollows(ctx, s2, network.Follows{Client: slow.Client(), Base: slow.URL}, "ada.bsky.social", importer.Options{})
	if !errors.Is(err, context.Canceled) || len(people(t, s2)) != 1000 {
		t.Fatalf("cancelled: %v, %d people", err, len(people(t, s2)))
	}
	if _, err := sv2.Imports.UndoImport(rep.Batch); err != nil || len(people(t, s2)) != 0 {
		t.Errorf("undo after cancel: %v, %d people", err, len(people(t, s2)))
	}
}

// A CSV of one's own imports once its columns are mapped, and the next
// file with the same columns uses the same mapping.
func TestCSVMappingRemembered(t *testing.T) {
	_, s := newServices(t)
	b, err := os.ReadFile(netFixture("custom-members.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := savedCSVMapping(settings{s}, b); ok {
		t.Fatal("a mapping before any was made")
	}
	header, _ := network.Header(b)
	if err := saveCSVMapping(settings{s}, header, map[string]string{"Interests": "topic"}); !errors.Is(err, network.ErrNoName) {
		t.Errorf("a mapping without a name: %v", err)
	}
	if err := saveCSVMapping(settings{s}, header, map[string]string{"Shoe": "name"}); err == nil {
		t.Error("a mapping of a column the file lacks")
	}
	if err := saveCSVMapping(settings{s}, header, map[string]string{"Member": "name", "E-mail": "email", "Fediverse": "profile", "Interests": "topic", "Joined": ""}); err != nil {
		t.Fatal(err)
	}
	other := append([]byte("member;E-MAIL;Fediverse;Interests;Joined\n"), b[len("Member;E-mail;Fediverse;Interests;Joined\n"):]...)
	c, ok := savedCSVMapping(settings{s}, other)
	if !ok {
		t.Fatal("the mapping is not found for the same layout")
	}
	rep, err := importEntries(context.Background(), s, "members.csv", c.Name(), int64(len(other)), importer.Options{},
		func(emit func(network.Entry) error) error { return c.Parse(bytes.NewReader(other), emit) }, func() int64 { return 0 })
	if err != nil || counts(rep) != [5]int{2, 0, 0, 1, 0} {
		t.Fatalf("import: %v %v %+v", err, counts(rep), rep.Records)
	}
}

// The window's way in: a CSV of one's own is refused until its columns
// are mapped, then imports, and so does the next file with those columns;
// groups can become communities; whom someone follows on Bluesky comes in
// online and can be cancelled.
func TestImportsServiceNetwork(t *testing.T) {
	sv, s := newServices(t)
	path := netFixture("custom-members.csv")
	if _, err := sv.Imports.Import([]string{path}, true); !errors.Is(err, ErrUnmappedCSV) {
		t.Fatalf("an unmapped CSV: %v", err)
	}
	layout, err := sv.Imports.CSVColumns(path)
	if err != nil || len(layout.Columns) != 5 || len(layout.Mapping) != 0 || !slices.Contains(layout.Fields, "profile") || !layout.Needed {
		t.Fatalf("columns %+v, %v", layout, err)
	}
	if known, err := sv.Imports.CSVColumns(netFixture("linkedin-connections.csv")); err != nil || known.Needed {
		t.Errorf("a LinkedIn export needs no columns: %+v, %v", known, err)
	}
	if err := sv.Imports.MapCSV(path, map[string]string{"Member": "name", "E-mail": "email", "Fediverse": "profile", "Interests": "topic"}); err != nil {
		t.Fatal(err)
	}
	if layout, _ := sv.Imports.CSVColumns(path); layout.Mapping["Fediverse"] != "profile" || layout.Needed {
		t.Errorf("mapping not remembered: %+v", layout)
	}
	reps, err := sv.Imports.ImportAs([]string{path}, false, "communities")
	if err != nil || reps[0].Format != "CSV" || reps[0].Created != 5 { // two people, three communities
		t.Fatalf("import: %v %s %v %+v", err, reps[0].Format, counts(reps[0]), reps[0].Records)
	}
	if _, err := sv.Imports.ImportAs([]string{path}, true, "circles"); err == nil {
		t.Error("groups as circles accepted")
	}

	var cancelled atomic.Bool // set by the server's goroutine
	srv := blueskyServer(t, 350, func(page int) {
		if page == 2 {
			sv.Imports.CancelImport()
			cancelled.Store(true)
		}
	})
	sv.Imports.online = network.Follows{Client: srv.Client(), Base: srv.URL}
	before := len(people(t, s))
	_, err = sv.Imports.ImportBlueskyFollows("ada.bsky.social", true)
	if !errors.Is(err, context.Canceled) || !cancelled.Load() || len(people(t, s)) != before {
		t.Fatalf("a cancelled dry run: %v, %d people after %d", err, len(people(t, s)), before)
	}
	rep, err := sv.Imports.ImportBlueskyFollows("ada.bsky.social", false)
	if err != nil || rep.Created != 350 {
		t.Fatalf("follows: %v %+v", err, rep)
	}
	srv.Close()
	if _, err := sv.Imports.ImportBlueskyFollows("ada.bsky.social", false); !errors.Is(err, network.ErrOffline) || !strings.Contains(err.Error(), "nothing was changed") {
		t.Errorf("offline: %v", err)
	}
}

// The People list narrows to those met on one service, and each row,
// filtered, searched or not, carries where its icons open.
func TestPeopleMetOn(t *testing.T) {
	sv, _ := newServices(t)
	importOne(t, sv, netFixture("linkedin-connections.csv"), false)
	importOne(t, sv, netFixture("mastodon-following_accounts.csv"), false)
	for service, want := range map[string]int{"linkedin": 4, "mastodon": 4, "bluesky": 0} {
		page, err := sv.Entities.FilterPeople(PeopleQuery{Service: service})
		if err != nil || page.Total != want {
			t.Errorf("met on %s: %d, %v; want %d", service, page.Total, err, want)
		}
		for _, row := range page.Items {
			if !slices.ContainsFunc(row.Profiles, func(c store.Contact) bool { return slices.Contains(c.Types, service) }) {
				t.Errorf("met on %s: %s's row has profiles %v", service, row.Title, row.Profiles)
			}
		}
	}
	for _, q := range []PeopleQuery{{Limit: 50}, {Query: "grace hop", Limit: 50}} {
		page, err := sv.Entities.FilterPeople(q)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(page.Items, func(r store.PersonRow) bool { return r.Title == "Grace Hopper" })
		if i < 0 || page.Items[i].Email != "grace@navy.example.mil" || len(page.Items[i].Profiles) != 1 ||
			page.Items[i].Profiles[0].Value != "https://www.linkedin.com/in/gracehopper" {
			t.Errorf("%+v: rows %+v", q, page.Items)
		}
		if q.Query != "" && page.Total != 1 {
			t.Errorf("searching %q: %d people", q.Query, page.Total)
		}
	}
}

// Outlook's "Unicode" CSV (UTF-16) is recognised and read like any other.
func TestOutlookUTF16File(t *testing.T) {
	sv, s := newServices(t)
	b, err := os.ReadFile(netFixture("outlook-en.csv"))
	if err != nil {
		t.Fatal(err)
	}
	u16 := []byte{0xFF, 0xFE}
	for _, r := range string(b) {
		u16 = append(u16, byte(r), byte(r>>8))
	}
	rep := importOne(t, sv, writeFile(t, "contacts.csv", string(u16)), false)
	if rep.Format != "Outlook contacts" || rep.Created != 2 || len(people(t, s)) != 2 {
		t.Errorf("%s %v", rep.Format, counts(rep))
	}
}
