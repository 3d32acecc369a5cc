// Package feeds reads what the sources in a learning network publish: RSS
// 0.9–2.0, Atom and JSON Feed (with gofeed), posts made safe to show
// (bluemonday: no scripts, no raw HTML, images only when a post is opened),
// feed autodiscovery for web pages and profiles, and the local cache of
// fetched posts with its index by time. Fetching is app/fetch's.
package feeds

import (
	"bytes"
	"crypto/sha256"
	"encoding/base32"
	"errors"
	"fmt"
	"mime"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	ext "github.com/mmcdole/gofeed/extensions"
	"github.com/mmcdole/gofeed/rss"

	"learnwork/app/fetch"
)

// Feed is one fetched feed.
type Feed struct {
	Title  string
	Link   string        // the website
	Format string        // RSS, Atom, JSON Feed
	TTL    time.Duration // how long the publisher says it stays fresh (0: not said)
	Posts  []Post
}

// Post is one item of a feed, safe to show.
type Post struct {
	Key        string    `json:"key"`  // ItemKey: the same on every device
	Feed       string    `json:"feed"` // FeedKey of the feed it came from
	Title      string    `json:"title"`
	URL        string    `json:"url,omitempty"`
	Author     string    `json:"author,omitempty"`
	Published  time.Time `json:"published"`
	Summary    string    `json:"summary,omitempty"`    // plain text, a few lines
	Content    string    `json:"content,omitempty"`    // sanitised HTML; images as links
	Images     []string  `json:"images,omitempty"`     // the post's images, loaded only when it is opened
	Categories []string  `json:"categories,omitempty"` // as the feed tags it
	Audio      string    `json:"audio,omitempty"`      // a podcast episode's file
	Duration   string    `json:"duration,omitempty"`   // a podcast episode's length, as the feed gives it
}

// summaryRunes bounds a post's summary.
const summaryRunes = 280

var keyEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

func hashKey(s string) string {
	sum := sha256.Sum256([]byte(s))
	return strings.ToLower(keyEncoding.EncodeToString(sum[:10]))
}

// FeedKey names a feed by its address, so every source with the same feed
// shares one cache.
func FeedKey(feedURL string) string {
	if u, err := fetch.Normalize(feedURL); err == nil {
		feedURL = u.String()
	}
	return hashKey("feed\x00" + feedURL)
}

// ItemKey names a post by what the feed says is its identity (its GUID,
// else its link, else its title and date), so a post read on one device is
// read on another that fetched it separately.
func ItemKey(guid, link, title string, published time.Time) string {
	switch {
	case guid != "":
		return hashKey("guid\x00" + guid)
	case link != "":
		return hashKey("link\x00" + link)
	}
	return hashKey("title\x00" + title + "\x00" + published.UTC().Format(time.RFC3339))
}

// Parse reads a fetched feed. contentType is only a hint: feeds are often
// served as text/html or text/plain, so the body decides; a web page is
// fetch.NotAFeed. A post without a date has a zero Published (Cache.Put
// dates it when first seen).
func Parse(body []byte, contentType, feedURL string) (*Feed, error) {
	mt, _, _ := mime.ParseMediaType(contentType)
	p := gofeed.NewParser()
	p.KeepOriginalFeed = true
	gf, err := p.Parse(bytes.NewReader(body))
	if err != nil {
		why := err
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			why = fmt.Errorf("no RSS, Atom or JSON Feed in a %s answer", or(mt, "typeless"))
		}
		return nil, fetch.NotFeed(feedURL, why)
	}
	base, _ := url.Parse(feedURL)
	if l, err := url.Parse(gf.Link); err == nil && gf.Link != "" && base != nil {
		base = base.ResolveReference(l)
	}
	f := &Feed{Title: clean(gf.Title), Link: gf.Link, Format: formatName(gf), TTL: ttl(gf)}
	fk := FeedKey(feedURL)
	for _, it := range gf.Items {
		f.Posts = append(f.Posts, post(gf, it, fk, base))
	}
	return f, nil
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func formatName(gf *gofeed.Feed) string {
	switch gf.FeedType {
	case "rss":
		return "RSS"
	case "atom":
		return "Atom"
	case "json":
		return "JSON Feed"
	}
	return gf.FeedType
}

