package store

import (
	"crypto/sha256"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"
)

// A store saved by a newer version (a higher format number) is refused
// with a message a person can act on, and left byte for byte as it was.
func TestNewerFormatRefused(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	addPerson(t, s, "Ada Lovelace")
	if err := s.SetSetting("theme", "dark"); err != nil {
		t.Fatal(err)
	}
	if got := string(s.settingRaw("format")); got != strconv.Itoa(formatVersion) {
		t.Fatalf("a new store is marked format %q, want %d", got, formatVersion)
	}
	s.Close()

	// What a newer version leaves behind: its own format number.
	db, err := badger.Open(badger.DefaultOptions(dir).WithLogger(nil))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(txn *badger.Txn) error {
		return txn.Set([]byte(formatKey), []byte(strconv.Itoa(formatVersion+1)))
	}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	before := snapshot(t, dir)
	_, err = Open(dir)
	if !errors.Is(err, ErrNewerFormat) {
		t.Fatalf("opening a newer store: %v, want ErrNewerFormat", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "newer version of Learnwork") || !strings.Contains(msg, "update Learnwork") {
		t.Errorf("the refusal does not say what to do: %q", msg)
	}
	if after := snapshot(t, dir); !maps.Equal(before, after) {
		t.Errorf("refusing changed the data directory:\nbefore %v\nafter  %v", before, after)
	}
	// Refusing released the directory: the newer version can still open it.
	// Where Badger cannot open read-only, the check after the writable
	// open refuses as well.
	db, err = badger.Open(badger.DefaultOptions(dir).WithLogger(nil))
	if err != nil {
		t.Fatalf("after the refusal the directory stays locked: %v", err)
	}
	defer db.Close()
	if err := checkFormat(db); !errors.Is(err, ErrNewerFormat) {
		t.Errorf("the check after a writable open: %v, want ErrNewerFormat", err)
	}
}

// A store from before the format mark is format 1 and opens, and gets
// the mark.
func TestUnmarkedStoreOpens(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	addPerson(t, s, "Grace Hopper")
	if err := s.db.Update(func(txn *badger.Txn) error { return txn.Delete([]byte(formatKey)) }); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = open(t, dir)
	if got := string(s.settingRaw("format")); got != strconv.Itoa(formatVersion) {
		t.Errorf("an unmarked store is marked %q after opening, want %d", got, formatVersion)
	}
}

// snapshot is every file under dir with the hash of its bytes.
func snapshot(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	files := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		files[rel] = sha256.Sum256(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
