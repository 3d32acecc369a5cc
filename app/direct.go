package app

import (
	"context"
	"net"
	"strconv"
	stdsync "sync"
	"time"

	"learnwork/store"
	"learnwork/sync/direct"
	"learnwork/sync/identity"
	"learnwork/sync/trust"
)

// DefaultDirectListen is the port devices listen on unless told otherwise.
const DefaultDirectListen = direct.DefaultListen

// DirectSync is device-to-device sync over the network for the window and
// the CLI: the serve switch, pairing codes and "sync now", over the runner
// in sync/direct that serves, schedules and keeps each device's state.
type DirectSync struct {
	ctx    context.Context
	st     *store.Store
	id     *identity.Identity
	trust  *trust.List
	window Window
	run    *direct.Runner

	mu      stdsync.Mutex
	serving bool   // the user asked to serve
	err     string // why serving could not start
	offer   *direct.Offer
}

// NewDirectSync makes direct sync for an open store, its device key and
// its trust list (the one the folder transport uses too). window may be
// nil (no window), now nil (the real time).
func NewDirectSync(ctx context.Context, st *store.Store, id *identity.Identity, tl *trust.List, window Window, now func() time.Time) *DirectSync {
	if window == nil {
		window = noWindow{}
	}
	d := &DirectSync{ctx: ctx, st: st, id: id, trust: tl, window: window, run: direct.NewRunner(st, id.Private(), tl, now)}
	d.run.Changed = d.emit
	d.run.Progress = func(peer string, done, total int) { window.Progress(peer, "direct", done, total) }
	d.run.Synced = func(peer string) { _ = st.SetSetting(settingHow+peer, howNetwork) }
	return d
}

func (d *DirectSync) emit() {
	if s, err := d.Status(); err == nil {
		d.window.Emit("direct:status", s)
	}
}

// DirectStatus is direct sync as the window shows it.
type DirectStatus struct {
	Device      string       `json:"device"` // this device's ID, grouped
	Name        string       `json:"name"`
	Serving     bool         `json:"serving"`
	Addrs       []string     `json:"addrs"` // where other devices reach this one, none if not listening
	Error       string       `json:"error,omitempty"`
	Code        string       `json:"code"` // pairing code on show, "" if none
	CodeExpires string       `json:"codeExpires,omitempty"`
	Devices     []DeviceView `json:"devices"` // every paired device, as the Sync status lists them, with its state on the network
}

// Status is the current direct sync status.
func (d *DirectSync) Status() (DirectStatus, error) {
	d.mu.Lock()
	s := DirectStatus{Device: d.id.Display(), Name: d.trust.Name(), Serving: d.serving, Addrs: []string{}, Error: d.err}
	if o := d.offer; o != nil {
		s.Code, s.CodeExpires = o.Code.String(), o.Expires.UTC().Format(time.RFC3339)
	}
	d.mu.Unlock()
	if a := d.run.Addr(); a != nil {
		s.Addrs = Reachable(a)
	}
	if err := d.run.Err(); err != nil && s.Error == "" {
		s.Error = err.Error()
	}
	s.Devices = pairedDevices(d.st, d.trust, d.run.Peer)
	return s, nil
}

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
	d.serving, d.err = on, ""
	d.mu.Unlock()
	if on {
		running := d.run.Running()
		if err := d.run.Start(d.ctx, d.st.Setting(SettingDirectListen)); err != nil {
			d.mu.Lock()
			d.serving = false
			d.mu.Unlock()
			return DirectStatus{}, err
		}
		if running {
			d.run.Kick("")
		}
	} else if !d.pairing() {
		d.run.Stop()
	}
	d.emit()
	return d.Status()
}

func (d *DirectSync) pairing() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.offer != nil
}

// close stops serving (the window calls it on shutdown).
func (d *DirectSync) close() { d.run.Stop() }

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

// --- window actions ------------------------------------------------------------

// ShowCode shows a new pairing code. The device listens while the code is
// on show, serving or not, and stops again when pairing ends.
func (d *DirectSync) ShowCode() (DirectStatus, error) {
	if err := d.run.Start(d.ctx, d.st.Setting(SettingDirectListen)); err != nil {
		return DirectStatus{}, err
	}
	o, err := d.run.Node.Offer()
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
			d.window.Emit("direct:paired", deviceView(d.st, d.trust, p.ID, nil))
			d.run.Kick(p.ID)
		}
		if !serving && !d.pairing() {
			d.run.Stop()
		}
		d.emit()
	}()
	d.emit()
	return d.Status()
}

// CancelCode withdraws the pairing code on show.
func (d *DirectSync) CancelCode() (DirectStatus, error) {
	d.run.Node.CancelOffer()
	d.mu.Lock()
	d.offer = nil
	d.mu.Unlock()
	return d.Status()
}

// Pair pairs with the device showing code, at addr or found on the LAN,
// and syncs with it if serving.
func (d *DirectSync) Pair(code, addr string) (DeviceView, error) {
	p, err := d.run.Pair(d.ctx, code, addr)
	if err != nil {
		return DeviceView{}, err
	}
	d.run.Kick(p.ID)
	d.emit()
	v := deviceView(d.st, d.trust, p.ID, d.run.Peer)
	v.Addr = p.Addr
	return v, nil
}

// SyncNow syncs with one paired device now (or all, with ""): through the
// running schedule while serving, else at once.
func (d *DirectSync) SyncNow(device string) error {
	if d.run.Running() {
		d.run.Kick(device)
		return nil
	}
	if device == "" {
		d.run.SyncAll(d.ctx, "")
		return nil
	}
	dev, err := d.trust.Check(device)
	if err != nil {
		return err
	}
	_, err = d.run.SyncDevice(d.ctx, dev, "")
	return err
}

// --- the CLI's side (functions, so the window does not bind them) --------------------------------------------------------------

// DirectPair proves code to the device showing it and pins it. Without an
// address the device is looked for on the LAN by the code's ID prefix.
func DirectPair(ctx context.Context, d *DirectSync, code, addr string) (direct.Peer, error) {
	return d.run.Pair(ctx, code, addr)
}

// DirectOffer shows a pairing code on an already open listener (the CLI's
// "sync pair", which serves while it waits).
func DirectOffer(d *DirectSync) (*direct.Offer, error) { return d.run.Node.Offer() }

// DirectServe listens on ln until ctx ends (the CLI's "sync serve").
func DirectServe(ctx context.Context, d *DirectSync, ln net.Listener) error {
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok {
		if stop, err := direct.Advertise(d.id.ID(), tcp); err == nil {
			defer stop()
		}
	}
	return d.run.Node.Serve(ctx, ln)
}

// DirectListen opens the listener the CLI serves on.
func DirectListen(d *DirectSync, addr string) (net.Listener, error) {
	if addr == "" {
		addr = d.st.Setting(SettingDirectListen)
	}
	return direct.Listen(addr)
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
		addr = direct.WithPort(target)
	}
	var c *direct.Conn
	var err error
	if dev.ID != "" {
		c, err = d.run.SyncDevice(ctx, dev, "")
	} else {
		c, err = d.run.Node.Dial(ctx, addr, nil)
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
	if r := d.run.Peer(dev.ID).Result; r != nil {
		out.Sent, out.Received, out.DigestMatch = r.Sent, r.Received, r.DigestMatch
	}
	return out, nil
}
