package space

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base32"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	stdsync "sync"
	"time"

	"github.com/fxamacker/cbor/v2"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"learnwork/store"
	devsync "learnwork/sync"
	"learnwork/sync/identity"
)

// Store is what spaces need of the store: the log (to publish what this
// device wrote under its space devices and apply what members wrote), its
// space devices, and local settings for each space's progress.
type Store interface {
	devsync.Log
	SpaceDevice(space string) store.DeviceID
	Setting(name string) string
	SetSetting(name, value string) error
	Settings() map[string]string
}

// Space is this device's record of one space (a local setting, never
// synced): where its server is, its membership as last read, how far the
// stream has been read and applied, and how far this device's space log
// has been published.
type Space struct {
	ID     string `json:"id"`
	Server string `json:"server"`
	Creds  string `json:"creds,omitempty"`
	State
	Pos          uint64    `json:"pos"`        // stream sequence read and applied up to
	MembersSeq   uint64    `json:"membersSeq"` // stream sequence of the last membership event read
	Published    uint64    `json:"published"`  // this device's space log published up to
	LastExchange time.Time `json:"lastExchange,omitzero"`
	Rejected     int       `json:"rejected,omitempty"` // messages refused: not from a member, or damaged
}

// Errors callers branch on.
var (
	ErrOffline           = errors.New("the space's server cannot be reached; everything works here and is sent when it can be reached again")
	ErrRefused           = errors.New("the space's server refused this device: the server address (with its token) or the credentials file is not the one the team uses")
	ErrNoSpace           = errors.New("no such space")
	ErrGone              = errors.New("this device is no longer a member of the space")
	ErrInvitationRefused = errors.New("the invitation is unknown to the space's server, used already, or made before a member was removed; ask for a new one")
)

// Engine runs every space of one device.
type Engine struct {
	st   Store
	self *identity.Identity
	dir  string        // keyrings live in dir/spaces
	name func() string // this device's name, as members see it
	now  func() time.Time
	// Timeout bounds each round trip to the server.
	Timeout time.Duration
	// Replicas is how many servers of a cluster keep a new space's stream.
	Replicas int
	// OnNews, if set, hears that a space's stream has something new (a
	// live subscription while connected), to sync it soon.
	OnNews func(space string)

	mu   stdsync.Mutex
	runs map[string]*run
}

// run is one space's connection and applier.
type run struct {
	mu      stdsync.Mutex // one sync at a time
	nc      *nats.Conn
	js      jetstream.JetStream
	applier *devsync.Applier
	last    uint64 // the stream's last sequence when last seen
	err     error  // the last sync's problem
}

// NewEngine runs the spaces of the device self over st; keyrings are kept
// under dataDir.
func NewEngine(st Store, self *identity.Identity, dataDir string, name func() string, now func() time.Time) *Engine {
	if now == nil {
		now = time.Now
	}
	return &Engine{st: st, self: self, dir: dataDir, name: name, now: now, Timeout: 10 * time.Second, Replicas: 1, runs: map[string]*run{}}
}

// settingPrefix + a space ID is the space's record among the local
// settings (app/settings.go lists every key).
const settingPrefix = "space.state/"

// SubjectsFor is what a member of space id must be allowed to publish to
// on an organisation's NATS (with `_INBOX.>` and the space's subjects to
// subscribe to): the space's subjects and its stream's JetStream API, and
// nothing of any other space. Creating the space needs more
// (`$JS.API.STREAM.CREATE.<stream>`): an administrator's user does that.
func SubjectsFor(id string) []string {
	s := StreamName(id)
	return []string{subjectAll(id), "$JS.API.INFO", "$JS.API.STREAM.INFO." + s, "$JS.API.STREAM.MSG.GET." + s,
		"$JS.API.DIRECT.GET." + s, "$JS.API.DIRECT.GET." + s + ".>", "$JS.API.CONSUMER.CREATE." + s, "$JS.API.CONSUMER.CREATE." + s + ".>",
		"$JS.API.CONSUMER.INFO." + s + ".>", "$JS.API.CONSUMER.DELETE." + s + ".>", "$JS.API.CONSUMER.MSG.NEXT." + s + ".>",
		"$JS.ACK." + s + ".>", "$JS.FC." + s + ".>"}
}

