package store

import (
	"cmp"
	"slices"
	"strings"

	"learnwork/store/hlc"
)

// Val is one live value of a field: a register value, a set element (one per
// add), a text version, or a delete.
type Val struct {
	Dot   Dot      `cbor:"1,keyasint"`
	HLC   hlc.Time `cbor:"2,keyasint"`
	V     string   `cbor:"3,keyasint,omitempty"`
	Batch string   `cbor:"4,keyasint,omitempty"` // batchMark of the change's batch
	Prev  []Dot    `cbor:"5,keyasint,omitempty"` // deletes: the dots they saw; text: parents
}

// FieldState is the merge state of one field: what is live, and the dots that
// were superseded before they arrived (delivery across devices is not causal;
// the dead list makes apply order-independent and is emptied as they come).
type FieldState struct {
	Vals []Val `cbor:"1,keyasint,omitempty"`
	Dead []Dot `cbor:"2,keyasint,omitempty"`
}

// Record is the materialised state of one entity: every field's merge state.
// Reads use records; the log is only for replication.
type Record struct {
	Kind    Kind                   `cbor:"1,keyasint"`
	ID      string                 `cbor:"2,keyasint"`
	Created hlc.Time               `cbor:"3,keyasint"`
	Updated hlc.Time               `cbor:"4,keyasint"`
	Fields  map[string]*FieldState `cbor:"5,keyasint,omitempty"`
	Deletes FieldState             `cbor:"6,keyasint"`
	Merged  map[string]string      `cbor:"7,keyasint,omitempty"` // text fields with several heads: the 3-way merge shown
}

// batchMark is what a value keeps of its change's batch: whether one wrote
// it (an import's value gives way to a typed one) and whether that was an
// undo. The full batch ID is in the log; a copy on every value made a
// contact's record half batch IDs.
func batchMark(batch string) string {
	switch {
	case batch == "":
		return ""
	case strings.HasPrefix(batch, undoPrefix):
		return undoPrefix
	default:
		return "b"
	}
}

// markBatches turns the batch IDs that records before index version 3
// kept on every value into batch marks, so an upgraded store's records are
// byte for byte what a new device builds from the same log (the sync
// digest compares them). It reports whether anything changed.
func (r *Record) markBatches() bool {
	changed := false
	mark := func(f *FieldState) {
		for i := range f.Vals {
			if m := batchMark(f.Vals[i].Batch); m != f.Vals[i].Batch {
				f.Vals[i].Batch, changed = m, true
			}
		}
	}
	for _, f := range r.Fields {
		mark(f)
	}
	mark(&r.Deletes)
	return changed
}

func newRecord(kind Kind, id string) *Record {
	return &Record{Kind: kind, ID: id, Fields: map[string]*FieldState{}}
}

func (r *Record) field(name string) *FieldState {
	f := r.Fields[name]
	if f == nil {
		f = &FieldState{}
		r.Fields[name] = f
	}
	return f
}

// apply folds one operation into the record. seen reports dots this store
// already holds, so a superseded dot that has not arrived yet is remembered.
// It reports whether the visible state may have changed.
func (r *Record) apply(dot Dot, at hlc.Time, op *Op, batch string, seen func(Dot) bool) bool {
	if r.Created == 0 || at < r.Created {
		r.Created = at
	}
	if at > r.Updated {
		r.Updated = at
	}
	batch = batchMark(batch)
	switch op.Code {
	case OpSet, OpAdd, OpText:
		f := r.field(op.Field)
		f.supersede(op.Prev, seen)
		v := Val{Dot: dot, HLC: at, V: op.Value, Batch: batch}
		if op.Code == OpText {
			v.Prev = op.Prev
		}
		f.insert(v)
		r.tidy(op.Field)
	case OpRemove:
		f := r.field(op.Field)
		f.supersede(op.Prev, seen)
		r.tidy(op.Field)
	case OpDelete:
		r.Deletes.insert(Val{Dot: dot, HLC: at, Batch: batch, Prev: op.Prev})
	case OpRestore:
		r.Deletes.supersede(op.Prev, seen)
		// The restore stays as a mark among the deletes, a value like any
		// other: a delete made concurrently on another device has not
		// seen it, so the entity stays out of Trash there too.
		r.Deletes.insert(Val{Dot: dot, HLC: at, V: restoreMark, Batch: batch})
	default:
		return false // an op from a newer version: kept in the log, no meaning here
	}
	return true
}

func (r *Record) tidy(name string) {
	if f := r.Fields[name]; f != nil && len(f.Vals) == 0 && len(f.Dead) == 0 {
		delete(r.Fields, name)
	}
}

// supersede drops the live values whose dots are in prev; dots not yet seen
// go to the dead list so they are dropped when they arrive.
func (f *FieldState) supersede(prev []Dot, seen func(Dot) bool) {
	for _, p := range prev {
		if i := slices.IndexFunc(f.Vals, func(v Val) bool { return v.Dot == p }); i >= 0 {
			f.Vals = slices.Delete(f.Vals, i, i+1)
			continue
		}
		if !seen(p) && !slices.Contains(f.Dead, p) {
			f.Dead = append(f.Dead, p)
			slices.SortFunc(f.Dead, compareDots)
		}
	}
}

