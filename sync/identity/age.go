package identity

import (
	"crypto/ed25519"
	"crypto/hkdf"
	"crypto/sha256"
	"fmt"
	"strings"

	"filippo.io/age"
)

// AgeIdentity is the X25519 key segments are encrypted to. It is derived
// from the device key, so there is one secret to keep, not two.
func (i *Identity) AgeIdentity() *age.X25519Identity {
	i.ageOnce.Do(func() { i.age = deriveAge(i.priv) })
	return i.age
}

func deriveAge(priv ed25519.PrivateKey) *age.X25519Identity {
	scalar, err := hkdf.Key(sha256.New, priv.Seed(), nil, "learnwork age x25519 v1", 32)
	if err != nil {
		panic(err) // only for lengths HKDF cannot give
	}
	id, err := age.ParseX25519Identity(strings.ToUpper(bech32("age-secret-key-", scalar)))
	if err != nil {
		panic(fmt.Sprintf("derive age identity: %v", err)) // our own encoding
	}
	return id
}

// AgeRecipient is the public half of AgeIdentity, in age's text form.
func (i *Identity) AgeRecipient() string { return i.AgeIdentity().Recipient().String() }

// bech32 encodes data (BIP 173), the text form age keys take.
func bech32(hrp string, data []byte) string {
	const charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
	// 8-bit bytes to 5-bit groups.
	var groups []byte
	acc, bits := 0, 0
	for _, b := range data {
		acc = acc<<8 | int(b)
		bits += 8
		for bits >= 5 {
			bits -= 5
			groups = append(groups, byte(acc>>bits&31))
		}
	}
	if bits > 0 {
		groups = append(groups, byte(acc<<(5-bits)&31))
	}
	var values []byte
	for _, c := range hrp {
		values = append(values, byte(c>>5))
	}
	values = append(values, 0)
	for _, c := range hrp {
		values = append(values, byte(c&31))
	}
	values = append(values, groups...)
	values = append(values, 0, 0, 0, 0, 0, 0)
	gen := [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
	chk := uint32(1)
	for _, v := range values {
		top := chk >> 25
		chk = (chk&0x1ffffff)<<5 ^ uint32(v)
		for i := range 5 {
			if top>>i&1 == 1 {
				chk ^= gen[i]
			}
		}
	}
	chk ^= 1
	var b strings.Builder
	b.WriteString(hrp)
	b.WriteByte('1')
	for _, g := range groups {
		b.WriteByte(charset[g])
	}
	for i := range 6 {
		b.WriteByte(charset[chk>>(5*(5-i))&31])
	}
	return b.String()
}
