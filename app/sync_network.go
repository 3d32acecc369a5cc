package app

import (
	"context"
	"net"
	"strconv"

	"learnwork/sync/direct"
	"learnwork/sync/trust"
)

// Sync on the network: the serve switch, pairing codes and syncing with
// one device now, over the runner in sync/direct that serves, schedules
// and keeps each device's state.

// DefaultDirectListen is the port devices listen on unless told otherwise.
const DefaultDirectListen = direct.DefaultListen

// start serves if the user turned serving on (the window calls it once
// started).
func (sy *Sync) start() {
	if sy.store.Setting(SettingDirectServe) == "on" {
		if _, err := sy.SetServe(true); err != nil {
			sy.mu.Lock()
			sy.netErr = err.Error()
			sy.mu.Unlock()
		}
	}
}

// SetServe turns serving on or off and remembers the choice. While on,
// this device listens for paired devices, announces itself on the LAN and
// syncs on start, after edits and every few minutes.
func (sy *Sync) SetServe(on bool) (SyncStatus, error) {
	_, run, err := sy.parts()
	if err != nil {
		return SyncStatus{}, err
	}
	val := ""
	if on {
		val = "on"
	}
	if err := sy.store.SetSetting(SettingDirectServe, val); err != nil {
		return SyncStatus{}, err
	}
	sy.mu.Lock()
	sy.serving, sy.netErr = on, ""
	sy.mu.Unlock()
	if on {
		running := run.Running()
		if err := run.Start(sy.ctx, sy.store.Setting(SettingDirectListen)); err != nil {
			sy.mu.Lock()
			sy.serving = false
			sy.mu.Unlock()
			return SyncStatus{}, err
		}
		if running {
			run.Kick("")
		}
	} else if !sy.pairing() {
		run.Stop()
	}
	sy.emit()
	return sy.Status()
}

func (sy *Sync) pairing() bool {
	sy.mu.Lock()
	defer sy.mu.Unlock()
	return sy.offer != nil
}

// close stops serving (App.Close calls it); the paired devices are not
// read for it.
func (sy *Sync) close() {
	sy.load.Lock()
	run := sy.run
	sy.load.Unlock()
	if run != nil {
		run.Stop()
	}
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

// --- window actions ------------------------------------------------------------

// ShowCode shows a new pairing code. The device listens while the code is
// on show, serving or not, and stops again when pairing ends.
func (sy *Sync) ShowCode() (SyncStatus, error) {
	_, run, err := sy.parts()
	if err != nil {
		return SyncStatus{}, err
	}
	if err := run.Start(sy.ctx, sy.store.Setting(SettingDirectListen)); err != nil {
		return SyncStatus{}, err
	}
	o, err := run.Node.Offer()
	if err != nil {
		return SyncStatus{}, err
	}
	sy.mu.Lock()
	sy.offer = o
	sy.mu.Unlock()
	go func() {
		p, err := o.Wait(sy.ctx)
		sy.mu.Lock()
		if sy.offer == o {
			sy.offer = nil
		}
		serving := sy.serving
		sy.mu.Unlock()
		if err == nil {
			run.Kick(p.ID)
		}
		if !serving && !sy.pairing() {
			run.Stop()
		}
		sy.emit()
	}()
	sy.emit()
	return sy.Status()
}

// CancelCode withdraws the pairing code on show.
func (sy *Sync) CancelCode() (SyncStatus, error) {
	_, run, err := sy.parts()
	if err != nil {
		return SyncStatus{}, err
	}
	run.Node.CancelOffer()
	sy.mu.Lock()
	sy.offer = nil
	sy.mu.Unlock()
	return sy.Status()
}

// Pair pairs with the device showing code, at addr or found on the LAN,
// and syncs with it if serving.
func (sy *Sync) Pair(code, addr string) (DeviceView, error) {
	list, run, err := sy.parts()
	if err != nil {
		return DeviceView{}, err
	}
	p, err := run.Pair(sy.ctx, code, addr)
	if err != nil {
		return DeviceView{}, err
	}
	run.Kick(p.ID)
	sy.emit()
	v := sy.device(list, run, p.ID)
	v.Addr = p.Addr
	return v, nil
}

// SyncDevice syncs with one paired device now on the network (or all,
// with ""): through the running schedule while serving, else at once.
func (sy *Sync) SyncDevice(device string) error {
	list, run, err := sy.parts()
	if err != nil {
		return err
	}
	if run.Running() {
		run.Kick(device)
		return nil
	}
	if device == "" {
		run.SyncAll(sy.ctx, "")
		return nil
	}
	dev, err := list.Check(device)
	if err != nil {
		return err
	}
	_, err = run.SyncDevice(sy.ctx, dev, "")
	return err
}

// --- the CLI's side (functions, so the window does not bind them) --------------------------------------------------------------

// DirectPair proves code to the device showing it and pins it. Without an
// address the device is looked for on the LAN by the code's ID prefix.
func DirectPair(ctx context.Context, sy *Sync, code, addr string) (direct.Peer, error) {
	_, run, err := sy.parts()
	if err != nil {
		return direct.Peer{}, err
	}
	return run.Pair(ctx, code, addr)
}

// DirectOffer shows a pairing code on an already open listener (the CLI's
// "sync pair", which serves while it waits).
func DirectOffer(sy *Sync) (*direct.Offer, error) {
	_, run, err := sy.parts()
	if err != nil {
		return nil, err
	}
	return run.Node.Offer()
}

// DirectServe listens on ln until ctx ends (the CLI's "sync serve").
func DirectServe(ctx context.Context, sy *Sync, ln net.Listener) error {
	_, run, err := sy.parts()
	if err != nil {
		return err
	}
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok {
		if stop, err := direct.Advertise(sy.id.ID(), tcp); err == nil {
			defer stop()
		}
	}
	return run.Node.Serve(ctx, ln)
}

// DirectListen opens the listener the CLI serves on.
func DirectListen(sy *Sync, addr string) (net.Listener, error) {
	if addr == "" {
		addr = sy.store.Setting(SettingDirectListen)
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
func DirectSyncWith(ctx context.Context, sy *Sync, target string) (WithResult, error) {
	list, run, err := sy.parts()
	if err != nil {
		return WithResult{}, err
	}
	var dev trust.Device
	addr := ""
	if found, err := list.Resolve(target); err == nil {
		if dev, err = list.Check(found.ID); err != nil {
			return WithResult{}, err
		}
	} else {
		addr = direct.WithPort(target)
	}
	var c *direct.Conn
	if dev.ID != "" {
		c, err = run.SyncDevice(ctx, dev, "")
	} else {
		c, err = run.Node.Dial(ctx, addr, nil)
		if err == nil {
			if dev, err = list.CheckKey(c.Peer.Key); err == nil {
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
	if r := run.Peer(dev.ID).Result; r != nil {
		out.Sent, out.Received, out.DigestMatch = r.Sent, r.Received, r.DigestMatch
	}
	return out, nil
}
