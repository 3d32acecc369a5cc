package sim

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"learnwork/internal/racebuild"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	stdsync "sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"learnwork/store"
	devsync "learnwork/sync"
	"learnwork/sync/folder"
	"learnwork/sync/identity"
	"learnwork/sync/trust"
)

var (
	schedules = flag.Int("schedules", 0, "how many random schedules (default 5000; a few hundred with -short or -race)")
	seedFlag  = flag.Uint64("seed", 0, "run only this seed")
)

var bg = context.Background()

// TestSimulation runs seeded random schedules of three devices and checks
// that they converge with no acknowledged write lost and every concurrent
// differing write surfaced as a conflict. A failure prints its seed; replay
// it with -seed N.
func TestSimulation(t *testing.T) {
	n := *schedules
	if n == 0 {
		n = 5000
		if testing.Short() || racebuild.Enabled {
			n = 200
		}
	}
	seeds := make(chan uint64)
	go func() {
		defer close(seeds)
		if *seedFlag != 0 {
			seeds <- *seedFlag
			return
		}
		for i := range n {
			seeds <- uint64(i + 1)
		}
	}()
	var failed atomic.Bool
	var wg stdsync.WaitGroup
	// Schedules wait on Badger's commit goroutines more than they compute,
	// so a few more workers than cores keeps the cores busy.
	for range 4 * runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for seed := range seeds {
				if failed.Load() {
					continue
				}
				dir, err := os.MkdirTemp(tmpRoot(t), "sim")
				if err != nil {
					t.Error(err)
					return
				}
				err = runSchedule(dir, seed)
				os.RemoveAll(dir)
				if err != nil {
					failed.Store(true)
					t.Errorf("seed %d: %v (replay: go test ./sync/sim -run TestSimulation -seed %d -v)", seed, err, seed)
				}
			}
		}()
	}
	wg.Wait()
	closing.Wait()
	t.Logf("%d faults (segments damaged or deleted) in %d of %d schedules; convergence took at most %d rounds", faultsTotal.Load(), faulted.Load(), n, maxRounds.Load())
}

// Fault and liveness figures over a run.
var faultsTotal, faulted, maxRounds atomic.Int64

// tmpRoot is memory-backed where the machine has one: the schedules write
// thousands of small files, and a disk's fsync would dominate.
func tmpRoot(t *testing.T) string {
	if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() {
		if d, err := os.MkdirTemp("/dev/shm", "learnwork-sim"); err == nil {
			t.Cleanup(func() { os.RemoveAll(d) })
			return d
		}
	}
	return t.TempDir()
}

type device struct {
	i     int
	st    *store.Store
	id    *identity.Identity
	list  *trust.List
	view  string // this device's copy of the shared folder
	skew  time.Duration
	acked []store.Dot
}

type world struct {
	rng    *rand.Rand
	frng   *rand.Rand // faults draw their own numbers: a schedule is the same with them until one lands
	dir    string
	now    time.Time
	devs   []*device
	log    []string // what happened, for a failure report
	faults int      // segments damaged or deleted so far
}

// closeLater closes a store in the background: Badger's Close waits for its
// goroutines, and the schedules need not wait with it.
var (
	closing   stdsync.WaitGroup
	closeSlot = make(chan struct{}, 16)
)

func closeLater(st *store.Store) {
	closeSlot <- struct{}{}
	closing.Add(1)
	go func() {
		defer closing.Done()
		st.Close()
		<-closeSlot
	}()
}

func (w *world) logf(format string, a ...any) { w.log = append(w.log, fmt.Sprintf(format, a...)) }

