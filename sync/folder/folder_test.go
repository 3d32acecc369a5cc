package folder

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"learnwork/store"
	devsync "learnwork/sync"
	"learnwork/sync/identity"
	"learnwork/sync/trust"
)

var bg = context.Background()

type device struct {
	st   *store.Store
	id   *identity.Identity
	list *trust.List
}

func newDevice(t testing.TB, name string) *device {
	t.Helper()
	id := identity.New()
	st, err := store.Open("", store.WithKey(id.Private()), store.WithBadger(func(o badger.Options) badger.Options {
		return o.WithMemTableSize(8 << 20).WithValueThreshold(64 << 10).WithBlockCacheSize(1 << 20).WithIndexCacheSize(1 << 20)
	}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &device{st: st, id: id, list: trust.InMemory(id, name)}
}

func pair(t testing.TB, ds ...*device) {
	t.Helper()
	for _, a := range ds {
		for _, b := range ds {
			if a != b {
				if _, err := a.list.Accept(b.list.Invite()); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

func addPerson(t testing.TB, d *device, name string) string {
	t.Helper()
	var id string
	err := d.st.Update(bg, func(tx *store.Tx) error {
		var err error
		id, err = tx.Put(&store.Person{Meta: store.Meta{Kind: store.KindPerson}, Name: name})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func syncOK(t testing.TB, d *device, root string) *Report {
	t.Helper()
	rep, err := Sync(bg, d.st, d.list, root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) > 0 {
		t.Fatalf("problems: %v", rep.Problems)
	}
	return rep
}

func digest(t testing.TB, d *device) string {
	sum, _, err := d.st.Digest(bg)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", sum)
}

func TestFolderBothWays(t *testing.T) {
	root := t.TempDir()
	a, b := newDevice(t, "laptop"), newDevice(t, "work")
	pair(t, a, b)
	addPerson(t, a, "Ada")
	addPerson(t, b, "Grace")
	syncOK(t, a, root)
	rb := syncOK(t, b, root)
	if rb.Received != 1 || rb.Sent != 1 {
		t.Errorf("b received %d, sent %d; want 1 and 1 (not a's change again)", rb.Received, rb.Sent)
	}
	syncOK(t, a, root)
	if digest(t, a) != digest(t, b) {
		t.Fatal("states differ after syncing both ways")
	}
	// Nothing new writes nothing.
	for _, d := range []*device{a, b} {
		if r := syncOK(t, d, root); len(r.Written) != 0 || r.Received != 0 {
			t.Errorf("idle sync wrote %v, received %d", r.Written, r.Received)
		}
	}
}

func TestFolderRejectsAndChangesNothing(t *testing.T) {
	root := t.TempDir()
	a, b, stranger := newDevice(t, "laptop"), newDevice(t, "work"), newDevice(t, "stranger")
	pair(t, a, b)
	addPerson(t, a, "Ada")
	syncOK(t, a, root)
	seg := filepath.Join(root, Dir, a.id.ID(), segName(1, 1))
	good, err := os.ReadFile(seg)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, want string
		mutate     func()
	}{
		{"tampered body", "altered", func() {
			bad := append([]byte(nil), good...)
			bad[len(bad)-5] ^= 1
			os.WriteFile(seg, bad, 0o600)
		}},
		{"tampered header", "signature", func() {
			bad := append([]byte(nil), good...)
			bad[len(magic)+6] ^= 1
			os.WriteFile(seg, bad, 0o600)
		}},
		{"truncated", "cut short", func() { os.WriteFile(seg, good[:len(good)-10], 0o600) }},
		{"copied under another name", "another name", func() {
			os.Remove(seg)
			os.WriteFile(filepath.Join(root, Dir, a.id.ID(), segName(2, 2)), good, 0o600)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.mutate()
			defer func() {
				os.Remove(filepath.Join(root, Dir, a.id.ID(), segName(2, 2)))
				os.WriteFile(seg, good, 0o600)
			}()
			before := digest(t, b)
			rep, err := Sync(bg, b.st, b.list, root, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0], c.want) {
				t.Fatalf("problems %q, want one saying %q", rep.Problems, c.want)
			}
			if digest(t, b) != before {
				t.Error("a rejected segment changed the store")
			}
		})
	}
	// A device nobody paired with is refused by name.
	addPerson(t, stranger, "Mallory")
	pair(t, stranger, a) // a and stranger know each other; b does not
	if _, err := Sync(bg, stranger.st, stranger.list, root, Options{}); err != nil {
		t.Fatal(err)
	}
	rep, err := Sync(bg, b.st, b.list, root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	b.st.View(bg, func(r *store.Reader) error { n = r.Count(store.KindPerson); return nil })
	if n != 1 || len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0], "not paired") {
		t.Errorf("people %d, problems %q; want only Ada and one 'not paired' problem", n, rep.Problems)
	}
}

func TestFolderNewlyPairedDeviceGetsEverything(t *testing.T) {
	root, a, b := syncedPair(t)
	c := newDevice(t, "tablet")
	pair(t, a, b, c)
	rep, err := Sync(bg, c.st, c.list, root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) == 0 {
		t.Error("c read a segment written before pairing without a word")
	}
	syncOK(t, a, root) // rewrites for c
	syncOK(t, c, root)
	if digest(t, c) != digest(t, a) {
		t.Error("newly paired device did not get everything")
	}
}

func TestFolderMassDeletePauses(t *testing.T) {
	root := t.TempDir()
	a, b := newDevice(t, "laptop"), newDevice(t, "work")
	pair(t, a, b)
	var ids []string
	for i := range 30 {
		ids = append(ids, addPerson(t, a, fmt.Sprint("P", i)))
	}
	syncOK(t, a, root)
	syncOK(t, b, root)
	a.st.Update(bg, func(tx *store.Tx) error {
		for _, id := range ids {
			tx.Delete(store.KindPerson, id)
		}
		return nil
	})
	syncOK(t, a, root)
	before := digest(t, b)
	_, err := Sync(bg, b.st, b.list, root, Options{})
	if !errors.Is(err, devsync.ErrMassDelete) {
		t.Fatalf("want the guard to pause, got %v", err)
	}
	if digest(t, b) != before {
		t.Error("paused sync changed the store")
	}
	if _, err := Sync(bg, b.st, b.list, root, Options{AllowMassDelete: true}); err != nil {
		t.Fatal(err)
	}
	if digest(t, b) != digest(t, a) {
		t.Error("allowed sync did not converge")
	}
}

func people(t testing.TB, d *device) int {
	t.Helper()
	var n int
	d.st.View(bg, func(r *store.Reader) error { n = r.Count(store.KindPerson); return nil })
	return n
}

// The stall of issue 18: A adds a person and syncs, its new segment is
// damaged in the folder, B rejects it. After both sync again B has the
// person, and every later change flows too, whether the bad file stays,
// is deleted, or is put right.
func TestFolderHealsDamagedSegment(t *testing.T) {
	damage := map[string]func(path string, good []byte){
		"one byte flipped": func(path string, good []byte) {
			bad := slices.Clone(good)
			bad[len(bad)-5] ^= 1
			os.WriteFile(path, bad, 0o600)
		},
		"cut short":           func(path string, good []byte) { os.WriteFile(path, good[:len(good)/2], 0o600) },
		"cut short in header": func(path string, good []byte) { os.WriteFile(path, good[:len(magic)+2], 0o600) },
		"deleted":             func(path string, _ []byte) { os.Remove(path) },
	}
	flip := damage["one byte flipped"]
	damage["flipped, then fixed"], damage["flipped, then gone"] = flip, flip
	for name, spoil := range damage {
		t.Run(name, func(t *testing.T) {
			root, a, b := syncedPair(t)
			addPerson(t, a, "Grace")
			rep := syncOK(t, a, root)
			seg := filepath.Join(root, Dir, a.id.ID(), rep.Written[0])
			good, _ := os.ReadFile(seg)
			spoil(seg, good)
			rb, err := Sync(bg, b.st, b.list, root, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if people(t, b) != 1 {
				t.Fatalf("b applied a damaged segment: %d people", people(t, b))
			}
			if name != "deleted" && (len(rb.Problems) != 1 || strings.Contains(rb.Problems[0], "read again next time")) {
				t.Errorf("problems %q, want one that does not promise a later read", rb.Problems)
			}
			switch name {
			case "flipped, then fixed":
				os.WriteFile(seg, good, 0o600)
			case "flipped, then gone":
				os.Remove(seg)
			}
			// A later change, before A reads B's report.
			addPerson(t, a, "Seymour")
			for range 2 {
				if _, err := Sync(bg, a.st, a.list, root, Options{}); err != nil {
					t.Fatal(err)
				}
				if _, err := Sync(bg, b.st, b.list, root, Options{}); err != nil {
					t.Fatal(err)
				}
			}
			if people(t, b) != 3 || digest(t, a) != digest(t, b) {
				t.Fatalf("after syncing again b has %d people, want 3 and a's state", people(t, b))
			}
			// Every later change flows, and an idle sync writes nothing.
			addPerson(t, a, "Jean")
			syncAnyway(t, a, root)
			syncAnyway(t, b, root)
			if people(t, b) != 4 {
				t.Fatalf("a later change did not reach b: %d people", people(t, b))
			}
			for _, d := range []*device{a, b, a} {
				if r := syncAnyway(t, d, root); len(r.Written) != 0 {
					t.Errorf("idle sync wrote %v", r.Written)
				}
			}
		})
	}
}

// syncAnyway syncs, allowing problems a bad file left in the folder keeps
// causing.
func syncAnyway(t testing.TB, d *device, root string) *Report {
	t.Helper()
	rep, err := Sync(bg, d.st, d.list, root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// syncedPair is two paired devices that both hold Ada through a folder.
func syncedPair(t testing.TB) (root string, a, b *device) {
	t.Helper()
	root = t.TempDir()
	a, b = newDevice(t, "laptop"), newDevice(t, "work")
	pair(t, a, b)
	addPerson(t, a, "Ada")
	syncOK(t, a, root)
	syncOK(t, b, root)
	return root, a, b
}
