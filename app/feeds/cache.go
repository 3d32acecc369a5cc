package feeds

import (
	"cmp"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"learnwork/app/fetch"
	"learnwork/store"
)

// The cache's bounds: a feed keeps its newest posts, none older than a
// year, except the ones the person saved.
const (
	PerFeed = 200
	MaxAge  = 365 * 24 * time.Hour
	// maxContent bounds a post's stored text; a longer one keeps its
	// summary and a link to the original.
	maxContent = 256 << 10
	// putChunk posts go in one cache transaction: whole posts can be large.
	putChunk = 50
)

// Keys, all under feeds/ in the store's local cache (store.Cache: never in
// the sync log). Keys are 16 characters (hashKey), times 8 bytes big-endian.
//
//	feeds/s/<feed>                      State
//	feeds/p/<feed>/<key>                the whole Post
//	feeds/t/<time><feed>/<key>          a Post without content: What's new, newest first
//	feeds/f/<feed>/<time><key>          nothing: a feed's posts by time, to trim
const (
	pState = "feeds/s/"
	pPost  = "feeds/p/"
	pTime  = "feeds/t/"
	pFeed  = "feeds/f/"
	keyLen = 16
)

// State is what this device knows of fetching one feed.
type State struct {
	URL string `json:"url"`
	fetch.Track
	Title  string        `json:"title,omitempty"`
	Link   string        `json:"link,omitempty"`
	Format string        `json:"format,omitempty"`
	TTL    time.Duration `json:"ttl,omitempty"`
	Posts  int           `json:"posts"`           // held in the cache
	Latest time.Time     `json:"latest,omitzero"` // the newest post
	// Usual is the median time between its recent posts (for "gone
	// quiet"); 0 until it has three.
	Usual time.Duration `json:"usual,omitempty"`
}

// Cache is the local store of fetched posts.
type Cache struct{ c *store.Cache }

// NewCache keeps posts in the store's local cache.
func NewCache(c *store.Cache) *Cache { return &Cache{c: c} }

func be64(t time.Time) []byte {
	return binary.BigEndian.AppendUint64(nil, uint64(max(t.Unix(), 0)))
}

func postKey(feed, key string) []byte { return []byte(pPost + feed + "/" + key) }
func timeKey(feed, key string, t time.Time) []byte {
	return append(append([]byte(pTime), be64(t)...), feed+"/"+key...)
}
func feedKey(feed, key string, t time.Time) []byte {
	return append(append([]byte(pFeed+feed+"/"), be64(t)...), key...)
}

// State is a feed's fetch state; a feed never fetched has only its URL.
func (c *Cache) State(feed string) (State, error) {
	b, err := c.c.Get([]byte(pState + feed))
	if errors.Is(err, store.ErrNotFound) {
		return State{}, nil
	}
	if err != nil {
		return State{}, err
	}
	var st State
	if err := json.Unmarshal(b, &st); err != nil {
		return State{}, fmt.Errorf("feed state %s: %w", feed, err)
	}
	return st, nil
}

// SetState records a feed's fetch state.
func (c *Cache) SetState(feed string, st State) error {
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	return c.c.Update(func(tx *store.CacheTx) error { return tx.Set([]byte(pState+feed), b) })
}

// Post reads one post, whole.
func (c *Cache) Post(feed, key string) (Post, error) {
	var p Post
	b, err := c.c.Get(postKey(feed, key))
	if err != nil {
		return p, fmt.Errorf("post %s/%s: %w", feed, key, err)
	}
	return p, json.Unmarshal(b, &p)
}

// Put stores a fetched feed's posts: new ones added, changed ones
// rewritten; a post without a date keeps the date it was first seen (now
// the first time). Then the feed is trimmed to its newest PerFeed posts
// and to the last year, except posts keep holds on to (saved ones). It
// returns how many posts are new and the feed's state with Posts, Latest
// and Usual updated.
func (c *Cache) Put(feed string, posts []Post, now time.Time, keep func(key string) bool, st State) (added int, _ State, err error) {
	for start := 0; start < len(posts); start += putChunk {
		part := posts[start:min(start+putChunk, len(posts))]
		n := 0
		err := c.c.Update(func(tx *store.CacheTx) error {
			n = 0
			for i := range part {
				isNew, err := putPost(tx, feed, part[i], now)
				if err != nil {
					return err
				}
				if isNew {
					n++
				}
			}
			return nil
		})
		if err != nil {
			return added, st, fmt.Errorf("store posts of %s: %w", st.URL, err)
		}
		added += n
	}
	st, err = c.trim(feed, now, keep, st)
	return added, st, err
}

