package store

import (
	"fmt"
	"testing"
)

// importSome writes n people of an import batch in one transaction each,
// recording how far the import got, as the importers do.
func importSome(t *testing.T, s *Store, b Batch, from, to int) {
	t.Helper()
	for i := from; i < to; i++ {
		err := s.UpdateQueued(ctx, b.ID, func(tx *Tx) error {
			p := &Person{Name: fmt.Sprintf("Person %d", i)}
			p.Kind = KindPerson
			if _, err := tx.Put(p); err != nil {
				return err
			}
			tx.BatchDone(i + 1)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Wait(); err != nil {
		t.Fatal(err)
	}
}

// TestInterruptedImport: an import that never finished is reported after a
// reopen with exactly how far its committed transactions got; undo takes
// it back, and a finished import of the same file completes it.
func TestInterruptedImport(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.BeginImport("import a.vcf", "/home/me/a.vcf", 10)
	if err != nil {
		t.Fatal(err)
	}
	importSome(t, s, b, 0, 4)
	c, err := s.BeginImport("import b.vcf", "/home/me/b.vcf", 10)
	if err != nil {
		t.Fatal(err)
	}
	importSome(t, s, c, 0, 3)
	s.Close()

	s = open(t, dir)
	got, err := s.Interrupted()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != c.ID || got[0].Done != 3 || got[1].Done != 4 || got[1].Total != 10 || got[1].File != "/home/me/a.vcf" {
		t.Fatalf("interrupted after reopen = %+v", got)
	}

	// Undo takes the first back and it is no longer reported.
	if _, err := s.Undo(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	if n := countLive(t, s, KindPerson); n != 3 {
		t.Errorf("%d people after undoing the first import, want 3", n)
	}
	// Importing b.vcf again to its end finishes the interrupted one.
	again, err := s.BeginImport("import b.vcf", "/home/me/b.vcf", 10)
	if err != nil {
		t.Fatal(err)
	}
	importSome(t, s, again, 3, 10)
	if err := s.FinishBatch(again); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Interrupted(); len(got) != 0 {
		t.Errorf("still interrupted: %+v", got)
	}
	bs, _ := s.Batches()
	for _, x := range bs {
		if x.ID == c.ID && x.FinishedBy != again.ID {
			t.Errorf("the interrupted import of b.vcf is not marked finished by the second: %+v", x)
		}
		if x.ID == again.ID && (x.Done != 10 || x.Open) {
			t.Errorf("finished import = %+v", x)
		}
	}
}

func countLive(t *testing.T, s *Store, k Kind) int {
	t.Helper()
	var n int
	if err := s.View(ctx, func(r *Reader) error { n = r.Count(k); return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}
