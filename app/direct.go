package app

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"net"
	"strconv"
	stdsync "sync"
	"time"

	"learnwork/store"
	devsync "learnwork/sync"
	"learnwork/sync/direct"
	"learnwork/sync/identity"
	"learnwork/sync/trust"
)

// DefaultDirectListen is the port devices listen on unless told otherwise,
// so an address typed in needs no port number hunting.
const DefaultDirectListen = ":47100"

// How often the window syncs on its own, and how long it lets edits settle.
const (
	directPeriod   = 5 * time.Minute
	directDebounce = 2 * time.Second
	findTimeout    = 1500 * time.Millisecond
)

// DirectSync is device-to-device sync over the network: serving, pairing
// codes and sync rounds with paired devices, for the window and the CLI.
type DirectSync struct {
	ctx    context.Context
	st     *store.Store
	id     *identity.Identity
	trust  *trust.List
	window Window
	node   *direct.Node
	now    func() time.Time

	mu       stdsync.Mutex
	serving  bool     // the user asked to serve
	addr     net.Addr // where the listener is, nil if none
	err      string
	stop     func() // stops the listener and runner
	offer    *direct.Offer
	peers    map[string]*peerState
	conns    map[string]*direct.Conn
	kick     chan string
	lastEmit time.Time
	debounce time.Duration // how long edits settle before a sync
}

type peerState struct {
	addr     string
	state    string
	lastSync time.Time
	err      string
	done     int
	total    int
	result   *devsync.Result
	sent     int64
	received int64
}

// Peer states shown in the window.
const (
	peerIdle    = "idle"
	peerLooking = "looking"
	peerSyncing = "syncing"
	peerOffline = "offline"
	peerError   = "error"
	peerRevoked = "revoked"
)

// NewDirectSync makes direct sync for an open store, its device key and
// its trust list (the one the folder transport uses too); w hears its
// status and progress (nil: nobody).
func NewDirectSync(ctx context.Context, st *store.Store, id *identity.Identity, tl *trust.List, w Window) *DirectSync {
	if w == nil {
		w = noWindow{}
	}
	d := &DirectSync{ctx: ctx, st: st, id: id, trust: tl, window: w, now: time.Now,
		peers: map[string]*peerState{}, conns: map[string]*direct.Conn{}, debounce: directDebounce}
	lt := direct.ListTrust{List: tl}
	d.node = &direct.Node{Key: id.Private(), Card: lt.Card, Trust: lt, Sync: d.round}
	return d
}

// round is one exchange with a peer, from either side.
func (d *DirectSync) round(ctx context.Context, conn direct.Frames, peer ed25519.PublicKey, initiator bool) error {
	pid := identity.IDOf(peer)
	d.setPeer(pid, func(p *peerState) { p.state, p.err, p.done, p.total = peerSyncing, "", 0, 0 })
	res, err := devsync.Exchange(ctx, d.st, conn, devsync.Options{Peer: pid, Progress: func(done, total int) {
		d.setPeer(pid, func(p *peerState) { p.done, p.total = done, total })
		d.window.Progress(pid, "direct", done, total)
	}})
	d.setPeer(pid, func(p *peerState) {
		if err != nil {
			p.state, p.err = peerError, err.Error()
			return
		}
		p.state, p.lastSync, p.result = peerIdle, d.now(), &res
	})
	if err == nil {
		_ = d.trust.Seen(pid)
	}
	return err
}

func (d *DirectSync) setPeer(id string, f func(p *peerState)) {
	d.mu.Lock()
	p := d.peers[id]
	if p == nil {
		p = &peerState{state: peerIdle}
		d.peers[id] = p
	}
	f(p)
	throttled := p.state == peerSyncing && d.now().Sub(d.lastEmit) < 100*time.Millisecond
	if !throttled {
		d.lastEmit = d.now()
	}
	d.mu.Unlock()
	if !throttled {
		d.emit()
	}
}

func (d *DirectSync) emit() {
	if s, err := d.Status(); err == nil {
		d.window.Emit("direct:status", s)
	}
}

// --- what the window shows -------------------------------------------------

