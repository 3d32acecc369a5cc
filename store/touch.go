package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/dgraph-io/badger/v4"
)

// The touch index keeps what nurture needs (last contact, give/take counts,
// recent attendance) per person, community and source, so "who is due" is
// one scan of small values instead of a read of every interaction.
//
// Two layers, both derived and maintained by the write path:
//   - i/touch/<target>/<date>/<interaction> → "<target kind>\x00<direction>\x00<type>",
//     an ordinary index entry of each dated interaction (indexEntries);
//   - i/nurt/<kind>/<id> → the Touch summary, recomputed in flush for the
//     targets a transaction affected.
const (
	idxTouch   = "touch"
	idxNurture = "nurt"

	maxMarks = 64 // attendance marks kept in a summary: enough for a year of weekly sessions
)

// Touch is what nurture reads of one person, community or source.
type Touch struct {
	Kind     Kind
	ID       string
	Name     string
	Cadence  string // as stored: "30" or "30/60"
	Snoozed  string
	Schedule string // communities: the recurring event series
	Since    string // communities: member since, YYYY-MM-DD, if said
	Added    string // the day the entity was first stored, YYYY-MM-DD
	Last     string // the latest touch (any interaction but a missed session), YYYY-MM-DD
	Gave     int
	Received int
	Mutual   int
	Touches  int    // interactions other than missed sessions
	Marks    []Mark // communities: the latest attendance marks, oldest first
}

// Mark is a community session marked attended or missed.
type Mark struct {
	Date     string
	Attended bool
}

// Interaction types the index treats specially.
const (
	TypeAttended = "attended"
	TypeMissed   = "missed"
)

// touchTargets are the reference fields of an interaction that count as
// touching their target.
var touchTargets = []struct {
	field string
	kind  Kind
}{{"people", KindPerson}, {"community", KindCommunity}, {"source", KindSource}}

// DateOf is the calendar day of a stored date ("2026-03-01" or RFC 3339),
// "" when it is not one.
func DateOf(s string) string {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return ""
	}
	for i, c := range s[:10] {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return ""
		}
	}
	return s[:10]
}

// touchEntries adds the touch index entries of a live interaction.
func (r *Record) touchEntries(out map[string][]byte) {
	date := DateOf(r.Scalar("date"))
	if date == "" {
		return
	}
	val := sep + clean(strings.ToLower(r.Scalar("direction"))) + sep + clean(strings.ToLower(r.Scalar("type")))
	for _, t := range touchTargets {
		var ids []string
		if t.kind == KindPerson {
			ids = r.Elements(t.field)
		} else if v := r.Scalar(t.field); v != "" {
			ids = []string{v}
		}
		for _, id := range ids {
			if id = clean(id); id != "" {
				out[ikey(idxTouch, id, date, r.ID)] = []byte(string(t.kind) + val)
			}
		}
	}
}

func touchKey(id string) []byte { return []byte(ikey(idxTouch, clean(id), "")) }

func nurtureKey(k Kind, id string) []byte { return []byte(ikey(idxNurture, string(k), clean(id))) }

// touchEntry is one index entry of a target: the rest of the key after the
// target (date, sep, interaction) and the value.
type touchEntry struct{ rest, val string }

// touchOf names the target of an index entry: kind and ID, or ok false.
func touchOf(key string, val []byte) (Kind, string, bool) {
	p := ikey(idxTouch, "")
	if !strings.HasPrefix(key, p) {
		return "", "", false
	}
	id, _, _ := strings.Cut(key[len(p):], sep)
	k, _, _ := strings.Cut(string(val), sep)
	return Kind(k), id, true
}

