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

// Sync is the sync actions the window and the CLI share: this device, its
// paired devices, the shared folder and conflicts.
type Sync struct {
	store  *store.Store
	list   *trust.List
	ctx    context.Context
	window Window
	now    func() time.Time

	run     stdsync.Mutex // one sync at a time
	mu      stdsync.Mutex
	running bool
}

// NewSync makes the sync services for an open store and its trust list.
func NewSync(ctx context.Context, s *store.Store, list *trust.List, w Window) *Sync {
	if w == nil {
		w = noWindow{}
	}
	return &Sync{store: s, list: list, ctx: ctx, window: w, now: time.Now}
}

// DeviceView is a paired device as the window and `sync devices` show it:
// one list for both transports.
type DeviceView struct {
	ID       string `json:"id"`
	Short    string `json:"short"`
	Name     string `json:"name"`
	Paired   string `json:"paired"`
	LastSeen string `json:"lastSeen,omitempty"` // last synced with, either way (RFC 3339)
	How      string `json:"how,omitempty"`      // how it last synced: "folder" or "network"
	Revoked  string `json:"revoked,omitempty"`
	Behind   uint64 `json:"behind"` // changes here it had not seen when last heard from
	// Direct sync in this process: idle, looking, syncing, offline, error
	// or revoked, where the device was reached, and the last round.
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

// pairedDevices lists the paired devices, revoked ones included, with each
// one's direct sync state when peer is given.
func pairedDevices(st *store.Store, list *trust.List, peer func(id string) direct.PeerState) []DeviceView {
	out := []DeviceView{}
	for _, d := range list.Devices() {
		out = append(out, viewOf(st, d, peer))
	}
	return out
}

// deviceView is one paired device's view ({ID} alone if it is not on the
// list).
func deviceView(st *store.Store, list *trust.List, id string, peer func(id string) direct.PeerState) DeviceView {
	for _, d := range list.Devices() {
		if d.ID == id {
			return viewOf(st, d, peer)
		}
	}
	return DeviceView{ID: id, Short: identity.Short(id), State: direct.StateIdle}
}

func viewOf(st *store.Store, d trust.Device, peer func(id string) direct.PeerState) DeviceView {
	v := DeviceView{ID: d.ID, Short: identity.Short(d.ID), Name: d.Name, Paired: d.Paired.Format(time.RFC3339), State: direct.StateIdle}
	if !d.LastSeen.IsZero() {
		v.LastSeen = d.LastSeen.UTC().Format(time.RFC3339)
		v.How = st.Setting(settingHow + d.ID)
		v.Behind = st.Vector().Missing(st.PeerVector(d.ID))
	}
	if peer != nil {
		p := peer(d.ID)
		v.State, v.Addr, v.Error, v.Done, v.Total = p.State, p.Addr, p.Err, p.Done, p.Total
		if p.Result != nil {
			v.Sent, v.Received = p.Result.Sent, p.Result.Received
		}
	}
	if !d.Active() {
		v.Revoked, v.State = d.Revoked.UTC().Format(time.RFC3339), direct.StateRevoked
	}
	return v
}

// LastSync is the outcome of the latest sync.
type LastSync struct {
	Time     string          `json:"time"`
	Folder   string          `json:"folder"`
	Received int             `json:"received"`
	Sent     int             `json:"sent"`
	Kinds    map[string]int  `json:"kinds,omitempty"`
	Incoming []store.Summary `json:"incoming,omitempty"` // what came in (at most 200)
	// IncomingAt is when Incoming came: a sync that brings nothing keeps
	// the last one's list, so "what came in" survives the next idle sync.
	IncomingAt string   `json:"incomingAt,omitempty"`
	Problems   []string `json:"problems,omitempty"`
	Waiting    int      `json:"waiting,omitempty"`
	Error      string   `json:"error,omitempty"`
	// Paused is set when the mass-delete guard stopped the sync.
	Paused *devsync.MassDeleteError `json:"paused,omitempty"`
}

// SyncStatus is everything the Sync screen shows.
type SyncStatus struct {
	Name      string       `json:"name"`
	ID        string       `json:"id"`
	Display   string       `json:"display"`
	Folder    string       `json:"folder"`
	Running   bool         `json:"running"`
	Last      *LastSync    `json:"last,omitempty"`
	Devices   []DeviceView `json:"devices"`
	Conflicts int          `json:"conflicts"`
	Changes   uint64       `json:"changes"` // operations in the log
}

// Status reports this device, the folder, the last sync and paired devices.
func (sy *Sync) Status() (SyncStatus, error) {
	self := sy.list.Self()
	st := SyncStatus{Name: sy.list.Name(), ID: self.ID(), Display: self.Display(), Folder: sy.store.Setting(settingFolder),
		Devices: sy.Devices(), Changes: sy.store.Vector().LogSize()}
	sy.mu.Lock()
	st.Running = sy.running
	sy.mu.Unlock()
	if b := sy.store.Setting(settingLast); b != "" {
		var l LastSync
		if json.Unmarshal([]byte(b), &l) == nil {
			st.Last = &l
		}
	}
	err := sy.store.View(sy.ctx, func(r *store.Reader) error {
		refs, err := r.Conflicted()
		st.Conflicts = len(refs)
		return err
	})
	return st, err
}

// Devices lists paired devices, revoked ones included.
func (sy *Sync) Devices() []DeviceView { return pairedDevices(sy.store, sy.list, nil) }

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
	sy.run.Lock()
	defer sy.run.Unlock()
	sy.setRunning(true)
	defer sy.setRunning(false)
	last := LastSync{Time: sy.now().UTC().Format(time.RFC3339), Folder: path}
	seen := map[string]time.Time{}
	for _, d := range sy.list.Devices() {
		seen[d.ID] = d.LastSeen
	}
	rep, err := folder.Sync(sy.ctx, sy.store, sy.list, path, folder.Options{
		AllowMassDelete: allowDeletes,
		Progress:        func(done, total int) { sy.window.Progress("sync", "sync", done, total) },
	})
	if rep != nil {
		last.Received, last.Sent, last.Problems, last.Waiting = rep.Received, rep.Sent, rep.Problems, rep.Waiting
		last.Incoming, last.IncomingAt = sy.summaries(rep.Refs), last.Time
		if len(last.Incoming) == 0 {
			var prev LastSync
			if json.Unmarshal([]byte(sy.store.Setting(settingLast)), &prev) == nil {
				last.Incoming, last.IncomingAt = prev.Incoming, prev.IncomingAt
			}
		}
		last.Kinds = map[string]int{}
		for k, n := range rep.Kinds {
			last.Kinds[string(k)] = n
		}
	}
	for _, d := range sy.list.Devices() {
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
	sy.window.Emit("sync:status", last)
	return last, err
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
func (sy *Sync) Invite() string { return sy.list.Invite().Code() }

// InviteText is the invitation as a file's content.
func (sy *Sync) InviteText() string { return sy.list.Invite().Text() }

// Accept pairs with the device whose invitation code (or file content) is
// given.
func (sy *Sync) Accept(code string) (DeviceView, error) {
	inv, err := trust.ParseInvitation(code)
	if err != nil {
		return DeviceView{}, err
	}
	d, err := sy.list.Accept(inv)
	if err != nil {
		return DeviceView{}, err
	}
	sy.window.Emit("sync:devices", nil)
	return viewOf(sy.store, d, nil), nil
}

// RenameDevice names a paired device by ID, prefix or name, or this device
// ("self" or its own ID).
func (sy *Sync) RenameDevice(ref, name string) error {
	id := sy.list.Self().ID()
	if ref != "self" && ref != id {
		d, err := sy.list.Resolve(ref)
		if err != nil {
			return err
		}
		id = d.ID
	}
	return sy.list.Rename(id, name)
}

// RevokeDevice stops syncing with a paired device.
func (sy *Sync) RevokeDevice(ref string) (DeviceView, error) {
	d, err := sy.list.Resolve(ref)
	if err != nil {
		return DeviceView{}, err
	}
	if err := sy.list.Revoke(d.ID); err != nil {
		return DeviceView{}, err
	}
	return deviceView(sy.store, sy.list, d.ID, nil), nil
}
