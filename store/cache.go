package store

import (
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"
)

// pCache holds what this device fetched or worked out for itself (feed
// items, when each feed was last fetched). It is written outside Tx: no log
// entry, no index, nothing another device is sent; backup, sync and the
// digest read only the log and the records, so they never see it.
const pCache = "c/"

// Cache is a local key-value space beside the records, for data that can
// be fetched again: losing it loses nothing the person made.
type Cache struct{ db *badger.DB }

// Cache is the store's local cache.
func (s *Store) Cache() *Cache { return &Cache{db: s.db} }

func cacheKey(key []byte) []byte {
	k := make([]byte, 0, len(pCache)+len(key))
	return append(append(k, pCache...), key...)
}

// Get reads one value; ErrNotFound when there is none.
func (c *Cache) Get(key []byte) ([]byte, error) {
	var v []byte
	err := c.db.View(func(txn *badger.Txn) error {
		var err error
		v, err = getBytes(txn, cacheKey(key))
		return err
	})
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("cache get: %w", err)
	}
	return v, nil
}

// CacheTx is one all-or-nothing change to the cache, which may also read.
type CacheTx struct{ txn *badger.Txn }

// Set writes a value.
func (t *CacheTx) Set(key, value []byte) error { return t.txn.Set(cacheKey(key), value) }

// Delete removes a key (none is fine).
func (t *CacheTx) Delete(key []byte) error { return t.txn.Delete(cacheKey(key)) }

// Get reads a value as this change sees it; ErrNotFound when there is none.
func (t *CacheTx) Get(key []byte) ([]byte, error) {
	v, err := getBytes(t.txn, cacheKey(key))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, ErrNotFound
	}
	return v, err
}

// Scan is Cache.Scan as this change sees the cache.
func (t *CacheTx) Scan(prefix []byte, reverse bool, fn func(key []byte, value func() ([]byte, error)) bool) error {
	return scanCache(t.txn, prefix, reverse, fn)
}

// Update runs fn in one transaction and commits it unless fn fails.
func (c *Cache) Update(fn func(t *CacheTx) error) error {
	err := c.db.Update(func(txn *badger.Txn) error { return fn(&CacheTx{txn: txn}) })
	if errors.Is(err, badger.ErrTxnTooBig) {
		return fmt.Errorf("cache update: %w", ErrTooBig)
	}
	return err
}

// Scan calls fn for every key under prefix in key order, or in reverse,
// with the key without the cache's own prefix (valid only during the call)
// and a function that reads its value; fn stops the scan by returning
// false. Keys are read without their values, so a scan that filters on
// keys reads only the values it keeps.
func (c *Cache) Scan(prefix []byte, reverse bool, fn func(key []byte, value func() ([]byte, error)) bool) error {
	return c.db.View(func(txn *badger.Txn) error { return scanCache(txn, prefix, reverse, fn) })
}

func scanCache(txn *badger.Txn, prefix []byte, reverse bool, fn func(key []byte, value func() ([]byte, error)) bool) error {
	p := cacheKey(prefix)
	it := txn.NewIterator(badger.IteratorOptions{Prefix: p, Reverse: reverse})
	defer it.Close()
	start := p
	if reverse {
		start = append(append([]byte{}, p...), 0xff, 0xff, 0xff, 0xff)
	}
	for it.Seek(start); it.Valid(); it.Next() {
		item := it.Item()
		if !fn(item.Key()[len(pCache):], func() ([]byte, error) { return item.ValueCopy(nil) }) {
			return nil
		}
	}
	return nil
}
