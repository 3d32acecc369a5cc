package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	stdsync "sync"
	"time"

	"learnwork/store"
	devsync "learnwork/sync"
	"learnwork/sync/direct"
	"learnwork/sync/folder"
	"learnwork/sync/identity"
	"learnwork/sync/trust"
)

// OpenStore opens the data directory the way the window and the CLI both do:
// the device key file first, so the store's device is the key's device.
func OpenStore(dataDir string, opts ...store.Option) (*store.Store, *identity.Identity, error) {
	id, err := identity.Load(dataDir)
	if err != nil {
		return nil, nil, err
	}
	s, err := store.Open(dataDir, append([]store.Option{store.WithKey(id.Private())}, opts...)...)
	if err != nil {
		return nil, nil, err
	}
	return s, id, nil
}

// Sync is sync with this person's other devices, through a shared folder
// and directly on the network, as the window and the CLI use it: one
// status, one list of paired devices, pairing either way. The paired
// devices (devices.json) are read at the first call that needs them, so a
// damaged list stops sync and nothing else.
type Sync struct {
	core
	id        *identity.Identity
	loadTrust func() (*trust.List, error)

	load stdsync.Mutex // guards list and run, made once the list reads
	list *trust.List
	run  *direct.Runner // serves, finds and dials devices on the network

	folderRun stdsync.Mutex // one folder sync at a time

	mu      stdsync.Mutex
	running bool   // a folder sync is under way
	serving bool   // the user asked to sync on the network
	netErr  string // why serving could not start
	offer   *direct.Offer
}

func newSync(c core, id *identity.Identity, loadTrust func() (*trust.List, error)) *Sync {
	return &Sync{core: c, id: id, loadTrust: loadTrust}
}

// parts reads the paired devices and makes the network runner over them,
// the first time one is needed. A list that does not read is read again
// deviceName is this computer's name as the list of paired devices keeps
// it (team spaces show it to the other members); with that list damaged,
// the computer's host name, as a new list would start with.
func (sy *Sync) deviceName() string {
	if l, _, err := sy.parts(); err == nil {
		return l.Name()
	}
	name, _ := os.Hostname()
	return name
}

// next time, so a file put right works without a restart.
func (sy *Sync) parts() (*trust.List, *direct.Runner, error) {
	sy.load.Lock()
	defer sy.load.Unlock()
	if sy.list != nil {
		return sy.list, sy.run, nil
	}
	list, err := sy.loadTrust()
	if err != nil {
		return nil, nil, err
	}
	r := direct.NewRunner(sy.store, sy.id.Private(), list, sy.now)
	r.Changed = sy.emit
	r.Progress = func(peer string, done, total int) { sy.window.Progress(peer, "direct", done, total) }
	r.Synced = func(peer string, res devsync.Result) {
		_ = sy.store.SetSetting(settingHow+peer, howNetwork)
		sy.cameIn(res.Refs, sy.now())
	}
	sy.list, sy.run = list, r
	return list, r, nil
}

// emit tells the window the new status.
func (sy *Sync) emit() {
	if s, err := sy.Status(); err == nil {
		sy.window.Emit("sync:status", s)
	}
}

// DeviceView is a paired device as the Sync screen and `sync devices`
// show it: one list for both transports.
type DeviceView struct {
	ID       string `json:"id"`
	Short    string `json:"short"`
	Name     string `json:"name"`
	Paired   string `json:"paired"`
	LastSeen string `json:"lastSeen,omitempty"` // last synced with, either way (RFC 3339)
	How      string `json:"how,omitempty"`      // how it last synced: "folder" or "network"
	Revoked  string `json:"revoked,omitempty"`
	Behind   uint64 `json:"behind"` // changes here it had not seen when last heard from
	// On the network in this process: idle, looking, syncing, offline,
	// error or revoked, where the device was reached, and the last round.
	State    string `json:"state"`
	Addr     string `json:"addr,omitempty"`
	Error    string `json:"error,omitempty"`
	Done     int    `json:"done"`
	Total    int    `json:"total"`
	Sent     int    `json:"sent"`     // changes sent in the last round
	Received int    `json:"received"` // changes received in the last round
}

// How a device last synced, kept per device (settingHow + ID).
const (
	howFolder  = "folder"
	howNetwork = "network"
)

// devices lists the paired devices, revoked ones included.
func (sy *Sync) devices(list *trust.List, run *direct.Runner) []DeviceView {
	out := []DeviceView{}
	for _, d := range list.Devices() {
		out = append(out, sy.viewOf(d, run))
	}
	return out
}

