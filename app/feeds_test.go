package app

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	stdsync "sync"
	"testing"
	"time"

	"learnwork/app/feeds"
	"learnwork/app/fetch"
	"learnwork/store"
)

// Nurture hears from the feeds: a source gone quiet, a person whose posts
// you keep reading but have not been in touch with, and what a topic's
// sources published.
func TestFeedsNudgeOnToday(t *testing.T) {
	now := time.Date(2026, 12, 7, 13, 0, 0, 0, time.UTC)
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Sam's notes</title><link>https://sam.example/</link>`)
	for i := range 6 { // weekly, the last two months ago
		at := now.AddDate(0, 0, -60-7*i)
		fmt.Fprintf(&b, `<item><title>Note %d</title><link>https://sam.example/%d</link><guid>sam-%d</guid><pubDate>%s</pubDate></item>`, i, i, i, at.Format(time.RFC1123Z))
	}
	b.WriteString(`</channel></rss>`)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(b.String())) }))
	defer srv.Close()

	s, err := store.Open("")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	a := testApp(t, s, Options{Now: func() time.Time { return now }})
	sam, err := a.Entities.SavePerson(store.Person{Name: "Sam Rivera"})
	if err != nil {
		t.Fatal(err)
	}
	src, err := a.Entities.SaveSource(store.Source{Name: "Sam's notes", Feed: srv.URL + "/feed", Author: sam, Topics: []string{"Feedback"}})
	if err != nil {
		t.Fatal(err)
	}
	if r, err := a.Feeds.Refresh(true); err != nil || r.New != 6 {
		t.Fatalf("refresh: %+v, %v", r, err)
	}
	n, err := a.Feeds.News(feeds.NewsQuery{})
	if err != nil || len(n.Items) != 6 {
		t.Fatalf("news: %d posts, %v", len(n.Items), err)
	}
	var keys []string
	for _, it := range n.Items {
		keys = append(keys, it.Key)
	}
	if err := a.Feeds.MarkRead(src, keys, true); err != nil {
		t.Fatal(err)
	}
	due, err := a.Nurture.Due(0)
	if err != nil {
		t.Fatal(err)
	}
	reasons := map[string]string{}
	for _, it := range due.Items {
		reasons[it.ID] = it.Reason()
	}
	if got := reasons[src]; got != "Sam's notes has gone quiet: nothing new for 60 days; it usually posts every week" {
		t.Errorf("the quiet source: %q", got)
	}
	if got := reasons[sam]; got != "you've read 6 posts by Sam Rivera: say thanks?" {
		t.Errorf("the person read often: %q", got)
	}
	// Topic coverage counts what the topic's sources published lately.
	cov, err := a.Nurture.Coverage()
	if err != nil {
		t.Fatal(err)
	}
	if len(cov) != 1 || cov[0].Published != 5 || !strings.Contains(cov[0].Words, "5 new posts from its sources in 90 days") {
		t.Errorf("coverage of Feedback: %+v", cov)
	}
	// Once in touch, the thanks nudge goes.
	if _, err := a.Nurture.LogTouch(TouchInput{ID: sam, Direction: "gave", What: "thanks for the notes"}); err != nil {
		t.Fatal(err)
	}
	due, _ = a.Nurture.Due(0)
	for _, it := range due.Items {
		if it.ID == sam {
			t.Errorf("after a touch Sam is still due: %q", it.Reason())
		}
	}
}

// Following a blog by its page asks for the page once: the look that tells
// a calendar from a page serves the feed discovery too.
func TestSubscribeAsksForThePageOnce(t *testing.T) {
	var mu stdsync.Mutex
	hits := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		if r.URL.Path == "/feed/" {
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Learning Loop</title><item><title>Hello</title><guid>1</guid></item></channel></rss>`))
			return
		}
		w.Write([]byte(`<html><head><link rel="alternate" type="application/rss+xml" href="/feed/"></head><body>Learning Loop</body></html>`))
	}))
	defer srv.Close()
	s, err := store.Open("")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	a := testApp(t, s, Options{Fetch: fetch.Options{MinInterval: time.Millisecond}})
	sub, err := a.Feeds.Subscribe(srv.URL+"/", "", "")
	if err != nil || sub.Source == "" || sub.Feed == nil || sub.Feed.URL != srv.URL+"/feed/" {
		t.Fatalf("subscribe: %+v, %v", sub, err)
	}
	mu.Lock()
	defer mu.Unlock()
	if hits["/"] != 1 {
		t.Errorf("the page was asked for %d times, want once", hits["/"])
	}
}
