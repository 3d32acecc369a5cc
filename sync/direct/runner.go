package direct

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"net"
	stdsync "sync"
	"time"

	devsync "learnwork/sync"
	"learnwork/sync/identity"
	"learnwork/sync/trust"
)

// DefaultListen is the port devices listen on unless told otherwise, so an
// address typed in needs no port number hunting.
const DefaultListen = ":47100"

// Runner timing: a sync on start, one when edits have settled, one every
// few minutes; how long the LAN is asked for a device.
const (
	RunDebounce = 2 * time.Second
	RunPeriod   = 5 * time.Minute
	findTimeout = 1500 * time.Millisecond
)

// Peer states.
const (
	StateIdle    = "idle"
	StateLooking = "looking"
	StateSyncing = "syncing"
	StateOffline = "offline"
	StateError   = "error"
	StateRevoked = "revoked"
)

// Store is what the runner needs of the store: the log to sync, its
// commits to hear local edits, and local settings to remember where each
// device was reached.
type Store interface {
	devsync.Log
	devsync.Commits
	Setting(name string) string
	SetSetting(name, value string) error
}

// settingAddr + device ID: where the device was last reached.
const settingAddr = "direct.addr/"

// PeerState is what the runner knows of a paired device.
type PeerState struct {
	Addr     string
	State    string
	LastSync time.Time
	Err      string
	Done     int
	Total    int
	Result   *devsync.Result // of the last round, nil if none
}

// Runner serves paired devices and syncs with them on a schedule: on
// start, after local edits settle, every few minutes and when kicked. It
// keeps one connection per device open between rounds.
type Runner struct {
	Node *Node
	// Changed hears that a peer's state moved (at most every 100 ms while
	// a round runs); Progress hears changes received; Synced hears a round
	// that ended well, with what it brought. Each may be nil and is called
	// without locks held.
	Changed  func()
	Progress func(peer string, done, total int)
	Synced   func(peer string, res devsync.Result)
	// Debounce and Period time the runs.
	Debounce, Period time.Duration

	store Store
	trust *trust.List
	now   func() time.Time

	mu       stdsync.Mutex
	peers    map[string]*PeerState
	conns    map[string]*Conn
	sched    *devsync.Schedule
	addr     net.Addr
	err      error
	stop     func()
	lastEmit time.Time
}

// NewRunner makes a runner for a store, its device key and its trust list
// (the folder transport's too). now nil means time.Now.
func NewRunner(st Store, key ed25519.PrivateKey, tl *trust.List, now func() time.Time) *Runner {
	if now == nil {
		now = time.Now
	}
	r := &Runner{store: st, trust: tl, now: now, Debounce: RunDebounce, Period: RunPeriod,
		peers: map[string]*PeerState{}, conns: map[string]*Conn{}}
	lt := ListTrust{List: tl}
	r.Node = &Node{Key: key, Card: lt.Card, Trust: lt, Sync: r.round}
	return r
}

// Listen listens on addr, or the default port, or any free port if that
// one is taken.
func Listen(addr string) (net.Listener, error) {
	if addr != "" {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			return nil, fmt.Errorf("listen on %s: %w", addr, err)
		}
		return ln, nil
	}
	if ln, err := net.Listen("tcp", DefaultListen); err == nil {
		return ln, nil
	}
	ln, err := net.Listen("tcp", ":0")
	if err != nil {
		return nil, fmt.Errorf("listen: %w", err)
	}
	return ln, nil
}

