package store

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"
)

// ChangesSince streams the log entries not covered by have, each device's in
// seq order, from one snapshot. raw is only valid during the call. This is
// what a peer that holds have is missing.
func (s *Store) ChangesSince(ctx context.Context, have Vector, fn func(raw []byte) error) error {
	mine := s.Vector()
	return s.db.View(func(txn *badger.Txn) error {
		for _, d := range mine.Devices() {
			if mine[d] <= have[d] {
				continue
			}
			prefix := u64([]byte(pLog), uint64(d))
			it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, PrefetchValues: true, PrefetchSize: 256})
			err := func() error {
				defer it.Close()
				for it.Seek(logKey(d, have[d]+1)); it.Valid(); it.Next() {
					if err := ctx.Err(); err != nil {
						return err
					}
					if beUint64(it.Item().Key()[len(prefix):]) > mine[d] {
						break // written after this snapshot's vector was read
					}
					if err := it.Item().Value(fn); err != nil {
						return err
					}
				}
				return nil
			}()
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// LogSize is how many operations the log holds (the sum of the vector).
func (v Vector) LogSize() uint64 {
	var n uint64
	for _, s := range v {
		n += s
	}
	return n
}

// Missing counts the operations v holds that have does not.
func (v Vector) Missing(have Vector) uint64 {
	var n uint64
	for d, s := range v {
		if s > have[d] {
			n += s - have[d]
		}
	}
	return n
}

// Merge raises v to cover w as well.
func (v Vector) Merge(w Vector) {
	for d, s := range w {
		if s > v[d] {
			v[d] = s
		}
	}
}

// Covers reports whether v holds everything w does.
func (v Vector) Covers(w Vector) bool {
	o := v.Compare(w)
	return o == Equal || o == Greater
}

// Acknowledge records, in the same transaction, what a peer is known to
// hold, so progress and data commit together.
func (tx *Tx) Acknowledge(peer string, v Vector) {
	if tx.meta == nil {
		tx.meta = map[string][]byte{}
	}
	tx.meta[pPeer+peer] = encode(v)
}

// PeerVector is what a peer last acknowledged (empty if never).
func (s *Store) PeerVector(peer string) Vector {
	v := Vector{}
	_ = s.db.View(func(txn *badger.Txn) error {
		b, err := getBytes(txn, []byte(pPeer+peer))
		if err == nil {
			_ = decode(b, &v)
		}
		return nil
	})
	return v
}

// Acknowledged records what a peer holds outside any data transaction.
func (s *Store) Acknowledged(peer string, v Vector) error {
	return s.Update(context.Background(), func(tx *Tx) error {
		tx.Acknowledge(peer, v)
		return nil
	})
}

// Digest is a hash of the materialised state and the vector. Two stores that
// hold the same log have the same digest, whatever order it arrived in; a
// difference is a merge bug, never something to paper over.
func (s *Store) Digest(ctx context.Context) (sum [32]byte, v Vector, err error) {
	h := sha256.New()
	err = s.db.View(func(txn *badger.Txn) error {
		// Read the vector from the same snapshot as the records.
		v = Vector{}
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(pMeta + "vv/")})
		for it.Rewind(); it.Valid(); it.Next() {
			b, err := it.Item().ValueCopy(nil)
			if err != nil {
				it.Close()
				return err
			}
			v[DeviceID(beUint64(it.Item().Key()[len(pMeta+"vv/"):]))] = beUint64(b)
		}
		it.Close()
		for _, d := range v.Devices() {
			h.Write(u64(u64(nil, uint64(d)), v[d]))
		}
		it = txn.NewIterator(badger.IteratorOptions{Prefix: []byte(pEntity), PrefetchValues: true, PrefetchSize: 256})
		defer it.Close()
		var n [4]byte
		for it.Rewind(); it.Valid(); it.Next() {
			if err := ctx.Err(); err != nil {
				return err
			}
			k := it.Item().Key()
			binary.BigEndian.PutUint32(n[:], uint32(len(k)))
			h.Write(n[:])
			h.Write(k)
			if err := it.Item().Value(func(b []byte) error {
				binary.BigEndian.PutUint32(n[:], uint32(len(b)))
				h.Write(n[:])
				h.Write(b)
				return nil
			}); err != nil {
				return err
			}
		}
		return nil
	})
	copy(sum[:], h.Sum(nil))
	return sum, v, err
}

// Live reports whether an entity exists and is not in Trash.
func (r *Reader) Live(k Kind, id string) bool {
	rec, err := r.Record(k, id)
	return err == nil && !rec.Trashed()
}

// LiveTotal counts live entities of every kind but topics (which come and
// go with their use).
func (r *Reader) LiveTotal() int {
	n := 0
	for _, k := range Kinds {
		if k != KindTopic {
			n += r.Count(k)
		}
	}
	return n
}

// IsGap reports whether err says a change came before the ones it follows.
func IsGap(err error) bool { return errors.Is(err, ErrGap) }

func (tx *Tx) flushMeta() error {
	for k, v := range tx.meta {
		if err := tx.t().Set([]byte(k), v); err != nil {
			return tx.tooBig(err)
		}
	}
	return nil
}

// Ack is what a peer holds, recorded in the transaction that applies what
// it sent, so progress and data commit together. An empty Peer records
// nothing.
type Ack struct {
	Peer   string
	Vector Vector
}

// Held is a change that came before the ones it follows.
type Held struct {
	Index  int // in the raws given to ApplyChanges
	Change *Change
}

