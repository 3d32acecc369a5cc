package app

import (
	"fmt"
	"testing"
	"time"

	"learnwork/store"
)

// BenchmarkPeopleCameFrom30k: the People list's Came from filter over
// 30,000 people from a LinkedIn export and 300 typed in. The first page
// after a change pays for one pass over every person (first-ms); later
// pages and other choices reuse it until the next change (cached-ms).
// all-ms is the unfiltered list as the screen opens, for comparison.
func BenchmarkPeopleCameFrom30k(b *testing.B) {
	const n = 30000
	path := bigLinkedIn(b, n)
	s, err := store.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	sv := testApp(b, s, Options{})
	if reps, err := sv.Imports.Import([]string{path}, false); err != nil || reps[0].Created != n {
		b.Fatalf("import: %v", err)
	}
	for i := range 300 {
		if _, err := sv.Entities.SavePerson(store.Person{Name: fmt.Sprintf("Typed Person %d", i)}); err != nil {
			b.Fatal(err)
		}
	}
	page := func(q PeopleQuery, want int) time.Duration {
		t := time.Now()
		p, err := sv.Entities.FilterPeople(q)
		if err != nil || p.Total != want || len(p.Items) != min(want, 200) {
			b.Fatalf("%+v: %d of %d, %v; want %d", q, len(p.Items), p.Total, err, want)
		}
		return time.Since(t)
	}
	var first, cached, all time.Duration
	for b.Loop() {
		sv.Entities.views.invalidate(true) // as a commit that wrote people does
		all += page(PeopleQuery{Limit: 200}, n+300)
		first += page(PeopleQuery{From: "linkedin", Limit: 200}, n)
		cached += page(PeopleQuery{From: "typed", Limit: 200}, 300)
	}
	b.ReportMetric(float64(all.Milliseconds())/float64(b.N), "all-ms")
	b.ReportMetric(float64(first.Milliseconds())/float64(b.N), "first-ms")
	b.ReportMetric(float64(cached.Milliseconds())/float64(b.N), "cached-ms")
}
