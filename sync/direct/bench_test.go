package direct

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"learnwork/store"
	devsync "learnwork/sync"
	"learnwork/sync/identity"
	"learnwork/sync/trust"
)

// benchDevice is a device with an on-disk store, for benchmarks and the
// end-to-end tests of this package.
type benchDevice struct {
	id    *identity.Identity
	st    *store.Store
	trust *trust.List
	node  *Node
	// firstData is when the last round first received changes.
	firstData time.Time
}

func newBenchDevice(tb testing.TB, name string) *benchDevice {
	tb.Helper()
	d := &benchDevice{id: identity.New()}
	st, err := store.Open(tb.TempDir(), store.WithKey(d.id.Private()))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	d.st = st
	d.trust = trust.InMemory(d.id, name)
	lt := ListTrust{d.trust}
	d.node = &Node{Key: d.id.Private(), Card: lt.Card, Trust: lt,
		Sync: func(ctx context.Context, conn Frames, peer ed25519.PublicKey, initiator bool) error {
			_, err := devsync.Exchange(ctx, d.st, &watchFrames{Frames: conn, d: d}, devsync.Options{Peer: identity.IDOf(peer)})
			return err
		}}
	return d
}

// watchFrames notes when changes first arrive in a round.
type watchFrames struct {
	Frames
	d *benchDevice
}

func (w *watchFrames) ReadFrame() (byte, []byte, error) {
	k, p, err := w.Frames.ReadFrame()
	if err == nil && k == 3 && w.d.firstData.IsZero() { // devsync's frame of changes
		w.d.firstData = time.Now()
	}
	return k, p, err
}