// DirectStatus is direct sync as the window shows it.
type DirectStatus struct {
	Device      string       `json:"device"` // this device's ID, grouped
	Name        string       `json:"name"`
	Serving     bool         `json:"serving"`
	Addrs       []string     `json:"addrs"` // where other devices reach this one, none if not listening
	Error       string       `json:"error,omitempty"`
	Code        string       `json:"code"` // pairing code on show, "" if none
	CodeExpires string       `json:"codeExpires,omitempty"`
	Devices     []DirectPeer `json:"devices"`
}

// DirectPeer is one paired device's direct sync status.
type DirectPeer struct {
	ID       string `json:"id"`
	Short    string `json:"short"`
	Name     string `json:"name"`
	State    string `json:"state"` // idle, looking, syncing, offline, error, revoked
	Addr     string `json:"addr,omitempty"`
	LastSync string `json:"lastSync,omitempty"` // RFC 3339
	Error    string `json:"error,omitempty"`
	Done     int    `json:"done"`
	Total    int    `json:"total"`
	Sent     int    `json:"sent"`     // changes sent in the last round
	Received int    `json:"received"` // changes received in the last round
}

// Status is the current direct sync status.
func (d *DirectSync) Status() (DirectStatus, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	s := DirectStatus{Device: d.id.Display(), Name: d.trust.Name(), Serving: d.serving, Addrs: []string{}, Error: d.err, Devices: []DirectPeer{}}
	if d.addr != nil {
		s.Addrs = Reachable(d.addr)
	}
	if o := d.offer; o != nil {
		s.Code, s.CodeExpires = o.Code.String(), o.Expires.UTC().Format(time.RFC3339)
	}
	for _, dev := range d.trust.Devices() {
		p := DirectPeer{ID: dev.ID, Short: identity.Short(dev.ID), Name: dev.Name, State: peerIdle}
		if !dev.LastSeen.IsZero() {
			p.LastSync = dev.LastSeen.UTC().Format(time.RFC3339)
		}
		if ps := d.peers[dev.ID]; ps != nil {
			p.State, p.Addr, p.Error, p.Done, p.Total = ps.state, ps.addr, ps.err, ps.done, ps.total
			if ps.result != nil {
				p.Sent, p.Received = ps.result.Sent, ps.result.Received
			}
		}
		if !dev.Active() {
			p.State = peerRevoked
		}
		s.Devices = append(s.Devices, p)
	}
	return s, nil
}

// --- serving -------------------------------------------------------------------

// start serves if the user turned serving on (the window calls it once
// started).
func (d *DirectSync) start() {
	if d.st.Setting(SettingDirectServe) == "on" {
		if _, err := d.SetServe(true); err != nil {
			d.mu.Lock()
			d.err = err.Error()
			d.mu.Unlock()
		}
	}
}

// SetServe turns serving on or off and remembers the choice. While on,
// this device listens for paired devices, announces itself on the LAN and
// syncs on start, after edits and every few minutes.
func (d *DirectSync) SetServe(on bool) (DirectStatus, error) {
	val := ""
	if on {
		val = "on"
	}
	if err := d.st.SetSetting(SettingDirectServe, val); err != nil {
		return DirectStatus{}, err
	}
	d.mu.Lock()
	d.serving = on
	d.mu.Unlock()
	if on {
		if err := d.listen(true); err != nil {
			d.mu.Lock()
			d.serving = false
			d.mu.Unlock()
			return DirectStatus{}, err
		}
	} else if !d.pairing() {
		d.shutdown()
	}
	d.emit()
	return d.Status()
}

func (d *DirectSync) pairing() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.offer != nil
}

