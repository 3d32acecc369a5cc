package store

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

func statFree(dir string) (uint64, bool) {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return 0, false
	}
	return st.Bavail * uint64(st.Bsize), true
}

func sameDevice(a, b string) bool {
	var sa, sb unix.Stat_t
	if unix.Stat(a, &sa) != nil || unix.Stat(b, &sb) != nil {
		return true
	}
	return sa.Dev == sb.Dev
}

// allocated is the disk a file takes, and whether it holds no data at all:
// SEEK_DATA finds none (a filesystem without it reports the whole file as
// data, so nothing is ever taken for empty by mistake).
func allocated(path string) (bytes uint64, empty bool) {
	f, err := os.Open(path)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	var st unix.Stat_t
	if err := unix.Fstat(int(f.Fd()), &st); err != nil {
		return 0, false
	}
	if _, err := unix.Seek(int(f.Fd()), 0, unix.SEEK_DATA); errors.Is(err, unix.ENXIO) {
		return 0, true
	}
	if st.Blocks == 0 { // data the filesystem does not count: take the size
		return uint64(st.Size), false
	}
	return uint64(st.Blocks) * 512, false
}
