package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/dgraph-io/badger/v4"
)

// Reader reads materialised state: records, views, indexes. A Tx embeds one
// that also sees the transaction's own writes.
type Reader struct {
	ctx context.Context
	txn *badger.Txn
	// open makes a write transaction's Badger transaction at its first
	// read or write, so the work before that overlaps the commit ahead of it
	// (a new Badger transaction waits for every commit queued before it).
	open func() *badger.Txn
	// early serves record reads before open (see earlyRecords).
	early *earlyRecords
	tx    *Tx
	// reuse lets Find keep one index iterator for the whole transaction
	// (an import looks up every card); whoever sets it calls closeKeys.
	reuse bool
	keys  *badger.Iterator
}

// t is the Badger transaction, made on first use in a write transaction.
func (r *Reader) t() *badger.Txn {
	if r.txn == nil {
		r.txn = r.open()
	}
	return r.txn
}

// closeKeys closes the iterator Find kept, before the transaction ends or
// writes (an iterator sees only what was written before it was made).
func (r *Reader) closeKeys() {
	if r.keys != nil {
		r.keys.Close()
		r.keys = nil
	}
	r.reuse = false
}

// Ref names an entity.
type Ref struct {
	Kind Kind   `json:"kind"`
	ID   string `json:"id"`
}

func (r *Reader) getStored(k Kind, id string) (*Record, error) {
	rec, err := r.stored(k, id)
	if err == nil && rec == nil {
		return nil, fmt.Errorf("%s %s: %w", k, id, ErrNotFound)
	}
	return rec, err
}

// stored is getStored with an entity that is not there as nil, no error:
// applying a team space's new items asks for thousands of those, and an
// error made for each cost a third as much as the lookup.
func (r *Reader) stored(k Kind, id string) (*Record, error) {
	if r.txn == nil && r.early != nil {
		if rec, known := r.early.lookup(k, id); rec != nil || known {
			return rec, nil
		}
		return r.decodeRecord(k, id, r.early.snap)
	}
	return r.decodeRecord(k, id, r.t())
}

func (r *Reader) decodeRecord(k Kind, id string, txn *badger.Txn) (*Record, error) {
	it, err := txn.Get([]byte(recKey(k, id)))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	rec := &Record{}
	if err := it.Value(func(b []byte) error { return unmarshalRecord(b, rec) }); err != nil {
		return nil, fmt.Errorf("%s %s: %w", k, id, err)
	}
	if rec.Fields == nil {
		rec.Fields = map[string]*FieldState{}
	}
	return rec, nil
}

// Record returns an entity's merge state (in Trash or not).
func (r *Reader) Record(k Kind, id string) (*Record, error) {
	if r.tx != nil {
		// Through the transaction's cache, so a record read and then
		// written (an import's match) is decoded once.
		tr, err := r.tx.load(k, id, false)
		if err != nil {
			return nil, err
		}
		if tr == nil || tr.rec.isEmpty() {
			return nil, fmt.Errorf("%s %s: %w", k, id, ErrNotFound)
		}
		return tr.rec, nil
	}
	return r.getStored(k, id)
}

// Entity returns the typed view of an entity (Person, Event…), including
// one in Trash (Meta.Trashed tells).
func (r *Reader) Entity(k Kind, id string) (Entity, error) {
	rec, err := r.Record(k, id)
	if err != nil {
		return nil, err
	}
	return r.view(rec), nil
}

// Lookup finds an entity by ID alone, trying each kind.
func (r *Reader) Lookup(id string) (Entity, error) {
	kinds := Kinds
	if strings.HasPrefix(id, "topic-") {
		kinds = []Kind{KindTopic}
	}
	for _, k := range kinds {
		e, err := r.Entity(k, id)
		if err == nil {
			return e, nil
		}
		if !errors.Is(err, ErrNotFound) {
			return nil, err
		}
	}
	return nil, fmt.Errorf("%q: %w", id, ErrNotFound)
}