func StreamName(id string) string         { return "LW_SPACE_" + id }
func subjectAll(id string) string         { return "lw.space." + id + ".>" }
func subjectMembers(id string) string     { return "lw.space." + id + ".members" }
func subjectInvite(id, inv string) string { return "lw.space." + id + ".invite." + inv }
func subjectData(id string, d store.DeviceID) string {
	return "lw.space." + id + "." + d.String()
}

// NewID is a new space's ID: 80 random bits, lower-case base32.
func NewID() string {
	b := make([]byte, 10)
	_, _ = rand.Read(b)
	return strings.ToLower(base32.StdEncoding.EncodeToString(b))
}

// List is every space this device is in, by name.
func (e *Engine) List() []Space {
	var out []Space
	for k, v := range e.st.Settings() {
		if !strings.HasPrefix(k, settingPrefix) {
			continue
		}
		var sp Space
		if json.Unmarshal([]byte(v), &sp) == nil && sp.ID != "" {
			out = append(out, sp)
		}
	}
	slices.SortFunc(out, func(a, b Space) int { return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) })
	return out
}

// Get is one space's record.
func (e *Engine) Get(id string) (Space, error) {
	v := e.st.Setting(settingPrefix + id)
	var sp Space
	if v == "" || json.Unmarshal([]byte(v), &sp) != nil {
		return sp, fmt.Errorf("space %s: %w", id, ErrNoSpace)
	}
	return sp, nil
}

func (e *Engine) save(sp *Space) error {
	b, _ := json.Marshal(sp)
	return e.st.SetSetting(settingPrefix+sp.ID, string(b))
}

func (e *Engine) keyPath(id string) string { return filepath.Join(e.dir, "spaces", id+".keys") }

// ErrNoDir: a store in memory has no place for a space's keys.
var ErrNoDir = errors.New("team spaces need a data directory on disk")

// Keys is the space's keyring on this device: every epoch's key it was
// given (for an audit of what the stream holds).
func (e *Engine) Keys(id string) (Keyring, error) { return e.keys(id) }

func (e *Engine) keys(id string) (Keyring, error) {
	if e.dir == "" {
		return nil, ErrNoDir
	}
	b, err := os.ReadFile(e.keyPath(id))
	if err != nil {
		return nil, fmt.Errorf("space %s keys: %w", id, err)
	}
	k := Keyring{}
	if err := json.Unmarshal(b, &k); err != nil {
		return nil, fmt.Errorf("space %s keys: %w", id, err)
	}
	return k, nil
}

// saveKeys writes the keyring (mode 0600, like the device key) by rename.
func (e *Engine) saveKeys(id string, k Keyring) error {
	if e.dir == "" {
		return ErrNoDir
	}
	path := e.keyPath(id)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	b, _ := json.Marshal(k)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return fmt.Errorf("save space keys: %w", err)
	}
	return os.Rename(tmp, path)
}

func (e *Engine) run(id string) *run {
	e.mu.Lock()
	defer e.mu.Unlock()
	r := e.runs[id]
	if r == nil {
		r = &run{applier: devsync.NewApplier(e.st)}
		e.runs[id] = r
	}
	return r
}

// Close drops every connection.
func (e *Engine) Close() {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, r := range e.runs {
		r.mu.Lock()
		if r.nc != nil {
			r.nc.Close()
			r.nc = nil
		}
		r.mu.Unlock()
	}
}

