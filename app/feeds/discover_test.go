package feeds

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"learnwork/app/fetch"
)

func TestKnownServiceFeeds(t *testing.T) {
	for in, want := range map[string]string{
		"https://bsky.app/profile/alex.bsky.social":                         "https://bsky.app/profile/alex.bsky.social/rss",
		"https://learningletter.substack.com/p/some-post":                   "https://learningletter.substack.com/feed",
		"https://medium.com/@priyanair":                                     "https://medium.com/feed/@priyanair",
		"https://medium.com/learning-design-collective":                     "https://medium.com/feed/learning-design-collective",
		"https://priyanair.medium.com/":                                     "https://priyanair.medium.com/feed",
		"https://www.youtube.com/channel/UCm9cA7rZ1v3iH8qXg2pN4sQ":          "https://www.youtube.com/feeds/videos.xml?channel_id=UCm9cA7rZ1v3iH8qXg2pN4sQ",
		"https://www.youtube.com/playlist?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv": "https://www.youtube.com/feeds/videos.xml?playlist_id=PLx0sYbCqOb8TBPRdmBHs5Iftvv",
		"https://youtube.com/user/learningsciences":                         "https://www.youtube.com/feeds/videos.xml?user=learningsciences",
		"https://mastodon.social/@alexchen":                                 "https://mastodon.social/@alexchen.rss",
		"https://hachyderm.io/users/alexchen":                               "https://hachyderm.io/users/alexchen.rss",
	} {
		got := Known(in)
		if len(got) != 1 || got[0].URL != want {
			t.Errorf("Known(%s) = %+v, want %s", in, got, want)
		}
	}
	for _, in := range []string{"https://learningloop.example.org/about/", "https://www.youtube.com/@handle", "https://medium.com/@priya/a-post-4b1e"} {
		if got := Known(in); len(got) != 0 {
			t.Errorf("Known(%s) = %+v, want nothing (the page decides)", in, got)
		}
	}
}

func TestDiscover(t *testing.T) {
	wordpress, _ := os.ReadFile("testdata/wordpress.xml")
	mux := http.NewServeMux()
	mux.HandleFunc("/blog/feed/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(wordpress)
	})
	mux.HandleFunc("/blog/", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<!DOCTYPE html><html lang="en-GB"><head><meta charset="UTF-8">
<title>Learning Loop</title>
<link rel="alternate" type="application/rss+xml" title="Learning Loop &raquo; Feed" href="/blog/feed/" />
<link rel="alternate" type="application/rss+xml" title="Learning Loop &raquo; Comments Feed" href="/blog/comments/feed/" />
<link rel="alternate" type="application/json+oembed" href="/wp-json/oembed/1.0/embed?url=x" />
<link rel="stylesheet" href="/style.css" />
</head><body><h1>Learning Loop</h1></body></html>`))
	})
	mux.HandleFunc("/nothing/", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<html><head><title>Nothing</title></head><body>Hi</body></html>`))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	g := fetch.New(fetch.Options{MinInterval: time.Millisecond})
	ctx := context.Background()

	got, err := Discover(ctx, g, srv.URL+"/blog/")
	if err != nil || len(got) != 1 || got[0].URL != srv.URL+"/blog/feed/" || got[0].Title != "Learning Loop – notes on workplace learning" || got[0].Via != "the page links it" || got[0].Posts != 2 {
		t.Errorf("a WordPress page: %+v, %v; want its feed, not the comments", got, err)
	}
	got, err = Discover(ctx, g, srv.URL+"/blog/feed/")
	if err != nil || len(got) != 1 || got[0].Via != "the address is a feed" || got[0].Format != "RSS" {
		t.Errorf("a feed's own address: %+v, %v", got, err)
	}
	// A site whose pages link no feed, with one where blogs keep it.
	plain := http.NewServeMux()
	plain.HandleFunc("/about", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<html><head><title>No links here</title></head><body>Hi</body></html>`))
	})
	plain.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) { w.Write(wordpress) })
	srv2 := httptest.NewServer(plain)
	defer srv2.Close()
	got, err = Discover(ctx, g, srv2.URL+"/about")
	if err != nil || len(got) != 1 || got[0].URL != srv2.URL+"/feed.xml" || got[0].Via != "found where blogs usually put their feed" {
		t.Errorf("a page without links: %+v, %v", got, err)
	}
	if _, err := Discover(ctx, g, srv.URL+"/nothing/"); !errors.Is(err, ErrNoFeed) {
		t.Errorf("a page with no feed anywhere: %v, want ErrNoFeed", err)
	}
	if _, err := Discover(ctx, g, srv.URL+"/missing"); !errors.Is(err, fetch.ErrNotFound) {
		t.Errorf("a page that is not there: %v, want ErrNotFound", err)
	}
}
