package importer

import "io"

// Counter counts the bytes read through it: how far an import has read its
// file, for progress against the file's size.
type Counter struct {
	R io.Reader
	N int64
}

func (c *Counter) Read(p []byte) (int, error) {
	n, err := c.R.Read(p)
	c.N += int64(n)
	return n, err
}
