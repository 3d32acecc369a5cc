// Package identity is this device's long-lived Ed25519 key: it signs folder
// segments, authenticates direct connections and names the device. The key
// file stays in the data directory (mode 0600) and is never logged.
//
// The store's dot device (store.DeviceID) is the first 8 bytes of the same
// SHA-256 that makes the ID: the app opens the store with store.WithKey(
// id.Private()), so one key names the device everywhere, and Device() here
// equals the store's Device(). A store made before its key file keeps its old
// dots in history; new writes carry the key file's device.
package identity

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	stdsync "sync"

	"filippo.io/age"

	"learnwork/store"
)

// FileName is the key file inside the data directory.
const FileName = "device.key"

const header = "learnwork device key v1\n"

// b32 is the ID's alphabet: upper-case base32 without padding.
var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// Identity is a device's key pair.
type Identity struct {
	priv ed25519.PrivateKey
	id   string

	ageOnce stdsync.Once
	age     *age.X25519Identity
}

// Load reads the key in dataDir, creating it on first use.
func Load(dataDir string) (*Identity, error) {
	path := filepath.Join(dataDir, FileName)
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return create(dataDir, path)
	}
	if err != nil {
		return nil, fmt.Errorf("read device key: %w", err)
	}
	seed, err := parse(b)
	if err != nil {
		// Never echo the file: it is a secret.
		return nil, fmt.Errorf("device key %s: %w; move it away to make a new device identity (paired devices will need pairing again)", path, err)
	}
	return FromSeed(seed), nil
}

func parse(b []byte) ([]byte, error) {
	s, ok := strings.CutPrefix(string(b), header)
	if !ok {
		return nil, errors.New("not a Learnwork device key")
	}
	seed, err := base64.StdEncoding.DecodeString(strings.TrimSpace(s))
	if err != nil || len(seed) != ed25519.SeedSize {
		return nil, errors.New("damaged key")
	}
	return seed, nil
}

func create(dataDir, path string) (*Identity, error) {
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, fmt.Errorf("create device key: %w", err)
	}
	seed := make([]byte, ed25519.SeedSize)
	if _, err := rand.Read(seed); err != nil {
		return nil, fmt.Errorf("create device key: %w", err)
	}
	tmp, err := os.CreateTemp(dataDir, ".device-key-*")
	if err != nil {
		return nil, fmt.Errorf("create device key: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("create device key: %w", err)
	}
	_, err = tmp.WriteString(header + base64.StdEncoding.EncodeToString(seed) + "\n")
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("create device key: %w", err)
	}
	// Link, not rename: if two processes race, the first key wins and the
	// other loads it rather than replacing a key already in use.
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, os.ErrExist) {
			return Load(dataDir)
		}
		if err := os.Rename(tmp.Name(), path); err != nil { // file systems without hard links
			return nil, fmt.Errorf("create device key: %w", err)
		}
	}
	return FromSeed(seed), nil
}

// FromSeed makes an identity from a 32-byte Ed25519 seed (tests, simulation).
func FromSeed(seed []byte) *Identity {
	priv := ed25519.NewKeyFromSeed(seed)
	return &Identity{priv: priv, id: IDOf(priv.Public().(ed25519.PublicKey))}
}

// New makes a fresh identity that is not saved anywhere (tests).
func New() *Identity {
	seed := make([]byte, ed25519.SeedSize)
	if _, err := rand.Read(seed); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return FromSeed(seed)
}

// IDOf is the device ID of a public key: its SHA-256 in base32.
func IDOf(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return b32.EncodeToString(sum[:])
}

// ID is the device's full ID (52 characters).
func (i *Identity) ID() string { return i.id }

// Display is the ID grouped for people.
func (i *Identity) Display() string { return Display(i.id) }

// Short is the first 8 groups of Display: enough to tell devices apart.
func (i *Identity) Short() string { return Short(i.id) }

// Device is the store's dot device for this key.
func (i *Identity) Device() store.DeviceID { return store.DeviceOf(i.Public()) }

// Public is the public key.
func (i *Identity) Public() ed25519.PublicKey { return i.priv.Public().(ed25519.PublicKey) }

// Private is the private key; it must not leave this device.
func (i *Identity) Private() ed25519.PrivateKey { return i.priv }

// Sign signs msg with the device key.
func (i *Identity) Sign(msg []byte) []byte { return ed25519.Sign(i.priv, msg) }

// String shows the short ID, so an Identity printed by accident leaks nothing.
func (i *Identity) String() string { return i.Short() }

// Display writes an ID in groups of 5 joined by dashes.
func Display(id string) string {
	var b strings.Builder
	for n := 0; n < len(id); n += 5 {
		if n > 0 {
			b.WriteByte('-')
		}
		b.WriteString(id[n:min(n+5, len(id))])
	}
	return b.String()
}

// Short is the first 8 groups of an ID's Display form.
func Short(id string) string { return Display(id[:min(len(id), 40)]) }

// ParseID reads an ID in its full or Display form (any case, dashes and
// spaces ignored) and checks it is a whole SHA-256.
func ParseID(s string) (string, error) {
	s = strings.ToUpper(strings.NewReplacer("-", "", " ", "").Replace(strings.TrimSpace(s)))
	b, err := b32.DecodeString(s)
	if err != nil || len(b) != sha256.Size {
		return "", fmt.Errorf("device ID %q: want 52 base32 characters", s)
	}
	return s, nil
}

// Verify checks that sig is pub's signature of msg.
func Verify(pub ed25519.PublicKey, msg, sig []byte) bool {
	return len(pub) == ed25519.PublicKeySize && ed25519.Verify(pub, msg, sig)
}