// Start listens on addr (Listen's rules), serves paired devices there,
// announces this device on the LAN and runs the schedule until Stop or ctx
// ends. A runner already started is left as it is. Without the LAN
// announcement serving goes on, and Err says so.
func (r *Runner) Start(ctx context.Context, addr string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stop != nil {
		return nil
	}
	ln, err := Listen(addr)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	sched := devsync.NewSchedule(r.Debounce, r.Period)
	var wg stdsync.WaitGroup
	unadvertise, aerr := Advertise(r.Node.ID(), ln.Addr().(*net.TCPAddr))
	r.addr, r.sched, r.err = ln.Addr(), sched, nil
	if aerr != nil {
		r.err = fmt.Errorf("%w; type the address on the other device", aerr)
	}
	r.stop = func() {
		cancel()
		if unadvertise != nil {
			unadvertise()
		}
		wg.Wait()
	}
	wg.Add(2)
	go func() {
		defer wg.Done()
		if err := r.Node.Serve(ctx, ln); err != nil {
			r.mu.Lock()
			r.err = err
			r.mu.Unlock()
			r.changed()
		}
	}()
	go func() {
		defer wg.Done()
		sched.Run(ctx, r.store, r.SyncAll)
	}()
	return nil
}

// Stop stops serving and the schedule and closes open connections.
func (r *Runner) Stop() {
	r.mu.Lock()
	stop := r.stop
	r.stop, r.addr, r.sched = nil, nil, nil
	conns := r.conns
	r.conns = map[string]*Conn{}
	r.mu.Unlock()
	for _, c := range conns {
		c.Close()
	}
	if stop != nil {
		stop()
	}
}

// Running reports whether the runner serves; Addr is where (nil if not);
// Err is what went wrong with serving, nil if nothing.
func (r *Runner) Running() bool { r.mu.Lock(); defer r.mu.Unlock(); return r.stop != nil }

func (r *Runner) Addr() net.Addr { r.mu.Lock(); defer r.mu.Unlock(); return r.addr }

func (r *Runner) Err() error { r.mu.Lock(); defer r.mu.Unlock(); return r.err }

// Kick asks the running schedule to sync now with one device ("" for
// all); it does nothing while the runner is stopped.
func (r *Runner) Kick(device string) {
	r.mu.Lock()
	s := r.sched
	r.mu.Unlock()
	if s != nil {
		s.Kick(device)
	}
}

// Peer is what the runner knows of a device (zero if nothing yet).
func (r *Runner) Peer(id string) PeerState {
	r.mu.Lock()
	defer r.mu.Unlock()
	if p := r.peers[id]; p != nil {
		return *p
	}
	return PeerState{State: StateIdle}
}

// round is one exchange with a peer, from either side.
func (r *Runner) round(ctx context.Context, conn Frames, peer ed25519.PublicKey, initiator bool) error {
	pid := identity.IDOf(peer)
	r.setPeer(pid, func(p *PeerState) { p.State, p.Err, p.Done, p.Total = StateSyncing, "", 0, 0 })
	res, err := devsync.Exchange(ctx, r.store, conn, devsync.Options{Peer: pid, Progress: func(done, total int) {
		r.setPeer(pid, func(p *PeerState) { p.Done, p.Total = done, total })
		if r.Progress != nil {
			r.Progress(pid, done, total)
		}
	}})
	if err == nil {
		// Recorded before the state changes, so the status the change
		// announces already says when and how it synced.
		_ = r.trust.Seen(pid)
		if r.Synced != nil {
			r.Synced(pid, res)
		}
	}
	r.setPeer(pid, func(p *PeerState) {
		if err != nil {
			p.State, p.Err = StateError, err.Error()
			return
		}
		p.State, p.LastSync, p.Result = StateIdle, r.now(), &res
	})
	return err
}

func (r *Runner) setPeer(id string, f func(p *PeerState)) {
	r.mu.Lock()
	p := r.peers[id]
	if p == nil {
		p = &PeerState{State: StateIdle}
		r.peers[id] = p
	}
	f(p)
	throttled := p.State == StateSyncing && r.now().Sub(r.lastEmit) < 100*time.Millisecond
	if !throttled {
		r.lastEmit = r.now()
	}
	r.mu.Unlock()
	if !throttled {
		r.changed()
	}
}

func (r *Runner) changed() {
	if r.Changed != nil {
		r.Changed()
	}
}

