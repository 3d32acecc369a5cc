package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"learnwork/store"
	"learnwork/sync/identity"
	"learnwork/sync/trust"
)

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
	sy := testAppOf(t, st, id, Options{Window: rec, Context: ctx}).Sync
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
	sy := testAppOf(t, st, id, Options{}).Sync
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

// A damaged list of paired devices stops sync, in words that name the
// file, and nothing else: the data directory opens and people list.
func TestDamagedTrustListStopsOnlySync(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, trust.FileName)
	if err := os.WriteFile(path, []byte(`{"name": "Laptop", "devi`), 0o600); err != nil {
		t.Fatal(err)
	}
	a, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("open with a damaged devices.json: %v", err)
	}
	defer a.Close()
	if _, err := a.Entities.SavePerson(store.Person{Name: "Ada"}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Sync.Status(); !errors.Is(err, trust.ErrDamaged) || !strings.Contains(err.Error(), path) {
		t.Errorf("sync status: %v, want damaged naming %s", err, path)
	}
	// Put right, it reads at the next call without a restart.
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Sync.Devices(); err != nil {
		t.Errorf("devices once the file is gone: %v", err)
	}
}
