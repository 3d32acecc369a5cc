package direct

import (
	"bufio"
	"io"
)

// TEMPORARY until the engine's StreamConn is merged.
type tmpFrames struct {
	r *bufio.Reader
	w io.Writer
}

func newFrames(rw io.ReadWriter) Frames { return &tmpFrames{r: bufio.NewReader(rw), w: rw} }

func (f *tmpFrames) WriteFrame(kind byte, p []byte) error {
	_, err := f.w.Write(appendFrame([]byte{kind}, p))
	return err
}

func (f *tmpFrames) ReadFrame() (byte, []byte, error) {
	k, err := f.r.ReadByte()
	if err != nil {
		return 0, nil, err
	}
	p, err := readFrame(f.r)
	return k, p, err
}
