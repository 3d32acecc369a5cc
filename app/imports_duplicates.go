package app

import (
	"fmt"
	"maps"
	"slices"

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

func pairKey(a, b string) string {
	if b < a {
		a, b = b, a
	}
	return a + "|" + b
}

// Duplicates lists pairs of people who share a source UID, an email, a
// social profile, a phone or a name, strongest first, leaving out pairs dismissed before.
func (sv *Imports) Duplicates() ([]DuplicatePair, error) {
	out := []DuplicatePair{}
	dismissed := sv.settings().dismissed()
	seen := map[string]bool{}
	words := map[string]string{store.IndexUID: "source UID", store.IndexEmail: "email", store.IndexProfile: "profile", store.IndexPhone: "phone number", store.IndexName: "name"}
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		for _, idx := range []string{store.IndexUID, store.IndexEmail, store.IndexProfile, store.IndexPhone, store.IndexName} {
			err := r.Shared(idx, func(value string, ids []string) bool {
				var live []store.Summary
				var views []*store.Person // name matches: to tell namesakes apart
				for _, id := range ids {
					rec, err := r.Record(store.KindPerson, id)
					if err != nil || rec.Trashed() {
						continue
					}
					s, _ := r.Summary(store.KindPerson, id)
					live = append(live, s)
					if idx == store.IndexName {
						views = append(views, r.View(rec).(*store.Person))
					}
				}
				for i := range live {
					for j := i + 1; j < len(live); j++ {
						k := pairKey(live[i].ID, live[j].ID)
						if seen[k] || dismissed[k] {
							continue
						}
						if views != nil && newPersonByDefault(views[i], views[j]) {
							continue // another organisation, email and source: two people
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
	d := sv.settings().dismissed()
	d[pairKey(a, b)] = true
	return sv.settings().setDismissed(slices.Sorted(maps.Keys(d)))
}

// MergePeople folds other into keep and moves other to Trash, keeping
// every value (store.Tx.MergePeople says how). It returns keep's ID.
func (sv *Imports) MergePeople(keep, other string) (string, error) {
	err := sv.store.Update(sv.ctx, func(tx *store.Tx) error { return tx.MergePeople(keep, other) })
	return keep, err
}
