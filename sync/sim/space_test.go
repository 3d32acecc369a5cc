package sim

import (
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"learnwork/internal/racebuild"
	"learnwork/store"
	devsync "learnwork/sync"
	"learnwork/sync/identity"
	"learnwork/sync/space"
)

var spaceSchedules = flag.Int("space-schedules", 0, "how many random team-space schedules (default 8; 3 with -short or -race)")

// TestSpaceSimulation runs seeded schedules of 3 to 10 members of a team
// space on an embedded NATS server: edits of shared and private items,
// members offline for days, server restarts, duplicated and reordered
// messages on the stream, and a member removed mid-run. It checks that the
// members who remain converge on the space's items, that nothing private
// is in the stream (decrypted with every key of the space), and that the
// removed member got nothing published after its removal. A failure prints
// its seed; replay it with -seed N.
func TestSpaceSimulation(t *testing.T) {
	n := *spaceSchedules
	if n == 0 {
		n = 8
		if testing.Short() || racebuild.Enabled {
			n = 3
		}
	}
	first := uint64(1)
	if *seedFlag != 0 {
		first, n = *seedFlag, 1
	}
	srvDir := t.TempDir()
	srv, err := space.Serve(space.ServerOptions{Listen: "127.0.0.1:0", Dir: srvDir})
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(srv.URL())
	sv := &spaceServer{srv: srv, dir: srvDir, listen: u.Host}
	defer func() { sv.stop() }()
	for seed := first; seed < first+uint64(n); seed++ {
		if err := runSpaceSchedule(t, sv, seed); err != nil {
			t.Fatalf("seed %d: %v (replay: go test ./sync/sim -run TestSpaceSimulation -seed %d -v)", seed, err, seed)
		}
	}
	t.Logf("%d schedules: %d server restarts or outages, %d members away for days, %d messages duplicated, %d moved behind later ones, %d members removed",
		n, spaceFaults.restarts, spaceFaults.away, spaceFaults.dups, spaceFaults.moved, n)
}

// spaceFaults counts what the schedules did, for the log.
var spaceFaults struct{ restarts, away, dups, moved int }

// spaceServer is the embedded server, which schedules stop and start.
type spaceServer struct {
	srv         *space.Server
	dir, listen string
}

func (s *spaceServer) stop() {
	if s.srv != nil {
		s.srv.Close()
		s.srv = nil
	}
}

func (s *spaceServer) start() error {
	if s.srv != nil {
		return nil
	}
	srv, err := space.Serve(space.ServerOptions{Listen: s.listen, Dir: s.dir})
	s.srv = srv
	return err
}

func (s *spaceServer) url() string { return "nats://" + s.listen }

type spaceMember struct {
	name    string
	st      *store.Store
	id      *identity.Identity
	eng     *space.Engine
	offline int // steps left away
	removed bool
}

type spaceWorld struct {
	t       *testing.T
	rng     *rand.Rand
	sv      *spaceServer
	now     time.Time
	members []*spaceMember
	space   string
	shared  []store.Ref // items shared into the space
	secrets int
	log     []string

	removal  uint64       // the stream's last sequence once the removal was read
	removedM *spaceMember // and who was removed
	allowed  store.Vector // the changes published before the removal
}

func (w *spaceWorld) logf(format string, a ...any) { w.log = append(w.log, fmt.Sprintf(format, a...)) }

