package direct

import (
	"bytes"
	"testing"
)

func cpacePair(t *testing.T, secretA, secretB string, ci, sidA, sidB []byte) (ka, kb []byte) {
	t.Helper()
	a, err := newCPace(secretA, ci, sidA)
	if err != nil {
		t.Fatal(err)
	}
	b, err := newCPace(secretB, ci, sidB)
	if err != nil {
		t.Fatal(err)
	}
	if ka, err = a.key(b.share, true); err != nil {
		t.Fatal(err)
	}
	if kb, err = b.key(a.share, false); err != nil {
		t.Fatal(err)
	}
	return ka, kb
}

func TestCPaceAgreesOnlyOnTheSameSecretAndSession(t *testing.T) {
	ci, sid := []byte("server-key|client-key"), bytes.Repeat([]byte{7}, 32)
	ka, kb := cpacePair(t, "FGHIJKLMNO", "FGHIJKLMNO", ci, sid, sid)
	if !bytes.Equal(ka, kb) || len(ka) != 64 {
		t.Fatalf("same secret, different keys:\n%x\n%x", ka, kb)
	}
	ka2, _ := cpacePair(t, "FGHIJKLMNO", "FGHIJKLMNO", ci, sid, sid)
	if bytes.Equal(ka, ka2) {
		t.Fatal("two runs gave one key: the shares are not random")
	}
	// A guessed secret: the guesser's key is fixed by its own share, so
	// its one guess is all it can test.
	for _, guess := range []string{"FGHIJKLMNP", "AAAAAAAAAA", ""} {
		if ka, kb := cpacePair(t, "FGHIJKLMNO", guess, ci, sid, sid); bytes.Equal(ka, kb) {
			t.Fatalf("secret %q agreed with the real one", guess)
		}
	}
	other := bytes.Repeat([]byte{8}, 32)
	if ka, kb := cpacePair(t, "FGHIJKLMNO", "FGHIJKLMNO", ci, sid, other); bytes.Equal(ka, kb) {
		t.Fatal("two sessions agreed")
	}
	if bytes.Equal(confirm(ka, roleClient), confirm(ka, roleServer)) {
		t.Fatal("one tag for both roles: a proof could be reflected")
	}
}

func TestCPaceRejectsBadShares(t *testing.T) {
	c, err := newCPace("FGHIJKLMNO", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range [][]byte{nil, make([]byte, 32), bytes.Repeat([]byte{0xff}, 32), c.share[:31]} {
		if _, err := c.key(bad, true); err == nil {
			t.Errorf("share %x accepted", bad)
		}
	}
}
