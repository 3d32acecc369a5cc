package sync

import (
	"fmt"
	"net"
	"testing"
	"time"

	"learnwork/internal/cputime"
	"learnwork/store"
)

// fill makes n changes (one person each: name and organisation).
func fill(b testing.TB, s *store.Store, n int) {
	b.Helper()
	for done := 0; done < n; {
		err := s.Update(bg, func(tx *store.Tx) error {
			for i := 0; i < 500 && done < n; i++ {
				if _, err := tx.Put(&store.Person{Meta: store.Meta{Kind: store.KindPerson}, Name: fmt.Sprintf("Person %d", done), Org: "Analytical Engines"}); err != nil {
					return err
				}
				done++
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// pairOf100k is two stores holding the same 100k changes.
func pairOf100k(b *testing.B) (*store.Store, *store.Store) {
	b.Helper()
	a, c := memStore(b), memStore(b)
	fill(b, a, 100_000)
	if _, _, _, errA, errB := exchange(b, a, c, Options{}, Options{}); errA != nil || errB != nil {
		b.Fatal(errA, errB)
	}
	return a, c
}

// countingConn counts the round trips before the first change frame: 1
// means vectors cross once, then data flows.
type countingConn struct {
	*StreamConn
	reads, readsBeforeData int
	sentData               bool
}

func (c *countingConn) WriteFrame(kind byte, p []byte) error {
	if kind == frameChanges && !c.sentData {
		c.sentData, c.readsBeforeData = true, c.reads
	}
	return c.StreamConn.WriteFrame(kind, p)
}

// ReadFrame counts the frames data waits on: the other side's vector.
// (Its end-of-data may arrive before this side starts sending; that is not
// waited for.)
func (c *countingConn) ReadFrame() (byte, []byte, error) {
	kind, p, err := c.StreamConn.ReadFrame()
	if kind == frameHello {
		c.reads++
	}
	return kind, p, err
}

// BenchmarkIncremental10 is DESIGN §7: 10 new changes on a 100k-change
// store; bytes on the wire from the side that has them, and round trips
// before data.
func BenchmarkIncremental10(b *testing.B) {
	a, c := pairOf100k(b)
	var sent int64
	rtt := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		err := a.Update(bg, func(tx *store.Tx) error {
			for j := 0; j < 10; j++ {
				if _, err := tx.Put(&store.Person{Meta: store.Meta{Kind: store.KindPerson}, Name: fmt.Sprintf("New %d-%d", i, j)}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		ca, cc := net.Pipe()
		conn := &countingConn{StreamConn: NewStreamConn(ca)}
		done := make(chan error, 1)
		go func() { _, err := Exchange(bg, c, NewStreamConn(cc), Options{}); cc.Close(); done <- err }()
		res, err := Exchange(bg, a, conn, Options{})
		ca.Close()
		if err2 := <-done; err != nil || err2 != nil || res.Sent != 10 || !res.DigestMatch {
			b.Fatalf("exchange: %v %v sent %d", err, err2, res.Sent)
		}
		sent += conn.Sent
		rtt = conn.readsBeforeData
	}
	b.ReportMetric(float64(sent)/float64(b.N), "wire-B/sync")
	b.ReportMetric(float64(rtt), "round-trips-before-data")
}

// BenchmarkNothingToSend: both hold the same 100k changes.
func BenchmarkNothingToSend(b *testing.B) {
	a, c := pairOf100k(b)
	var sent int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_, _, s, errA, errB := exchange(b, a, c, Options{}, Options{})
		if errA != nil || errB != nil {
			b.Fatal(errA, errB)
		}
		sent += s
	}
	b.ReportMetric(float64(sent)/float64(b.N), "wire-B/sync")
}

// BenchmarkApply100k applies 100k remote changes through the write path.
func BenchmarkApply100k(b *testing.B) {
	src := memStore(b)
	fill(b, src, 100_000)
	var raws [][]byte
	var cpu time.Duration
	src.ChangesSince(bg, store.Vector{}, func(r []byte) error { raws = append(raws, append([]byte(nil), r...)); return nil })
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		// The production options, on disk, as the app opens it.
		dst, err := store.Open(b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		app := NewApplier(dst)
		b.StartTimer()
		c := cpuTime()
		for j := 0; j < len(raws); j += batchChanges {
			if err := app.Apply(bg, raws[j:min(j+batchChanges, len(raws))], store.Ack{}); err != nil {
				b.Fatal(err)
			}
		}
		if err := dst.Wait(); err != nil {
			b.Fatal(err)
		}
		if app.Applied != len(raws) {
			b.Fatalf("applied %d of %d", app.Applied, len(raws))
		}
		cpu += cpuTime() - c
		b.StopTimer()
		dst.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(len(raws)), "changes")
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
}

// cpuTime is the CPU time this process has used: on a shared machine,
// wall time says more about the neighbours than about the work.
func cpuTime() time.Duration {
	return cputime.Process()
}
