package store

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"
)

// A store of 50k people and 200k interactions (DESIGN.md §7), seeded once
// per test binary through the normal write path.
var (
	bigOnce sync.Once
	bigDir  string
	bigErr  error
)

var firstNames = []string{"Ada", "Grace", "Alan", "Barbara", "Seymour", "Margaret", "Donald", "Frances", "Edsger", "Katherine", "Niklaus", "Radia", "Ken", "Hedy", "Tim", "Sophie", "Linus", "Karen", "John", "Anita"}
var lastNames = []string{"Lovelace", "Hopper", "Turing", "Liskov", "Papert", "Hamilton", "Knuth", "Allen", "Dijkstra", "Johnson", "Wirth", "Perlman", "Thompson", "Lamarr", "Berners-Lee", "Wilson", "Torvalds", "Spärck Jones", "McCarthy", "Borg"}

func seedBig(tb testing.TB) string {
	bigOnce.Do(func() {
		bigDir = filepath.Join(os.TempDir(), "learnwork-bench-50k-v1")
		if _, err := os.Stat(filepath.Join(bigDir, "seeded")); err == nil {
			return
		}
		os.RemoveAll(bigDir)
		start := time.Now()
		s, err := Open(bigDir)
		if err != nil {
			bigErr = err
			return
		}
		defer s.Close()
		bigErr = seedPeople(s, 50000, 200000)
		if bigErr == nil {
			bigErr = os.WriteFile(filepath.Join(bigDir, "seeded"), nil, 0o644)
		}
		fmt.Fprintf(os.Stderr, "seeded 50k people + 200k interactions in %s\n", time.Since(start).Round(time.Millisecond))
	})
	if bigErr != nil {
		tb.Fatal(bigErr)
	}
	return bigDir
}

func seedPeople(s *Store, people, interactions int) error {
	r := rand.New(rand.NewPCG(1, 2))
	ids := make([]string, 0, people)
	for done := 0; done < people; {
		err := s.Update(ctx, func(tx *Tx) error {
			for i := 0; i < 500 && done < people; i++ {
				f, l := firstNames[r.IntN(len(firstNames))], lastNames[r.IntN(len(lastNames))]
				p := &Person{Name: fmt.Sprintf("%s %s %d", f, l, done), Org: "Org " + fmt.Sprint(done%300), Title: "Engineer",
					Emails: []Contact{{Value: fmt.Sprintf("p%d@example.org", done), Types: []string{"work"}}},
					Topics: []string{fmt.Sprintf("topic %d", done%100)}}
				p.Kind = KindPerson
				id, err := tx.Put(p)
				if err != nil {
					return err
				}
				ids = append(ids, id)
				done++
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for done := 0; done < interactions; {
		err := s.Update(ctx, func(tx *Tx) error {
			for i := 0; i < 1000 && done < interactions; i++ {
				it := &Interaction{Date: day.AddDate(0, 0, -r.IntN(900)).Format("2006-01-02"), Type: "conversation", Direction: []string{"gave", "received", "mutual"}[r.IntN(3)],
					What: "talked about topic " + fmt.Sprint(r.IntN(100)), People: []string{ids[r.IntN(len(ids))]}}
				it.Kind = KindInteraction
				if _, err := tx.Put(it); err != nil {
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

// BenchmarkOpenFirstPage: open a 50k-people, 200k-interaction store and
// read the first page of people, as the window does at start.
func BenchmarkOpenFirstPage(b *testing.B) {
	dir := seedBig(b)
	for b.Loop() {
		s, err := Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		err = s.View(ctx, func(r *Reader) error {
			page, err := r.List(KindPerson, ListOptions{Limit: 200})
			if len(page) != 200 || r.Count(KindPerson) != 50000 {
				b.Fatalf("page %d, count %d", len(page), r.Count(KindPerson))
			}
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkSearchAsYouType types names letter by letter over the big store
// and reports the 95th percentile per query.
func BenchmarkSearchAsYouType(b *testing.B) {
	s, err := Open(seedBig(b))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	var queries []string
	for _, n := range []string{"ada lovelace", "grace", "knuth don", "spar", "org 12", "p4711@example", "topic"} {
		for i := 1; i <= len(n); i++ {
			queries = append(queries, n[:i])
		}
	}
	var times []time.Duration
	for b.Loop() {
		for _, q := range queries {
			t0 := time.Now()
			err := s.View(ctx, func(r *Reader) error {
				_, err := r.Search(q, 30)
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
			times = append(times, time.Since(t0))
		}
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "p95-ms")
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
}