// buildTouch summarises a record and its touch entries; nil when there is
// nothing nurture would look at.
func buildTouch(rec *Record, entries []touchEntry) *Touch {
	if len(entries) == 0 && rec != nil && !worthKeeping(rec.Kind, rec.Scalar("cadence"), 0, 0) {
		return nil // orNil would drop it (a sync's new people, mostly)
	}
	t := ownTouch(rec)
	if t == nil {
		return nil
	}
	slices.SortFunc(entries, func(a, b touchEntry) int { return strings.Compare(a.rest, b.rest) })
	for _, e := range entries {
		date, _, _ := strings.Cut(e.rest, sep)
		parts := strings.SplitN(e.val, sep, 3)
		if len(parts) != 3 {
			continue
		}
		dir, typ := parts[1], parts[2]
		if typ == TypeAttended || typ == TypeMissed {
			t.Marks = append(t.Marks, Mark{Date: date, Attended: typ == TypeAttended})
		}
		if typ == TypeMissed {
			continue
		}
		t.Touches++
		t.Last = max(t.Last, date)
		switch dir {
		case "gave":
			t.Gave++
		case "received":
			t.Received++
		case "mutual":
			t.Mutual++
		}
	}
	if n := len(t.Marks); n > maxMarks {
		t.Marks = t.Marks[n-maxMarks:]
	}
	return t.orNil()
}

// ownTouch is the part of a summary the entity's own record gives.
func ownTouch(rec *Record) *Touch {
	if rec == nil || rec.Trashed() {
		return nil
	}
	t := &Touch{Kind: rec.Kind, ID: rec.ID, Name: rec.summary().Title, Cadence: rec.Scalar("cadence"),
		Snoozed: rec.Scalar("snoozed"), Added: rec.Created.Wall().UTC().Format("2006-01-02")}
	if rec.Kind == KindCommunity {
		t.Schedule, t.Since = rec.Scalar(FieldSchedule), rec.Scalar(FieldSince)
	}
	return t
}

// orNil drops a summary with nothing in it.
func (t *Touch) orNil() *Touch {
	if !worthKeeping(t.Kind, t.Cadence, t.Touches, len(t.Marks)) {
		return nil
	}
	return t
}

// worthKeeping says whether a summary holds anything: a person or source
// needs a cadence or an interaction; communities always have one
// (attendance).
func worthKeeping(k Kind, cadence string, touches, marks int) bool {
	return k == KindCommunity || cadence != "" || touches > 0 || marks > 0
}

// touchDelta is what a transaction changed in the touch index: entries
// written and deleted, and the targets whose summaries to recompute (true:
// their entries changed; false: only their own record did).
type touchDelta struct {
	added   map[string][]byte
	removed map[string]bool
	targets map[Ref]bool
}

func newTouchDelta() *touchDelta {
	return &touchDelta{added: map[string][]byte{}, removed: map[string]bool{}, targets: map[Ref]bool{}}
}

// reread marks a person, community or source whose interactions must be
// read again although none changed here: one back from Trash (its summary
// was dropped), or one first seen from another device, whose interactions
// may have arrived before it did. A new entity made here has none yet.
func (d *touchDelta) reread(r *Record, stored, wasLive, live, remote bool) {
	ref := Ref{Kind: r.Kind, ID: r.ID}
	if _, ok := d.targets[ref]; ok && (stored && wasLive != live || !stored && remote) {
		d.targets[ref] = true
	}
}

func (d *touchDelta) merge(o *touchDelta) {
	if o == nil {
		return
	}
	maps.Copy(d.added, o.added)
	maps.Copy(d.removed, o.removed)
	for r, changed := range o.targets {
		d.targets[r] = d.targets[r] || changed
	}
}

// touchDiff finds, from one record's old and new index entries, the touch
// entries written and deleted and the targets to refresh (nil: none).
func touchDiff(r *Record, oldIdx, newIdx map[string][]byte) *touchDelta {
	var d *touchDelta
	switch r.Kind {
	case KindPerson, KindCommunity, KindSource:
		// Only itself to refresh: no entry maps to make (a sync of 100k
		// people made 300k of them).
		return &touchDelta{targets: map[Ref]bool{{Kind: r.Kind, ID: r.ID}: false}}
	case KindInteraction:
		d = newTouchDelta()
	default:
		return nil
	}
	for k, v := range newIdx {
		if kind, id, ok := touchOf(k, v); ok {
			if old, had := oldIdx[k]; !had || !bytes.Equal(old, v) {
				d.added[k] = v
			}
			d.targets[Ref{Kind: kind, ID: id}] = true
		}
	}
	for k, v := range oldIdx {
		if kind, id, ok := touchOf(k, v); ok {
			if _, keep := newIdx[k]; !keep {
				d.removed[k] = true
			}
			d.targets[Ref{Kind: kind, ID: id}] = true
		}
	}
	return d
}