// device is one paired device's view ({ID} alone if it is not on the
// list).
func (sy *Sync) device(list *trust.List, run *direct.Runner, id string) DeviceView {
	for _, d := range list.Devices() {
		if d.ID == id {
			return sy.viewOf(d, run)
		}
	}
	return DeviceView{ID: id, Short: identity.Short(id), State: direct.StateIdle}
}

func (sy *Sync) viewOf(d trust.Device, run *direct.Runner) DeviceView {
	v := DeviceView{ID: d.ID, Short: identity.Short(d.ID), Name: d.Name, Paired: d.Paired.Format(time.RFC3339), State: direct.StateIdle}
	if !d.LastSeen.IsZero() {
		v.LastSeen = d.LastSeen.UTC().Format(time.RFC3339)
		v.How = sy.store.Setting(settingHow + d.ID)
		v.Behind = sy.store.Vector().Missing(sy.store.PeerVector(d.ID))
	}
	p := run.Peer(d.ID)
	v.State, v.Addr, v.Error, v.Done, v.Total = p.State, p.Addr, p.Err, p.Done, p.Total
	if p.Result != nil {
		v.Sent, v.Received = p.Result.Sent, p.Result.Received
	}
	if !d.Active() {
		v.Revoked, v.State = d.Revoked.UTC().Format(time.RFC3339), direct.StateRevoked
	}
	return v
}

// LastSync is the outcome of the latest folder sync.
type LastSync struct {
	Time     string          `json:"time"`
	Folder   string          `json:"folder"`
	Received int             `json:"received"`
	Sent     int             `json:"sent"`
	Kinds    map[string]int  `json:"kinds,omitempty"`
	Incoming []store.Summary `json:"incoming,omitempty"` // what this sync brought (at most 200)
	Problems []string        `json:"problems,omitempty"`
	Waiting  int             `json:"waiting,omitempty"`
	Error    string          `json:"error,omitempty"`
	// Paused is set when the mass-delete guard stopped the sync.
	Paused *devsync.MassDeleteError `json:"paused,omitempty"`
}

// SyncStatus is everything the Sync screen shows, for both transports.
type SyncStatus struct {
	Name    string    `json:"name"`
	ID      string    `json:"id"`
	Display string    `json:"display"`
	Folder  string    `json:"folder"`
	Running bool      `json:"running"`        // a folder sync is under way
	Last    *LastSync `json:"last,omitempty"` // the latest folder sync
	// Incoming is what came in with the latest sync that brought
	// something, through the folder or on the network, and IncomingAt
	// when: a sync that brings nothing leaves it, so it survives the next
	// idle sync.
	Incoming   []store.Summary `json:"incoming,omitempty"`
	IncomingAt string          `json:"incomingAt,omitempty"`
	Devices    []DeviceView    `json:"devices"` // every paired device, however it syncs
	Conflicts  int             `json:"conflicts"`
	Changes    uint64          `json:"changes"` // operations in the log
	// On the network: whether this device serves, where other devices
	// reach it (none while not listening), why it cannot, and the pairing
	// code on show ("" if none).
	Serving      bool     `json:"serving"`
	Addrs        []string `json:"addrs"`
	NetworkError string   `json:"networkError,omitempty"`
	Code         string   `json:"code"`
	CodeExpires  string   `json:"codeExpires,omitempty"`
}

// Status reports this device, the folder and its last sync, what came in,
// the paired devices and syncing on the network.
func (sy *Sync) Status() (SyncStatus, error) {
	list, run, err := sy.parts()
	if err != nil {
		return SyncStatus{}, err
	}
	self := list.Self()
	st := SyncStatus{Name: list.Name(), ID: self.ID(), Display: self.Display(), Folder: sy.Folder(),
		Devices: sy.devices(list, run), Changes: sy.store.Vector().LogSize(), Addrs: []string{}}
	sy.mu.Lock()
	st.Running, st.Serving, st.NetworkError = sy.running, sy.serving, sy.netErr
	if o := sy.offer; o != nil {
		st.Code, st.CodeExpires = o.Code.String(), o.Expires.UTC().Format(time.RFC3339)
	}
	sy.mu.Unlock()
	if a := run.Addr(); a != nil {
		st.Addrs = Reachable(a)
	}
	if err := run.Err(); err != nil && st.NetworkError == "" {
		st.NetworkError = err.Error()
	}
	if b := sy.store.Setting(settingLast); b != "" {
		var l LastSync
		if json.Unmarshal([]byte(b), &l) == nil {
			st.Last = &l
		}
	}
	in := sy.incoming()
	st.Incoming, st.IncomingAt = in.Items, in.At
	err = sy.store.View(sy.ctx, func(r *store.Reader) error {
		refs, err := r.Conflicted()
		st.Conflicts = len(refs)
		return err
	})
	return st, err
}

