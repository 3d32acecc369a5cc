package store

import (
	stdsync "sync"
	"sync/atomic"
	"time"
)

// mappedRelease runs releaseMapped (release_linux.go) after queued commits
// (imports and syncs, the bulk work that maps hundreds of MB): at most five
// times a second, the last one after the last commit, and not in the
// caller's goroutine (Badger's commit callback). Interactive edits do not
// ask: tables dropped from memory are read from disk again.
type mappedRelease struct {
	dir     string
	last    atomic.Int64  // when releaseMapped last ran (unix ns)
	pending atomic.Bool   // a releaseMapped is due
	mu      stdsync.Mutex // stop waits for releaseMapped, which then no longer runs
	stopped bool          // under mu
}

// soon has releaseMapped run within 200 ms.
func (r *mappedRelease) soon() {
	if !r.pending.CompareAndSwap(false, true) {
		return
	}
	next := time.Unix(0, r.last.Load()).Add(200 * time.Millisecond)
	time.AfterFunc(max(time.Until(next), 0), func() {
		r.pending.Store(false) // a commit from now on asks again
		r.mu.Lock()
		defer r.mu.Unlock()
		r.last.Store(time.Now().UnixNano())
		if !r.stopped {
			releaseMapped(r.dir)
		}
	})
}

// stop waits for a running releaseMapped and lets no other run: the
// database is about to unmap its files.
func (r *mappedRelease) stop() {
	r.mu.Lock()
	r.stopped = true
	r.mu.Unlock()
}