// refreshTouches recomputes the summaries of every target the transaction
// affected, after its index entries are written.
func (tx *Tx) refreshTouches(d *touchDelta) error {
	if len(d.targets) == 0 {
		return nil
	}
	byTarget := map[string][]touchEntry{}
	for k, v := range d.added {
		_, id, _ := touchOf(k, v)
		rest := k[len(touchKey(id)):]
		byTarget[id] = append(byTarget[id], touchEntry{rest: rest, val: string(v)})
	}
	// The committed entries, read outside the write transaction: its own
	// iterators would sort every pending write each time one is made.
	rtxn := tx.s.db.NewTransaction(false)
	defer rtxn.Discard()
	// One iterator, sought per target: making one per target cost more
	// than the reading when a sync brings 100k new people.
	var it *badger.Iterator
	defer func() {
		if it != nil {
			it.Close()
		}
	}()
	for ref, changed := range d.targets {
		// One lookup for both the record (as Reader.Record gives it) and
		// whether it was stored before this transaction.
		tr, err := tx.load(ref.Kind, ref.ID, false)
		if err != nil {
			return err
		}
		var rec *Record
		if tr != nil && !tr.rec.isEmpty() {
			rec = tr.rec
		}
		key := nurtureKey(ref.Kind, ref.ID)
		var old []byte
		// A summary is only ever written for a stored record, so one new
		// in this transaction has none to read (most of an import).
		if tr == nil || tr.stored {
			if old, err = getBytes(tx.t(), key); err != nil && !errors.Is(err, badger.ErrKeyNotFound) {
				return err
			}
		}
		if !changed && old == nil && ref.Kind != KindCommunity && (rec == nil || rec.Scalar("cadence") == "") {
			continue // the common import case: nothing to summarise before or after
		}
		var t *Touch
		if changed {
			if it == nil {
				it = rtxn.NewIterator(badger.IteratorOptions{Prefix: []byte(ikey(idxTouch, ""))})
			}
			if t, err = touchFromEntries(it, rec, ref.ID, byTarget[ref.ID], d); err != nil {
				return err
			}
		} else if t = ownTouch(rec); t != nil {
			// Only the entity itself changed (an import, an edit): its
			// interactions are as the old summary counted them, so there is
			// no need to read them. No old summary means none.
			var o Touch
			if old != nil && o.unmarshal(old) == nil {
				t.Last, t.Gave, t.Received, t.Mutual, t.Touches, t.Marks = o.Last, o.Gave, o.Received, o.Mutual, o.Touches, o.Marks
			}
			t = t.orNil()
		}
		if t == nil {
			if old != nil {
				if err := tx.t().Delete(key); err != nil {
					return tx.tooBig(err)
				}
			}
			continue
		}
		if b := t.marshal(); !bytes.Equal(b, old) {
			if err := tx.t().Set(key, b); err != nil {
				return tx.tooBig(err)
			}
		}
	}
	return nil
}

// touchFromEntries summarises a target from its committed touch entries
// and those the transaction wrote or deleted.
func touchFromEntries(it *badger.Iterator, rec *Record, id string, entries []touchEntry, d *touchDelta) (*Touch, error) {
	prefix := touchKey(id)
	for it.Seek([]byte(prefix)); it.ValidForPrefix([]byte(prefix)); it.Next() {
		k := string(it.Item().Key())
		if d.removed[k] {
			continue
		}
		if _, ok := d.added[k]; ok {
			continue
		}
		v, err := it.Item().ValueCopy(nil)
		if err != nil {
			return nil, err
		}
		entries = append(entries, touchEntry{rest: k[len(prefix):], val: string(v)})
	}
	return buildTouch(rec, entries), nil
}

