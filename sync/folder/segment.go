package folder

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	"filippo.io/age"
	"github.com/fxamacker/cbor/v2"

	"learnwork/store"
	devsync "learnwork/sync"
	"learnwork/sync/identity"
)

// A segment file is: magic, header length (4 bytes), the header (CBOR), the
// writer's Ed25519 signature of magic and header, then the body. The header
// is readable without the key, so a reader can skip a segment it already
// holds without decrypting it; it names the body's hash and size, so the
// signature covers the whole file. The body is age-encrypted to the paired
// devices: a plan (what it deletes) then compressed batches of changes.
const magic = "LWSEG1\n"

// Limits on what a reader accepts.
const (
	maxHeader  = 1 << 20
	maxSegment = 256 << 20
)

type header struct {
	Writer     ed25519.PublicKey `cbor:"1,keyasint"`
	First      uint64            `cbor:"2,keyasint"`
	Last       uint64            `cbor:"3,keyasint"`
	Covers     store.Vector      `cbor:"4,keyasint"` // the writer's vector once this was written
	Recipients []string          `cbor:"5,keyasint"` // device IDs that can decrypt it
	BodySize   int64             `cbor:"6,keyasint"`
	BodyHash   []byte            `cbor:"7,keyasint"`
	Created    int64             `cbor:"8,keyasint"`
	// From is the vector the body starts after: it holds, of each device,
	// the changes after From and up to Covers. Segments written before it
	// existed lack it.
	From store.Vector `cbor:"9,keyasint,omitempty"`
}

var dec, _ = cbor.DecOptions{MaxArrayElements: 1 << 20, MaxMapPairs: 1 << 16, MaxNestedLevels: 8}.DecMode()

// encodeSegment builds a whole segment file.
func encodeSegment(self *identity.Identity, h header, p devsync.Plan, batches [][]byte, recipients []age.Recipient) ([]byte, error) {
	var body bytes.Buffer
	w, err := age.Encrypt(&body, recipients...)
	if err != nil {
		return nil, fmt.Errorf("encrypt segment: %w", err)
	}
	pb, _ := cbor.Marshal(p)
	if err := writeChunk(w, pb); err != nil {
		return nil, err
	}
	for _, b := range batches {
		if err := writeChunk(w, b); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(body.Bytes())
	h.BodySize, h.BodyHash = int64(body.Len()), sum[:]
	h.Writer = self.Public()
	hb, err := cbor.Marshal(h)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(magic)+4+len(hb)+ed25519.SignatureSize+body.Len())
	out = append(out, magic...)
	out = binary.BigEndian.AppendUint32(out, uint32(len(hb)))
	out = append(out, hb...)
	out = append(out, self.Sign(out)...)
	return append(out, body.Bytes()...), nil
}

func writeChunk(w io.Writer, b []byte) error {
	if _, err := w.Write(binary.AppendUvarint(nil, uint64(len(b)))); err != nil {
		return err
	}
	_, err := w.Write(b)
	return err
}

// ErrRejected is a segment that fails a check: damaged, truncated, altered,
// or not from the device whose folder it is in.
var ErrRejected = errors.New("segment rejected")

