// Package store keeps Learnwork's domain model in Badger. Every mutation, local
// or from another device, goes through one write path that appends
// field-level changes to the log and updates the materialised records and
// their indexes in the same transaction.
package store

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	stdsync "sync"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"

	"learnwork/store/hlc"
)

// Errors callers branch on.
var (
	ErrNotFound = errors.New("not found")
	ErrLocked   = errors.New("already open by another Learnwork")
	ErrInvalid  = errors.New("invalid")
	ErrGap      = errors.New("change does not follow the last one held from its device")
	ErrTooBig   = errors.New("transaction too big")
	// ErrIsList: a list field was given one value to set (add or remove
	// elements instead). ErrNotList: a one-value field was given elements.
	// Both come wrapped with ErrInvalid.
	ErrIsList  = errors.New("is a list")
	ErrNotList = errors.New("holds one value")
	// ErrNoConflict: resolve was asked for a field holding one value.
	ErrNoConflict = errors.New("no conflict")
)

// Key prefixes keep the ranges apart.
const (
	pMeta   = "m/"
	pLog    = "l/"
	pEntity = "e/"
	pIndex  = "i/"
	pBatch  = "b/"
	pPeer   = "p/"
	pNotice = "n/"
)

// Store is an open Learnwork database.
type Store struct {
	db    *badger.DB
	dir   string
	key   ed25519.PrivateKey
	dev   DeviceID
	Clock *hlc.Clock

	wmu stdsync.Mutex // one writer at a time: seqs are handed out in order
	wvv Vector        // the vector with every queued write; under wmu
	// topics are the topic IDs named and live as the last write left them
	// (under wmu), so EnsureTopic need not read: records change only in Tx.
	topics map[string]bool
	early  *earlyRecords // for the write after a queued one; under wmu
	mu     stdsync.RWMutex
	vv     Vector  // committed; guarded by mu; changed only under wmu
	last   *queued // the newest commit handed to Badger; guarded by mu
	subs   []listener
	subID  uint64

	release mappedRelease // hands bulk work's mapped pages back (release.go)

	opts badger.Options // for the space a write needs (space.go)
	full *SpaceError    // opened read-only: the disk had too little space
}

// Option tunes Open.
type Option func(*config)

type config struct {
	badger    badger.Options
	now       func() time.Time
	key       ed25519.PrivateKey
	onRebuild func()
}

// OnRebuild has Open call f before it rebuilds the indexes of a store an
// older version wrote: a one-time wait (about 13 s for 50k people and 200k
// interactions) worth telling the person about.
func OnRebuild(f func()) Option { return func(c *config) { c.onRebuild = f } }

// WithKey makes key this store's device key (sync/identity keeps it in the
// data directory). Without it the store makes and keeps its own. A store that
// held another key keeps that device's changes as history; new changes carry
// the new key's device.
func WithKey(key ed25519.PrivateKey) Option { return func(c *config) { c.key = key } }

// WithNow injects wall-clock time for the store's clock (tests).
func WithNow(now func() time.Time) Option { return func(c *config) { c.now = now } }

// LowMemory tunes a store for a long one-off job in its own process (a
// first sync of 100k changes): two 16 MB memtables, 16 MB value-log files
// (Badger maps the one it writes at twice its size), smaller caches, and a
// soft limit on the Go heap unless GOMEMLIMIT sets one. It trades a little
// speed for staying under the 250 MB the first sync is allowed: 114–124 MB
// (92–95 MB of it anonymous), since queued commits drop the pages Badger
// mapped (release_linux.go); 214–216 MB before that.
func LowMemory() Option {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(100 << 20)
	}
	return WithBadger(func(o badger.Options) badger.Options {
		return o.WithNumMemtables(2).WithMemTableSize(16 << 20).WithValueLogFileSize(16 << 20).
			WithBlockCacheSize(16 << 20).WithIndexCacheSize(8 << 20)
	})
}

// WithBadger tunes the Badger options.
func WithBadger(f func(badger.Options) badger.Options) Option {
	return func(c *config) { c.badger = f(c.badger) }
}

