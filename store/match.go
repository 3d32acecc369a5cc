package store

import (
	"encoding/json"
	"slices"
)

// Match is the stored person an incoming one (from an import) is.
type Match struct {
	ID    string `json:"id,omitempty"` // "" when no one matched
	By    string `json:"by,omitempty"` // uid, email, phone or name
	Value string `json:"value,omitempty"`
	// Trashed: the match is in Trash (deleted here).
	Trashed bool `json:"trashed,omitempty"`
	// Likely: only the name matched and the two disagree on email, phone
	// or source UID, so this is a likely duplicate rather than the same
	// person: it should be proposed for merge, not merged.
	Likely bool `json:"likely,omitempty"`
}

// Keys are the lookups that match p, strongest first, as index and value.
func (p *Person) Keys() [][2]string {
	var out [][2]string
	for _, u := range p.UIDs {
		out = append(out, [2]string{idxUID, u})
	}
	for _, e := range p.Emails {
		if v := NormalizeEmail(e.Value); v != "" {
			out = append(out, [2]string{idxEmail, v})
		}
	}
	for _, ph := range p.Phones {
		if v := NormalizePhone(ph.Value); v != "" {
			out = append(out, [2]string{idxPhone, v})
		}
	}
	if n := NormalizeName(p.Name); n != "" {
		out = append(out, [2]string{idxName, n})
	}
	return out
}

// MatchPerson finds the stored person p is: by source UID, then email,
// then phone, then normalised name. A live match is preferred to one in
// Trash.
func (r *Reader) MatchPerson(p *Person) (Match, error) {
	var trashed Match
	for _, k := range p.Keys() {
		refs, err := r.Find(k[0], k[1])
		if err != nil {
			return Match{}, err
		}
		for _, ref := range refs {
			if ref.Kind != KindPerson {
				continue
			}
			rec, err := r.Record(KindPerson, ref.ID)
			if err != nil {
				return Match{}, err
			}
			m := Match{ID: ref.ID, By: k[0], Value: k[1]}
			if rec.Trashed() {
				if trashed.ID == "" {
					trashed, trashed.Trashed = m, true
				}
				continue
			}
			if m.By == idxName {
				m.Likely = Disagree(p, r.view(rec).(*Person))
			}
			return m, nil
		}
	}
	return trashed, nil
}

// Disagree reports two people (of the same name) whose emails, phones or
// source UIDs are all different: most likely two people, or one person
// twice, for someone to decide.
func Disagree(a, b *Person) bool {
	return differ(a.Emails, b.Emails, NormalizeEmail) || differ(a.Phones, b.Phones, NormalizePhone) ||
		differ(a.UIDs, b.UIDs, func(s string) string { return s })
}

// differ: both have values and share none.
func differ[T any](a, b []T, norm func(string) string) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	str := func(v T) string {
		switch v := any(v).(type) {
		case Contact:
			return norm(v.Value)
		case string:
			return norm(v)
		}
		return ""
	}
	for _, x := range a {
		if slices.ContainsFunc(b, func(y T) bool { return str(y) == str(x) }) {
			return false
		}
	}
	return true
}

// contacts are the elements of a contact-list field (emails, phones).
func (r *Record) contacts(field string) []Contact {
	var out []Contact
	for _, e := range r.Elements(field) {
		var c Contact
		if json.Unmarshal([]byte(e), &c) == nil {
			out = append(out, c)
		}
	}
	return out
}
