package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"hash/maphash"
	"slices"
	"strings"
)

// Match is the stored person an incoming one (from an import) is.
type Match struct {
	ID    string `json:"id,omitempty"` // "" when no one matched
	By    string `json:"by,omitempty"` // uid, email, profile, phone or name
	Value string `json:"value,omitempty"`
	// Trashed: the match is in Trash (deleted here).
	Trashed bool `json:"trashed,omitempty"`
	// Likely: only the name matched and the two disagree on email, phone
	// or source UID, so this is a likely duplicate rather than the same
	// person: it should be proposed for merge, not merged.
	Likely bool `json:"likely,omitempty"`
	// Namesake: no one matched, but this stored person has the same name
	// and cards from another source (OtherSource): someone else, which an
	// import says in its report.
	Namesake string `json:"namesake,omitempty"`
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
	for _, k := range p.ProfileKeys() {
		out = append(out, [2]string{idxProfile, k})
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
// then social profile (ProfileKey), then phone, then normalised name. A live match is preferred to one in
// Trash.
func (r *Reader) MatchPerson(p *Person) (Match, error) { return r.matchPerson(p, p.Keys(), nil) }

func (r *Reader) matchPerson(p *Person, keys [][2]string, m *Matcher) (Match, error) {
	var trashed Match
	namesake := ""
	name := NormalizeName(p.Name)
	for _, k := range keys {
		var refs []Ref
		if m != nil {
			id, ok := m.lookup(k)
			if !ok {
				continue
			}
			if id != "" {
				refs = []Ref{{Kind: KindPerson, ID: id}}
			}
		}
		if refs == nil {
			var err error
			if refs, err = r.Find(k[0], k[1]); err != nil {
				return Match{}, err
			}
		}
		// Several people can share a key (a family's phone): the one with
		// the same name is meant.
		var live []*Record
		for _, ref := range refs {
			if ref.Kind != KindPerson {
				continue
			}
			rec, err := r.Record(KindPerson, ref.ID)
			if errors.Is(err, ErrNotFound) {
				continue // a dry run's person, never stored
			}
			if err != nil {
				return Match{}, err
			}
			if rec.Trashed() {
				if trashed.ID == "" {
					trashed = Match{ID: ref.ID, By: k[0], Value: k[1], Trashed: true}
				}
				continue
			}
			live = append(live, rec)
		}
		if len(live) == 0 {
			continue
		}
		best := live[0]
		for _, rec := range live[1:] {
			if NormalizeName(rec.summary().Title) == name {
				best = rec
				break
			}
		}
		m := Match{ID: best.ID, By: k[0], Value: k[1]}
		if m.By == idxName {
			stored := r.view(best).(*Person)
			if OtherSource(p, stored) {
				namesake = best.ID
				continue // someone else
			}
			m.Likely = Disagree(p, stored)
		}
		return m, nil
	}
	if trashed.ID == "" {
		trashed.Namesake = namesake
	}
	return trashed, nil
}

// Disagree reports two people (of the same name) whose emails, phones,
// source UIDs or profiles on one service are all different: most likely
// two people, or one person twice, for someone to decide.
func Disagree(a, b *Person) bool {
	return differ(a.Emails, b.Emails, NormalizeEmail) || differ(a.Phones, b.Phones, NormalizePhone) ||
		differ(a.UIDs, b.UIDs, func(s string) string { return s }) || profilesDiffer(a.ProfileKeys(), b.ProfileKeys())
}

// profilesDiffer: both have a profile on some service (two LinkedIn pages)
// and share none there. A Mastodon account and a LinkedIn page say nothing
// against each other, nor do two web pages (a blog, a portfolio).
func profilesDiffer(a, b []string) bool {
	shared := map[string]bool{} // services both have a profile on
	for _, ka := range a {
		for _, kb := range b {
			if service := ProfileService(ka); service == ProfileService(kb) && service != "url" {
				shared[service] = shared[service] || ka == kb
			}
		}
	}
	for _, same := range shared {
		if !same {
			return true
		}
	}
	return false
}

// CleanLine is a one-line field (a name, an email, a phone) without
// control characters: NUL, line breaks, escapes and the C1 range are
// dropped, tabs and line breaks become a space, as hostile or broken
// files can hold them and nothing shows them sensibly.
func CleanLine(s string) string {
	clean := true
	for _, r := range s {
		if r < 0x20 || r >= 0x7F && r < 0xA0 {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r < 0x20 || r >= 0x7F && r < 0xA0:
		default:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// OtherSource reports two people of the same name whose cards both carry
// source UIDs, none shared. An address book gives a contact one UID for
// good, and the two share no email or phone either (or they would have
// matched by it): two people, not one.
func OtherSource(a, b *Person) bool {
	return differ(a.UIDs, b.UIDs, func(s string) string { return s })
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

// Matcher speeds up matching many people at once (a large import): it
// reads every stored match key in one pass, so a card that matches no one
// costs no index lookup, and one whose key belongs to one person needs no
// lookup either. Add the people written meanwhile.
type Matcher struct {
	seed maphash.Seed
	keys map[uint64]int32 // key hash → index in ids, or shared
	ids  []string
}

const shared = -1 // the key belongs to several people: look them up

// NewMatcher reads the match keys of every stored person.
func (r *Reader) NewMatcher() (*Matcher, error) {
	m := &Matcher{seed: maphash.MakeSeed(), keys: map[uint64]int32{}}
	index := map[string]int32{}
	for _, idx := range []string{idxUID, idxEmail, idxProfile, idxPhone, idxName} {
		err := r.scanKeys([]byte(ikey(idx, "")), func(rest []byte) bool {
			value, ref, _ := bytes.Cut(rest, []byte(sep))
			kind, id, _ := bytes.Cut(ref, []byte(sep))
			if Kind(kind) != KindPerson {
				return true
			}
			i, ok := index[string(id)]
			if !ok {
				i = int32(len(m.ids))
				m.ids = append(m.ids, string(id))
				index[string(id)] = i
			}
			m.put(m.hash(idx, string(value)), i)
			return true
		})
		if err != nil {
			return nil, err
		}
	}
	return m, nil
}

func (m *Matcher) put(h uint64, i int32) {
	if old, ok := m.keys[h]; ok && old != i {
		i = shared
	}
	m.keys[h] = i
}

// Add notes the keys of a person written since the matcher was made.
func (m *Matcher) Add(p *Person) { m.AddKeys(p.ID, p.Keys()) }

// AddKeys is Add for a caller that has the person's Keys already.
func (m *Matcher) AddKeys(id string, keys [][2]string) {
	if id == "" {
		return
	}
	i := int32(len(m.ids))
	m.ids = append(m.ids, id)
	for _, k := range keys {
		m.put(m.hash(k[0], k[1]), i)
	}
}

// lookup is what the matcher knows of a key: nothing stored (false), one
// person (their ID), or several ("", look them up).
func (m *Matcher) lookup(k [2]string) (string, bool) {
	i, ok := m.keys[m.hash(k[0], k[1])]
	if !ok || i == shared {
		return "", ok
	}
	return m.ids[i], true
}

func (m *Matcher) hash(idx, value string) uint64 {
	var h maphash.Hash
	h.SetSeed(m.seed)
	h.WriteString(idx)
	h.WriteByte(0)
	h.WriteString(value)
	return h.Sum64()
}

// MatchPerson is Reader.MatchPerson that skips lookups the matcher knows
// the answer to.
func (m *Matcher) MatchPerson(r *Reader, p *Person) (Match, error) {
	return r.matchPerson(p, p.Keys(), m)
}

// MatchKeys is MatchPerson for a caller that has p's Keys already (an
// import works them out once a record: they were a sixth of its time).
func (m *Matcher) MatchKeys(r *Reader, p *Person, keys [][2]string) (Match, error) {
	return r.matchPerson(p, keys, m)
}

// contactKey is a stored email or phone element as matching sees it.
func contactKey(idx, el string) string {
	var c Contact
	if json.Unmarshal([]byte(el), &c) != nil {
		return ""
	}
	switch idx {
	case idxEmail:
		return NormalizeEmail(c.Value)
	case idxProfile:
		return ProfileKey(c.Value, profileService(c.Types))
	}
	return NormalizePhone(c.Value)
}

// Shared calls fn with each value of a matching index (uid, email, phone,
// name) that more than one person holds, and who holds it (in Trash or
// not), until fn returns false. For finding duplicates.
func (r *Reader) Shared(idx string, fn func(value string, ids []string) bool) error {
	var value string
	var ids []string
	stop := false
	emit := func() {
		if len(ids) > 1 && !stop {
			stop = !fn(value, ids)
		}
	}
	err := r.scanKeys([]byte(ikey(idx, "")), func(rest []byte) bool {
		v, ref, _ := bytes.Cut(rest, []byte(sep))
		kind, id, _ := bytes.Cut(ref, []byte(sep))
		if Kind(kind) != KindPerson {
			return true
		}
		if string(v) != value {
			emit()
			value, ids = string(v), nil
		}
		ids = append(ids, string(id))
		return !stop
	})
	emit()
	return err
}