// listen opens the listener (once) and, with run, the runner that syncs
// with paired devices.
func (d *DirectSync) listen(run bool) error {
	d.mu.Lock()
	if d.stop != nil {
		d.mu.Unlock()
		if run {
			d.poke("")
		}
		return nil
	}
	d.mu.Unlock()
	ln, err := listenDirect(d.st.Setting(SettingDirectListen))
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(d.ctx)
	var wg stdsync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := d.node.Serve(ctx, ln); err != nil {
			d.mu.Lock()
			d.err = err.Error()
			d.mu.Unlock()
			d.emit()
		}
	}()
	unadvertise, aerr := direct.Advertise(d.id.ID(), ln.Addr().(*net.TCPAddr))
	kick := make(chan string, 1)
	wg.Add(1)
	go func() {
		defer wg.Done()
		d.run(ctx, kick)
	}()
	d.mu.Lock()
	d.addr, d.kick, d.err = ln.Addr(), kick, ""
	if aerr != nil {
		d.err = aerr.Error() + "; type the address on the other device"
	}
	d.stop = func() {
		cancel()
		if unadvertise != nil {
			unadvertise()
		}
		wg.Wait()
	}
	d.mu.Unlock()
	return nil
}

// Reachable lists the addresses another machine could use to reach a
// listener at addr: its own, or each LAN address when it listens on all.
func Reachable(addr net.Addr) []string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return []string{addr.String()}
	}
	if !tcp.IP.IsUnspecified() {
		return []string{tcp.String()}
	}
	var out []string
	ifaddrs, _ := net.InterfaceAddrs()
	for _, a := range ifaddrs {
		if n, ok := a.(*net.IPNet); ok && n.IP.To4() != nil && !n.IP.IsLoopback() {
			out = append(out, net.JoinHostPort(n.IP.String(), strconv.Itoa(tcp.Port)))
		}
	}
	if len(out) == 0 {
		out = append(out, net.JoinHostPort("127.0.0.1", strconv.Itoa(tcp.Port)))
	}
	return out
}

// listenDirect listens on addr, or the default port, or any free port if
// that one is taken.
func listenDirect(addr string) (net.Listener, error) {
	if addr != "" {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			return nil, fmt.Errorf("listen on %s: %w", addr, err)
		}
		return ln, nil
	}
	if ln, err := net.Listen("tcp", DefaultDirectListen); err == nil {
		return ln, nil
	}
	ln, err := net.Listen("tcp", ":0")
	if err != nil {
		return nil, fmt.Errorf("listen: %w", err)
	}
	return ln, nil
}

func (d *DirectSync) shutdown() {
	d.mu.Lock()
	stop := d.stop
	d.stop, d.addr, d.kick = nil, nil, nil
	conns := d.conns
	d.conns = map[string]*direct.Conn{}
	d.mu.Unlock()
	for _, c := range conns {
		c.Close()
	}
	if stop != nil {
		stop()
	}
}

// close stops serving (the window calls it on shutdown).
func (d *DirectSync) close() { d.shutdown() }

// poke asks the runner to sync now with one device ("" for all).
func (d *DirectSync) poke(device string) {
	d.mu.Lock()
	kick := d.kick
	d.mu.Unlock()
	if kick == nil {
		return
	}
	select {
	case kick <- device:
	default:
	}
}

// run syncs with every paired device on start, after local edits have
// settled, every few minutes and when kicked.
func (d *DirectSync) run(ctx context.Context, kick chan string) {
	changed := make(chan struct{}, 1)
	d.st.OnCommit(func(c store.Commit) {
		if c.Local {
			select {
			case changed <- struct{}{}:
			default:
			}
		}
	})
	tick := time.NewTicker(directPeriod)
	defer tick.Stop()
	var settle <-chan time.Time
	d.syncAll(ctx, "")
	for {
		select {
		case <-ctx.Done():
			return
		case dev := <-kick:
			d.syncAll(ctx, dev)
		case <-changed:
			settle = time.After(d.debounce)
		case <-settle:
			settle = nil
			d.syncAll(ctx, "")
		case <-tick.C:
			d.syncAll(ctx, "")
		}
	}
}

func (d *DirectSync) syncAll(ctx context.Context, only string) {
	for _, dev := range d.trust.Active() {
		if only != "" && dev.ID != only {
			continue
		}
		if ctx.Err() != nil {
			return
		}
		d.syncDevice(ctx, dev, "")
	}
}

