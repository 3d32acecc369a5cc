package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeFree makes the disk look as if it had free bytes left, for the rest
// of the test.
func fakeFree(t *testing.T, free *uint64) {
	real := freeSpace
	freeSpace = func(string) (uint64, bool) { return *free, true }
	t.Cleanup(func() { freeSpace = real })
}

// TestFullDiskInjected: on a disk too full for Badger to write safely, a
// store opens read-only and reads work; every write is refused with one
// clear line and changes nothing; once space is back, writes work again.
// The real thing (SIGBUS on a tmpfs) is TestFullDisk in app/cli.
func TestFullDiskInjected(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	ada := addPerson(t, s, "Ada", "ada@example.org")
	s.Close()

	free := uint64(1 << 20)
	fakeFree(t, &free)
	s, err := Open(dir)
	if err != nil {
		t.Fatalf("open on a full disk: %v", err)
	}
	if s.ReadOnly() == nil {
		t.Error("a store opened on a full disk does not say it is read-only")
	}
	if p := person(t, s, ada); p.Name != "Ada" {
		t.Errorf("read on a full disk = %+v", p)
	}
	refused := func(what string, err error) {
		t.Helper()
		var se *SpaceError
		if !errors.Is(err, ErrNoSpace) || !errors.As(err, &se) {
			t.Fatalf("%s on a full disk: %v, want ErrNoSpace", what, err)
		}
		if msg := err.Error(); !strings.HasPrefix(msg, "not enough space on /") || !strings.Contains(msg, "MB needed, 1 MB free") {
			t.Errorf("%s: %q", what, msg)
		}
	}
	refused("an edit", s.Update(ctx, func(tx *Tx) error { return tx.Set(KindPerson, ada, "title", "Countess") }))
	refused("a setting", s.SetSetting("theme", "dark"))
	_, err = s.BeginImport("import a.vcf", "/a.vcf", 1)
	refused("an import", err)
	if err := s.Close(); err != nil {
		t.Fatalf("close a read-only store: %v", err)
	}

	// A store running when the disk fills: the write is refused, the store
	// carries on, and writes once there is room.
	free = 1 << 40
	s = open(t, dir)
	free = 1 << 20
	refused("an edit after the disk filled", s.Update(ctx, func(tx *Tx) error { return tx.Set(KindPerson, ada, "title", "Countess") }))
	if p := person(t, s, ada); p.Title != "" {
		t.Errorf("a refused edit was written: %+v", p)
	}
	free = 1 << 40
	if err := s.Update(ctx, func(tx *Tx) error { return tx.Set(KindPerson, ada, "title", "Countess") }); err != nil {
		t.Fatalf("edit once space is back: %v", err)
	}
	if p := person(t, s, ada); p.Title != "Countess" {
		t.Errorf("after space came back: %+v", p)
	}
}

// TestFullDiskAfterCrash: a process that died of SIGBUS while opening on
// the full disk left a write-ahead log and a value-log file at full size
// with nothing in them; read-only Badger refused such a log (it would have
// to cut it). Open drops them, since they hold nothing, and reads work.
func TestFullDiskAfterCrash(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	ada := addPerson(t, s, "Ada", "ada@example.org")
	s.Close()
	for _, name := range []string{"00042.mem", "000042.vlog"} {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(64 << 20); err != nil { // as z.OpenMmapFile leaves a new file
			t.Fatal(err)
		}
		f.Close()
	}
	free := uint64(1 << 20)
	fakeFree(t, &free)
	s, err := Open(dir)
	if err != nil {
		t.Fatalf("open on a full disk after a crash: %v", err)
	}
	defer s.Close()
	if p := person(t, s, ada); p.Name != "Ada" {
		t.Errorf("read = %+v", p)
	}
}

// TestFullDiskNewStore: with no store yet and no space, Open says so.
func TestFullDiskNewStore(t *testing.T) {
	free := uint64(0)
	fakeFree(t, &free)
	_, err := Open(t.TempDir())
	if !errors.Is(err, ErrNoSpace) {
		t.Fatalf("open a new store on a full disk: %v", err)
	}
}
