package direct

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"strings"

	"learnwork/sync/identity"
)

// A pairing code is what one device shows and a person types on the other:
// the first characters of the showing device's ID, so the typing side can
// tell it reached the right device, and a one-time secret that both sides
// then prove they know. Three groups of five: PPPPP-SSSSS-SSSSS.
const (
	prefixLen = 5  // 25 bits of the device ID: finds the device, not a secret
	secretLen = 10 // 50 bits from crypto/rand; with 3 tries, 3 in 2^50 to guess
)

// ErrBadCode is a code that cannot be a pairing code at all.
var ErrBadCode = errors.New("not a pairing code (want three groups of five letters and digits, like ABCDE-FGHIJ-KLMNO)")

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// Code is a parsed pairing code.
type Code struct {
	Prefix string // start of the showing device's ID
	Secret string
}

func (c Code) String() string {
	s := c.Prefix + c.Secret
	return s[:5] + "-" + s[5:10] + "-" + s[10:]
}

func newCode(pub ed25519.PublicKey) (Code, error) {
	raw := make([]byte, 8)
	if _, err := rand.Read(raw); err != nil {
		return Code{}, err
	}
	return Code{Prefix: identity.IDOf(pub)[:prefixLen], Secret: b32.EncodeToString(raw)[:secretLen]}, nil
}

// ParseCode reads a code as people type it: any case, with or without
// dashes or spaces, 0 and 1 read as O and I (base32 has neither digit).
func ParseCode(s string) (Code, error) {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '-' || r == ' ' || r == '\t':
			return -1
		case r == '0':
			return 'O'
		case r == '1':
			return 'I'
		}
		return r
	}, strings.ToUpper(s))
	if len(s) != prefixLen+secretLen {
		return Code{}, ErrBadCode
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= '2' && r <= '7') {
			return Code{}, ErrBadCode
		}
	}
	return Code{Prefix: s[:prefixLen], Secret: s[prefixLen:]}, nil
}

const (
	roleClient = "client"
	roleServer = "server"
	ekmLabel   = "EXPORTER-learnwork-pair"
)
