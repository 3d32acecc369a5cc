package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log"
	"strings"
	stdsync "sync"
	"time"

	"learnwork/app/feeds"
	"learnwork/app/fetch"
	"learnwork/app/subscriptions"
	"learnwork/store"
)

// refreshEvery is how often the window looks for feeds and calendars that
// are due; each has its own time (fetch.Next), this only checks.
const refreshEvery = 10 * time.Minute

// firstRefresh is how long after the window opens the first look is:
// long enough not to slow the first screen down.
const firstRefresh = 10 * time.Second

// Feeds is the feeds area: What's new from sources' feeds, and calendar
// subscriptions, both fetched on one polite fetcher (app/fetch) so a site
// hears from Learnwork once at a time.
type Feeds struct {
	core
	refreshing stdsync.Mutex // one refresh at a time: the window's loop and a click
	fetch      *fetch.Fetcher
	news       *feeds.Service
	cals       *subscriptions.Service
}

// newFeeds makes the feeds service; o tunes the fetcher (tests: a
// transport that trusts a test server).
func newFeeds(c core, o fetch.Options) *Feeds {
	if o.Now == nil {
		o.Now = c.now
	}
	f := fetch.New(o)
	return &Feeds{core: c, fetch: f, news: feeds.NewService(c.store, f, c.now), cals: subscriptions.New(c.store, f, icalFormat{}, c.now)}
}

// Refreshed is what a refresh did: every feed and subscription with its
// status, and the totals.
type Refreshed struct {
	Feeds     []feeds.FeedStatus     `json:"feeds"`
	Calendars []subscriptions.Status `json:"calendars"`
	New       int                    `json:"new"`      // posts
	Changed   int                    `json:"changed"`  // events created, updated or cancelled
	Problems  int                    `json:"problems"` // feeds and calendars whose fetch failed
}

// Refresh fetches feeds and subscriptions: all of them now, or with due
// only those whose time has come. Progress goes to the window as
// refresh:progress; then feeds:refreshed tells every list of feeds in the
// window (What's new, a source's page, Following) to show what it did.
func (fs *Feeds) Refresh(due bool) (Refreshed, error) {
	r, err := RefreshFeeds(fs, due, nil)
	if err == nil {
		fs.window.Emit("feeds:refreshed", r)
	}
	return r, err
}

// RefreshFeeds is Refresh with a progress callback (the CLI's bar); a
// function, not a method, so the window does not bind it.
func RefreshFeeds(fs *Feeds, due bool, progress func(done, total int)) (Refreshed, error) {
	fs.refreshing.Lock()
	defer fs.refreshing.Unlock()
	var out Refreshed
	if err := fs.ctx.Err(); err != nil {
		return out, err // closing
	}
	cals, err := fs.cals.List(fs.ctx)
	if err != nil {
		return out, err
	}
	feedsDone, feedsTotal := 0, 0
	report := func(done, total int) {
		fs.window.Progress("refresh", "refresh", done, total)
		if progress != nil {
			progress(done, total)
		}
	}
	out.Feeds, err = fs.news.Refresh(fs.ctx, !due, func(done, total int) {
		feedsDone, feedsTotal = done, total
		report(done, total+len(cals))
	})
	if err != nil {
		return out, err
	}
	out.Calendars, err = fs.cals.Refresh(fs.ctx, !due, func(done, total int) {
		report(feedsDone+done, feedsTotal+total)
	})
	if err != nil {
		return out, err
	}
	for _, f := range out.Feeds {
		out.New += f.Added
		if f.Problem != "" {
			out.Problems++
		}
	}
	for _, c := range out.Calendars {
		out.Changed += c.Created + c.Updated + c.Cancelled
		if c.Problem != "" {
			out.Problems++
		}
	}
	return out, nil
}

// RunFeeds refreshes what is due while the window is open: soon after it
// opens, then every refreshEvery, until ctx ends. Each refresh that
// brought something tells the window (feeds:refreshed).
func RunFeeds(ctx context.Context, fs *Feeds) {
	t := time.NewTimer(firstRefresh)
	defer t.Stop()
	runFeeds(ctx, fs, t.C, func() { t.Reset(refreshEvery) })
}

// runFeeds is RunFeeds's loop: it refreshes what is due each time tick
// fires, then calls again to set the next tick (tests tick by hand).
func runFeeds(ctx context.Context, fs *Feeds, tick <-chan time.Time, again func()) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick:
		}
		switch r, err := RefreshFeeds(fs, true, nil); {
		case err != nil && ctx.Err() == nil:
			log.Printf("learnwork: feeds: %v", err) // a store failure: fetch failures are in each feed's status
		case err == nil && r.New+r.Changed > 0:
			fs.window.Emit("feeds:refreshed", r)
		}
		again()
	}
}

// wait returns once no refresh is running: Close calls it after
// cancelling, so nothing writes to a closing store.
func (fs *Feeds) wait() {
	fs.refreshing.Lock()
	defer fs.refreshing.Unlock()
}

// FeedStatuses lists every source's feed with its last and next fetch,
// unread posts and problem.
func (fs *Feeds) FeedStatuses() ([]feeds.FeedStatus, error) { return fs.news.Feeds(fs.ctx) }

// News is What's new: posts newest first, filtered, and counted.
func (fs *Feeds) News(q feeds.NewsQuery) (feeds.News, error) { return fs.news.News(fs.ctx, q) }

// LatestNews is the newest posts, filtered, without counting the others:
// what the What's new screen shows first.
func (fs *Feeds) LatestNews(q feeds.NewsQuery) ([]feeds.NewsItem, error) {
	return fs.news.Latest(fs.ctx, q)
}