// Open opens the store in dir, creating it if needed; "" means in memory.
func Open(dir string, opts ...Option) (*Store, error) {
	bo := badger.DefaultOptions(dir).
		WithLogger(nil).
		WithMemTableSize(32 << 20).
		WithNumMemtables(3).
		WithBlockCacheSize(32 << 20).
		WithIndexCacheSize(16 << 20).
		WithNumCompactors(2).
		WithValueLogFileSize(64 << 20).
		WithDetectConflicts(false). // one writer; conflict tracking would only cost memory
		// Uncompressed blocks: compression cost more CPU on bulk writes than
		// the disk it saves is worth for a personal database.
		WithCompression(options.None).
		// Let imports pile up level-0 tables before compaction stalls them.
		WithNumLevelZeroTables(10).
		WithNumLevelZeroTablesStall(20)
	if dir == "" {
		bo = bo.WithInMemory(true) // which keeps every value in the LSM tree
	} else {
		// Records and log entries (a hundred bytes and more: even a change
		// that only names a person is 119) go to the value log, written
		// once, so the write-ahead log, memtables, flushes and compactions
		// move small pointers, not them: an import of 100k contacts takes
		// half the memory, applying 100k changes 10–15 % less CPU than with
		// 256. The list and touch summaries (index values without kind and
		// ID, 40–60 bytes) stay in the LSM tree, where lists, filters and
		// "due" read them; the search summary of a contact with many words,
		// and long posting blocks, go to the value log too (search p95 then
		// 6 ms over 50k people).
		bo = bo.WithValueThreshold(96)
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("open store %q: %w", dir, err)
		}
	}
	cfg := config{badger: bo}
	for _, o := range opts {
		o(&cfg)
	}
	// Opening writes (a new value-log file and memtable, through maps: see
	// spaceNeeded), so on a full disk the store opens read-only: reading
	// works, every write says what is missing.
	var full *SpaceError
	if dir != "" && !cfg.badger.ReadOnly {
		if errors.As(checkSpace(dir, spaceNeeded(cfg.badger, tableBytes(dir))), &full) {
			writable, err := prepareFull(dir, full)
			if err != nil {
				return nil, fmt.Errorf("open store %q: %w", dir, err)
			}
			cfg.badger = cfg.badger.WithReadOnly(!writable)
		}
	}
	if err := checkFormatFirst(cfg.badger); err != nil {
		return nil, formatError(dir, err)
	}
	db, err := badger.Open(cfg.badger)
	if err != nil {
		if strings.Contains(err.Error(), "Another process is using this Badger database") {
			return nil, fmt.Errorf("data directory %s is %w", dir, ErrLocked)
		}
		if full != nil { // nothing to read yet, or nothing readable
			full.Open = true
			return nil, fmt.Errorf("open store %q: %w", dir, full)
		}
		return nil, fmt.Errorf("open store %q: %w", dir, err)
	}
	if err := checkFormat(db); err != nil {
		db.Close()
		return nil, formatError(dir, err)
	}
	s := &Store{db: db, dir: dir, release: mappedRelease{dir: dir}, Clock: &hlc.Clock{Now: cfg.now}, vv: Vector{}, topics: map[string]bool{},
		opts: cfg.badger, full: full}
	if err := s.load(cfg.key); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %q: %w", dir, err)
	}
	s.wvv = s.vv.Clone()
	if err := s.rebuildIndex(context.Background(), cfg.onRebuild); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %q: %w", dir, err)
	}
	return s, nil
}

// load reads (or on first open creates) the device identity, the version
// vector and the clock floor.
func (s *Store) load(key ed25519.PrivateKey) error {
	return s.db.Update(func(txn *badger.Txn) error {
		seed, err := getBytes(txn, []byte(pMeta+"identity"))
		if s.full != nil && (errors.Is(err, badger.ErrKeyNotFound) || key != nil && string(seed) != string(key.Seed())) {
			return s.full // would write the identity
		}
		if key != nil {
			if string(seed) != string(key.Seed()) {
				if err := txn.Set([]byte(pMeta+"identity"), key.Seed()); err != nil {
					return err
				}
			}
			seed, err = key.Seed(), nil
		}
		if errors.Is(err, badger.ErrKeyNotFound) {
			seed = make([]byte, ed25519.SeedSize)
			if _, err := rand.Read(seed); err != nil {
				return err
			}
			if err := txn.Set([]byte(pMeta+"identity"), seed); err != nil {
				return err
			}
		} else if err != nil {
			return err
		}
		if err := markFormat(txn); err != nil {
			return err
		}
		s.key = ed25519.NewKeyFromSeed(seed)
		s.dev = DeviceOf(s.key.Public().(ed25519.PublicKey))

		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(pMeta + "vv/")})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			k := it.Item().Key()
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			s.vv[DeviceID(binary.BigEndian.Uint64(k[len(pMeta+"vv/"):]))] = binary.BigEndian.Uint64(v)
		}
		if b, err := getBytes(txn, []byte(pMeta+"hlc")); err == nil {
			s.Clock.Restore(hlc.Time(binary.BigEndian.Uint64(b)))
		}
		return nil
	})
}

