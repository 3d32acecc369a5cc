package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	stdsync "sync"
	"testing"

	"learnwork/app"
	"learnwork/sync/trust"
)

// TestSyncFolderEndToEnd drives the real binary: two data directories are
// paired by invitation files, edited on both sides, synced both ways through
// a folder, and must list the same people with the conflict on both.
func TestSyncFolderEndToEnd(t *testing.T) {
	bin := buildBinary(t)
	run := func(data string, args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, append([]string{"--data", data}, args...)...)
		out, err := cmd.Output()
		if err != nil {
			stderr := ""
			if ee, ok := err.(*exec.ExitError); ok {
				stderr = string(ee.Stderr)
			}
			t.Fatalf("learnwork %s: %v: %s", strings.Join(args, " "), err, stderr)
		}
		return string(out)
	}
	tmp := t.TempDir()
	laptop, work, shared := filepath.Join(tmp, "laptop"), filepath.Join(tmp, "work"), filepath.Join(tmp, "Dropbox")
	os.Mkdir(shared, 0o755)
	run(laptop, "sync", "rename", "self", "Laptop")
	run(work, "sync", "rename", "self", "Work")
	run(laptop, "sync", "invite", "-o", filepath.Join(tmp, "laptop.invite"))
	run(work, "sync", "invite", "-o", filepath.Join(tmp, "work.invite"))
	run(laptop, "sync", "accept", filepath.Join(tmp, "work.invite"))
	run(work, "sync", "accept", filepath.Join(tmp, "laptop.invite"))

	ada := strings.TrimSpace(run(laptop, "add", "person", "name=Ada Lovelace", "email=ada@example.org"))
	run(work, "add", "person", "name=Grace Hopper", "topic=Compilers")
	run(laptop, "sync", "folder", shared)
	run(work, "sync", "folder", shared)
	run(laptop, "sync", "folder", shared)

	// Both edit Ada's title without seeing the other: a conflict, not a loss.
	run(laptop, "set", ada, "title=Countess")
	run(work, "set", ada, "title=Analyst", "email+=ada@work.example")
	run(work, "sync", "folder", shared)
	var last app.LastSync
	if err := json.Unmarshal([]byte(run(laptop, "sync", "folder", shared, "--json")), &last); err != nil {
		t.Fatal(err)
	}
	if last.Received != 1 || len(last.Incoming) != 1 || last.Incoming[0].ID != ada || last.Incoming[0].Title != "Ada Lovelace" {
		t.Errorf("laptop's sync --json: %+v", last)
	}
	run(work, "sync", "folder", shared)
	// An idle sync brings nothing, and the status keeps "what came in"
	// from the last one that brought something (checked below).
	var idle app.LastSync
	if err := json.Unmarshal([]byte(run(laptop, "sync", "folder", shared, "--json")), &idle); err != nil {
		t.Fatal(err)
	}
	if idle.Received != 0 || len(idle.Incoming) != 0 {
		t.Errorf("idle sync: %+v", idle)
	}

	a, b := run(laptop, "list", "people", "--json"), run(work, "list", "people", "--json")
	if a != b {
		t.Fatalf("the devices differ:\nlaptop %s\nwork %s", a, b)
	}
	if !strings.Contains(a, "Grace Hopper") || !strings.Contains(a, "ada@work.example") {
		t.Errorf("merged list lacks a side's edits: %s", a)
	}
	for _, d := range []string{laptop, work} {
		c := run(d, "conflicts", "--json")
		if !strings.Contains(c, "Countess") || !strings.Contains(c, "Analyst") {
			t.Errorf("conflict not surfaced on %s: %s", filepath.Base(d), c)
		}
	}
	var st app.SyncStatus
	if err := json.Unmarshal([]byte(run(laptop, "sync", "status", "--json")), &st); err != nil {
		t.Fatal(err)
	}
	if st.Name != "Laptop" || len(st.Devices) != 1 || st.Devices[0].Name != "Work" || st.Devices[0].How != "folder" || st.Last == nil || st.Conflicts != 1 {
		t.Errorf("status: %+v", st)
	}
	if len(st.Incoming) != 1 || st.Incoming[0].ID != ada || st.IncomingAt != last.Time {
		t.Errorf("idle sync lost what came in: %+v at %s", st.Incoming, st.IncomingAt)
	}
	if out := run(laptop, "sync", "devices"); !strings.Contains(out, "Work") || !strings.Contains(out, "through the shared folder") {
		t.Errorf("sync devices does not say how Work last synced: %s", out)
	}
	// Revoked: the work machine's later edits are no longer read.
	run(laptop, "sync", "revoke", "Work")
	run(work, "add", "person", "name=Mallory")
	run(work, "sync", "folder", shared)
	run(laptop, "sync", "folder", shared)
	if strings.Contains(run(laptop, "list", "people"), "Mallory") {
		t.Error("a revoked device's change was applied")
	}
}

// A damaged devices.json stops the sync commands with words that name it,
// and no other command.
func TestDamagedDevicesFile(t *testing.T) {
	data := t.TempDir()
	if code := Run(t.Context(), []string{"--data", data, "add", "person", "name=Ada Lovelace"}, nil, io.Discard, io.Discard); code != ExitOK {
		t.Fatalf("add: exit %d", code)
	}
	path := filepath.Join(data, trust.FileName)
	if err := os.WriteFile(path, []byte("{\"name\": \"Laptop\", \"dev"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut strings.Builder
	if code := Run(t.Context(), []string{"--data", data, "list", "people"}, nil, &out, &errOut); code != ExitOK || !strings.Contains(out.String(), "Ada Lovelace") {
		t.Errorf("list people with a damaged devices.json: exit %d, %s%s", code, out.String(), errOut.String())
	}
	for _, args := range [][]string{{"sync", "status"}, {"sync", "devices"}, {"sync", "invite"}, {"sync", "with", "Work"}} {
		errOut.Reset()
		code := Run(t.Context(), append([]string{"--data", data}, args...), nil, io.Discard, &errOut)
		want := "learnwork: the list of paired devices is damaged (" + path + "): put back a copy from a backup, or move the file away and pair your devices again\n"
		if code != ExitError || errOut.String() != want {
			t.Errorf("%s: exit %d, %q\nwant %q", strings.Join(args, " "), code, errOut.String(), want)
		}
	}
}

// built is the learnwork binary the tests run as a real process, built
// once for all of them (each build links it again: seconds of a loaded
// CI's two cores) and removed when they end (TestMain).
var built struct {
	once stdsync.Once
	dir  string
	bin  string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

func buildBinary(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		root, err := exec.Command("go", "env", "GOMOD").Output()
		if err != nil {
			built.err = err
			return
		}
		if built.dir, err = os.MkdirTemp("", "learnwork-cli-test"); err != nil {
			built.err = err
			return
		}
		bin := filepath.Join(built.dir, "learnwork")
		if runtime.GOOS == "windows" {
			bin += ".exe" // Windows runs programs by their extension
		}
		cmd := exec.Command("go", "build", "-o", bin, ".")
		cmd.Dir = filepath.Dir(strings.TrimSpace(string(root)))
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			built.err = fmt.Errorf("go build: %w\n%s", err, out)
			return
		}
		built.bin = bin
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.bin
}