// OpenPost reads a post whole and marks it read.
func (fs *Feeds) OpenPost(source, key string) (feeds.NewsItem, error) {
	return fs.news.Open(fs.ctx, source, key)
}

// MarkRead marks posts read, or unread again.
func (fs *Feeds) MarkRead(source string, keys []string, read bool) error {
	return fs.news.MarkRead(fs.ctx, source, keys, read)
}

// SavePost keeps a post past its feed's bounds, or lets it go.
func (fs *Feeds) SavePost(source, key string, saved bool) error {
	return fs.news.Save(fs.ctx, source, key, saved)
}

// LearnedFrom logs "I learned from this" and returns the learning's ID.
func (fs *Feeds) LearnedFrom(source, key, what string) (string, error) {
	return fs.news.LearnedFrom(fs.ctx, source, key, what)
}

// DiscoverFeeds finds the feeds of a website or profile, for the person to
// pick one.
func (fs *Feeds) DiscoverFeeds(address string) ([]feeds.Candidate, error) {
	c, err := fs.news.Discover(fs.ctx, address)
	return c, fetch.Explain(err, fs.now())
}

// FollowFeed adds a source for a feed found by DiscoverFeeds, written by
// person (an ID, or empty).
func (fs *Feeds) FollowFeed(c feeds.Candidate, person string) (string, error) {
	return fs.news.Follow(fs.ctx, c, person)
}

// UseFeed gives an existing source a feed found by DiscoverFeeds from its
// web address, fetches it, and returns its status.
func (fs *Feeds) UseFeed(source string, c feeds.Candidate) (feeds.FeedStatus, error) {
	return fs.news.UseFeed(fs.ctx, source, c)
}

// Subscriptions lists the calendar subscriptions.
func (fs *Feeds) Subscriptions() ([]subscriptions.Status, error) { return fs.cals.List(fs.ctx) }

// Subscribed is what Subscribe did: a calendar subscribed to, a feed
// followed, or the feeds a page offers when it offers several.
type Subscribed struct {
	Calendar   *subscriptions.Status `json:"calendar,omitempty"`
	Source     string                `json:"source,omitempty"` // the source following the feed
	Feed       *feeds.Candidate      `json:"feed,omitempty"`
	Candidates []feeds.Candidate     `json:"candidates,omitempty"` // several feeds: subscribe to one of them
}

// Subscribe follows an address: a calendar (webcal, .ics, or an answer that
// is one) becomes a subscription; a feed, or a page or profile with one
// feed, becomes a source; a page with several gives them back to choose.
// name names a new calendar (empty: its host); person is a new feed's
// author.
func (fs *Feeds) Subscribe(address, name, person string) (Subscribed, error) {
	u, err := fetch.Normalize(address)
	if err != nil {
		return Subscribed{}, err
	}
	calendar := strings.HasPrefix(strings.ToLower(strings.TrimSpace(address)), "webcal") || strings.HasSuffix(strings.ToLower(u.Path), ".ics")
	looked := answered{Getter: fs.fetch, url: u.String()}
	if !calendar {
		resp, err := fs.fetch.Get(fs.ctx, fetch.Request{URL: u.String()})
		if err != nil {
			return Subscribed{}, fetch.Explain(err, fs.now())
		}
		calendar = bytes.Contains(resp.Body[:min(len(resp.Body), 4096)], []byte("BEGIN:VCALENDAR"))
		looked.resp = resp
	}
	if calendar {
		st, err := fs.cals.Subscribe(fs.ctx, address, name)
		return Subscribed{Calendar: &st}, err
	}
	cands, err := feeds.Discover(fs.ctx, looked, u.String())
	if err != nil {
		return Subscribed{}, fetch.Explain(err, fs.now())
	}
	if len(cands) > 1 {
		return Subscribed{Candidates: cands}, nil
	}
	id, err := fs.news.Follow(fs.ctx, cands[0], person)
	if err != nil {
		return Subscribed{}, err
	}
	return Subscribed{Source: id, Feed: &cands[0]}, nil
}

// answered is a fetcher that already has the answer for one address: the
// page Subscribe looked at to see whether it is a calendar is not asked
// for again (a site's pause between requests made that cost a second).
type answered struct {
	feeds.Getter
	url  string
	resp *fetch.Response
}

func (a answered) Get(ctx context.Context, req fetch.Request) (*fetch.Response, error) {
	if a.resp != nil && req.URL == a.url {
		return a.resp, nil
	}
	return a.Getter.Get(ctx, req)
}

// ErrNotSubscribed is Unsubscribe given an address or ID it does not follow.
var ErrNotSubscribed = errors.New("not subscribed")

// Unsubscribe stops following an address or ID: a calendar subscription
// goes to Trash (its events stay); a source keeps everything but its feed.
// It returns the name of what it stopped.
func (fs *Feeds) Unsubscribe(addressOrID string) (string, error) {
	st, err := fs.cals.Unsubscribe(fs.ctx, addressOrID)
	if err == nil {
		return st.Name, nil
	}
	if !errors.Is(err, store.ErrNotFound) {
		return "", err
	}
	list, err := fs.news.Feeds(fs.ctx)
	if err != nil {
		return "", err
	}
	want := strings.TrimSpace(addressOrID)
	for _, f := range list {
		if f.Source == want || f.URL == want || feeds.FeedKey(f.URL) == feeds.FeedKey(want) {
			return f.Name, fs.news.Unfollow(fs.ctx, f.Source)
		}
	}
	return "", fmt.Errorf("%q: %w to it (learnwork feeds lists feeds and calendars)", want, ErrNotSubscribed)
}