// view builds the typed view of a record.
func (r *Reader) view(rec *Record) Entity {
	ks := schema[rec.Kind]
	e, _ := NewEntity(rec.Kind)
	m := e.Base()
	m.ID, m.Created, m.Updated, m.Trashed = rec.ID, rec.Created.Wall(), rec.Updated.Wall(), rec.Trashed()
	v := reflect.ValueOf(e).Elem()
	for _, fs := range ks.fields {
		switch fs.typ {
		case set:
			els := rec.Elements(fs.name)
			if fs.ref == KindTopic {
				for i, id := range els {
					els[i] = r.TopicName(id)
				}
			}
			setField(fs, v, els)
		default:
			setField(fs, v, []string{rec.Scalar(fs.name)})
			if fs.typ == register && rec.InConflict(fs.name) {
				m.Conflicts = append(m.Conflicts, Conflict{Field: fs.name, Values: rec.Fields[fs.name].values()})
			}
		}
	}
	return e
}

// TopicName is a topic's name (its ID if it has none yet).
func (r *Reader) TopicName(id string) string {
	if rec, err := r.Record(KindTopic, id); err == nil {
		if n := rec.Scalar("name"); n != "" {
			return n
		}
	}
	return id
}

// Find returns the entities an index holds for a value: idx is one of
// "email", "phone", "uid", "name" (normalised title), "topic" (topic ID).
// Values are normalised as the index stores them. Entities in Trash are
// included for the matching indexes; Record.Trashed tells.
func (r *Reader) Find(idx, value string) ([]Ref, error) {
	switch idx {
	case idxEmail:
		value = NormalizeEmail(value)
	case idxPhone:
		value = NormalizePhone(value)
	case idxName:
		value = NormalizeName(value)
	}
	if value == "" {
		return nil, nil
	}
	prefix := []byte(ikey(idx, clean(value), ""))
	var out []Ref
	err := r.scanIndex(prefix, func(rest []byte) bool {
		k, id, _ := strings.Cut(string(rest), sep)
		out = append(out, Ref{Kind: Kind(k), ID: id})
		return true
	})
	return out, err
}

// scanIndex is scanKeys over the index range, reusing one iterator where
// the Reader allows it: seeking is far cheaper than making an iterator.
func (r *Reader) scanIndex(prefix []byte, fn func(rest []byte) bool) error {
	if !r.reuse {
		return r.scanKeys(prefix, fn)
	}
	if r.keys == nil {
		r.keys = r.t().NewIterator(badger.IteratorOptions{Prefix: []byte(pIndex)})
	}
	it := r.keys
	n := 0
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		if n++; n%1024 == 0 && r.ctx != nil && r.ctx.Err() != nil {
			return r.ctx.Err()
		}
		if !fn(it.Item().Key()[len(prefix):]) {
			break
		}
	}
	return nil
}

// Referrers are the entities whose reference fields point at id (a person's
// interactions, a community's events…), as kind, id and field.
func (r *Reader) Referrers(id string) ([]Referrer, error) {
	var out []Referrer
	err := r.scanKeys([]byte(ikey(idxRef, clean(id), "")), func(rest []byte) bool {
		parts := strings.Split(string(rest), sep)
		if len(parts) == 3 {
			out = append(out, Referrer{Ref: Ref{Kind: Kind(parts[0]), ID: parts[1]}, Field: parts[2]})
		}
		return true
	})
	return out, err
}

// Referrer is an entity pointing at another through Field.
type Referrer struct {
	Ref
	Field string `json:"field"`
}

// scanKeys calls fn with what follows prefix in each key, keys only, until
// fn returns false.
func (r *Reader) scanKeys(prefix []byte, fn func(rest []byte) bool) error {
	it := r.t().NewIterator(badger.IteratorOptions{Prefix: prefix})
	defer it.Close()
	n := 0
	for it.Rewind(); it.Valid(); it.Next() {
		if n++; n%1024 == 0 && r.ctx != nil && r.ctx.Err() != nil {
			return r.ctx.Err()
		}
		if !fn(it.Item().Key()[len(prefix):]) {
			break
		}
	}
	return nil
}

