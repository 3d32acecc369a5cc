package direct

import (
	"bufio"
	"context"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/tls"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	stdsync "sync"
	"time"

	devsync "learnwork/sync"
	"learnwork/sync/identity"
)

// Trust is the list of paired devices, shared with the folder transport.
type Trust interface {
	// Trusted reports whether the device with this key is paired and not
	// revoked. It is asked on every connection and every sync round.
	Trusted(pub ed25519.PublicKey) bool
	// Pin records a device that has just proved the pairing secret, from
	// the card it sent (its signed invitation: name and keys), and returns
	// the name it goes by. The card must carry pub.
	Pin(pub ed25519.PublicKey, card []byte) (name string, err error)
}

// Frames is the sync engine's framed connection (devsync.Conn).
type Frames interface {
	WriteFrame(kind byte, payload []byte) error
	ReadFrame() (kind byte, payload []byte, err error)
}

// SyncFunc runs one round of the sync engine's exchange with a peer. Both
// sides call it; initiator tells which side dialled.
type SyncFunc func(ctx context.Context, conn Frames, peer ed25519.PublicKey, initiator bool) error

// Peer is a device at the other end.
type Peer struct {
	Key  ed25519.PublicKey
	ID   string
	Name string
	Addr string
}

// Node is this device on the network: it serves paired devices, offers
// pairing codes and dials out.
type Node struct {
	Key ed25519.PrivateKey
	// Card is what this device tells a device it pairs with (its signed
	// invitation), called at each pairing so a renamed device sends its
	// new name.
	Card  func() []byte
	Trust Trust
	Sync  SyncFunc
	// Now is the clock for code expiry; nil means time.Now.
	Now func() time.Time
	// Idle is how long a served connection may wait between rounds.
	Idle time.Duration

	once    stdsync.Once
	cert    tls.Certificate
	certErr error

	mu    stdsync.Mutex
	offer *Offer
}

// A connection starts with one byte saying what it is for. A sync
// connection then carries the engine's frames, each round opened by a
// frameRound, so one TLS session serves many rounds.
const (
	msgPair    byte = 'P'
	msgSync    byte = 'S'
	frameRound byte = 'R'
)

// Pairing rules.
const (
	CodeTTL   = 10 * time.Minute
	CodeTries = 3
)

const (
	handshakeTimeout = 15 * time.Second
	pairTimeout      = 30 * time.Second
	maxFrame         = 4 << 10
)

func (n *Node) now() time.Time {
	if n.Now != nil {
		return n.Now()
	}
	return time.Now()
}

func (n *Node) certificate() (tls.Certificate, error) {
	n.once.Do(func() { n.cert, n.certErr = certificate(n.Key) })
	return n.cert, n.certErr
}

func (n *Node) pub() ed25519.PublicKey { return n.Key.Public().(ed25519.PublicKey) }

// ID is this device's ID.
func (n *Node) ID() string { return identity.IDOf(n.pub()) }

// --- serving -----------------------------------------------------------------

// Serve accepts connections until ctx ends or ln fails. Paired devices sync;
// while a code is offered, an unpaired device may try to pair and nothing
// else; every other device is refused during the TLS handshake.
func (n *Node) Serve(ctx context.Context, ln net.Listener) error {
	cert, err := n.certificate()
	if err != nil {
		return err
	}
	stop := context.AfterFunc(ctx, func() { ln.Close() })
	defer stop()
	var wg stdsync.WaitGroup
	defer wg.Wait()
	for {
		c, err := ln.Accept()
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				continue
			}
			return fmt.Errorf("accept: %w", err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			n.serveConn(ctx, c, cert)
		}()
	}
}

