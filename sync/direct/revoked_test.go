package direct

import (
	"crypto/ed25519"
	"errors"
	"testing"

	"learnwork/sync/identity"
)

// namedTrust is memTrust that also tells a paired device's name, as
// ListTrust does.
type namedTrust struct{ *memTrust }

func (n namedTrust) Name(pub ed25519.PublicKey) string {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.names[identity.IDOf(pub)]
}

// TestRevokedDeviceIsToldSo: a revoked device that tries to sync hears
// who revoked it, not "tls: bad certificate" or "broken pipe", on every
// try (the server's refusal reaches it in more than one way).
func TestRevokedDeviceIsToldSo(t *testing.T) {
	s, c := newNode(t, "laptop"), newNode(t, "old phone")
	c.Node.Trust = namedTrust{c.trust}
	s.serve(t)
	pairNodes(t, s, c)
	s.trust.revoke(c.pub())
	for range 5 {
		err := syncOnce(testCtx(t), c, s)
		if !errors.Is(err, ErrRevoked) || err.Error() != "this device was revoked by laptop; pair the two devices again to sync them" {
			t.Fatalf("a revoked device syncing got %v", err)
		}
	}
}