// DeviceOf is the dot device for a public key.
func DeviceOf(pub ed25519.PublicKey) DeviceID {
	sum := sha256.Sum256(pub)
	return DeviceID(binary.BigEndian.Uint64(sum[:8]))
}

// Close reclaims value-log space that rewritten records left behind (a
// few rounds at most, so closing stays quick) and closes the database.
func (s *Store) Close() error {
	_ = s.Wait() // and the listeners, which may read
	s.wmu.Lock()
	s.early.discard()
	s.early = nil
	s.wmu.Unlock()
	s.release.stop() // value-log GC below unmaps files
	if s.dir != "" && s.room() == nil {
		for range 4 {
			if s.db.RunValueLogGC(0.5) != nil {
				break // nothing worth rewriting, or GC not possible now
			}
		}
	}
	return s.db.Close()
}

// Dir is the data directory ("" in memory).
func (s *Store) Dir() string { return s.dir }

// Device is this store's device in dots.
func (s *Store) Device() DeviceID { return s.dev }

// Key is this device's signing key. It never leaves the data directory.
func (s *Store) Key() ed25519.PrivateKey { return s.key }

// Vector is a copy of the version vector: what this store holds of each
// device's log.
func (s *Store) Vector() Vector {
	s.written()
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.vv.Clone()
}

// Commit describes what a write changed, for listeners (the window, sync).
type Commit struct {
	Local   bool
	Changes int
	Kinds   map[Kind]int
	IDs     []string // entities touched, at most a few hundred
}

// OnCommit registers f to be called after each successful write, in
// order: for a queued write, on another goroutine. f may read the store but
// must not write to it, Wait or Close (they wait for f). The returned
// function removes f; a commit already being announced may still reach it.
func (s *Store) OnCommit(f func(Commit)) (remove func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.subID++
	id := s.subID
	// A new slice each time: notify reads the old one without the lock.
	s.subs = append(slices.Clip(s.subs), listener{id, f})
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.subs = slices.DeleteFunc(slices.Clone(s.subs), func(l listener) bool { return l.id == id })
	}
}

// listener is one OnCommit function and the number that removes it.
type listener struct {
	id uint64
	f  func(Commit)
}

func (s *Store) notify(c Commit) {
	s.mu.RLock()
	subs := s.subs
	s.mu.RUnlock()
	for _, l := range subs {
		l.f(c)
	}
}

// View runs fn with a read-only snapshot.
func (s *Store) View(ctx context.Context, fn func(r *Reader) error) error {
	return s.db.View(func(txn *badger.Txn) error {
		r := &Reader{ctx: ctx, txn: txn, reuse: true}
		defer r.closeKeys()
		return fn(r)
	})
}

func getBytes(txn *badger.Txn, key []byte) ([]byte, error) {
	it, err := txn.Get(key)
	if err != nil {
		return nil, err
	}
	return it.ValueCopy(nil)
}

// Setting reads a local, unsynced setting ("" when unset).
func (s *Store) Setting(name string) string {
	var v []byte
	_ = s.db.View(func(txn *badger.Txn) error {
		v, _ = getBytes(txn, []byte(pMeta+"settings/"+name))
		return nil
	})
	return string(v)
}

// SetSetting stores a local, unsynced setting.
func (s *Store) SetSetting(name, value string) error {
	if err := s.room(); err != nil {
		return err
	}
	return s.db.Update(func(txn *badger.Txn) error {
		return txn.Set([]byte(pMeta+"settings/"+name), []byte(value))
	})
}

// Settings lists every local setting.
func (s *Store) Settings() map[string]string {
	out := map[string]string{}
	_ = s.db.View(func(txn *badger.Txn) error {
		p := []byte(pMeta + "settings/")
		it := txn.NewIterator(badger.IteratorOptions{Prefix: p, PrefetchValues: true})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			v, _ := it.Item().ValueCopy(nil)
			out[string(it.Item().Key()[len(p):])] = string(v)
		}
		return nil
	})
	return out
}
