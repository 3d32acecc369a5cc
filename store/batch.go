package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// Batch is a group of changes made together (an import), undoable as one.
type Batch struct {
	ID      string         `json:"id"`
	Label   string         `json:"label"`
	Created string         `json:"created"`
	Undone  bool           `json:"undone,omitempty"`
	Counts  map[string]int `json:"counts,omitempty"`
	// An import's file, so an interrupted import can be reported and
	// finished: File is where it was read from, Total how many records it
	// holds (0: not counted), Done how many of them the committed
	// transactions have handled. Open is set from BeginImport until
	// FinishBatch; an import that ended otherwise (a crash, kill -9, an
	// error, a full disk) keeps it.
	File       string `json:"file,omitempty"`
	Total      int    `json:"total,omitempty"`
	Done       int    `json:"done,omitempty"`
	Open       bool   `json:"open,omitempty"`
	FinishedBy string `json:"finishedBy,omitempty"` // the import that finished this one
	// Format is what the import read ("LinkedIn connections", "vCard"),
	// so a value can say where it came from (Origins).
	Format string `json:"format,omitempty"`
}

// Interrupted tells whether b is an import that stopped before its end
// and has been neither finished nor undone.
func (b Batch) Interrupted() bool { return b.Open && !b.Undone }

// undoPrefix starts the batch of an undo: "undo-" and the undone batch.
const undoPrefix = "undo-"

// UndoneBy tells whether a value's batch mark (Val.Batch) is an undo's.
func UndoneBy(mark string) bool { return strings.HasPrefix(mark, undoPrefix) }

func batchKey(id, part string) []byte { return []byte(pBatch + id + sep + part) }

// BeginBatch records a new batch and returns it; pass its ID to UpdateBatch.
func (s *Store) BeginBatch(label string) (Batch, error) {
	b := Batch{ID: NewID(), Label: label, Created: time.Now().UTC().Format(time.RFC3339)}
	return b, s.saveBatch(b)
}

// readDone reads how far an open import's committed transactions got.
func (b *Batch) readDone(txn *badger.Txn) error {
	v, err := getBytes(txn, batchKey(b.ID, "p"))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil
	}
	if err != nil || len(v) != 8 {
		return err
	}
	b.Done = int(beUint64(v))
	return nil
}

func (s *Store) saveBatch(b Batch) error {
	if err := s.room(); err != nil {
		return err
	}
	v, _ := json.Marshal(b)
	return s.db.Update(func(txn *badger.Txn) error { return txn.Set(batchKey(b.ID, "m"), v) })
}

// BeginImport records a new batch for importing file (its path), which
// holds total records (0 when not counted). Each transaction of the import
// says how far it got with Tx.BatchDone; until FinishBatch the batch is
// reported as interrupted (Interrupted).
func (s *Store) BeginImport(label, file string, total int) (Batch, error) {
	return s.BeginImportOf("", label, file, total)
}

// BeginImportOf is BeginImport for a file in a named format.
func (s *Store) BeginImportOf(format, label, file string, total int) (Batch, error) {
	b := Batch{ID: NewID(), Label: label, Created: time.Now().UTC().Format(time.RFC3339), File: file, Total: total, Open: true, Format: format}
	return b, s.saveBatch(b)
}

// BatchDone records, in this transaction, that the batch's first n records
// are handled, so the count always matches what was committed.
func (tx *Tx) BatchDone(n int) {
	if tx.batch == "" {
		return
	}
	if tx.meta == nil {
		tx.meta = map[string][]byte{}
	}
	tx.meta[string(batchKey(tx.batch, "p"))] = u64(nil, uint64(n))
}

// FinishBatch stores a batch's final counts and marks it complete, and with
// it every interrupted import of the same file: importing a file again
// changes only what the interrupted run had not done, so it finishes it.
func (s *Store) FinishBatch(b Batch) error {
	b.Open = false
	if b.File != "" && b.Total > 0 {
		b.Done = b.Total
	}
	if err := s.saveBatch(b); err != nil {
		return err
	}
	if b.File == "" {
		return nil
	}
	open, err := s.Interrupted()
	if err != nil {
		return err
	}
	for _, o := range open {
		if o.File == b.File && o.ID != b.ID {
			o.Open, o.FinishedBy = false, b.ID
			if err := s.saveBatch(o); err != nil {
				return err
			}
		}
	}
	return nil
}

// Interrupted lists the imports that stopped before their end and were
// neither finished nor undone, newest first.
func (s *Store) Interrupted() ([]Batch, error) {
	all, err := s.Batches()
	return slices.DeleteFunc(all, func(b Batch) bool { return !b.Interrupted() }), err
}

// Batches lists batches, newest first.
func (s *Store) Batches() ([]Batch, error) {
	out := []Batch{}
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(pBatch), PrefetchValues: false})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			// Only "b/<id>\0m"; a change key whose seq ends in 0x00 'm'
			// must not pass for one.
			if _, part, _ := strings.Cut(string(it.Item().Key()[len(pBatch):]), sep); part != "m" {
				continue
			}
			var b Batch
			if err := it.Item().Value(func(v []byte) error { return json.Unmarshal(v, &b) }); err != nil {
				return err
			}
			if b.Open {
				if err := b.readDone(txn); err != nil {
					return err
				}
			}
			out = append(out, b)
		}
		return nil
	})
	slices.SortFunc(out, func(a, b Batch) int { return strings.Compare(b.ID, a.ID) })
	return out, err
}

