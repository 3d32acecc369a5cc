package store

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/dgraph-io/badger/v4"
)

// The cache is local: a store with cached items has the same digest and
// the same backup as one without, and rebuilding the indexes keeps it.
func TestCacheStaysOutOfLogBackupAndDigest(t *testing.T) {
	a := open(t, t.TempDir())
	addPerson(t, a, "Ada Lovelace", "ada@example.org")
	var buf bytes.Buffer
	if _, err := a.Backup(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	before, _, err := a.Digest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	vvBefore := a.Vector()
	err = a.Cache().Update(func(tx *CacheTx) error {
		for i := range 50 {
			if err := tx.Set(fmt.Appendf(nil, "item/feed1/%03d", i), []byte("a post")); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	after, _, err := a.Digest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if before != after {
		t.Error("cached items changed the sync digest")
	}
	if a.Vector().Compare(vvBefore) != Equal {
		t.Errorf("cached items moved the version vector: %v → %v", vvBefore, a.Vector())
	}
	var buf2 bytes.Buffer
	if _, err := a.Backup(ctx, &buf2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), buf2.Bytes()) {
		t.Error("cached items went into the backup")
	}
	if err := a.db.Update(func(txn *badger.Txn) error { return txn.Set([]byte(pMeta+"indexver"), []byte("0")) }); err != nil {
		t.Fatal(err)
	}
	if err := a.rebuildIndex(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if v, err := a.Cache().Get([]byte("item/feed1/007")); err != nil || string(v) != "a post" {
		t.Errorf("after an index rebuild the cache holds %q, %v", v, err)
	}
}

func TestCacheScanOrderAndDelete(t *testing.T) {
	s := open(t, "")
	c := s.Cache()
	err := c.Update(func(tx *CacheTx) error {
		for _, k := range []string{"t/2", "t/1", "t/3", "u/1"} {
			if err := tx.Set([]byte(k), []byte("v"+k)); err != nil {
				return err
			}
		}
		return tx.Delete([]byte("t/2"))
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	err = c.Scan([]byte("t/"), true, func(k []byte, value func() ([]byte, error)) bool {
		v, err := value()
		got = append(got, string(k)+"="+string(v))
		return err == nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != "[t/3=vt/3 t/1=vt/1]" {
		t.Errorf("reverse scan of t/ = %v", got)
	}
	got = nil
	_ = c.Scan([]byte("t/"), false, func(k []byte, _ func() ([]byte, error)) bool {
		got = append(got, string(k))
		return false
	})
	if fmt.Sprint(got) != "[t/1]" {
		t.Errorf("forward scan stopped after one = %v", got)
	}
	if _, err := c.Get([]byte("t/2")); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted key: %v, want ErrNotFound", err)
	}
}
