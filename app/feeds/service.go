package feeds

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"learnwork/app/fetch"
	"learnwork/app/nurture"
	"learnwork/store"
)

// TypeCalendar is the source type of a calendar subscription: its feed is
// an iCalendar address, fetched by the calendar side, not read as posts.
const TypeCalendar = "calendar"

// readMarkAge is how long a read mark is kept: past it the post has left
// every device's cache (MaxAge), so the mark can go.
const readMarkAge = MaxAge + 30*24*time.Hour

// Service is What's new over a store: the sources with a feed, their
// fetched posts, and what the person does with them (read, saved, learned
// from), which is ordinary synced data on the source.
type Service struct {
	store   *store.Store
	cache   *Cache
	refresh *Refresher
	now     func() time.Time
}

// NewService reads feeds with f into s's local cache; now nil is time.Now.
func NewService(s *store.Store, f *fetch.Fetcher, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	c := NewCache(s.Cache())
	return &Service{store: s, cache: c, refresh: &Refresher{Fetcher: f, Cache: c, Now: now}, now: now}
}

// source is what the service needs of a Source with a feed.
type source struct {
	id, name, feed, key, author string
	authorName                  string
	topics                      []string // names
	read, saved                 map[string]bool
	marks                       []string // the read marks as stored (DATE/KEY)
}

// readKey is the post key a read mark holds ("2026-12-07/key": the date
// lets old marks be dropped on any device alike).
func readKey(mark string) string { return mark[strings.LastIndexByte(mark, '/')+1:] }

// sources reads every live source with a feed that is not a calendar.
func (sv *Service) sources(ctx context.Context) ([]source, error) {
	var out []source
	err := sv.store.View(ctx, func(r *store.Reader) error {
		return r.Each(store.KindSource, func(rec *store.Record) bool {
			feed := strings.TrimSpace(rec.Scalar("feed"))
			if feed == "" || rec.Trashed() || rec.Scalar("type") == TypeCalendar {
				return true
			}
			src := source{id: rec.ID, name: rec.Scalar("name"), feed: feed, key: FeedKey(feed), author: rec.Scalar("author"),
				read: map[string]bool{}, saved: map[string]bool{}}
			if src.author != "" {
				if p, err := r.Record(store.KindPerson, src.author); err == nil && !p.Trashed() {
					src.authorName = p.Scalar("name")
				}
			}
			for _, t := range rec.Elements("topics") {
				src.topics = append(src.topics, r.TopicName(t))
			}
			src.marks = rec.Elements("read")
			for _, m := range src.marks {
				src.read[readKey(m)] = true
			}
			for _, k := range rec.Elements("saved") {
				src.saved[k] = true
			}
			out = append(out, src)
			return true
		})
	})
	return out, err
}

// FeedStatus is one source's feed as the person sees it.
type FeedStatus struct {
	Source      string    `json:"source"` // the source's ID
	Name        string    `json:"name"`
	URL         string    `json:"url"`
	Title       string    `json:"title,omitempty"` // as the feed calls itself
	LastFetch   time.Time `json:"lastFetch,omitzero"`
	LastSuccess time.Time `json:"lastSuccess,omitzero"`
	Next        time.Time `json:"next,omitzero"`
	Problem     string    `json:"problem,omitempty"` // why the last fetch failed, in words
	Posts       int       `json:"posts"`
	Unread      int       `json:"unread"`
	Latest      time.Time `json:"latest,omitzero"`
	Quiet       string    `json:"quiet,omitempty"` // "gone quiet: …" (GoneQuiet)
	Added       int       `json:"added,omitempty"` // new posts in this refresh
}

// Feeds lists every source's feed with its last and next fetch and
// problem, sources by name.
func (sv *Service) Feeds(ctx context.Context) ([]FeedStatus, error) {
	srcs, err := sv.sources(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]FeedStatus, 0, len(srcs))
	for _, s := range srcs {
		st, err := sv.cache.State(s.key)
		if err != nil {
			return nil, err
		}
		out = append(out, sv.status(s, st))
	}
	if err := sv.countUnread(srcs, out); err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b FeedStatus) int { return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) })
	return out, nil
}

