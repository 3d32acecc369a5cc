package app

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"learnwork/store"
)

func TestZZCountKeys(t *testing.T) {
	dir := t.TempDir()
	s, _ := store.Open(dir)
	sv := New(context.Background(), s)
	if _, err := sv.Import([]string{"/tmp/1k.vcf"}, false); err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, _ := badger.Open(badger.DefaultOptions(dir).WithLogger(nil))
	defer db.Close()
	counts := map[string]int{}
	sizes := map[string]int{}
	db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			k := string(it.Item().Key())
			p := k[:2]
			if p == "i/" {
				p, _, _ = strings.Cut(k, "\x00")
			}
			counts[p]++
			sizes[p] += int(it.Item().ValueSize()) + len(k)
		}
		return nil
	})
	fmt.Println(counts, sizes)
}
