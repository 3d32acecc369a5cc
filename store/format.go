package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/dgraph-io/badger/v4"
)

// formatVersion numbers the layout of what the store keeps for good:
// records, the change log and the metadata around them. Bump it when a
// version writes something an older one would misread; an older version
// then refuses the store (ErrNewerFormat) instead of rewriting it. Derived
// keys have their own number (indexVersion) and are rebuilt, not refused.
const formatVersion = 1

// ErrNewerFormat is a store saved by a newer Learnwork than this one.
var ErrNewerFormat = errors.New("saved by a newer version of Learnwork; update Learnwork to open it")

const formatKey = pMeta + "format"

// formatError words a failed check for Open.
func formatError(dir string, err error) error {
	if errors.Is(err, ErrNewerFormat) {
		return fmt.Errorf("data directory %s was %w", dir, err)
	}
	return fmt.Errorf("open store %q: %w", dir, err)
}

// checkFormatFirst runs checkFormat over a read-only open of an existing
// store, before the writable open that already writes (Badger starts a new
// value-log file). Where Badger cannot open read-only (Windows, or after a
// crash that left a log to replay) it leaves the check to the one after
// the writable open.
func checkFormatFirst(o badger.Options) error {
	if o.InMemory {
		return nil
	}
	if _, err := os.Stat(filepath.Join(o.Dir, badger.ManifestFilename)); err != nil {
		return nil // a new store
	}
	db, err := badger.Open(o.WithReadOnly(true))
	if err != nil {
		return nil // the writable open reports a lock or damage
	}
	defer db.Close()
	return checkFormat(db)
}

// checkFormat refuses a store whose format is newer than this version
// knows. It only reads, so a refused store is left as it was. A store
// without the mark predates it and is format 1.
func checkFormat(db *badger.DB) error {
	return db.View(func(txn *badger.Txn) error {
		b, err := getBytes(txn, []byte(formatKey))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read the store format: %w", err)
		}
		n, err := strconv.ParseUint(string(b), 10, 32)
		if err != nil {
			return fmt.Errorf("store format %q: %w", b, ErrInvalid)
		}
		if n > formatVersion {
			return ErrNewerFormat
		}
		return nil
	})
}

// markFormat records this version's format unless the store has it (a
// store is never marked down: checkFormat ran first).
func markFormat(txn *badger.Txn) error {
	b, err := getBytes(txn, []byte(formatKey))
	if err == nil && string(b) == strconv.Itoa(formatVersion) {
		return nil
	}
	if err != nil && !errors.Is(err, badger.ErrKeyNotFound) {
		return err
	}
	return txn.Set([]byte(formatKey), []byte(strconv.Itoa(formatVersion)))
}
