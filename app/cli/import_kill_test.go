//go:build unix

// Unix only: dirSize reads the disk blocks a sparse file really uses.

package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestImportSurvivesKill9 kills a real import process mid-file, then
// checks the store opens, holds only whole cards, and that running the
// import again completes it without a single duplicate.
func TestImportSurvivesKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)
	const n = 30000
	file := filepath.Join(t.TempDir(), "big.vcf")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	for i := range n {
		fmt.Fprintf(w, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person %d\r\nEMAIL:p%d@example.org\r\nTEL:+1 555 %07d\r\nORG:Org %d\r\nNOTE:Card number %d of a file cut short.\r\nEND:VCARD\r\n", i, i, i, i%97, i)
	}
	w.Flush()
	f.Close()

	data := filepath.Join(t.TempDir(), "data")
	cmd := exec.Command(bin, "--data", data, "import", file)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill once a few transactions have reached the disk.
	deadline := time.Now().Add(2 * time.Minute)
	for dirSize(data) < 4<<20 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Kill()
	cmd.Wait()

	total := func() int {
		out, errs, code := lw(t, data, "list", "people", "--json")
		if code != 0 {
			t.Fatalf("store after kill -9: exit %d: %s", code, errs)
		}
		var ps []map[string]any
		if err := json.Unmarshal([]byte(out), &ps); err != nil {
			t.Fatal(err)
		}
		return len(ps)
	}
	before := total()
	t.Logf("killed after %d of %d people were stored", before, n)
	if before >= n {
		t.Log("the import finished before the kill; the re-run still must not duplicate")
	}
	out := mustLW(t, data, "import", file)
	if !strings.Contains(out, fmt.Sprintf("%d created", n-before)) {
		t.Errorf("re-run: %s", out)
	}
	if after := total(); after != n {
		t.Errorf("%d people after the re-run, want %d", after, n)
	}
	if dups := mustLW(t, data, "duplicates", "--json"); strings.TrimSpace(dups) != "[]" {
		t.Errorf("duplicates after kill and re-run: %.300s", dups)
	}
}

// dirSize is the disk a directory really uses: Badger creates its files
// sparse at full size, so their length says nothing.
func dirSize(dir string) int64 {
	var n int64
	filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return nil
		}
		if st, ok := info.Sys().(*syscall.Stat_t); ok {
			n += st.Blocks * 512
		}
		return nil
	})
	return n
}
