package direct

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/tls"
	"errors"
	"net"
	stdsync "sync"
	"sync/atomic"
	"testing"
	"time"

	"learnwork/internal/racebuild"
	"learnwork/sync/identity"
)

// memTrust is a trust list in memory.
type memTrust struct {
	mu      stdsync.Mutex
	names   map[string]string
	revoked map[string]bool
}

func newTrust() *memTrust { return &memTrust{names: map[string]string{}, revoked: map[string]bool{}} }

func (m *memTrust) Trusted(pub ed25519.PublicKey) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.names[identity.IDOf(pub)]
	return ok && !m.revoked[identity.IDOf(pub)]
}

func (m *memTrust) Pin(pub ed25519.PublicKey, card []byte) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.names[identity.IDOf(pub)] = string(card)
	delete(m.revoked, identity.IDOf(pub))
	return string(card), nil
}

func (m *memTrust) revoke(pub ed25519.PublicKey) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.revoked[identity.IDOf(pub)] = true
}

func (m *memTrust) len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.names)
}

// testNode is a node whose sync round swaps one greeting and counts rounds.
type testNode struct {
	*Node
	trust  *memTrust
	rounds atomic.Int32
	addr   string
	name   string
}

func newNode(t *testing.T, name string) *testNode {
	t.Helper()
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tn := &testNode{trust: newTrust(), name: name}
	tn.Node = &Node{Key: key, Card: func() []byte { return []byte(name) }, Trust: tn.trust}
	tn.Sync = func(ctx context.Context, conn Frames, peer ed25519.PublicKey, initiator bool) error {
		if err := conn.WriteFrame(1, []byte("hello from "+name)); err != nil {
			return err
		}
		if _, _, err := conn.ReadFrame(); err != nil {
			return err
		}
		tn.rounds.Add(1)
		return nil
	}
	return tn
}

// serve starts the node on a loopback port for the test's lifetime.
func (tn *testNode) serve(t *testing.T) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	tn.addr = ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { tn.Serve(ctx, ln); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
}

