package identity

import (
	"io"

	"bytes"
	"filippo.io/age"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"learnwork/store"
)

func TestLoadCreatesOnceThenLoads(t *testing.T) {
	dir := t.TempDir()
	a, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v, want 0600", fi.Mode().Perm())
	}
	b, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if a.ID() != b.ID() || !bytes.Equal(a.Private(), b.Private()) {
		t.Fatal("second Load made a different key")
	}
	if len(a.ID()) != 52 || strings.ContainsAny(a.ID(), "=-") {
		t.Errorf("ID %q: want 52 base32 characters without padding", a.ID())
	}
	if other, _ := Load(t.TempDir()); other.ID() == a.ID() {
		t.Error("two data directories share an ID")
	}
}

func TestSignVerify(t *testing.T) {
	id := New()
	sig := id.Sign([]byte("segment"))
	if !Verify(id.Public(), []byte("segment"), sig) {
		t.Error("own signature rejected")
	}
	if Verify(id.Public(), []byte("segmenT"), sig) || Verify(New().Public(), []byte("segment"), sig) {
		t.Error("signature accepted for other message or key")
	}
}

func TestDisplayAndParse(t *testing.T) {
	id := New()
	d := id.Display()
	groups := strings.Split(d, "-")
	if len(groups) != 11 || len(groups[0]) != 5 || len(groups[10]) != 2 {
		t.Errorf("Display %q: want 10 groups of 5 and one of 2", d)
	}
	if s := strings.Split(id.Short(), "-"); len(s) != 8 || !strings.HasPrefix(d, id.Short()) {
		t.Errorf("Short %q is not the first 8 groups of %q", id.Short(), d)
	}
	got, err := ParseID(strings.ToLower(d))
	if err != nil || got != id.ID() {
		t.Errorf("ParseID(%q) = %q, %v", d, got, err)
	}
	if _, err := ParseID("ABCDE-FGHIJ"); err == nil {
		t.Error("short ID accepted")
	}
	if strings.Contains(id.String(), string(id.Private())) || id.String() != id.Short() {
		t.Error("String must print only the short ID")
	}
}

func TestDamagedKeyIsRefusedNotReplaced(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	if err := os.WriteFile(path, []byte(header+"c2VjcmV0\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Load(dir)
	if err == nil || !strings.Contains(err.Error(), "damaged") || strings.Contains(err.Error(), "c2VjcmV0") {
		t.Fatalf("Load of damaged key: %v", err)
	}
	if b, _ := os.ReadFile(path); !bytes.Contains(b, []byte("c2VjcmV0")) {
		t.Error("damaged key was overwritten")
	}
}

func TestDeviceMatchesStore(t *testing.T) {
	dir := t.TempDir()
	id, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(filepath.Join(dir, "db"), store.WithKey(id.Private()))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Device() != id.Device() {
		t.Errorf("store device %s, identity device %s", s.Device(), id.Device())
	}
}

func TestAgeKeyIsStableAndRoundTrips(t *testing.T) {
	seed := bytes.Repeat([]byte{7}, 32)
	a, b := FromSeed(seed), FromSeed(seed)
	if a.AgeRecipient() != b.AgeRecipient() || !strings.HasPrefix(a.AgeRecipient(), "age1") {
		t.Fatalf("age recipient %q / %q", a.AgeRecipient(), b.AgeRecipient())
	}
	if New().AgeRecipient() == a.AgeRecipient() {
		t.Error("two keys share an age recipient")
	}
	r, err := age.ParseX25519Recipient(a.AgeRecipient())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w, _ := age.Encrypt(&buf, r)
	w.Write([]byte("hello"))
	w.Close()
	out, err := age.Decrypt(&buf, a.AgeIdentity())
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := io.ReadAll(out); string(got) != "hello" {
		t.Errorf("decrypted %q", got)
	}
}