// Devices lists paired devices, revoked ones included.
func (sy *Sync) Devices() ([]DeviceView, error) {
	list, run, err := sy.parts()
	if err != nil {
		return nil, err
	}
	return sy.devices(list, run), nil
}

// cameInList is what came in with the latest sync that brought something
// (settingIncoming). Its JSON names are those an earlier version kept it
// under in the last folder sync (migrateSettings moves it).
type cameInList struct {
	Items []store.Summary `json:"incoming"`
	At    string          `json:"incomingAt"`
}

func (sy *Sync) incoming() cameInList {
	var in cameInList
	_ = json.Unmarshal([]byte(sy.store.Setting(settingIncoming)), &in)
	return in
}

// cameIn keeps what a sync brought as what came in (a sync that brought
// nothing leaves the last list) and returns it.
func (sy *Sync) cameIn(refs []store.Ref, at time.Time) []store.Summary {
	items := sy.summaries(refs)
	if len(items) > 0 {
		b, _ := json.Marshal(cameInList{Items: items, At: at.UTC().Format(time.RFC3339)})
		_ = sy.store.SetSetting(settingIncoming, string(b))
	}
	return items
}

// SetFolder chooses the shared folder the window syncs through.
func (sy *Sync) SetFolder(path string) error {
	if path != "" {
		abs, err := filepath.Abs(path)
		if err != nil {
			return err
		}
		if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
			return fmt.Errorf("%s is not a folder", path)
		}
		if err := sy.apart(abs); err != nil {
			return err
		}
		path = abs
	}
	return sy.store.SetSetting(settingFolder, path)
}

// apart checks that the shared folder and the data directory do not hold
// each other: a sync tool copying a live Badger directory corrupts it, and
// Learnwork's own files must not be synced as data.
func (sy *Sync) apart(folder string) error {
	dir := sy.store.Dir()
	if dir == "" {
		return nil
	}
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	switch {
	case within(folder, dir):
		return fmt.Errorf("the shared folder %s is inside the data directory %s; choose a folder outside it", folder, dir)
	case within(dir, folder):
		return fmt.Errorf("the data directory %s is inside the shared folder %s; a sync tool would copy the live database. Choose another folder, or move the data (--data)", dir, folder)
	}
	return nil
}

// within reports whether path is dir or inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// Folder is the chosen shared folder ("" if none).
func (sy *Sync) Folder() string { return sy.store.Setting(settingFolder) }

// SyncNow syncs through the chosen folder.
func (sy *Sync) SyncNow(allowDeletes bool) (LastSync, error) {
	f := sy.Folder()
	if f == "" {
		return LastSync{}, errors.New("no shared folder chosen yet")
	}
	return sy.SyncFolder(f, allowDeletes)
}

// SyncFolder syncs through a folder once. The outcome is kept for Status.
func (sy *Sync) SyncFolder(path string, allowDeletes bool) (LastSync, error) {
	if abs, err := filepath.Abs(path); err == nil {
		if err := sy.apart(abs); err != nil {
			return LastSync{}, err
		}
	}
	list, _, err := sy.parts()
	if err != nil {
		return LastSync{}, err
	}
	sy.folderRun.Lock()
	defer sy.folderRun.Unlock()
	sy.setRunning(true)
	defer sy.setRunning(false)
	now := sy.now()
	last := LastSync{Time: now.UTC().Format(time.RFC3339), Folder: path}
	seen := map[string]time.Time{}
	for _, d := range list.Devices() {
		seen[d.ID] = d.LastSeen
	}
	rep, err := folder.Sync(sy.ctx, sy.store, list, path, folder.Options{
		AllowMassDelete: allowDeletes,
		Progress:        func(done, total int) { sy.window.Progress("sync", "sync", done, total) },
	})
	if rep != nil {
		last.Received, last.Sent, last.Problems, last.Waiting = rep.Received, rep.Sent, rep.Problems, rep.Waiting
		last.Incoming = sy.cameIn(rep.Refs, now)
		last.Kinds = map[string]int{}
		for k, n := range rep.Kinds {
			last.Kinds[string(k)] = n
		}
	}
	for _, d := range list.Devices() {
		if d.LastSeen.After(seen[d.ID]) {
			_ = sy.store.SetSetting(settingHow+d.ID, howFolder)
		}
	}
	if err == nil && sy.Folder() == "" {
		// The first folder synced with is the one the window keeps using.
		_ = sy.SetFolder(path)
	}
	var md *devsync.MassDeleteError
	if errors.As(err, &md) {
		last.Paused = md
	}
	if err != nil {
		last.Error = err.Error()
	}
	b, _ := json.Marshal(last)
	if serr := sy.store.SetSetting(settingLast, string(b)); err == nil {
		err = serr
	}
	sy.emit()
	return last, err
}

