package store

import (
	"cmp"
	"encoding/json"
	"slices"
	"strings"

	"github.com/dgraph-io/badger/v4"
)

// CameFrom is where one person came from: the imports behind them and
// whether they were added by hand.
type CameFrom struct {
	// Batches are this device's imports, not undone, that created the
	// person or wrote a value the person still shows.
	Batches []string
	// Elsewhere: an import made on another device wrote a value they
	// show (its record, with its format, stays where it ran).
	Elsewhere bool
	// Typed: no import created them; they were added by hand.
	Typed bool
}

// batchRun is one transaction's run of seqs in a batch (its "r" key).
type batchRun struct {
	first, last uint64
	batch       string
}

// PeopleCameFrom tells, for every person not in Trash, where they came
// from, with the records of this device's imports by ID. dev is this
// store's device: a value's dot from it is placed in its import by the
// import's runs of seqs, so no change is read from the log. One pass over
// the batch keys and one over the people's records.
func (r *Reader) PeopleCameFrom(dev DeviceID) (map[string]CameFrom, map[string]Batch, error) {
	batches := map[string]Batch{}
	var runs []batchRun
	created := map[string][]string{} // person → the imports that created them
	it := r.t().NewIterator(badger.IteratorOptions{Prefix: []byte(pBatch)})
	for it.Rewind(); it.Valid(); it.Next() {
		id, part, ok := strings.Cut(string(it.Item().Key()[len(pBatch):]), sep)
		if !ok || part == "" || strings.HasPrefix(id, undoPrefix) {
			continue // an undo's own runs: what it put back is no import's
		}
		err := it.Item().Value(func(v []byte) error {
			switch {
			case part == "m":
				var b Batch
				if err := json.Unmarshal(v, &b); err != nil {
					return err
				}
				b.ID = id
				batches[id] = b
			case part[0] == 'r' && len(part) == 9 && len(v) == 8:
				runs = append(runs, batchRun{first: beUint64([]byte(part[1:])), last: beUint64(v), batch: id})
			case part[0] == 'C':
				for e := range strings.SplitSeq(string(v), "\n") {
					if k, pid, _ := strings.Cut(e, sep); Kind(k) == KindPerson {
						created[pid] = append(created[pid], id)
					}
				}
			case part[0] == 'c': // one key per entity, as stores before v3 wrote
				if k, pid, _ := strings.Cut(part[1:], sep); Kind(k) == KindPerson {
					created[pid] = append(created[pid], id)
				}
			}
			return nil
		})
		if err != nil {
			it.Close()
			return nil, nil, err
		}
	}
	it.Close()
	slices.SortFunc(runs, func(a, b batchRun) int { return cmp.Compare(a.first, b.first) })
	live := func(id string) bool { b, ok := batches[id]; return ok && !b.Undone }
	batchAt := func(seq uint64) string {
		i, _ := slices.BinarySearchFunc(runs, seq, func(x batchRun, s uint64) int {
			if x.first <= s {
				return -1
			}
			return 1
		})
		if i == 0 || runs[i-1].last < seq {
			return ""
		}
		return runs[i-1].batch
	}

	out := map[string]CameFrom{}
	prefix := []byte(recKey(KindPerson, ""))
	it = r.t().NewIterator(badger.IteratorOptions{Prefix: prefix, PrefetchValues: true, PrefetchSize: 100})
	defer it.Close()
	n := 0
	for it.Rewind(); it.Valid(); it.Next() {
		if n++; n%1024 == 0 && r.ctx != nil && r.ctx.Err() != nil {
			return nil, nil, r.ctx.Err()
		}
		id := string(it.Item().Key()[len(prefix):])
		rec := &Record{}
		if err := it.Item().Value(func(b []byte) error { return unmarshalRecord(b, rec) }); err != nil {
			return nil, nil, err
		}
		if rec.isEmpty() || rec.Trashed() {
			continue
		}
		var cf CameFrom
		add := func(b string) {
			if live(b) && !slices.Contains(cf.Batches, b) {
				cf.Batches = append(cf.Batches, b)
			}
		}
		byImport := false // the values written when the person was made came from an import
		for _, b := range created[id] {
			byImport = true
			add(b)
		}
		for _, f := range rec.Fields {
			for _, v := range f.Vals {
				if v.Batch != "b" {
					continue // typed in, or put back by an undo
				}
				if v.HLC == rec.Created {
					byImport = true
				}
				if v.Dot.Device != dev {
					cf.Elsewhere = true
				} else if b := batchAt(v.Dot.Seq); b != "" {
					add(b)
				}
			}
		}
		cf.Typed = !byImport
		out[id] = cf
	}
	return out, batches, nil
}
