package feeds

import (
	"bytes"
	"context"
	"errors"
	"net/url"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"learnwork/app/fetch"
)

// Candidate is a feed found for an address, for the person to confirm.
type Candidate struct {
	URL    string `json:"url"`
	Title  string `json:"title,omitempty"`
	Format string `json:"format,omitempty"` // RSS, Atom, JSON Feed
	Via    string `json:"via"`              // how it was found, in words
	Posts  int    `json:"posts"`            // in the feed now
}

// Getter fetches a document (a *fetch.Fetcher).
type Getter interface {
	Get(ctx context.Context, req fetch.Request) (*fetch.Response, error)
}

// Accept is the Accept header for feeds: feed types first, pages after.
const Accept = "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, text/html;q=0.5, */*;q=0.1"

var (
	mastodonProfile = regexp.MustCompile(`^/@([A-Za-z0-9_]+)/?$`)
	mastodonUsers   = regexp.MustCompile(`^/users/([A-Za-z0-9_]+)/?$`)
	youtubeChannel  = regexp.MustCompile(`^/channel/(UC[A-Za-z0-9_-]+)`)
	youtubeUser     = regexp.MustCompile(`^/user/([A-Za-z0-9_.-]+)`)
	bskyProfile     = regexp.MustCompile(`^/profile/([^/]+)/?$`)
	mediumProfile   = regexp.MustCompile(`^/(@?[A-Za-z0-9_.-]+)/?$`)
)

