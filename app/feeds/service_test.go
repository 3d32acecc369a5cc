package feeds

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"learnwork/app/fetch"
	"learnwork/store"
)

type world struct {
	t     *testing.T
	store *store.Store
	svc   *Service
	now   time.Time
	pub   *publisher
}

func newWorld(t *testing.T, pub *publisher, s *store.Store) *world {
	t.Helper()
	w := &world{t: t, store: s, now: time.Date(2026, 12, 7, 13, 0, 0, 0, time.UTC), pub: pub}
	clock := func() time.Time { return w.now }
	w.svc = NewService(s, fetch.New(fetch.Options{MinInterval: time.Millisecond, Now: clock}), clock)
	return w
}

func openStore(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open("")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func (w *world) put(e store.Entity) string {
	w.t.Helper()
	var id string
	err := w.store.Update(context.Background(), func(tx *store.Tx) error {
		var err error
		id, err = tx.Put(e)
		return err
	})
	if err != nil {
		w.t.Fatal(err)
	}
	return id
}

func TestWhatsNewReadSaveLearn(t *testing.T) {
	ctx := context.Background()
	pub := newPublisher(t)
	w := newWorld(t, pub, openStore(t))
	sam := w.put(&store.Person{Meta: store.Meta{Kind: store.KindPerson}, Name: "Sam Rivera"})
	letter := w.put(&store.Source{Meta: store.Meta{Kind: store.KindSource}, Name: "The Learning Letter", Feed: pub.URL + "/substack.xml", Author: sam, Topics: []string{"Retrieval practice"}})
	loop := w.put(&store.Source{Meta: store.Meta{Kind: store.KindSource}, Name: "Learning Loop", Feed: pub.URL + "/wordpress.xml", Topics: []string{"Working out loud"}})
	w.put(&store.Source{Meta: store.Meta{Kind: store.KindSource}, Name: "Meetup calendar", Type: TypeCalendar, Feed: pub.URL + "/cal.ics"})
	w.put(&store.Source{Meta: store.Meta{Kind: store.KindSource}, Name: "A book"})

	st, err := w.svc.Refresh(ctx, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(st) != 2 || st[0].Name != "Learning Loop" || st[0].Added != 2 || st[0].Unread != 2 || st[1].Problem != "" || st[1].Next.IsZero() {
		t.Fatalf("refresh: %+v", st)
	}

	news, err := w.svc.News(ctx, NewsQuery{})
	if err != nil || news.Matches != 4 || news.Unread != 4 || news.Items[0].SourceName != "The Learning Letter" || news.Items[0].Person != sam || news.Items[0].PersonName != "Sam Rivera" {
		t.Fatalf("What's new: %+v, %v", news, err)
	}
	if news, _ := w.svc.News(ctx, NewsQuery{Topic: "retrieval PRACTICE"}); news.Matches != 2 || news.Items[0].Source != letter {
		t.Errorf("by topic: %d posts", news.Matches)
	}
	if news, _ := w.svc.News(ctx, NewsQuery{Person: sam}); news.Matches != 2 {
		t.Errorf("by person: %d posts", news.Matches)
	}

	first := news.Items[0]
	opened, err := w.svc.Open(ctx, first.Source, first.Key)
	if err != nil || !opened.Read || !strings.Contains(opened.Content, "[image]") || len(opened.Images) != 1 {
		t.Fatalf("opened: %+v, %v", opened, err)
	}
	if news, _ := w.svc.News(ctx, NewsQuery{Unread: true}); news.Matches != 3 || news.Unread != 3 {
		t.Errorf("unread after opening one: %d (%d unread)", news.Matches, news.Unread)
	}
	if err := w.svc.Save(ctx, first.Source, first.Key, true); err != nil {
		t.Fatal(err)
	}
	if news, _ := w.svc.News(ctx, NewsQuery{Saved: true}); news.Matches != 1 || !news.Items[0].Saved {
		t.Errorf("saved: %+v", news)
	}

	// "I learned from this": one commit with the learning and the read mark.
	wpPost, second := "", NewsItem{}
	for _, it := range news.Items {
		if it.Source == loop {
			wpPost = it.Key
		} else if it.Key != first.Key {
			second = it
		}
	}
	var commits []store.Commit
	w.store.OnCommit(func(c store.Commit) { commits = append(commits, c) })
	id, err := w.svc.LearnedFrom(ctx, letter, second.Key, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(commits) != 1 || commits[0].Kinds[store.KindLearning] != 1 || commits[0].Kinds[store.KindSource] != 1 {
		t.Errorf("learned from wrote %+v, want one commit with the learning and the source's read mark", commits)
	}
	var l *store.Learning
	w.store.View(ctx, func(r *store.Reader) error {
		e, err := r.Entity(store.KindLearning, id)
		if err == nil {
			l = e.(*store.Learning)
		}
		return err
	})
	if l == nil || l.What != second.Title || l.Date != "2026-12-07" || l.URL != second.URL || len(l.From) != 2 || l.From[0] != letter && l.From[1] != letter || len(l.Topics) != 1 || l.Topics[0] != "Retrieval practice" {
		t.Errorf("the learning: %+v", l)
	}
	if news, _ := w.svc.News(ctx, NewsQuery{Unread: true}); news.Matches != 2 {
		t.Errorf("unread after learning from one: %d", news.Matches)
	}
	if err := w.svc.MarkRead(ctx, loop, []string{wpPost}, true); err != nil {
		t.Fatal(err)
	}
	if err := w.svc.MarkRead(ctx, letter, []string{first.Key}, false); err != nil {
		t.Fatal(err)
	}
	if news, _ := w.svc.News(ctx, NewsQuery{Unread: true}); news.Matches != 2 || news.Items[0].Key != first.Key {
		t.Errorf("after marking one read and one unread again: %+v", news)
	}
}

// A second device that fetches the same feeds shows as read what the
// first marked read: the marks travel with the source.
func TestReadMarksFollowToAnotherDevice(t *testing.T) {
	ctx := context.Background()
	pub := newPublisher(t)
	a := newWorld(t, pub, openStore(t))
	src := a.put(&store.Source{Meta: store.Meta{Kind: store.KindSource}, Name: "Alex Chen", Feed: pub.URL + "/mastodon.xml"})
	if _, err := a.svc.Refresh(ctx, false, nil); err != nil {
		t.Fatal(err)
	}
	news, _ := a.svc.News(ctx, NewsQuery{})
	if err := a.svc.MarkRead(ctx, src, []string{news.Items[0].Key}, true); err != nil {
		t.Fatal(err)
	}
	// Device b gets a's changes (as sync would) and fetches for itself.
	bStore := openStore(t)
	pr, pw, _ := os.Pipe()
	go func() { a.store.Backup(ctx, pw); pw.Close() }()
	if _, err := bStore.Restore(ctx, pr, nil); err != nil {
		t.Fatal(err)
	}
	b := newWorld(t, pub, bStore)
	if _, err := b.svc.Refresh(ctx, false, nil); err != nil {
		t.Fatal(err)
	}
	got, _ := b.svc.News(ctx, NewsQuery{})
	if got.Matches != 2 || got.Unread != 1 || !got.Items[0].Read || got.Items[1].Read {
		t.Errorf("on the second device: %d posts, %d unread, read %v/%v", got.Matches, got.Unread, got.Items[0].Read, got.Items[1].Read)
	}
}

func TestOldReadMarksAreDropped(t *testing.T) {
	ctx := context.Background()
	pub := newPublisher(t)
	w := newWorld(t, pub, openStore(t))
	src := w.put(&store.Source{Meta: store.Meta{Kind: store.KindSource}, Name: "Alex Chen", Feed: pub.URL + "/mastodon.xml",
		Read: []string{"2025-01-02/aaaaaaaaaaaaaaaa", "2026-11-30/bbbbbbbbbbbbbbbb"}})
	if _, err := w.svc.Refresh(ctx, false, nil); err != nil {
		t.Fatal(err)
	}
	w.store.View(ctx, func(r *store.Reader) error {
		rec, _ := r.Record(store.KindSource, src)
		if got := rec.Elements("read"); len(got) != 1 || got[0] != "2026-11-30/bbbbbbbbbbbbbbbb" {
			t.Errorf("read marks after a refresh: %v, want the one from last week", got)
		}
		return nil
	})
}

func TestFollowDiscovered(t *testing.T) {
	ctx := context.Background()
	pub := newPublisher(t)
	w := newWorld(t, pub, openStore(t))
	cands, err := w.svc.Discover(ctx, pub.URL+"/podcast.xml")
	if err != nil || len(cands) != 1 {
		t.Fatalf("discover: %+v, %v", cands, err)
	}
	dana := w.put(&store.Person{Meta: store.Meta{Kind: store.KindPerson}, Name: "Dana Whitfield"})
	id, err := w.svc.Follow(ctx, cands[0], dana)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := w.svc.Follow(ctx, cands[0], "")
	if again != id {
		t.Error("following a feed twice made a second source")
	}
	st, _ := w.svc.Feeds(ctx)
	if len(st) != 1 || st[0].Name != "Learning at Work" || st[0].Source != id || !st[0].LastFetch.Equal(w.now) || st[0].Unread != 1 {
		t.Errorf("feeds, right after following: %+v", st)
	}
	if err := w.svc.Unfollow(ctx, id); err != nil {
		t.Fatal(err)
	}
	if st, _ := w.svc.Feeds(ctx); len(st) != 0 {
		t.Errorf("after unfollowing: %+v", st)
	}
	if page, _ := w.svc.cache.List(Query{}); page.Matches != 0 {
		t.Errorf("an unfollowed feed's %d posts stay in the cache", page.Matches)
	}
	w.store.View(ctx, func(r *store.Reader) error {
		if rec, err := r.Record(store.KindSource, id); err != nil || rec.Trashed() || rec.Scalar("name") != "Learning at Work" {
			t.Errorf("the source itself should stay: %v", err)
		}
		return nil
	})
}

// Offline, What's new works from what was fetched: the posts stay, open,
// and can be read, saved and learned from; the feed says the site could
// not be reached and tries again later; back online, it fetches again
// with nothing doubled and nothing done undone.
func TestWhatsNewOffline(t *testing.T) {
	ctx := context.Background()
	pub := newPublisher(t)
	w := newWorld(t, pub, openStore(t))
	src := w.put(&store.Source{Meta: store.Meta{Kind: store.KindSource}, Name: "Learning Loop", Feed: pub.URL + "/wordpress.xml"})
	if _, err := w.svc.Refresh(ctx, false, nil); err != nil {
		t.Fatal(err)
	}
	addr, handler := pub.Listener.Addr().String(), pub.Config.Handler
	pub.Close()

	w.now = w.now.Add(3 * time.Hour)
	st, err := w.svc.Refresh(ctx, false, nil)
	if err != nil || len(st) != 1 || !strings.Contains(st[0].Problem, "you may be offline") || st[0].Posts != 2 || !st[0].Next.Equal(w.now.Add(30*time.Minute)) {
		t.Fatalf("refresh offline: %+v, %v", st, err)
	}
	news, err := w.svc.News(ctx, NewsQuery{})
	if err != nil || news.Matches != 2 || news.Unread != 2 {
		t.Fatalf("What's new offline: %+v, %v", news, err)
	}
	first := news.Items[0]
	if p, err := w.svc.Open(ctx, src, first.Key); err != nil || !strings.Contains(p.Content, "What stuck") {
		t.Fatalf("opening a post offline: %v", err)
	}
	if err := w.svc.Save(ctx, src, first.Key, true); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.LearnedFrom(ctx, src, news.Items[1].Key, "Narrate the work"); err != nil {
		t.Fatal(err)
	}

	// Back online at the same address.
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatalf("listen again on %s: %v", addr, err)
	}
	back := httptest.NewUnstartedServer(handler)
	back.Listener.Close()
	back.Listener = l
	back.Start()
	defer back.Close()
	w.now = w.now.Add(time.Hour)
	st, err = w.svc.Refresh(ctx, false, nil)
	if err != nil || st[0].Problem != "" || st[0].Posts != 2 || st[0].Added != 0 {
		t.Fatalf("refresh back online: %+v, %v", st, err)
	}
	news, _ = w.svc.News(ctx, NewsQuery{})
	if news.Matches != 2 || news.Unread != 0 || !news.Items[0].Saved {
		t.Errorf("back online: %d posts, %d unread, first saved %v; want 2, 0, saved", news.Matches, news.Unread, news.Items[0].Saved)
	}
}

// A source added with only its web address finds its feed and, once the
// person confirms it, follows it itself: one source, with its history.
func TestSourceFindsItsFeed(t *testing.T) {
	ctx := context.Background()
	pub := newPublisher(t)
	w := newWorld(t, pub, openStore(t))
	src := w.put(&store.Source{Meta: store.Meta{Kind: store.KindSource}, Name: "Ghost notes", URL: pub.URL + "/ghost.xml", Notes: "Chris's blog"})
	cands, err := w.svc.Discover(ctx, pub.URL+"/ghost.xml")
	if err != nil || len(cands) != 1 {
		t.Fatalf("discover: %+v, %v", cands, err)
	}
	st, err := w.svc.UseFeed(ctx, src, cands[0])
	if err != nil || st.Source != src || st.Name != "Ghost notes" || st.Added != 1 || st.Unread != 1 || st.Problem != "" || !st.LastFetch.Equal(w.now) {
		t.Fatalf("use the feed: %+v, %v", st, err)
	}
	all, _ := w.svc.Feeds(ctx)
	news, _ := w.svc.News(ctx, NewsQuery{Source: src})
	if len(all) != 1 || news.Matches != 1 {
		t.Errorf("after using the feed: %d feeds, %d posts from the source; want 1 and 1", len(all), news.Matches)
	}
	if _, err := w.svc.UseFeed(ctx, src, Candidate{URL: "mailto:chris@example.org"}); !errors.Is(err, fetch.ErrUnsupported) {
		t.Errorf("a feed that is not a web address: %v", err)
	}
	if _, err := w.svc.UseFeed(ctx, "no-such-source", cands[0]); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("no such source: %v", err)
	}
}

// Fetched posts are this device's cache: a refresh writes nothing to the
// sync log and nothing of them goes into a backup; what the person does
// with a post is synced data.
func TestFetchedPostsStayOutOfTheSyncLog(t *testing.T) {
	ctx := context.Background()
	pub := newPublisher(t)
	w := newWorld(t, pub, openStore(t))
	src := w.put(&store.Source{Meta: store.Meta{Kind: store.KindSource}, Name: "Learning Loop", Feed: pub.URL + "/wordpress.xml"})
	before := w.store.Vector()
	var backup bytes.Buffer
	changes, err := w.store.Backup(ctx, &backup)
	if err != nil {
		t.Fatal(err)
	}
	if st, err := w.svc.Refresh(ctx, false, nil); err != nil || st[0].Added != 2 {
		t.Fatalf("refresh: %+v, %v", st, err)
	}
	if w.store.Vector().Compare(before) != store.Equal {
		t.Error("a refresh wrote to the sync log")
	}
	backup.Reset()
	if n, err := w.store.Backup(ctx, &backup); err != nil || n != changes || strings.Contains(backup.String(), "Working out loud") {
		t.Errorf("a backup after the refresh: %d changes (%d before), %v; with the posts: %v", n, changes, err, strings.Contains(backup.String(), "Working out loud"))
	}
	news, _ := w.svc.News(ctx, NewsQuery{})
	if err := w.svc.MarkRead(ctx, src, []string{news.Items[0].Key}, true); err != nil {
		t.Fatal(err)
	}
	if w.store.Vector().Compare(before) != store.Greater {
		t.Error("marking a post read did not reach the sync log")
	}
}

// Two devices read the same feed, each fetching it itself, and mark
// different posts read at the same time; once they have synced, both
// show both posts read, and fetching again on either leaves them read.
func TestTwoDevicesReadingAtOnce(t *testing.T) {
	ctx := context.Background()
	pub := newPublisher(t)
	a, b := newWorld(t, pub, openStore(t)), newWorld(t, pub, openStore(t))
	exchange := func(from, to *world) {
		t.Helper()
		var raws [][]byte
		err := from.store.View(ctx, func(r *store.Reader) error {
			return r.EachChange(to.store.Vector(), func(raw []byte) error { raws = append(raws, raw); return nil })
		})
		if err == nil {
			err = to.store.ApplyRemote(ctx, raws)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	src := a.put(&store.Source{Meta: store.Meta{Kind: store.KindSource}, Name: "Alex Chen", Feed: pub.URL + "/mastodon.xml"})
	exchange(a, b)
	for _, w := range []*world{a, b} {
		if st, err := w.svc.Refresh(ctx, false, nil); err != nil || st[0].Added != 2 || st[0].Unread != 2 {
			t.Fatalf("first refresh: %+v, %v", st, err)
		}
	}
	news, _ := a.svc.News(ctx, NewsQuery{})
	first, second := news.Items[0].Key, news.Items[1].Key
	if err := a.svc.MarkRead(ctx, src, []string{first}, true); err != nil {
		t.Fatal(err)
	}
	if err := b.svc.MarkRead(ctx, src, []string{second}, true); err != nil {
		t.Fatal(err)
	}
	exchange(a, b)
	exchange(b, a)
	for name, w := range map[string]*world{"a": a, "b": b} {
		w.now = w.now.Add(3 * time.Hour)
		if _, err := w.svc.Refresh(ctx, true, nil); err != nil {
			t.Fatal(err)
		}
		got, err := w.svc.News(ctx, NewsQuery{})
		if err != nil || got.Matches != 2 || got.Unread != 0 || !got.Items[0].Read || !got.Items[1].Read {
			t.Errorf("device %s after syncing and fetching again: %d posts, %d unread", name, got.Matches, got.Unread)
		}
	}
}

// What's new's first answer (Latest, read from the newest end) is the
// first posts of the counted page, whatever the filters.
func TestLatestIsTheCountedPagesFirstPosts(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, nil, openStore(t))
	sam := w.put(&store.Person{Meta: store.Meta{Kind: store.KindPerson}, Name: "Sam Rivera"})
	for f := range 4 {
		url := fmt.Sprintf("https://site%d.example/feed", f)
		ps := posts(30, w.now.Add(-time.Duration(f)*time.Hour), 5*time.Hour)
		if _, _, err := w.svc.cache.Put(FeedKey(url), ps, w.now, nil, State{URL: url}); err != nil {
			t.Fatal(err)
		}
		src := &store.Source{Meta: store.Meta{Kind: store.KindSource}, Name: fmt.Sprintf("Blog %d", f), Feed: url, Topics: []string{fmt.Sprintf("Topic %d", f%2)}}
		if f < 2 {
			src.Author = sam
		}
		for i := 0; i < len(ps); i += 3 {
			src.Read = append(src.Read, "2026-12-07/"+ps[i].Key)
		}
		if f == 3 {
			src.Saved = []string{ps[4].Key, ps[20].Key}
		}
		w.put(src)
	}
	for _, q := range []NewsQuery{
		{Limit: 10}, {Limit: 200}, {Unread: true, Limit: 7}, {Topic: "topic 1", Limit: 5},
		{Person: sam, Unread: true, Limit: 50}, {Saved: true}, {Before: w.now.Add(-40 * time.Hour), Limit: 12},
	} {
		news, err := w.svc.News(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		latest, err := w.svc.Latest(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if news.Matches == 0 {
			t.Errorf("%+v: nothing matches", q)
		}
		if len(latest) != len(news.Items) {
			t.Errorf("%+v: %d posts first, %d on the page", q, len(latest), len(news.Items))
			continue
		}
		for i := range latest {
			if latest[i].Key != news.Items[i].Key || latest[i].SourceName != news.Items[i].SourceName || latest[i].Read != news.Items[i].Read || latest[i].Saved != news.Items[i].Saved {
				t.Errorf("%+v: post %d first is %+v, on the page %+v", q, i, latest[i], news.Items[i])
			}
		}
	}
}
