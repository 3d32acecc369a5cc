package vcard

import (
	"bytes"
	"errors"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestMutations is a seeded, quick stand-in for FuzzReader that runs in
// every test: mutated client exports never hang or panic the reader, and
// whatever it reads encodes and reads back.
func TestMutations(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.vcf"))
	var seeds [][]byte
	for _, p := range files {
		b, _ := os.ReadFile(p)
		seeds = append(seeds, b)
	}
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 1000; i++ {
		b := append([]byte(nil), seeds[r.Intn(len(seeds))]...)
		for j := 0; j < 1+r.Intn(8); j++ {
			switch r.Intn(3) {
			case 0:
				b[r.Intn(len(b))] = byte(r.Intn(256))
			case 1:
				k := r.Intn(len(b))
				b = append(b[:k], b[min(len(b), k+r.Intn(20)):]...)
			case 2:
				k := r.Intn(len(b))
				x := r.Intn(7)
				b = append(b[:k], append([]byte{"\r=\n ;:\\"[x]}, b[k:]...)...)
			}
			if len(b) == 0 {
				b = []byte("x")
			}
		}
		done := make(chan bool)
		go func() {
			rd := NewReader(bytes.NewReader(b))
			for {
				c, err := rd.Next()
				if errors.Is(err, io.EOF) {
					break
				}
				if c != nil {
					var buf bytes.Buffer
					(Encoder{}).Encode(&buf, c.Person)
					NewReader(&buf).Next()
				}
			}
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("input %d hangs the reader: %q", i, b)
		}
	}
}
