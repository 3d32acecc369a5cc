package folder

import (
	"bytes"
	"cmp"
	"crypto/ed25519"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/fxamacker/cbor/v2"

	"learnwork/store"
	"learnwork/sync/identity"
)

// A reader that could not use part of the folder says so in a small signed
// file in its own directory, lacksName: what it holds, and which segments
// it rejected (tampered, cut short, renamed). A writer that finds a paired
// reader lacking changes the folder no longer holds validly for it (every
// segment that held them rejected by that reader, or deleted) writes them
// again in new segments. The file lives beside the reader's segments
// rather than in their headers because a reader with nothing of its own to
// write has no segment to put it in, and "a sync with nothing new writes
// nothing" stays true: the file is written only while something is wrong,
// and once more when it is put right.
const (
	lacksName  = "lacks"
	lacksMagic = "LWLACK1\n"
	maxLacks   = 1 << 20
)

// lacks is what a reader reports.
type lacks struct {
	Reader  ed25519.PublicKey `cbor:"1,keyasint"`
	Holds   store.Vector      `cbor:"2,keyasint"`           // the reader's vector at its last sync
	Bad     []string          `cbor:"3,keyasint,omitempty"` // "<writer ID>/<segment name>" it rejected
	Waiting int               `cbor:"4,keyasint,omitempty"` // changes it holds back for missing ones
	Created int64             `cbor:"5,keyasint"`
}

// wrong reports whether the reader is short of something.
func (l *lacks) wrong() bool { return l != nil && (len(l.Bad) > 0 || l.Waiting > 0) }

// same reports whether two reports say the same (the time aside).
func (l *lacks) same(o *lacks) bool {
	return l != nil && o != nil && l.Holds.Compare(o.Holds) == store.Equal && slices.Equal(l.Bad, o.Bad) && l.Waiting == o.Waiting
}

func encodeLacks(self *identity.Identity, l lacks) []byte {
	l.Reader = self.Public()
	b, _ := cbor.Marshal(l)
	out := append([]byte(lacksMagic), binary.BigEndian.AppendUint32(nil, uint32(len(b)))...)
	out = append(out, b...)
	return append(out, self.Sign(out)...)
}

// readLacks reads a reader's report, nil if there is none or it does not
// verify against the reader's key (half copied, altered).
func readLacks(path string, key ed25519.PublicKey) *lacks {
	data, err := os.ReadFile(path)
	if err != nil || len(data) > maxLacks || len(data) < len(lacksMagic)+4+ed25519.SignatureSize || string(data[:len(lacksMagic)]) != lacksMagic {
		return nil
	}
	n := int(binary.BigEndian.Uint32(data[len(lacksMagic):]))
	end := len(lacksMagic) + 4 + n
	if n <= 0 || end+ed25519.SignatureSize != len(data) || !identity.Verify(key, data[:end], data[end:]) {
		return nil
	}
	var l lacks
	if dec.Unmarshal(data[len(lacksMagic)+4:end], &l) != nil || !bytes.Equal(l.Reader, key) || l.Holds == nil {
		return nil
	}
	return &l
}

// writeLacks replaces this device's report.
func writeLacks(dir string, self *identity.Identity, l lacks) error {
	path := filepath.Join(dir, lacksName)
	tmp := filepath.Join(dir, fmt.Sprintf(".tmp-%s-%d", lacksName, os.Getpid()))
	if err := os.WriteFile(tmp, encodeLacks(self, l), 0o600); err != nil {
		return fmt.Errorf("write %s: %w", lacksName, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", lacksName, err)
	}
	return nil
}

// span is the changes one segment holds: for each device, those after
// from and up to to.
type span struct{ from, to store.Vector }

// heldBy reports whether the spans hold every change of every device after
// have and up to want.
func heldBy(have, want store.Vector, spans []span) bool {
	for d, top := range want {
		pos := have[d]
		if top <= pos {
			continue
		}
		var ivs [][2]uint64
		for _, s := range spans {
			if s.to[d] > s.from[d] {
				ivs = append(ivs, [2]uint64{s.from[d], s.to[d]})
			}
		}
		slices.SortFunc(ivs, func(a, b [2]uint64) int { return cmp.Compare(a[0], b[0]) })
		for _, iv := range ivs {
			if iv[0] > pos {
				break
			}
			pos = max(pos, iv[1])
		}
		if pos < top {
			return false
		}
	}
	return true
}
