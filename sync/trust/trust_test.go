package trust

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"learnwork/sync/identity"
)

func TestInviteAcceptRenameRevokePersist(t *testing.T) {
	dir := t.TempDir()
	me, other := identity.New(), identity.New()
	l, err := Load(dir, me)
	if err != nil {
		t.Fatal(err)
	}
	inv := InMemory(other, "Work laptop").Invite()
	parsed, err := ParseInvitation("some words around it\n" + inv.Text())
	if err != nil {
		t.Fatal(err)
	}
	d, err := l.Accept(parsed)
	if err != nil || d.ID != other.ID() || d.Name != "Work laptop" {
		t.Fatalf("accept: %+v %v", d, err)
	}
	if _, err := l.Check(other.ID()); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Check(identity.New().ID()); !errors.Is(err, ErrUnknown) {
		t.Errorf("unknown device: %v", err)
	}
	if err := l.Rename(me.ID(), "Home"); err != nil {
		t.Fatal(err)
	}
	got, err := l.Resolve("work laptop")
	if err != nil || got.ID != other.ID() {
		t.Fatalf("resolve by name: %v", err)
	}
	if got, err = l.Resolve(identity.Short(other.ID())[:11]); err != nil || got.ID != other.ID() {
		t.Fatalf("resolve by ID start: %v", err)
	}
	if err := l.Revoke(other.ID()); err != nil {
		t.Fatal(err)
	}
	// Reloaded from disk: name, device and revocation kept.
	l2, err := Load(dir, me)
	if err != nil {
		t.Fatal(err)
	}
	if l2.Name() != "Home" || len(l2.Devices()) != 1 || len(l2.Active()) != 0 {
		t.Fatalf("reloaded: name %q devices %v", l2.Name(), l2.Devices())
	}
	if _, err := l2.Check(other.ID()); !errors.Is(err, ErrRevoked) {
		t.Errorf("revoked device: %v", err)
	}
	if fi, _ := os.Stat(filepath.Join(dir, FileName)); fi.Mode().Perm() != 0o600 {
		t.Errorf("devices file mode %v", fi.Mode().Perm())
	}
}

func TestInvitationRejected(t *testing.T) {
	me := identity.New()
	code := InMemory(identity.New(), "x").Invite().Code()
	for name, text := range map[string]string{
		"no code":   "hello",
		"cut short": code[:len(code)/2],
		"altered":   code[:len(code)-3] + flip(code[len(code)-3:]),
	} {
		if _, err := ParseInvitation(text); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	own := InMemory(me, "me")
	inv, _ := ParseInvitation(own.Invite().Code())
	if _, err := own.Accept(inv); err == nil || !strings.Contains(err.Error(), "own") {
		t.Errorf("own invitation: %v", err)
	}
}

func flip(s string) string {
	b := []byte(s)
	if b[0] == 'A' {
		b[0] = 'B'
	} else {
		b[0] = 'A'
	}
	return string(b)
}

// A devices.json that is cut short, or whose key does not match its ID,
// is refused as damaged, naming the file.
func TestLoadDamaged(t *testing.T) {
	me, other := identity.New(), identity.New()
	for name, body := range map[string]string{
		"cut short": `{"name": "Home", "devices": [{"id": "`,
		"wrong key": `{"devices": [{"id": "` + other.ID() + `", "publicKey": "` + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" + `"}]}`,
	} {
		dir := t.TempDir()
		path := filepath.Join(dir, FileName)
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := Load(dir, me)
		if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: %v, want damaged naming %s", name, err, path)
		}
	}
}