// recordBatch remembers which of this device's changes and new entities
// belong to the transaction's batch: one key for the transaction's run of
// seqs ("r" first → last) and one listing what it created ("C" first), so
// a 1000-card transaction adds two keys, not two thousand.
func (tx *Tx) recordBatch() error {
	if tx.batch == "" || len(tx.changes) == 0 {
		return nil
	}
	first, last := tx.changes[0].Seq, tx.changes[len(tx.changes)-1].Last()
	if err := tx.t().Set(append(batchKey(tx.batch, "r"), u64(nil, first)...), u64(nil, last)); err != nil {
		return tx.tooBig(err)
	}
	var created []string
	for _, tr := range tx.order {
		if !tr.stored && tr.dirty && len(tr.rec.Fields) > 0 && tr.rec.Kind != KindTopic {
			created = append(created, string(tr.rec.Kind)+sep+tr.rec.ID)
		}
	}
	if len(created) == 0 {
		return nil
	}
	return tx.tooBig(tx.t().Set(append(batchKey(tx.batch, "C"), u64(nil, first)...), []byte(strings.Join(created, "\n"))))
}

// Undo reverses a batch with new changes (so the undo syncs too): entities
// it created go to Trash, and each value it wrote that is still shown goes
// back to what was there before. Values edited since are left alone.
func (s *Store) Undo(ctx context.Context, id string) (Batch, error) {
	var b Batch
	var changes []*Change
	created := map[Ref]bool{}
	err := s.db.View(func(txn *badger.Txn) error {
		v, err := getBytes(txn, batchKey(id, "m"))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return fmt.Errorf("batch %s: %w", id, ErrNotFound)
		} else if err != nil {
			return err
		}
		if err := json.Unmarshal(v, &b); err != nil {
			return err
		}
		r := &Reader{ctx: ctx, txn: txn}
		prefix := batchKey(id, "")
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			rest := string(it.Item().Key()[len(prefix):])
			switch {
			case strings.HasPrefix(rest, "r"):
				var last uint64
				if err := it.Item().Value(func(v []byte) error { last = beUint64(v); return nil }); err != nil {
					return err
				}
				cs, err := r.changesBetween(s.dev, beUint64([]byte(rest[1:])), last)
				if err != nil {
					return err
				}
				changes = append(changes, cs...)
			case strings.HasPrefix(rest, "C"):
				err := it.Item().Value(func(v []byte) error {
					for _, e := range strings.Split(string(v), "\n") {
						k, eid, _ := strings.Cut(e, sep)
						created[Ref{Kind: Kind(k), ID: eid}] = true
					}
					return nil
				})
				if err != nil {
					return err
				}
			case strings.HasPrefix(rest, "c"): // one key per entity, as stores before v3 wrote
				k, eid, _ := strings.Cut(rest[1:], sep)
				created[Ref{Kind: Kind(k), ID: eid}] = true
			}
		}
		return nil
	})
	if err != nil {
		return b, err
	}
	if b.Undone {
		return b, nil
	}
	// Newest first, in chunks small enough for one transaction.
	slices.Reverse(changes)
	for len(changes) > 0 {
		n := min(len(changes), 500)
		chunk := changes[:n]
		changes = changes[n:]
		err := s.UpdateBatch(ctx, undoPrefix+id, func(tx *Tx) error {
			for _, c := range chunk {
				if err := tx.undoChange(c, created[Ref{Kind: c.Kind, ID: c.ID}]); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return b, fmt.Errorf("undo %s: %w", b.Label, err)
		}
	}
	b.Undone = true
	return b, s.saveBatch(b)
}

func (tx *Tx) undoChange(c *Change, created bool) error {
	tr, err := tx.load(c.Kind, c.ID, false)
	if err != nil || tr == nil || tr.rec.Trashed() {
		return err
	}
	if created {
		tx.op(tr, Op{Code: OpDelete, Prev: tr.rec.liveDots()})
		return nil
	}
	for i := len(c.Ops) - 1; i >= 0; i-- {
		op, dot := c.Ops[i], c.Dot(i)
		f := tr.rec.Fields[op.Field]
		if f == nil || !slices.ContainsFunc(f.Vals, func(v Val) bool { return v.Dot == dot }) {
			continue // changed since: the later edit stands
		}
		switch op.Code {
		case OpAdd:
			tx.op(tr, Op{Field: op.Field, Code: OpRemove, Prev: []Dot{dot}})
		case OpSet, OpText:
			before := ""
			if len(op.Prev) > 0 {
				if pc, pi, err := tx.opAt(op.Prev[0]); err == nil {
					before = pc.Ops[pi].Value
				}
			}
			tx.op(tr, Op{Field: op.Field, Code: op.Code, Value: before, Prev: tr.rec.dotsOf(op.Field, nil)})
		}
	}
	return nil
}

// changesBetween reads a device's changes from seq first through last.
func (r *Reader) changesBetween(d DeviceID, first, last uint64) ([]*Change, error) {
	prefix := u64([]byte(pLog), uint64(d))
	it := r.t().NewIterator(badger.IteratorOptions{Prefix: prefix})
	defer it.Close()
	var out []*Change
	for it.Seek(logKey(d, first)); it.Valid(); it.Next() {
		if beUint64(it.Item().Key()[len(prefix):]) > last {
			break
		}
		var c *Change
		err := it.Item().Value(func(b []byte) (err error) {
			c, err = DecodeChange(b)
			return err
		})
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}
