package network

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"learnwork/store"
)

// A CSV of one's own reads with the mapping made for its header, and
// only a file with that header is taken for it.
func TestCustomMapping(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "custom-members.csv"))
	if err != nil {
		t.Fatal(err)
	}
	header, ok := Header(b)
	if !ok || strings.Join(header, "|") != "Member|E-mail|Fediverse|Interests|Joined" {
		t.Fatalf("header %v", header)
	}
	c := Custom{Header: header, Columns: map[string]string{"Member": "name", "E-mail": "email", "Fediverse": "profile", "Interests": "topic"}}
	if !c.Sniff(b) || Detect(b) != nil {
		t.Fatalf("sniffed %v, detected as a known format %v", c.Sniff(b), Detect(b))
	}
	if c.Sniff([]byte("Member;E-mail\nAda;ada@example.org\n")) {
		t.Error("another layout taken for this mapping")
	}
	if Layout([]string{" member", "E-MAIL", "Fediverse", "interests", "Joined"}) != Layout(header) {
		t.Error("the layout key depends on case and spacing")
	}
	checkWant(t, "custom-members.csv", parseAll(t, c, b))

	for _, bad := range []map[string]string{{"Interests": "topic"}, {"Member": "shoe size"}} {
		c.Columns = bad
		if err := c.Parse(bytes.NewReader(b), func(Entry) error { return nil }); err == nil {
			t.Errorf("mapping %v accepted", bad)
		}
	}
	c.Columns = map[string]string{"Interests": "topic"}
	if err := c.Check(); !errors.Is(err, ErrNoName) {
		t.Errorf("no name column: %v", err)
	}
}