func (n *Node) serveConn(ctx context.Context, raw net.Conn, cert tls.Certificate) {
	defer raw.Close()
	stop := context.AfterFunc(ctx, func() { raw.SetDeadline(time.Now()) })
	defer stop()
	var peer ed25519.PublicKey
	conf := tlsConfig(cert, true, func(pub ed25519.PublicKey) error {
		if n.Trust.Trusted(pub) || n.offering() {
			peer = pub
			return nil
		}
		return fmt.Errorf("%w: %s", ErrUnpaired, identity.Short(identity.IDOf(pub)))
	})
	tc := tls.Server(raw, conf)
	hctx, cancel := context.WithTimeout(ctx, handshakeTimeout)
	err := tc.HandshakeContext(hctx)
	cancel()
	if err != nil {
		return
	}
	br := bufio.NewReader(tc)
	tc.SetReadDeadline(time.Now().Add(handshakeTimeout))
	kind, err := br.ReadByte()
	if err != nil {
		return
	}
	tc.SetReadDeadline(time.Time{})
	switch {
	case kind == msgPair:
		n.answerPair(tc, br, peer)
		return
	case kind != msgSync:
		return
	}
	fr := newFrames(struct {
		io.Reader
		io.Writer
	}{br, tc})
	idle := n.Idle
	if idle == 0 {
		idle = 15 * time.Minute
	}
	for {
		tc.SetReadDeadline(time.Now().Add(idle))
		kind, _, err := fr.ReadFrame()
		if err != nil || kind != frameRound || !n.Trust.Trusted(peer) {
			return // closed, nonsense, unpaired or revoked since: say nothing
		}
		tc.SetReadDeadline(time.Time{})
		if err := n.Sync(ctx, fr, peer, false); err != nil {
			return
		}
	}
}

// --- pairing: the side that shows the code ----------------------------------------

// Offer is a pairing code on show. It can be used once, within CodeTTL and
// CodeTries attempts.
type Offer struct {
	Code    Code
	Expires time.Time

	tries   int
	claimed bool // used up, or being used by a device that proved it
	done    chan struct{}
	peer    Peer
	err     error
}

// Errors of an offer.
var (
	ErrExpired    = errors.New("the pairing code has expired; show a new one")
	ErrTooManyTry = errors.New("the pairing code was entered wrongly too many times; show a new one")
	ErrWrongCode  = errors.New("wrong pairing code")
	ErrNoOffer    = errors.New("the other device is not showing a pairing code")
	ErrCancelled  = errors.New("pairing cancelled")
)

// Offer shows a new pairing code, replacing any earlier one.
func (n *Node) Offer() (*Offer, error) {
	c, err := newCode(n.pub())
	if err != nil {
		return nil, err
	}
	o := &Offer{Code: c, Expires: n.now().Add(CodeTTL), done: make(chan struct{})}
	n.mu.Lock()
	if old := n.offer; old != nil {
		n.finish(old, Peer{}, ErrCancelled)
	}
	n.offer = o
	n.mu.Unlock()
	return o, nil
}

// CancelOffer withdraws the code on show, if any.
func (n *Node) CancelOffer() {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.offer != nil {
		n.finish(n.offer, Peer{}, ErrCancelled)
	}
}

// finish ends an offer; n.mu is held.
func (n *Node) finish(o *Offer, p Peer, err error) {
	select {
	case <-o.done:
		return
	default:
	}
	o.peer, o.err = p, err
	close(o.done)
	if n.offer == o {
		n.offer = nil
	}
}

// Wait blocks until the offer is used, spent or expired, or ctx ends.
func (o *Offer) Wait(ctx context.Context) (Peer, error) {
	t := time.NewTimer(time.Until(o.Expires))
	defer t.Stop()
	select {
	case <-o.done:
		return o.peer, o.err
	case <-t.C:
		return Peer{}, ErrExpired
	case <-ctx.Done():
		return Peer{}, ctx.Err()
	}
}

// offering reports whether a live code is on show.
func (n *Node) offering() bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.live() != nil
}

// live is the offer still usable, expiring it if its time is up; n.mu held.
func (n *Node) live() *Offer {
	o := n.offer
	if o == nil || o.claimed {
		return nil
	}
	if !n.now().Before(o.Expires) {
		n.finish(o, Peer{}, ErrExpired)
		return nil
	}
	return o
}

