package direct

import (
	"context"
	stdsync "sync"
	"testing"
	"time"

	"learnwork/store"
	"learnwork/sync/identity"
	"learnwork/sync/trust"
)

// countingStore counts the commit listeners registered and not removed.
type countingStore struct {
	*store.Store
	mu        stdsync.Mutex
	listening int
}

func (c *countingStore) OnCommit(f func(store.Commit)) func() {
	remove := c.Store.OnCommit(f)
	c.mu.Lock()
	c.listening++
	c.mu.Unlock()
	var once stdsync.Once
	return func() {
		once.Do(func() {
			remove()
			c.mu.Lock()
			c.listening--
			c.mu.Unlock()
		})
	}
}

func (c *countingStore) listeners() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.listening
}

// Switching serving off and on again leaves one commit listener while on
// and none while off, however often it is switched.
func TestRunnerStartStopLeavesNoListener(t *testing.T) {
	id := identity.New()
	st, err := store.Open("", store.WithKey(id.Private()))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cs := &countingStore{Store: st}
	r := NewRunner(cs, id.Private(), trust.InMemory(id, "laptop"), nil)
	for i := range 3 {
		if err := r.Start(context.Background(), "127.0.0.1:0"); err != nil {
			t.Fatal(err)
		}
		if err := r.Start(context.Background(), "127.0.0.1:0"); err != nil { // started already: nothing more
			t.Fatal(err)
		}
		deadline := time.Now().Add(5 * time.Second)
		for cs.listeners() != 1 && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		if n := cs.listeners(); n != 1 {
			t.Fatalf("round %d: %d listeners while serving, want 1", i, n)
		}
		r.Stop()
		if n := cs.listeners(); n != 0 || r.Addr() != nil {
			t.Fatalf("round %d: %d listeners (address %v) after stopping, want none", i, n, r.Addr())
		}
	}
}