// Applied is what ApplyChanges did.
type Applied struct {
	Changes []*Change // applied, in the order they were
	Held    []Held    // waiting for earlier changes from their device
	Vector  Vector    // what the store holds once this commits
}

// ApplyChanges applies encoded remote changes in one queued transaction:
// all of them (each applied, already held, or held back for the ones before
// it), or, if one is damaged, none. Changes are tried in turn and the held
// ones again while any follows on, so the order within raws does not
// matter. ErrTooBig asks the caller to split raws.
func (s *Store) ApplyChanges(ctx context.Context, raws [][]byte, ack Ack) (Applied, error) {
	return s.ApplyDecoded(ctx, raws, nil, ack)
}

// ApplyDecoded is ApplyChanges for changes the caller decoded already (a
// team space checks each change's device before it applies them):
// decoded[i], when there is one and it is not nil, is DecodeChange(raws[i]);
// the others are decoded here.
func (s *Store) ApplyDecoded(ctx context.Context, raws [][]byte, decoded []*Change, ack Ack) (Applied, error) {
	cs := make([]*Change, len(raws))
	for i, raw := range raws {
		if i < len(decoded) && decoded[i] != nil {
			cs[i] = decoded[i]
			continue
		}
		c, err := DecodeChange(raw)
		if err != nil {
			return Applied{}, fmt.Errorf("change %d of the batch: %w", i+1, err)
		}
		cs[i] = c
	}
	if len(raws) > 1 && !s.fits(raws, cs) {
		return Applied{}, ErrTooBig
	}
	return s.applyDecoded(ctx, raws, cs, ack)
}

// applyDecoded builds and queues the transaction; cs[i] is raws[i] decoded.
func (s *Store) applyDecoded(ctx context.Context, raws [][]byte, cs []*Change, ack Ack) (Applied, error) {
	var out Applied
	err := s.UpdateQueued(ctx, "", func(tx *Tx) error {
		out = Applied{}
		tx.expect(len(raws))
		pending := make([]int, len(raws))
		for i := range pending {
			pending[i] = i
		}
		for progress := true; progress && len(pending) > 0; {
			progress = false
			out.Held = out.Held[:0]
			next := pending[:0]
			for _, i := range pending {
				c := cs[i]
				ok, err := tx.applyRemote(c, raws[i])
				switch {
				case IsGap(err):
					out.Held = append(out.Held, Held{Index: i, Change: c})
					next = append(next, i)
				case err != nil:
					return fmt.Errorf("change %d of the batch: %w", i+1, err)
				case ok:
					out.Changes = append(out.Changes, c)
					progress = true
				}
			}
			pending = next
		}
		if ack.Peer != "" {
			tx.Acknowledge(ack.Peer, ack.Vector)
		}
		out.Vector = tx.Vector()
		return nil
	})
	return out, err
}

// fits says whether applying changes stays, by an estimate, within what
// one Badger transaction takes (a sixth of a memtable), so a batch too big
// is refused before it is built, not built and then refused: a team space's
// 4,096 new items were built whole in a store with 16 MB memtables, only to
// be built again in halves. The estimate counts what a new entity writes:
// its log entries, its record, sort, summary and name entries, an entry
// per indexed field (per element of an indexed list) and a block of its
// search words; a batch it lets through that is still too big is refused
// by Badger as before.
func (s *Store) fits(raws [][]byte, cs []*Change) bool {
	const (
		logKey   = 17 // prefix, device, seq
		entryKey = 96 // an index entry or record: Badger's per-entry budget, key, value and version
		overhead = 12 // Badger's metas and version per entry
	)
	// A tenth spare for the transaction's own keys (vector, counts, clock)
	// and words shared less than the estimate assumes.
	maxCount, maxSize := s.db.MaxBatchCount()*9/10, s.db.MaxBatchSize()*9/10
	indexed := make(map[Ref]uint64, len(cs)) // each entity's indexed registers counted, by field position
	var count, size int64
	for i, c := range cs {
		if count >= maxCount || size >= maxSize {
			return false
		}
		count++
		v := int64(len(raws[i]))
		if v >= s.opts.ValueThreshold {
			v = 12 // a pointer into the value log
		}
		size += logKey + overhead + v
		ks := schema[c.Kind]
		if ks == nil {
			continue // a kind from a newer version is only logged
		}
		ref := Ref{Kind: c.Kind, ID: c.ID}
		seen, ok := indexed[ref]
		if !ok {
			count += 5 // record, sort, summary, name, a search-word block
			size += 5*entryKey + int64(len(raws[i]))
		}
		for _, op := range c.Ops {
			fs := ks.byName[op.Field]
			if fs == nil || (fs.idx == "" || fs.idx == idxTokens) && fs.ref == "" {
				continue
			}
			bit := uint64(1) << (fs.index % 64)
			switch {
			case fs.typ == set && op.Code == OpAdd:
			case fs.typ != set && seen&bit == 0:
				seen |= bit
			default:
				continue
			}
			count++
			size += entryKey
		}
		indexed[ref] = seen
	}
	return count < maxCount && size < maxSize
}

// LiveAmong counts the distinct entities of refs that are live, and every
// live entity (for the mass-delete guard).
func (s *Store) LiveAmong(ctx context.Context, refs []Ref) (n, live int, err error) {
	err = s.View(ctx, func(r *Reader) error {
		seen := map[Ref]bool{}
		for _, ref := range refs {
			if !seen[ref] && r.Live(ref.Kind, ref.ID) {
				n++
			}
			seen[ref] = true
		}
		live = r.LiveTotal()
		return nil
	})
	return n, live, err
}