// answerPair checks a pairing attempt by CPace (cpace.go): the client
// sends its key share, this side answers with its own, and the client
// proves the shared key first; only then does this side prove it back and
// pin the client. A wrong proof spends one of the code's tries; a device
// that does not know the code learns nothing it could test guesses
// against.
func (n *Node) answerPair(tc *tls.Conn, br *bufio.Reader, client ed25519.PublicKey) {
	tc.SetDeadline(time.Now().Add(pairTimeout))
	card, err := readFrame(br)
	if err != nil {
		return
	}
	theirs, err := readFrame(br)
	if err != nil {
		return
	}
	ekm, err := exporter(tc)
	if err != nil {
		return
	}
	n.mu.Lock()
	o := n.live()
	n.mu.Unlock()
	if o == nil {
		writeStatus(tc, ErrNoOffer.Error())
		return
	}
	cp, err := newCPace(o.Code.Secret, channel(n.pub(), client), ekm)
	if err != nil {
		return
	}
	isk, err := cp.key(theirs, false)
	if err != nil {
		writeStatus(tc, err.Error())
		return
	}
	if _, err := tc.Write(appendFrame([]byte{0}, cp.share)); err != nil {
		return
	}
	got, err := readFrame(br)
	if err != nil {
		return
	}
	n.mu.Lock()
	if o != n.live() {
		n.mu.Unlock()
		writeStatus(tc, ErrNoOffer.Error())
		return
	}
	if !hmac.Equal(got, confirm(isk, roleClient)) {
		o.tries++
		spent := o.tries >= CodeTries
		o.claimed = spent
		n.mu.Unlock()
		if !spent {
			writeStatus(tc, ErrWrongCode.Error())
			return
		}
		writeStatus(tc, ErrTooManyTry.Error())
		n.end(o, Peer{}, ErrTooManyTry)
		return
	}
	o.claimed = true // nobody else may use it while this device is pinned
	n.mu.Unlock()
	// The answer is written before the offer ends: whoever waits on it
	// (the CLI) may shut the listener down as soon as it does.
	name, err := n.Trust.Pin(client, card)
	if err != nil {
		writeStatus(tc, "the other device could not record the pairing: "+err.Error())
		n.end(o, Peer{}, err)
		return
	}
	var b []byte
	b = append(b, 0)
	b = appendFrame(b, n.Card())
	b = appendFrame(b, confirm(isk, roleServer))
	tc.Write(b)
	n.end(o, Peer{Key: client, ID: identity.IDOf(client), Name: name, Addr: tc.RemoteAddr().String()}, nil)
}

// channel names the pairing's two devices for CPace: the showing side's
// key, then the typing side's.
func channel(server, client ed25519.PublicKey) []byte {
	return append(append([]byte(nil), server...), client...)
}

// end finishes an offer.
func (n *Node) end(o *Offer, p Peer, err error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.finish(o, p, err)
}

func exporter(tc *tls.Conn) ([]byte, error) {
	st := tc.ConnectionState()
	return st.ExportKeyingMaterial(ekmLabel, nil, 32)
}

// --- pairing: the side that types the code ---------------------------------