// Known lists the feeds well-known services publish for a profile or site
// address, worked out from the address alone: Bluesky, Substack, Medium,
// YouTube (channel, user and playlist addresses) and Mastodon.
func Known(raw string) []Candidate {
	u, err := fetch.Normalize(raw)
	if err != nil {
		return nil
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	path := u.EscapedPath()
	one := func(feed, via string) []Candidate { return []Candidate{{URL: feed, Via: via}} }
	switch {
	case host == "bsky.app":
		if m := bskyProfile.FindStringSubmatch(path); m != nil {
			return one("https://bsky.app/profile/"+m[1]+"/rss", "Bluesky profiles have a feed")
		}
	case strings.HasSuffix(host, ".substack.com"):
		return one("https://"+host+"/feed", "Substack newsletters have a feed")
	case host == "medium.com":
		if m := mediumProfile.FindStringSubmatch(path); m != nil {
			return one("https://medium.com/feed/"+m[1], "Medium profiles have a feed")
		}
	case strings.HasSuffix(host, ".medium.com"):
		return one("https://"+host+"/feed", "Medium profiles have a feed")
	case host == "youtube.com" || host == "m.youtube.com":
		const base = "https://www.youtube.com/feeds/videos.xml?"
		if m := youtubeChannel.FindStringSubmatch(path); m != nil {
			return one(base+"channel_id="+m[1], "YouTube channels have a feed")
		}
		if l := u.Query().Get("list"); path == "/playlist" && l != "" {
			return one(base+"playlist_id="+url.QueryEscape(l), "YouTube playlists have a feed")
		}
		if m := youtubeUser.FindStringSubmatch(path); m != nil {
			return one(base+"user="+m[1], "YouTube channels have a feed")
		}
	default:
		if m := mastodonProfile.FindStringSubmatch(path); m != nil {
			return one(u.Scheme+"://"+u.Host+"/@"+m[1]+".rss", "Mastodon profiles have a feed")
		}
		if m := mastodonUsers.FindStringSubmatch(path); m != nil {
			return one(u.Scheme+"://"+u.Host+"/users/"+m[1]+".rss", "Mastodon profiles have a feed")
		}
	}
	return nil
}

// guesses are where blog engines put their feed (WordPress, Ghost, Hugo,
// Jekyll, Substack on its own domain), tried when a page links none.
var guesses = []string{"/feed", "/rss/", "/feed.xml", "/atom.xml", "/index.xml", "/rss.xml"}

// maxCandidates bounds how many feeds one discovery fetches to check.
const maxCandidates = 6

// Discover finds the feeds of an address: the address itself when it is a
// feed; else the feeds its page links (<link rel="alternate">) and those a
// known service publishes for it; else the usual places blog engines put
// them. Every candidate is fetched and read, so each one returned works.
// It fails when the page cannot be fetched, or with ErrNoFeed.
func Discover(ctx context.Context, g Getter, raw string) ([]Candidate, error) {
	u, err := fetch.Normalize(raw)
	if err != nil {
		return nil, err
	}
	resp, err := g.Get(ctx, fetch.Request{URL: u.String(), Accept: Accept})
	if err != nil {
		// A profile page that does not answer may still have a known feed.
		if known := check(ctx, g, Known(u.String())); len(known) > 0 {
			return known, nil
		}
		return nil, err
	}
	if f, err := Parse(resp.Body, resp.ContentType, resp.URL); err == nil {
		return []Candidate{{URL: resp.URL, Title: f.Title, Format: f.Format, Via: "the address is a feed", Posts: len(f.Posts)}}, nil
	}
	cands := Known(resp.URL)
	if resp.URL != u.String() {
		cands = append(cands, Known(u.String())...)
	}
	cands = append(cands, linked(resp.Body, resp.URL)...)
	found := check(ctx, g, cands)
	if len(found) > 0 {
		return found, nil
	}
	base, _ := url.Parse(resp.URL)
	var guessed []Candidate
	for _, p := range guesses {
		guessed = append(guessed, Candidate{URL: base.ResolveReference(&url.URL{Path: p}).String(), Via: "found where blogs usually put their feed"})
	}
	for _, c := range guessed {
		if found := check(ctx, g, []Candidate{c}); len(found) > 0 {
			return found, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
	return nil, ErrNoFeed
}

// linked reads the feeds a page links in its head.
func linked(page []byte, pageURL string) []Candidate {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(page))
	if err != nil {
		return nil
	}
	base, _ := url.Parse(pageURL)
	if href, ok := doc.Find("base[href]").Attr("href"); ok && base != nil {
		if b, err := url.Parse(href); err == nil {
			base = base.ResolveReference(b)
		}
	}
	var out []Candidate
	doc.Find("link[rel][href]").Each(func(_ int, l *goquery.Selection) {
		rels := strings.Fields(strings.ToLower(l.AttrOr("rel", "")))
		typ := strings.ToLower(strings.TrimSpace(l.AttrOr("type", "")))
		isAlt := false
		for _, r := range rels {
			isAlt = isAlt || r == "alternate" || r == "feed"
		}
		if !isAlt {
			return
		}
		switch typ {
		case "application/rss+xml", "application/atom+xml", "application/feed+json", "application/json", "application/rdf+xml", "text/xml", "application/xml":
		default:
			return
		}
		if strings.Contains(strings.ToLower(l.AttrOr("title", "")), "comments") {
			return // WordPress also links its comments feed
		}
		out = append(out, Candidate{URL: resolve(base, l.AttrOr("href", "")), Title: strings.TrimSpace(l.AttrOr("title", "")), Via: "the page links it"})
	})
	return out
}

// check fetches each candidate and keeps those that read as feeds, once
// each, with the feed's own title.
func check(ctx context.Context, g Getter, cands []Candidate) []Candidate {
	var out []Candidate
	seen := map[string]bool{}
	for _, c := range cands {
		if len(seen) >= maxCandidates || ctx.Err() != nil {
			break
		}
		if seen[c.URL] {
			continue
		}
		seen[c.URL] = true
		resp, err := g.Get(ctx, fetch.Request{URL: c.URL, Accept: Accept})
		if err != nil {
			continue
		}
		f, err := Parse(resp.Body, resp.ContentType, resp.URL)
		if err != nil {
			continue
		}
		c.URL, c.Format, c.Posts = resp.URL, f.Format, len(f.Posts)
		if f.Title != "" {
			c.Title = f.Title
		}
		out = append(out, c)
	}
	return out
}

// ErrNoFeed is Discover finding nothing.
var ErrNoFeed = errors.New("no feed found at this address: look for an RSS or subscribe link on the site")
