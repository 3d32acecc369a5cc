package app

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"learnwork/store"
)

// DuplicatePair is two people who look like one person.
type DuplicatePair struct {
	A      store.Summary `json:"a"`
	B      store.Summary `json:"b"`
	By     string        `json:"by"`     // uid, email, phone or name
	Value  string        `json:"value"`  // what they share
	Reason string        `json:"reason"` // for people: "same email ada@example.org"
}

// dismissedSetting holds pairs someone said are two people. It is a local
// setting: a different judgement on another device does no harm.
const dismissedSetting = "duplicates/dismissed"

func pairKey(a, b string) string {
	if b < a {
		a, b = b, a
	}
	return a + "|" + b
}

func (sv *Imports) dismissed() map[string]bool {
	var keys []string
	_ = json.Unmarshal([]byte(sv.store.Setting(dismissedSetting)), &keys)
	out := map[string]bool{}
	for _, k := range keys {
		out[k] = true
	}
	return out
}

// Duplicates lists pairs of people who share a source UID, an email, a
// phone or a name, strongest first, leaving out pairs dismissed before.
func (sv *Imports) Duplicates() ([]DuplicatePair, error) {
	out := []DuplicatePair{}
	dismissed := sv.dismissed()
	seen := map[string]bool{}
	words := map[string]string{"uid": "source UID", "email": "email", "phone": "phone number", "name": "name"}
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		for _, idx := range []string{"uid", "email", "phone", "name"} {
			err := r.Shared(idx, func(value string, ids []string) bool {
				var live []store.Summary
				for _, id := range ids {
					rec, err := r.Record(store.KindPerson, id)
					if err != nil || rec.Trashed() {
						continue
					}
					s, _ := r.Summary(store.KindPerson, id)
					live = append(live, s)
				}
				for i := range live {
					for j := i + 1; j < len(live); j++ {
						k := pairKey(live[i].ID, live[j].ID)
						if seen[k] || dismissed[k] {
							continue
						}
						seen[k] = true
						out = append(out, DuplicatePair{A: live[i], B: live[j], By: idx, Value: value,
							Reason: fmt.Sprintf("same %s %s", words[idx], value)})
					}
				}
				return len(out) < 1000
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// DismissDuplicate records that two people are not one, so Duplicates no
// longer proposes them.
func (sv *Imports) DismissDuplicate(a, b string) error {
	d := sv.dismissed()
	d[pairKey(a, b)] = true
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	v, _ := json.Marshal(keys)
	return sv.store.SetSetting(dismissedSetting, string(v))
}

// MergePeople folds other into keep and moves other to Trash, keeping
// every value: lists are joined, empty fields filled, and a field where
// both hold different values keeps keep's and notes other's in keep's notes.
// Interactions, communities, goals and the rest that pointed at other
// point at keep. It returns keep's ID.
func (sv *Imports) MergePeople(keep, other string) (string, error) {
	if keep == other {
		return "", fmt.Errorf("merge: a person cannot be merged with themselves")
	}
	err := sv.store.Update(sv.ctx, func(tx *store.Tx) error {
		ke, err := tx.Entity(store.KindPerson, keep)
		if err != nil {
			return fmt.Errorf("merge: %w", err)
		}
		oe, err := tx.Entity(store.KindPerson, other)
		if err != nil {
			return fmt.Errorf("merge: %w", err)
		}
		k, o := ke.(*store.Person), oe.(*store.Person)
		if k.Trashed || o.Trashed {
			return fmt.Errorf("merge: restore %s from Trash first", map[bool]string{true: k.Name, false: o.Name}[k.Trashed])
		}
		merged := mergedPerson(k, o)
		if _, err := tx.Put(merged); err != nil {
			return err
		}
		refs, err := tx.Referrers(other)
		if err != nil {
			return err
		}
		for _, ref := range refs {
			if err := repoint(tx, ref, other, keep); err != nil {
				return err
			}
		}
		return tx.Delete(store.KindPerson, other)
	})
	return keep, err
}

// mergedPerson is keep with every value of other added.
func mergedPerson(keep, other *store.Person) *store.Person {
	out := *keep
	kv, ov := reflect.ValueOf(&out).Elem(), reflect.ValueOf(other).Elem()
	var kept []string
	for i := 0; i < kv.NumField(); i++ {
		name, ok := kv.Type().Field(i).Tag.Lookup("lw")
		if !ok {
			continue
		}
		name, _, _ = strings.Cut(name, ",")
		kf, of := kv.Field(i), ov.Field(i)
		switch kf.Kind() {
		case reflect.Slice:
			for j := 0; j < of.Len(); j++ {
				if !containsValue(kf, of.Index(j)) {
					kf.Set(reflect.Append(kf, of.Index(j)))
				}
			}
		case reflect.String:
			switch a, b := kf.String(), of.String(); {
			case b == "" || a == b:
			case a == "":
				kf.SetString(b)
			case name == "notes":
			default:
				kept = append(kept, fmt.Sprintf("%s: %s", name, b))
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
func repoint(tx *store.Tx, ref store.Referrer, from, to string) error {
	e, err := tx.Entity(ref.Kind, ref.ID)
	if err != nil {
		return err
	}
	if e.Base().Trashed {
		return nil
	}
	rec, err := tx.Record(ref.Kind, ref.ID)
	if err != nil {
		return err
	}
	if ref.Field == "attendees" {
		return repointAttendee(tx, ref, rec.Elements(ref.Field), from, to)
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
func repointAttendee(tx *store.Tx, ref store.Referrer, els []string, from, to string) error {
	for _, el := range els {
		var a store.Attendee
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