// Runner timing: a sync on start, one a little after local edits settle,
// and one every few minutes for what other devices wrote.
const (
	SyncDebounce = 5 * time.Second
	SyncEvery    = 3 * time.Minute
)

// RunFolderSync syncs through the chosen folder until ctx ends, on the
// sync engine's schedule: at once, a SyncDebounce after local changes
// stop, and every SyncEvery. It does nothing while no folder is chosen. A
// paused sync (mass-delete guard) is not applied until a person allows it.
// It is a function, not a method, so the window does not bind it.
func RunFolderSync(ctx context.Context, sy *Sync) {
	devsync.NewSchedule(SyncDebounce, SyncEvery).Run(ctx, sy.store, func(context.Context, string) {
		if sy.Folder() != "" {
			_, _ = sy.SyncNow(false) // the outcome is in Status and the sync:status event
		}
	})
}

// summaries names what came in, for "what came in" on the Sync screen.
func (sy *Sync) summaries(refs []store.Ref) []store.Summary {
	out := []store.Summary{}
	_ = sy.store.View(sy.ctx, func(r *store.Reader) error {
		for _, ref := range refs {
			if ref.Kind == store.KindTopic {
				continue
			}
			if s, err := r.Summary(ref.Kind, ref.ID); err == nil {
				out = append(out, s)
			} else if rec, err := r.Record(ref.Kind, ref.ID); err == nil && rec.Trashed() {
				out = append(out, store.Summary{ID: ref.ID, Kind: ref.Kind, Title: "(moved to Trash)"})
			}
		}
		return nil
	})
	return out
}

func (sy *Sync) setRunning(v bool) {
	sy.mu.Lock()
	sy.running = v
	sy.mu.Unlock()
	sy.window.Emit("sync:running", v)
}

// Invite is this device's invitation code, to import on the other device.
func (sy *Sync) Invite() (string, error) {
	list, _, err := sy.parts()
	if err != nil {
		return "", err
	}
	return list.Invite().Code(), nil
}

// InviteText is the invitation as a file's content.
func (sy *Sync) InviteText() (string, error) {
	list, _, err := sy.parts()
	if err != nil {
		return "", err
	}
	return list.Invite().Text(), nil
}

// Accept pairs with the device whose invitation code (or file content) is
// given.
func (sy *Sync) Accept(code string) (DeviceView, error) {
	list, run, err := sy.parts()
	if err != nil {
		return DeviceView{}, err
	}
	inv, err := trust.ParseInvitation(code)
	if err != nil {
		return DeviceView{}, err
	}
	d, err := list.Accept(inv)
	if err != nil {
		return DeviceView{}, err
	}
	sy.emit()
	return sy.viewOf(d, run), nil
}

// RenameDevice names a paired device by ID, prefix or name, or this device
// ("self" or its own ID).
func (sy *Sync) RenameDevice(ref, name string) error {
	list, _, err := sy.parts()
	if err != nil {
		return err
	}
	id := list.Self().ID()
	if ref != "self" && ref != id {
		d, err := list.Resolve(ref)
		if err != nil {
			return err
		}
		id = d.ID
	}
	return list.Rename(id, name)
}

// RevokeDevice stops syncing with a paired device.
func (sy *Sync) RevokeDevice(ref string) (DeviceView, error) {
	list, run, err := sy.parts()
	if err != nil {
		return DeviceView{}, err
	}
	d, err := list.Resolve(ref)
	if err != nil {
		return DeviceView{}, err
	}
	if err := list.Revoke(d.ID); err != nil {
		return DeviceView{}, err
	}
	return sy.device(list, run, d.ID), nil
}
