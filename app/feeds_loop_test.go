package app

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	stdsync "sync"
	"sync/atomic"
	"testing"
	"time"

	"learnwork/app/feeds"
	"learnwork/app/fetch"
	"learnwork/internal/racebuild"
	"learnwork/store"
)

// loopSite is a site with feeds /a, /b, /c (one post each, a second on /a
// once published is set) and /slow, which answers only when the request
// is given up.
type loopSite struct {
	*httptest.Server
	mu        stdsync.Mutex
	hits      map[string]int
	published atomic.Bool
	slow      chan struct{} // a request reached /slow
}

func newLoopSite(t *testing.T, now func() time.Time) *loopSite {
	t.Helper()
	ls := &loopSite{hits: map[string]int{}, slow: make(chan struct{}, 1)}
	ls.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ls.mu.Lock()
		ls.hits[r.URL.Path]++
		ls.mu.Unlock()
		if r.URL.Path == "/slow" {
			ls.slow <- struct{}{}
			<-r.Context().Done()
			return
		}
		day := now().AddDate(0, 0, -1).Format(time.RFC1123Z)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed %s</title><link>https://example.org%s</link>`, r.URL.Path, r.URL.Path)
		fmt.Fprintf(w, `<item><title>First post</title><guid>%s-1</guid><pubDate>%s</pubDate></item>`, r.URL.Path, day)
		if r.URL.Path == "/a" && ls.published.Load() {
			fmt.Fprintf(w, `<item><title>Second post</title><guid>%s-2</guid><pubDate>%s</pubDate></item>`, r.URL.Path, now().Format(time.RFC1123Z))
		}
		fmt.Fprint(w, `</channel></rss>`)
	}))
	t.Cleanup(ls.Close)
	return ls
}

func (ls *loopSite) count() map[string]int {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	out := map[string]int{}
	for k, v := range ls.hits {
		out[k] = v
	}
	return out
}

// The window's background refresh fetches the feeds that are due and
// leaves the others alone, tells the window when something came (a
// refresh asked for by a click always tells it), and
// stops when the window closes, even in the middle of a fetch, leaving
// nothing running behind it.
func TestRunFeedsFetchesWhatIsDue(t *testing.T) {
	var mu stdsync.Mutex
	now := time.Date(2026, 12, 7, 13, 0, 0, 0, time.UTC)
	clock := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		return now
	}
	advance := func(d time.Duration) {
		mu.Lock()
		defer mu.Unlock()
		now = now.Add(d)
	}
	site := newLoopSite(t, clock)
	tr := http.DefaultTransport.(*http.Transport).Clone()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, err := store.Open("")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	win := &recWindow{}
	a := testApp(t, s, Options{Now: clock, Window: win, Context: ctx, Fetch: fetch.Options{Transport: tr, MinInterval: time.Millisecond}})
	follow := func(name, path string) {
		t.Helper()
		if _, err := a.Entities.SaveSource(store.Source{Name: name, Feed: site.URL + path}); err != nil {
			t.Fatal(err)
		}
	}
	follow("Alpha", "/a")
	follow("Beta", "/b")
	if r, err := a.Feeds.Refresh(false); err != nil || r.New != 2 || win.count("feeds:refreshed") != 1 {
		t.Fatalf("first refresh: %+v, %v; the window heard of it %d times, want once", r, err, win.count("feeds:refreshed"))
	}
	follow("Gamma", "/c") // never fetched: due at once
	want := func(step string, hits map[string]int, refreshed int) {
		t.Helper()
		got := site.count()
		for path, n := range hits {
			if got[path] != n {
				t.Errorf("%s: %s fetched %d times in all, want %d", step, path, got[path], n)
			}
		}
		if n := win.count("feeds:refreshed"); n != refreshed {
			t.Errorf("%s: the window heard of %d refreshes with news, want %d", step, n, refreshed)
		}
	}

	tr.CloseIdleConnections()
	baseline := runtime.NumGoroutine()
	tick := make(chan time.Time)
	passes := make(chan struct{}, 8)
	done := make(chan struct{})
	go func() {
		defer close(done)
		runFeeds(ctx, a.Feeds, tick, func() { passes <- struct{}{} })
	}()
	wait := racebuild.Scale(10 * time.Second)
	pass := func() {
		t.Helper()
		tick <- clock()
		select {
		case <-passes:
		case <-time.After(wait):
			t.Fatal("the loop did not finish a pass")
		}
	}

	pass()
	want("the first pass", map[string]int{"/a": 1, "/b": 1, "/c": 1}, 2)
	pass()
	want("a pass with nothing due", map[string]int{"/a": 1, "/b": 1, "/c": 1}, 2)

	// Past every feed's next fetch, /a has published something.
	site.published.Store(true)
	advance(fetch.DefaultEvery + time.Minute)
	pass()
	want("a pass after every feed fell due", map[string]int{"/a": 2, "/b": 2, "/c": 2}, 3)
	if n, err := a.Feeds.News(feeds.NewsQuery{}); err != nil || n.Matches != 4 {
		t.Errorf("What's new after the passes: %d posts, %v; want 4", n.Matches, err)
	}

	// Closing the window in the middle of a fetch stops the loop at once,
	// though the fetch alone would wait for its timeout.
	follow("Slow", "/slow")
	tick <- clock()
	select {
	case <-site.slow:
	case <-time.After(wait):
		t.Fatal("the slow feed was never asked for")
	}
	cancel()
	select {
	case <-done:
	case <-time.After(racebuild.Scale(2 * time.Second)):
		t.Fatal("the loop went on after its context ended")
	}

	// Nothing it started is left running: connections it kept for the
	// next pass close when asked.
	tr.CloseIdleConnections()
	deadline := time.Now().Add(wait)
	for runtime.NumGoroutine() > baseline && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
		tr.CloseIdleConnections()
	}
	if n := runtime.NumGoroutine(); n > baseline {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines after the loop ended, %d before it started:\n%s", n, baseline, buf[:runtime.Stack(buf, true)])
	}

	// A window closed before the first look makes none.
	before := site.count()
	RunFeeds(ctx, a.Feeds)
	if after := site.count(); len(after) != len(before) || after["/a"] != before["/a"] {
		t.Errorf("RunFeeds with its context ended fetched: %v, then %v", before, after)
	}
}
