package trust

import (
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/fxamacker/cbor/v2"

	"learnwork/sync/identity"
)

// An Invitation carries a device's keys and name to another device, as a
// file or a code pasted between them. It is signed by the key it carries, so
// a damaged or altered one is refused. It holds no secret: whoever can read
// it learns only public keys. Each device imports the other's to pair.
type Invitation struct {
	Name      string            `cbor:"1,keyasint"`
	PublicKey ed25519.PublicKey `cbor:"2,keyasint"`
	Age       string            `cbor:"3,keyasint"`
	Created   int64             `cbor:"4,keyasint"` // Unix seconds
	Sig       []byte            `cbor:"5,keyasint,omitempty"`
}

const invitePrefix = "LWINVITE1-"

func (inv Invitation) signed() []byte {
	inv.Sig = nil
	b, _ := cbor.Marshal(inv)
	return append([]byte("learnwork invitation\x00"), b...)
}

// Invite makes this device's invitation.
func (l *List) Invite() Invitation {
	inv := Invitation{Name: l.Name(), PublicKey: l.self.Public(), Age: l.self.AgeRecipient(), Created: l.now().Unix()}
	inv.Sig = l.self.Sign(inv.signed())
	return inv
}

// Code is the invitation as one line of text.
func (inv Invitation) Code() string {
	b, _ := cbor.Marshal(inv)
	return invitePrefix + base64.RawURLEncoding.EncodeToString(b)
}

// ID is the inviting device's ID.
func (inv Invitation) ID() string { return identity.IDOf(inv.PublicKey) }

// ParseInvitation reads a code (surrounding text and line breaks are
// ignored, so a whole invitation file works too) and checks its signature.
func ParseInvitation(text string) (Invitation, error) {
	var inv Invitation
	i := strings.Index(text, invitePrefix)
	if i < 0 {
		return inv, errors.New("no Learnwork invitation found (it starts with " + invitePrefix + ")")
	}
	rest := text[i+len(invitePrefix):]
	end := strings.IndexFunc(rest, func(r rune) bool {
		return !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_')
	})
	if end >= 0 {
		rest = rest[:end]
	}
	b, err := base64.RawURLEncoding.DecodeString(rest)
	if err != nil || len(b) > 4096 {
		return inv, errors.New("the invitation is damaged (was it cut short when copied?)")
	}
	if err := cbor.Unmarshal(b, &inv); err != nil {
		return inv, errors.New("the invitation is damaged (was it cut short when copied?)")
	}
	if !identity.Verify(inv.PublicKey, inv.signed(), inv.Sig) {
		return inv, errors.New("the invitation's signature does not match: it was altered or damaged")
	}
	if !strings.HasPrefix(inv.Age, "age1") {
		return inv, errors.New("the invitation has no encryption key")
	}
	return inv, nil
}

// Accept pairs with the device that made inv.
func (l *List) Accept(inv Invitation) (Device, error) {
	name := strings.TrimSpace(inv.Name)
	if name == "" {
		name = "device " + identity.Short(inv.ID())[:11]
	}
	d := Device{ID: inv.ID(), Name: name, PublicKey: inv.PublicKey, Age: inv.Age}
	if err := l.Add(d); err != nil {
		return Device{}, err
	}
	return d, nil
}

// Text is the invitation file's content: a line for people and the code.
func (inv Invitation) Text() string {
	return fmt.Sprintf("Learnwork device invitation from %q (%s), made %s.\nOn the other device: learnwork sync accept THIS-FILE\n%s\n",
		inv.Name, identity.Short(inv.ID()), time.Unix(inv.Created, 0).UTC().Format("2006-01-02 15:04 UTC"), inv.Code())
}
