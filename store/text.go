package store

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"github.com/dgraph-io/badger/v4"

	"learnwork/store/hlc"
	"learnwork/store/merge3"
)

// maxHistory bounds the walk of a note's version graph.
const maxHistory = 10000

// remerge recomputes the shown text of long-text fields that have several
// concurrent versions: a 3-way merge against their latest common ancestor,
// folded over the heads in dot order, so every device shows the same text.
//
// The merge uses the versions held, and every version of the field that
// arrives later (an ancestor included: it is applied as a superseded dot)
// marks the field for a new merge, in which it must be seen even though it
// is only written to the log with this transaction (versionAt). So the text
// is a function of the versions held, whatever order they came in. Waiting
// for missing ancestors and showing the newest head meanwhile would be no
// safer: an edit made then supersedes every head and loses the hidden one's
// lines, where a merge against what is held keeps both, at worst in markers.
func (tx *Tx) remerge(tr *txRec) error {
	r := tr.rec
	for field := range tr.textDirty {
		f := r.Fields[field]
		if f == nil || len(f.Vals) <= 1 {
			delete(r.Merged, field)
			continue
		}
		base, err := tx.commonAncestor(f.Vals)
		if err != nil {
			return err
		}
		merged := f.Vals[0].V
		for _, h := range f.Vals[1:] {
			merged, _ = merge3.Merge(base, merged, h.V)
		}
		if r.Merged == nil {
			r.Merged = map[string]string{}
		}
		r.Merged[field] = merged
	}
	return nil
}

type version struct {
	text    string
	parents []Dot
	hlcTime uint64
}

// commonAncestor is the text of the newest held version every head
// descends from, or "" if none is held (yet).
func (tx *Tx) commonAncestor(heads []Val) (string, error) {
	seen := map[Dot]version{}
	var common map[Dot]bool
	for _, h := range heads {
		anc := map[Dot]bool{}
		queue := []Dot{h.Dot}
		seen[h.Dot] = version{text: h.V, parents: h.Prev, hlcTime: uint64(h.HLC)}
		for len(queue) > 0 && len(anc) < maxHistory {
			d := queue[0]
			queue = queue[1:]
			if anc[d] {
				continue
			}
			v, ok := seen[d]
			if !ok {
				var err error
				if v, ok, err = tx.versionAt(d); err != nil {
					return "", err
				}
				if !ok {
					continue // not arrived yet
				}
				seen[d] = v
			}
			anc[d] = true
			queue = append(queue, v.parents...)
		}
		if common == nil {
			common = anc
		} else {
			for d := range common {
				if !anc[d] {
					delete(common, d)
				}
			}
		}
	}
	var best *Dot
	for d := range common {
		if best == nil || seen[d].hlcTime > seen[*best].hlcTime || seen[d].hlcTime == seen[*best].hlcTime && best.Less(d) {
			best = &d
		}
	}
	if best == nil {
		return "", nil
	}
	return seen[*best].text, nil
}

// versionAt is the text version at a dot, looked up in this transaction's
// changes and then in the log; ok is false for a dot not held or not a text
// version.
func (tx *Tx) versionAt(d Dot) (v version, ok bool, err error) {
	c, i, ok := tx.pendingOp(d)
	if !ok {
		c, i, err = tx.Reader.opAt(d)
		if errors.Is(err, ErrNotFound) {
			return version{}, false, nil
		}
		if err != nil {
			return version{}, false, err
		}
	}
	if c.Ops[i].Code != OpText {
		return version{}, false, nil
	}
	return version{text: c.Ops[i].Value, parents: c.Ops[i].Prev, hlcTime: uint64(c.HLC)}, true, nil
}

// pendingOp finds a dot among the changes this transaction made or applied,
// which reach the log only when it commits.
func (tx *Tx) pendingOp(d Dot) (*Change, int, bool) {
	if tx.pending == nil {
		// Each device's changes come in seq order, local and remote alike.
		tx.pending = map[DeviceID][]*Change{}
		for _, c := range slices.Concat(tx.changes, tx.rawc) {
			tx.pending[c.Device] = append(tx.pending[c.Device], c)
		}
	}
	cs := tx.pending[d.Device]
	j, found := slices.BinarySearchFunc(cs, d.Seq, func(c *Change, seq uint64) int { return cmp.Compare(c.Seq, seq) })
	if !found {
		j-- // the change before holds the dot, if any does
	}
	if j < 0 || d.Seq > cs[j].Last() {
		return nil, 0, false
	}
	return cs[j], int(d.Seq - cs[j].Seq), true
}

// opAt finds the change holding a dot and the op's index in it.
func (r *Reader) opAt(d Dot) (*Change, int, error) {
	prefix := u64([]byte(pLog), uint64(d.Device))
	it := r.t().NewIterator(badger.IteratorOptions{Prefix: prefix, Reverse: true, PrefetchValues: false})
	defer it.Close()
	it.Seek(logKey(d.Device, d.Seq))
	if !it.Valid() {
		return nil, 0, fmt.Errorf("dot %s: %w", d, ErrNotFound)
	}
	var c *Change
	err := it.Item().Value(func(b []byte) (err error) {
		c, err = DecodeChange(b)
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	i := int(d.Seq - c.Seq)
	if d.Seq < c.Seq || i >= len(c.Ops) {
		return nil, 0, fmt.Errorf("dot %s: %w", d, ErrNotFound)
	}
	return c, i, nil
}

// History lists the versions of a long-text field, newest first, for the
// window's history view.
func (r *Reader) History(k Kind, id, field string) ([]TextVersion, error) {
	rec, err := r.Record(k, id)
	if err != nil {
		return nil, err
	}
	f := rec.Fields[field]
	if f == nil {
		return nil, nil
	}
	var out []TextVersion
	seen := map[Dot]bool{}
	queue := []Dot{}
	for _, v := range f.Vals {
		queue = append(queue, v.Dot)
	}
	for len(queue) > 0 && len(out) < maxHistory {
		d := queue[0]
		queue = queue[1:]
		if seen[d] {
			continue
		}
		seen[d] = true
		c, i, err := r.opAt(d)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, TextVersion{Dot: d, at: c.HLC, Time: c.HLC.Wall().Format("2006-01-02 15:04"), Text: c.Ops[i].Value, Parents: c.Ops[i].Prev})
		queue = append(queue, c.Ops[i].Prev...)
	}
	slices.SortFunc(out, func(a, b TextVersion) int { return cmp.Or(cmp.Compare(b.at, a.at), compareDots(b.Dot, a.Dot)) })
	return out, nil
}

// TextVersion is one version of a long text.
type TextVersion struct {
	Dot     Dot    `json:"-"`
	Time    string `json:"time"`
	Text    string `json:"text"`
	Parents []Dot  `json:"-"`
	at      hlc.Time
}