// syncDevice runs a round with dev over its open connection, or a new one
// at addr, where it was last reached, or where mDNS finds it.
func (d *DirectSync) syncDevice(ctx context.Context, dev trust.Device, addr string) (*direct.Conn, error) {
	d.mu.Lock()
	c := d.conns[dev.ID]
	d.mu.Unlock()
	if c != nil {
		if err := c.Round(ctx); err == nil {
			return c, nil
		}
		c.Close()
		d.mu.Lock()
		delete(d.conns, dev.ID)
		d.mu.Unlock()
	}
	c, err := d.dialDevice(ctx, dev, addr)
	if err != nil {
		d.setPeer(dev.ID, func(p *peerState) { p.state, p.err = peerOffline, err.Error() })
		return nil, err
	}
	if err := c.Round(ctx); err != nil {
		c.Close()
		return nil, err
	}
	d.mu.Lock()
	if d.stop != nil { // keep it for the next round while serving
		d.conns[dev.ID] = c
	}
	d.mu.Unlock()
	return c, nil
}

func (d *DirectSync) dialDevice(ctx context.Context, dev trust.Device, addr string) (*direct.Conn, error) {
	var tried []string
	try := func(a string) (*direct.Conn, error) {
		tried = append(tried, a)
		c, err := d.node.Dial(ctx, a, dev.PublicKey)
		if err == nil {
			_ = d.st.SetSetting(settingDirectAddr+dev.ID, a)
			d.setPeer(dev.ID, func(p *peerState) { p.addr = a })
		}
		return c, err
	}
	if addr != "" {
		return try(addr)
	}
	var lastErr error
	if last := d.st.Setting(settingDirectAddr + dev.ID); last != "" {
		c, err := try(last)
		if err == nil {
			return c, nil
		}
		lastErr = err
	}
	d.setPeer(dev.ID, func(p *peerState) { p.state = peerLooking })
	found, err := direct.Find(ctx, direct.Is(dev.ID), findTimeout)
	if err == nil && found != "" {
		return try(found)
	}
	if lastErr != nil {
		return nil, fmt.Errorf("%s is not reachable (last tried %v: %v) and did not answer on the LAN", dev.Name, tried, lastErr)
	}
	return nil, fmt.Errorf("%s did not answer on the LAN; is it serving? Type its address instead", dev.Name)
}

// --- window actions ------------------------------------------------------------

// ShowCode shows a new pairing code. The device listens while the code is
// on show, serving or not, and stops again when pairing ends.
func (d *DirectSync) ShowCode() (DirectStatus, error) {
	if err := d.listen(false); err != nil {
		return DirectStatus{}, err
	}
	o, err := d.node.Offer()
	if err != nil {
		return DirectStatus{}, err
	}
	d.mu.Lock()
	d.offer = o
	d.mu.Unlock()
	go func() {
		p, err := o.Wait(d.ctx)
		d.mu.Lock()
		if d.offer == o {
			d.offer = nil
		}
		serving := d.serving
		d.mu.Unlock()
		if err == nil {
			d.window.Emit("direct:paired", DirectPeer{ID: p.ID, Short: identity.Short(p.ID), Name: p.Name})
			d.poke(p.ID)
		}
		if !serving && !d.pairing() {
			d.shutdown()
		}
		d.emit()
	}()
	d.emit()
	return d.Status()
}

// CancelCode withdraws the pairing code on show.
func (d *DirectSync) CancelCode() (DirectStatus, error) {
	d.node.CancelOffer()
	d.mu.Lock()
	d.offer = nil
	d.mu.Unlock()
	return d.Status()
}

// Pair pairs with the device showing code, at addr or found on the LAN,
// and syncs with it if serving.
func (d *DirectSync) Pair(code, addr string) (DirectPeer, error) {
	p, err := DirectPair(d.ctx, d, code, addr)
	if err != nil {
		return DirectPeer{}, err
	}
	d.poke(p.ID)
	d.emit()
	return DirectPeer{ID: p.ID, Short: identity.Short(p.ID), Name: p.Name, Addr: p.Addr, State: peerIdle}, nil
}

// SyncNow syncs with one paired device now (or all, with "").
func (d *DirectSync) SyncNow(device string) error {
	d.mu.Lock()
	running := d.stop != nil
	d.mu.Unlock()
	if running {
		d.poke(device)
		return nil
	}
	if device == "" {
		d.syncAll(d.ctx, "")
		return nil
	}
	dev, err := d.trust.Check(device)
	if err != nil {
		return err
	}
	_, err = d.syncDevice(d.ctx, dev, "")
	return err
}

