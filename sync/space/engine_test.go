package space

import (
	"context"
	"errors"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"learnwork/internal/racebuild"
	"learnwork/store"
	devsync "learnwork/sync"
	"learnwork/sync/identity"
)

var bg = context.Background()

// member is one device in a test: a store on disk and its engine.
type member struct {
	name string
	st   *store.Store
	id   *identity.Identity
	eng  *Engine
}

func newMember(t testing.TB, name string) *member {
	t.Helper()
	dir := t.TempDir()
	id := identity.New()
	st, err := store.Open(filepath.Join(dir, "store"), store.WithKey(id.Private()))
	if err != nil {
		t.Fatal(err)
	}
	m := &member{name: name, st: st, id: id}
	m.eng = NewEngine(st, id, dir, func() string { return name }, nil)
	m.eng.Timeout = racebuild.Scale(5 * time.Second)
	t.Cleanup(func() {
		m.eng.Close()
		st.Close()
	})
	return m
}

func serve(t testing.TB, dir, listen string) *Server {
	t.Helper()
	srv, err := Serve(ServerOptions{Listen: listen, Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	return srv
}

func (m *member) sync(t testing.TB, id string) Space {
	t.Helper()
	sp, err := m.eng.Sync(bg, id)
	if err != nil {
		t.Fatalf("%s syncs: %v", m.name, err)
	}
	return sp
}

func (m *member) join(t testing.TB, inviter *member, id string) {
	t.Helper()
	inv, err := inviter.eng.Invite(bg, id)
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := ParseInvitation(inv.File())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.eng.Join(bg, parsed, ""); err != nil {
		t.Fatalf("%s joins: %v", m.name, err)
	}
}

func (m *member) put(t testing.TB, e store.Entity) string {
	t.Helper()
	var id string
	if err := m.st.Update(bg, func(tx *store.Tx) (err error) {
		id, err = tx.Put(e)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return id
}

func (m *member) update(t testing.TB, fn func(tx *store.Tx) error) {
	t.Helper()
	if err := m.st.Update(bg, fn); err != nil {
		t.Fatal(err)
	}
}

func (m *member) learning(id string) (*store.Learning, bool) {
	var l *store.Learning
	err := m.st.View(bg, func(r *store.Reader) error {
		e, err := r.Entity(store.KindLearning, id)
		if err == nil {
			l = e.(*store.Learning)
		}
		return err
	})
	return l, err == nil && !l.Trashed
}

// streamMessage is one message of a space's stream as the server holds it.
type streamMessage struct {
	seq     uint64
	subject string
	data    []byte
}

func streamMessages(t testing.TB, url, space string) []streamMessage {
	t.Helper()
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, _ := jetstream.New(nc)
	s, err := js.Stream(bg, StreamName(space))
	if err != nil {
		t.Fatal(err)
	}
	var out []streamMessage
	for seq := uint64(1); seq <= s.CachedInfo().State.LastSeq; seq++ {
		m, err := s.GetMsg(bg, seq)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, streamMessage{seq: seq, subject: m.Subject, data: m.Data})
	}
	return out
}

// spaceChanges decrypts every data message of the stream with keys and
// returns the changes it holds; messages keys cannot open are counted.
func spaceChanges(t testing.TB, msgs []streamMessage, keys Keyring) (changes []*store.Change, unreadable int) {
	t.Helper()
	for _, m := range msgs {
		if strings.HasSuffix(m.subject, ".members") || strings.Contains(m.subject, ".invite.") {
			continue
		}
		_, plain, err := open(keys, m.subject, m.data)
		if err != nil {
			unreadable++
			continue
		}
		raws, err := devsync.DecodeBatch(plain)
		if err != nil {
			t.Fatal(err)
		}
		for _, raw := range raws {
			c, err := store.DecodeChange(raw)
			if err != nil {
				t.Fatal(err)
			}
			changes = append(changes, c)
		}
	}
	return changes, unreadable
}

func TestSpaceEndToEnd(t *testing.T) {
	srvDir := t.TempDir()
	srv := serve(t, srvDir, "127.0.0.1:0")
	defer func() { srv.Close() }()
	ada, bob, cy := newMember(t, "Ada's laptop"), newMember(t, "Bob's laptop"), newMember(t, "Cy's laptop")

	sp, err := ada.eng.Create(bg, "L&D team", srv.URL(), "")
	if err != nil {
		t.Fatal(err)
	}
	bob.join(t, ada, sp.ID)
	cy.join(t, bob, sp.ID)
	if got := ada.sync(t, sp.ID); len(got.Members) != 3 || got.Name != "L&D team" {
		t.Fatalf("members after two joins: %+v", got.Members)
	}

	// A learning is shared; a person, an interaction and the learning's
	// notes stay Ada's.
	person := ada.put(t, &store.Person{Meta: store.Meta{Kind: store.KindPerson}, Name: "Grace Hopper", Emails: []store.Contact{{Value: "grace@example.org"}}})
	ada.put(t, &store.Interaction{Meta: store.Meta{Kind: store.KindInteraction}, Date: "2026-12-01", People: []string{person}, What: "coffee about compilers"})
	lid := ada.put(t, &store.Learning{Meta: store.Meta{Kind: store.KindLearning}, Date: "2026-12-01", What: "compilers are programs too",
		From: []string{person}, Topics: []string{"Compilers"}, Notes: "private thought"})
	ada.update(t, func(tx *store.Tx) error { return tx.Share(store.KindLearning, lid, sp.ID) })
	ada.sync(t, sp.ID)
	bob.sync(t, sp.ID)
	if l, ok := bob.learning(lid); !ok || l.What != "compilers are programs too" || l.Notes != "" {
		t.Fatalf("Bob's copy of the shared learning: %+v", l)
	}

	// Bob edits it; Ada and Cy see the edit.
	bob.update(t, func(tx *store.Tx) error { return tx.Set(store.KindLearning, lid, "used", "in the onboarding course") })
	bob.sync(t, sp.ID)
	ada.sync(t, sp.ID)
	cy.sync(t, sp.ID)
	for _, m := range []*member{ada, cy} {
		if l, ok := m.learning(lid); !ok || l.Used != "in the onboarding course" {
			t.Fatalf("%s: %+v", m.name, l)
		}
	}

	// Nothing private is in the stream, decrypted with the space's keys.
	keys, err := ada.eng.keys(sp.ID)
	if err != nil {
		t.Fatal(err)
	}
	msgs := streamMessages(t, srv.URL(), sp.ID)
	changes, unreadable := spaceChanges(t, msgs, keys)
	if unreadable > 0 || len(changes) == 0 {
		t.Fatalf("%d changes, %d messages unreadable with the space's keys", len(changes), unreadable)
	}
	for _, c := range changes {
		if c.Kind == store.KindPerson || c.Kind == store.KindInteraction {
			t.Errorf("%s %s left its owner", c.Kind, c.ID)
		}
		for _, op := range c.Ops {
			if op.Field != "" && store.Private(c.Kind, op.Field) {
				t.Errorf("private field %s.%s in the stream", c.Kind, op.Field)
			}
		}
	}
	for _, m := range msgs {
		for _, secret := range []string{"private thought", "grace@example.org", "compilers", "Ada's laptop"} {
			if strings.Contains(string(m.data), secret) {
				t.Errorf("the server holds %q in clear (message %d)", secret, m.seq)
			}
		}
	}

	// The server goes away: edits keep working and wait; they are sent
	// when it is back.
	u, _ := url.Parse(srv.URL())
	srv.Close()
	ada.update(t, func(tx *store.Tx) error {
		return tx.Set(store.KindLearning, lid, "what", "compilers are programs that write programs")
	})
	if _, err := ada.eng.Sync(bg, sp.ID); !errors.Is(err, ErrOffline) {
		t.Fatalf("sync with the server down: %v", err)
	}
	if st := ada.eng.Status(); len(st) != 1 || st[0].Connected || st[0].Unsent == 0 {
		t.Fatalf("status with the server down: %+v", st)
	}
	srv = serve(t, srvDir, u.Host)
	deadline := time.Now().Add(racebuild.Scale(10 * time.Second))
	for {
		_, err := ada.eng.Sync(bg, sp.ID)
		if err == nil {
			break
		}
		if !errors.Is(err, ErrOffline) || time.Now().After(deadline) {
			t.Fatalf("sync once the server is back: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if st := ada.eng.Status(); st[0].Unsent != 0 || !st[0].Connected {
		t.Fatalf("status once sent: %+v", st)
	}
	bob.sync(t, sp.ID)
	if l, _ := bob.learning(lid); l.What != "compilers are programs that write programs" {
		t.Fatalf("Bob after the server came back: %+v", l)
	}

	// Cy is removed: Cy reads nothing published after.
	cy.sync(t, sp.ID)
	cyKeys, _ := cy.eng.keys(sp.ID)
	before := len(streamMessages(t, srv.URL(), sp.ID))
	if err := ada.eng.Remove(bg, sp.ID, cy.id.Public()); err != nil {
		t.Fatal(err)
	}
	ada.update(t, func(tx *store.Tx) error { return tx.Set(store.KindLearning, lid, "what", "after Cy left") })
	ada.sync(t, sp.ID)
	bob.sync(t, sp.ID)
	if l, _ := bob.learning(lid); l.What != "after Cy left" {
		t.Fatalf("Bob after the removal: %+v", l)
	}
	got := cy.sync(t, sp.ID)
	if !got.Gone {
		t.Fatal("Cy does not know it was removed")
	}
	if l, _ := cy.learning(lid); l.What == "after Cy left" {
		t.Fatal("Cy received an edit made after its removal")
	}
	msgs = streamMessages(t, srv.URL(), sp.ID)
	after := msgs[before:]
	cyKeys, _ = cy.eng.keysOrNil(sp.ID, cyKeys)
	if changes, _ := spaceChanges(t, after, cyKeys); len(changes) > 0 {
		t.Fatalf("Cy's keys open %d changes published after its removal", len(changes))
	}
	if changes, _ := spaceChanges(t, after, mustKeys(t, bob, sp.ID)); len(changes) == 0 {
		t.Fatal("Bob's keys open nothing published after the removal")
	}
	// A batch Cy signs now, with the key it still has, is refused.
	cy.update(t, func(tx *store.Tx) error {
		return tx.Set(store.KindLearning, lid, "what", "written by a removed member")
	})
	dev := cy.st.SpaceDevice(sp.ID)
	have := cy.st.Vector()
	have[dev]--
	var raws [][]byte
	if err := cy.st.ChangesSince(bg, have, func(raw []byte) error { raws = append(raws, append([]byte(nil), raw...)); return nil }); err != nil {
		t.Fatal(err)
	}
	forged, err := seal(cy.id, cyKeys, 1, subjectData(sp.ID, dev), devsync.EncodeBatch(raws))
	if err != nil {
		t.Fatal(err)
	}
	nc, err := nats.Connect(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, _ := jetstream.New(nc)
	if _, err := js.Publish(bg, subjectData(sp.ID, dev), forged); err != nil {
		t.Fatal(err)
	}
	got = bob.sync(t, sp.ID)
	if l, _ := bob.learning(lid); l.What != "after Cy left" || got.Rejected == 0 || len(got.Members) != 2 {
		t.Fatalf("Bob after a removed member's batch: %q, %d refused, %d members", l.What, got.Rejected, len(got.Members))
	}
}

// team makes members with the names given; the first creates a space on
// the server and the others join it with its invitations.
func team(t testing.TB, url, space string, names ...string) (Space, []*member) {
	t.Helper()
	var ms []*member
	for _, n := range names {
		ms = append(ms, newMember(t, n))
	}
	sp, err := ms[0].eng.Create(bg, space, url, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms[1:] {
		m.join(t, ms[0], sp.ID)
	}
	return sp, ms
}

func mustKeys(t testing.TB, m *member, id string) Keyring {
	t.Helper()
	k, err := m.eng.keys(id)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// keysOrNil is the keyring on disk, or old if it is gone.
func (e *Engine) keysOrNil(id string, old Keyring) (Keyring, error) {
	k, err := e.keys(id)
	if err != nil {
		return old, nil
	}
	return k, nil
}

func TestInvitationRoundTrip(t *testing.T) {
	inv := Invitation{Server: "nats://127.0.0.1:4222", Space: NewID(), Name: "Book club", Invite: NewID(), Secret: make([]byte, 16)}
	got, err := ParseInvitation("some words around it\n" + inv.Code() + "\nand after")
	if err != nil || got.Space != inv.Space || got.Server != inv.Server {
		t.Fatalf("%+v, %v", got, err)
	}
	code := inv.Code()
	if _, err := ParseInvitation(code[:len(code)-10]); !errors.Is(err, ErrBadInvitation) {
		t.Fatalf("a cut code: %v", err)
	}
	if _, err := ParseInvitation(Invitation{Server: "x", Space: "A.B", Invite: "i", Secret: make([]byte, 16)}.Code()); !errors.Is(err, ErrBadInvitation) {
		t.Fatalf("a space ID that would break subjects: %v", err)
	}
}

// A member who leaves keeps the key it had; the next member to sync
// starts a new one, so the leaver reads nothing published after.
func TestLeaveRotatesTheKey(t *testing.T) {
	srv := serve(t, t.TempDir(), "127.0.0.1:0")
	defer srv.Close()
	sp, ms := team(t, srv.URL(), "Book club", "Ada", "Bob")
	ada, bob := ms[0], ms[1]
	bobKeys := mustKeys(t, bob, sp.ID)
	if err := bob.eng.Leave(bg, sp.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := bob.eng.Get(sp.ID); !errors.Is(err, ErrNoSpace) {
		t.Fatalf("Bob still has the space after leaving: %v", err)
	}
	lid := ada.put(t, &store.Learning{Meta: store.Meta{Kind: store.KindLearning}, Date: "2026-12-01", What: "after Bob left"})
	ada.update(t, func(tx *store.Tx) error { return tx.Share(store.KindLearning, lid, sp.ID) })
	got := ada.sync(t, sp.ID)
	if got.Epoch != 2 || len(got.Members) != 1 {
		t.Fatalf("after Bob left: epoch %d, %d members", got.Epoch, len(got.Members))
	}
	changes, unreadable := spaceChanges(t, streamMessages(t, srv.URL(), sp.ID), bobKeys)
	if len(changes) > 0 || unreadable == 0 {
		t.Fatalf("Bob's old keys open %d changes published after he left", len(changes))
	}
}

// A batch sealed before a removal the sender had not read is refused by
// the server (it names the last membership event its sender read) and
// sent again with the new key, so the removed member cannot open it.
func TestBatchAfterUnreadRemovalIsResealed(t *testing.T) {
	srv := serve(t, t.TempDir(), "127.0.0.1:0")
	defer srv.Close()
	sp, ms := team(t, srv.URL(), "Team", "Ada", "Bob", "Cy")
	ada, bob, cy := ms[0], ms[1], ms[2]
	stale := bob.sync(t, sp.ID) // Bob's view before the removal
	cyKeys := mustKeys(t, cy, sp.ID)
	before := len(streamMessages(t, srv.URL(), sp.ID))
	if err := ada.eng.Remove(bg, sp.ID, cy.id.Public()); err != nil {
		t.Fatal(err)
	}
	lid := bob.put(t, &store.Learning{Meta: store.Meta{Kind: store.KindLearning}, Date: "2026-12-01", What: "written as Cy was removed"})
	bob.update(t, func(tx *store.Tx) error { return tx.Share(store.KindLearning, lid, sp.ID) })
	r := bob.eng.run(sp.ID)
	r.mu.Lock()
	err := bob.eng.publish(bg, r, &stale)
	r.mu.Unlock()
	if !errors.Is(err, errMembershipMoved) {
		t.Fatalf("a batch sealed with the old key: %v", err)
	}
	bob.sync(t, sp.ID)
	after := streamMessages(t, srv.URL(), sp.ID)[before:]
	if changes, _ := spaceChanges(t, after, cyKeys); len(changes) > 0 {
		t.Fatalf("Cy's keys open %d changes sent after its removal", len(changes))
	}
	ada.sync(t, sp.ID)
	if l, ok := ada.learning(lid); !ok || l.What != "written as Cy was removed" {
		t.Fatalf("Ada did not get Bob's learning: %+v", l)
	}
}

// Messages are applied together up to gatherItems distinct items: edits of
// items already gathered never fill it, new items past the bound do, and
// the first message is taken whatever its size.
func TestGatheredBound(t *testing.T) {
	changes := func(from, n int) []*store.Change {
		out := make([]*store.Change, n)
		for i := range out {
			out[i] = &store.Change{Kind: store.KindLearning, ID: "learning-" + strconv.Itoa(from+i)}
		}
		return out
	}
	raws := func(n int) [][]byte { return make([][]byte, n) }
	var g gathered
	if g.full(changes(0, gatherItems+10)) {
		t.Fatal("an empty gathering refused a message")
	}
	g.add(raws(gatherItems-10), changes(0, gatherItems-10))
	if g.full(changes(0, gatherItems-10)) {
		t.Fatal("edits of the items gathered filled it")
	}
	g.add(raws(gatherItems-10), changes(0, gatherItems-10))
	if g.full(changes(gatherItems-10, 10)) {
		t.Fatal("items up to the bound filled it")
	}
	if !g.full(changes(gatherItems-10, 11)) {
		t.Fatal("items past the bound did not fill it")
	}
	if len(g.raws) != 2*(gatherItems-10) {
		t.Fatalf("gathered %d changes, want %d", len(g.raws), 2*(gatherItems-10))
	}
}
