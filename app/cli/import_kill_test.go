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
// checks the store opens, holds only whole cards, that the next command
// reports the interrupted import with exactly what was stored, and that
// finish-import completes it without a single duplicate.
func TestImportSurvivesKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)
	const n = 30000
	file := filepath.Join(t.TempDir(), "big.vcf")
	writeCards(t, file, n)

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

	total := func() (int, string) {
		out, errs, code := lw(t, data, "list", "people", "--json")
		if code != 0 {
			t.Fatalf("store after kill -9: exit %d: %s", code, errs)
		}
		var ps []map[string]any
		if err := json.Unmarshal([]byte(out), &ps); err != nil {
			t.Fatal(err)
		}
		return len(ps), errs
	}
	before, notice := total()
	t.Logf("killed after %d of %d people were stored", before, n)
	if before >= n {
		t.Skip("the import finished before the kill")
	}
	// The interruption is told with exactly what the store holds.
	want := fmt.Sprintf("import of big.vcf interrupted after %s of 30,000: undo or finish", thousands(before))
	if !strings.Contains(notice, want) {
		t.Errorf("stderr after the kill = %q, want %q", notice, want)
	}
	out := mustLW(t, data, "finish-import")
	if !strings.Contains(out, fmt.Sprintf("%d added", n-before)) {
		t.Errorf("finish-import: %s", out)
	}
	if after, notice := total(); after != n || notice != "" {
		t.Errorf("%d people after finishing, want %d; stderr %q", after, n, notice)
	}
	if dups := mustLW(t, data, "duplicates", "--json"); strings.TrimSpace(dups) != "[]" {
		t.Errorf("duplicates after kill and re-run: %.300s", dups)
	}
}

// thousands writes n as the notices do: 22,001.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
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

// writeCards writes a vCard file of n distinct people.
func writeCards(t *testing.T, file string, n int) {
	t.Helper()
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	for i := range n {
		fmt.Fprintf(w, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person %d\r\nEMAIL:p%d@example.org\r\nTEL:+1 555 %07d\r\nORG:Org %d\r\nNOTE:Card number %d of a file cut short.\r\nEND:VCARD\r\n", i, i, i, i%97, i)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}
