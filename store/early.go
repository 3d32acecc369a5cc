package store

import "github.com/dgraph-io/badger/v4"

// earlyRecords lets a queued write (Store.UpdateQueued) read records before
// the commit ahead of it has landed, so its work overlaps that commit: a
// Badger transaction made now would wait for it. Records change only in a
// Tx, so the state after the commit ahead is its own working copies over a
// snapshot taken before it. Every other read (indexes, counts) still
// waits: the Tx makes its Badger transaction then.
type earlyRecords struct {
	snap *badger.Txn       // read-only, as of before the commit ahead
	recs map[string]*txRec // the commit ahead's working copies
}

// get is the record as the commit ahead left it, or nil if it did not
// touch it.
func (e *earlyRecords) get(k Kind, id string) *Record {
	if tr, ok := e.recs[recKey(k, id)]; ok && (tr.stored || tr.dirty) {
		return tr.rec
	}
	return nil
}

// has says the commit ahead looked the record up (and, with get nil, did
// not find or make it).
func (e *earlyRecords) has(k Kind, id string) bool {
	_, ok := e.recs[recKey(k, id)]
	return ok
}

func (e *earlyRecords) discard() {
	if e != nil {
		e.snap.Discard()
	}
}