func putPost(tx *store.CacheTx, feed string, p Post, now time.Time) (isNew bool, err error) {
	p.Feed = feed
	if len(p.Content) > maxContent {
		p.Content, p.Images = "", nil
	}
	old, err := tx.Get(postKey(feed, p.Key))
	switch {
	case errors.Is(err, store.ErrNotFound):
		isNew = true
	case err != nil:
		return false, err
	}
	var was Post
	if !isNew {
		if err := json.Unmarshal(old, &was); err != nil {
			isNew = true // unreadable: write it again
		}
	}
	if p.Published.IsZero() {
		p.Published = now.UTC()
		if !isNew {
			p.Published = was.Published
		}
	}
	whole, err := json.Marshal(p)
	if err != nil {
		return false, err
	}
	if !isNew && string(whole) == string(old) {
		return false, nil
	}
	if !isNew {
		if err := tx.Delete(timeKey(feed, p.Key, was.Published)); err != nil {
			return false, err
		}
		if err := tx.Delete(feedKey(feed, p.Key, was.Published)); err != nil {
			return false, err
		}
	}
	head := p
	head.Content, head.Images = "", nil
	hb, err := json.Marshal(head)
	if err != nil {
		return false, err
	}
	if err := tx.Set(postKey(feed, p.Key), whole); err != nil {
		return false, err
	}
	if err := tx.Set(timeKey(feed, p.Key, p.Published), hb); err != nil {
		return false, err
	}
	return isNew, tx.Set(feedKey(feed, p.Key, p.Published), nil)
}