// Touch is the nurture summary of one person, community or source (ok
// false when there is none: no cadence, no interactions).
func (r *Reader) Touch(k Kind, id string) (Touch, bool, error) {
	b, err := getBytes(r.t(), nurtureKey(k, id))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return Touch{}, false, nil
	}
	if err != nil {
		return Touch{}, false, err
	}
	t := Touch{Kind: k, ID: id}
	if err := t.unmarshal(b); err != nil {
		return Touch{}, false, fmt.Errorf("touch summary of %s %s: %w", k, id, err)
	}
	return t, true, nil
}

// EachTouch calls fn with every nurture summary of a kind until fn returns
// false. The summary is reused for the next one: copy it to keep it.
func (r *Reader) EachTouch(k Kind, fn func(t *Touch) bool) error {
	prefix := nurtureKey(k, "")
	// No prefetch: it starts a goroutine per item, and the values are
	// small enough to live in the LSM tree anyway.
	it := r.t().NewIterator(badger.IteratorOptions{Prefix: prefix})
	defer it.Close()
	t := &Touch{}
	n := 0
	for it.Rewind(); it.Valid(); it.Next() {
		if n++; n%1024 == 0 && r.ctx != nil && r.ctx.Err() != nil {
			return r.ctx.Err()
		}
		*t = Touch{Kind: k, ID: string(it.Item().Key()[len(prefix):])}
		if err := it.Item().Value(t.unmarshal); err != nil {
			return fmt.Errorf("touch summary %q: %w", it.Item().Key(), err)
		}
		if !fn(t) {
			break
		}
	}
	return nil
}

func (s *Store) settingRaw(name string) []byte {
	var v []byte
	_ = s.db.View(func(txn *badger.Txn) error {
		v, _ = getBytes(txn, []byte(pMeta+name))
		return nil
	})
	return v
}

// A summary is read for every person on every "due", so it has a compact
// hand-made encoding rather than CBOR's reflection: a format byte, the
// strings length-prefixed, the counts as uvarints, then the marks. The key
// names the kind and ID; leaving them out keeps a person's summary small
// enough for the LSM tree (Open's value threshold).
const touchFormat = 3

func (t *Touch) marshal() []byte {
	b := make([]byte, 1, 96+len(t.Marks)*11)
	b[0] = touchFormat
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	for _, s := range []string{t.Name, t.Cadence, t.Snoozed, t.Schedule, t.Since, t.Added, t.Last} {
		str(s)
	}
	for _, n := range []int{t.Gave, t.Received, t.Mutual, t.Touches, len(t.Marks)} {
		b = binary.AppendUvarint(b, uint64(n))
	}
	for _, m := range t.Marks {
		str(m.Date)
		if m.Attended {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	return b
}

var errTouchFormat = errors.New("unreadable touch summary")

// unmarshal reads a summary into t, whose Kind and ID the caller sets from
// the key.
func (t *Touch) unmarshal(b []byte) error {
	if len(b) == 0 || b[0] != touchFormat {
		return errTouchFormat
	}
	all := string(b) // one allocation; the fields are slices of it
	pos := 1
	num := func() (int, bool) {
		v, n := binary.Uvarint(b[pos:])
		if n <= 0 || v > 1<<31 {
			return 0, false
		}
		pos += n
		return int(v), true
	}
	str := func() (string, bool) {
		n, ok := num()
		if !ok || pos+n > len(b) {
			return "", false
		}
		pos += n
		return all[pos-n : pos], true
	}
	for _, p := range []*string{&t.Name, &t.Cadence, &t.Snoozed, &t.Schedule, &t.Since, &t.Added, &t.Last} {
		var ok bool
		if *p, ok = str(); !ok {
			return errTouchFormat
		}
	}
	var marks int
	for _, p := range []*int{&t.Gave, &t.Received, &t.Mutual, &t.Touches, &marks} {
		var ok bool
		if *p, ok = num(); !ok {
			return errTouchFormat
		}
	}
	if marks > maxMarks {
		return errTouchFormat
	}
	t.Marks = nil
	if marks > 0 {
		t.Marks = make([]Mark, marks)
	}
	for i := range t.Marks {
		d, ok := str()
		if !ok || pos >= len(b) {
			return errTouchFormat
		}
		t.Marks[i] = Mark{Date: d, Attended: b[pos] == 1}
		pos++
	}
	return nil
}