func (sv *Service) status(s source, st State) FeedStatus {
	fs := FeedStatus{Source: s.id, Name: s.name, URL: s.feed}
	if st.URL == s.feed {
		fs.Title, fs.LastFetch, fs.LastSuccess, fs.Next, fs.Problem, fs.Posts, fs.Latest = st.Title, st.LastFetch, st.LastSuccess, st.Next, st.Problem, st.Posts, st.Latest
		fs.Quiet = GoneQuiet(sv.now(), st.Latest, st.Usual)
	}
	return fs
}

// countUnread fills Unread in one pass over the cache's keys.
func (sv *Service) countUnread(srcs []source, out []FeedStatus) error {
	byFeed := map[string][]int{}
	for i, s := range srcs {
		byFeed[s.key] = append(byFeed[s.key], i)
	}
	_, err := sv.cache.List(Query{Limit: 1, Skip: func(feed, key string) bool {
		for _, i := range byFeed[feed] {
			if !srcs[i].read[key] {
				out[i].Unread++
			}
		}
		return true
	}})
	return err
}

// Refresh fetches every feed that is due (all of them with force),
// reporting progress, and drops read marks old enough to have left every
// cache. It returns every feed's status.
func (sv *Service) Refresh(ctx context.Context, force bool, progress func(done, total int)) ([]FeedStatus, error) {
	srcs, err := sv.sources(ctx)
	if err != nil {
		return nil, err
	}
	var targets []Target
	byFeed := map[string]int{}
	for _, s := range srcs {
		if _, ok := byFeed[s.key]; ok {
			continue // two sources, one feed: fetched once
		}
		byFeed[s.key] = len(targets)
		saved := s.saved
		targets = append(targets, Target{URL: s.feed, Force: force, Keep: func(k string) bool { return saved[k] }})
	}
	results := sv.refresh.Refresh(ctx, targets, progress)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := sv.dropOldMarks(ctx); err != nil {
		return nil, err
	}
	out := make([]FeedStatus, len(srcs))
	for i, s := range srcs {
		res := results[byFeed[s.key]]
		out[i] = sv.status(s, res.State)
		out[i].Added = res.Added
	}
	if err := sv.countUnread(srcs, out); err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b FeedStatus) int { return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) })
	return out, nil
}

