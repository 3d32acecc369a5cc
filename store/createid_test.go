package store

import (
	"bytes"
	"testing"
)

// Two devices that create the same event under the same derived ID before
// they sync hold one event afterwards, without a conflict.
func TestCreateIDTwoDevicesOneEntity(t *testing.T) {
	const id = "0b5e7c1e-5d3a-5f7e-9c1d-2a4b6c8d0e1f"
	write := func(s *Store) {
		t.Helper()
		err := s.Update(ctx, func(tx *Tx) error {
			created, err := tx.CreateID(KindEvent, id)
			if err != nil || !created {
				t.Fatalf("CreateID on a fresh store: %v, %v", created, err)
			}
			if again, _ := tx.CreateID(KindEvent, id); again {
				t.Error("CreateID twice in one transaction created twice")
			}
			_, err = tx.Merge(&Event{Meta: Meta{ID: id, Kind: KindEvent}, Title: "Book club", Start: "2026-12-10T18:30:00", TZ: "Europe/London", UIDs: []string{"event_1@meetup.com"}})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	a, b := open(t, ""), open(t, "")
	write(a)
	write(b)
	var buf bytes.Buffer
	if _, err := a.Backup(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Restore(ctx, &buf, nil); err != nil {
		t.Fatal(err)
	}
	err := b.View(ctx, func(r *Reader) error {
		if n := r.Count(KindEvent); n != 1 {
			t.Errorf("%d events after the devices met, want 1", n)
		}
		e, err := r.Entity(KindEvent, id)
		if err != nil {
			return err
		}
		if c := e.Base().Conflicts; len(c) != 0 {
			t.Errorf("conflicts %+v, want none: both wrote the same", c)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = b.Update(ctx, func(tx *Tx) error {
		created, err := tx.CreateID(KindEvent, id)
		if created || err != nil {
			t.Errorf("CreateID of a stored event: %v, %v; want false", created, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
