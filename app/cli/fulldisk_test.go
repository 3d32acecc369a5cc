//go:build linux

package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestFullDisk runs the real binary on a small tmpfs filled up: Badger
// used to die with SIGBUS on every command there, even `list people`,
// writing into a mapped page the filesystem could not supply. Now reads
// work, writes stop with one line, and an import that fills the disk stops
// cleanly as an interrupted import. Needs root to mount the tmpfs.
func TestFullDisk(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	mnt := filepath.Join(t.TempDir(), "small")
	if err := os.Mkdir(mnt, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := unix.Mount("tmpfs", mnt, "tmpfs", 0, "size=300m"); err != nil {
		t.Skipf("cannot mount a tmpfs to fill (needs root): %v; TestFullDiskInjected in store covers the checks", err)
	}
	t.Cleanup(func() { unix.Unmount(mnt, unix.MNT_DETACH) })
	bin := buildBinary(t)
	data := filepath.Join(mnt, "data")
	run := func(args ...string) (string, string, int) {
		t.Helper()
		cmd := exec.Command(bin, append([]string{"--data", data}, args...)...)
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		if strings.Contains(errb.String(), "fatal error") || strings.Contains(errb.String(), "SIGBUS") {
			t.Fatalf("learnwork %s crashed: %.400s", strings.Join(args, " "), errb.String())
		}
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return out.String(), errb.String(), code
	}
	fill := filepath.Join(mnt, "fill")
	leave := func(free int64) {
		t.Helper()
		os.Remove(fill)
		var st unix.Statfs_t
		if err := unix.Statfs(mnt, &st); err != nil {
			t.Fatal(err)
		}
		f, err := os.Create(fill)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := unix.Fallocate(int(f.Fd()), 0, 0, int64(st.Bavail)*st.Bsize-free); err != nil {
			t.Fatal(err)
		}
	}
	oneLine := regexp.MustCompile(`^learnwork: not enough space on ` + regexp.QuoteMeta(mnt) + `: (\d+) MB needed, \d+ MB free; free some space and try again \(reading still works\)\n$`)

	if _, errs, code := run("add", "person", "name=Ada Lovelace"); code != 0 {
		t.Fatalf("add: %s", errs)
	}
	leave(4096)
	out, errs, code := run("list", "people")
	if code != 0 || !strings.Contains(out, "Ada Lovelace") {
		t.Fatalf("list people on a full disk: exit %d, %q, %q", code, out, errs)
	}
	_, errs, code = run("add", "person", "name=Charles Babbage")
	m := oneLine.FindStringSubmatch(errs)
	if code != 1 || m == nil {
		t.Fatalf("add on a full disk: exit %d, stderr %q", code, errs)
	}
	need, _ := strconv.Atoi(m[1])

	// What a process that died of SIGBUS opening this disk left behind: a
	// write-ahead log and a value-log file at full size with nothing in them.
	for _, name := range []string{"00042.mem", "000042.vlog"} {
		if err := os.WriteFile(filepath.Join(data, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(filepath.Join(data, name), 64<<20); err != nil {
			t.Fatal(err)
		}
	}
	if out, errs, code := run("list", "people"); code != 0 || !strings.Contains(out, "Ada Lovelace") {
		t.Fatalf("list people on a full disk after a crash: exit %d, %q, %q", code, out, errs)
	}

	// Room for a few thousand cards of 30,000: the import stops at the
	// first transaction it cannot make safely.
	file := filepath.Join(t.TempDir(), "big.vcf")
	writeCards(t, file, 30000)
	leave(int64(need+8) << 20)
	_, errs, code = run("import", file)
	stopped := code != 0
	if stopped && !strings.Contains(errs, "not enough space on "+mnt) {
		t.Fatalf("import filling the disk: exit %d, stderr %q", code, errs)
	}
	out, errs, code = run("list", "people")
	if code != 0 {
		t.Fatalf("list people after the import: exit %d, %q", code, errs)
	}
	people := strings.Count(out, "\n") // Ada and the cards
	t.Logf("%d MB needed; the import stopped: %v, with %d of 30,000 cards stored", need, stopped, people-1)
	if stopped {
		want := fmt.Sprintf("import of big.vcf interrupted after %s of 30,000", thousands(people-1))
		if !strings.Contains(errs, want) {
			t.Errorf("after the stopped import, stderr %q, want %q", errs, want)
		}
	}
	// Space back: the store writes again and the import finishes.
	os.Remove(fill)
	if _, errs, code := run("finish-import"); stopped && code != 0 {
		t.Fatalf("finish-import once space is back: exit %d, %q", code, errs)
	}
	if out, _, _ := run("list", "people"); strings.Count(out, "\n") != 30001 {
		t.Errorf("%d people after finishing, want 30,001", strings.Count(out, "\n"))
	}

	// Killed mid-import, then the disk fills: the write-ahead log holds
	// data read-only Badger cannot replay without cutting it. With no room
	// to cut it the store says so; with room it opens and reads.
	more := filepath.Join(t.TempDir(), "more.vcf")
	writeCards(t, more, 30000)
	if err := os.WriteFile(more, bytes.ReplaceAll(mustRead(t, more), []byte("Person "), []byte("Other ")), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--data", data, "import", more)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for start := dirSize(data); dirSize(data) < start+3<<20; {
		time.Sleep(10 * time.Millisecond)
	}
	cmd.Process.Kill()
	cmd.Wait()
	leave(4096)
	_, errs, code = run("list", "people")
	if code != 1 || !regexp.MustCompile(`^learnwork: .*not enough space on `+regexp.QuoteMeta(mnt)+` to open the data directory: \d+ MB needed, 0 MB free; free some space and try again\n$`).MatchString(errs) {
		t.Fatalf("list people after kill -9 on a full disk: exit %d, %q", code, errs)
	}
	leave(100 << 20) // under what writing needs, over what opening needs
	out, errs, code = run("list", "people")
	if code != 0 || !strings.Contains(out, "Ada Lovelace") || !strings.Contains(errs, "import of more.vcf interrupted after") {
		t.Fatalf("list people after kill -9 with 100 MB free: exit %d, %q", code, errs)
	}
	_, errs, code = run("add", "person", "name=Charles Babbage")
	if last := errs[strings.LastIndex(errs[:max(len(errs)-1, 0)], "\n")+1:]; code != 1 || !oneLine.MatchString(last) { // after the notice
		t.Errorf("add with 100 MB free: exit %d, %q", code, errs)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
