package app

import (
	"context"
	"time"

	"learnwork/store"
)

// Runner timing: a sync on start, one a little after local edits settle,
// and one every few minutes for what other devices wrote.
const (
	SyncDebounce = 5 * time.Second
	SyncEvery    = 3 * time.Minute
)

// RunFolderSync syncs through the chosen folder until ctx ends: at once, a
// SyncDebounce after local changes stop, and every SyncEvery. It does
// nothing while no folder is chosen. A paused sync (mass-delete guard) is
// not applied until a person allows it. It is a function, not a method, so
// the window does not bind it.
func RunFolderSync(ctx context.Context, sy *Sync) {
	changed := make(chan struct{}, 1)
	sy.store.OnCommit(func(c store.Commit) {
		if c.Local {
			select {
			case changed <- struct{}{}:
			default:
			}
		}
	})
	syncLoop(ctx, changed, func() {
		if sy.Folder() != "" {
			_, _ = sy.SyncNow(false) // the outcome is in Status and the sync:status event
		}
	})
}

// syncLoop calls syncOnce at start, SyncDebounce after the last signal on
// changed, and every SyncEvery.
func syncLoop(ctx context.Context, changed <-chan struct{}, syncOnce func()) {
	tick := time.NewTicker(SyncEvery)
	defer tick.Stop()
	var debounce <-chan time.Time
	syncOnce()
	for {
		select {
		case <-ctx.Done():
			return
		case <-changed:
			debounce = time.After(SyncDebounce)
		case <-debounce:
			debounce = nil
			syncOnce()
		case <-tick.C:
			syncOnce()
		}
	}
}
