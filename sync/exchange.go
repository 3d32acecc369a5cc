package sync

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/fxamacker/cbor/v2"

	"learnwork/store"
)

// Options tune an exchange.
type Options struct {
	// Peer names the other device (its ID) for the record of what it holds.
	Peer string
	// AllowMassDelete lets an incoming batch past the mass-delete guard.
	AllowMassDelete bool
	// Progress, if set, hears how many changes came in so far.
	Progress func(received, total int)
}

// Result is what an exchange did.
type Result struct {
	Sent        int // changes sent
	Received    int // changes applied here
	Kinds       map[store.Kind]int
	Refs        []store.Ref  // entities changed here (at most 200)
	PeerVector  store.Vector // what the peer holds now
	DigestMatch bool         // both ended with identical state
}

// ErrDigest is a state mismatch after both sides hold the same log: a bug to
// report, never something to hide.
var ErrDigest = errors.New("state digest differs although both devices hold the same changes")

type hello struct {
	Vector store.Vector `cbor:"1,keyasint"`
}

type digest struct {
	Sum    []byte       `cbor:"1,keyasint"`
	Vector store.Vector `cbor:"2,keyasint"`
}

// Exchange runs one anti-entropy round over conn; both sides call it. Each
// sends its version vector, then only the changes the other lacks, in
// compressed batches each applied atomically, so an interrupted exchange
// resumes where it stopped; at the end both compare a digest of state.
func Exchange(ctx context.Context, st Log, conn Conn, opts Options) (Result, error) {
	res := Result{}
	mine := st.Vector()
	peerHello := make(chan store.Vector, 1)
	sendDone := make(chan error, 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	go func() {
		err := send(ctx, st, conn, mine, peerHello, &res.Sent)
		if err != nil {
			closeConn(conn) // unblocks the read below
		}
		sendDone <- err
	}()

	app := NewApplier(st)
	var peerVV store.Vector
	total := 0
	recvErr := func() error {
		kind, b, err := conn.ReadFrame()
		if err != nil {
			return fmt.Errorf("read hello: %w", err)
		}
		var h hello
		if kind != frameHello || decodeFrame(b, &h) != nil {
			return fmt.Errorf("%w: the other side did not start with its vector", ErrDamaged)
		}
		peerVV = h.Vector
		peerHello <- h.Vector
		for {
			kind, b, err := conn.ReadFrame()
			if err != nil {
				return fmt.Errorf("read changes: %w", err)
			}
			switch kind {
			case framePlan:
				var p Plan
				if err := decodeFrame(b, &p); err != nil {
					return err
				}
				total = p.Changes
				if err := GuardDeletes(ctx, st, peerName(opts.Peer), p.Deletes, opts.AllowMassDelete); err != nil {
					return err
				}
			case frameChanges:
				raws, err := DecodeBatch(b)
				if err != nil {
					return err
				}
				if err := app.Apply(ctx, raws, store.Ack{Peer: opts.Peer, Vector: peerVV}); err != nil {
					return err
				}
				if opts.Progress != nil {
					opts.Progress(app.Applied, total)
				}
			case frameEnd:
				return nil
			default:
				return fmt.Errorf("%w: unexpected frame %d", ErrDamaged, kind)
			}
		}
	}()
	if recvErr != nil {
		cancel()
		if peerVV == nil {
			close(peerHello)
		}
		closeConn(conn) // unblocks a send the other side no longer reads
		if err := <-sendDone; err != nil && !errors.Is(recvErr, ErrMassDelete) && !errors.Is(recvErr, ErrDamaged) {
			return res, fmt.Errorf("%w (and sending: %v)", recvErr, err)
		}
		res.Received, res.Kinds, res.Refs = app.Applied, app.Kinds, app.Refs
		return res, recvErr
	}
	if err := <-sendDone; err != nil {
		return res, err
	}
	res.Received, res.Kinds, res.Refs = app.Applied, app.Kinds, app.Refs
	if app.Waiting() > 0 {
		return res, fmt.Errorf("%w: %d changes arrived without the ones before them", ErrDamaged, app.Waiting())
	}

	sum, vv, err := st.Digest(ctx)
	if err != nil {
		return res, err
	}
	// Both sides send at once: write while reading, as a synchronous pipe
	// would otherwise block both.
	go func() { sendDone <- conn.WriteFrame(frameDigest, encodeFrame(digest{Sum: sum[:], Vector: vv})) }()
	kind, b, err := conn.ReadFrame()
	if err != nil {
		return res, fmt.Errorf("read digest: %w", err)
	}
	if err := <-sendDone; err != nil {
		return res, fmt.Errorf("send digest: %w", err)
	}
	var theirs digest
	if kind != frameDigest || decodeFrame(b, &theirs) != nil {
		return res, fmt.Errorf("%w: expected the digest", ErrDamaged)
	}
	res.PeerVector = theirs.Vector
	if opts.Peer != "" {
		if err := st.Acknowledged(opts.Peer, theirs.Vector); err != nil {
			return res, err
		}
	}
	// Only equal vectors must give equal digests: an edit made during the
	// exchange is simply not in it.
	if vv.Compare(theirs.Vector) == store.Equal {
		if string(theirs.Sum) != string(sum[:]) {
			return res, ErrDigest
		}
		res.DigestMatch = true
	}
	return res, nil
}

func send(ctx context.Context, st Log, conn Conn, mine store.Vector, peerHello <-chan store.Vector, sent *int) error {
	if err := conn.WriteFrame(frameHello, encodeFrame(hello{Vector: mine})); err != nil {
		return fmt.Errorf("send hello: %w", err)
	}
	var theirs store.Vector
	select {
	case v, ok := <-peerHello:
		if !ok {
			return nil
		}
		theirs = v
	case <-ctx.Done():
		return ctx.Err()
	}
	if mine.Missing(theirs) > 0 {
		// One pass for the plan (the deletes, for the other side's guard),
		// one to stream.
		p, err := PlanSince(ctx, st, theirs)
		if err != nil {
			return err
		}
		if err := conn.WriteFrame(framePlan, encodeFrame(p)); err != nil {
			return fmt.Errorf("send plan: %w", err)
		}
		err = Batches(ctx, st, theirs, func(batch []byte, n int) error {
			*sent += n
			return conn.WriteFrame(frameChanges, batch)
		})
		if err != nil {
			return fmt.Errorf("send changes: %w", err)
		}
	}
	return conn.WriteFrame(frameEnd, nil)
}

func closeConn(c Conn) {
	if cl, ok := c.(io.Closer); ok {
		cl.Close()
	}
}

func peerName(p string) string {
	if p == "" {
		return "the other device"
	}
	return p
}

var frameDec, _ = cbor.DecOptions{MaxArrayElements: 1 << 20, MaxMapPairs: 1 << 16, MaxNestedLevels: 8}.DecMode()

func encodeFrame(v any) []byte {
	b, err := cbor.Marshal(v)
	if err != nil {
		panic(err) // our own plain types
	}
	return b
}

func decodeFrame(b []byte, v any) error {
	if err := frameDec.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	return nil
}
