package feeds

import (
	"context"
	"fmt"
	"testing"
	"time"

	"learnwork/app/fetch"
	"learnwork/store"
)

// The What's new screen over 50,000 cached posts must open in ≤ 100 ms:
// what it asks for when it opens, the newest 200 posts of every feed with
// the unread count (a year of read marks on 250 sources by 50 people, on
// 20 topics) and the feeds' statuses for its Following panel.
func BenchmarkWhatsNewScreen50k(b *testing.B) {
	ctx := context.Background()
	sv, _ := screenWorld(b)
	b.ResetTimer()
	for b.Loop() {
		news, err := sv.News(ctx, NewsQuery{Limit: 200})
		if err != nil || len(news.Items) != 200 || news.Matches != 50000 || news.Unread < 33000 {
			b.Fatalf("%d posts of %d, %d unread, %v", len(news.Items), news.Matches, news.Unread, err)
		}
		fs, err := sv.Feeds(ctx)
		if err != nil || len(fs) != 250 {
			b.Fatalf("%d feeds, %v", len(fs), err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/op")
}

// screenWorld is a store on disk with 250 sources by 50 people on 20
// topics, each with a feed of 200 cached posts and a third of them read.
func screenWorld(b *testing.B) (*Service, *store.Store) {
	b.Helper()
	ctx := context.Background()
	s, err := store.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	now := time.Date(2026, 12, 7, 13, 0, 0, 0, time.UTC)
	c := NewCache(s.Cache())
	read := fill50k(b, c, now)
	err = s.Update(ctx, func(tx *store.Tx) error {
		var people []string
		for i := range 50 {
			id, err := tx.Put(&store.Person{Meta: store.Meta{Kind: store.KindPerson}, Name: fmt.Sprintf("Writer %d", i)})
			if err != nil {
				return err
			}
			people = append(people, id)
		}
		for f := range 250 {
			src := &store.Source{Meta: store.Meta{Kind: store.KindSource}, Name: fmt.Sprintf("Blog %d", f), Type: "blog", Feed: siteFeed(f),
				Author: people[f%50], Topics: []string{fmt.Sprintf("Topic %d", f%20)}}
			for _, k := range read[FeedKey(siteFeed(f))] {
				src.Read = append(src.Read, now.Format(time.DateOnly)+"/"+k)
			}
			if _, err := tx.Put(src); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return NewService(s, fetch.New(fetch.Options{}), func() time.Time { return now }), s
}

func siteFeed(f int) string { return fmt.Sprintf("https://site%d.example/feed", f) }

// fill50k caches 250 feeds of 200 posts, one every 30 hours, and returns
// a third of each feed's post keys as read.
func fill50k(b *testing.B, c *Cache, now time.Time) map[string][]string {
	b.Helper()
	read := map[string][]string{}
	for f := range 250 {
		feed := FeedKey(siteFeed(f))
		ps := posts(200, now.Add(-time.Duration(f)*time.Minute), 30*time.Hour)
		for i := range ps {
			ps[i].Key = ItemKey(fmt.Sprintf("%d-%d", f, i), "", "", time.Time{})
			ps[i].Summary = "A summary of a few lines, as feeds give them, about learning at work and the people who help."
			if i%3 == 0 {
				read[feed] = append(read[feed], ps[i].Key)
			}
		}
		if _, _, err := c.Put(feed, ps, now, nil, State{}); err != nil {
			b.Fatal(err)
		}
	}
	return read
}
