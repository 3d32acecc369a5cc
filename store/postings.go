package store

import (
	"bytes"
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"learnwork/store/hlc"
)

// The search index keeps one key per word and transaction, not one per
// word and entity: "tok, kind, word, block" → the IDs that gained the word
// in that transaction. A contact has some 35 words; one key each made a
// 100k-contact import write 3.5M keys and spend most of its time in
// Badger's memtable. Blocks are only ever added: an entity that loses a
// word keeps a stale entry, and search checks each candidate against the
// entity's current words (kept with its summary), which is exact.

// postings gathers a transaction's new search words: kind and word → the
// IDs that gained it. Keyed by pair, not by index key: a 100k-contact
// import adds 3.5M words, and building a key string for each cost more than
// the map.
type postings map[posting][]string

type posting struct {
	kind Kind
	word string
}

func (p postings) add(k Kind, id string, words []string) {
	for _, w := range words {
		key := posting{k, w}
		p[key] = append(p[key], id)
	}
}

// write puts one block per word through set, named by a clock reading
// (the transaction's), which no other block of the word shares.
func (p postings) write(set func(k, v []byte) error, block hlc.Time) error {
	suffix := fmt.Sprintf("%s%016x", sep, uint64(block))
	for pw, ids := range p {
		// Key and value built as bytes, not strings copied into bytes:
		// a transaction of new items writes a block for each new word.
		k := make([]byte, 0, len(pIndex+idxTokens+sep+sep)+len(pw.kind)+len(pw.word)+len(suffix))
		k = append(append(append(append(append(k, pIndex+idxTokens+sep...), pw.kind...), sep...), pw.word...), suffix...)
		n := len(ids) - 1
		for _, id := range ids {
			n += len(id)
		}
		v := make([]byte, 0, n)
		for i, id := range ids {
			if i > 0 {
				v = append(v, sep...)
			}
			v = append(v, id...)
		}
		if err := set(k, v); err != nil {
			return err
		}
	}
	return nil
}

// scanPostings calls fn with each ID filed under the keys that start with
// prefix (word blocks, in word order) until fn returns false.
func (r *Reader) scanPostings(prefix []byte, fn func(id string) bool) error {
	it := r.t().NewIterator(badger.IteratorOptions{Prefix: prefix, PrefetchValues: false})
	defer it.Close()
	var buf []byte
	for it.Rewind(); it.Valid(); it.Next() {
		if r.ctx != nil && r.ctx.Err() != nil {
			return r.ctx.Err()
		}
		var err error
		if buf, err = it.Item().ValueCopy(buf[:0]); err != nil {
			return err
		}
		for ids := buf; len(ids) > 0; {
			id, rest, _ := bytes.Cut(ids, []byte(sep))
			if !fn(string(id)) {
				return nil
			}
			ids = rest
		}
	}
	return nil
}

// postingBytes is the size of the blocks under prefix, counted up to
// limit: how common a word is, without reading a value.
func (r *Reader) postingBytes(prefix []byte, limit int64) int64 {
	it := r.t().NewIterator(badger.IteratorOptions{Prefix: prefix, PrefetchValues: false})
	defer it.Close()
	var n int64
	for it.Rewind(); it.Valid() && n < limit; it.Next() {
		n += it.Item().ValueSize() + 1
	}
	return n
}
