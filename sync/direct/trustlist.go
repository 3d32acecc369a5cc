package direct

import (
	"crypto/ed25519"
	"errors"

	"learnwork/sync/trust"
)

// ListTrust is the trust list the folder transport uses too, as this
// transport asks of it. Cards are the devices' signed invitations.
type ListTrust struct{ List *trust.List }

// Trusted reports a paired, unrevoked device.
func (t ListTrust) Trusted(pub ed25519.PublicKey) bool {
	_, err := t.List.CheckKey(pub)
	return err == nil
}

// namer is a Trust that also names a paired device, for messages such as
// "this device was revoked by laptop".
type namer interface {
	Name(pub ed25519.PublicKey) string
}

// Name is what a paired device is called ("" if it is not paired).
func (t ListTrust) Name(pub ed25519.PublicKey) string {
	d, err := t.List.CheckKey(pub)
	if err != nil {
		return ""
	}
	return d.Name
}

// Pin adds the device whose invitation card is, checking it is pub's.
func (t ListTrust) Pin(pub ed25519.PublicKey, card []byte) (string, error) {
	inv, err := trust.ParseInvitation(string(card))
	if err != nil {
		return "", err
	}
	if !inv.PublicKey.Equal(pub) {
		return "", errors.New("the device's invitation is for another key")
	}
	dev, err := t.List.Accept(inv)
	return dev.Name, err
}

// Card is this device's invitation, sent when pairing.
func (t ListTrust) Card() []byte { return []byte(t.List.Invite().Code()) }
