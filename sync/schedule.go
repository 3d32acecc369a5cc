package sync

import (
	"context"
	"time"

	"learnwork/store"
)

// Commits is where a Schedule hears local edits: the store's commit
// listeners, which it removes when it stops.
type Commits interface {
	OnCommit(f func(store.Commit)) (remove func())
}

// Schedule says when a transport syncs: on start, a Debounce after local
// edits settle (once, not once per edit), every Period for what other
// devices wrote, and when kicked. The folder runner and the direct runner
// both use it.
type Schedule struct {
	Debounce, Period time.Duration
	kick             chan string
}

// NewSchedule makes a schedule with the given timing.
func NewSchedule(debounce, period time.Duration) *Schedule {
	return &Schedule{Debounce: debounce, Period: period, kick: make(chan string, 1)}
}

// Kick asks for a sync now with one target ("" for all). A kick while
// another waits is folded into it.
func (s *Schedule) Kick(target string) {
	select {
	case s.kick <- target:
	default:
	}
}

// Run calls sync on the schedule until ctx ends. It listens to commits
// only while it runs, so a runner started and stopped many times leaves no
// listener behind.
func (s *Schedule) Run(ctx context.Context, commits Commits, sync func(ctx context.Context, target string)) {
	changed := make(chan struct{}, 1)
	remove := commits.OnCommit(func(c store.Commit) {
		if c.Local {
			select {
			case changed <- struct{}{}:
			default:
			}
		}
	})
	defer remove()
	tick := time.NewTicker(s.Period)
	defer tick.Stop()
	var settle <-chan time.Time
	sync(ctx, "")
	for {
		select {
		case <-ctx.Done():
			return
		case target := <-s.kick:
			sync(ctx, target)
		case <-changed:
			settle = time.After(s.Debounce)
		case <-settle:
			settle = nil
			sync(ctx, "")
		case <-tick.C:
			sync(ctx, "")
		}
	}
}