// --- the CLI's side (functions, so the window does not bind them) --------------------------------------------------------------

// DirectPair proves code to the device showing it and pins it. Without an
// address the device is looked for on the LAN by the code's ID prefix.
func DirectPair(ctx context.Context, d *DirectSync, code, addr string) (direct.Peer, error) {
	c, err := direct.ParseCode(code)
	if err != nil {
		return direct.Peer{}, err
	}
	if addr == "" {
		found, err := direct.Find(ctx, direct.HasPrefix(c), 2*findTimeout)
		if err != nil {
			return direct.Peer{}, err
		}
		if found == "" {
			return direct.Peer{}, errors.New("no device showing that code answered on the LAN; give its address too (shown next to the code)")
		}
		addr = found
	} else if _, _, err := net.SplitHostPort(addr); err != nil {
		addr = net.JoinHostPort(addr, DefaultDirectListen[1:])
	}
	p, err := d.node.Pair(ctx, c, addr)
	if err == nil {
		_ = d.st.SetSetting(settingDirectAddr+p.ID, addr)
	}
	return p, err
}

// DirectOffer shows a pairing code on an already open listener (the CLI's
// "sync pair", which serves while it waits).
func DirectOffer(d *DirectSync) (*direct.Offer, error) { return d.node.Offer() }

// DirectServe listens on ln until ctx ends (the CLI's "sync serve").
func DirectServe(ctx context.Context, d *DirectSync, ln net.Listener) error {
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok {
		if stop, err := direct.Advertise(d.id.ID(), tcp); err == nil {
			defer stop()
		}
	}
	return d.node.Serve(ctx, ln)
}

// DirectListen opens the listener the CLI serves on.
func DirectListen(d *DirectSync, addr string) (net.Listener, error) {
	if addr == "" {
		addr = d.st.Setting(SettingDirectListen)
	}
	return listenDirect(addr)
}

// WithResult is what "sync with" did.
type WithResult struct {
	Device       string `json:"device"`
	Name         string `json:"name"`
	Addr         string `json:"addr"`
	Sent         int    `json:"sent"`
	Received     int    `json:"received"`
	DigestMatch  bool   `json:"digestMatch"`
	WireSent     int64  `json:"wireSent"`     // bytes on the wire, TLS included
	WireReceived int64  `json:"wireReceived"` // bytes on the wire, TLS included
}

// DirectSyncWith runs one round with a paired device given by name, ID (prefix)
// or address.
func DirectSyncWith(ctx context.Context, d *DirectSync, target string) (WithResult, error) {
	var dev trust.Device
	addr := ""
	if found, err := d.trust.Resolve(target); err == nil {
		if dev, err = d.trust.Check(found.ID); err != nil {
			return WithResult{}, err
		}
	} else {
		addr = target
		if _, _, err := net.SplitHostPort(addr); err != nil {
			addr = net.JoinHostPort(addr, DefaultDirectListen[1:])
		}
	}
	var c *direct.Conn
	var err error
	if dev.ID != "" {
		c, err = d.syncDevice(ctx, dev, "")
	} else {
		c, err = d.node.Dial(ctx, addr, nil)
		if err == nil {
			if dev, err = d.trust.CheckKey(c.Peer.Key); err == nil {
				err = c.Round(ctx)
			}
			if err != nil {
				c.Close()
				c = nil
			}
		}
	}
	if err != nil {
		return WithResult{}, err
	}
	defer c.Close()
	out := WithResult{Device: dev.ID, Name: dev.Name, Addr: c.Peer.Addr}
	out.WireSent, out.WireReceived = c.Wire()
	d.mu.Lock()
	if ps := d.peers[dev.ID]; ps != nil && ps.result != nil {
		out.Sent, out.Received, out.DigestMatch = ps.result.Sent, ps.result.Received, ps.result.DigestMatch
	}
	d.mu.Unlock()
	return out, nil
}
