package store

import (
	"fmt"
	"testing"
)

// bulkPerson is what a 100k-contact import writes for card i.
func bulkPerson(i int) *Person {
	p := &Person{Name: fmt.Sprintf("%s %s %d", firstNames[i%len(firstNames)], lastNames[i/len(firstNames)%len(lastNames)], i),
		Given: firstNames[i%len(firstNames)], Family: lastNames[i/len(firstNames)%len(lastNames)],
		Emails: []Contact{{Value: fmt.Sprintf("p%d@example.org", i), Types: []string{"work"}}, {Value: fmt.Sprintf("p%d@home.example", i), Types: []string{"home"}}},
		Phones: []Contact{{Value: fmt.Sprintf("+1 555 %07d", i), Types: []string{"cell"}}},
		Org:    fmt.Sprintf("Org %d", i%300), Title: "Engineer", Notes: fmt.Sprintf("Met at conference %d, talked about learning networks.", i%50),
		URLs: []Contact{{Value: fmt.Sprintf("https://example.org/~p%d", i)}}, UIDs: []string{fmt.Sprintf("uid-%d", i)}}
	p.Kind = KindPerson
	return p
}

// bulkImport writes n people the way an import does: batches of 1000,
// each person matched by UID first.
func bulkImport(tb testing.TB, s *Store, n int) {
	for lo := 0; lo < n; lo += 1000 {
		err := s.UpdateBatch(ctx, "bench", func(tx *Tx) error {
			for i := lo; i < min(lo+1000, n); i++ {
				p := bulkPerson(i)
				refs, err := tx.Find("uid", p.UIDs[0])
				if err != nil {
					return err
				}
				if len(refs) > 0 {
					p.ID = refs[0].ID
				}
				if _, err := tx.Merge(p); err != nil {
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

// BenchmarkBulkWrite: 100k people through the write path in import-sized
// batches, then the same again (which must change nothing).
func BenchmarkBulkWrite(b *testing.B) {
	for b.Loop() {
		s, err := Open(b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		bulkImport(b, s, 100000)
		vv := s.Vector()[s.Device()]
		bulkImport(b, s, 100000)
		if got := s.Vector()[s.Device()]; got != vv {
			b.Fatalf("re-import wrote %d changes", got-vv)
		}
		s.Close()
	}
}
