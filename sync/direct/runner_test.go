package direct

import (
	"context"
	stdsync "sync"
	"testing"
	"time"

	"learnwork/internal/racebuild"
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
		deadline := time.Now().Add(racebuild.Scale(5 * time.Second))
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

func newTestRunner(t *testing.T, name string) (*Runner, *trust.List, *identity.Identity) {
	t.Helper()
	id := identity.New()
	st, err := store.Open("", store.WithKey(id.Private()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	tl := trust.InMemory(id, name)
	return NewRunner(st, id.Private(), tl, nil), tl, id
}

// A device just paired dials in while this one is still looking for it
// on the network (the showing side knows no address for it): the failed
// search must not mark as offline a device that has just synced.
func TestRunnerDeviceThatDialledInIsNotOffline(t *testing.T) {
	ctx := context.Background()
	a, aTrust, _ := newTestRunner(t, "laptop")
	b, bTrust, bID := newTestRunner(t, "work")
	if err := a.Start(ctx, "127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	defer a.Stop()
	o, err := a.Node.Offer()
	if err != nil {
		t.Fatal(err)
	}
	pa, err := b.Pair(ctx, o.Code.String(), a.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	devB, err := aTrust.Check(bID.ID())
	if err != nil {
		t.Fatal(err)
	}
	looked := make(chan error, 1)
	go func() {
		_, err := a.SyncDevice(ctx, devB, "")
		looked <- err
	}()
	deadline := time.Now().Add(racebuild.Scale(5 * time.Second))
	for a.Peer(devB.ID).State != StateLooking && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	devA, err := bTrust.Check(pa.ID)
	if err != nil {
		t.Fatal(err)
	}
	c, err := b.SyncDevice(ctx, devA, a.Addr().String())
	if err != nil {
		t.Fatalf("work dialling the laptop: %v", err)
	}
	defer c.Close()
	if err := <-looked; err == nil {
		t.Skip("the laptop found the work computer on the network after all; nothing to check")
	}
	if p := a.Peer(devB.ID); p.State != StateIdle || p.Err != "" || p.LastSync.IsZero() {
		t.Errorf("after it dialled in, the laptop shows the work computer as %q (%s), last sync %v", p.State, p.Err, p.LastSync)
	}
	if d, _ := aTrust.Check(devB.ID); d.LastSeen.IsZero() {
		t.Error("the laptop did not record when the work computer last synced")
	}
}
