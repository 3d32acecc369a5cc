package fetch

import (
	"errors"
	"time"
)

// How often a document is fetched again.
const (
	DefaultEvery = 2 * time.Hour  // when the feed says nothing
	MinEvery     = time.Hour      // a shorter TTL is not worth the site's trouble
	MaxEvery     = 24 * time.Hour // a longer TTL would leave news a day late
	firstBackoff = 30 * time.Minute
)

// Next is when to fetch again. After a success (failures 0) it is the
// feed's TTL, kept between an hour and a day; after failures it doubles
// from half an hour up to a day, unless the site gave a time to come back
// (Retry-After, read by RetryAfter so it is sane).
func Next(now time.Time, failures int, ttl time.Duration, retryAt time.Time) time.Time {
	if failures == 0 {
		every := DefaultEvery
		if ttl > 0 {
			every = min(max(ttl, MinEvery), MaxEvery)
		}
		return now.Add(every)
	}
	if retryAt.After(now) {
		return retryAt
	}
	back := firstBackoff
	for i := 1; i < failures && back < MaxEvery; i++ {
		back *= 2
	}
	return now.Add(min(back, MaxEvery))
}

// Track is what a caller keeps between fetches of one document: the
// validators for a conditional GET, when it was fetched and is due, and
// the last failure in words.
type Track struct {
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"lastModified,omitempty"`
	LastFetch    time.Time `json:"lastFetch,omitzero"`   // the last try
	LastSuccess  time.Time `json:"lastSuccess,omitzero"` // the last try that worked
	Next         time.Time `json:"next,omitzero"`
	Failures     int       `json:"failures,omitempty"` // in a row
	Reason       Reason    `json:"reason,omitempty"`
	Problem      string    `json:"problem,omitempty"` // the last failure in words
}

// Due reports whether the document should be fetched at now.
func (t *Track) Due(now time.Time) bool { return !now.Before(t.Next) }

// Request is a conditional GET of url with what the last answer said.
func (t *Track) Request(url, accept string) Request {
	return Request{URL: url, ETag: t.ETag, LastModified: t.LastModified, Accept: accept}
}

// Failed records a failed fetch at now: one more failure in a row, why in
// words, and the next try backed off (or when the site said).
func (t *Track) Failed(err error, now time.Time) {
	var fe *Error
	retryAt := time.Time{}
	t.Reason = 0
	if errors.As(err, &fe) {
		t.Reason, retryAt = fe.Reason, fe.RetryAt
	}
	t.LastFetch = now
	t.Failures++
	t.Problem = Words(err, now)
	t.Next = Next(now, t.Failures, 0, retryAt)
}

// Succeeded records an answer at now; ttl is how long the document says it
// stays fresh (0: not said).
func (t *Track) Succeeded(resp *Response, now time.Time, ttl time.Duration) {
	t.LastFetch, t.LastSuccess = now, now
	t.Failures, t.Reason, t.Problem = 0, 0, ""
	t.ETag, t.LastModified = resp.ETag, resp.LastModified
	t.Next = Next(now, 0, ttl, time.Time{})
}
