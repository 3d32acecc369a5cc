// Package feedstest fills a store with the network What's new is measured
// on: 250 feeds of 200 cached posts, by 50 people on 20 topics, a third of
// each feed read. The services' benchmarks and the window's timing test
// (e2e_feeds_test.go) open the same screen over it.
package feedstest

import (
	"context"
	"fmt"
	"time"

	"learnwork/app/feeds"
	"learnwork/store"
)

// Feeds and PerFeed are the network's size: 50,000 posts.
const (
	Feeds   = 250
	PerFeed = 200
)

// Newest is the title of the newest post.
const Newest = "Post 0 of blog 0"

// FeedURL is feed f's address.
func FeedURL(f int) string { return fmt.Sprintf("https://site%d.example/feed", f) }

// Fill caches the posts, one every 30 hours in each feed (the newest at
// now), and writes their sources with a third of each feed's posts read.
// It returns each feed's read posts by feed key.
func Fill(ctx context.Context, s *store.Store, now time.Time) (map[string][]string, error) {
	c := feeds.NewCache(s.Cache())
	read := map[string][]string{}
	for f := range Feeds {
		feed := feeds.FeedKey(FeedURL(f))
		ps := make([]feeds.Post, PerFeed)
		for i := range ps {
			ps[i] = feeds.Post{Key: feeds.ItemKey(fmt.Sprintf("%d-%d", f, i), "", "", time.Time{}), Title: fmt.Sprintf("Post %d of blog %d", i, f),
				URL: fmt.Sprintf("https://site%d.example/%d", f, i), Published: now.Add(-time.Duration(f)*time.Minute - time.Duration(i)*30*time.Hour),
				Summary: "A summary of a few lines, as feeds give them, about learning at work and the people who help.", Content: "<p>text</p>"}
			if i%3 == 0 {
				read[feed] = append(read[feed], ps[i].Key)
			}
		}
		if _, _, err := c.Put(feed, ps, now, nil, feeds.State{URL: FeedURL(f)}); err != nil {
			return nil, err
		}
	}
	err := s.Update(ctx, func(tx *store.Tx) error {
		var people []string
		for i := range 50 {
			id, err := tx.Put(&store.Person{Meta: store.Meta{Kind: store.KindPerson}, Name: fmt.Sprintf("Writer %d", i)})
			if err != nil {
				return err
			}
			people = append(people, id)
		}
		for f := range Feeds {
			src := &store.Source{Meta: store.Meta{Kind: store.KindSource}, Name: fmt.Sprintf("Blog %d", f), Type: "blog", Feed: FeedURL(f),
				Author: people[f%50], Topics: []string{fmt.Sprintf("Topic %d", f%20)}}
			for _, k := range read[feeds.FeedKey(FeedURL(f))] {
				src.Read = append(src.Read, now.Format(time.DateOnly)+"/"+k)
			}
			if _, err := tx.Put(src); err != nil {
				return err
			}
		}
		return nil
	})
	return read, err
}