// connect makes (or reuses) the space's connection. A server that cannot
// be reached is ErrOffline: nothing is lost, the next sync tries again.
func (e *Engine) connect(r *run, sp *Space) error {
	if r.nc != nil && !r.nc.IsClosed() {
		if !r.nc.IsConnected() && !e.reconnectNow(r.nc) {
			return ErrOffline
		}
		return nil
	}
	opts := []nats.Option{nats.Name("learnwork"), nats.Timeout(3 * time.Second), nats.MaxReconnects(-1),
		nats.ReconnectWait(500 * time.Millisecond)}
	if sp.Creds != "" {
		opts = append(opts, nats.UserCredentials(sp.Creds))
	}
	nc, err := nats.Connect(sp.Server, opts...)
	if errors.Is(err, nats.ErrAuthorization) || errors.Is(err, nats.ErrAuthExpired) || errors.Is(err, nats.ErrAuthRevoked) {
		return ErrRefused
	} else if err != nil {
		return fmt.Errorf("%w (%v)", ErrOffline, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return err
	}
	if e.OnNews != nil {
		id := sp.ID
		if _, err := nc.Subscribe(subjectAll(id), func(*nats.Msg) { e.OnNews(id) }); err != nil {
			nc.Close()
			return err
		}
	}
	r.nc, r.js = nc, js
	return nil
}

// reconnectNow asks a connection that lost its server to try again now
// rather than after its back-off, and waits a moment for it: someone who
// presses "Sync now" right after the server came back expects it to work.
func (e *Engine) reconnectNow(nc *nats.Conn) bool {
	ch := nc.StatusChanged(nats.CONNECTED, nats.CLOSED)
	defer nc.RemoveStatusListener(ch)
	if nc.IsConnected() {
		return true
	}
	if err := nc.ForceReconnect(); err != nil {
		return false
	}
	wait := time.NewTimer(min(e.Timeout, 2*time.Second))
	defer wait.Stop()
	for {
		select {
		case st := <-ch:
			if st == nats.CLOSED {
				return false
			}
			if nc.IsConnected() {
				return true
			}
		case <-wait.C:
			return nc.IsConnected()
		}
	}
}

func (e *Engine) op(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, e.Timeout)
}

// offline turns a round trip that failed for want of the server into
// ErrOffline.
func offline(err error) error {
	if err == nil || errors.Is(err, ErrOffline) {
		return err
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, nats.ErrConnectionClosed) || errors.Is(err, nats.ErrNoResponders) ||
		errors.Is(err, jetstream.ErrNoStreamResponse) || errors.Is(err, nats.ErrTimeout) || errors.Is(err, nats.ErrConnectionReconnecting) {
		return fmt.Errorf("%w (%v)", ErrOffline, err)
	}
	return err
}

func (e *Engine) me() Member {
	return Member{Name: e.name(), Pub: e.self.Public(), Age: e.self.AgeRecipient(), Joined: e.now().Unix()}
}

// publishEvent seals a control event with the current epoch's key and
// publishes it.
func (e *Engine) publishEvent(ctx context.Context, r *run, sp *Space, keys Keyring, epoch uint64, ev event) error {
	msg, err := seal(e.self, keys, epoch, subjectMembers(sp.ID), ev.encode())
	if err != nil {
		return err
	}
	cctx, cancel := e.op(ctx)
	defer cancel()
	_, err = r.js.Publish(cctx, subjectMembers(sp.ID), msg)
	return offline(err)
}

// Create makes a space on a server (nats://host:port, tls://… for TLS;
// creds a NATS credentials file or ""), with this device its first
// member.
func (e *Engine) Create(ctx context.Context, name, server, creds string) (Space, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return Space{}, errors.New("a space needs a name")
	}
	sp := Space{ID: NewID(), Server: server, Creds: creds}
	key, err := newKey()
	if err != nil {
		return sp, err
	}
	keys := Keyring{1: key}
	r := e.run(sp.ID)
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := e.connect(r, &sp); err != nil {
		return sp, err
	}
	cctx, cancel := e.op(ctx)
	_, err = r.js.CreateStream(cctx, jetstream.StreamConfig{Name: StreamName(sp.ID), Subjects: []string{subjectAll(sp.ID)},
		Storage: jetstream.FileStorage, Replicas: e.Replicas, Duplicates: 10 * time.Minute})
	cancel()
	if err != nil {
		return sp, offline(fmt.Errorf("create the space's stream: %w", err))
	}
	if err := e.saveKeys(sp.ID, keys); err != nil {
		return sp, err
	}
	me := e.me()
	if err := e.publishEvent(ctx, r, &sp, keys, 1, event{Type: evCreate, Name: name, Member: &me}); err != nil {
		return sp, err
	}
	sp.Name = name
	if err := e.save(&sp); err != nil {
		return sp, err
	}
	err = e.syncLocked(ctx, r, &sp)
	return sp, err
}