// trim applies the bounds and updates the state's counts.
func (c *Cache) trim(feed string, now time.Time, keep func(string) bool, st State) (State, error) {
	type held struct {
		key string
		at  time.Time
	}
	var all []held
	prefix := []byte(pFeed + feed + "/")
	err := c.c.Scan(prefix, true, func(k []byte, _ func() ([]byte, error)) bool {
		rest := k[len(prefix):]
		if len(rest) == 8+keyLen {
			all = append(all, held{key: string(rest[8:]), at: time.Unix(int64(binary.BigEndian.Uint64(rest[:8])), 0).UTC()})
		}
		return true
	})
	if err != nil {
		return st, err
	}
	cutoff := now.Add(-MaxAge)
	var drop []held
	kept := all[:0]
	for i, h := range all {
		if (i >= PerFeed || h.at.Before(cutoff)) && (keep == nil || !keep(h.key)) {
			drop = append(drop, h)
			continue
		}
		kept = append(kept, h)
	}
	for start := 0; start < len(drop); start += 500 {
		part := drop[start:min(start+500, len(drop))]
		err := c.c.Update(func(tx *store.CacheTx) error {
			for _, h := range part {
				for _, k := range [][]byte{postKey(feed, h.key), timeKey(feed, h.key, h.at), feedKey(feed, h.key, h.at)} {
					if err := tx.Delete(k); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			return st, fmt.Errorf("trim %s: %w", st.URL, err)
		}
	}
	st.Posts, st.Latest, st.Usual = len(kept), time.Time{}, 0
	if len(kept) > 0 {
		st.Latest = kept[0].at
	}
	var gaps []time.Duration
	for i := 1; i < len(kept) && i <= 20; i++ {
		gaps = append(gaps, kept[i-1].at.Sub(kept[i].at))
	}
	if len(gaps) >= 2 {
		slices.Sort(gaps)
		st.Usual = gaps[len(gaps)/2]
	}
	return st, nil
}

// Drop forgets a feed: its posts and its state.
func (c *Cache) Drop(feed string) error {
	var keys [][]byte
	prefix := []byte(pFeed + feed + "/")
	err := c.c.Scan(prefix, false, func(k []byte, _ func() ([]byte, error)) bool {
		rest := k[len(prefix):]
		if len(rest) == 8+keyLen {
			at := time.Unix(int64(binary.BigEndian.Uint64(rest[:8])), 0)
			key := string(rest[8:])
			keys = append(keys, slices.Clone(k), postKey(feed, key), timeKey(feed, key, at))
		}
		return true
	})
	if err != nil {
		return err
	}
	keys = append(keys, []byte(pState+feed))
	for start := 0; start < len(keys); start += 1500 {
		part := keys[start:min(start+1500, len(keys))]
		if err := c.c.Update(func(tx *store.CacheTx) error {
			for _, k := range part {
				if err := tx.Delete(k); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			return fmt.Errorf("forget feed %s: %w", feed, err)
		}
	}
	return nil
}

// Query chooses posts for What's new.
type Query struct {
	Feeds  map[string]bool             // only these feeds; nil: every feed
	Skip   func(feed, key string) bool // leave these out (read ones, for unread only)
	Before time.Time                   // only posts older than this (the next page); zero: from the newest
	Limit  int                         // at most this many posts (0: 100)
	// Keep is a last test on the post itself (a topic among its
	// categories); it makes List read every post it considers.
	Keep func(feed string, p *Post) bool
}

// Page is a page of What's new.
type Page struct {
	Posts   []Post `json:"posts"`   // newest first, without their content
	Matches int    `json:"matches"` // every post the query matches, for counts
}

// List reads What's new: posts newest first without their content. It
// makes one pass over the time index, oldest first (a store iterates
// forward fastest), filtering on keys and keeping the keys of the newest
// Limit matches; then it reads those posts only (unless Keep needs each
// post as it goes).
func (c *Cache) List(q Query) (Page, error) {
	if q.Limit <= 0 {
		q.Limit = 100
	}
	page := Page{Posts: []Post{}}
	var before []byte
	if !q.Before.IsZero() {
		before = be64(q.Before)
	}
	// The newest matches so far, a ring: keys copied into slots of their
	// own (the scan's key is only valid during the call), or the post when
	// Keep has read it.
	type match struct {
		key  []byte
		post *Post
	}
	ring := make([]match, 0, q.Limit)
	next := 0
	feeds := map[string]string{} // one string per feed, not per post
	var ferr error
	err := c.c.Scan([]byte(pTime), false, func(k []byte, value func() ([]byte, error)) bool {
		at, feedB, key, ok := splitTimeKey(k)
		if !ok {
			return true
		}
		if before != nil && string(at) >= string(before) {
			return false // every key from here on is later
		}
		feed, ok := feeds[string(feedB)]
		if !ok {
			feed = string(feedB)
			feeds[feed] = feed
		}
		if q.Feeds != nil && !q.Feeds[feed] {
			return true
		}
		if q.Skip != nil && q.Skip(feed, string(key)) {
			return true
		}
		var p *Post
		if q.Keep != nil {
			b, err := value()
			if err != nil {
				ferr = err
				return false
			}
			p = new(Post)
			if json.Unmarshal(b, p) != nil || !q.Keep(feed, p) {
				return true // written by a newer version in another shape, or not wanted
			}
		}
		page.Matches++
		if len(ring) < q.Limit {
			ring = append(ring, match{key: make([]byte, 0, len(k))})
		}
		m := &ring[next]
		m.key, m.post = append(m.key[:0], k...), p
		next = (next + 1) % q.Limit
		return true
	})
	if err == nil {
		err = ferr
	}
	if err != nil {
		return page, err
	}
	// Newest first: backwards from the last slot written.
	for i := range ring {
		m := ring[(next-1-i+2*len(ring))%len(ring)]
		if m.post == nil {
			b, err := c.c.Get(m.key)
			if errors.Is(err, store.ErrNotFound) {
				continue // trimmed by a refresh since the scan
			}
			if err != nil {
				return page, err
			}
			m.post = new(Post)
			if json.Unmarshal(b, m.post) != nil {
				continue
			}
		}
		page.Posts = append(page.Posts, *m.post)
	}
	return page, nil
}

// Since calls fn for every post published at or after t, newest first,
// reading keys only.
func (c *Cache) Since(t time.Time, fn func(feed, key string)) error {
	from := string(be64(t))
	return c.c.Scan([]byte(pTime), true, func(k []byte, _ func() ([]byte, error)) bool {
		at, feed, key, ok := splitTimeKey(k)
		if !ok {
			return true
		}
		if string(at) < from {
			return false
		}
		fn(string(feed), string(key))
		return true
	})
}

// Newest reads the newest Limit posts the query matches, newest first,
// without counting the others: one pass over the time index from its
// newest end that stops once it has them. It is what What's new shows
// first; a backwards pass costs more per key than List's forward one, so
// it suits a query that finds its posts among the newest.
func (c *Cache) Newest(q Query) ([]Post, error) {
	if q.Limit <= 0 {
		q.Limit = 100
	}
	out := []Post{}
	var before []byte
	if !q.Before.IsZero() {
		before = be64(q.Before)
	}
	var ferr error
	err := c.c.Scan([]byte(pTime), true, func(k []byte, value func() ([]byte, error)) bool {
		at, feedB, key, ok := splitTimeKey(k)
		if !ok || before != nil && string(at) >= string(before) {
			return true
		}
		feed := string(feedB)
		if q.Feeds != nil && !q.Feeds[feed] || q.Skip != nil && q.Skip(feed, string(key)) {
			return true
		}
		b, err := value()
		if err != nil {
			ferr = err
			return false
		}
		var p Post
		if json.Unmarshal(b, &p) != nil || q.Keep != nil && !q.Keep(feed, &p) {
			return true // written by a newer version in another shape, or not wanted
		}
		out = append(out, p)
		return len(out) < q.Limit
	})
	return out, cmp.Or(err, ferr)
}

// splitTimeKey splits a time index key (without the cache's prefix) into
// its time, feed and post key; ok is false for a key of another shape.
func splitTimeKey(k []byte) (at, feed, key []byte, ok bool) {
	rest := k[len(pTime):]
	if len(rest) != 8+keyLen+1+keyLen {
		return nil, nil, nil, false
	}
	return rest[:8], rest[8 : 8+keyLen], rest[8+keyLen+1:], true
}
