package space

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"github.com/fxamacker/cbor/v2"
)

// Invitation is what a joiner needs: where the space's server is, which
// space, and a one-time secret. The secret opens the keyring the inviter
// left on the stream for it and proves to every member that the joiner
// was invited; the server sees neither. Anyone holding an unused
// invitation can join, so it is passed like a key.
type Invitation struct {
	Server string `cbor:"1,keyasint"`
	Space  string `cbor:"2,keyasint"`
	Name   string `cbor:"3,keyasint"`
	Invite string `cbor:"4,keyasint"`
	Secret []byte `cbor:"5,keyasint"`
}

const codePrefix = "LWSPACE1-"

// Code is the invitation as one line.
func (inv Invitation) Code() string {
	b, _ := cbor.Marshal(inv)
	return codePrefix + base64.RawURLEncoding.EncodeToString(b)
}

// File is the invitation as a small text file for a person to pass on.
func (inv Invitation) File() string {
	return fmt.Sprintf("An invitation to the Learnwork team space %q.\n"+
		"Open it with: learnwork space join THIS-FILE (or paste the line below in the window's Spaces screen).\n"+
		"It works once; keep it to yourself until then.\n\n%s\n", inv.Name, inv.Code())
}

// ErrBadInvitation is a code or file that is not a whole space invitation.
var ErrBadInvitation = errors.New("this is not a whole team space invitation (was it cut short when copied?)")

// ParseInvitation reads a code, or a file holding one.
func ParseInvitation(text string) (Invitation, error) {
	var inv Invitation
	i := strings.Index(text, codePrefix)
	if i < 0 {
		return inv, ErrBadInvitation
	}
	rest := text[i+len(codePrefix):]
	if end := strings.IndexFunc(rest, func(r rune) bool {
		return !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_')
	}); end >= 0 {
		rest = rest[:end]
	}
	b, err := base64.RawURLEncoding.DecodeString(rest)
	if err != nil || len(b) > 4096 || cbor.Unmarshal(b, &inv) != nil {
		return inv, ErrBadInvitation
	}
	if inv.Server == "" || !validID(inv.Space) || inv.Invite == "" || len(inv.Secret) < 16 {
		return inv, ErrBadInvitation
	}
	return inv, nil
}

// validID is a space ID as NewID makes them: subjects and stream names are
// built from it.
func validID(id string) bool {
	if len(id) < 8 || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}
