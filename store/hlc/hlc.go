// Package hlc is a hybrid logical clock: 48 bits of wall-clock milliseconds and
// a 16-bit counter in one uint64, so times order like integers and survive
// clocks that jump back or drift between devices.
package hlc

import (
	"fmt"
	"sync"
	"time"
)

// Time is an HLC timestamp: milliseconds since the Unix epoch << 16 | counter.
type Time uint64

// MaxSkew is how far ahead of our wall clock a remote time may be and still be
// adopted. A peer further ahead is flagged, but sync goes on.
const MaxSkew = 24 * time.Hour

// New builds a Time from a wall-clock time and a counter.
func New(t time.Time, counter uint16) Time {
	return Time(uint64(t.UnixMilli())<<16 | uint64(counter))
}

// Millis is the wall-clock part in milliseconds since the epoch.
func (t Time) Millis() int64 { return int64(t >> 16) }

// Counter is the logical part.
func (t Time) Counter() uint16 { return uint16(t) }

// Wall is the wall-clock part as a time.Time (UTC).
func (t Time) Wall() time.Time { return time.UnixMilli(t.Millis()).UTC() }

func (t Time) String() string {
	return fmt.Sprintf("%s+%d", t.Wall().Format("2006-01-02T15:04:05.000Z"), t.Counter())
}

// Clock issues strictly increasing Times. The zero value uses time.Now.
type Clock struct {
	// Now returns wall-clock time; nil means time.Now. Tests inject their own.
	Now func() time.Time

	mu   sync.Mutex
	last Time
}

func (c *Clock) wall() Time {
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	return New(now(), 0)
}

// Tick returns a new Time for a local event.
func (c *Clock) Tick() Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	w := c.wall()
	if w > c.last {
		c.last = w
	} else {
		c.last++ // same or earlier millisecond: count on; overflow carries into the millis
	}
	return c.last
}

// Observe folds in a time seen on a remote change so later local times sort
// after it. A remote time more than MaxSkew ahead of our wall clock is not
// adopted (it would drag our clock into the future); Observe reports it as
// skewed so the caller can flag the peer.
func (c *Clock) Observe(remote Time) (skewed bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	w := c.wall()
	if remote.Millis()-w.Millis() > MaxSkew.Milliseconds() {
		return true
	}
	if remote > c.last {
		c.last = remote
	}
	return false
}

// Last is the most recent time issued or observed; persisted so a restart
// never goes back.
func (c *Clock) Last() Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.last
}

// Restore sets the clock's floor after a restart.
func (c *Clock) Restore(t Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if t > c.last {
		c.last = t
	}
}
