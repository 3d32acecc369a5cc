package feeds

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"learnwork/app/fetch"
	"learnwork/internal/racebuild"
	"learnwork/store"
)

// publisher serves testdata feeds the way real servers do, plus the ways
// they fail. Everything is on 127.0.0.1.
type publisher struct {
	*httptest.Server
	hits atomic.Int32
}

func newPublisher(t *testing.T) *publisher {
	t.Helper()
	p := &publisher{}
	mux := http.NewServeMux()
	for _, name := range []string{"wordpress.xml", "substack.xml", "medium.xml", "ghost.xml", "youtube.xml", "mastodon.xml", "podcast.xml", "jsonfeed.json", "malformed.xml"} {
		body, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		etag := fmt.Sprintf(`"%x"`, len(body))
		mux.HandleFunc("/"+name, func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", etag)
			w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
			w.Write(body)
		})
	}
	ghost, _ := os.ReadFile("testdata/ghost.xml")
	mux.HandleFunc("/wrong-type", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write(ghost)
	})
	mux.HandleFunc("/page-as-feed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte("<!doctype html><html><body><h1>Our blog</h1></body></html>"))
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>huge</title>`))
		item := []byte(strings.Repeat("<item><title>x</title></item>", 1000))
		for n := 0; n < 50<<20; n += len(item) {
			if _, err := w.Write(item); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.hits.Add(1)
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(p.Close)
	return p
}

func newRefresher(t *testing.T, now *time.Time) *Refresher {
	t.Helper()
	s, err := store.Open("")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	clock := func() time.Time { return *now }
	return &Refresher{
		// Time enough to read the 10 MB that make /huge too big, also under
		// -race on two busy cores (CI saw it "too slow" at 300 ms).
		Fetcher: fetch.New(fetch.Options{MinInterval: time.Millisecond, Timeout: racebuild.Scale(300 * time.Millisecond), Now: clock}),
		Cache:   NewCache(s.Cache()),
		Now:     clock,
	}
}

func TestRefreshFeedsAndFailures(t *testing.T) {
	pub := newPublisher(t)
	now := time.Date(2026, 12, 7, 13, 0, 0, 0, time.UTC)
	r := newRefresher(t, &now)
	paths := []string{"wordpress.xml", "substack.xml", "medium.xml", "ghost.xml", "youtube.xml", "mastodon.xml", "podcast.xml", "jsonfeed.json", "malformed.xml",
		"wrong-type", "page-as-feed", "busy", "loop", "huge", "slow", "missing"}
	// A site that asks to be left alone is left alone whole: it gets its
	// own server here.
	busy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3600")
		http.Error(w, "rate limited", http.StatusTooManyRequests)
	}))
	defer busy.Close()
	var targets []Target
	for _, p := range paths {
		u := pub.URL + "/" + p
		if p == "busy" {
			u = busy.URL + "/feed"
		}
		targets = append(targets, Target{URL: u})
	}
	var calls int
	res := r.Refresh(context.Background(), targets, func(done, total int) { calls++ })
	if calls != len(targets) {
		t.Errorf("progress called %d times for %d feeds", calls, len(targets))
	}
	want := map[string]struct {
		added   int
		problem string
		err     error
	}{
		"wordpress.xml": {added: 2}, "substack.xml": {added: 2}, "medium.xml": {added: 1}, "ghost.xml": {added: 1}, "youtube.xml": {added: 1},
		"mastodon.xml": {added: 2}, "podcast.xml": {added: 1}, "jsonfeed.json": {added: 1}, "malformed.xml": {added: 2}, "wrong-type": {added: 1},
		"page-as-feed": {problem: "not a feed", err: fetch.ErrNotAFeed},
		"busy":         {problem: "the site is busy: trying again at 14:00", err: fetch.ErrBusy},
		"loop":         {problem: "round in circles", err: fetch.ErrUnsupported},
		"huge":         {problem: "larger than 10 MB", err: fetch.ErrTooBig},
		"slow":         {problem: "took too long", err: fetch.ErrSlow},
		"missing":      {problem: "nothing is at this address", err: fetch.ErrNotFound},
	}
	for i, p := range paths {
		got, w := res[i], want[p]
		if !got.Fetched || got.Added != w.added || !errors.Is(got.Err, w.err) || (w.err == nil && got.Err != nil) {
			t.Errorf("%s: fetched %v, %d new, error %v; want %d new, error %v", p, got.Fetched, got.Added, got.Err, w.added, w.err)
			continue
		}
		st, _ := r.Cache.State(got.Feed)
		if w.problem == "" {
			if st.Problem != "" || st.Posts != w.added || !st.Next.Equal(now.Add(fetch.DefaultEvery)) && st.TTL == 0 {
				t.Errorf("%s: state %+v", p, st)
			}
			continue
		}
		if !strings.Contains(st.Problem, w.problem) || st.Failures != 1 {
			t.Errorf("%s: problem %q after %d failures, want %q after 1", p, st.Problem, st.Failures, w.problem)
		}
		if p == "busy" && !st.Next.Equal(now.Add(time.Hour)) {
			t.Errorf("busy: next fetch %v, want when the site said (14:00)", st.Next)
		}
	}

	// Nothing is due an hour later... except the feeds that failed with
	// a short backoff; forced, the good feeds answer 304 and add nothing.
	hits := pub.hits.Load()
	now = now.Add(10 * time.Minute)
	res = r.Refresh(context.Background(), targets[:9], nil)
	for i, got := range res {
		if got.Fetched {
			t.Errorf("%s fetched again before it was due", paths[i])
		}
	}
	if pub.hits.Load() != hits {
		t.Errorf("%d requests for feeds not due", pub.hits.Load()-hits)
	}
	for i := range targets {
		targets[i].Force = true
	}
	res = r.Refresh(context.Background(), targets[:9], nil)
	for i, got := range res {
		if !got.Fetched || got.Err != nil || got.Added != 0 {
			t.Errorf("%s forced: fetched %v, %d new, %v; want a 304 and nothing new", paths[i], got.Fetched, got.Added, got.Err)
		}
	}
	page, err := r.Cache.List(Query{Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	if page.Matches != 14 || len(page.Posts) != 5 {
		t.Fatalf("What's new: %d posts, %d matches; want 5 of 14", len(page.Posts), page.Matches)
	}
	// The broken feed's undated post is dated when it was first seen.
	if p := page.Posts[0]; !strings.HasPrefix(p.Title, "Second post") || !p.Published.Equal(time.Date(2026, 12, 7, 13, 0, 0, 0, time.UTC)) {
		t.Errorf("newest: %q of %v, want the undated post, dated 13:00", p.Title, p.Published)
	}
	if p := page.Posts[1]; p.Title != "Tonight's #lrnchat is on feedback that lands. Bring one example of feedback…" || p.Content != "" || p.Summary == "" {
		t.Errorf("next, without content: %+v", p)
	}
}

func TestRefreshCancelled(t *testing.T) {
	pub := newPublisher(t)
	now := time.Date(2026, 12, 7, 13, 0, 0, 0, time.UTC)
	r := newRefresher(t, &now)
	r.Fetcher = fetch.New(fetch.Options{MinInterval: time.Millisecond, Timeout: 20 * time.Second})
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(100 * time.Millisecond); cancel() }()
	start := time.Now()
	res := r.Refresh(ctx, []Target{{URL: pub.URL + "/slow"}, {URL: pub.URL + "/slow?2"}}, nil)
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("a cancelled refresh took %v", d)
	}
	for _, got := range res {
		st, _ := r.Cache.State(got.Feed)
		if got.Err != nil || st.Failures != 0 {
			t.Errorf("a cancelled fetch counted as a failure: %v, %+v", got.Err, st)
		}
	}
}
