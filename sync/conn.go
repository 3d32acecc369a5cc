package sync

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	stdsync "sync"
)

// Frame kinds of the exchange.
const (
	frameHello   byte = 1 // version vector
	framePlan    byte = 2 // what will follow: counts and the entities it deletes
	frameChanges byte = 3 // a compressed batch of changes, applied atomically
	frameEnd     byte = 4 // no more changes
	frameDigest  byte = 5 // state digest and vector after applying
)

// Conn carries frames between two devices. Transports (a TLS stream, an
// in-memory pipe) provide one; the exchange does the rest.
type Conn interface {
	WriteFrame(kind byte, payload []byte) error
	ReadFrame() (kind byte, payload []byte, err error)
}

// StreamConn frames a byte stream: a kind byte, a length, the payload. It
// counts the bytes each way.
type StreamConn struct {
	rw io.ReadWriter
	r  *bufio.Reader
	w  *bufio.Writer
	mu stdsync.Mutex

	Sent, Received int64
}

// NewStreamConn frames rw.
func NewStreamConn(rw io.ReadWriter) *StreamConn {
	return &StreamConn{rw: rw, r: bufio.NewReader(rw), w: bufio.NewWriter(rw)}
}

// Close closes the stream if it can be closed.
func (c *StreamConn) Close() error {
	if cl, ok := c.rw.(io.Closer); ok {
		return cl.Close()
	}
	return nil
}

// WriteFrame sends one frame and flushes it.
func (c *StreamConn) WriteFrame(kind byte, payload []byte) error {
	if len(payload) > MaxFrame {
		return fmt.Errorf("frame of %d bytes is over the %d limit", len(payload), MaxFrame)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	var hdr [1 + binary.MaxVarintLen64]byte
	hdr[0] = kind
	n := 1 + binary.PutUvarint(hdr[1:], uint64(len(payload)))
	if _, err := c.w.Write(hdr[:n]); err != nil {
		return err
	}
	if _, err := c.w.Write(payload); err != nil {
		return err
	}
	c.Sent += int64(n + len(payload))
	return c.w.Flush()
}

// ReadFrame reads one frame; a payload over MaxFrame is refused unread.
func (c *StreamConn) ReadFrame() (byte, []byte, error) {
	kind, err := c.r.ReadByte()
	if err != nil {
		return 0, nil, err
	}
	n, err := binary.ReadUvarint(c.r)
	if err != nil {
		return 0, nil, unexpected(err)
	}
	if n > MaxFrame {
		return 0, nil, fmt.Errorf("%w: frame of %d bytes is over the %d limit", ErrDamaged, n, MaxFrame)
	}
	buf := make([]byte, n)
	if _, err := io.ReadFull(c.r, buf); err != nil {
		return 0, nil, unexpected(err)
	}
	c.Received += int64(1 + uvarintLen(n) + int(n))
	return kind, buf, nil
}

func uvarintLen(n uint64) int {
	var b [binary.MaxVarintLen64]byte
	return binary.PutUvarint(b[:], n)
}

func unexpected(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}
