package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/dgraph-io/badger/v4"
)

// ErrNoSpace says the disk of the data directory has too little free space
// for the store to write safely. A *SpaceError says where and how much.
var ErrNoSpace = errors.New("not enough space")

// SpaceError is ErrNoSpace with the figures.
type SpaceError struct {
	Mount      string // where the data directory's disk is mounted
	Need, Free uint64 // bytes
	// Open: the store could not even be opened to read (see prepareFull).
	Open bool
}

func (e *SpaceError) Error() string {
	need, free := (e.Need+(1<<20)-1)>>20, e.Free>>20
	if e.Open {
		return fmt.Sprintf("not enough space on %s to open the data directory: %d MB needed, %d MB free; free some space and try again", e.Mount, need, free)
	}
	return fmt.Sprintf("not enough space on %s: %d MB needed, %d MB free; free some space and try again (reading still works)", e.Mount, need, free)
}

func (e *SpaceError) Unwrap() error { return ErrNoSpace }

// freeSpace is the space free for this user on dir's filesystem; tests
// replace it to inject a full disk. ok is false where it cannot be told.
var freeSpace = statFree

// spaceNeeded is the free space the store must see before it writes.
// Badger writes its write-ahead logs, value log and tables through shared
// memory maps of files it first makes at full size without allocating them
// (ristretto's z.OpenMmapFile truncates a new file to its size): when the
// disk cannot supply a page the process gets SIGBUS, not an error, and
// dies. So the store refuses a write unless the disk holds what Badger may
// still write behind it: the value-log file being written (up to its full
// size), the memtable being filled and those waiting to be flushed as
// tables (each about a memtable), a quarter of the tables for a compaction
// to write before it deletes what it merged, and 8 MB for the manifest,
// discard statistics and a transaction's overshoot.
func spaceNeeded(o badger.Options, tables int64) uint64 {
	return uint64(o.ValueLogFileSize) + uint64(o.NumMemtables+1)*uint64(o.MemTableSize) + uint64(tables)/4 + 8<<20
}

// checkSpace says whether dir's disk has need bytes free.
func checkSpace(dir string, need uint64) error {
	free, ok := freeSpace(dir)
	if !ok || free >= need {
		return nil
	}
	return &SpaceError{Mount: mountPoint(dir), Need: need, Free: free}
}

// prepareFull readies a data directory on a disk short of space to be
// opened, and says whether Badger must open it writable (the store still
// refuses every write). A process that died while Badger opened or wrote
// (of SIGBUS on this very disk, or kill -9) leaves write-ahead logs and
// value-log files at their full mapped size, partly or wholly unallocated.
// Read-only, Badger replays each write-ahead log and refuses one it would
// have to cut (ErrTruncateNeeded); and on tmpfs even reading a hole of a
// mapped file allocates a page, so faults too. So: a log file with no data
// at all holds nothing and goes; a write-ahead log with data takes a
// writable open, which cuts it and flushes it as a table, and is allowed
// when the disk holds twice its data and 4 MB (the discard statistics and
// the new logs' first pages); below that the store does not open, with a
// SpaceError that says so.
func prepareFull(dir string, full *SpaceError) (writable bool, err error) {
	entries, _ := os.ReadDir(dir)
	var wal uint64
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".mem") && !strings.HasSuffix(name, ".vlog") {
			continue
		}
		path := filepath.Join(dir, name)
		bytes, empty := allocated(path)
		if empty {
			if err := os.Remove(path); err != nil {
				return false, err
			}
			continue
		}
		if strings.HasSuffix(name, ".mem") {
			wal += bytes
		}
	}
	if wal == 0 {
		return false, nil
	}
	need := 2*wal + 4<<20
	if full.Free < need {
		return false, &SpaceError{Mount: full.Mount, Need: need, Free: full.Free, Open: true}
	}
	return true, nil
}

// tableBytes is the size of the tables in dir, before the store is open.
func tableBytes(dir string) int64 {
	var n int64
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".sst") {
			continue
		}
		if info, err := e.Info(); err == nil {
			n += info.Size()
		}
	}
	return n
}

// room says whether the store may write now (see spaceNeeded). It costs one
// statfs call.
func (s *Store) room() error {
	if s.full != nil {
		return s.full
	}
	if s.dir == "" {
		return nil
	}
	tables, _ := s.db.Size()
	return checkSpace(s.dir, spaceNeeded(s.opts, tables))
}

// ReadOnly tells whether the store was opened read-only because its disk was
// full, and why (nil when writable).
func (s *Store) ReadOnly() error {
	if s.full == nil {
		return nil
	}
	return s.full
}

// mountPoint is the directory dir's filesystem is mounted on, the name a
// person knows their disk by ("/", "/home", "/media/usb").
func mountPoint(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	for abs != "/" {
		parent := filepath.Dir(abs)
		if !sameDevice(abs, parent) {
			return abs
		}
		abs = parent
	}
	return abs
}