func (d *benchDevice) add(tb testing.TB, prefix string, n int) {
	tb.Helper()
	for i := 0; i < n; i += 2000 {
		err := d.st.Update(context.Background(), func(tx *store.Tx) error {
			for j := i; j < min(i+2000, n); j++ {
				if _, err := tx.Put(&store.Person{Meta: store.Meta{Kind: store.KindPerson}, Name: fmt.Sprintf("%s %06d", prefix, j)}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
}

func (d *benchDevice) serve(tb testing.TB, ln net.Listener) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { d.node.Serve(ctx, ln); close(done) }()
	tb.Cleanup(func() { cancel(); <-done })
}

func pairDevices(tb testing.TB, server, client *benchDevice, addr string) {
	tb.Helper()
	o, err := server.node.Offer()
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := client.node.Pair(context.Background(), o.Code, addr); err != nil {
		tb.Fatal(err)
	}
	if _, err := o.Wait(context.Background()); err != nil {
		tb.Fatal(err)
	}
}

func listen(tb testing.TB) net.Listener {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	return ln
}

// peakRSS is the process's peak resident set in MB since resetPeak.
func peakRSS() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return float64(kb) / 1024
		}
	}
	return 0
}

// BenchmarkDirectFullSync100k: a new device receives 100k changes over
// loopback TLS. The receiving device runs in a process of its own (this
// test binary again), so its peak RSS is its own.
func BenchmarkDirectFullSync100k(b *testing.B) {
	for range b.N {
		b.StopTimer()
		a := newBenchDevice(b, "a")
		a.add(b, "Person", 100_000)
		ln := listen(b)
		a.serve(b, ln)
		child := identity.New()
		if err := a.trust.Add(trust.Device{ID: child.ID(), Name: "child", PublicKey: child.Public()}); err != nil {
			b.Fatal(err)
		}
		cmd := exec.Command(os.Args[0], "-test.run=^TestFullSyncChild$")
		cmd.Env = append(os.Environ(), "DIRECT_CHILD="+strings.Join([]string{
			base64.StdEncoding.EncodeToString(child.Private().Seed()),
			base64.StdEncoding.EncodeToString(a.id.Public()),
			ln.Addr().String(), b.TempDir()}, ","))
		b.StartTimer()
		out, err := cmd.Output()
		b.StopTimer()
		if err != nil {
			b.Fatalf("child: %v\n%s", err, out)
		}
		var r childResult
		line, _, _ := bytes.Cut(out[bytes.IndexByte(out, '{'):], []byte("\n"))
		if err := json.Unmarshal(line, &r); err != nil {
			b.Fatalf("child said %q: %v", out, err)
		}
		if r.Received != a.st.Vector()[a.st.Device()] {
			b.Fatalf("child received up to %d of %d", r.Received, a.st.Vector()[a.st.Device()])
		}
		b.ReportMetric(r.Seconds, "s/sync")
		// CPU time says more than wall time on a shared machine.
		b.ReportMetric((cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds(), "receiver-CPU-s")
		b.ReportMetric(r.PeakRSS, "receiver-peak-RSS-MB")
		b.ReportMetric(float64(r.Wire)/1e6, "wire-MB")
	}
}

type childResult struct {
	Seconds  float64 `json:"seconds"`
	PeakRSS  float64 `json:"peakRSS"`
	Wire     int64   `json:"wire"`
	Received uint64  `json:"received"`
}

// TestFullSyncChild is the receiving device of BenchmarkDirectFullSync100k;
// it does nothing unless started by it.
func TestFullSyncChild(t *testing.T) {
	env := os.Getenv("DIRECT_CHILD")
	if env == "" {
		t.Skip("run by BenchmarkDirectFullSync100k")
	}
	f := strings.Split(env, ",")
	seed, _ := base64.StdEncoding.DecodeString(f[0])
	server, _ := base64.StdEncoding.DecodeString(f[1])
	id := identity.FromSeed(seed)
	// As `learnwork sync with` opens it.
	st, err := store.Open(f[3], store.WithKey(id.Private()), store.LowMemory())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tl := trust.InMemory(id, "child")
	if err := tl.Add(trust.Device{ID: identity.IDOf(server), Name: "a", PublicKey: server}); err != nil {
		t.Fatal(err)
	}
	lt := ListTrust{tl}
	n := &Node{Key: id.Private(), Card: lt.Card, Trust: lt,
		Sync: func(ctx context.Context, conn Frames, peer ed25519.PublicKey, _ bool) error {
			_, err := devsync.Exchange(ctx, st, conn, devsync.Options{Peer: identity.IDOf(peer)})
			return err
		}}
	start := time.Now()
	conn, err := n.Dial(context.Background(), f[2], server)
	if err != nil {
		t.Fatal(err)
	}
	if err := conn.Round(context.Background()); err != nil {
		t.Fatal(err)
	}
	s, r := conn.Wire()
	conn.Close()
	res := childResult{Seconds: time.Since(start).Seconds(), PeakRSS: peakRSS(), Wire: s + r, Received: st.Vector()[store.DeviceOf(server)]}
	out, _ := json.Marshal(res)
	fmt.Printf("\n%s\n", out)
}

// BenchmarkDirectIncremental10: 10 new changes on a 100k-change store, on
// an open connection, over a loopback relay that delays each direction by
// 25 ms, so round trips before data can be counted.
func BenchmarkDirectIncremental10(b *testing.B) {
	a, c := newBenchDevice(b, "a"), newBenchDevice(b, "b")
	a.add(b, "Person", 100_000)
	ln := listen(b)
	a.serve(b, ln)
	pairDevices(b, a, c, ln.Addr().String())
	const oneWay = 25 * time.Millisecond
	relay := delayRelay(b, ln.Addr().String(), oneWay)
	ctx := context.Background()
	conn, err := c.node.Dial(ctx, relay, a.id.Public())
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	if err := conn.Round(ctx); err != nil { // the first full sync
		b.Fatal(err)
	}
	var bytes, empty, rtts float64
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		a.add(b, fmt.Sprintf("New %d", i), 10)
		s0, r0 := conn.Wire()
		c.firstData = time.Time{}
		b.StartTimer()
		start := time.Now()
		if err := conn.Round(ctx); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s1, r1 := conn.Wire()
		bytes += float64(s1 - s0 + r1 - r0)
		rtts += float64(c.firstData.Sub(start)) / float64(2*oneWay)
		// And a round with nothing to send.
		if err := conn.Round(ctx); err != nil {
			b.Fatal(err)
		}
		s2, r2 := conn.Wire()
		empty += float64(s2 - s1 + r2 - r1)
	}
	b.ReportMetric(bytes/float64(b.N), "wire-B/10-changes")
	b.ReportMetric(rtts/float64(b.N), "RTT-before-data")
	b.ReportMetric(empty/float64(b.N), "wire-B/nothing")
}

// BenchmarkDirectHandshake: the bytes a new connection costs (TLS 1.3
// handshake with both device certificates), paid once per connection.
func BenchmarkDirectHandshake(b *testing.B) {
	a, c := newBenchDevice(b, "a"), newBenchDevice(b, "b")
	ln := listen(b)
	a.serve(b, ln)
	pairDevices(b, a, c, ln.Addr().String())
	var total float64
	for range b.N {
		conn, err := c.node.Dial(context.Background(), ln.Addr().String(), a.id.Public())
		if err != nil {
			b.Fatal(err)
		}
		s, r := conn.Wire()
		total += float64(s + r)
		conn.Close()
	}
	b.ReportMetric(total/float64(b.N), "wire-B/handshake")
}

// delayRelay forwards TCP to target, delivering each chunk oneWay later.
func delayRelay(tb testing.TB, target string, oneWay time.Duration) string {
	ln := listen(tb)
	tb.Cleanup(func() { ln.Close() })
	go func() {
		for {
			in, err := ln.Accept()
			if err != nil {
				return
			}
			out, err := net.Dial("tcp", target)
			if err != nil {
				in.Close()
				continue
			}
			go delayCopy(out, in, oneWay)
			go delayCopy(in, out, oneWay)
		}
	}()
	return ln.Addr().String()
}

func delayCopy(dst io.WriteCloser, src io.Reader, d time.Duration) {
	type chunk struct {
		at time.Time
		b  []byte
	}
	q := make(chan chunk, 4096)
	go func() {
		defer dst.Close()
		for c := range q {
			time.Sleep(time.Until(c.at))
			if _, err := dst.Write(c.b); err != nil {
				return
			}
		}
	}()
	buf := make([]byte, 64<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			q <- chunk{time.Now().Add(d), append([]byte(nil), buf[:n]...)}
		}
		if err != nil {
			close(q)
			return
		}
	}
}