// Invite makes a one-time invitation: the space's keys, encrypted with a
// key derived from a fresh secret, left on the stream for the joiner, and
// an invite event naming the key a joiner must sign with. The inviter
// need not be online when the invitation is used.
func (e *Engine) Invite(ctx context.Context, id string) (Invitation, error) {
	var inv Invitation
	_, err := e.synced(ctx, id, func(r *run, sp *Space) (err error) {
		inv, err = e.invite(ctx, r, sp)
		return err
	})
	return inv, err
}

func (e *Engine) invite(ctx context.Context, r *run, sp *Space) (Invitation, error) {
	id := sp.ID
	if sp.Gone || !sp.IsMember(e.self.Public()) {
		return Invitation{}, ErrGone
	}
	keys, err := e.keys(id)
	if err != nil {
		return Invitation{}, err
	}
	inv := Invitation{Server: sp.Server, Space: id, Name: sp.Name, Invite: NewID(), Secret: make([]byte, 16)}
	_, _ = rand.Read(inv.Secret)
	aead, signKey, err := secretKeys(id, inv.Secret)
	if err != nil {
		return inv, err
	}
	// The joiner gets every epoch's key, so it can read the space's
	// history from the start.
	plain, _ := cbor.Marshal(keys)
	nonce := make([]byte, aead.NonceSize())
	_, _ = rand.Read(nonce)
	box := aead.Seal(nonce, nonce, plain, []byte(id))
	cctx, cancel := e.op(ctx)
	_, err = r.js.Publish(cctx, subjectInvite(id, inv.Invite), box)
	cancel()
	if err != nil {
		return inv, offline(err)
	}
	ev := event{Type: evInvite, Invite: inv.Invite, InviteKey: signKey.Public().(ed25519.PublicKey)}
	if err := e.publishEvent(ctx, r, sp, keys, sp.Epoch, ev); err != nil {
		return inv, err
	}
	return inv, e.syncLocked(ctx, r, sp)
}

// Join uses an invitation: it reads the space's keys with the secret,
// announces this device as a member, signed with the invitation's key,
// and reads the space.
func (e *Engine) Join(ctx context.Context, inv Invitation, creds string) (Space, error) {
	r := e.run(inv.Space)
	r.mu.Lock()
	defer r.mu.Unlock()
	if sp, err := e.Get(inv.Space); err == nil {
		// Joined before, or the join was sent and the reading after it
		// failed: reading now finishes it.
		if err := e.syncLocked(ctx, r, &sp); err != nil {
			return sp, err
		}
		if !sp.IsMember(e.self.Public()) {
			return sp, ErrInvitationRefused
		}
		return sp, nil
	}
	sp := Space{ID: inv.Space, Server: inv.Server, Creds: creds}
	if err := e.connect(r, &sp); err != nil {
		return sp, err
	}
	cctx, cancel := e.op(ctx)
	defer cancel()
	stream, err := r.js.Stream(cctx, StreamName(sp.ID))
	if err != nil {
		if errors.Is(err, jetstream.ErrStreamNotFound) {
			return sp, ErrInvitationRefused
		}
		return sp, offline(err)
	}
	msg, err := stream.GetLastMsgForSubject(cctx, subjectInvite(sp.ID, inv.Invite))
	if errors.Is(err, jetstream.ErrMsgNotFound) {
		return sp, ErrInvitationRefused
	} else if err != nil {
		return sp, offline(err)
	}
	aead, signKey, err := secretKeys(sp.ID, inv.Secret)
	if err != nil {
		return sp, err
	}
	if len(msg.Data) < aead.NonceSize() {
		return sp, ErrInvitationRefused
	}
	plain, err := aead.Open(nil, msg.Data[:aead.NonceSize()], msg.Data[aead.NonceSize():], []byte(sp.ID))
	if err != nil {
		return sp, ErrInvitationRefused
	}
	keys := Keyring{}
	if err := cbor.Unmarshal(plain, &keys); err != nil || len(keys) == 0 {
		return sp, ErrInvitationRefused
	}
	if err := e.saveKeys(sp.ID, keys); err != nil {
		return sp, err
	}
	me := e.me()
	ev := event{Type: evJoin, Invite: inv.Invite, Member: &me, InviteSig: ed25519.Sign(signKey, joinSigned(sp.ID, me))}
	if err := e.publishEvent(ctx, r, &sp, keys, slices.Max(slices.Collect(maps.Keys(keys))), ev); err != nil {
		return sp, err
	}
	if err := e.save(&sp); err != nil {
		return sp, err
	}
	if err := e.syncLocked(ctx, r, &sp); err != nil {
		return sp, err
	}
	if !sp.IsMember(e.self.Public()) {
		e.forget(sp.ID)
		return sp, ErrInvitationRefused
	}
	return sp, nil
}

