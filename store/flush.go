package store

import (
	"runtime"
	stdsync "sync"
)

// recWrite is what flushing one changed record writes: its encoding and
// the difference between its old and new index entries.
type recWrite struct {
	rec   []byte
	dels  []string
	sets  []kv
	words []string // search entries added: tok, kind, word, id (see postings)
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
	w := recWrite{rec: encode(r), live: !r.Trashed()}
	newIdx := r.indexEntries()
	w.touch = touchDiff(r, tr.oldIdx, newIdx)
	for k := range tr.oldIdx {
		if _, ok := newIdx[k]; !ok && !isWordEntry(k) {
			w.dels = append(w.dels, k)
		}
	}
	for k, v := range newIdx {
		if old, ok := tr.oldIdx[k]; ok && string(old) == string(v) {
			continue
		}
		if isWordEntry(k) {
			w.words = append(w.words, k)
			continue
		}
		w.sets = append(w.sets, kv{k, v})
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
