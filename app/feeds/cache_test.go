package feeds

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"learnwork/store"
)

func newCache(t testing.TB, dir string) *Cache {
	t.Helper()
	s, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return NewCache(s.Cache())
}

func posts(n int, newest time.Time, every time.Duration) []Post {
	out := make([]Post, n)
	for i := range out {
		at := newest.Add(-time.Duration(i) * every)
		out[i] = Post{Key: ItemKey(fmt.Sprintf("guid-%d", i), "", "", time.Time{}), Title: fmt.Sprintf("Post %d", i), Published: at, Content: "<p>text</p>"}
	}
	return out
}

func TestPutKeepsTheNewest200AndSavedOnes(t *testing.T) {
	c := newCache(t, "")
	now := time.Date(2026, 12, 7, 13, 0, 0, 0, time.UTC)
	feed := FeedKey("https://example.org/feed")
	all := posts(300, now, 24*time.Hour) // the last 100 are more than 200 days old; 65 of them more than a year
	saved := map[string]bool{all[250].Key: true, all[299].Key: true}
	added, st, err := c.Put(feed, all, now, func(k string) bool { return saved[k] }, State{URL: "https://example.org/feed"})
	if err != nil {
		t.Fatal(err)
	}
	if added != 300 || st.Posts != 202 || !st.Latest.Equal(now) || st.Usual != 24*time.Hour {
		t.Errorf("added %d, kept %d, latest %v, usual %v; want 300, 202 (200 + 2 saved), %v, a day", added, st.Posts, st.Latest, st.Usual, now)
	}
	for _, i := range []int{0, 199, 250, 299} {
		if _, err := c.Post(feed, all[i].Key); err != nil {
			t.Errorf("post %d gone: %v", i, err)
		}
	}
	for _, i := range []int{200, 249, 298} {
		if _, err := c.Post(feed, all[i].Key); err == nil {
			t.Errorf("post %d kept past the bound", i)
		}
	}
	page, err := c.List(Query{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if page.Matches != 202 || len(page.Posts) != 202 {
		t.Errorf("What's new lists %d (%d matches), want 202", len(page.Posts), page.Matches)
	}

	// Fetched again with a post changed and re-dated: still one entry.
	again := posts(3, now, 24*time.Hour)
	again[1].Title, again[1].Published = "Post 1, corrected", now.Add(time.Minute)
	added, st, err = c.Put(feed, again, now, func(k string) bool { return saved[k] }, st)
	if err != nil || added != 0 || st.Posts != 202 {
		t.Fatalf("refetch: %d new, %d kept, %v", added, st.Posts, err)
	}
	page, _ = c.List(Query{Limit: 2})
	if page.Matches != 202 || page.Posts[0].Title != "Post 1, corrected" || page.Posts[1].Title != "Post 0" {
		t.Errorf("after a correction: %d matches, first %q, %q", page.Matches, page.Posts[0].Title, page.Posts[1].Title)
	}

	// A year on, only what was saved is left.
	later := now.Add(400 * 24 * time.Hour)
	_, st, err = c.Put(feed, nil, later, func(k string) bool { return saved[k] }, st)
	if err != nil || st.Posts != 2 {
		t.Errorf("a year later %d posts kept (%v), want the 2 saved", st.Posts, err)
	}
	if err := c.Drop(feed); err != nil {
		t.Fatal(err)
	}
	if page, _ := c.List(Query{}); page.Matches != 0 {
		t.Errorf("a dropped feed still lists %d posts", page.Matches)
	}
}

func TestListFilters(t *testing.T) {
	c := newCache(t, "")
	now := time.Date(2026, 12, 7, 13, 0, 0, 0, time.UTC)
	a, b := FeedKey("https://a.example/feed"), FeedKey("https://b.example/feed")
	pa, pb := posts(10, now, time.Hour), posts(10, now.Add(-30*time.Minute), time.Hour)
	for i := range pb {
		pb[i].Key = ItemKey(fmt.Sprintf("b-%d", i), "", "", time.Time{})
	}
	if _, _, err := c.Put(a, pa, now, nil, State{}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Put(b, pb, now, nil, State{}); err != nil {
		t.Fatal(err)
	}
	page, _ := c.List(Query{Limit: 3})
	if got := []string{page.Posts[0].Feed, page.Posts[1].Feed, page.Posts[2].Feed}; got[0] != a || got[1] != b || got[2] != a {
		t.Errorf("both feeds interleave by time: %v", got)
	}
	page, _ = c.List(Query{Feeds: map[string]bool{b: true}, Limit: 100})
	if page.Matches != 10 || page.Posts[0].Feed != b {
		t.Errorf("only feed b: %d matches", page.Matches)
	}
	read := map[string]bool{pa[0].Key: true, pa[1].Key: true}
	page, _ = c.List(Query{Skip: func(feed, key string) bool { return read[key] }, Limit: 1})
	if page.Matches != 18 || page.Posts[0].Key != pb[0].Key {
		t.Errorf("unread: %d matches, first %s; want 18, b's newest", page.Matches, page.Posts[0].Title)
	}
	page, _ = c.List(Query{Before: pa[4].Published, Limit: 100})
	if page.Matches != 11 || page.Posts[0].Key != pb[4].Key { // a 5–9, b 4–9
		t.Errorf("the page after a's 5th: %d matches, first %q", page.Matches, page.Posts[0].Title)
	}
	// A test on the post itself: b's posts with an even number, the
	// newest four of five, newest first.
	page, _ = c.List(Query{Limit: 4, Keep: func(feed string, p *Post) bool {
		var n int
		fmt.Sscanf(p.Title, "Post %d", &n)
		return feed == b && n%2 == 0
	}})
	var titles []string
	for _, p := range page.Posts {
		titles = append(titles, p.Title)
	}
	if page.Matches != 5 || strings.Join(titles, ", ") != "Post 0, Post 2, Post 4, Post 6" {
		t.Errorf("kept by their posts: %d matches, %v", page.Matches, titles)
	}
	// Nothing matches: an empty page, not a missing one.
	page, err := c.List(Query{Feeds: map[string]bool{"none": true}})
	if err != nil || page.Posts == nil || len(page.Posts) != 0 || page.Matches != 0 {
		t.Errorf("no match: %+v, %v", page, err)
	}
}
