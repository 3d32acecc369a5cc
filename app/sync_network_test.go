package app

import (
	"context"
	"strings"
	stdsync "sync"
	"testing"
	"time"

	"learnwork/store"
	"learnwork/sync/direct"
	"learnwork/sync/identity"
	"learnwork/sync/trust"
)

// recWindow records events.
type recWindow struct {
	mu     stdsync.Mutex
	events map[string]int
}

func (w *recWindow) Emit(name string, _ any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.events == nil {
		w.events = map[string]int{}
	}
	w.events[name]++
}

func (w *recWindow) Progress(string, string, int, int) {}

func (w *recWindow) count(name string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.events[name]
}

type directDevice struct {
	*Sync
	st  *store.Store
	id  *identity.Identity
	tl  *trust.List
	win *recWindow
}

// newDirectDevice opens a data directory as the window does, listening on
// 127.0.0.1 only.
func newDirectDevice(t *testing.T, name string) *directDevice {
	t.Helper()
	win := &recWindow{}
	a, err := Open(t.TempDir(), Options{Window: win})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	tl, run, err := a.Sync.parts()
	if err != nil {
		t.Fatal(err)
	}
	if err := tl.Rename(a.Identity.ID(), name); err != nil {
		t.Fatal(err)
	}
	if err := a.Store.SetSetting(SettingDirectListen, "127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	run.Debounce = 100 * time.Millisecond
	return &directDevice{Sync: a.Sync, st: a.Store, id: a.Identity, tl: tl, win: win}
}

func (d *directDevice) addPerson(t *testing.T, name string) {
	t.Helper()
	err := d.st.Update(context.Background(), func(tx *store.Tx) error {
		_, err := tx.Put(&store.Person{Meta: store.Meta{Kind: store.KindPerson}, Name: name})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func (d *directDevice) people(t *testing.T) []string {
	t.Helper()
	var out []string
	err := d.st.View(context.Background(), func(r *store.Reader) error {
		items, err := r.List(store.KindPerson, store.ListOptions{Limit: 100})
		for _, it := range items {
			out = append(out, it.Title)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func eventually(t *testing.T, what string, f func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !f() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestDirectSyncPairServeAndSyncOnChange(t *testing.T) {
	a, b := newDirectDevice(t, "laptop"), newDirectDevice(t, "desk")
	st, err := a.SetServe(true)
	if err != nil || !st.Serving || len(st.Addrs) != 1 || !strings.HasPrefix(st.Addrs[0], "127.0.0.1:") {
		t.Fatalf("serve: %+v, %v", st, err)
	}
	if a.st.Setting(SettingDirectServe) != "on" {
		t.Error("serving is not remembered")
	}
	st, err = a.ShowCode()
	if err != nil || len(st.Code) != 17 {
		t.Fatalf("show code: %+v, %v", st, err)
	}
	p, err := b.Pair(strings.ToLower(st.Code), st.Addrs[0])
	if err != nil {
		t.Fatalf("pair: %v", err)
	}
	if p.Name != "laptop" || p.ID != a.id.ID() {
		t.Errorf("paired with %+v", p)
	}
	eventually(t, "the code to be used up", func() bool { s, _ := a.Status(); return s.Code == "" })
	if _, err := a.tl.Check(b.id.ID()); err != nil {
		t.Fatalf("A does not trust B: %v", err)
	}

	// B (not serving) syncs with A by hand.
	b.addPerson(t, "Grace Hopper")
	if err := b.SyncDevice(a.id.ID()); err != nil {
		t.Fatalf("sync now: %v", err)
	}
	if got := a.people(t); len(got) != 1 || got[0] != "Grace Hopper" {
		t.Fatalf("A has %v", got)
	}
	// One status on both sides: what came in on the network is what came
	// in, and the device list says how each last synced.
	eventually(t, "A to say what came in", func() bool {
		s, err := a.Status()
		return err == nil && len(s.Incoming) == 1 && s.Incoming[0].Title == "Grace Hopper" && s.IncomingAt != ""
	})
	if sb, err := b.Status(); err != nil || len(sb.Devices) != 1 || sb.Devices[0].How != "network" || sb.Devices[0].Sent != 1 || sb.Serving {
		t.Errorf("B's status: %+v %v", sb, err)
	}

	// With both serving, an edit on A reaches B by itself, soon after.
	if _, err := b.SetServe(true); err != nil {
		t.Fatal(err)
	}
	a.addPerson(t, "Ada Lovelace")
	eventually(t, "A's edit to reach B", func() bool { return len(b.people(t)) == 2 })
	sa, _ := a.Status()
	if len(sa.Devices) != 1 || sa.Devices[0].Name != "desk" || sa.Devices[0].LastSeen == "" || sa.Devices[0].How != "network" {
		t.Errorf("A's status: %+v", sa.Devices)
	}
	if a.win.count("sync:status") == 0 {
		t.Error("no sync:status events for the window")
	}

	// Revoked: B gets nothing more from A, and A's status says so.
	if err := a.tl.Revoke(b.id.ID()); err != nil {
		t.Fatal(err)
	}
	a.addPerson(t, "Seymour Papert")
	if err := b.SyncDevice(""); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	if got := b.people(t); len(got) != 2 {
		t.Errorf("revoked device got %v", got)
	}
	if sa, _ := a.Status(); sa.Devices[0].State != direct.StateRevoked {
		t.Errorf("revoked device shows as %q", sa.Devices[0].State)
	}

	// Serving off closes the listener.
	if st, err := a.SetServe(false); err != nil || st.Serving || len(st.Addrs) != 0 {
		t.Errorf("serve off: %+v, %v", st, err)
	}
}

func TestDirectPairErrors(t *testing.T) {
	a, b := newDirectDevice(t, "laptop"), newDirectDevice(t, "desk")
	st, err := a.ShowCode()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Pair("not a code", st.Addrs[0]); err == nil || !strings.Contains(err.Error(), "not a pairing code") {
		t.Errorf("bad code: %v", err)
	}
	wrong := []byte(st.Code)
	if wrong[6] == 'A' {
		wrong[6] = 'B'
	} else {
		wrong[6] = 'A'
	}
	if _, err := b.Pair(string(wrong), st.Addrs[0]); err == nil || !strings.Contains(err.Error(), "wrong pairing code") {
		t.Errorf("wrong code: %v", err)
	}
	if len(a.tl.Devices()) != 0 || len(b.tl.Devices()) != 0 {
		t.Error("a wrong code paired someone")
	}
	// Cancelled: the listener opened for the code closes again.
	if st, _ := a.CancelCode(); st.Code != "" {
		t.Errorf("code still shown after cancel: %+v", st)
	}
	eventually(t, "the pairing listener to close", func() bool { s, _ := a.Status(); return len(s.Addrs) == 0 })
}
