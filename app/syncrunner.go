package app

import (
	"context"
	"time"

	devsync "learnwork/sync"
)

// Runner timing: a sync on start, one a little after local edits settle,
// and one every few minutes for what other devices wrote.
const (
	SyncDebounce = 5 * time.Second
	SyncEvery    = 3 * time.Minute
)

// RunFolderSync syncs through the chosen folder until ctx ends, on the
// sync engine's schedule: at once, a SyncDebounce after local changes
// stop, and every SyncEvery. It does nothing while no folder is chosen. A
// paused sync (mass-delete guard) is not applied until a person allows it.
// It is a function, not a method, so the window does not bind it.
func RunFolderSync(ctx context.Context, sy *Sync) {
	devsync.NewSchedule(SyncDebounce, SyncEvery).Run(ctx, sy.store, func(context.Context, string) {
		if sy.Folder() != "" {
			_, _ = sy.SyncNow(false) // the outcome is in Status and the sync:status event
		}
	})
}