// forget drops a space's local record and keys.
func (e *Engine) forget(id string) {
	_ = e.st.SetSetting(settingPrefix+id, "")
	_ = os.Remove(e.keyPath(id))
	e.mu.Lock()
	if r := e.runs[id]; r != nil && r.nc != nil {
		r.nc.Close()
	}
	delete(e.runs, id)
	e.mu.Unlock()
}

// Remove takes a member device out of the space: a new epoch whose key is
// wrapped only to the members who remain, so the removed device can read
// nothing published from then on.
func (e *Engine) Remove(ctx context.Context, id string, member ed25519.PublicKey) error {
	_, err := e.synced(ctx, id, func(r *run, sp *Space) error { return e.remove(ctx, r, sp, member) })
	return err
}

func (e *Engine) remove(ctx context.Context, r *run, sp *Space, member ed25519.PublicKey) error {
	id := sp.ID
	if sp.Gone {
		return ErrGone
	}
	if string(member) == string(e.self.Public()) {
		return errors.New("to remove this device, leave the space")
	}
	i := sp.member(member)
	if i < 0 {
		return fmt.Errorf("remove: %w", ErrNotMember)
	}
	ev, err := e.rotation(sp, slices.Delete(slices.Clone(sp.Members), i, i+1))
	if err != nil {
		return err
	}
	ev.Type, ev.Removed = evRemove, member
	keys, err := e.keys(id)
	if err != nil {
		return err
	}
	if err := e.publishEvent(ctx, r, sp, keys, sp.Epoch, ev); err != nil {
		return err
	}
	return e.syncLocked(ctx, r, sp)
}

// rotation is a rotate event: a new key wrapped to the members who remain.
func (e *Engine) rotation(sp *Space, remain []Member) (event, error) {
	key, err := newKey()
	if err != nil {
		return event{}, err
	}
	wrapped, err := wrap(key, remain)
	if err != nil {
		return event{}, err
	}
	return event{Type: evRotate, From: sp.Epoch, Wrapped: wrapped}, nil
}

// Leave takes this device out of the space and forgets the space here;
// the members who remain start a new key when they next sync.
func (e *Engine) Leave(ctx context.Context, id string) error {
	r := e.run(id)
	r.mu.Lock()
	sp, err := e.Get(id)
	if err != nil {
		r.mu.Unlock()
		return err
	}
	if !sp.Gone {
		err = e.connect(r, &sp)
		if err == nil {
			var keys Keyring
			if keys, err = e.keys(id); err == nil {
				err = e.publishEvent(ctx, r, &sp, keys, sp.Epoch, event{Type: evLeave})
			}
		}
	}
	r.mu.Unlock()
	if err != nil {
		return err
	}
	e.forget(id)
	return nil
}

// Sync reads what is new in the space and publishes what this device
// wrote for it since it last could.
func (e *Engine) Sync(ctx context.Context, id string) (Space, error) { return e.synced(ctx, id, nil) }

// synced syncs a space, holding its run, then (if that went well) does
// then with the space as read.
func (e *Engine) synced(ctx context.Context, id string, then func(r *run, sp *Space) error) (Space, error) {
	r := e.run(id)
	r.mu.Lock()
	defer r.mu.Unlock()
	sp, err := e.Get(id)
	if err != nil {
		return sp, err
	}
	err = e.syncLocked(ctx, r, &sp)
	r.err = err
	if err != nil || then == nil {
		return sp, err
	}
	return sp, then(r, &sp)
}

