package direct

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha512"
	"encoding/binary"
	"errors"

	"github.com/gtank/ristretto255"
)

// CPace (draft-irtf-cfrg-cpace, ristretto255 with SHA-512) turns the
// pairing code's secret into a key both sides share only if both typed the
// same secret. A device that does not know the secret learns nothing it
// could test guesses against offline: each connection is one guess, and
// the showing side allows three. (An HMAC of the secret, which this
// replaced, let a fake device at the address try all 2^50 secrets at
// leisure.)
//
// The session ID is the TLS session's exporter keying material and the
// channel identifier both device keys, so the shared key is worthless on
// any other connection and a relay with its own TLS sessions gets two
// different keys.

const cpaceDSI = "CPaceRistretto255"

var errCPaceShare = errors.New("pairing: the other device sent an invalid key share")

// cpace is one side's state: its secret scalar and the generator.
type cpace struct {
	y     *ristretto255.Scalar
	share []byte // y·G, sent to the other side
	sid   []byte
}

// newCPace derives the generator from the secret, the channel (ci) and
// the session (sid) and makes this side's share.
func newCPace(secret string, ci, sid []byte) (*cpace, error) {
	var seed [64]byte
	if _, err := rand.Read(seed[:]); err != nil {
		return nil, err
	}
	g := ristretto255.NewElement().FromUniformBytes(hash(generatorString(secret, ci, sid)))
	y := ristretto255.NewScalar().FromUniformBytes(seed[:])
	return &cpace{y: y, share: ristretto255.NewElement().ScalarMult(y, g).Encode(nil), sid: sid}, nil
}

// key is the intermediate session key from the other side's share; the
// initiator's (the side that types the code) share comes first in the
// transcript on both sides.
func (c *cpace) key(other []byte, initiator bool) ([]byte, error) {
	x := ristretto255.NewElement()
	if err := x.Decode(other); err != nil {
		return nil, errCPaceShare
	}
	k := ristretto255.NewElement().ScalarMult(c.y, x)
	if k.Equal(ristretto255.NewElement().Zero()) == 1 {
		return nil, errCPaceShare
	}
	ya, yb := c.share, other
	if !initiator {
		ya, yb = other, c.share
	}
	return hash(lvCat([]byte(cpaceDSI+"_ISK"), c.sid, k.Encode(nil)), lvCat(ya, nil), lvCat(yb, nil)), nil
}

// confirm is the tag a side sends to show it holds the key.
func confirm(isk []byte, role string) []byte {
	m := hmac.New(sha512.New, isk)
	m.Write([]byte("learnwork pair confirm v2\x00" + role))
	return m.Sum(nil)
}

// generatorString is the draft's: the secret padded so that it fills the
// hash's first block, then the channel and session.
func generatorString(secret string, ci, sid []byte) []byte {
	const block = 128 // SHA-512
	pad := max(0, block-1-len(lv([]byte(secret)))-len(lv([]byte(cpaceDSI))))
	return lvCat([]byte(cpaceDSI), []byte(secret), make([]byte, pad), ci, sid)
}

func hash(parts ...[]byte) []byte {
	h := sha512.New()
	for _, p := range parts {
		h.Write(p)
	}
	return h.Sum(nil)
}

// lv prefixes b with its length (LEB128), lvCat joins such fields.
func lv(b []byte) []byte {
	return append(binary.AppendUvarint(nil, uint64(len(b))), b...)
}

func lvCat(parts ...[]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, lv(p)...)
	}
	return out
}
