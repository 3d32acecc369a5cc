package folder

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"filippo.io/age"

	"learnwork/store"
	devsync "learnwork/sync"
	"learnwork/sync/identity"
	"learnwork/sync/trust"
)

// publish writes the changes this store holds that the folder lacks, in
// new segments in this device's directory. What the folder holds is read
// from the headers: this device's latest segment that every paired device
// can decrypt, and the other devices' latest ones. A device paired since
// the last segment makes the next one start from the beginning, so it can
// read everything.
func publish(ctx context.Context, st devsync.Log, list *trust.List, self *identity.Identity, base string, writers []*writer, heads headers, opts Options, rep *Report) error {
	active := list.Active()
	required := []string{self.ID()}
	recips := []age.Recipient{self.AgeIdentity().Recipient()}
	for _, d := range active {
		r, err := age.ParseX25519Recipient(d.Age)
		if err != nil {
			return fmt.Errorf("paired device %s has a bad encryption key: %w", d.Name, err)
		}
		required = append(required, d.ID)
		recips = append(recips, r)
	}
	slices.Sort(required)

	known := store.Vector{}
	next := uint64(1)
	for _, w := range writers {
		if len(w.segs) == 0 {
			continue
		}
		if w.self {
			next = w.segs[len(w.segs)-1].last + 1
		}
		key := w.dev.PublicKey
		for i := len(w.segs) - 1; i >= 0; i-- {
			h, err := heads.get(w.segs[i].path, key)
			if err != nil || h.First != w.segs[i].first || h.Last != w.segs[i].last {
				continue
			}
			if readableBy(h.Recipients, required, w.id) {
				known.Merge(h.Covers)
				break
			}
		}
	}
	have := st.Vector()
	pub := &publisher{self: self, dir: filepath.Join(base, self.ID()), required: required, recips: recips, next: next, now: opts.Now, rep: rep, last: have}
	if have.Missing(known) > 0 {
		if err := pub.write(ctx, st, known); err != nil {
			return err
		}
	}
	if from, ok := rewriteFrom(writers, heads, have, pub.spans); ok {
		if err := pub.write(ctx, st, from); err != nil {
			return err
		}
	}
	rep.Devices = append(rep.Devices, DeviceState{ID: self.ID(), Name: list.Name(), Segments: segCount(writers) + len(rep.Written), Vector: pub.last})
	return nil
}

// publisher writes this device's segments.
type publisher struct {
	self     *identity.Identity
	dir      string
	required []string // device IDs every segment is encrypted to
	recips   []age.Recipient
	next     uint64 // the number the next segment starts at
	now      func() time.Time
	rep      *Report
	spans    []span       // what the segments written in this sync hold
	last     store.Vector // the latest segment's Covers
}

// write writes the changes after known in segments of about segmentTarget
// bytes, announced and cut by the sync engine's Plan and Batcher.
func (pub *publisher) write(ctx context.Context, st devsync.Log, known store.Vector) error {
	from, covers := known.Clone(), known.Clone()
	var (
		batches [][]byte
		batcher devsync.Batcher
		p       devsync.Plan
		segSize int
	)
	addBatch := func(b []byte) {
		if b != nil {
			batches = append(batches, b)
			segSize += len(b)
		}
	}
	writeSeg := func() error {
		b, _ := batcher.Flush()
		addBatch(b)
		if p.Changes == 0 {
			return nil
		}
		h := header{First: pub.next, Last: pub.next + uint64(p.Changes) - 1, Covers: covers.Clone(), From: from, Recipients: pub.required, Created: pub.now().Unix()}
		data, err := encodeSegment(pub.self, h, p, batches, pub.recips)
		if err != nil {
			return err
		}
		name := segName(h.First, h.Last)
		if err := writeAtomic(filepath.Join(pub.dir, name), data); err != nil {
			return err
		}
		pub.rep.Written = append(pub.rep.Written, name)
		pub.rep.BytesWritten += int64(len(data))
		pub.rep.Sent += p.Changes
		pub.spans = append(pub.spans, span{from: from, to: h.Covers})
		pub.next, pub.last = h.Last+1, h.Covers
		from = covers.Clone()
		batches, p, segSize = nil, devsync.Plan{}, 0
		return nil
	}
	err := st.ChangesSince(ctx, known, func(raw []byte) error {
		c, err := store.DecodeChange(raw)
		if err != nil {
			return fmt.Errorf("own log: %w", err)
		}
		p.Add(c)
		covers[c.Device] = max(covers[c.Device], c.Last())
		b, _ := batcher.Add(raw)
		addBatch(b)
		if segSize >= segmentTarget {
			return writeSeg()
		}
		return nil
	})
	if err != nil {
		return err
	}
	return writeSeg()
}

// rewriteFrom finds the paired readers whose report says they are short of
// changes this device holds that no segment they can use holds any more
// (each one that did was rejected by them, or deleted), and returns where
// to write again from: the least of what those readers hold.
func rewriteFrom(writers []*writer, heads headers, have store.Vector, written []span) (store.Vector, bool) {
	var from store.Vector
	for _, r := range writers {
		if r.self || !r.lacks.wrong() || r.lacks.Holds.Covers(have) {
			continue
		}
		bad := map[string]bool{}
		for _, b := range r.lacks.Bad {
			bad[b] = true
		}
		spans := slices.Clone(written)
		for _, w := range writers {
			for _, s := range w.segs {
				if bad[w.id+"/"+s.name] {
					continue
				}
				h, err := heads.get(s.path, w.dev.PublicKey)
				if err != nil || h.First != s.first || h.Last != s.last || h.From == nil || (w.id != r.id && !slices.Contains(h.Recipients, r.id)) {
					continue
				}
				spans = append(spans, span{from: h.From, to: h.Covers})
			}
		}
		if heldBy(r.lacks.Holds, have, spans) {
			continue
		}
		if from == nil {
			from = r.lacks.Holds.Clone()
			continue
		}
		for d := range from {
			from[d] = min(from[d], r.lacks.Holds[d])
		}
	}
	return from, from != nil
}

// readableBy reports whether a segment's recipients include every device
// that needs it (the writer itself aside).
func readableBy(recipients, required []string, writer string) bool {
	for _, id := range required {
		if id != writer && !slices.Contains(recipients, id) {
			return false
		}
	}
	return true
}

func segCount(ws []*writer) int {
	for _, w := range ws {
		if w.self {
			return len(w.segs)
		}
	}
	return 0
}

// writeAtomic writes to a temporary name and renames, so a reader never
// sees a half-written segment under a segment's name.
func writeAtomic(path string, data []byte) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("segment %s exists already; is another copy of this device writing to the folder?", path)
	}
	tmp := filepath.Join(filepath.Dir(path), fmt.Sprintf(".tmp-%d-%d", os.Getpid(), time.Now().UnixNano()))
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("write segment: %w", err)
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write segment: %w", err)
	}
	return nil
}