// SyncAll runs a round with every paired device, or only with one.
func (r *Runner) SyncAll(ctx context.Context, only string) {
	for _, dev := range r.trust.Active() {
		if only != "" && dev.ID != only {
			continue
		}
		if ctx.Err() != nil {
			return
		}
		_, _ = r.SyncDevice(ctx, dev, "") // the outcome is in the peer's state
	}
}

// SyncDevice runs a round with dev over its open connection, or a new one
// at addr, where it was last reached, or where mDNS finds it. While the
// runner serves, the connection stays open for the next round.
func (r *Runner) SyncDevice(ctx context.Context, dev trust.Device, addr string) (*Conn, error) {
	r.mu.Lock()
	c := r.conns[dev.ID]
	r.mu.Unlock()
	if c != nil {
		if err := c.Round(ctx); err == nil {
			return c, nil
		}
		c.Close()
		r.mu.Lock()
		delete(r.conns, dev.ID)
		r.mu.Unlock()
	}
	start := r.now()
	c, err := r.dial(ctx, dev, addr)
	if err != nil {
		r.setPeer(dev.ID, func(p *PeerState) {
			// A device that reached this one while it looked (a device
			// just paired dials in as this one searches) is not offline.
			if p.LastSync.Before(start) {
				p.State, p.Err = StateOffline, err.Error()
			} else if p.State == StateLooking {
				p.State = StateIdle
			}
		})
		return nil, err
	}
	if err := c.Round(ctx); err != nil {
		c.Close()
		return nil, err
	}
	r.mu.Lock()
	if r.stop != nil {
		r.conns[dev.ID] = c
	}
	r.mu.Unlock()
	return c, nil
}

func (r *Runner) dial(ctx context.Context, dev trust.Device, addr string) (*Conn, error) {
	var tried []string
	try := func(a string) (*Conn, error) {
		tried = append(tried, a)
		c, err := r.Node.Dial(ctx, a, dev.PublicKey)
		if err == nil {
			_ = r.store.SetSetting(settingAddr+dev.ID, a)
			r.setPeer(dev.ID, func(p *PeerState) { p.Addr = a })
		}
		return c, err
	}
	if addr != "" {
		return try(addr)
	}
	var lastErr error
	if last := r.store.Setting(settingAddr + dev.ID); last != "" {
		c, err := try(last)
		if err == nil {
			return c, nil
		}
		lastErr = err
	}
	r.setPeer(dev.ID, func(p *PeerState) { p.State = StateLooking })
	found, err := Find(ctx, Is(dev.ID), findTimeout)
	if err == nil && found != "" {
		return try(found)
	}
	if lastErr != nil {
		return nil, fmt.Errorf("%s was not found on the network (last tried %v: %v); is Learnwork open there?", dev.Name, tried, lastErr)
	}
	return nil, fmt.Errorf("%s was not found on the network; is Learnwork open there?", dev.Name)
}

// Pair proves code to the device showing it and pins it. Without an
// address the device is looked for on the LAN by the code's ID prefix.
func (r *Runner) Pair(ctx context.Context, code, addr string) (Peer, error) {
	c, err := ParseCode(code)
	if err != nil {
		return Peer{}, err
	}
	if addr == "" {
		found, err := Find(ctx, HasPrefix(c), 2*findTimeout)
		if err != nil {
			return Peer{}, err
		}
		if found == "" {
			return Peer{}, errors.New("no computer showing that code was found on the network; check that both are on the same network, or give its address too (on its Sync screen under Advanced, or next to the code in the command line)")
		}
		addr = found
	} else {
		addr = WithPort(addr)
	}
	p, err := r.Node.Pair(ctx, c, addr)
	if err == nil {
		_ = r.store.SetSetting(settingAddr+p.ID, addr)
	}
	return p, err
}

// WithPort adds the default port to an address typed without one.
func WithPort(addr string) string {
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return net.JoinHostPort(addr, DefaultListen[1:])
	}
	return addr
}
