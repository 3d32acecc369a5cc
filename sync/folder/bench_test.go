package folder

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"learnwork/store"
	"learnwork/sync/identity"
	"learnwork/sync/trust"
)

func fillPeople(b testing.TB, s *store.Store, from, n int) {
	b.Helper()
	for done := 0; done < n; {
		err := s.Update(bg, func(tx *store.Tx) error {
			for i := 0; i < 1000 && done < n; i++ {
				p := &store.Person{Meta: store.Meta{Kind: store.KindPerson}, Name: fmt.Sprintf("Person %d", from+done), Org: "Analytical Engines", Title: "Engineer"}
				if _, err := tx.Put(p); err != nil {
					return err
				}
				done++
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// diskDevice is a data directory as the app keeps one.
func diskDevice(b testing.TB, dir string) (*store.Store, *trust.List) {
	b.Helper()
	id, err := identity.Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	list, err := trust.Load(dir, id)
	if err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(dir, store.WithKey(id.Private()))
	if err != nil {
		b.Fatal(err)
	}
	return st, list
}

// BenchmarkFolderFirstSync100k is DESIGN §7: a new device's first sync of
// 100k changes through a folder, run as the real CLI in its own process so
// its peak RSS is its own.
func BenchmarkFolderFirstSync100k(b *testing.B) {
	bin := buildCLI(b)
	root := b.TempDir()
	shared := filepath.Join(root, "shared")
	os.Mkdir(shared, 0o700)
	wdir := filepath.Join(root, "writer")
	ws, wl := diskDevice(b, wdir)
	fillPeople(b, ws, 0, 100_000)
	t0 := time.Now()
	for i := 0; i < b.N; i++ {
		rdir := filepath.Join(root, fmt.Sprint("reader", i))
		rs, rl := diskDevice(b, rdir)
		rs.Close()
		wl.Accept(rl.Invite())
		rl.Accept(wl.Invite())
		rep, err := Sync(bg, ws, wl, shared, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if i == 0 {
			b.ReportMetric(time.Since(t0).Seconds(), "s-to-publish")
			b.ReportMetric(float64(rep.BytesWritten)/1e6, "MB-in-folder")
		}
		b.ResetTimer()
		cmd := exec.Command(bin, "--data", rdir, "sync", "folder", shared, "--json")
		var outBuf strings.Builder
		cmd.Stdout, cmd.Stderr = &outBuf, &outBuf
		start := time.Now()
		err = cmd.Start()
		var hwm, anon, file float64
		if err == nil {
			done := make(chan error)
			go func() { done <- cmd.Wait() }()
			hwm, anon, file, err = sampleRSS(cmd.Process.Pid, done)
		}
		elapsed := time.Since(start)
		out := outBuf.String()
		b.StopTimer()
		if err != nil {
			b.Fatalf("%v: %s", err, out)
		}
		if !strings.Contains(string(out), `"received": 100000`) {
			b.Fatalf("reader did not receive everything: %s", out)
		}
		b.ReportMetric(elapsed.Seconds(), "s/first-sync")
		b.ReportMetric(hwm, "MB-peak-RSS")
		b.ReportMetric(anon, "MB-peak-anon")
		b.ReportMetric(file, "MB-peak-file")
	}
	ws.Close()
}

// BenchmarkFolderIncremental10 measures what a sync of 10 new changes on
// a 100k-change store writes to the folder, and what an idle sync writes.
func BenchmarkFolderIncremental10(b *testing.B) {
	root := b.TempDir()
	shared := filepath.Join(root, "shared")
	os.Mkdir(shared, 0o700)
	ws, wl := diskDevice(b, filepath.Join(root, "writer"))
	defer ws.Close()
	rs, rl := diskDevice(b, filepath.Join(root, "reader"))
	defer rs.Close()
	wl.Accept(rl.Invite())
	rl.Accept(wl.Invite())
	fillPeople(b, ws, 0, 100_000)
	if _, err := Sync(bg, ws, wl, shared, Options{}); err != nil {
		b.Fatal(err)
	}
	var written, idle int64
	var took time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		fillPeople(b, ws, 100_000+i*10, 10)
		b.StartTimer()
		t0 := time.Now()
		rep, err := Sync(bg, ws, wl, shared, Options{})
		took += time.Since(t0)
		if err != nil || rep.Sent != 10 {
			b.Fatalf("sent %d: %v", rep.Sent, err)
		}
		written += rep.BytesWritten
		again, err := Sync(bg, ws, wl, shared, Options{})
		if err != nil {
			b.Fatal(err)
		}
		idle += again.BytesWritten
	}
	b.ReportMetric(float64(written)/float64(b.N), "B-written/sync")
	b.ReportMetric(float64(took.Milliseconds())/float64(b.N), "ms/sync")
	b.ReportMetric(float64(idle)/float64(b.N), "B-written/idle-sync")
}

func buildCLI(b testing.TB) string {
	b.Helper()
	mod, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		b.Fatal(err)
	}
	bin := filepath.Join(b.TempDir(), "learnwork")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = filepath.Dir(strings.TrimSpace(string(mod)))
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// sampleRSS polls a process's peak resident set (VmHWM) and its anonymous
// and file-backed parts (Badger maps its files; those pages are the
// kernel's to drop) until done delivers the process's exit, and returns
// the peaks in MB. Not rusage's Maxrss: for a child started by vfork it
// also counts this process, whose memory the child shared until exec.
func sampleRSS(pid int, done <-chan error) (hwm, anon, file float64, err error) {
	status := fmt.Sprintf("/proc/%d/status", pid)
	for {
		b, _ := os.ReadFile(status)
		for _, l := range strings.Split(string(b), "\n") {
			f := strings.Fields(l)
			if len(f) < 2 {
				continue
			}
			kb, _ := strconv.Atoi(f[1])
			switch f[0] {
			case "RssAnon:":
				anon = max(anon, float64(kb)/1024)
			case "RssFile:":
				file = max(file, float64(kb)/1024)
			case "VmHWM:":
				hwm = max(hwm, float64(kb)/1024)
			}
		}
		select {
		case err := <-done:
			return hwm, anon, file, err
		case <-time.After(20 * time.Millisecond):
		}
	}
}
