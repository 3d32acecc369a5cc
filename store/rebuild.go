package store

import (
	"context"
	"fmt"
	"slices"

	"github.com/dgraph-io/badger/v4"
)

// indexVersion names the layout of every derived key under pIndex: bump
// it when indexEntries or the touch summaries change, and the next open
// rebuilds them from the records.
const indexVersion = "8" // 3: word posting blocks, attendee references; 4: words in the summary key; 5: list, search and touch summaries without kind and ID; 6: touch summaries with member since; 7: profiles; 8: restore marks (addRestoreMarks)

// rebuildIndex recreates the indexes of a store written by an older
// layout, and brings its records' batch marks up to date (markBatches). It
// writes derived state only, no changes; a crash midway leaves the old
// version mark, so the next open starts again.
func (s *Store) rebuildIndex(ctx context.Context, starting func()) error {
	if string(s.settingRaw("indexver")) == indexVersion {
		return nil
	}
	if s.full != nil {
		return s.full // rebuilding writes
	}
	if starting != nil && s.holdsRecords() {
		starting()
	}
	if err := s.addRestoreMarks(ctx); err != nil {
		return fmt.Errorf("rebuild index: %w", err)
	}
	if err := s.db.DropPrefix([]byte(pIndex)); err != nil {
		return fmt.Errorf("rebuild index: %w", err)
	}
	wb := s.db.NewWriteBatch()
	defer wb.Cancel()
	var werr error
	set := func(k string, v []byte) bool {
		werr = wb.Set([]byte(k), v)
		return werr == nil
	}
	posts := postings{}
	flushPosts := func() bool {
		werr = posts.write(wb.Set, s.Clock.Tick())
		clear(posts)
		return werr == nil
	}
	byTarget := map[string][]touchEntry{}
	err := s.View(ctx, func(r *Reader) error {
		for _, k := range Kinds {
			n := 0
			err := r.eachRecord(k, func(rec *Record) bool {
				if rec.markBatches() && !set(recKey(rec.Kind, rec.ID), marshalCBOR(rec)) {
					return false
				}
				idx := rec.indexEntries()
				posts.add(rec.Kind, rec.ID, idx.words)
				for key, v := range idx.keys {
					if k == KindInteraction {
						if _, id, ok := touchOf(key, v); ok {
							byTarget[id] = append(byTarget[id], touchEntry{rest: key[len(touchKey(id)):], val: string(v)})
						}
					}
					if !set(key, v) {
						return false
					}
				}
				if n++; n%5000 == 0 {
					return flushPosts()
				}
				return true
			})
			if err != nil {
				return err
			}
			if werr != nil || !flushPosts() {
				return werr
			}
		}
		for _, k := range []Kind{KindPerson, KindCommunity, KindSource} {
			if err := r.Each(k, func(rec *Record) bool {
				if t := buildTouch(rec, byTarget[rec.ID]); t != nil {
					return set(string(nurtureKey(k, rec.ID)), t.marshal())
				}
				return true
			}); err != nil {
				return err
			}
		}
		return werr
	})
	if err != nil {
		return fmt.Errorf("rebuild index: %w", err)
	}
	for k, v := range map[string][]byte{"indexver": []byte(indexVersion), "hlc": u64(nil, uint64(s.Clock.Last()))} {
		if err := wb.Set([]byte(pMeta+k), v); err != nil {
			return err
		}
	}
	return wb.Flush()
}

// eachRecord calls fn for every record of a kind, Trash included.
func (r *Reader) eachRecord(k Kind, fn func(rec *Record) bool) error {
	prefix := []byte(pEntity + string(k) + sep)
	it := r.t().NewIterator(badger.IteratorOptions{Prefix: prefix, PrefetchValues: true, PrefetchSize: 256})
	defer it.Close()
	n := 0
	for it.Rewind(); it.Valid(); it.Next() {
		if n++; n%1024 == 0 && r.ctx != nil && r.ctx.Err() != nil {
			return r.ctx.Err()
		}
		rec := &Record{}
		if err := it.Item().Value(func(b []byte) error { return unmarshalRecord(b, rec) }); err != nil {
			return err
		}
		if !fn(rec) {
			break
		}
	}
	return nil
}

// holdsRecords tells a store with data from a new, empty one.
func (s *Store) holdsRecords() bool {
	found := false
	_ = s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(pEntity), PrefetchValues: false})
		defer it.Close()
		it.Rewind()
		found = it.Valid()
		return nil
	})
	return found
}

// addRestoreMarks gives the records of a store written before a restore
// left a mark among the deletes (Record.apply) the marks their restores
// leave now, so they are what a new device builds from the same log (the
// sync digest compares them) and a restore made at the same time as a
// delete on another device keeps the entity out of Trash here too. The
// indexes are rebuilt from the records after it; it is idempotent.
func (s *Store) addRestoreMarks(ctx context.Context) error {
	var marks map[Ref][]Val
	superseded := map[Dot]bool{}
	err := s.View(ctx, func(r *Reader) error {
		return r.EachChange(nil, func(raw []byte) error {
			c, err := DecodeChange(raw)
			if err != nil {
				return err
			}
			for i, op := range c.Ops {
				if op.Code != OpRestore {
					continue
				}
				if marks == nil {
					marks = map[Ref][]Val{}
				}
				ref := Ref{Kind: c.Kind, ID: c.ID}
				marks[ref] = append(marks[ref], Val{Dot: c.Dot(i), HLC: c.HLC, V: restoreMark, Batch: batchMark(c.Batch)})
				for _, p := range op.Prev {
					superseded[p] = true
				}
			}
			return nil
		})
	})
	if err != nil || len(marks) == 0 {
		return err
	}
	return s.db.Update(func(txn *badger.Txn) error {
		for ref, vals := range marks {
			r := &Reader{txn: txn}
			rec, err := r.getStored(ref.Kind, ref.ID)
			if err != nil {
				return fmt.Errorf("restore marks of %s %s: %w", ref.Kind, ref.ID, err)
			}
			n := len(rec.Deletes.Vals)
			for _, v := range vals {
				if !superseded[v.Dot] && !slices.ContainsFunc(rec.Deletes.Vals, func(d Val) bool { return d.Dot == v.Dot }) {
					rec.Deletes.insert(v)
				}
			}
			if len(rec.Deletes.Vals) == n {
				continue
			}
			if err := txn.Set([]byte(recKey(ref.Kind, ref.ID)), marshalCBOR(rec)); err != nil {
				return err
			}
		}
		return nil
	})
}