// Count is the number of live (not trashed) entities of a kind.
func (r *Reader) Count(k Kind) int {
	b, err := getBytes(r.t(), []byte(pMeta+"count/"+string(k)))
	if err != nil || len(b) != 8 {
		return 0
	}
	return int(binary.BigEndian.Uint64(b))
}

// ListOptions selects a page of a list.
type ListOptions struct {
	Offset, Limit int
	Reverse       bool   // newest first for dated kinds
	From, To      string // dated kinds: keys in [From, To]
	Trash         bool   // list Trash instead
}

// List returns a page of a kind's live entities in display order: people
// by name, dated things by date.
func (r *Reader) List(k Kind, o ListOptions) ([]Summary, error) {
	if _, err := specFor(k); err != nil {
		return nil, err
	}
	if o.Limit <= 0 {
		o.Limit = 100
	}
	if o.Trash {
		return r.listTrash(k, o)
	}
	prefix := []byte(ikey(idxSort, string(k), ""))
	opts := badger.IteratorOptions{Prefix: prefix, Reverse: o.Reverse}
	it := r.t().NewIterator(opts)
	defer it.Close()
	seek := append([]byte(nil), prefix...)
	if o.Reverse {
		seek = append(seek, 0xff)
		if o.To != "" {
			seek = append(append([]byte(nil), prefix...), []byte(o.To+"\xff")...)
		}
	} else if o.From != "" {
		seek = append(seek, o.From...)
	}
	upper := []byte(o.To + "\xff")
	out := []Summary{}
	skipped := 0
	for it.Seek(seek); it.Valid(); it.Next() {
		key := it.Item().Key()[len(prefix):]
		if o.To != "" && bytes.Compare(key, upper) > 0 {
			if !o.Reverse {
				break
			}
			continue
		}
		if o.From != "" && bytes.Compare(key, []byte(o.From)) < 0 {
			if o.Reverse {
				break
			}
			continue
		}
		if skipped < o.Offset {
			skipped++
			continue
		}
		var s Summary
		id := sortedID(key)
		if err := it.Item().Value(func(b []byte) (err error) { s, err = decodeSummary(b, k, id); return err }); err != nil {
			return nil, err
		}
		out = append(out, s)
		if len(out) == o.Limit {
			break
		}
	}
	return out, nil
}

func (r *Reader) listTrash(k Kind, o ListOptions) ([]Summary, error) {
	var ids []string
	err := r.scanKeys([]byte(ikey(idxTrash, string(k), "")), func(rest []byte) bool {
		ids = append(ids, string(rest))
		return true
	})
	if err != nil {
		return nil, err
	}
	out := []Summary{}
	for i, id := range ids {
		if i < o.Offset {
			continue
		}
		rec, err := r.Record(k, id)
		if err != nil {
			return nil, err
		}
		out = append(out, rec.summary())
		if len(out) == o.Limit {
			break
		}
	}
	return out, nil
}

// Summary of one entity.
func (r *Reader) Summary(k Kind, id string) (Summary, error) {
	rec, err := r.Record(k, id)
	if err != nil {
		return Summary{}, err
	}
	return rec.summary(), nil
}

// Conflicted lists the entities with a field in conflict.
func (r *Reader) Conflicted() ([]Ref, error) {
	var out []Ref
	err := r.scanKeys([]byte(ikey(idxConflict, "")), func(rest []byte) bool {
		k, id, _ := strings.Cut(string(rest), sep)
		out = append(out, Ref{Kind: Kind(k), ID: id})
		return true
	})
	return out, err
}

// Each calls fn for every live entity of a kind, in no particular order,
// until fn returns false. For derived views (nurture, coverage, export).
func (r *Reader) Each(k Kind, fn func(rec *Record) bool) error {
	return r.eachRecord(k, func(rec *Record) bool { return rec.Trashed() || fn(rec) })
}

// View is the typed view of a record read with Each.
func (r *Reader) View(rec *Record) Entity { return r.view(rec) }
