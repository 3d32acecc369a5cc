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

// lookup is the record as the commit ahead left it. known says that commit
// looked it up; rec is then nil if it neither found nor made it.
func (e *earlyRecords) lookup(k Kind, id string) (rec *Record, known bool) {
	tr, ok := e.recs[recKey(k, id)]
	if ok && (tr.stored || tr.dirty) {
		return tr.rec, true
	}
	return nil, ok
}

func (e *earlyRecords) discard() {
	if e != nil {
		e.snap.Discard()
	}
}