// ttl is what the feed says about how often it changes: RSS <ttl>
// (minutes) or the syndication module's updatePeriod/updateFrequency
// (WordPress writes "hourly", 1).
func ttl(gf *gofeed.Feed) time.Duration {
	if rf, ok := gf.OriginalFeed().(*rss.Feed); ok && rf.TTL != "" {
		if m, err := strconv.Atoi(strings.TrimSpace(rf.TTL)); err == nil && m > 0 {
			return time.Duration(m) * time.Minute
		}
	}
	sy := gf.Extensions["sy"]
	period := extText(sy, "updatePeriod")
	unit := map[string]time.Duration{"hourly": time.Hour, "daily": 24 * time.Hour, "weekly": 7 * 24 * time.Hour, "monthly": 30 * 24 * time.Hour, "yearly": 365 * 24 * time.Hour}[strings.ToLower(period)]
	if unit == 0 {
		return 0
	}
	freq, err := strconv.Atoi(extText(sy, "updateFrequency"))
	if err != nil || freq < 1 {
		freq = 1
	}
	return unit / time.Duration(freq)
}

func extText(m map[string][]ext.Extension, name string) string {
	if es := m[name]; len(es) > 0 {
		return strings.TrimSpace(es[0].Value)
	}
	return ""
}

func post(gf *gofeed.Feed, it *gofeed.Item, feedKey string, base *url.URL) Post {
	link := resolve(base, or(it.Link, firstLink(it.Links)))
	p := Post{Feed: feedKey, Title: clean(it.Title), URL: link, Author: author(gf, it), Categories: categories(it)}
	switch {
	case it.PublishedParsed != nil:
		p.Published = it.PublishedParsed.UTC()
	case it.UpdatedParsed != nil:
		p.Published = it.UpdatedParsed.UTC()
	}
	body := or(it.Content, it.Description)
	if body == "" {
		body = mediaDescription(it) // YouTube puts the description in media:group
	}
	if it.ITunesExt != nil {
		body = or(body, or(it.ITunesExt.Summary, it.ITunesExt.Subtitle))
		p.Duration = it.ITunesExt.Duration
	}
	pageBase := base
	if u, err := url.Parse(link); err == nil && link != "" {
		pageBase = u
	}
	p.Content, p.Images = Sanitize(body, pageBase)
	p.Summary = Summary(or(it.Description, body))
	if p.Title == "" {
		// Mastodon posts have no title: the first words stand for it.
		p.Title = truncate(p.Summary, 80)
	}
	for _, e := range it.Enclosures {
		if strings.HasPrefix(e.Type, "audio/") || strings.HasPrefix(e.Type, "video/") {
			p.Audio = resolve(base, e.URL)
			break
		}
	}
	p.Key = ItemKey(strings.TrimSpace(it.GUID), link, p.Title, p.Published)
	return p
}

func firstLink(ls []string) string {
	if len(ls) > 0 {
		return ls[0]
	}
	return ""
}

func resolve(base *url.URL, s string) string {
	s = strings.TrimSpace(s)
	if s == "" || base == nil {
		return s
	}
	u, err := url.Parse(s)
	if err != nil {
		return s
	}
	return base.ResolveReference(u).String()
}

func author(gf *gofeed.Feed, it *gofeed.Item) string {
	for _, a := range it.Authors {
		if a != nil && a.Name != "" {
			return clean(a.Name)
		}
	}
	if it.DublinCoreExt != nil && len(it.DublinCoreExt.Creator) > 0 {
		return clean(it.DublinCoreExt.Creator[0])
	}
	if it.ITunesExt != nil && it.ITunesExt.Author != "" {
		return clean(it.ITunesExt.Author)
	}
	for _, a := range gf.Authors {
		if a != nil && a.Name != "" {
			return clean(a.Name)
		}
	}
	return ""
}

func categories(it *gofeed.Item) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range it.Categories {
		for _, part := range strings.Split(c, ",") {
			if part = clean(part); part != "" && !seen[strings.ToLower(part)] {
				seen[strings.ToLower(part)] = true
				out = append(out, part)
			}
		}
	}
	return out
}

func mediaDescription(it *gofeed.Item) string {
	for _, g := range it.Extensions["media"]["group"] {
		if d := g.Children["description"]; len(d) > 0 {
			return d[0].Value
		}
	}
	return ""
}

// clean is a title or a name as plain text on one line.
func clean(s string) string {
	if strings.ContainsAny(s, "<&") {
		s = Summary(s)
	}
	return strings.Join(strings.Fields(s), " ")
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:") + "…"
}