func TestLocalDate(t *testing.T) {
	for _, c := range []struct {
		in    string
		order dayOrder
		want  string
		ok    bool
	}{
		{"12/10/1815", monthFirst, "1815-12-10", true},
		{"10.12.1815", dayFirst, "1815-12-10", true},
		{"15/03/1980", dayFirst, "1980-03-15", true},
		{"0/0/00", monthFirst, "", true},
		{"00.00.0000", dayFirst, "", true},
		{"3/4/75", monthFirst, "1975-03-04", true},
		{"1/1/05", monthFirst, "2005-01-01", true},
		{"1815-12-10", dayFirst, "1815-12-10", true},
		{"--12-10", dayFirst, "--12-10", true},
		{"31/02/1980", dayFirst, "", false},
		{"13/13/1980", monthFirst, "", false},
		{"soon", monthFirst, "", false},
	} {
		got, ok := localDate(c.in, c.order)
		if got != c.want || ok != c.ok {
			t.Errorf("localDate(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

// The OPML export reads back as the same sources and topics, through
// this parser; a source without a feed is left out.
func TestExportOPMLRoundTrip(t *testing.T) {
	src := func(name, feed, site string, topics ...string) *store.Source {
		return &store.Source{Name: name, Feed: feed, URL: site, Topics: topics}
	}
	sources := []*store.Source{
		src("Learnlets", "https://blog.learnlets.com/feed/", "https://blog.learnlets.com", "Learning Design"),
		src("The Learning Hack", "https://feeds.example.com/hack.xml?a=1&b=2", "", "Podcasts & Radio", "Learning Design"),
		src("Daring <Fireball>", "https://daringfireball.net/feeds/main", "https://daringfireball.net/"),
		src("A book", "", "https://example.org/book", "Learning Design"),
	}
	var buf bytes.Buffer
	n, err := ExportOPML(&buf, "Learnwork sources", sources)
	if err != nil || n != 3 {
		t.Fatalf("wrote %d, %v", n, err)
	}
	if !(OPML{}).Sniff(buf.Bytes()) {
		t.Fatalf("the export is not taken for OPML:\n%s", buf.String())
	}
	var got []string
	err = OPML{}.Parse(&buf, func(e Entry) error {
		got = append(got, fmt.Sprintf("%s|%s|%s|%s", e.Source.Name, e.Source.Feed, e.Source.URL, strings.Join(e.Source.Topics, ",")))
		return nil
	})
	want := []string{
		"Learnlets|https://blog.learnlets.com/feed/|https://blog.learnlets.com|Learning Design",
		"The Learning Hack|https://feeds.example.com/hack.xml?a=1&b=2||Podcasts & Radio,Learning Design",
		"Daring <Fireball>|https://daringfireball.net/feeds/main|https://daringfireball.net/|",
	}
	if err != nil || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("read back %v (%v), want %v", got, err, want)
	}
}

// follows serves getFollows for "ada.bsky.social" in pages of two, as
// Bluesky's AppView does (cursor, then none on the last page).
func follows(t *testing.T, total int, hits *int) *httptest.Server {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		*hits++
		if r.URL.Path != "/xrpc/app.bsky.graph.getFollows" || r.URL.Query().Get("actor") != "ada.bsky.social" {
			http.Error(w, `{"error":"InvalidRequest"}`, http.StatusBadRequest)
			return
		}
		from, _ := strconv.Atoi(r.URL.Query().Get("cursor"))
		type acct struct {
			DID         string `json:"did"`
			Handle      string `json:"handle"`
			DisplayName string `json:"displayName,omitempty"`
		}
		var page struct {
			Follows []acct `json:"follows"`
			Cursor  string `json:"cursor,omitempty"`
		}
		for i := from; i < min(from+2, total); i++ {
			a := acct{DID: fmt.Sprintf("did:plc:acct%d", i), Handle: fmt.Sprintf("p%d.bsky.social", i)}
			if i%2 == 0 {
				a.DisplayName = fmt.Sprintf("Person %d", i)
			}
			if i == 3 {
				a.Handle = "handle.invalid"
			}
			page.Follows = append(page.Follows, a)
		}
		if from+2 < total {
			page.Cursor = strconv.Itoa(from + 2)
		}
		_ = json.NewEncoder(w).Encode(page)
	}))
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv.Listener = l
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// fetchAll reads every page, as an import does.
func fetchAll(ctx context.Context, f Follows, actor string, emit func(Entry) error) (pages int, err error) {
	cursor := ""
	for {
		page, next, err := f.Page(ctx, actor, cursor)
		if err != nil {
			return pages, err
		}
		pages++
		for _, e := range page {
			if err := emit(e); err != nil {
				return pages, err
			}
		}
		if next == "" {
			return pages, nil
		}
		cursor = next
	}
}

func TestBlueskyFollows(t *testing.T) {
	hits := 0
	srv := follows(t, 5, &hits)
	var got []string
	f := Follows{Client: srv.Client(), Base: srv.URL}
	pages, err := fetchAll(context.Background(), f, "@ada.bsky.social", func(e Entry) error {
		got = append(got, summary(e))
		return nil
	})
	want := []string{
		`0 person "Person 0" keys=[bluesky:p0.bsky.social bluesky:did:plc:acct0]`,
		`0 person "@p1.bsky.social" (handle) keys=[bluesky:p1.bsky.social bluesky:did:plc:acct1]`,
		`0 person "Person 2" keys=[bluesky:p2.bsky.social bluesky:did:plc:acct2]`,
		`0 account bluesky did:plc:acct3 https://bsky.app/profile/did:plc:acct3 keys=[bluesky:did:plc:acct3]`,
		`0 person "Person 4" keys=[bluesky:p4.bsky.social bluesky:did:plc:acct4]`,
	}
	if err != nil || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("fetched (%v):\n%s", err, strings.Join(got, "\n"))
	}
	if hits != 3 || pages != 3 {
		t.Errorf("%d requests, %d pages", hits, pages)
	}

	// An unknown account, a cancelled fetch, and no network.
	if _, err := fetchAll(context.Background(), f, "nobody.bsky.social", func(Entry) error { return nil }); err == nil || errors.Is(err, ErrOffline) {
		t.Errorf("unknown account: %v", err)
	}
	if _, _, err := f.Page(context.Background(), "not a handle", ""); err == nil {
		t.Error("a handle with a space asked for")
	}
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	_, err = fetchAll(ctx, f, "ada.bsky.social", func(Entry) error {
		if n++; n == 2 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || n != 2 {
		t.Errorf("cancelled after %d: %v", n, err)
	}
	srv.Close()
	if _, err := fetchAll(context.Background(), f, "ada.bsky.social", func(Entry) error { return nil }); !errors.Is(err, ErrOffline) {
		t.Errorf("server gone: %v", err)
	}
}
