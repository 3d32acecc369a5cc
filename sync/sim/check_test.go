package sim

import (
	"fmt"
	"slices"

	"learnwork/store"
)

type fieldKey struct {
	id, field string
}

// check: identical state everywhere, every acknowledged write in every log
// and either still live or superseded by a write that saw it, and the live
// values of each register recomputed from the log match what the store
// shows, with every concurrent differing pair surfaced as a conflict.
func (w *world) check() error {
	sum0, vv0, err := w.devs[0].st.Digest(bg)
	if err != nil {
		return err
	}
	for _, d := range w.devs[1:] {
		sum, vv, err := d.st.Digest(bg)
		if err != nil {
			return err
		}
		if vv.Compare(vv0) != store.Equal {
			return fmt.Errorf("dev%d holds %v, dev0 %v: not converged", d.i, vv, vv0)
		}
		if sum != sum0 {
			return fmt.Errorf("dev%d and dev0 hold the same changes but their state differs", d.i)
		}
	}
	st := w.devs[0].st
	sets := map[fieldKey][]store.Val{}
	superseded := map[store.Dot]bool{}
	ops := map[store.Dot]store.OpCode{}
	err = st.ChangesSince(bg, store.Vector{}, func(raw []byte) error {
		c, err := store.DecodeChange(raw)
		if err != nil {
			return err
		}
		for i, op := range c.Ops {
			ops[c.Dot(i)] = op.Code
			switch op.Code {
			case store.OpSet, store.OpText, store.OpRemove, store.OpRestore:
				for _, p := range op.Prev {
					superseded[p] = true
				}
			}
			if op.Code == store.OpSet {
				k := fieldKey{c.ID, op.Field}
				sets[k] = append(sets[k], store.Val{Dot: c.Dot(i), V: op.Value})
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	// No acknowledged write lost.
	liveDots := map[store.Dot]bool{}
	var conflicted []store.Ref
	err = st.View(bg, func(r *store.Reader) error {
		conflicted, _ = r.Conflicted()
		for k := range sets {
			rec, err := r.Record(store.KindPerson, k.id)
			if err != nil {
				return err
			}
			for _, f := range rec.Fields {
				for _, v := range f.Vals {
					liveDots[v.Dot] = true
				}
			}
			for _, v := range rec.Deletes.Vals {
				liveDots[v.Dot] = true
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, d := range w.devs {
		for _, dot := range d.acked {
			if !vv0.Has(dot) {
				return fmt.Errorf("dev%d's acknowledged write %s is missing from the log", d.i, dot)
			}
			code := ops[dot]
			if code == store.OpSet || code == store.OpAdd || code == store.OpText || code == store.OpDelete {
				if !liveDots[dot] && !superseded[dot] {
					return fmt.Errorf("dev%d's acknowledged %s %s vanished without a write that saw it", d.i, code, dot)
				}
			}
		}
	}
	if err := w.checkSearch(); err != nil {
		return err
	}
	// Registers: live values from the log equal the store's; concurrent
	// differing values are a conflict.
	return st.View(bg, func(r *store.Reader) error {
		for k, vals := range sets {
			var live []store.Dot
			distinct := map[string]bool{}
			for _, v := range vals {
				if !superseded[v.Dot] {
					live = append(live, v.Dot)
					distinct[v.V] = true
				}
			}
			rec, err := r.Record(store.KindPerson, k.id)
			if err != nil {
				return err
			}
			var got []store.Dot
			if f := rec.Fields[k.field]; f != nil {
				for _, v := range f.Vals {
					got = append(got, v.Dot)
				}
			}
			slices.SortFunc(live, cmpDot)
			slices.SortFunc(got, cmpDot)
			if !slices.Equal(live, got) {
				return fmt.Errorf("%s.%s: the log leaves %v live, the store shows %v", k.id, k.field, live, got)
			}
			if len(distinct) > 1 {
				if !rec.InConflict(k.field) {
					return fmt.Errorf("%s.%s: concurrent values %v not marked as a conflict", k.id, k.field, distinct)
				}
				if !rec.Trashed() && !slices.Contains(conflicted, store.Ref{Kind: store.KindPerson, ID: k.id}) {
					return fmt.Errorf("%s.%s: concurrent values %v not listed in conflicts", k.id, k.field, distinct)
				}
			} else if rec.InConflict(k.field) {
				return fmt.Errorf("%s.%s: marked as a conflict with one value", k.id, k.field)
			}
		}
		return nil
	})
}

func cmpDot(a, b store.Dot) int {
	switch {
	case a.Less(b):
		return -1
	case b.Less(a):
		return 1
	}
	return 0
}

// checkSearch: the indexes each device built while changes arrived in its
// own order answer alike. Every live person is found by each word of the
// name shown, and each word finds the same people on every device, so
// stale word blocks (a renamed person's old words) never show.
func (w *world) checkSearch() error {
	var want map[string][]string
	for _, d := range w.devs {
		got := map[string][]string{}
		err := d.st.View(bg, func(r *store.Reader) error {
			people, err := r.List(store.KindPerson, store.ListOptions{})
			if err != nil {
				return err
			}
			for _, p := range people {
				for _, word := range store.Tokens(p.Title) {
					if _, done := got[word]; done {
						continue
					}
					hits, err := r.Search(word, 10000, store.KindPerson)
					if err != nil {
						return err
					}
					ids := []string{}
					for _, h := range hits {
						ids = append(ids, h.ID)
					}
					slices.Sort(ids)
					got[word] = ids
				}
			}
			for _, p := range people {
				for _, word := range store.Tokens(p.Title) {
					if !slices.Contains(got[word], p.ID) {
						return fmt.Errorf("dev%d: %q (%s) not found by %q", d.i, p.Title, p.ID, word)
					}
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		if want == nil {
			want = got
			continue
		}
		for word, ids := range want {
			if !slices.Equal(ids, got[word]) {
				return fmt.Errorf("search %q: dev0 finds %v, dev%d %v", word, ids, d.i, got[word])
			}
		}
	}
	return nil
}
