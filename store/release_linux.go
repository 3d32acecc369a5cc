package store

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// releaseMapped drops this process's page mappings of the database files.
// Badger writes its value log and write-ahead log through shared memory
// maps and reads its tables through them, so every page it touched stays
// in the process's resident set: a 100k-contact import held 250 MB of
// value log and 64 MB of tables that way. The maps are shared, so the data
// is in the page cache, which the kernel writes back and keeps or evicts as
// memory allows; a later read maps the page again.
//
// A finished value-log file gets MADV_DONTNEED, which keeps its pages
// cached. That is safe only on a range that cannot be unmapped under us
// (and reused for other memory, which DONTNEED would wipe): Badger maps
// each value-log file once and changes the map only when it finishes the
// file (shrinks it in place to the file's length, before it makes the next
// file) or when the database closes (Close does not run while this does).
// So a file with a later one beside it keeps its map, as long as its
// length. Every other file (the value-log file being written, write-ahead
// logs, tables, which Badger unmaps as it flushes and compacts) gets
// MADV_PAGEOUT, which harms no memory it lands on: the kernel unmaps the
// pages, keeps dirty ones cached and evicts clean ones.
func releaseMapped(dir string) {
	if dir == "" {
		return
	}
	abs, err := filepath.Abs(dir)
	if err == nil {
		abs, err = filepath.EvalSymlinks(abs) // the maps name files by their real paths
	}
	if err != nil {
		return
	}
	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		return
	}
	type mapping struct {
		start, end uint64
		name       string
		fid        int // value-log file number, -1 for others
	}
	var all []mapping
	newest := -1
	for line := range bytes.Lines(maps) {
		// start-end perms offset dev inode path
		f := bytes.Fields(line)
		if len(f) < 6 {
			continue
		}
		path := bytes.TrimSpace(line[bytes.Index(line, f[5]):]) // it may hold spaces
		name, ok := strings.CutPrefix(string(path), abs+"/")
		if !ok || !(strings.HasSuffix(name, ".vlog") || strings.HasSuffix(name, ".mem") || strings.HasSuffix(name, ".sst")) {
			continue
		}
		lo, hi, _ := bytes.Cut(f[0], []byte("-"))
		start, err1 := strconv.ParseUint(string(lo), 16, 64)
		end, err2 := strconv.ParseUint(string(hi), 16, 64)
		if err1 != nil || err2 != nil || end <= start {
			continue
		}
		fid := -1
		if num, ok := strings.CutSuffix(name, ".vlog"); ok {
			if n, err := strconv.Atoi(num); err == nil {
				fid = n
				newest = max(newest, n)
			}
		}
		all = append(all, mapping{start, end, name, fid})
	}
	for _, m := range all {
		if m.fid < 0 || m.fid == newest {
			madvise(m.start, m.end-m.start, unix.MADV_PAGEOUT)
			continue
		}
		// Statted after the snapshot, in which a later file exists: the
		// length is final.
		st, err := os.Stat(filepath.Join(abs, m.name))
		if err != nil {
			continue
		}
		if n := min(m.end-m.start, uint64(st.Size())) &^ uint64(os.Getpagesize()-1); n > 0 {
			madvise(m.start, n, unix.MADV_DONTNEED)
		}
	}
}

func madvise(start, n uint64, advice int) {
	unix.Syscall(unix.SYS_MADVISE, uintptr(start), uintptr(n), uintptr(advice))
}
