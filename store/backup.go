package store

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// BackupFormat names the JSON backup format.
const BackupFormat = "learnwork-backup"

type backupHeader struct {
	Format   string            `json:"format"`
	Version  int               `json:"version"`
	Created  string            `json:"created"`
	Device   string            `json:"device"`
	Changes  int               `json:"changes"`
	Settings map[string]string `json:"settings,omitempty"`
}

// backupChange is a change as JSON: readable fields, plus the exact bytes
// (Raw) that restore uses, so nothing a newer version wrote is lost.
type backupChange struct {
	Device string `json:"device"`
	Seq    uint64 `json:"seq"`
	Time   string `json:"time"`
	Kind   Kind   `json:"kind"`
	ID     string `json:"id"`
	Batch  string `json:"batch,omitempty"`
	Ops    []struct {
		Field string   `json:"field,omitempty"`
		Op    string   `json:"op"`
		Value string   `json:"value,omitempty"`
		Prev  []string `json:"prev,omitempty"`
	} `json:"ops"`
	Raw []byte `json:"raw"`
}

// Backup writes the whole log, the source of every record, as JSON: a
// header line, then one change per line. The device key is not included.
func (s *Store) Backup(ctx context.Context, w io.Writer) (int, error) {
	bw := bufio.NewWriterSize(w, 1<<16)
	n := 0
	err := s.db.View(func(txn *badger.Txn) error {
		r := &Reader{ctx: ctx, txn: txn}
		total := 0
		if err := r.EachChange(nil, func(raw []byte) error { total++; return nil }); err != nil {
			return err
		}
		hdr := backupHeader{Format: BackupFormat, Version: 1, Created: time.Now().UTC().Format(time.RFC3339),
			Device: s.dev.String(), Changes: total, Settings: s.Settings()}
		if err := writeJSONLine(bw, hdr); err != nil {
			return err
		}
		return r.EachChange(nil, func(raw []byte) error {
			c, err := DecodeChange(raw)
			if err != nil {
				return err
			}
			bc := backupChange{Device: c.Device.String(), Seq: c.Seq, Time: c.HLC.String(), Kind: c.Kind, ID: c.ID, Batch: c.Batch, Raw: raw}
			for _, op := range c.Ops {
				o := struct {
					Field string   `json:"field,omitempty"`
					Op    string   `json:"op"`
					Value string   `json:"value,omitempty"`
					Prev  []string `json:"prev,omitempty"`
				}{Field: op.Field, Op: op.Code.String(), Value: op.Value}
				for _, p := range op.Prev {
					o.Prev = append(o.Prev, p.String())
				}
				bc.Ops = append(bc.Ops, o)
			}
			n++
			return writeJSONLine(bw, bc)
		})
	})
	if err != nil {
		return n, fmt.Errorf("backup: %w", err)
	}
	return n, bw.Flush()
}

func writeJSONLine(w *bufio.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	_, err = w.Write(b)
	return err
}

// EachChange calls fn with every change held whose device's seq is above
// after (nil: all), device by device in log order.
func (r *Reader) EachChange(after Vector, fn func(raw []byte) error) error {
	it := r.t().NewIterator(badger.IteratorOptions{Prefix: []byte(pLog), PrefetchValues: true, PrefetchSize: 256})
	defer it.Close()
	n := 0
	for it.Rewind(); it.Valid(); {
		if n++; n%1024 == 0 && r.ctx != nil && r.ctx.Err() != nil {
			return r.ctx.Err()
		}
		key := it.Item().Key()
		if len(key) != len(pLog)+16 {
			it.Next()
			continue
		}
		dev := DeviceID(beUint64(key[len(pLog):]))
		if seq := beUint64(key[len(pLog)+8:]); after != nil && seq <= after[dev] {
			// Held already: jump to what follows in this device's log.
			next := logKey(dev, after[dev]+1)
			if after[dev] == math.MaxUint64 {
				next = append(logKey(dev, after[dev]), 0) // past the whole device
			}
			it.Seek(next)
			continue
		}
		raw, err := it.Item().ValueCopy(nil)
		if err != nil {
			return err
		}
		if err := fn(raw); err != nil {
			return err
		}
		it.Next()
	}
	return nil
}

// Restore reads a backup and applies every change it holds through the
// write path, like changes from another device: restoring into an empty
// store rebuilds every record exactly; into a used one it merges.
func (s *Store) Restore(ctx context.Context, rd io.Reader, progress func(done, total int)) (int, error) {
	br := bufio.NewReaderSize(rd, 1<<20)
	dec := json.NewDecoder(br)
	var hdr backupHeader
	if err := dec.Decode(&hdr); err != nil {
		return 0, fmt.Errorf("restore: not a Learnwork backup: %w", err)
	}
	if hdr.Format != BackupFormat {
		return 0, fmt.Errorf("restore: not a Learnwork backup (format %q)", hdr.Format)
	}
	if hdr.Version > 1 {
		return 0, fmt.Errorf("restore: backup version %d is newer than this Learnwork understands (1)", hdr.Version)
	}
	applied, line := 0, 1
	var chunk [][]byte
	flush := func() error {
		if len(chunk) == 0 {
			return nil
		}
		err := s.ApplyRemote(ctx, chunk)
		applied += len(chunk)
		chunk = chunk[:0]
		if progress != nil {
			progress(applied, hdr.Changes)
		}
		return err
	}
	for {
		var bc backupChange
		err := dec.Decode(&bc)
		if errors.Is(err, io.EOF) {
			break
		}
		line++
		if err != nil {
			return applied, fmt.Errorf("restore: line %d: %w", line, err)
		}
		if _, err := DecodeChange(bc.Raw); err != nil {
			return applied, fmt.Errorf("restore: line %d: %w", line, err)
		}
		chunk = append(chunk, bc.Raw)
		if len(chunk) == 1000 {
			if err := flush(); err != nil {
				return applied, fmt.Errorf("restore: near line %d: %w", line, err)
			}
		}
	}
	if err := flush(); err != nil {
		return applied, fmt.Errorf("restore: %w", err)
	}
	for k, v := range hdr.Settings {
		if s.Setting(k) == "" {
			if err := s.SetSetting(k, v); err != nil {
				return applied, err
			}
		}
	}
	return applied, nil
}

// ApplyRemote applies encoded changes (from a peer or a backup) in one
// transaction; see Tx.ApplyRemote. Those already held are skipped.
func (s *Store) ApplyRemote(ctx context.Context, raws [][]byte) error {
	return s.Update(ctx, func(tx *Tx) error {
		for _, raw := range raws {
			if _, err := tx.ApplyRemote(raw); err != nil {
				return err
			}
		}
		return nil
	})
}
