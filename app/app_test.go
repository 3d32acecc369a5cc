package app

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"learnwork/store"
	"learnwork/sync/identity"
	"learnwork/sync/trust"
)

// testApp wires every service over s, as Open does over a data directory;
// the test closes s.
func testApp(tb testing.TB, s *store.Store, opts Options) *App {
	tb.Helper()
	return testAppOf(tb, s, identity.New(), opts)
}

// testAppOf is testApp for a store whose device is id's, for syncing.
func testAppOf(tb testing.TB, s *store.Store, id *identity.Identity, opts Options) *App {
	tb.Helper()
	tl := trust.InMemory(id, "test")
	a := wire(s, id, func() (*trust.List, error) { return tl, nil }, opts)
	tb.Cleanup(a.stop)
	return a
}

// One wiring registers each commit hook once: an event saved in a store
// with a subscription file rewrites that file exactly once (the window
// used to write it twice, once per copy of the services). Open and Close
// over a real data directory, as the window and the CLI do.
func TestSubscriptionWrittenOncePerCommit(t *testing.T) {
	dir := t.TempDir()
	a, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "learnwork.ics")
	if err := a.Calendar.SetSubscription(path); err != nil {
		t.Fatal(err)
	}
	for i, title := range []string{"Reading group", "Lunch and learn"} {
		before := a.Calendar.subWrites.Load()
		if _, err := a.Entities.SaveEvent(store.Event{Title: title, Start: "2026-03-0" + strconv.Itoa(i+1) + "T18:00:00"}); err != nil {
			t.Fatal(err)
		}
		if err := a.Store.Wait(); err != nil {
			t.Fatal(err)
		}
		a.Calendar.wait()
		if n := a.Calendar.subWrites.Load() - before; n != 1 {
			t.Errorf("saving %q wrote the subscription file %d times, want once", title, n)
		}
		if b, err := os.ReadFile(path); err != nil || !strings.Contains(string(b), title) {
			t.Errorf("subscription file after saving %q: %v\n%s", title, err, b)
		}
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	// Closed means closed: the data directory opens again.
	b, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("reopen after Close: %v", err)
	}
	b.Close()
}

// Settings an earlier version wrote under its old keys are read under
// today's after Open: the shared folder and dismissed duplicates survive
// the upgrade, and a key already set under its new name is not overwritten.
func TestOpenMovesRenamedSettings(t *testing.T) {
	dir := t.TempDir()
	s, _, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]string{"sync/folder": "/media/stick", "duplicates/dismissed": `["a|b"]`, "sync/last": "old", settingLast: "new"} {
		if err := s.SetSetting(k, v); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	a, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if got := a.Sync.Folder(); got != "/media/stick" {
		t.Errorf("shared folder after upgrade: %q", got)
	}
	if d := a.Imports.settings().dismissed(); !d["a|b"] {
		t.Errorf("dismissed pairs after upgrade: %v", d)
	}
	if got := a.Store.Setting(settingLast); got != "new" {
		t.Errorf("a key set under its new name was overwritten: %q", got)
	}
	for old := range renamedSettings {
		if v := a.Store.Setting(old); v != "" {
			t.Errorf("old key %s still holds %q", old, v)
		}
	}
}
