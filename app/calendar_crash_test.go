package app

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"learnwork/app/importer"
	"learnwork/store"
)

// The child half of TestKillDuringImport: import, saying after each
// committed chunk, until killed.
func init() {
	if os.Getenv("LW_ICAL_CRASH_CHILD") == "" {
		return
	}
	s, err := store.Open(os.Getenv("LW_ICAL_CRASH_DATA"))
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(3)
	}
	_, err = newImports(core{store: s, ctx: context.Background(), window: noWindow{}, now: time.Now}).ImportWith([]string{os.Getenv("LW_ICAL_CRASH_FILE")}, importer.Options{
		Progress: func(done, total int64) { fmt.Printf("chunk %d/%d\n", done, total) },
	})
	fmt.Println("done", err)
	os.Exit(0)
}

// kill -9 in the middle of an import leaves a store that opens; importing
// again completes it with no duplicates.
func TestKillDuringImport(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 6,000 events")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "big.ics")
	const n = 6000
	if err := os.WriteFile(file, bigCalendar(n, 100), 0o644); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "data")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "LW_ICAL_CRASH_CHILD=1", "LW_ICAL_CRASH_DATA="+data, "LW_ICAL_CRASH_FILE="+file)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	chunks := 0
	for sc.Scan() {
		t.Log(sc.Text())
		if chunks++; chunks == 2 {
			cmd.Process.Kill() // SIGKILL: no deferred cleanup, no Badger close
			break
		}
	}
	cmd.Wait()

	s, err := store.Open(data)
	if err != nil {
		t.Fatalf("store does not open after kill -9: %v", err)
	}
	defer s.Close()
	sv := testApp(t, s, Options{})
	before := countEvents(t, sv)
	if before == 0 || before >= n+100 {
		t.Logf("the kill came at %d events (the child may have finished first)", before)
	}
	reps, err := sv.Imports.ImportWith([]string{file}, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r := reps[0]; r.Created != n+100-before || r.Skipped != 0 {
		t.Errorf("second run: %d created, %d skipped; %d were there before", r.Created, r.Skipped, before)
	}
	uids := map[string]bool{}
	err = s.View(context.Background(), func(r *store.Reader) error {
		return r.Each(store.KindEvent, func(rec *store.Record) bool {
			for _, u := range rec.Elements("uids") {
				if uids[u] {
					t.Errorf("UID %s stored twice", u)
				}
				uids[u] = true
			}
			return true
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := countEvents(t, sv); got != n+100 {
		t.Errorf("%d events, want %d (series, overrides and singles)", got, n+100)
	}
}

func countEvents(t *testing.T, sv *App) int {
	t.Helper()
	o, err := sv.Entities.Overview()
	if err != nil {
		t.Fatal(err)
	}
	return o.Counts["event"]
}