func (e *Engine) syncLocked(ctx context.Context, r *run, sp *Space) error {
	if err := e.connect(r, sp); err != nil {
		return err
	}
	if err := e.read(ctx, r, sp); err != nil {
		return err
	}
	if sp.Gone {
		return nil
	}
	if sp.Rotate && sp.IsMember(e.self.Public()) {
		// A member left: start a new key the leaver does not have (whoever
		// comes first; the others' rotations are then refused alike).
		ev, err := e.rotation(sp, sp.Members)
		if err != nil {
			return err
		}
		keys, err := e.keys(sp.ID)
		if err != nil {
			return err
		}
		if err := e.publishEvent(ctx, r, sp, keys, sp.Epoch, ev); err != nil {
			return err
		}
		if err := e.read(ctx, r, sp); err != nil {
			return err
		}
	}
	// A batch is stored only if no membership event came after the last
	// one read here (it may have changed the key): else read and send again.
	for try := 0; sp.IsMember(e.self.Public()) && !sp.Gone; try++ {
		err := e.publish(ctx, r, sp)
		if !errors.Is(err, errMembershipMoved) {
			if err != nil {
				return err
			}
			break
		}
		if try == 10 {
			return fmt.Errorf("the space's members keep changing; try again later: %w", err)
		}
		if err := e.read(ctx, r, sp); err != nil {
			return err
		}
	}
	sp.LastExchange = e.now()
	return e.save(sp)
}

// read reads the stream from where this device stopped: membership
// events are folded, members' batches applied through the applier.
func (e *Engine) read(ctx context.Context, r *run, sp *Space) error {
	cctx, cancel := e.op(ctx)
	defer cancel()
	stream, err := r.js.Stream(cctx, StreamName(sp.ID))
	if err != nil {
		return offline(fmt.Errorf("the space's stream: %w", err))
	}
	last := stream.CachedInfo().State.LastSeq
	r.last = last
	if last <= sp.Pos {
		return nil
	}
	keys, err := e.keys(sp.ID)
	if err != nil {
		return err
	}
	cons, err := r.js.OrderedConsumer(cctx, StreamName(sp.ID), jetstream.OrderedConsumerConfig{
		DeliverPolicy: jetstream.DeliverByStartSequencePolicy, OptStartSeq: sp.Pos + 1})
	if err != nil {
		return offline(err)
	}
	pos := sp.Pos
	var g gathered
	// apply applies what was gathered; the stored position moves past it
	// unless changes still wait for earlier ones, which are only in memory:
	// the stream is then read again from before them next time.
	apply := func() error {
		if err := g.apply(ctx, r.applier); err != nil {
			return err
		}
		if r.applier.Waiting() == 0 {
			sp.Pos = pos
		}
		return nil
	}
	for pending := true; pending && pos < last; {
		// Not Fetch(n): messages deleted from the stream would leave it
		// waiting for ones that never come.
		batch, err := cons.FetchNoWait(64)
		if err != nil {
			return offline(err)
		}
		n := 0
		for m := range batch.Messages() {
			n++
			meta, err := m.Metadata()
			if err != nil {
				return err
			}
			raws, changes, err := e.handle(sp, keys, meta.Sequence.Stream, m.Subject(), m.Data())
			if err != nil {
				return err
			}
			if g.full(changes) {
				if err := apply(); err != nil {
					return err
				}
			}
			g.add(raws, changes)
			pos, pending = meta.Sequence.Stream, meta.NumPending > 0
		}
		if err := batch.Error(); err != nil {
			return offline(err)
		}
		if err := apply(); err != nil {
			return err
		}
		if n == 0 {
			break
		}
		if err := e.save(sp); err != nil {
			return err
		}
	}
	return e.save(sp)
}

// gathered is members' changes read from the stream and not applied yet.
// Messages are applied several at a time, up to as many items as one
// message holds at most: edits of the same items spread over several
// messages then cost one transaction, each item's indexes worked out
// once, where a transaction per message did it once per message.
type gathered struct {
	raws    [][]byte
	changes []*store.Change // raws decoded (handle checks each), not decoded again
	items   map[store.Ref]bool
}

// gatherItems bounds the items of one apply (a sync batch's most changes),
// so it stays well within what one store transaction takes.
const gatherItems = 4096

