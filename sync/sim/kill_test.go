package sim

import (
	"bufio"
	"fmt"
	"io"
	"learnwork/internal/racebuild"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"learnwork/store"
	"learnwork/sync/folder"
	"learnwork/sync/identity"
	"learnwork/sync/trust"
)

// TestKillMidApply kills a real process with SIGKILL while it applies a
// large folder sync to an on-disk store, then reopens the store: it must
// open, hold a gapless prefix of the changes, and a second sync must finish
// with the writer's exact state.
func TestKillMidApply(t *testing.T) {
	if os.Getenv("LEARNWORK_SIM_HELPER") != "" {
		return // this is the helper's own run of the test binary
	}
	root := t.TempDir()
	shared := filepath.Join(root, "shared")
	writerDir, readerDir := filepath.Join(root, "writer"), filepath.Join(root, "reader")
	for _, d := range []string{shared, writerDir, readerDir} {
		os.MkdirAll(d, 0o700)
	}
	wid, _ := identity.Load(writerDir)
	rid, _ := identity.Load(readerDir)
	wlist, _ := trust.Load(writerDir, wid)
	rlist, _ := trust.Load(readerDir, rid)
	if _, err := wlist.Accept(rlist.Invite()); err != nil {
		t.Fatal(err)
	}
	if _, err := rlist.Accept(wlist.Invite()); err != nil {
		t.Fatal(err)
	}
	ws, err := store.Open(writerDir, store.WithKey(wid.Private()))
	if err != nil {
		t.Fatal(err)
	}
	const people = 12000 // several batches, so a kill can land between them
	for b := 0; b < people; b += 2000 {
		err := ws.Update(bg, func(tx *store.Tx) error {
			for i := b; i < b+2000; i++ {
				p := &store.Person{Meta: store.Meta{Kind: store.KindPerson}, Name: fmt.Sprintf("Person %d", i), Org: "Org", Title: "Title"}
				if _, err := tx.Put(p); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, err := folder.Sync(bg, ws, wlist, shared, folder.Options{}); err != nil {
		t.Fatal(err)
	}
	want, wantVV, _ := ws.Digest(bg)
	ws.Close()

	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 1))
	killed, partial := 0, 0
	attempts := 6
	if testing.Short() || racebuild.Enabled {
		attempts = 3
	}
	for attempt := 0; attempt < attempts; attempt++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillHelper$", "-test.v")
		cmd.Env = append(os.Environ(), "LEARNWORK_SIM_HELPER="+readerDir, "LEARNWORK_SIM_FOLDER="+shared)
		out, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Wait until it has applied a first batch, then kill it a random
		// moment later: mid-apply, not before or after.
		sc := bufio.NewScanner(out)
		for sc.Scan() && !strings.HasPrefix(sc.Text(), "applied ") {
		}
		time.Sleep(time.Duration(rng.IntN(30)) * time.Millisecond)
		if cmd.Process.Signal(syscall.SIGKILL) == nil {
			killed++
		}
		go io.Copy(io.Discard, out)
		cmd.Wait()
		// The store must open after every kill and hold a gapless log.
		rs, err := store.Open(readerDir, store.WithKey(rid.Private()))
		if err != nil {
			t.Fatalf("seed %d: store does not open after kill -9: %v", seed, err)
		}
		n := uint64(0)
		rs.ChangesSince(bg, store.Vector{}, func([]byte) error { n++; return nil })
		vv := rs.Vector()
		rs.Close()
		if vv.Missing(wantVV) > 0 {
			t.Fatalf("seed %d: reader holds changes the writer never made", seed)
		}
		if !wantVV.Covers(vv) {
			t.Fatalf("seed %d: vector %v beyond the writer's %v", seed, vv, wantVV)
		}
		if vv.LogSize() > 0 && n == 0 {
			t.Fatalf("seed %d: vector says %d ops arrived, log holds none", seed, vv.LogSize())
		}
		switch {
		case vv.LogSize() > 0 && vv.LogSize() < wantVV.LogSize():
			partial++
		case vv.LogSize() == wantVV.LogSize():
			resetStore(t, readerDir) // start over, to be caught mid-apply again
		}
	}
	if killed == 0 || partial == 0 {
		t.Fatalf("seed %d: the helper was never killed mid-apply (killed %d, partial %d)", seed, killed, partial)
	}
	t.Logf("seed %d: %d kills, %d left a partly applied store", seed, killed, partial)
	rs, err := store.Open(readerDir, store.WithKey(rid.Private()))
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	if _, err := folder.Sync(bg, rs, rlist, shared, folder.Options{}); err != nil {
		t.Fatalf("seed %d: sync after kills: %v", seed, err)
	}
	got, gotVV, _ := rs.Digest(bg)
	if got != want || gotVV.Compare(wantVV) != store.Equal {
		t.Fatalf("seed %d: after kills and a final sync the reader differs from the writer", seed)
	}
	var count int
	rs.View(bg, func(r *store.Reader) error { count = r.Count(store.KindPerson); return nil })
	if count != people {
		t.Fatalf("seed %d: %d people, want %d (no partial duplicates)", seed, count, people)
	}
}

// resetStore removes the store's files but keeps the device key and the
// paired devices.
func resetStore(t *testing.T, dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != identity.FileName && e.Name() != trust.FileName {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
}

// TestKillHelper is the process TestKillMidApply kills: it syncs the reader
// from the folder, slowly enough to be caught mid-apply.
func TestKillHelper(t *testing.T) {
	dir := os.Getenv("LEARNWORK_SIM_HELPER")
	if dir == "" {
		t.Skip("run by TestKillMidApply")
	}
	id, err := identity.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	list, err := trust.Load(dir, id)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(dir, store.WithKey(id.Private()))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// Said once the batch is written: applies are queued, so the parent's
	// kill lands while later batches are in the making or being written.
	progress := func(done, total int) {
		if st.Wait() == nil {
			fmt.Printf("applied %d of %d\n", done, total)
		}
	}
	if _, err := folder.Sync(bg, st, list, os.Getenv("LEARNWORK_SIM_FOLDER"), folder.Options{Progress: progress}); err != nil {
		t.Fatal(err)
	}
}
