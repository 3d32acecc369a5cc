// Package sync replicates the change log between a person's devices: the
// anti-entropy exchange over any byte stream, the shared-folder transport's
// batches, and applying what arrives in large atomic batches with the
// mass-delete guard. Import it as devsync: it shadows the standard library.
package sync

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/klauspost/compress/zstd"
)

// Limits that keep a hostile or damaged frame from costing unbounded memory.
const (
	MaxFrame     = 16 << 20 // bytes of one frame on the wire (compressed)
	maxBatch     = 64 << 20 // bytes of one batch once decompressed
	maxChange    = 16 << 20 // bytes of one encoded change
	batchTarget  = 1 << 20  // a sender closes a batch at about this size
	batchChanges = 4096     // … or this many changes
)

// ErrDamaged is a frame or segment that does not decode.
var ErrDamaged = errors.New("damaged data")

var (
	zenc, _ = zstd.NewWriter(nil, zstd.WithEncoderConcurrency(1), zstd.WithLowerEncoderMem(true), zstd.WithEncoderLevel(zstd.SpeedDefault))
	zdec, _ = zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true), zstd.WithDecoderMaxMemory(maxBatch))
)

// EncodeBatch packs encoded changes into one compressed batch.
func EncodeBatch(raws [][]byte) []byte {
	var plain []byte
	for _, r := range raws {
		plain = binary.AppendUvarint(plain, uint64(len(r)))
		plain = append(plain, r...)
	}
	return zenc.EncodeAll(plain, nil)
}

// DecodeBatch unpacks a batch. It checks framing only; each change is
// checked when it is applied.
func DecodeBatch(b []byte) ([][]byte, error) {
	plain, err := zdec.DecodeAll(b, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: batch does not decompress: %v", ErrDamaged, err)
	}
	if len(plain) > maxBatch {
		return nil, fmt.Errorf("%w: batch larger than %d bytes", ErrDamaged, maxBatch)
	}
	var out [][]byte
	for len(plain) > 0 {
		n, k := binary.Uvarint(plain)
		if k <= 0 || n == 0 || n > maxChange || n > uint64(len(plain)-k) {
			return nil, fmt.Errorf("%w: change %d of the batch is cut short", ErrDamaged, len(out)+1)
		}
		out = append(out, plain[k:k+int(n)])
		plain = plain[k+int(n):]
	}
	return out, nil
}
