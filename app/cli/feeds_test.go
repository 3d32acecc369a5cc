package cli

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"learnwork/app"
	"learnwork/app/feeds"
)

const meetupICS = `BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Meetup//RemoteApi//EN
BEGIN:VEVENT
DTSTAMP:20261207T120000Z
DTSTART;TZID=Europe/London:20261217T183000
DTEND;TZID=Europe/London:20261217T203000
SUMMARY:Book club: Make It Stick
UID:event_301234567@meetup.com
END:VEVENT
BEGIN:VEVENT
DTSTAMP:20261207T120000Z
DTSTART;TZID=Europe/London:20270114T183000
SUMMARY:New year show and tell
UID:event_301234999@meetup.com
END:VEVENT
END:VCALENDAR
`

// Follow a blog by its page and a Meetup calendar, refresh, read, stop:
// all from the command line, against sites on 127.0.0.1.
func TestFeedsThroughCLI(t *testing.T) {
	wordpress, err := os.ReadFile("../feeds/testdata/wordpress.xml")
	if err != nil {
		t.Fatal(err)
	}
	blog := http.NewServeMux()
	blog.HandleFunc("/feed/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(wordpress)
	})
	blog.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<html><head><title>Learning Loop</title><link rel="alternate" type="application/rss+xml" title="Learning Loop » Feed" href="/feed/"></head><body></body></html>`))
	})
	site := httptest.NewServer(blog)
	defer site.Close()
	cal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/calendar")
		w.Write([]byte(meetupICS))
	}))
	defer cal.Close()

	data := t.TempDir()
	jane := strings.TrimSpace(mustLW(t, data, "add", "person", "name=Jane Doe"))
	if out := mustLW(t, data, "news"); !strings.Contains(out, "Nothing new") {
		t.Errorf("news before any feed: %q", out)
	}
	out := mustLW(t, data, "subscribe", site.URL+"/about", "--person", jane)
	if !strings.Contains(out, "Following Learning Loop – notes on workplace learning (RSS, 2 posts)") {
		t.Errorf("subscribe to a blog page: %q", out)
	}
	out = mustLW(t, data, "subscribe", cal.URL+"/ld-meetup.ics", "--name", "L&D Meetup London")
	if !strings.Contains(out, "Subscribed to L&D Meetup London: 2 events added") {
		t.Errorf("subscribe to a calendar: %q", out)
	}
	var r app.Refreshed
	if err := json.Unmarshal([]byte(mustLW(t, data, "refresh", "--json")), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Feeds) != 1 || len(r.Calendars) != 1 || r.Problems != 0 || r.Changed != 0 || r.Feeds[0].Unread != 2 {
		t.Errorf("refresh: %+v", r)
	}
	if out := mustLW(t, data, "refresh"); !strings.HasPrefix(out, "1 feed and 1 calendar: 0 new posts, 0 events changed.") {
		t.Errorf("refresh text: %q", out)
	}
	out = mustLW(t, data, "feeds")
	if !strings.Contains(out, "Learning Loop") || !strings.Contains(out, "today ") || !strings.Contains(out, "L&D Meetup London") {
		t.Errorf("feeds:\n%s", out)
	}
	var n feeds.News
	if err := json.Unmarshal([]byte(mustLW(t, data, "news", "--unread", "--json")), &n); err != nil {
		t.Fatal(err)
	}
	if n.Matches != 2 || n.Items[0].Title != "Working out loud, five years on" || n.Items[0].Person != jane || n.Items[0].Content != "" {
		t.Errorf("news --unread: %+v", n)
	}
	if out := mustLW(t, data, "news"); !strings.Contains(out, "• Fri 4 Dec  Learning Loop – notes on workplace learning: Working out loud, five years on") {
		t.Errorf("news text:\n%s", out)
	}
	if out := mustLW(t, data, "news", "--topic", "cooking"); !strings.Contains(out, "no post matches") {
		t.Errorf("news on a topic no source covers: %q", out)
	}
	if out := mustLW(t, data, "unsubscribe", cal.URL+"/ld-meetup.ics"); out != "No longer following L&D Meetup London.\n" {
		t.Errorf("unsubscribe: %q", out)
	}
	mustLW(t, data, "unsubscribe", site.URL+"/feed/")
	if out := mustLW(t, data, "feeds"); !strings.Contains(out, "No source has a feed") {
		t.Errorf("feeds after unsubscribing both:\n%s", out)
	}
	if _, errs, code := lw(t, data, "unsubscribe", "https://nowhere.example/feed"); code != ExitError || !strings.Contains(errs, "not subscribed") {
		t.Errorf("unsubscribe from nothing: exit %d, %q", code, errs)
	}
	// A site that cannot be reached says so in words.
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	if _, errs, code := lw(t, data, "subscribe", closed.URL+"/blog"); code != ExitError || !strings.Contains(errs, "could not reach the site: you may be offline, or the address is wrong") {
		t.Errorf("subscribe to a site that does not answer: exit %d, %q", code, errs)
	}
	gone := httptest.NewServer(http.NotFoundHandler())
	defer gone.Close()
	if _, errs, _ := lw(t, data, "subscribe", gone.URL+"/feed.xml"); !strings.HasSuffix(strings.TrimSpace(errs), "/feed.xml: nothing is at this address any more: check it on the website") {
		t.Errorf("subscribe to a missing page: %q", errs)
	}
	var events []map[string]any
	if err := json.Unmarshal([]byte(mustLW(t, data, "list", "events", "--json")), &events); err != nil || len(events) != 2 {
		t.Errorf("%d events after unsubscribing (%v), want the 2 the calendar brought", len(events), err)
	}
}