// Pair connects to addr, proves the code and, once the other device has
// proved it too, pins that device. A wrong device at addr (its ID does not
// start with the code's) is refused before anything is sent.
func (n *Node) Pair(ctx context.Context, code Code, addr string) (Peer, error) {
	cert, err := n.certificate()
	if err != nil {
		return Peer{}, err
	}
	var server ed25519.PublicKey
	conf := tlsConfig(cert, false, func(pub ed25519.PublicKey) error {
		if id := identity.IDOf(pub); id[:prefixLen] != code.Prefix {
			return fmt.Errorf("%w: %s does not match the code", ErrWrongDevice, identity.Short(id))
		}
		server = pub
		return nil
	})
	ctx, cancel := context.WithTimeout(ctx, pairTimeout)
	defer cancel()
	tc, err := dialTLS(ctx, addr, conf)
	if err != nil {
		return Peer{}, err
	}
	defer tc.Close()
	stop := context.AfterFunc(ctx, func() { tc.SetDeadline(time.Now()) })
	defer stop()
	ekm, err := exporter(tc)
	if err != nil {
		return Peer{}, err
	}
	cp, err := newCPace(code.Secret, channel(server, n.pub()), ekm)
	if err != nil {
		return Peer{}, err
	}
	b := []byte{msgPair}
	b = appendFrame(b, n.Card())
	b = appendFrame(b, cp.share)
	if _, err := tc.Write(b); err != nil {
		return Peer{}, fmt.Errorf("pair with %s: %w", addr, err)
	}
	br := bufio.NewReader(tc)
	// The other side's share, then ours proves the key first.
	theirs, err := readAnswer(br)
	if err != nil {
		return Peer{}, fmt.Errorf("pair with %s: %w", addr, err)
	}
	isk, err := cp.key(theirs, true)
	if err != nil {
		return Peer{}, fmt.Errorf("pair with %s: %w", addr, err)
	}
	if _, err := tc.Write(appendFrame(nil, confirm(isk, roleClient))); err != nil {
		return Peer{}, fmt.Errorf("pair with %s: %w", addr, err)
	}
	card, err := readAnswer(br)
	if err != nil {
		return Peer{}, fmt.Errorf("pair with %s: %w", addr, err)
	}
	got, err := readFrame(br)
	if err != nil {
		return Peer{}, fmt.Errorf("pair with %s: %w", addr, err)
	}
	if !hmac.Equal(got, confirm(isk, roleServer)) {
		return Peer{}, fmt.Errorf("pair with %s: the other device did not prove the code; not paired", addr)
	}
	name, err := n.Trust.Pin(server, card)
	if err != nil {
		return Peer{}, fmt.Errorf("pair with %s: %w", addr, err)
	}
	return Peer{Key: server, ID: identity.IDOf(server), Name: name, Addr: addr}, nil
}

// readAnswer reads the other side's status and, when it is 0, the frame
// after it; else its refusal.
func readAnswer(br *bufio.Reader) ([]byte, error) {
	status, err := br.ReadByte()
	if err != nil {
		return nil, unpairedIfClosed(err)
	}
	if status != 0 {
		msg, _ := readFrame(br)
		return nil, pairRefusal(string(msg))
	}
	return readFrame(br)
}

// pairRefusal maps the other side's message back to our sentinel errors.
func pairRefusal(msg string) error {
	for _, e := range []error{ErrWrongCode, ErrTooManyTry, ErrNoOffer} {
		if msg == e.Error() {
			return e
		}
	}
	return fmt.Errorf("pairing refused: %s", msg)
}

// --- syncing -------------------------------------------------------------------

// Conn is an open, mutually authenticated connection to a paired device.
// It can run many sync rounds; the TLS handshake is paid once.
type Conn struct {
	Peer Peer
	tc   *tls.Conn
	cc   *countConn
	fr   Frames
	sync SyncFunc
	mu   stdsync.Mutex
}

// Dial opens a connection to the paired device at addr. With want set, the
// device there must be that one; without, any paired device will do.
func (n *Node) Dial(ctx context.Context, addr string, want ed25519.PublicKey) (*Conn, error) {
	cert, err := n.certificate()
	if err != nil {
		return nil, err
	}
	var server ed25519.PublicKey
	conf := tlsConfig(cert, false, func(pub ed25519.PublicKey) error {
		switch {
		case want != nil && !pub.Equal(want):
			return fmt.Errorf("%w: found %s at %s", ErrWrongDevice, identity.Short(identity.IDOf(pub)), addr)
		case !n.Trust.Trusted(pub):
			return fmt.Errorf("%w: %s at %s", ErrUnpaired, identity.Short(identity.IDOf(pub)), addr)
		}
		server = pub
		return nil
	})
	hctx, cancel := context.WithTimeout(ctx, handshakeTimeout)
	defer cancel()
	raw, err := (&net.Dialer{}).DialContext(hctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %w", addr, err)
	}
	cc := &countConn{Conn: raw}
	tc := tls.Client(cc, conf)
	if err := tc.HandshakeContext(hctx); err != nil {
		raw.Close()
		return nil, fmt.Errorf("connect to %s: %w", addr, err)
	}
	name := ""
	if nt, ok := n.Trust.(namer); ok {
		name = nt.Name(server)
	}
	if _, err := tc.Write([]byte{msgSync}); err != nil {
		tc.Close()
		return nil, refusedBy(err, name)
	}
	return &Conn{Peer: Peer{Key: server, ID: identity.IDOf(server), Name: name, Addr: addr}, tc: tc, cc: cc, fr: newFrames(tc), sync: n.Sync}, nil
}

