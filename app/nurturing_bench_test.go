package app

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"learnwork/store"
)

// The DESIGN.md §7 store for due: 50k people (each with a cadence, the
// worst case), 200k interactions and 200 communities meeting weekly (seven
// recurring events, expanded for real), seeded
// once per machine through the write path.
var (
	dueOnce sync.Once
	dueDir  string
	dueErr  error
)

var benchNow = time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)

func seedDue(tb testing.TB) string {
	dueOnce.Do(func() {
		dueDir = filepath.Join(os.TempDir(), "learnwork-bench-due-v2")
		if _, err := os.Stat(filepath.Join(dueDir, "seeded")); err == nil {
			return
		}
		os.RemoveAll(dueDir)
		start := time.Now()
		s, err := store.Open(dueDir)
		if err != nil {
			dueErr = err
			return
		}
		defer s.Close()
		if dueErr = seedNetwork(s, 50000, 200000, 200); dueErr == nil {
			dueErr = os.WriteFile(filepath.Join(dueDir, "seeded"), nil, 0o644)
		}
		fmt.Fprintf(os.Stderr, "seeded 50k people, 200k interactions, 200 communities in %s\n", time.Since(start).Round(time.Millisecond))
	})
	if dueErr != nil {
		tb.Fatal(dueErr)
	}
	return dueDir
}

func seedNetwork(s *store.Store, people, interactions, communities int) error {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(3, 4))
	chunk := func(n, size int, fn func(tx *store.Tx, i int) error) error {
		for done := 0; done < n; {
			err := s.Update(ctx, func(tx *store.Tx) error {
				for j := 0; j < size && done < n; j++ {
					if err := fn(tx, done); err != nil {
						return err
					}
					done++
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	}
	var ids, cids []string
	put := func(tx *store.Tx, e store.Entity) (string, error) { return tx.Put(e) }
	err := chunk(people, 500, func(tx *store.Tx, i int) error {
		p := &store.Person{Name: fmt.Sprintf("Person %d", i), Cadence: fmt.Sprintf("%d", 14+r.IntN(90))}
		p.Kind = store.KindPerson
		id, err := put(tx, p)
		ids = append(ids, id)
		return err
	})
	if err != nil {
		return err
	}
	var series []string
	err = chunk(7, 7, func(tx *store.Tx, i int) error {
		ev := &store.Event{Title: fmt.Sprintf("Weekly %d", i), Start: benchNow.AddDate(-2, 0, i).Format("2006-01-02") + "T19:00:00",
			TZ: "Europe/London", RRule: "FREQ=WEEKLY"}
		ev.Kind = store.KindEvent
		id, err := put(tx, ev)
		series = append(series, id)
		return err
	})
	if err != nil {
		return err
	}
	err = chunk(communities, 200, func(tx *store.Tx, i int) error {
		c := &store.Community{Name: fmt.Sprintf("Community %d", i), Schedule: series[i%len(series)], Cadence: "30"}
		c.Kind = store.KindCommunity
		id, err := put(tx, c)
		cids = append(cids, id)
		return err
	})
	if err != nil {
		return err
	}
	day := benchNow.AddDate(0, 0, -1)
	dirs := []string{"gave", "received", "mutual", ""}
	return chunk(interactions, 1000, func(tx *store.Tx, i int) error {
		it := &store.Interaction{Date: day.AddDate(0, 0, -r.IntN(400)).Format("2006-01-02"), Type: "conversation",
			Direction: dirs[r.IntN(len(dirs))], What: "a conversation", People: []string{ids[r.IntN(len(ids))]}}
		if i%10 == 0 {
			it.Community, it.Type = cids[r.IntN(len(cids))], []string{store.TypeAttended, store.TypeMissed}[r.IntN(2)]
		}
		it.Kind = store.KindInteraction
		_, err := put(tx, it)
		return err
	})
}

// BenchmarkDue ranks who and what needs attention over the big store, as
// `learnwork due` and the Today screen do.
func BenchmarkDue(b *testing.B) {
	s, err := store.Open(seedDue(b))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	sv := testApp(b, s, Options{Now: func() time.Time { return benchNow }})
	var d DueList
	cpu0 := cpuTime()
	for b.Loop() {
		if d, err = sv.Nurture.Due(0); err != nil {
			b.Fatal(err)
		}
	}
	if d.Total < 1000 || len(d.Problems) > 0 {
		b.Fatalf("%d due, problems %q", d.Total, d.Problems)
	}
	b.ReportMetric(float64(d.Total), "due")
	// On a machine shared with other work, wall time mostly measures the
	// queue; the CPU the process spent per call is what a free core needs.
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}