// insert adds a live value unless it was superseded before it arrived.
func (f *FieldState) insert(v Val) {
	if i := slices.Index(f.Dead, v.Dot); i >= 0 {
		f.Dead = slices.Delete(f.Dead, i, i+1)
		return
	}
	if slices.ContainsFunc(f.Vals, func(o Val) bool { return o.Dot == v.Dot }) {
		return
	}
	f.Vals = append(f.Vals, v)
	slices.SortFunc(f.Vals, func(a, b Val) int { return compareDots(a.Dot, b.Dot) })
}

// newer orders values for display: the highest (HLC, device, seq) wins, the
// same on every device.
func newer(a, b Val) int {
	return cmp.Or(cmp.Compare(a.HLC, b.HLC), compareDots(a.Dot, b.Dot))
}

// winner is the value shown for a register with concurrent values.
func (f *FieldState) winner() (Val, bool) {
	if f == nil || len(f.Vals) == 0 {
		return Val{}, false
	}
	return slices.MaxFunc(f.Vals, newer), true
}

// Scalar is the displayed value of a register field.
func (r *Record) Scalar(name string) string {
	if m, ok := r.Merged[name]; ok {
		return m
	}
	v, _ := r.Fields[name].winner()
	return v.V
}

// Elements are the members of a set field in the order they were first
// added (then by value), the same on every device.
func (r *Record) Elements(name string) []string {
	f := r.Fields[name]
	if f == nil {
		return nil
	}
	// Sorted by value then time, each value's first add leads its run;
	// then those by time. Two sorts of a slice cost less than a map (a
	// source's read marks are read on every What's new).
	type add struct {
		v  string
		at hlc.Time
	}
	adds := make([]add, len(f.Vals))
	for i, v := range f.Vals {
		adds[i] = add{v.V, v.HLC}
	}
	slices.SortFunc(adds, func(a, b add) int { return cmp.Or(strings.Compare(a.v, b.v), cmp.Compare(a.at, b.at)) })
	adds = slices.CompactFunc(adds, func(a, b add) bool { return a.v == b.v })
	slices.SortFunc(adds, func(a, b add) int { return cmp.Or(cmp.Compare(a.at, b.at), strings.Compare(a.v, b.v)) })
	out := make([]string, len(adds))
	for i, a := range adds {
		out[i] = a.v
	}
	return out
}

// values lists the distinct live values of a register, newest first.
func (f *FieldState) values() []string {
	if f == nil {
		return nil
	}
	vals := slices.Clone(f.Vals)
	slices.SortFunc(vals, func(a, b Val) int { return newer(b, a) })
	var out []string
	for _, v := range vals {
		if !slices.Contains(out, v.V) {
			out = append(out, v.V)
		}
	}
	return out
}

// InConflict reports a register holding concurrent, different values.
func (r *Record) InConflict(name string) bool { return len(r.Fields[name].values()) > 1 }

// isEmpty is a record that was never written: not an entity yet.
func (r *Record) isEmpty() bool { return len(r.Fields) == 0 && len(r.Deletes.Vals) == 0 }

// restoreMark is the value of a restore kept among a record's deletes.
const restoreMark = "restore"

// deleted reports whether some delete is live (it may have lost to an
// edit or a restore it had not seen).
func (r *Record) deleted() bool {
	return slices.ContainsFunc(r.Deletes.Vals, func(d Val) bool { return d.V != restoreMark })
}

// Trashed reports whether the entity is in Trash: some delete is live and it
// saw every live value and restore. An edit or a restore a delete had not
// seen brings the entity back.
func (r *Record) Trashed() bool {
	if !r.deleted() {
		return false
	}
	seenByDelete := map[Dot]bool{}
	for _, d := range r.Deletes.Vals {
		for _, p := range d.Prev {
			seenByDelete[p] = true
		}
	}
	for _, f := range r.Fields {
		for _, v := range f.Vals {
			if !seenByDelete[v.Dot] {
				return false
			}
		}
	}
	for _, d := range r.Deletes.Vals {
		if d.V == restoreMark && !seenByDelete[d.Dot] {
			return false
		}
	}
	return true
}

// liveDots are every live value's and restore's dot: what a delete made
// now has seen.
func (r *Record) liveDots() []Dot {
	var out []Dot
	for _, f := range r.Fields {
		for _, v := range f.Vals {
			out = append(out, v.Dot)
		}
	}
	for _, d := range r.Deletes.Vals {
		if d.V == restoreMark {
			out = append(out, d.Dot)
		}
	}
	return sortDots(out)
}

// dotsOf are the live dots of a field, optionally only those holding value v.
func (r *Record) dotsOf(name string, only func(string) bool) []Dot {
	f := r.Fields[name]
	if f == nil {
		return nil
	}
	var out []Dot
	for _, v := range f.Vals {
		if only == nil || only(v.V) {
			out = append(out, v.Dot)
		}
	}
	return out
}
