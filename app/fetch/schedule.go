package fetch

import "time"

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
