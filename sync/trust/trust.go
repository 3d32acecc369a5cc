// Package trust is the list of devices this one is paired with: their keys,
// the names people gave them and whether they were revoked. Every transport
// asks it before reading or writing anything for another device.
package trust

import (
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	stdsync "sync"
	"time"

	"learnwork/sync/identity"
)

// FileName is the list's file in the data directory. It holds public keys
// only, so it is not secret, but it decides who may read this device's data.
const FileName = "devices.json"

// Errors callers branch on.
var (
	ErrUnknown = errors.New("device is not paired with this one")
	ErrRevoked = errors.New("device was revoked")
	// ErrDamaged is a devices.json that cannot be read as a list of
	// paired devices.
	ErrDamaged = errors.New("the list of paired devices is damaged")
)

// Device is one paired device.
type Device struct {
	ID        string            `json:"id"`
	Name      string            `json:"name"`
	PublicKey ed25519.PublicKey `json:"publicKey"`
	Age       string            `json:"age"` // age recipient its segments are encrypted to
	Paired    time.Time         `json:"paired"`
	LastSeen  time.Time         `json:"lastSeen,omitzero"`
	Revoked   time.Time         `json:"revoked,omitzero"`
}

// Active reports a device that is paired and not revoked.
func (d Device) Active() bool { return d.Revoked.IsZero() }

// List is the trust list of one data directory.
type List struct {
	path string
	self *identity.Identity
	now  func() time.Time

	mu   stdsync.Mutex
	data file
}

type file struct {
	Name    string   `json:"name"` // this device's own name
	Devices []Device `json:"devices"`
}

// Load reads the list in dataDir (empty if there is none yet). self is this
// device; it names itself after the host until renamed.
func Load(dataDir string, self *identity.Identity) (*List, error) {
	l := &List{path: filepath.Join(dataDir, FileName), self: self, now: time.Now}
	b, err := os.ReadFile(l.path)
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("read paired devices: %w", err)
	default:
		if err := json.Unmarshal(b, &l.data); err != nil {
			return nil, l.damaged()
		}
		for _, d := range l.data.Devices {
			if identity.IDOf(d.PublicKey) != d.ID {
				return nil, l.damaged()
			}
		}
	}
	if l.data.Name == "" {
		l.data.Name, _ = os.Hostname()
		if l.data.Name == "" {
			l.data.Name = "this device"
		}
	}
	return l, nil
}

// damaged says which file is damaged and what a person can do about it.
func (l *List) damaged() error {
	return fmt.Errorf("%w (%s): put back a copy from a backup, or move the file away and pair your devices again", ErrDamaged, l.path)
}

// InMemory is a list that is never saved (tests, simulation).
func InMemory(self *identity.Identity, name string) *List {
	return &List{self: self, now: time.Now, data: file{Name: name}}
}

// Self is this device's identity.
func (l *List) Self() *identity.Identity { return l.self }

// Name is this device's own name.
func (l *List) Name() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.data.Name
}

// Devices lists paired devices, revoked ones included, by name.
func (l *List) Devices() []Device {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := slices.Clone(l.data.Devices)
	slices.SortFunc(out, func(a, b Device) int { return strings.Compare(a.Name+a.ID, b.Name+b.ID) })
	return out
}

// Active lists devices that may read and write with this one.
func (l *List) Active() []Device {
	var out []Device
	for _, d := range l.Devices() {
		if d.Active() {
			out = append(out, d)
		}
	}
	return out
}

// Check returns the active device with this ID, or why it may not sync.
func (l *List) Check(id string) (Device, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	i := l.find(id)
	if i < 0 {
		return Device{}, fmt.Errorf("device %s: %w", identity.Short(id), ErrUnknown)
	}
	d := l.data.Devices[i]
	if !d.Active() {
		return d, fmt.Errorf("device %s (%s): %w on %s", d.Name, identity.Short(id), ErrRevoked, d.Revoked.Format("2006-01-02"))
	}
	return d, nil
}

// CheckKey is Check for a public key.
func (l *List) CheckKey(pub ed25519.PublicKey) (Device, error) {
	return l.Check(identity.IDOf(pub))
}

func (l *List) find(id string) int {
	return slices.IndexFunc(l.data.Devices, func(d Device) bool { return d.ID == id })
}

// Resolve finds a device by ID, a prefix of it (with or without dashes), or
// its name.
func (l *List) Resolve(ref string) (Device, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	key := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(ref), "-", ""))
	var hits []Device
	for _, d := range l.data.Devices {
		if strings.EqualFold(d.Name, strings.TrimSpace(ref)) || len(key) >= 4 && strings.HasPrefix(d.ID, key) {
			hits = append(hits, d)
		}
	}
	switch len(hits) {
	case 0:
		return Device{}, fmt.Errorf("no paired device is called or starts with %q (see: learnwork sync devices)", ref)
	case 1:
		return hits[0], nil
	}
	return Device{}, fmt.Errorf("%q matches %d devices; give more of the ID", ref, len(hits))
}

// Add pairs a device (or renews a revoked one's pairing).
func (l *List) Add(d Device) error {
	if identity.IDOf(d.PublicKey) != d.ID {
		return fmt.Errorf("device %s: key does not match its ID", identity.Short(d.ID))
	}
	if d.ID == l.self.ID() {
		return errors.New("that is this device's own invitation; import it on the other device")
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if d.Paired.IsZero() {
		d.Paired = l.now().UTC()
	}
	if i := l.find(d.ID); i >= 0 {
		d.LastSeen = l.data.Devices[i].LastSeen
		l.data.Devices[i] = d
	} else {
		l.data.Devices = append(l.data.Devices, d)
	}
	return l.save()
}

// Rename names a paired device, or this one when id is this device's ID.
func (l *List) Rename(id, name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return errors.New("a device name cannot be empty")
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if id == l.self.ID() {
		l.data.Name = name
		return l.save()
	}
	i := l.find(id)
	if i < 0 {
		return fmt.Errorf("device %s: %w", identity.Short(id), ErrUnknown)
	}
	l.data.Devices[i].Name = name
	return l.save()
}

// Revoke stops syncing with a device: nothing more is encrypted to it and
// nothing it writes is read. Its past changes stay.
func (l *List) Revoke(id string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	i := l.find(id)
	if i < 0 {
		return fmt.Errorf("device %s: %w", identity.Short(id), ErrUnknown)
	}
	if l.data.Devices[i].Active() {
		l.data.Devices[i].Revoked = l.now().UTC()
	}
	return l.save()
}

// Seen notes that a device synced just now.
func (l *List) Seen(id string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if i := l.find(id); i >= 0 {
		l.data.Devices[i].LastSeen = l.now().UTC()
		return l.save()
	}
	return nil
}

// save writes the list to a temporary file and renames it into place.
func (l *List) save() error {
	if l.path == "" {
		return nil
	}
	b, err := json.MarshalIndent(l.data, "", "  ")
	if err != nil {
		return err
	}
	tmp := l.path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return fmt.Errorf("save paired devices: %w", err)
	}
	if err := os.Rename(tmp, l.path); err != nil {
		return fmt.Errorf("save paired devices: %w", err)
	}
	return nil
}
