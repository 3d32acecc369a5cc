package space

import (
	"fmt"
	"path/filepath"
	stdsync "sync"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"learnwork/internal/cputime"
	"learnwork/store"
	"learnwork/sync/identity"
)

// benchMember is a member whose store is tuned small, so fifty fit on a
// machine: two 16 MB memtables and small caches.
func benchMember(b *testing.B, name string) *member {
	b.Helper()
	dir := b.TempDir()
	id := identity.New()
	st, err := store.Open(filepath.Join(dir, "store"), store.WithKey(id.Private()), store.WithBadger(func(o badger.Options) badger.Options {
		return o.WithNumMemtables(2).WithMemTableSize(16 << 20).WithValueLogFileSize(32 << 20).WithBlockCacheSize(4 << 20).WithIndexCacheSize(2 << 20)
	}))
	if err != nil {
		b.Fatal(err)
	}
	m := &member{name: name, st: st, id: id}
	m.eng = NewEngine(st, id, dir, func() string { return name }, nil)
	m.eng.Timeout = time.Minute
	b.Cleanup(func() {
		m.eng.Close()
		st.Close()
	})
	return m
}

// shareLearnings makes n learnings and shares them: n changes in the
// space's log (and their topic's).
func shareLearnings(b *testing.B, m *member, space string, n int) []string {
	b.Helper()
	var ids []string
	for done := 0; done < n; {
		chunk := min(1000, n-done)
		err := m.st.Update(bg, func(tx *store.Tx) error {
			for i := range chunk {
				id, err := tx.Put(&store.Learning{Meta: store.Meta{Kind: store.KindLearning}, Date: "2026-12-01",
					What: fmt.Sprintf("learning %d: how retrieval practice beats rereading", done+i), Topics: []string{"Learning science"}})
				if err != nil {
					return err
				}
				if err := tx.Share(store.KindLearning, id, space); err != nil {
					return err
				}
				ids = append(ids, id)
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		done += chunk
	}
	return ids
}

func streamBytes(b *testing.B, m *member, id string) uint64 {
	b.Helper()
	r := m.eng.run(id)
	r.mu.Lock()
	defer r.mu.Unlock()
	s, err := r.js.Stream(bg, StreamName(id))
	if err != nil {
		b.Fatal(err)
	}
	return s.CachedInfo().State.Bytes
}

// BenchmarkFanOut10kTo50: one member writes 10,000 shared changes; fifty
// members on the same embedded server receive and apply them, end to end
// (publish, then every member's sync, four at a time on two cores).
// "edits" changes 1,000 shared learnings every member holds already, ten
// times each; "new" shares 10,000 new learnings (each a new entity for
// every member's indexes: the costlier case).
func BenchmarkFanOut10kTo50(b *testing.B) {
	b.Run("edits", func(b *testing.B) { fanOut(b, true) })
	b.Run("new", func(b *testing.B) { fanOut(b, false) })
}

func fanOut(b *testing.B, edits bool) {
	const changes, members = 10_000, 50
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		srv := serve(b, b.TempDir(), "127.0.0.1:0")
		ada := benchMember(b, "Ada")
		sp, err := ada.eng.Create(bg, "Fan-out", srv.URL(), "")
		if err != nil {
			b.Fatal(err)
		}
		var ids []string
		if edits {
			ids = shareLearnings(b, ada, sp.ID, changes/10)
		}
		var ms []*member
		for j := range members {
			m := benchMember(b, fmt.Sprint("member", j))
			m.join(b, ada, sp.ID)
			ms = append(ms, m)
		}
		ada.sync(b, sp.ID)
		for _, m := range ms {
			m.sync(b, sp.ID) // each holds the membership (and the learnings to edit): only the 10,000 are timed
		}
		before := streamBytes(b, ada, sp.ID)
		dev := ada.st.SpaceDevice(sp.ID)
		if edits {
			for r := range 10 {
				ada.update(b, func(tx *store.Tx) error {
					for _, id := range ids {
						if err := tx.Set(store.KindLearning, id, "used", fmt.Sprintf("in the team's course, week %d", r)); err != nil {
							return err
						}
					}
					return nil
				})
			}
		} else {
			ids = shareLearnings(b, ada, sp.ID, changes)
		}
		b.StartTimer()
		start, cpu := time.Now(), cputime.Process()
		ada.sync(b, sp.ID)
		var wg stdsync.WaitGroup
		sem := make(chan struct{}, 4)
		for _, m := range ms {
			wg.Add(1)
			go func() {
				defer wg.Done()
				sem <- struct{}{}
				defer func() { <-sem }()
				m.sync(b, sp.ID)
				if err := m.st.Wait(); err != nil {
					b.Error(err)
				}
			}()
		}
		wg.Wait()
		wall, cpu := time.Since(start), cputime.Process()-cpu
		b.StopTimer()
		for _, m := range ms {
			if _, ok := m.learning(ids[len(ids)-1]); !ok || m.st.Vector()[dev] != ada.st.Vector()[dev] {
				b.Fatalf("%s did not receive everything", m.name)
			}
		}
		b.ReportMetric(wall.Seconds(), "s-end-to-end")
		b.ReportMetric(cpu.Seconds(), "cpu-s")
		b.ReportMetric(float64(streamBytes(b, ada, sp.ID)-before)/float64(changes), "stream-B/change")
		srv.Close()
	}
}

// BenchmarkCatchUp30Days100k: a member away for 30 days while another
// published 100k changes, a batch a day, catches up in one sync.
func BenchmarkCatchUp30Days100k(b *testing.B) {
	const learnings, rounds = 1000, 99 // 1,000 shared, then 99 edits of each: 100k changes
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		srv := serve(b, b.TempDir(), "127.0.0.1:0")
		ada, bob := benchMember(b, "Ada"), benchMember(b, "Bob")
		sp, err := ada.eng.Create(bg, "Catch-up", srv.URL(), "")
		if err != nil {
			b.Fatal(err)
		}
		bob.join(b, ada, sp.ID)
		ids := shareLearnings(b, ada, sp.ID, learnings)
		ada.sync(b, sp.ID)
		for r := range rounds {
			err := ada.st.Update(bg, func(tx *store.Tx) error {
				for _, id := range ids {
					if err := tx.Set(store.KindLearning, id, "used", fmt.Sprintf("in session %d of the course", r)); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
			if r%(rounds/30) == 0 {
				ada.sync(b, sp.ID) // a day's publishing
			}
		}
		ada.sync(b, sp.ID)
		dev := ada.st.SpaceDevice(sp.ID)
		changes := 0
		if err := ada.st.ChangesSince(bg, store.Vector{}, func(raw []byte) error {
			if c, _ := store.DecodeChange(raw); c.Device == dev {
				changes++
			}
			return nil
		}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start, cpu := time.Now(), cputime.Process()
		bob.sync(b, sp.ID)
		if err := bob.st.Wait(); err != nil {
			b.Fatal(err)
		}
		wall, cpu := time.Since(start), cputime.Process()-cpu
		b.StopTimer()
		if bob.st.Vector()[dev] != ada.st.Vector()[dev] {
			b.Fatal("Bob did not catch up")
		}
		b.ReportMetric(wall.Seconds(), "s-catch-up")
		b.ReportMetric(cpu.Seconds(), "cpu-s")
		b.ReportMetric(float64(changes), "changes")
		b.ReportMetric(float64(streamBytes(b, ada, sp.ID))/float64(changes), "stream-B/change")
		srv.Close()
	}
}

// BenchmarkOneEdit: the bytes one small edit costs on the wire when it
// travels alone (the usual case: a sync a few seconds after an edit).
func BenchmarkOneEdit(b *testing.B) {
	srv := serve(b, b.TempDir(), "127.0.0.1:0")
	defer srv.Close()
	ada := benchMember(b, "Ada")
	sp, err := ada.eng.Create(bg, "One edit", srv.URL(), "")
	if err != nil {
		b.Fatal(err)
	}
	ids := shareLearnings(b, ada, sp.ID, 1)
	ada.sync(b, sp.ID)
	b.ResetTimer()
	var bytes uint64
	for i := 0; i < b.N; i++ {
		before := streamBytes(b, ada, sp.ID)
		ada.update(b, func(tx *store.Tx) error {
			return tx.Set(store.KindLearning, ids[0], "used", fmt.Sprintf("in the team's retro %d", i))
		})
		ada.sync(b, sp.ID)
		bytes += streamBytes(b, ada, sp.ID) - before
	}
	b.ReportMetric(float64(bytes)/float64(b.N), "stream-B/change")
}
