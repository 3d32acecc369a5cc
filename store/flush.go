package store

import (
	"runtime"
	"slices"
	stdsync "sync"
)

// recWrite is what flushing one changed record writes: its encoding and
// the difference between its old and new index entries.
type recWrite struct {
	rec   []byte
	dels  []string
	sets  []kv
	words []string // search words the record gained (see postings)
	live  bool
	touch *touchDelta // the touch summaries it affects (nil: none)
}

type kv struct {
	k string
	v []byte
}

// prepare encodes a changed record and diffs its index entries. It only
// reads the record, so records are prepared concurrently.
func prepare(tr *txRec) recWrite {
	r := tr.rec
	w := recWrite{rec: marshalCBOR(r), live: !r.Trashed()}
	newIdx := r.indexEntries()
	w.sets = make([]kv, 0, len(newIdx.keys))
	w.touch = touchDiff(r, tr.oldIdx.keys, newIdx.keys)
	for k := range tr.oldIdx.keys {
		if _, ok := newIdx.keys[k]; !ok {
			w.dels = append(w.dels, k)
		}
	}
	for k, v := range newIdx.keys {
		if old, ok := tr.oldIdx.keys[k]; ok && string(old) == string(v) {
			continue
		}
		w.sets = append(w.sets, kv{k, v})
	}
	// Words lost stay in their blocks (search checks); only new ones go in.
	for _, word := range newIdx.words {
		if !slices.Contains(tr.oldIdx.words, word) {
			w.words = append(w.words, word)
		}
	}
	return w
}

// parallelMin is the work below which goroutines cost more than they save.
const parallelMin = 64

// parallel calls fn(0..n-1) on every core and returns the first error.
func parallel(n int, fn func(i int) error) error {
	workers := min(runtime.GOMAXPROCS(0), n/parallelMin+1)
	if workers <= 1 {
		for i := range n {
			if err := fn(i); err != nil {
				return err
			}
		}
		return nil
	}
	var (
		wg    stdsync.WaitGroup
		mu    stdsync.Mutex
		first error
	)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				if err := fn(i); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	return first
}