// full says whether changes would take the gathered items past the bound.
func (g *gathered) full(changes []*store.Change) bool {
	if len(g.raws) == 0 {
		return false
	}
	n := len(g.items)
	for _, c := range changes {
		if ref := (store.Ref{Kind: c.Kind, ID: c.ID}); !g.items[ref] {
			n++
		}
	}
	return n > gatherItems
}

func (g *gathered) add(raws [][]byte, changes []*store.Change) {
	if g.items == nil {
		g.items = map[store.Ref]bool{}
	}
	g.raws = append(g.raws, raws...)
	g.changes = append(g.changes, changes...)
	for _, c := range changes {
		g.items[store.Ref{Kind: c.Kind, ID: c.ID}] = true
	}
}

func (g *gathered) apply(ctx context.Context, a *devsync.Applier) error {
	if len(g.raws) == 0 {
		return nil
	}
	err := a.ApplyDecoded(ctx, g.raws, g.changes, store.Ack{})
	g.raws, g.changes, g.items = nil, nil, nil
	return err
}

// handle takes one message of the stream: a membership event is folded
// into sp, a member's batch checked and its changes returned, to apply.
func (e *Engine) handle(sp *Space, keys Keyring, seq uint64, subject string, data []byte) ([][]byte, []*store.Change, error) {
	rest, ok := strings.CutPrefix(subject, "lw.space."+sp.ID+".")
	switch {
	case !ok || strings.HasPrefix(rest, "invite."):
		return nil, nil, nil
	case rest == "members":
		sp.MembersSeq = max(sp.MembersSeq, seq)
		env, plain, err := open(keys, subject, data)
		if err != nil {
			sp.Rejected++
			return nil, nil, nil
		}
		var ev event
		if cbor.Unmarshal(plain, &ev) != nil {
			sp.Rejected++
			return nil, nil, nil
		}
		rotated, err := sp.fold(sp.ID, ev, env.Sender, e.self.Public())
		if err != nil {
			sp.Rejected++
			return nil, nil, nil
		}
		if rotated && !sp.Gone && sp.IsMember(e.self.Public()) {
			key, err := unwrap(ev.Wrapped, e.self)
			if err != nil {
				return nil, nil, fmt.Errorf("the space's new key: %w", err)
			}
			keys[sp.Epoch] = key
			return nil, nil, e.saveKeys(sp.ID, keys)
		}
		return nil, nil, nil
	}
	if sp.Gone {
		return nil, nil, nil
	}
	env, plain, err := open(keys, subject, data)
	if err != nil {
		sp.Rejected++
		return nil, nil, nil
	}
	i := sp.member(env.Sender)
	if i < 0 || subjectData(sp.ID, sp.Members[i].Device(sp.ID)) != subject {
		sp.Rejected++ // not a member when it was published, or on another's subject
		return nil, nil, nil
	}
	if string(env.Sender) == string(e.self.Public()) {
		return nil, nil, nil // this device's own
	}
	raws, err := devsync.DecodeBatch(plain)
	if err != nil {
		sp.Rejected++
		return nil, nil, nil
	}
	dev := sp.Members[i].Device(sp.ID)
	changes := make([]*store.Change, len(raws))
	for j, raw := range raws {
		c, err := store.DecodeChange(raw)
		if err != nil || c.Device != dev {
			sp.Rejected++ // a member may only speak for its own space device
			return nil, nil, nil
		}
		changes[j] = c
	}
	return raws, changes, nil
}