func (sv *Service) dropOldMarks(ctx context.Context) error {
	cutoff := sv.now().Add(-readMarkAge).UTC().Format(time.DateOnly)
	old := map[string][]string{}
	err := sv.store.View(ctx, func(r *store.Reader) error {
		return r.Each(store.KindSource, func(rec *store.Record) bool {
			for _, m := range rec.Elements("read") {
				if day, _, ok := strings.Cut(m, "/"); ok && day < cutoff {
					old[rec.ID] = append(old[rec.ID], m)
				}
			}
			return true
		})
	})
	if err != nil || len(old) == 0 {
		return err
	}
	return sv.store.Update(ctx, func(tx *store.Tx) error {
		for id, marks := range old {
			for _, m := range marks {
				if err := tx.Remove(store.KindSource, id, "read", m); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// NewsQuery filters What's new.
type NewsQuery struct {
	Unread bool      `json:"unread,omitempty"`
	Topic  string    `json:"topic,omitempty"`  // posts from sources on this topic (a name)
	Person string    `json:"person,omitempty"` // posts from sources this person writes (an ID)
	Source string    `json:"source,omitempty"` // posts from this source (an ID)
	Saved  bool      `json:"saved,omitempty"`  // only saved posts
	Before time.Time `json:"before,omitzero"`  // the page after the post of this date
	Limit  int       `json:"limit,omitempty"`  // 0: 100
}

// NewsItem is a post with where it came from and what was done with it.
type NewsItem struct {
	Post
	Source     string   `json:"source"`
	SourceName string   `json:"sourceName"`
	Person     string   `json:"person,omitempty"`     // the source's author, a person ID
	PersonName string   `json:"personName,omitempty"` // and their name
	Topics     []string `json:"topics,omitempty"`     // the source's topics
	Read       bool     `json:"read"`
	Saved      bool     `json:"saved"`
}

// News is a page of What's new.
type News struct {
	Items   []NewsItem `json:"items"`
	Matches int        `json:"matches"` // posts matching the filters, this page included
	Unread  int        `json:"unread"`  // unread among them
}

// News lists posts newest first with the filters given, and counts them.
func (sv *Service) News(ctx context.Context, q NewsQuery) (News, error) {
	out := News{Items: []NewsItem{}}
	sel, err := sv.choose(ctx, q)
	if err != nil || len(sel.feeds) == 0 {
		return out, err
	}
	page, err := sv.cache.List(Query{Feeds: sel.feeds, Before: q.Before, Limit: q.Limit, Skip: sel.skip(q, &out.Unread)})
	if err != nil {
		return out, err
	}
	out.Matches = page.Matches
	out.Items = sel.items(page.Posts)
	return out, nil
}

// Latest is the newest posts with the filters given, newest first, and
// nothing else: What's new's first answer, read from the newest end of
// the cache and stopping at q.Limit, so the screen shows posts before
// anything has counted them (News does, once they are on screen).
func (sv *Service) Latest(ctx context.Context, q NewsQuery) ([]NewsItem, error) {
	sel, err := sv.choose(ctx, q)
	if err != nil || len(sel.feeds) == 0 {
		return []NewsItem{}, err
	}
	posts, err := sv.cache.Newest(Query{Feeds: sel.feeds, Before: q.Before, Limit: q.Limit, Skip: sel.skip(q, nil)})
	if err != nil {
		return []NewsItem{}, err
	}
	return sel.items(posts), nil
}

// chosen is the feeds a query of What's new takes posts from, each with
// the source it shows them under.
type chosen struct {
	bySrc map[string]*source
	feeds map[string]bool
}

func (sv *Service) choose(ctx context.Context, q NewsQuery) (chosen, error) {
	srcs, err := sv.sources(ctx)
	if err != nil {
		return chosen{}, err
	}
	topic := store.NormalizeName(q.Topic)
	sel := chosen{bySrc: map[string]*source{}, feeds: map[string]bool{}}
	for i := range srcs {
		s := &srcs[i]
		if q.Person != "" && s.author != q.Person || q.Source != "" && s.id != q.Source {
			continue
		}
		if topic != "" && !slices.ContainsFunc(s.topics, func(t string) bool { return store.NormalizeName(t) == topic }) {
			continue
		}
		if _, ok := sel.bySrc[s.key]; !ok {
			sel.bySrc[s.key] = s
		}
		sel.feeds[s.key] = true
	}
	return sel, nil
}

// skip leaves out the posts q does not want, counting the unread it
// meets in unread (nil: not counted).
func (sel chosen) skip(q NewsQuery, unread *int) func(feed, key string) bool {
	return func(feed, key string) bool {
		s := sel.bySrc[feed]
		if !s.read[key] {
			if unread != nil {
				*unread++
			}
		} else if q.Unread {
			return true
		}
		return q.Saved && !s.saved[key]
	}
}

func (sel chosen) items(posts []Post) []NewsItem {
	out := make([]NewsItem, 0, len(posts))
	for _, p := range posts {
		out = append(out, item(sel.bySrc[p.Feed], p))
	}
	return out
}

func item(s *source, p Post) NewsItem {
	return NewsItem{Post: p, Source: s.id, SourceName: s.name, Person: s.author, PersonName: s.authorName, Topics: s.topics, Read: s.read[p.Key], Saved: s.saved[p.Key]}
}

// ErrNoPost is a post no longer in the cache (trimmed, or never fetched
// on this device).
var ErrNoPost = errors.New("this post is no longer kept on this device")

// Open reads one post whole (its text and its images' addresses) for
// reading, and marks it read.
func (sv *Service) Open(ctx context.Context, sourceID, key string) (NewsItem, error) {
	s, err := sv.source(ctx, sourceID)
	if err != nil {
		return NewsItem{}, err
	}
	p, err := sv.cache.Post(s.key, key)
	if errors.Is(err, store.ErrNotFound) {
		return NewsItem{}, ErrNoPost
	}
	if err != nil {
		return NewsItem{}, err
	}
	if err := sv.MarkRead(ctx, sourceID, []string{key}, true); err != nil {
		return NewsItem{}, err
	}
	it := item(s, p)
	it.Read = true
	return it, nil
}

func (sv *Service) source(ctx context.Context, id string) (*source, error) {
	srcs, err := sv.sources(ctx)
	if err != nil {
		return nil, err
	}
	for i := range srcs {
		if srcs[i].id == id {
			return &srcs[i], nil
		}
	}
	return nil, fmt.Errorf("source %q has no feed: %w", id, store.ErrNotFound)
}

// MarkRead marks posts of a source read (or unread again). The marks sync:
// another device shows them read too.
func (sv *Service) MarkRead(ctx context.Context, sourceID string, keys []string, read bool) error {
	today := sv.now().UTC().Format(time.DateOnly)
	return sv.store.Update(ctx, func(tx *store.Tx) error {
		return markRead(tx, sourceID, keys, read, today)
	})
}

func markRead(tx *store.Tx, sourceID string, keys []string, read bool, today string) error {
	rec, err := tx.Record(store.KindSource, sourceID)
	if err != nil {
		return fmt.Errorf("mark read: %w", err)
	}
	marks := map[string][]string{}
	for _, m := range rec.Elements("read") {
		marks[readKey(m)] = append(marks[readKey(m)], m)
	}
	for _, k := range keys {
		switch {
		case read && len(marks[k]) == 0:
			if err := tx.Add(store.KindSource, sourceID, "read", today+"/"+k); err != nil {
				return err
			}
		case !read:
			for _, m := range marks[k] {
				if err := tx.Remove(store.KindSource, sourceID, "read", m); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// Save keeps a post (or lets it go): a saved post stays in the cache past
// its feed's bounds.
func (sv *Service) Save(ctx context.Context, sourceID, key string, saved bool) error {
	return sv.store.Update(ctx, func(tx *store.Tx) error {
		if saved {
			return tx.Add(store.KindSource, sourceID, "saved", key)
		}
		return tx.Remove(store.KindSource, sourceID, "saved", key)
	})
}

// LearnedFrom records "I learned from this": a learning entry dated today,
// from the source and its author, on the source's topics, with the post's
// address, and the post marked read, in one commit. what is what was
// learned; empty, the post's title stands for it.
func (sv *Service) LearnedFrom(ctx context.Context, sourceID, key, what string) (string, error) {
	s, err := sv.source(ctx, sourceID)
	if err != nil {
		return "", err
	}
	p, err := sv.cache.Post(s.key, key)
	if errors.Is(err, store.ErrNotFound) {
		return "", ErrNoPost
	}
	if err != nil {
		return "", err
	}
	if what = strings.TrimSpace(what); what == "" {
		what = p.Title
	}
	now := sv.now()
	l := &store.Learning{Meta: store.Meta{Kind: store.KindLearning}, Date: now.Format(time.DateOnly), What: what, From: []string{s.id}, Topics: s.topics, URL: p.URL}
	if s.author != "" {
		l.From = append(l.From, s.author)
	}
	var id string
	err = sv.store.Update(ctx, func(tx *store.Tx) error {
		var err error
		if id, err = tx.Put(l); err != nil {
			return err
		}
		return markRead(tx, s.id, []string{key}, true, now.UTC().Format(time.DateOnly))
	})
	return id, err
}

// Discover finds the feeds of a web page or profile (see Discover).
func (sv *Service) Discover(ctx context.Context, address string) ([]Candidate, error) {
	return Discover(ctx, sv.refresh.Fetcher, address)
}

// Follow adds a source for a feed the person confirmed, written by person
// (an ID, or empty), and fetches it; a source with that feed already is
// returned as it is.
func (sv *Service) Follow(ctx context.Context, c Candidate, person string) (string, error) {
	srcs, err := sv.sources(ctx)
	if err != nil {
		return "", err
	}
	for _, s := range srcs {
		if s.key == FeedKey(c.URL) {
			return s.id, nil
		}
	}
	name := or(c.Title, c.URL)
	var id string
	err = sv.store.Update(ctx, func(tx *store.Tx) error {
		var err error
		id, err = tx.Put(&store.Source{Meta: store.Meta{Kind: store.KindSource}, Name: name, Type: "feed", Feed: c.URL, Author: person})
		return err
	})
	if err != nil {
		return "", err
	}
	// A fetch that fails is in the feed's status, for the person to see.
	sv.refresh.Refresh(ctx, []Target{{URL: c.URL}}, nil)
	return id, nil
}

// UseFeed gives a source the feed the person confirmed (found from the
// source's web address) and fetches it now, so a source followed before
// it had a feed keeps its history instead of a second source starting.
func (sv *Service) UseFeed(ctx context.Context, sourceID string, c Candidate) (FeedStatus, error) {
	if _, err := fetch.Normalize(c.URL); err != nil {
		return FeedStatus{}, err
	}
	err := sv.store.Update(ctx, func(tx *store.Tx) error {
		if _, err := tx.Record(store.KindSource, sourceID); err != nil {
			return fmt.Errorf("use a feed: %w", err)
		}
		return tx.Set(store.KindSource, sourceID, "feed", c.URL)
	})
	if err != nil {
		return FeedStatus{}, err
	}
	s, err := sv.source(ctx, sourceID)
	if err != nil {
		return FeedStatus{}, err
	}
	res := sv.refresh.Refresh(ctx, []Target{{URL: s.feed, Force: true, Keep: func(k string) bool { return s.saved[k] }}}, nil)
	out := []FeedStatus{sv.status(*s, res[0].State)}
	out[0].Added = res[0].Added
	return out[0], sv.countUnread([]source{*s}, out)
}

// Unfollow stops fetching a source's feed: the source keeps everything
// else (what was learned from it stays linked); the posts go from the
// cache unless another source has the same feed.
func (sv *Service) Unfollow(ctx context.Context, sourceID string) error {
	s, err := sv.source(ctx, sourceID)
	if err != nil {
		return err
	}
	if err := sv.store.Update(ctx, func(tx *store.Tx) error { return tx.Clear(store.KindSource, sourceID, "feed") }); err != nil {
		return err
	}
	srcs, err := sv.sources(ctx)
	if err != nil {
		return err
	}
	for _, o := range srcs {
		if o.key == s.key {
			return nil
		}
	}
	return sv.cache.Drop(s.key)
}

// Readings is what the feeds tell nurture (nurture.ReadingNudges): each
// source whose feed has gone quiet, and each person who writes a source
// with how many of their posts were read lately and when you were last in
// touch.
func (sv *Service) Readings(ctx context.Context, now time.Time) ([]nurture.Reading, error) {
	srcs, err := sv.sources(ctx)
	if err != nil {
		return nil, err
	}
	var out []nurture.Reading
	since := now.Add(-nurture.ReadWindow).UTC().Format(time.DateOnly)
	read := map[string]int{}
	names := map[string]string{}
	for _, s := range srcs {
		st, err := sv.cache.State(s.key)
		if err != nil {
			return nil, err
		}
		if q := GoneQuiet(now, st.Latest, st.Usual); q != "" && st.URL == s.feed {
			out = append(out, nurture.Reading{ID: s.id, Kind: string(store.KindSource), Name: s.name, Quiet: q})
		}
		if s.author == "" || s.authorName == "" {
			continue
		}
		names[s.author] = s.authorName
		for _, m := range s.marks {
			if day, _, ok := strings.Cut(m, "/"); ok && day >= since {
				read[s.author]++
			}
		}
	}
	if len(read) == 0 {
		return out, nil
	}
	err = sv.store.View(ctx, func(r *store.Reader) error {
		last, err := r.LastContacts()
		if err != nil {
			return err
		}
		for id, n := range read {
			out = append(out, nurture.Reading{ID: id, Kind: string(store.KindPerson), Name: names[id], Read: n, LastContact: last[id]})
		}
		return nil
	})
	slices.SortFunc(out, func(a, b nurture.Reading) int { return strings.Compare(a.ID, b.ID) })
	return out, err
}

// PublishedByTopic counts the posts published since t by the sources on
// each topic (by normalised name), for topic coverage.
func (sv *Service) PublishedByTopic(ctx context.Context, t time.Time) (map[string]int, error) {
	srcs, err := sv.sources(ctx)
	if err != nil {
		return nil, err
	}
	topics := map[string][]string{}
	for _, s := range srcs {
		for _, name := range s.topics {
			if n := store.NormalizeName(name); !slices.Contains(topics[s.key], n) {
				topics[s.key] = append(topics[s.key], n)
			}
		}
	}
	out := map[string]int{}
	if len(topics) == 0 {
		return out, nil
	}
	err = sv.cache.Since(t, func(feed, _ string) {
		for _, n := range topics[feed] {
			out[n]++
		}
	})
	return out, err
}
