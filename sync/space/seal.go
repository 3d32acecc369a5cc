package space

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ed25519"
	"crypto/hkdf"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"

	"filippo.io/age"
	"github.com/fxamacker/cbor/v2"

	"learnwork/sync/identity"
)

// envelope is every message on a space's stream but invitations: the
// sender's key, the epoch whose key the box is encrypted to, the box, and
// the sender's signature over the subject, the epoch and the box.
type envelope struct {
	Sender ed25519.PublicKey `cbor:"1,keyasint"`
	Epoch  uint64            `cbor:"2,keyasint"`
	Box    []byte            `cbor:"3,keyasint"`
	Sig    []byte            `cbor:"4,keyasint"`
}

// ErrUnreadable is a message this device cannot read: damaged, signed by
// a key that did not make it, or encrypted to a key it does not hold.
var ErrUnreadable = errors.New("a message in the space could not be read")

func signedPart(subject string, epoch uint64, box []byte) []byte {
	sum := sha256.Sum256(box)
	b := append([]byte("learnwork space message v1\x00"+subject+"\x00"), binary.BigEndian.AppendUint64(nil, epoch)...)
	return append(b, sum[:]...)
}

// Keyring is a space's keys by epoch, as age X25519 identities.
type Keyring map[uint64]string

func (k Keyring) identity(epoch uint64) (*age.X25519Identity, error) {
	s, ok := k[epoch]
	if !ok {
		return nil, fmt.Errorf("%w: no key for it", ErrUnreadable)
	}
	return age.ParseX25519Identity(s)
}

// seal encrypts plain to the epoch's key and signs it as self.
func seal(self *identity.Identity, keys Keyring, epoch uint64, subject string, plain []byte) ([]byte, error) {
	id, err := keys.identity(epoch)
	if err != nil {
		return nil, err
	}
	var box bytes.Buffer
	w, err := age.Encrypt(&box, id.Recipient())
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(plain); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	env := envelope{Sender: self.Public(), Epoch: epoch, Box: box.Bytes()}
	env.Sig = self.Sign(signedPart(subject, epoch, env.Box))
	return cbor.Marshal(env)
}

// OpenMessage checks a message of a space's stream (not an invitation)
// and decrypts it with a keyring: the sender's key and the plain text (a
// compressed batch of changes, or a membership event).
func OpenMessage(keys Keyring, subject string, msg []byte) (sender ed25519.PublicKey, plain []byte, err error) {
	env, plain, err := open(keys, subject, msg)
	return env.Sender, plain, err
}

// open checks a message's signature and decrypts it.
func open(keys Keyring, subject string, msg []byte) (envelope, []byte, error) {
	var env envelope
	if err := cbor.Unmarshal(msg, &env); err != nil {
		return env, nil, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	if !identity.Verify(env.Sender, signedPart(subject, env.Epoch, env.Box), env.Sig) {
		return env, nil, fmt.Errorf("%w: the signature does not match", ErrUnreadable)
	}
	id, err := keys.identity(env.Epoch)
	if err != nil {
		return env, nil, err
	}
	r, err := age.Decrypt(bytes.NewReader(env.Box), id)
	if err != nil {
		return env, nil, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	plain, err := io.ReadAll(r)
	if err != nil {
		return env, nil, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	return env, plain, nil
}

// newKey makes a new epoch's key.
func newKey() (string, error) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return "", err
	}
	return id.String(), nil
}

// wrap encrypts a key to the members' age recipients (one age file, many
// recipients): only they can read it.
func wrap(key string, members []Member) ([]byte, error) {
	var rs []age.Recipient
	for _, m := range members {
		r, err := age.ParseX25519Recipient(m.Age)
		if err != nil {
			return nil, fmt.Errorf("member %s: %w", m.Name, err)
		}
		rs = append(rs, r)
	}
	var out bytes.Buffer
	w, err := age.Encrypt(&out, rs...)
	if err != nil {
		return nil, err
	}
	if _, err := io.WriteString(w, key); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// unwrap reads a wrapped key with this device's age identity.
func unwrap(wrapped []byte, self *identity.Identity) (string, error) {
	r, err := age.Decrypt(bytes.NewReader(wrapped), self.AgeIdentity())
	if err != nil {
		return "", err
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return "", err
	}
	key := strings.TrimSpace(string(b))
	if _, err := age.ParseX25519Identity(key); err != nil {
		return "", err
	}
	return key, nil
}

// secretKeys derive from an invitation's one-time secret the key that
// encrypts the keyring for the joiner and the key the joiner signs its
// join with (whose public half the invite event names).
func secretKeys(space string, secret []byte) (aead cipher.AEAD, sign ed25519.PrivateKey, err error) {
	k, err := hkdf.Key(sha256.New, secret, []byte(space), "learnwork space invitation key v1", 32)
	if err != nil {
		return nil, nil, err
	}
	block, err := aes.NewCipher(k)
	if err != nil {
		return nil, nil, err
	}
	if aead, err = cipher.NewGCM(block); err != nil {
		return nil, nil, err
	}
	seed, err := hkdf.Key(sha256.New, secret, []byte(space), "learnwork space invitation signing v1", ed25519.SeedSize)
	if err != nil {
		return nil, nil, err
	}
	return aead, ed25519.NewKeyFromSeed(seed), nil
}