func runSpaceSchedule(t *testing.T, sv *spaceServer, seed uint64) (err error) {
	w := &spaceWorld{t: t, rng: rand.New(rand.NewPCG(seed, seed^0x5ace)), sv: sv, now: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	defer func() {
		for _, m := range w.members {
			m.eng.Close()
			closeLater(m.st)
		}
		if err != nil && len(w.log) > 0 {
			err = fmt.Errorf("%w\nschedule:\n  %s", err, strings.Join(w.log, "\n  "))
		}
	}()
	if err := sv.start(); err != nil {
		return err
	}
	n := 3 + w.rng.IntN(8)
	for i := range n {
		var seedKey [32]byte
		for j := range seedKey {
			seedKey[j] = byte(w.rng.Uint32())
		}
		id := identity.FromSeed(seedKey[:])
		m := &spaceMember{name: fmt.Sprint("member", i), id: id}
		st, err := store.Open("", store.WithKey(id.Private()), store.WithNow(func() time.Time { return w.now }),
			store.WithBadger(func(o badger.Options) badger.Options {
				return o.WithMemTableSize(256 << 10).WithBaseTableSize(256 << 10).WithValueThreshold(32 << 10).WithBlockCacheSize(256 << 10).WithIndexCacheSize(0).WithNumCompactors(2)
			}))
		if err != nil {
			return err
		}
		m.st = st
		m.eng = space.NewEngine(st, id, t.TempDir(), func() string { return m.name }, func() time.Time { return w.now })
		m.eng.Timeout = racebuild.Scale(3 * time.Second)
		w.members = append(w.members, m)
	}
	sp, err := w.members[0].eng.Create(bg, "team", sv.url(), "")
	if err != nil {
		return err
	}
	w.space = sp.ID
	for _, m := range w.members[1:] {
		inv, err := w.members[0].eng.Invite(bg, w.space)
		if err != nil {
			return err
		}
		if _, err := m.eng.Join(bg, inv, ""); err != nil {
			return fmt.Errorf("%s joins: %w", m.name, err)
		}
	}
	w.logf("%d members", n)
	steps := 30 + w.rng.IntN(30)
	removeAt := 5 + w.rng.IntN(steps-5)
	for step := range steps {
		w.now = w.now.Add(time.Duration(w.rng.IntN(3600)) * time.Second)
		if step == removeAt {
			if err := w.remove(); err != nil {
				return err
			}
			continue
		}
		var err error
		m := w.members[w.rng.IntN(n)]
		switch r := w.rng.IntN(100); {
		case r < 40:
			err = w.edit(m)
		case r < 70:
			err = w.sync(m)
		case r < 76:
			days := 1 + w.rng.IntN(10)
			m.offline = 3 + w.rng.IntN(10)
			w.now = w.now.Add(time.Duration(days) * 24 * time.Hour)
			w.logf("%s away for %d days", m.name, days)
			spaceFaults.away++
		case r < 82:
			w.logf("server restarts")
			spaceFaults.restarts++
			w.sv.stop()
			err = w.sv.start()
		case r < 86:
			w.logf("server down")
			spaceFaults.restarts++
			w.sv.stop()
		case r < 93:
			err = w.duplicate()
		default:
			err = w.reorder()
		}
		if err != nil {
			return err
		}
		for _, o := range w.members {
			if o.offline > 0 {
				o.offline--
			}
		}
	}
	return w.converge()
}

// edit makes a private item, a shared item, or an edit of a shared one
// (its shareable or its private fields).
func (w *spaceWorld) edit(m *spaceMember) error {
	w.secrets++
	secret := fmt.Sprintf("secret-%d", w.secrets)
	topic := []string{"Go", "Testing", "Data", "Coaching"}[w.rng.IntN(4)]
	return m.st.Update(bg, func(tx *store.Tx) error {
		switch r := w.rng.IntN(10); {
		case r < 2:
			p, err := tx.Put(&store.Person{Meta: store.Meta{Kind: store.KindPerson}, Name: secret, Topics: []string{topic}})
			if err != nil {
				return err
			}
			_, err = tx.Put(&store.Interaction{Meta: store.Meta{Kind: store.KindInteraction}, Date: "2026-03-02", People: []string{p}, What: secret})
			w.logf("%s adds a private person and interaction", m.name)
			return err
		case r < 5 || len(w.shared) == 0:
			id, err := tx.Put(&store.Learning{Meta: store.Meta{Kind: store.KindLearning}, Date: "2026-03-02", What: fmt.Sprintf("learned %d", w.secrets),
				Topics: []string{topic}, Notes: secret})
			if err != nil {
				return err
			}
			if m.removed || w.rng.IntN(4) == 0 {
				w.logf("%s adds a private learning %s", m.name, id)
				return nil
			}
			w.shared = append(w.shared, store.Ref{Kind: store.KindLearning, ID: id})
			w.logf("%s shares learning %s", m.name, id)
			return tx.Share(store.KindLearning, id, w.space)
		}
		ref := w.shared[w.rng.IntN(len(w.shared))]
		if !tx.Live(ref.Kind, ref.ID) {
			return nil // not arrived here yet
		}
		switch w.rng.IntN(4) {
		case 0:
			w.logf("%s adds topic %s to %s", m.name, topic, ref.ID)
			return tx.Add(ref.Kind, ref.ID, "topics", topic)
		case 1:
			w.logf("%s removes topic %s from %s", m.name, topic, ref.ID)
			return tx.Remove(ref.Kind, ref.ID, "topics", topic)
		case 2:
			w.logf("%s writes private notes on %s", m.name, ref.ID)
			return tx.Set(ref.Kind, ref.ID, "notes", secret)
		}
		w.logf("%s edits %s", m.name, ref.ID)
		return tx.Set(ref.Kind, ref.ID, "what", fmt.Sprintf("learned %d", w.secrets))
	})
}

// sync syncs a member unless it is away; the server being down is no
// error (offline-first).
func (w *spaceWorld) sync(m *spaceMember) error {
	if m.offline > 0 {
		return nil
	}
	_, err := m.eng.Sync(bg, w.space)
	w.logf("%s syncs: %v", m.name, err)
	if errors.Is(err, space.ErrOffline) {
		return nil
	}
	return err
}

// remove takes a member out (never the first, who audits the stream at
// the end), by another member, with the server up.
func (w *spaceWorld) remove() error {
	if err := w.sv.start(); err != nil {
		return err
	}
	by := w.members[0]
	gone := w.members[1+w.rng.IntN(len(w.members)-1)]
	if err := w.retry(func() error { return by.eng.Remove(bg, w.space, gone.id.Public()) }); err != nil {
		return fmt.Errorf("remove %s: %w", gone.name, err)
	}
	gone.removed = true
	w.removedM = gone
	w.removal = w.lastSeq()
	w.logf("%s removes %s at stream sequence %d", by.name, gone.name, w.removal)
	w.allowed = store.Vector{}
	return w.eachChange(w.removal, func(seq uint64, subject string, data []byte, c *store.Change) error {
		w.allowed[c.Device] = max(w.allowed[c.Device], c.Last())
		return nil
	})
}

// eachChange decrypts the stream's batches up to sequence last with the
// space's keys (the first member's, who stays and holds every epoch's).
func (w *spaceWorld) eachChange(last uint64, fn func(seq uint64, subject string, data []byte, c *store.Change) error) error {
	keys, err := w.members[0].eng.Keys(w.space)
	if err != nil {
		return err
	}
	nc, s, err := w.js()
	if err != nil {
		return err
	}
	defer nc.Close()
	if last == 0 {
		last = s.CachedInfo().State.LastSeq
	}
	for seq := uint64(1); seq <= last; seq++ {
		m, err := s.GetMsg(bg, seq)
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			continue
		} else if err != nil {
			return err
		}
		if strings.HasSuffix(m.Subject, ".members") || strings.Contains(m.Subject, ".invite.") {
			continue
		}
		_, plain, err := space.OpenMessage(keys, m.Subject, m.Data)
		if err != nil {
			return fmt.Errorf("message %d does not open with the space's keys: %w", seq, err)
		}
		raws, err := devsync.DecodeBatch(plain)
		if err != nil {
			return err
		}
		for _, raw := range raws {
			c, err := store.DecodeChange(raw)
			if err != nil {
				return err
			}
			if strings.Contains(string(raw), "secret-") {
				return fmt.Errorf("message %d holds private text", seq)
			}
			if err := fn(seq, m.Subject, m.Data, c); err != nil {
				return err
			}
		}
	}
	return nil
}