// publish sends what this device wrote under its space device since it
// last published, as batches on its own subject. A batch the server
// already holds (a publish whose answer was lost) is dropped there by its
// message ID.
func (e *Engine) publish(ctx context.Context, r *run, sp *Space) error {
	dev := e.st.SpaceDevice(sp.ID)
	vv := e.st.Vector()
	if vv[dev] <= sp.Published {
		return nil
	}
	keys, err := e.keys(sp.ID)
	if err != nil {
		return err
	}
	have := vv.Clone()
	have[dev] = sp.Published
	var b devsync.Batcher
	var first, last uint64
	send := func(batch []byte) error {
		if err := e.publishBatch(ctx, r, sp, keys, dev, batch, first, last); err != nil {
			return err
		}
		sp.Published = last
		first = 0
		return e.save(sp)
	}
	err = e.st.ChangesSince(ctx, have, func(raw []byte) error {
		c, err := store.DecodeChange(raw)
		if err != nil {
			return fmt.Errorf("own log: %w", err)
		}
		if c.Device != dev {
			return nil
		}
		if first == 0 {
			first = c.Seq
		}
		last = c.Last()
		if batch, _ := b.Add(raw); batch != nil {
			return send(batch)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if batch, _ := b.Flush(); batch != nil {
		return send(batch)
	}
	return nil
}

// publishBatch seals and publishes one batch, halving it while the
// message is larger than the server takes.
func (e *Engine) publishBatch(ctx context.Context, r *run, sp *Space, keys Keyring, dev store.DeviceID, batch []byte, first, last uint64) error {
	subject := subjectData(sp.ID, dev)
	msg, err := seal(e.self, keys, sp.Epoch, subject, batch)
	if err != nil {
		return err
	}
	if int64(len(msg)) > r.nc.MaxPayload() {
		raws, err := devsync.DecodeBatch(batch)
		if err != nil {
			return err
		}
		if len(raws) < 2 {
			return fmt.Errorf("an item is too large for the space's server (%d bytes)", len(msg))
		}
		h := len(raws) / 2
		mid, err := store.DecodeChange(raws[h-1])
		if err != nil {
			return err
		}
		if err := e.publishBatch(ctx, r, sp, keys, dev, devsync.EncodeBatch(raws[:h]), first, mid.Last()); err != nil {
			return err
		}
		return e.publishBatch(ctx, r, sp, keys, dev, devsync.EncodeBatch(raws[h:]), mid.Last()+1, last)
	}
	cctx, cancel := e.op(ctx)
	defer cancel()
	// The ID names the membership it was sealed under, so a batch sent
	// again after a membership change is never taken for a duplicate.
	_, err = r.js.Publish(cctx, subject, msg, jetstream.WithMsgID(fmt.Sprintf("%s-%d-%d-%d", dev, sp.MembersSeq, first, last)),
		jetstream.WithExpectLastSequenceForSubject(sp.MembersSeq, subjectMembers(sp.ID)))
	var apiErr *jetstream.APIError
	if errors.As(err, &apiErr) && (apiErr.ErrorCode == jetstream.JSErrCodeStreamWrongLastSequence || apiErr.ErrorCode == jetstream.JSErrCodeStreamWrongLastSequenceConstant) {
		return errMembershipMoved
	}
	return offline(err)
}

// errMembershipMoved: a membership event is on the stream that this
// device has not read; a batch sealed before it might use a key a removed
// member holds, so the server refused it.
var errMembershipMoved = errors.New("the space's membership changed since it was last read")

// Status is a space's state for the window and `space status`.
type Status struct {
	ID           string    `json:"id"`
	Name         string    `json:"name"`
	Server       string    `json:"server"`
	Members      int       `json:"members"`
	Connected    bool      `json:"connected"`
	Behind       uint64    `json:"behind"` // messages on the server not read yet (as last seen)
	Unsent       uint64    `json:"unsent"` // changes written here for the space not sent yet
	LastExchange time.Time `json:"lastExchange,omitzero"`
	Gone         bool      `json:"gone,omitempty"`
	Problem      string    `json:"problem,omitempty"`
}

// Status reads each space's state without a round trip.
func (e *Engine) Status() []Status {
	var out []Status
	vv := e.st.Vector()
	for _, sp := range e.List() {
		st := Status{ID: sp.ID, Name: sp.Name, Server: sp.Server, Members: len(sp.Members), LastExchange: sp.LastExchange, Gone: sp.Gone}
		if d := vv[e.st.SpaceDevice(sp.ID)]; d > sp.Published {
			st.Unsent = d - sp.Published
		}
		e.mu.Lock()
		r := e.runs[sp.ID]
		e.mu.Unlock()
		if r != nil && r.mu.TryLock() {
			st.Connected = r.nc != nil && r.nc.IsConnected()
			if r.last > sp.Pos {
				st.Behind = r.last - sp.Pos
			}
			if r.err != nil {
				st.Problem = r.err.Error()
			}
			r.mu.Unlock()
		} else if r != nil {
			st.Connected = true // syncing now
		}
		out = append(out, st)
	}
	return out
}