func runSchedule(dir string, seed uint64) (err error) {
	w := &world{rng: rand.New(rand.NewPCG(seed, seed^0x5eed)), frng: rand.New(rand.NewPCG(seed^0xfa17, seed)), dir: dir, now: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	defer func() {
		for _, d := range w.devs {
			closeLater(d.st)
		}
		if err != nil && len(w.log) > 0 {
			err = fmt.Errorf("%w\nschedule:\n  %s", err, strings.Join(w.log, "\n  "))
		}
	}()
	for i := range 3 {
		var seedKey [32]byte
		for j := range seedKey {
			seedKey[j] = byte(w.rng.Uint32())
		}
		id := identity.FromSeed(seedKey[:])
		d := &device{i: i, id: id, view: filepath.Join(dir, fmt.Sprint("view", i))}
		// Clocks skewed by up to three days either way.
		d.skew = time.Duration(w.rng.IntN(6*24+1)-3*24) * time.Hour
		if i == 0 {
			d.skew = 0
		}
		// In memory Badger refuses a value over the threshold, and a record
		// whose notes several devices edited outgrows 1 KB.
		st, err := store.Open("", store.WithKey(id.Private()), store.WithNow(func() time.Time { return w.now.Add(d.skew) }),
			store.WithBadger(func(o badger.Options) badger.Options {
				return o.WithMemTableSize(256 << 10).WithBaseTableSize(256 << 10).WithValueThreshold(32 << 10).WithBlockCacheSize(256 << 10).WithIndexCacheSize(0).WithNumCompactors(2)
			}))
		if err != nil {
			return err
		}
		d.st = st
		d.list = trust.InMemory(id, fmt.Sprint("dev", i))
		if err := os.MkdirAll(d.view, 0o700); err != nil {
			return err
		}
		w.devs = append(w.devs, d)
	}
	for _, a := range w.devs {
		for _, b := range w.devs {
			if a != b {
				if _, err := a.list.Accept(b.list.Invite()); err != nil {
					return err
				}
			}
		}
	}
	steps := 8 + w.rng.IntN(20)
	for range steps {
		if w.frng.IntN(100) < 12 {
			w.fault()
		}
		w.now = w.now.Add(time.Duration(w.rng.IntN(3600)) * time.Second)
		var err error
		switch r := w.rng.IntN(100); {
		case r < 42:
			err = w.edit(w.devs[w.rng.IntN(3)])
		case r < 45:
			err = w.notesConflict()
		case r < 65:
			err = w.folderSync(w.devs[w.rng.IntN(3)], w.rng.IntN(4) != 0)
		case r < 85:
			w.deliver(false)
		default:
			a := w.rng.IntN(3)
			err = w.exchange(w.devs[a], w.devs[(a+1+w.rng.IntN(2))%3])
		}
		if err != nil {
			return err
		}
	}
	if w.faults > 0 {
		faulted.Add(1)
		faultsTotal.Add(int64(w.faults))
	}
	return w.converge()
}

var names = []string{"Ada", "Grace", "Seymour", "Etienne", "Jean", "Harold"}
var values = []string{"Teacher", "Coach", "Author", "Researcher"}

// edit makes one random local change and records its dots as acknowledged.
func (w *world) edit(d *device) error {
	live, err := d.live()
	if err != nil {
		return err
	}
	var trashed []string
	d.st.View(bg, func(r *store.Reader) error {
		s, _ := r.List(store.KindPerson, store.ListOptions{Trash: true, Limit: 100})
		for _, x := range s {
			trashed = append(trashed, x.ID)
		}
		return nil
	})
	slices.Sort(trashed)
	pick := func(ids []string) string { return ids[w.rng.IntN(len(ids))] }
	op := w.rng.IntN(10)
	if len(live) == 0 {
		op = 0
	}
	err = d.update(func(tx *store.Tx) error {
		switch {
		case op == 0:
			id, err := tx.Put(&store.Person{Meta: store.Meta{Kind: store.KindPerson}, Name: names[w.rng.IntN(len(names))]})
			w.logf("dev%d creates %s", d.i, id[len(id)-4:])
			return err
		case op <= 3:
			id, f, v := pick(live), []string{"title", "org", "name"}[w.rng.IntN(3)], values[w.rng.IntN(len(values))]
			w.logf("dev%d sets %s.%s=%s", d.i, id[len(id)-4:], f, v)
			return tx.Set(store.KindPerson, id, f, v)
		case op == 4:
			id := pick(live)
			w.logf("dev%d adds an email to %s", d.i, id[len(id)-4:])
			return tx.Add(store.KindPerson, id, "emails", fmt.Sprintf("p%d@example.org", w.rng.IntN(4)))
		case op == 5:
			id := pick(live)
			w.logf("dev%d removes an email from %s", d.i, id[len(id)-4:])
			return tx.Remove(store.KindPerson, id, "emails", fmt.Sprintf("p%d@example.org", w.rng.IntN(4)))
		case op == 6:
			return w.editNotes(tx, d, pick(live))
		case op == 7:
			id := pick(live)
			w.logf("dev%d deletes %s", d.i, id[len(id)-4:])
			return tx.Delete(store.KindPerson, id)
		case op == 8 && len(trashed) > 0:
			id := pick(trashed)
			w.logf("dev%d restores %s", d.i, id[len(id)-4:])
			return tx.Restore(store.KindPerson, id)
		default:
			refs, err := tx.Conflicted()
			if err != nil || len(refs) == 0 {
				return err
			}
			ref := refs[w.rng.IntN(len(refs))]
			rec, err := tx.Record(ref.Kind, ref.ID)
			if err != nil {
				return err
			}
			for _, f := range []string{"title", "org", "name"} {
				if rec.InConflict(f) {
					w.logf("dev%d resolves %s.%s", d.i, ref.ID[len(ref.ID)-4:], f)
					return tx.Resolve(ref.Kind, ref.ID, f, rec.Scalar(f))
				}
			}
			return nil
		}
	})
	if err != nil {
		return fmt.Errorf("dev%d edit: %w", d.i, err)
	}
	return nil
}

// notesConflict has two devices edit the notes of a person both hold, each
// the version it shows: concurrent versions, often of a common ancestor,
// that the devices then receive in whatever order and grouping the
// schedule brings. A random edit seldom meets another on the same note,
// and the schedules missed notes merged against an ancestor that had not
// arrived yet.
func (w *world) notesConflict() error {
	i := w.rng.IntN(3)
	a, b := w.devs[i], w.devs[(i+1+w.rng.IntN(2))%3]
	onA, err := a.live()
	if err != nil {
		return err
	}
	onB, err := b.live()
	if err != nil {
		return err
	}
	both := slices.DeleteFunc(onA, func(id string) bool { _, found := slices.BinarySearch(onB, id); return !found })
	if len(both) == 0 {
		return nil
	}
	id := both[w.rng.IntN(len(both))]
	for _, d := range []*device{a, b} {
		if err := d.update(func(tx *store.Tx) error { return w.editNotes(tx, d, id) }); err != nil {
			return fmt.Errorf("dev%d edit: %w", d.i, err)
		}
	}
	return nil
}

// editNotes adds a line to the notes d shows.
func (w *world) editNotes(tx *store.Tx, d *device, id string) error {
	rec, err := tx.Record(store.KindPerson, id)
	if err != nil {
		return err
	}
	w.logf("dev%d edits notes of %s", d.i, id[len(id)-4:])
	return tx.Set(store.KindPerson, id, "notes", rec.Scalar("notes")+fmt.Sprintf("\nline %d from dev%d", w.rng.IntN(100), d.i))
}

// live lists the people d holds outside Trash, sorted.
func (d *device) live() ([]string, error) {
	var ids []string
	err := d.st.View(bg, func(r *store.Reader) error {
		return r.Each(store.KindPerson, func(rec *store.Record) bool {
			ids = append(ids, rec.ID)
			return true
		})
	})
	slices.Sort(ids)
	return ids, err
}

// update runs fn in a transaction on d and records the dots it wrote as
// acknowledged.
func (d *device) update(fn func(tx *store.Tx) error) error {
	before := d.st.Vector()[d.st.Device()]
	if err := d.st.Update(bg, fn); err != nil {
		return err
	}
	after := d.st.Vector()[d.st.Device()]
	for s := before + 1; s <= after; s++ {
		d.acked = append(d.acked, store.Dot{Device: d.st.Device(), Seq: s})
	}
	return nil
}

// folderSyncN syncs allowing deletes and returns how many files it wrote
// (segments, and the report of what it could not use).
func (w *world) folderSyncN(d *device) (int, error) {
	rep, err := folder.Sync(bg, d.st, d.list, d.view, folder.Options{AllowMassDelete: true, Now: func() time.Time { return w.now }})
	if err != nil {
		return 0, fmt.Errorf("dev%d folder sync: %w", d.i, err)
	}
	w.logf("dev%d folder sync: got %d, wrote %v, waiting %d, problems %q", d.i, rep.Received, rep.Written, rep.Waiting, rep.Problems)
	if len(rep.Problems) > 0 && w.faults == 0 {
		return 0, fmt.Errorf("dev%d folder sync with everything delivered: %v", d.i, rep.Problems)
	}
	n := len(rep.Written)
	if rep.Reported {
		n++
	}
	return n, nil
}

func (w *world) folderSync(d *device, allow bool) error {
	rep, err := folder.Sync(bg, d.st, d.list, d.view, folder.Options{AllowMassDelete: allow, Now: func() time.Time { return w.now }})
	if errors.Is(err, devsync.ErrMassDelete) {
		w.logf("dev%d folder sync paused: %v", d.i, err)
		return nil
	}
	if err != nil {
		return fmt.Errorf("dev%d folder sync: %w", d.i, err)
	}
	w.logf("dev%d folder sync: got %d, wrote %v, waiting %d, problems %d", d.i, rep.Received, rep.Written, rep.Waiting, len(rep.Problems))
	for _, p := range rep.Problems {
		// Truncated copies and pre-pairing segments are expected here, and
		// after a fault anything a damaged file says; anything else is a bug.
		if !strings.Contains(p, "cut short") && w.faults == 0 {
			return fmt.Errorf("dev%d folder sync problem: %s", d.i, p)
		}
	}
	return nil
}

// deliver copies segment files between the devices' views the way a sync
// tool or a USB stick would: late, out of order, partly, twice, or with a
// conflict copy beside. all delivers every file fully.
func (w *world) deliver(all bool) {
	for _, src := range w.devs {
		own := filepath.Join(src.view, folder.Dir, src.id.ID())
		files, _ := os.ReadDir(own)
		for _, f := range files {
			if strings.HasPrefix(f.Name(), ".") {
				continue
			}
			data, err := os.ReadFile(filepath.Join(own, f.Name()))
			if err != nil || len(data) == 0 { // an emptied file (a fault) is not copied
				continue
			}
			for _, dst := range w.devs {
				if dst == src {
					continue
				}
				dir := filepath.Join(dst.view, folder.Dir, src.id.ID())
				path := filepath.Join(dir, f.Name())
				os.MkdirAll(dir, 0o700)
				if all {
					// A segment is copied when its size differs, so a damaged
					// copy of the same size stays, as it may with a sync tool
					// that trusts sizes and times; the lacks report is small
					// and rewritten in place, so it goes by content.
					if cur, err := os.ReadFile(path); err != nil || len(cur) != len(data) || f.Name() == "lacks" && !bytes.Equal(cur, data) {
						os.WriteFile(path, data, 0o600)
					}
					continue
				}
				switch w.rng.IntN(8) {
				case 0: // partial: the copy was cut off
					os.WriteFile(path, data[:w.rng.IntN(len(data))], 0o600)
					w.logf("partial %s to view%d", f.Name(), dst.i)
				case 1: // twice, and a conflict copy beside it
					os.WriteFile(path, data, 0o600)
					os.WriteFile(path+".sync-conflict-20260301.seg", data, 0o600)
					os.WriteFile(filepath.Join(dir, ".syncthing."+f.Name()+".tmp"), data[:len(data)/2], 0o600)
				case 2, 3:
					os.WriteFile(path, data, 0o600)
				default: // late: not yet
				}
			}
		}
	}
}

// fault damages or deletes a segment in one device's view of the folder, as
// a disk, a person or a sync tool might: one byte flipped, the file cut
// short, or gone.
func (w *world) fault() {
	v := w.devs[w.frng.IntN(3)]
	var segs []string
	dirs, _ := os.ReadDir(filepath.Join(v.view, folder.Dir))
	for _, d := range dirs {
		files, _ := os.ReadDir(filepath.Join(v.view, folder.Dir, d.Name()))
		for _, f := range files {
			if strings.HasSuffix(f.Name(), ".seg") && !strings.Contains(f.Name(), "conflict") {
				segs = append(segs, filepath.Join(v.view, folder.Dir, d.Name(), f.Name()))
			}
		}
	}
	if len(segs) == 0 {
		return
	}
	slices.Sort(segs)
	path := segs[w.frng.IntN(len(segs))]
	data, err := os.ReadFile(path)
	if err != nil || len(data) == 0 {
		return
	}
	w.faults++
	name := filepath.Base(path)
	switch w.frng.IntN(3) {
	case 0:
		i := w.frng.IntN(len(data))
		data[i] ^= byte(1 + w.frng.IntN(255))
		os.WriteFile(path, data, 0o600)
		w.logf("fault: byte %d of %s in view%d flipped", i, name, v.i)
	case 1:
		n := w.frng.IntN(len(data))
		os.WriteFile(path, data[:n], 0o600)
		w.logf("fault: %s in view%d cut to %d bytes", name, v.i, n)
	default:
		os.Remove(path)
		w.logf("fault: %s in view%d deleted", name, v.i)
	}
}

// exchange runs a direct exchange that may break after a few frames.
func (w *world) exchange(a, b *device) error {
	budget := -1
	if w.rng.IntN(3) == 0 {
		budget = w.rng.IntN(8)
	}
	pa, pb := newPipe(budget)
	var errB error
	var wg stdsync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		_, errB = devsync.Exchange(bg, b.st, pb, devsync.Options{Peer: a.id.ID(), AllowMassDelete: true})
		pb.Close()
	}()
	_, errA := devsync.Exchange(bg, a.st, pa, devsync.Options{Peer: b.id.ID(), AllowMassDelete: true})
	pa.Close()
	wg.Wait()
	w.logf("exchange dev%d-dev%d budget %d: %v / %v", a.i, b.i, budget, errA, errB)
	for _, err := range []error{errA, errB} {
		if err != nil && !errors.Is(err, errBroken) {
			return fmt.Errorf("exchange dev%d-dev%d: %w", a.i, b.i, err)
		}
	}
	return nil
}

// converge delivers everything and syncs until nothing changes, then checks.
func (w *world) converge() error {
	w.logf("-- converge")
	// Each round delivers every file and syncs each device; once a round
	// moves nothing, the next would be the same.
	for round, quiet := 0, 0; quiet < 1; round++ {
		if round == 8 {
			return errors.New("still exchanging changes after 8 rounds")
		}
		for m := maxRounds.Load(); int64(round+1) > m && !maxRounds.CompareAndSwap(m, int64(round+1)); m = maxRounds.Load() {
		}
		w.deliver(true)
		moved := false
		for _, d := range w.devs {
			before := d.st.Vector()
			n, err := w.folderSyncN(d)
			if err != nil {
				return err
			}
			moved = moved || n > 0 || d.st.Vector().Compare(before) != store.Equal
		}
		if moved {
			quiet = 0
		} else {
			quiet++
		}
	}
	return w.check()
}