// Round runs one sync round. An error leaves the connection unusable.
func (c *Conn) Round(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	stop := context.AfterFunc(ctx, func() { c.tc.SetDeadline(time.Now()) })
	defer stop()
	if err := c.fr.WriteFrame(frameRound, nil); err != nil {
		return refusedBy(fmt.Errorf("sync with %s: %w", c.Peer.Addr, err), c.Peer.Name)
	}
	if err := c.sync(ctx, c.fr, c.Peer.Key, true); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err := refusedBy(err, c.Peer.Name); errors.Is(err, ErrRevoked) {
			return err
		}
		return fmt.Errorf("sync with %s: %w", c.Peer.Addr, unpairedIfClosed(err))
	}
	return nil
}

// Wire is the bytes sent and received on the socket so far, TLS included.
func (c *Conn) Wire() (sent, received int64) { return c.cc.counts() }

// Close ends the connection.
func (c *Conn) Close() error { return c.tc.Close() }

// unpairedIfClosed explains the usual reason a server drops a client
// straight after the handshake: it does not trust it.
func unpairedIfClosed(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, net.ErrClosed) || isAlert(err) {
		return fmt.Errorf("%w (the other device closed the connection)", ErrUnpaired)
	}
	return err
}

// isAlert reports a TLS alert from the other side. Go returns one received
// over TCP as a net.OpError "remote error" around an unexported type;
// tls.AlertError is only for QUIC and for alerts this side sends.
func isAlert(err error) bool {
	var a tls.AlertError
	var op *net.OpError
	return errors.As(err, &a) || errors.As(err, &op) && op.Op == "remote error"
}

func dialTLS(ctx context.Context, addr string, conf *tls.Config) (*tls.Conn, error) {
	raw, err := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %w", addr, err)
	}
	tc := tls.Client(raw, conf)
	if err := tc.HandshakeContext(ctx); err != nil {
		raw.Close()
		return nil, fmt.Errorf("connect to %s: %w", addr, err)
	}
	return tc, nil
}

// --- framing ---------------------------------------------------------------------

func appendFrame(b, p []byte) []byte {
	b = binary.BigEndian.AppendUint16(b, uint16(len(p)))
	return append(b, p...)
}

func readFrame(r io.Reader) ([]byte, error) {
	var h [2]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return nil, err
	}
	n := binary.BigEndian.Uint16(h[:])
	if n > maxFrame {
		return nil, fmt.Errorf("frame of %d bytes is too big", n)
	}
	p := make([]byte, n)
	_, err := io.ReadFull(r, p)
	return p, err
}

func writeStatus(w io.Writer, msg string) {
	w.Write(appendFrame([]byte{1}, []byte(msg)))
}

// countConn counts the bytes that cross the socket.
type countConn struct {
	net.Conn
	mu         stdsync.Mutex
	sent, recv int64
}

func (c *countConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.mu.Lock()
	c.recv += int64(n)
	c.mu.Unlock()
	return n, err
}

func (c *countConn) Write(p []byte) (int, error) {
	n, err := c.Conn.Write(p)
	c.mu.Lock()
	c.sent += int64(n)
	c.mu.Unlock()
	return n, err
}

func (c *countConn) counts() (int64, int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.sent, c.recv
}

// newFrames frames a stream the way the sync engine does everywhere.
func newFrames(rw io.ReadWriter) Frames { return devsync.NewStreamConn(rw) }