// retry runs fn until the server (just started) takes it.
func (w *spaceWorld) retry(fn func() error) error {
	deadline := time.Now().Add(racebuild.Scale(10 * time.Second))
	for {
		err := fn()
		if !errors.Is(err, space.ErrOffline) || time.Now().After(deadline) {
			return err
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (w *spaceWorld) js() (*nats.Conn, jetstream.Stream, error) {
	nc, err := nats.Connect(w.sv.url())
	if err != nil {
		return nil, nil, err
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, nil, err
	}
	s, err := js.Stream(bg, space.StreamName(w.space))
	if err != nil {
		nc.Close()
		return nil, nil, err
	}
	return nc, s, nil
}

func (w *spaceWorld) lastSeq() uint64 {
	nc, s, err := w.js()
	if err != nil {
		w.t.Fatal(err)
	}
	defer nc.Close()
	return s.CachedInfo().State.LastSeq
}

// duplicate publishes a copy of a message the stream holds (a publish
// repeated after its answer was lost, or a relay's echo).
func (w *spaceWorld) duplicate() error {
	return w.onStream(func(nc *nats.Conn, s jetstream.Stream) error {
		last := s.CachedInfo().State.LastSeq
		m, err := s.GetMsg(bg, 1+w.rng.Uint64N(last))
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			return nil // moved by reorder
		} else if err != nil {
			return err
		}
		js, _ := jetstream.New(nc)
		_, err = js.Publish(bg, m.Subject, m.Data)
		w.logf("message %d published again", m.Sequence)
		spaceFaults.dups++
		return err
	})
}

// onStream runs fn with the space's stream, unless the server is down.
func (w *spaceWorld) onStream(fn func(nc *nats.Conn, s jetstream.Stream) error) error {
	if w.sv.srv == nil {
		return nil
	}
	nc, s, err := w.js()
	if err != nil {
		return err
	}
	defer nc.Close()
	return fn(nc, s)
}

// reorder moves a member's batch behind later ones: deleted where it was
// and published again at the end, so a member that had not read it meets
// the changes after it first.
func (w *spaceWorld) reorder() error {
	return w.onStream(func(nc *nats.Conn, s jetstream.Stream) error {
		last := s.CachedInfo().State.LastSeq
		// Membership keeps its order (it is what makes every member fold
		// alike): look for a batch a few times.
		var m *jetstream.RawStreamMsg
		var seq uint64
		for range 8 {
			seq = 1 + w.rng.Uint64N(last)
			got, err := s.GetMsg(bg, seq)
			if errors.Is(err, jetstream.ErrMsgNotFound) {
				continue
			} else if err != nil {
				return err
			}
			if !strings.HasSuffix(got.Subject, ".members") && !strings.Contains(got.Subject, ".invite.") {
				m = got
				break
			}
		}
		if m == nil {
			return nil
		}
		if err := s.DeleteMsg(bg, seq); err != nil {
			return err
		}
		js, _ := jetstream.New(nc)
		_, err := js.Publish(bg, m.Subject, m.Data)
		w.logf("message %d moved to the end", seq)
		spaceFaults.moved++
		return err
	})
}

// converge brings the server back and every member online, syncs them
// until the members that remain hold the same shared items, then checks
// privacy and the removal.
func (w *spaceWorld) converge() error {
	if err := w.sv.start(); err != nil {
		return err
	}
	var views []string
	for round := range 4 {
		for _, m := range w.members {
			if err := w.retry(func() error { _, err := m.eng.Sync(bg, w.space); return err }); err != nil {
				return fmt.Errorf("round %d: %s syncs: %w", round, m.name, err)
			}
		}
		views = views[:0]
		for _, m := range w.members {
			if !m.removed {
				v, err := sharedView(m.st, w.space)
				if err != nil {
					return err
				}
				views = append(views, v)
			}
		}
		if round > 0 && allSame(views) {
			break
		}
	}
	if !allSame(views) {
		for i, v := range views {
			w.logf("member view %d:\n%s", i, v)
		}
		return errors.New("the members who remain hold different shared items after 4 rounds")
	}
	if strings.Count(views[0], "\n") < countLive(w, w.members[0]) {
		return errors.New("shared items are missing from the members' view")
	}
	return w.audit()
}

func countLive(w *spaceWorld, m *spaceMember) int {
	n := 0
	_ = m.st.View(bg, func(r *store.Reader) error {
		for _, ref := range w.shared {
			if rec, err := r.Record(ref.Kind, ref.ID); err == nil && slices.Contains(rec.Spaces(), w.space) && !rec.Trashed() {
				n++
			}
		}
		return nil
	})
	return n
}

func allSame(vs []string) bool {
	for _, v := range vs[1:] {
		if v != vs[0] {
			return false
		}
	}
	return true
}

// sharedView is a member's shared items, their shareable fields only.
func sharedView(st *store.Store, id string) (string, error) {
	var lines []string
	err := st.View(bg, func(r *store.Reader) error {
		for _, k := range store.Kinds {
			if !store.Shareable(k) {
				continue
			}
			if err := r.Each(k, func(rec *store.Record) bool {
				if !slices.Contains(rec.Spaces(), id) {
					return true
				}
				var b strings.Builder
				fmt.Fprintf(&b, "%s %s trashed=%v", k, rec.ID, rec.Trashed())
				for _, f := range store.Fields(k) {
					if !store.Private(k, f) {
						fmt.Fprintf(&b, " %s=%q%q", f, rec.Scalar(f), rec.Elements(f))
					}
				}
				lines = append(lines, b.String())
				return true
			}); err != nil {
				return err
			}
		}
		return nil
	})
	slices.Sort(lines)
	return strings.Join(lines, "\n") + "\n", err
}

// audit decrypts every message of the stream with the space's keys:
// nothing private may be there; and the removed member holds no change
// published after it was removed, and none of its keys opens a message
// holding one.
func (w *spaceWorld) audit() error {
	var goneKeys space.Keyring
	if w.removedM != nil {
		goneKeys, _ = w.removedM.eng.Keys(w.space) // gone once it learnt of its removal
	}
	err := w.eachChange(0, func(seq uint64, subject string, data []byte, c *store.Change) error {
		if c.Kind == store.KindPerson || c.Kind == store.KindInteraction {
			return fmt.Errorf("message %d holds %s %s, never shared", seq, c.Kind, c.ID)
		}
		for _, op := range c.Ops {
			if op.Field != "" && store.Private(c.Kind, op.Field) {
				return fmt.Errorf("message %d holds the private field %s.%s", seq, c.Kind, op.Field)
			}
		}
		if goneKeys != nil && c.Last() > w.allowed[c.Device] {
			if _, _, err := space.OpenMessage(goneKeys, subject, data); err == nil {
				return fmt.Errorf("the removed member's keys open message %d, published after its removal", seq)
			}
		}
		return nil
	})
	if err != nil || w.removedM == nil {
		return err
	}
	held := w.removedM.st.Vector()
	for _, m := range w.members {
		if m == w.removedM {
			continue
		}
		d := m.st.SpaceDevice(w.space)
		if held[d] > w.allowed[d] {
			return fmt.Errorf("the removed member holds %s's changes up to %d, but only %d were published before its removal", m.name, held[d], w.allowed[d])
		}
	}
	return nil
}