// waitRounds waits a little for the server's side of rounds to finish.
func (tn *testNode) waitRounds(n int32) int32 {
	deadline := time.Now().Add(racebuild.Scale(5 * time.Second))
	for tn.rounds.Load() < n && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	return tn.rounds.Load()
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func pairNodes(t *testing.T, server, client *testNode) {
	t.Helper()
	o, err := server.Offer()
	if err != nil {
		t.Fatal(err)
	}
	p, err := client.Pair(testCtx(t), o.Code, server.addr)
	if err != nil {
		t.Fatalf("pair: %v", err)
	}
	if p.Name != server.name || !p.Key.Equal(server.pub()) {
		t.Fatalf("client paired with %+v", p)
	}
	got, err := o.Wait(testCtx(t))
	if err != nil || got.Name != client.name || !got.Key.Equal(client.pub()) {
		t.Fatalf("offer ended with %+v, %v", got, err)
	}
}

func syncOnce(ctx context.Context, client, server *testNode) error {
	c, err := client.Dial(ctx, server.addr, server.pub())
	if err != nil {
		return err
	}
	defer c.Close()
	return c.Round(ctx)
}

func TestPairThenSync(t *testing.T) {
	s, c := newNode(t, "laptop"), newNode(t, "desk")
	s.serve(t)
	pairNodes(t, s, c)
	if !s.trust.Trusted(c.pub()) || !c.trust.Trusted(s.pub()) {
		t.Fatal("pairing did not pin both sides")
	}
	conn, err := c.Dial(testCtx(t), s.addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for i := 0; i < 3; i++ {
		if err := conn.Round(testCtx(t)); err != nil {
			t.Fatalf("round %d: %v", i, err)
		}
	}
	if c.rounds.Load() != 3 {
		t.Errorf("client ran %d rounds, want 3 on one connection", c.rounds.Load())
	}
	if n := s.waitRounds(3); n != 3 {
		t.Errorf("server ran %d rounds, want 3", n)
	}
	// The code was used once; it pairs nobody else.
	other := newNode(t, "intruder")
	if _, err := other.Pair(testCtx(t), Code{Prefix: identity.IDOf(s.pub())[:prefixLen], Secret: "AAAAAAAAAA"}, s.addr); err == nil {
		t.Error("a spent code paired another device")
	}
}

// assertUntouched checks a refused device changed nothing on the server.
func assertUntouched(t *testing.T, s *testNode, trusted int) {
	t.Helper()
	if s.rounds.Load() != 0 {
		t.Errorf("server ran %d sync rounds for a refused device", s.rounds.Load())
	}
	if s.trust.len() != trusted {
		t.Errorf("server trusts %d devices, want %d", s.trust.len(), trusted)
	}
}

func TestUnpairedDeviceGetsNothing(t *testing.T) {
	s, c := newNode(t, "laptop"), newNode(t, "stranger")
	s.serve(t)
	c.trust.Pin(s.pub(), []byte("laptop")) // the stranger trusts the server; not the other way
	err := syncOnce(testCtx(t), c, s)
	if err == nil {
		t.Fatal("unpaired device synced")
	}
	assertUntouched(t, s, 0)
	// While a code is on show, a stranger may try to pair, and nothing else.
	if _, err := s.Offer(); err != nil {
		t.Fatal(err)
	}
	if err := syncOnce(testCtx(t), c, s); err == nil {
		t.Fatal("unpaired device synced while a code was on show")
	}
	assertUntouched(t, s, 0)
	// And the client refuses a server it has not paired with.
	s2 := newNode(t, "unknown")
	s2.serve(t)
	s2.trust.Pin(c.pub(), []byte("stranger"))
	if _, err := c.Dial(testCtx(t), s2.addr, nil); !errors.Is(err, ErrUnpaired) {
		t.Errorf("dial an unpaired server: %v, want ErrUnpaired", err)
	}
	if s2.rounds.Load() != 0 {
		t.Error("client synced with an unpaired server")
	}
}

func TestRevokedDeviceGetsNothing(t *testing.T) {
	s, c := newNode(t, "laptop"), newNode(t, "old phone")
	s.serve(t)
	pairNodes(t, s, c)
	conn, err := c.Dial(testCtx(t), s.addr, s.pub())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := conn.Round(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	before := s.waitRounds(1)
	s.trust.revoke(c.pub())
	// An open connection gets nothing more...
	if err := conn.Round(testCtx(t)); err == nil {
		t.Error("revoked device synced on its open connection")
	}
	// ...and a new one is refused.
	if err := syncOnce(testCtx(t), c, s); err == nil {
		t.Error("revoked device synced on a new connection")
	}
	if s.rounds.Load() != before {
		t.Errorf("server ran %d rounds after revoking", s.rounds.Load()-before)
	}
}

func TestWrongCode(t *testing.T) {
	s, c := newNode(t, "laptop"), newNode(t, "desk")
	s.serve(t)
	o, _ := s.Offer()
	wrong := o.Code
	wrong.Secret = flip(wrong.Secret)
	if _, err := c.Pair(testCtx(t), wrong, s.addr); !errors.Is(err, ErrWrongCode) {
		t.Fatalf("wrong code: %v, want ErrWrongCode", err)
	}
	assertUntouched(t, s, 0)
	if c.trust.len() != 0 {
		t.Error("client pinned a device after a wrong code")
	}
	// A typo costs one try; the right code still works.
	if _, err := c.Pair(testCtx(t), o.Code, s.addr); err != nil {
		t.Fatalf("right code after one typo: %v", err)
	}
}

func TestCodeForAnotherDevice(t *testing.T) {
	s, c, other := newNode(t, "laptop"), newNode(t, "desk"), newNode(t, "other")
	s.serve(t)
	s.Offer()
	o, _ := other.Offer() // a code shown by a different device
	if _, err := c.Pair(testCtx(t), o.Code, s.addr); !errors.Is(err, ErrWrongDevice) {
		t.Fatalf("code of another device: %v, want ErrWrongDevice", err)
	}
	assertUntouched(t, s, 0)
}

func TestExpiredCode(t *testing.T) {
	s, c := newNode(t, "laptop"), newNode(t, "desk")
	var now atomic.Int64
	now.Store(time.Now().UnixNano())
	s.Now = func() time.Time { return time.Unix(0, now.Load()) }
	s.serve(t)
	o, _ := s.Offer()
	now.Add(int64(CodeTTL + time.Second))
	if _, err := c.Pair(testCtx(t), o.Code, s.addr); err == nil {
		t.Fatal("expired code paired")
	}
	assertUntouched(t, s, 0)
	if _, err := o.Wait(testCtx(t)); !errors.Is(err, ErrExpired) {
		t.Errorf("offer ended with %v, want ErrExpired", err)
	}
}

func TestCodeCannotBeBruteForced(t *testing.T) {
	s, c := newNode(t, "laptop"), newNode(t, "guesser")
	s.serve(t)
	o, _ := s.Offer()
	guess := o.Code
	for i := 0; i < CodeTries; i++ {
		guess.Secret = flip(guess.Secret)
		if guess.Secret == o.Code.Secret {
			guess.Secret = flip(guess.Secret)
		}
		_, err := c.Pair(testCtx(t), guess, s.addr)
		if err == nil {
			t.Fatal("a wrong guess paired")
		}
		if i == CodeTries-1 && !errors.Is(err, ErrTooManyTry) {
			t.Errorf("last try: %v, want ErrTooManyTry", err)
		}
	}
	// Out of tries: even the right secret is refused now.
	if _, err := c.Pair(testCtx(t), o.Code, s.addr); err == nil {
		t.Fatal("the right code paired after the tries ran out")
	}
	assertUntouched(t, s, 0)
	if _, err := o.Wait(testCtx(t)); !errors.Is(err, ErrTooManyTry) {
		t.Errorf("offer ended with %v, want ErrTooManyTry", err)
	}
}

// rawPair runs the typing side of pairing by hand: it sends share(server,
// ekm) as its key share, then tag(theirs) as its proof, and returns the
// server's last status byte (after the share if that was refused).
func rawPair(t *testing.T, n *testNode, addr string, share func(server ed25519.PublicKey, ekm []byte) []byte, tag func(theirs []byte) []byte) byte {
	t.Helper()
	cert, _ := n.certificate()
	var server ed25519.PublicKey
	tc, err := dialTLS(testCtx(t), addr, tlsConfig(cert, false, func(pub ed25519.PublicKey) error { server = pub; return nil }))
	if err != nil {
		t.Fatal(err)
	}
	defer tc.Close()
	tc.SetDeadline(time.Now().Add(10 * time.Second))
	ekm, _ := exporter(tc)
	b := appendFrame([]byte{msgPair}, n.Card())
	tc.Write(appendFrame(b, share(server, ekm)))
	br := bufio.NewReader(tc)
	st, err := br.ReadByte()
	if err != nil {
		t.Fatalf("no answer: %v", err)
	}
	theirs, _ := readFrame(br)
	if st != 0 {
		return st
	}
	tc.Write(appendFrame(nil, tag(theirs)))
	if st, err = br.ReadByte(); err != nil {
		t.Fatalf("no answer to the proof: %v", err)
	}
	return st
}

// A share and proof captured from one session are refused on another,
// though made with the right secret.
func TestReplayedPairingMessage(t *testing.T) {
	s, c := newNode(t, "laptop"), newNode(t, "desk")
	s.serve(t)
	o, _ := s.Offer()
	var share, tag []byte
	st := rawPair(t, c, s.addr, func(server ed25519.PublicKey, _ []byte) []byte {
		// Made for other keying material: a session this one is not.
		old := make([]byte, 32)
		rand.Read(old)
		cp, err := newCPace(o.Code.Secret, channel(server, c.pub()), old)
		if err != nil {
			t.Fatal(err)
		}
		share = cp.share
		return share
	}, func(theirs []byte) []byte {
		// The proof of that session, as if it had gone on with these shares.
		cp, _ := newCPace(o.Code.Secret, channel(s.pub(), c.pub()), make([]byte, 32))
		isk, _ := cp.key(theirs, true)
		tag = confirm(isk, roleClient)
		return tag
	})
	if st == 0 {
		t.Fatal("a proof from another session paired")
	}
	st = rawPair(t, c, s.addr, func(ed25519.PublicKey, []byte) []byte { return share }, func([]byte) []byte { return tag })
	if st == 0 {
		t.Fatal("a replayed share and proof paired")
	}
	assertUntouched(t, s, 0)
}

// A share that is not a group element, or is the identity, ends the
// attempt without a try spent or anything pinned.
func TestBadKeyShare(t *testing.T) {
	s, c := newNode(t, "laptop"), newNode(t, "desk")
	s.serve(t)
	o, _ := s.Offer()
	for _, bad := range [][]byte{make([]byte, 32), bytes.Repeat([]byte{0xff}, 32), []byte("short")} {
		st := rawPair(t, c, s.addr, func(ed25519.PublicKey, []byte) []byte { return bad }, func([]byte) []byte { return nil })
		if st == 0 {
			t.Fatalf("share %x accepted", bad)
		}
	}
	assertUntouched(t, s, 0)
	// The code still works.
	if _, err := c.Pair(testCtx(t), o.Code, s.addr); err != nil {
		t.Fatalf("right code after bad shares: %v", err)
	}
}

// TestManInTheMiddle puts a relay with its own key between the two devices,
// passing every message on both ways. Even granting it a key whose ID
// starts like the real device's (the code's prefix), the two TLS sessions
// give the two sides different keys: neither proof passes.
func TestManInTheMiddle(t *testing.T) {
	s, c, m := newNode(t, "laptop"), newNode(t, "desk"), newNode(t, "mallory")
	s.serve(t)
	o, _ := s.Offer()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	relayed := make(chan byte, 1)
	go func() {
		raw, err := ln.Accept()
		if err != nil {
			return
		}
		defer raw.Close()
		cert, _ := m.certificate()
		tc := tlsServer(raw, cert, func(ed25519.PublicKey) error { return nil })
		if tc.Handshake() != nil {
			return
		}
		br := bufio.NewReader(tc)
		br.ReadByte()
		readFrame(br)
		shareFromClient, _ := readFrame(br)
		// Relay the client's share to the real device as mallory, the
		// device's share back, and the client's proof on.
		relayed <- rawPair(t, m, s.addr, func(ed25519.PublicKey, []byte) []byte { return shareFromClient }, func(theirs []byte) []byte {
			tc.Write(appendFrame([]byte{0}, theirs))
			proof, _ := readFrame(br)
			return proof
		})
		tc.Write(appendFrame([]byte{1}, []byte(ErrWrongCode.Error())))
	}()
	collided := Code{Prefix: identity.IDOf(m.pub())[:prefixLen], Secret: o.Code.Secret}
	if _, err := c.Pair(testCtx(t), collided, ln.Addr().String()); err == nil {
		t.Fatal("client paired through a man in the middle")
	}
	select {
	case st := <-relayed:
		if st == 0 {
			t.Fatal("the relayed proof paired mallory with the real device")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("relay did not finish")
	}
	assertUntouched(t, s, 0)
	if c.trust.len() != 0 {
		t.Error("client pinned the man in the middle")
	}
}

func TestParseCode(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"ABCDE-FGHIJ-KLMNO", "ABCDE-FGHIJ-KLMNO", true},
		{"abcde fghij klmno", "ABCDE-FGHIJ-KLMNO", true},
		{"ABCDEFGH1JKLMN0", "ABCDE-FGHIJ-KLMNO", true},
		{"ABCDE-FGHIJ", "", false},
		{"ABCDE-FGHIJ-KLMN9", "", false},
		{"ABCDE-FGHIJ-KLMNOP", "", false},
	} {
		c, err := ParseCode(tc.in)
		if tc.ok != (err == nil) || tc.ok && c.String() != tc.want {
			t.Errorf("ParseCode(%q) = %v, %v; want %q ok=%v", tc.in, c, err, tc.want, tc.ok)
		}
	}
	_, key, _ := ed25519.GenerateKey(rand.Reader)
	c, err := newCode(key.Public().(ed25519.PublicKey))
	if err != nil {
		t.Fatal(err)
	}
	if back, err := ParseCode(c.String()); err != nil || back != c {
		t.Errorf("round trip of %v: %v, %v", c, back, err)
	}
}

// flip changes the first character of a secret to another valid one.
func flip(s string) string {
	b := []byte(s)
	if b[0] == 'A' {
		b[0] = 'B'
	} else {
		b[0] = 'A'
	}
	return string(b)
}

func tlsServer(raw net.Conn, cert tls.Certificate, verify verifier) *tls.Conn {
	return tls.Server(raw, tlsConfig(cert, true, verify))
}

// TestPairWhileServerStopsAtOnce is the CLI's "sync pair": it stops serving
// the moment the offer is used. The client must still hear the answer.
func TestPairWhileServerStopsAtOnce(t *testing.T) {
	for i := 0; i < 10; i++ {
		s, c := newNode(t, "laptop"), newNode(t, "desk")
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		o, _ := s.Offer()
		ctx, cancel := context.WithCancel(context.Background())
		served := make(chan struct{})
		go func() { s.Serve(ctx, ln); close(served) }()
		go func() { o.Wait(context.Background()); cancel() }()
		if _, err := c.Pair(testCtx(t), o.Code, ln.Addr().String()); err != nil {
			t.Fatalf("try %d: %v", i, err)
		}
		<-served
		if !c.trust.Trusted(s.pub()) || !s.trust.Trusted(c.pub()) {
			t.Fatalf("try %d: pinned on one side only", i)
		}
	}
}
