package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// MergePeople folds other into keep and moves other to Trash, keeping
// every value: lists are joined, empty fields filled, and a field where
// both hold different values keeps keep's and notes other's in keep's
// notes. Whatever pointed at other (interactions, communities, goals, an
// event's attendees) points at keep. The schema says which fields are
// lists, so a field added to Person is merged without a change here.
func (tx *Tx) MergePeople(keep, other string) error {
	if keep == other {
		return fmt.Errorf("merge: a person cannot be merged with themselves")
	}
	ke, err := tx.Entity(KindPerson, keep)
	if err != nil {
		return fmt.Errorf("merge: %w", err)
	}
	oe, err := tx.Entity(KindPerson, other)
	if err != nil {
		return fmt.Errorf("merge: %w", err)
	}
	k, o := ke.(*Person), oe.(*Person)
	if k.Trashed || o.Trashed {
		name := o.Name
		if k.Trashed {
			name = k.Name
		}
		return fmt.Errorf("merge: restore %s from Trash first", name)
	}
	if err := tx.carryImported(k, other); err != nil {
		return err
	}
	if _, err := tx.Put(mergedPerson(k, o)); err != nil {
		return err
	}
	refs, err := tx.Referrers(other)
	if err != nil {
		return err
	}
	for _, ref := range refs {
		if err := tx.repoint(ref, other, keep); err != nil {
			return err
		}
	}
	return tx.Delete(KindPerson, other)
}

// carryImported adds to keep the values other had from imports, each in
// a change of the import that brought it, so the merged person still
// tells where every value came from (Origins). It fills only what keep
// lacks, as mergedPerson does; the rest of other's values follow in the
// merge's own change. The carried values are not in their import's undo:
// the merge was the person's own doing.
func (tx *Tx) carryImported(keep *Person, other string) error {
	rec, err := tx.Record(KindPerson, other)
	if err != nil {
		return err
	}
	kv := reflect.ValueOf(keep).Elem()
	byBatch := map[string]map[*fieldSpec][]string{}
	var order []string
	for _, fs := range schema[KindPerson].fields {
		if fs.typ != set && kv.Field(fs.index).String() != "" {
			continue // keep's value stays
		}
		vals := rec.shownVals(fs)
		for _, v := range vals {
			if v.Batch == "" || UndoneBy(v.Batch) {
				continue
			}
			c, _, err := tx.opAt(v.Dot)
			if errors.Is(err, ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			if byBatch[c.Batch] == nil {
				byBatch[c.Batch] = map[*fieldSpec][]string{}
				order = append(order, c.Batch)
			}
			byBatch[c.Batch][fs] = append(byBatch[c.Batch][fs], v.V)
		}
	}
	slices.Sort(order)
	defer func(b string) { tx.batch = b }(tx.batch)
	for _, b := range order {
		carried := &Person{}
		cv := reflect.ValueOf(carried).Elem()
		for fs, els := range byBatch[b] {
			if fs.ref == KindTopic { // the view holds names, the record IDs
				for i, id := range els {
					els[i] = tx.TopicName(id)
				}
			}
			setField(fs, cv, els)
		}
		// Added as the merge adds them: an address written another way
		// ("@ada@host" beside "https://host/@ada") is kept too.
		cur, err := tx.Entity(KindPerson, keep.ID)
		if err != nil {
			return err
		}
		tx.batch = b
		if _, err := tx.Put(mergedPerson(cur.(*Person), carried)); err != nil {
			return err
		}
	}
	return nil
}

// mergedPerson is keep with every value of other added.
func mergedPerson(keep, other *Person) *Person {
	out := *keep
	kv, ov := reflect.ValueOf(&out).Elem(), reflect.ValueOf(other).Elem()
	var kept []string
	for _, fs := range schema[KindPerson].fields {
		kf, of := kv.Field(fs.index), ov.Field(fs.index)
		switch {
		case fs.typ == set:
			for j := 0; j < of.Len(); j++ {
				if !containsValue(kf, of.Index(j)) {
					kf.Set(reflect.Append(kf, of.Index(j)))
				}
			}
		case kf.Kind() == reflect.String:
			switch a, b := kf.String(), of.String(); {
			case b == "" || a == b:
			case a == "":
				kf.SetString(b)
			case fs.typ == text: // joined below
			default:
				kept = append(kept, fmt.Sprintf("%s: %s", fs.name, b))
			}
		}
	}
	if other.Notes != "" && other.Notes != keep.Notes && keep.Notes != "" {
		out.Notes += "\n\n" + other.Notes
	}
	if len(kept) > 0 {
		out.Notes = strings.TrimSpace(out.Notes + "\n\nMerged from " + other.Name + ": " + strings.Join(kept, "; "))
	}
	return &out
}

func containsValue(list, v reflect.Value) bool {
	for i := 0; i < list.Len(); i++ {
		if reflect.DeepEqual(list.Index(i).Interface(), v.Interface()) {
			return true
		}
	}
	return false
}

// repoint makes a reference to from point at to.
func (tx *Tx) repoint(ref Referrer, from, to string) error {
	rec, err := tx.Record(ref.Kind, ref.ID)
	if err != nil {
		return err
	}
	if rec.Trashed() {
		return nil
	}
	if ref.Kind == KindEvent && ref.Field == FieldAttendees {
		return tx.repointAttendee(ref, rec.Elements(ref.Field), from, to)
	}
	if els := rec.Elements(ref.Field); slices.Contains(els, from) {
		if err := tx.Add(ref.Kind, ref.ID, ref.Field, to); err != nil {
			return err
		}
		return tx.Remove(ref.Kind, ref.ID, ref.Field, from)
	}
	return tx.Set(ref.Kind, ref.ID, ref.Field, to)
}

// repointAttendee moves an event's attendee entries from one person to
// another: attendees are JSON elements, not bare IDs.
func (tx *Tx) repointAttendee(ref Referrer, els []string, from, to string) error {
	for _, el := range els {
		var a Attendee
		if json.Unmarshal([]byte(el), &a) != nil || a.PersonID != from {
			continue
		}
		a.PersonID = to
		moved, err := json.Marshal(a)
		if err != nil {
			return err
		}
		if err := tx.Add(ref.Kind, ref.ID, ref.Field, string(moved)); err != nil {
			return err
		}
		if err := tx.Remove(ref.Kind, ref.ID, ref.Field, el); err != nil {
			return err
		}
	}
	return nil
}