// readHeader reads and verifies a segment's header from r. key is the
// writer's trusted public key.
func readHeader(r io.Reader, key ed25519.PublicKey) (header, int64, error) {
	var h header
	pre := make([]byte, len(magic)+4)
	if _, err := io.ReadFull(r, pre); err != nil {
		return h, 0, fmt.Errorf("%w: cut short before its header", ErrRejected)
	}
	if string(pre[:len(magic)]) != magic {
		return h, 0, fmt.Errorf("%w: not a Learnwork segment", ErrRejected)
	}
	n := binary.BigEndian.Uint32(pre[len(magic):])
	if n == 0 || n > maxHeader {
		return h, 0, fmt.Errorf("%w: header length %d is out of range", ErrRejected, n)
	}
	rest := make([]byte, int(n)+ed25519.SignatureSize)
	if _, err := io.ReadFull(r, rest); err != nil {
		return h, 0, fmt.Errorf("%w: cut short in its header", ErrRejected)
	}
	hb, sig := rest[:n], rest[n:]
	if !identity.Verify(key, append(pre, hb...), sig) {
		return h, 0, fmt.Errorf("%w: signature does not match the device's key (altered, or written by another device)", ErrRejected)
	}
	if err := dec.Unmarshal(hb, &h); err != nil {
		return h, 0, fmt.Errorf("%w: header does not decode: %v", ErrRejected, err)
	}
	if !bytes.Equal(h.Writer, key) {
		return h, 0, fmt.Errorf("%w: written by another device", ErrRejected)
	}
	if h.BodySize < 0 || h.BodySize > maxSegment || len(h.BodyHash) != sha256.Size || h.First == 0 || h.Last < h.First {
		return h, 0, fmt.Errorf("%w: header is inconsistent", ErrRejected)
	}
	return h, int64(len(pre) + len(rest)), nil
}

// headerOf reads a segment file's verified header.
func headerOf(path string, key ed25519.PublicKey) (header, error) {
	f, err := os.Open(path)
	if err != nil {
		return header{}, err
	}
	defer f.Close()
	h, _, err := readHeader(f, key)
	return h, err
}

// segmentBody reads a whole segment, checks header, size and hash, and
// returns the header and a reader of the decrypted body.
func segmentBody(data []byte, key ed25519.PublicKey, me *identity.Identity) (header, *bodyReader, error) {
	h, n, err := readHeader(bytes.NewReader(data), key)
	if err != nil {
		return h, nil, err
	}
	body := data[n:]
	if int64(len(body)) < h.BodySize {
		return h, nil, fmt.Errorf("%w: cut short (%d of %d bytes)", ErrRejected, len(body), h.BodySize)
	}
	if int64(len(body)) > h.BodySize {
		return h, nil, fmt.Errorf("%w: %d bytes more than its header says", ErrRejected, int64(len(body))-h.BodySize)
	}
	if sum := sha256.Sum256(body); !bytes.Equal(sum[:], h.BodyHash) {
		return h, nil, fmt.Errorf("%w: contents altered after signing", ErrRejected)
	}
	if !slices.Contains(h.Recipients, me.ID()) {
		return h, nil, errNotForMe
	}
	r, err := age.Decrypt(bytes.NewReader(body), me.AgeIdentity())
	if err != nil {
		return h, nil, fmt.Errorf("%w: does not decrypt: %v", ErrRejected, err)
	}
	return h, &bodyReader{r: byteReader{r}}, nil
}

var errNotForMe = errors.New("not encrypted to this device")

type bodyReader struct{ r byteReader }

type byteReader struct{ io.Reader }

func (b byteReader) ReadByte() (byte, error) {
	var p [1]byte
	_, err := io.ReadFull(b.Reader, p[:])
	return p[0], err
}

// next returns the next chunk, io.EOF at the end.
func (b *bodyReader) next() ([]byte, error) {
	n, err := binary.ReadUvarint(b.r)
	if err == io.EOF {
		return nil, io.EOF
	}
	if err != nil || n > devsync.MaxFrame*4 {
		return nil, fmt.Errorf("%w: body is damaged", ErrRejected)
	}
	buf := make([]byte, n)
	if _, err := io.ReadFull(b.r, buf); err != nil {
		return nil, fmt.Errorf("%w: body is cut short or damaged: %v", ErrRejected, err)
	}
	return buf, nil
}

func (b *bodyReader) plan() (devsync.Plan, error) {
	var p devsync.Plan
	c, err := b.next()
	if err != nil {
		return p, err
	}
	if err := dec.Unmarshal(c, &p); err != nil {
		return p, fmt.Errorf("%w: plan does not decode", ErrRejected)
	}
	return p, nil
}
