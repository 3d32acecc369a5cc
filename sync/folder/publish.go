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
	if have.Missing(known) == 0 {
		rep.Devices = append(rep.Devices, DeviceState{ID: self.ID(), Name: list.Name(), Segments: segCount(writers), Vector: have})
		return nil
	}

	covers := known.Clone()
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
		h := header{First: next, Last: next + uint64(p.Changes) - 1, Covers: covers.Clone(), Recipients: required, Created: opts.Now().Unix()}
		data, err := encodeSegment(self, h, p, batches, recips)
		if err != nil {
			return err
		}
		name := segName(h.First, h.Last)
		if err := writeAtomic(filepath.Join(base, self.ID(), name), data); err != nil {
			return err
		}
		rep.Written = append(rep.Written, name)
		rep.BytesWritten += int64(len(data))
		rep.Sent += p.Changes
		next = h.Last + 1
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
	if err := writeSeg(); err != nil {
		return err
	}
	rep.Devices = append(rep.Devices, DeviceState{ID: self.ID(), Name: list.Name(), Segments: segCount(writers) + len(rep.Written), Vector: covers})
	return nil
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
