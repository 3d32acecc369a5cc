package store

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"

	"github.com/dgraph-io/badger/v4"
)

// Origin is where one shown value of an entity came from: the imports
// whose changes wrote it, and whether it was also typed in (or kept by
// hand when two people were merged).
type Origin struct {
	Field string `json:"field"`
	// Value is the value as the entity's view shows it: an email's or a
	// profile's address, a topic's name, a scalar's text.
	Value string `json:"value"`
	// Index is the value's place in a list field as the view lists it.
	Index int `json:"index"`
	// Batches are the imports that wrote it, oldest first. One made on
	// another device has only its ID: batch records stay where they ran.
	// An undo's is its own batch ("undo-" and the undone one's ID) with
	// the undone import's label.
	Batches []Batch `json:"batches"`
	Typed   bool    `json:"typed"`
}

// Origins tells, for every value an entity shows (text fields aside,
// whose versions have their own history), which import wrote it: the
// change that holds each live value names its batch, and the batch's
// record names the import. Values are in field order, then as the field
// lists them.
func (r *Reader) Origins(k Kind, id string) ([]Origin, error) {
	ks, err := specFor(k)
	if err != nil {
		return nil, err
	}
	rec, err := r.Record(k, id)
	if err != nil {
		return nil, err
	}
	batches := map[string]*Batch{}
	var out []Origin
	for _, fs := range ks.fields {
		vals := rec.shownVals(fs)
		at := map[string]int{} // element → its index in out
		if fs.typ == set {
			for n, el := range rec.Elements(fs.name) {
				at[el] = len(out)
				out = append(out, Origin{Field: fs.name, Value: r.shownValue(fs, el), Index: n, Batches: []Batch{}})
			}
		}
		for _, v := range vals {
			i, ok := at[v.V]
			if fs.typ != set {
				i, ok = len(out), true
				out = append(out, Origin{Field: fs.name, Value: v.V, Batches: []Batch{}})
			}
			if !ok {
				continue
			}
			o := &out[i]
			if v.Batch == "" {
				o.Typed = true
				continue
			}
			b, err := r.batchOf(v.Dot, batches)
			if err != nil {
				return nil, err
			}
			if b == nil {
				o.Typed = true // the log no longer names one (compacted away)
				continue
			}
			if !slices.ContainsFunc(o.Batches, func(x Batch) bool { return x.ID == b.ID }) {
				o.Batches = append(o.Batches, *b)
			}
		}
	}
	for i := range out {
		// Oldest first: batch IDs are time-ordered.
		slices.SortFunc(out[i].Batches, func(a, b Batch) int {
			return strings.Compare(strings.TrimPrefix(a.ID, undoPrefix), strings.TrimPrefix(b.ID, undoPrefix))
		})
	}
	return out, nil
}

// batchOf is the batch of the change that made the value at dot, read
// once per batch; nil when the change named none.
func (r *Reader) batchOf(d Dot, seen map[string]*Batch) (*Batch, error) {
	c, _, err := r.opAt(d)
	if errors.Is(err, ErrNotFound) || err == nil && c.Batch == "" {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if b, ok := seen[c.Batch]; ok {
		return b, nil
	}
	b := &Batch{ID: c.Batch}
	base := strings.TrimPrefix(c.Batch, undoPrefix)
	v, err := getBytes(r.t(), batchKey(base, "m"))
	switch {
	case errors.Is(err, badger.ErrKeyNotFound): // made on another device
	case err != nil:
		return nil, err
	default:
		var rec Batch
		if err := json.Unmarshal(v, &rec); err != nil {
			return nil, err
		}
		rec.ID, rec.Counts = c.Batch, nil
		b = &rec
	}
	seen[c.Batch] = b
	return b, nil
}

// shownValue is a stored element as a person reads it.
func (r *Reader) shownValue(fs *fieldSpec, el string) string {
	if fs.ref == KindTopic {
		return r.TopicName(el)
	}
	if fs.elem == nil || fs.elem.Kind() != reflect.Struct {
		return el
	}
	ev := reflect.New(fs.elem)
	if json.Unmarshal([]byte(el), ev.Interface()) != nil {
		return el
	}
	switch e := ev.Interface().(type) {
	case *Contact:
		return e.Value
	case *Address:
		return strings.Join(slices.DeleteFunc([]string{e.Street, e.Locality, e.Country}, func(s string) bool { return s == "" }), ", ")
	case *Attendee:
		return e.Email
	}
	return el
}

// shownVals are the live values of a field a view shows, each with its
// dot and batch mark: every element of a list, the winning value of a
// scalar (none when empty), nothing of a long text (its versions have
// their own history).
func (r *Record) shownVals(fs *fieldSpec) []Val {
	f := r.Fields[fs.name]
	if f == nil || fs.typ == text {
		return nil
	}
	if fs.typ == set {
		return f.Vals
	}
	if w, ok := f.winner(); ok && w.V != "" {
		return []Val{w}
	}
	return nil
}
