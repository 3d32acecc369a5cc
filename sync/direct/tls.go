// Package direct syncs two paired devices over the network: TLS 1.3 with
// both sides authenticated by their Ed25519 device keys and pinned by device
// ID, a pairing protocol that binds a short one-time code to both keys and
// the TLS session, and mDNS discovery. The data itself moves with the sync
// engine's exchange protocol, the same one the folder transport uses.
package direct

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"math/big"
	"syscall"
	"time"
)

// Errors callers branch on.
var (
	ErrUnpaired    = errors.New("device is not paired (or was revoked)")
	ErrWrongDevice = errors.New("the other side is not the device expected")
	// ErrRevoked: the other device refused this one's key, which it does
	// for a device it revoked (or no longer knows).
	ErrRevoked = errors.New("this device was revoked")
)

// refusedBy turns the other device refusing this one's certificate into
// ErrRevoked, naming that device. In TLS 1.3 the client's handshake ends
// before the server has checked its certificate, so the refusal arrives at
// the first write or read after it: as the server's alert, or as a broken
// pipe when the server had already closed.
func refusedBy(err error, name string) error {
	if !isAlert(err) && !errors.Is(err, syscall.EPIPE) && !errors.Is(err, syscall.ECONNRESET) {
		return err
	}
	if name == "" {
		name = "the other device"
	}
	return fmt.Errorf("%w by %s; pair the two devices again to sync them", ErrRevoked, name)
}

// certificate is a self-signed certificate for the device key. Nothing in it
// but the key matters: peers are pinned by the key's device ID, never by a
// CA, a name or a date.
func certificate(key ed25519.PrivateKey) (tls.Certificate, error) {
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 120))
	if err != nil {
		return tls.Certificate{}, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: "learnwork device"},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(10 * 365 * 24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("device certificate: %w", err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}

// peerKey is the Ed25519 key of the one certificate a peer presented. TLS
// itself has checked that the peer holds its private key (CertificateVerify).
func peerKey(rawCerts [][]byte) (ed25519.PublicKey, error) {
	if len(rawCerts) != 1 {
		return nil, fmt.Errorf("peer sent %d certificates, want 1", len(rawCerts))
	}
	c, err := x509.ParseCertificate(rawCerts[0])
	if err != nil {
		return nil, fmt.Errorf("peer certificate: %w", err)
	}
	pub, ok := c.PublicKey.(ed25519.PublicKey)
	if !ok {
		return nil, fmt.Errorf("peer certificate holds a %T, want an Ed25519 device key", c.PublicKey)
	}
	return pub, nil
}

// verifier decides whether a peer's key may go on with the handshake.
type verifier func(pub ed25519.PublicKey) error

// tlsConfig is TLS 1.3 only, with a client certificate required both ways,
// and verify as the only judge of the peer: the usual chain checks are off
// because there is no CA, which is why verify must never return nil lightly.
func tlsConfig(cert tls.Certificate, server bool, verify verifier) *tls.Config {
	check := func(rawCerts [][]byte, _ [][]*x509.Certificate) error {
		pub, err := peerKey(rawCerts)
		if err != nil {
			return err
		}
		return verify(pub)
	}
	c := &tls.Config{
		MinVersion:             tls.VersionTLS13,
		MaxVersion:             tls.VersionTLS13,
		Certificates:           []tls.Certificate{cert},
		InsecureSkipVerify:     true, // replaced by VerifyPeerCertificate: devices are pinned, not CA-signed
		VerifyPeerCertificate:  check,
		SessionTicketsDisabled: true, // a resumed session would skip VerifyPeerCertificate
		NextProtos:             []string{alpn},
	}
	if server {
		c.ClientAuth = tls.RequireAnyClientCert
	}
	return c
}

const alpn = "learnwork/1"
