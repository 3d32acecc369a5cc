package sync

import (
	"context"
	stdsync "sync"
	"testing"
	"testing/synctest"
	"time"

	"learnwork/store"
)

// commitHub is a fake store's commit listeners.
type commitHub struct {
	mu   stdsync.Mutex
	subs map[int]func(store.Commit)
	next int
}

func (h *commitHub) OnCommit(f func(store.Commit)) func() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.subs == nil {
		h.subs = map[int]func(store.Commit){}
	}
	h.next++
	id := h.next
	h.subs[id] = f
	return func() { h.mu.Lock(); delete(h.subs, id); h.mu.Unlock() }
}

func (h *commitHub) commit(local bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, f := range h.subs {
		f(store.Commit{Local: local})
	}
}

func (h *commitHub) listeners() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs)
}

// On start, once after edits settle (not once per edit, and not for
// changes that came from other devices), on a kick, and every period; the
// listener goes when the run ends.
func TestScheduleTiming(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const debounce, period = 5 * time.Second, 3 * time.Minute
		ctx, cancel := context.WithCancel(context.Background())
		hub := &commitHub{}
		s := NewSchedule(debounce, period)
		var mu stdsync.Mutex
		type call struct {
			at     time.Duration
			target string
		}
		var got []call
		start := time.Now()
		done := make(chan struct{})
		go func() {
			s.Run(ctx, hub, func(_ context.Context, target string) {
				mu.Lock()
				got = append(got, call{time.Since(start), target})
				mu.Unlock()
			})
			close(done)
		}()
		synctest.Wait()
		if hub.listeners() != 1 {
			t.Fatalf("%d listeners while running, want 1", hub.listeners())
		}
		for range 3 { // three edits a second apart
			hub.commit(true)
			time.Sleep(time.Second)
			synctest.Wait()
		}
		hub.commit(false) // a change another device sent: no sync for it
		time.Sleep(debounce)
		synctest.Wait()
		s.Kick("desk")
		synctest.Wait()
		time.Sleep(period - debounce - 3*time.Second + time.Millisecond)
		synctest.Wait()
		cancel()
		<-done
		if hub.listeners() != 0 {
			t.Errorf("%d listeners after the run ended, want 0", hub.listeners())
		}
		mu.Lock()
		defer mu.Unlock()
		want := []call{{0, ""}, {2*time.Second + debounce, ""}, {3*time.Second + debounce, "desk"}, {period, ""}}
		if len(got) != len(want) {
			t.Fatalf("synced %v, want %v", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("sync %d: %v, want %v", i, got[i], want[i])
			}
		}
	})
}
