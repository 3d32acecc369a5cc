package app

import (
	"context"
	"os"
	"path/filepath"
	stdsync "sync"
	"testing"
	"testing/synctest"
	"time"

	"learnwork/store"
	"learnwork/sync/identity"
	"learnwork/sync/trust"
)

// TestSyncLoopTiming: on start, once after edits settle (not once per
// edit), and every few minutes.
func TestSyncLoopTiming(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		changed := make(chan struct{}, 1)
		var mu stdsync.Mutex
		var at []time.Duration
		start := time.Now()
		go syncLoop(ctx, changed, func() {
			mu.Lock()
			at = append(at, time.Since(start))
			mu.Unlock()
		})
		synctest.Wait()
		for range 3 { // three edits a second apart
			changed <- struct{}{}
			time.Sleep(time.Second)
			synctest.Wait()
		}
		time.Sleep(SyncDebounce)
		synctest.Wait()
		time.Sleep(SyncEvery - SyncDebounce - 3*time.Second + time.Millisecond)
		synctest.Wait()
		cancel()
		mu.Lock()
		defer mu.Unlock()
		want := []time.Duration{0, 2*time.Second + SyncDebounce, SyncEvery}
		if len(at) != len(want) {
			t.Fatalf("synced at %v, want %v", at, want)
		}
		for i := range want {
			if at[i] != want[i] {
				t.Errorf("sync %d at %v, want %v", i, at[i], want[i])
			}
		}
	})
}

// TestRunFolderSyncSyncsOnStart: with a folder chosen the runner syncs at
// once and tells the window.
func TestRunFolderSyncSyncsOnStart(t *testing.T) {
	shared := filepath.Join(t.TempDir(), "shared")
	os.Mkdir(shared, 0o700)
	id := identity.New()
	st, err := store.Open("", store.WithKey(id.Private()))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rec := &recorder{got: make(chan string, 8)}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sy := NewSync(ctx, st, trust.InMemory(id, "laptop"), rec)
	if err := st.Update(ctx, func(tx *store.Tx) error {
		_, err := tx.Put(&store.Person{Meta: store.Meta{Kind: store.KindPerson}, Name: "Ada"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if err := sy.SetFolder(shared); err != nil {
		t.Fatal(err)
	}
	go RunFolderSync(ctx, sy)
	for name := range rec.got {
		if name == "sync:status" {
			break
		}
	}
	s, err := sy.Status()
	if err != nil || s.Last == nil || s.Last.Sent != 1 || s.Last.Error != "" {
		t.Fatalf("status after start: %+v %v", s.Last, err)
	}
}

type recorder struct{ got chan string }

func (r *recorder) Emit(name string, _ any) {
	select {
	case r.got <- name:
	default:
	}
}
func (r *recorder) Progress(string, string, int, int) {}

func TestFolderAndDataDirectoryApart(t *testing.T) {
	root := t.TempDir()
	data := filepath.Join(root, "data")
	id := identity.New()
	st, err := store.Open(data, store.WithKey(id.Private()))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sy := NewSync(context.Background(), st, trust.InMemory(id, "laptop"), nil)
	inside := filepath.Join(data, "shared")
	os.Mkdir(inside, 0o700)
	if err := sy.SetFolder(inside); err == nil {
		t.Error("a folder inside the data directory was accepted")
	}
	if _, err := sy.SyncFolder(root, false); err == nil {
		t.Error("syncing through a folder that holds the data directory was allowed")
	}
	outside := filepath.Join(root, "shared")
	os.Mkdir(outside, 0o700)
	if err := sy.SetFolder(outside); err != nil {
		t.Fatal(err)
	}
}
