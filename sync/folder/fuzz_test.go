package folder

import (
	"testing"

	"filippo.io/age"

	"learnwork/store"
	devsync "learnwork/sync"
	"learnwork/sync/identity"
)

// FuzzSegment: any bytes under a segment's name are rejected with an error
// or decode as the writer signed them; never a panic.
func FuzzSegment(f *testing.F) {
	writer := identity.FromSeed(make([]byte, 32))
	reader := identity.FromSeed([]byte("reader-reader-reader-reader-read"))
	c := store.Change{Device: 7, Seq: 1, Kind: store.KindPerson, ID: "p1", Ops: []store.Op{{Field: "name", Code: store.OpSet, Value: "Ada"}}}
	raw, _ := c.Encode()
	good, err := encodeSegment(writer, header{First: 1, Last: 1, Covers: store.Vector{7: 1}, Recipients: []string{reader.ID()}},
		devsync.Plan{Changes: 1}, [][]byte{devsync.EncodeBatch([][]byte{raw})}, []age.Recipient{reader.AgeIdentity().Recipient()})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte(magic))
	f.Add([]byte(magic + "\x00\x00\x00\x05hello"))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, body, err := segmentBody(b, writer.Public(), reader)
		if err != nil {
			return
		}
		if _, err := body.plan(); err != nil {
			return
		}
		for range 64 {
			chunk, err := body.next()
			if err != nil {
				return
			}
			devsync.DecodeBatch(chunk)
		}
	})
}
