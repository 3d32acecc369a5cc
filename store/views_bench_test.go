package store

import "testing"

// The window's read models over the big store (50k people, 200k
// interactions): each must answer well inside a frame or two of typing.

func benchView(b *testing.B, fn func(r *Reader) error) {
	s, err := Open(seedBig(b))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for b.Loop() {
		if err := s.View(ctx, fn); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFilterPeopleByLastContact: "not contacted since" over everyone.
func BenchmarkFilterPeopleByLastContact(b *testing.B) {
	benchView(b, func(r *Reader) error {
		rows, total, err := r.FilterPeople(PeopleFilter{Contact: "before", Date: "2025-06-01", Limit: 200})
		if err == nil && (len(rows) != 200 || total == 0) {
			b.Fatalf("%d rows of %d", len(rows), total)
		}
		return err
	})
}

// BenchmarkFilterPeopleByTopic: one topic of a hundred.
func BenchmarkFilterPeopleByTopic(b *testing.B) {
	benchView(b, func(r *Reader) error {
		rows, total, err := r.FilterPeople(PeopleFilter{TopicID: TopicID("topic 7"), Limit: 200})
		if err == nil && (len(rows) != 200 || total != 500) {
			b.Fatalf("%d rows of %d", len(rows), total)
		}
		return err
	})
}

// BenchmarkCoverage: every topic's coverage.
func BenchmarkCoverage(b *testing.B) {
	benchView(b, func(r *Reader) error {
		c, err := r.Coverage("2025-06-01")
		if err == nil && len(c) != 100 {
			b.Fatalf("%d topics", len(c))
		}
		return err
	})
}

// BenchmarkGraph: the network graph with the 150 most connected people.
func BenchmarkGraph(b *testing.B) {
	benchView(b, func(r *Reader) error {
		_, err := r.Graph(150)
		return err
	})
}

// BenchmarkActivity: two years of monthly activity.
func BenchmarkActivity(b *testing.B) {
	benchView(b, func(r *Reader) error {
		_, err := r.Activity("2024-01", "2025-12")
		return err
	})
}
