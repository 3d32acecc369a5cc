package feeds

import (
	"context"
	"net/url"
	stdsync "sync"
	"time"

	"learnwork/app/fetch"
)

// Refresher fetches feeds into the cache.
type Refresher struct {
	Fetcher *fetch.Fetcher
	Cache   *Cache
	Now     func() time.Time // nil: time.Now
	Workers int              // fetches at once, across sites (0: 16)
}

// Target is one feed to refresh.
type Target struct {
	URL   string
	Force bool                  // fetch even if it is not due yet
	Keep  func(key string) bool // posts never trimmed (saved)
}

// Result is what one refresh did.
type Result struct {
	Feed    string // FeedKey
	State   State
	Fetched bool  // false: not due yet, or cancelled
	Added   int   // new posts
	Err     error // a *fetch.Error, or the cache's
}

// Refresh fetches the targets that are due (or forced), several sites at
// once and each site one request at a time, and reports each as it ends.
// Results come back in the order of targets.
func (r *Refresher) Refresh(ctx context.Context, targets []Target, progress func(done, total int)) []Result {
	results := make([]Result, len(targets))
	workers := r.Workers
	if workers <= 0 {
		workers = 16
	}
	jobs := make(chan int)
	var wg stdsync.WaitGroup
	var mu stdsync.Mutex
	done := 0
	for range min(workers, len(targets)) {
		wg.Go(func() {
			for i := range jobs {
				results[i] = r.one(ctx, targets[i])
				if progress != nil {
					mu.Lock()
					done++
					progress(done, len(targets))
					mu.Unlock()
				}
			}
		})
	}
	for _, i := range interleaveSites(targets) {
		select {
		case jobs <- i:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
	}
	close(jobs)
	wg.Wait()
	return results
}

// interleaveSites orders targets so consecutive ones are on different
// sites: a worker waiting its turn at one site does not hold up the rest.
func interleaveSites(targets []Target) []int {
	var hosts []string
	bySite := map[string][]int{}
	for i, t := range targets {
		h := ""
		if u, err := url.Parse(t.URL); err == nil {
			h = u.Host
		}
		if _, ok := bySite[h]; !ok {
			hosts = append(hosts, h)
		}
		bySite[h] = append(bySite[h], i)
	}
	out := make([]int, 0, len(targets))
	for len(out) < len(targets) {
		for _, h := range hosts {
			if q := bySite[h]; len(q) > 0 {
				out = append(out, q[0])
				bySite[h] = q[1:]
			}
		}
	}
	return out
}

func (r *Refresher) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

func (r *Refresher) one(ctx context.Context, t Target) Result {
	key := FeedKey(t.URL)
	res := Result{Feed: key}
	st, err := r.Cache.State(key)
	if err != nil {
		res.Err = err
		return res
	}
	if st.URL != t.URL {
		st = State{URL: t.URL} // a new feed, or the source's feed address changed
	}
	res.State = st
	now := r.now()
	if ctx.Err() != nil || (!t.Force && !st.Due(now)) {
		return res
	}
	res.Fetched = true
	resp, err := r.Fetcher.Get(ctx, st.Request(t.URL, Accept))
	var feed *Feed
	if err == nil && !resp.NotModified {
		feed, err = Parse(resp.Body, resp.ContentType, resp.URL)
	}
	if err != nil {
		if ctx.Err() != nil {
			res.Fetched = false
			return res
		}
		st.Failed(err, now)
		res.Err, res.State = err, st
		r.save(key, &res)
		return res
	}
	if feed != nil {
		st.Title, st.Link, st.Format, st.TTL = feed.Title, feed.Link, feed.Format, feed.TTL
	}
	st.Succeeded(resp, now, st.TTL)
	if feed != nil {
		res.Added, st, err = r.Cache.Put(key, feed.Posts, now, t.Keep, st)
		if err != nil {
			// The posts did not all go in: ask again in full next time.
			st.ETag, st.LastModified = "", ""
			res.Err = err
		}
	}
	res.State = st
	r.save(key, &res)
	return res
}

func (r *Refresher) save(key string, res *Result) {
	if err := r.Cache.SetState(key, res.State); err != nil && res.Err == nil {
		res.Err = err
	}
}
