package store

import (
	"cmp"
	"slices"
	"strings"
)

// Search limits: a first token scans at most scanCap keys; later tokens too,
// then remaining candidates are checked one by one.
const (
	scanCap   = 20000
	verifyCap = 2000
)

// Hit is a search result.
type Hit struct {
	Summary
	Exact int `json:"-"` // query words matched whole
}

// Search finds live entities of every kind whose words start with each word
// of the query ("ada lov" finds Ada Lovelace), best first: more whole-word
// matches, then people before communities, sources and the rest, then by
// title. Optional kinds narrow it.
func (r *Reader) Search(query string, limit int, kinds ...Kind) ([]Hit, error) {
	words := Tokens(query)
	if len(words) == 0 {
		return []Hit{}, nil
	}
	slices.Sort(words)
	words = slices.Compact(words)
	// The longest word is likely the rarest: start there.
	slices.SortFunc(words, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	type cand struct{ exact int }
	cands := map[Ref]*cand{}
	_, err := r.scanToken(words[0], scanCap, func(ref Ref, exact bool) {
		c := cands[ref]
		if c == nil {
			c = &cand{}
			cands[ref] = c
		}
		if exact {
			c.exact = 1
		}
	})
	if err != nil {
		return nil, err
	}
	for _, w := range words[1:] {
		matched := map[Ref]bool{}
		exactly := map[Ref]bool{}
		complete, err := r.scanToken(w, scanCap, func(ref Ref, exact bool) {
			if cands[ref] != nil {
				matched[ref] = true
				if exact {
					exactly[ref] = true
				}
			}
		})
		if err != nil {
			return nil, err
		}
		for ref, c := range cands {
			switch {
			case matched[ref]:
				if exactly[ref] {
					c.exact++
				}
			case complete || len(cands) > verifyCap:
				delete(cands, ref)
			default:
				ok, exact, err := r.hasWord(ref, w)
				if err != nil {
					return nil, err
				}
				if !ok {
					delete(cands, ref)
				} else if exact {
					c.exact++
				}
			}
		}
	}
	rank := map[Kind]int{}
	for i, k := range Kinds {
		rank[k] = i
	}
	allowed := func(k Kind) bool { return len(kinds) == 0 || slices.Contains(kinds, k) }
	hits := make([]Hit, 0, len(cands))
	refs := make([]Ref, 0, len(cands))
	for ref := range cands {
		if allowed(ref.Kind) {
			refs = append(refs, ref)
		}
	}
	// Load summaries only for the best candidates by cheap keys first.
	slices.SortFunc(refs, func(a, b Ref) int {
		return cmp.Or(cmp.Compare(cands[b].exact, cands[a].exact), cmp.Compare(rank[a.Kind], rank[b.Kind]), cmp.Compare(a.ID, b.ID))
	})
	if limit <= 0 {
		limit = 50
	}
	window := refs[:min(len(refs), limit*4)]
	for _, ref := range window {
		s, err := r.Summary(ref.Kind, ref.ID)
		if err != nil {
			continue
		}
		hits = append(hits, Hit{Summary: s, Exact: cands[ref].exact})
	}
	slices.SortStableFunc(hits, func(a, b Hit) int {
		return cmp.Or(cmp.Compare(b.Exact, a.Exact), cmp.Compare(rank[a.Kind], rank[b.Kind]),
			cmp.Compare(NormalizeName(a.Title), NormalizeName(b.Title)))
	})
	return hits[:min(len(hits), limit)], nil
}

// scanToken visits entities with a word starting with prefix. It reports
// whether the scan saw every such entity (not stopped by max).
func (r *Reader) scanToken(prefix string, max int, fn func(ref Ref, exact bool)) (bool, error) {
	n := 0
	complete := true
	err := r.scanKeys([]byte(ikey(idxTokens, prefix)), func(rest []byte) bool {
		if n++; n > max {
			complete = false
			return false
		}
		parts := strings.SplitN(string(rest), sep, 3)
		if len(parts) != 3 {
			return true
		}
		fn(Ref{Kind: Kind(parts[1]), ID: parts[2]}, parts[0] == "")
		return true
	})
	return complete, err
}

// hasWord checks one entity for a word starting with prefix.
func (r *Reader) hasWord(ref Ref, prefix string) (found, exact bool, err error) {
	rec, err := r.Record(ref.Kind, ref.ID)
	if err != nil {
		return false, false, nil
	}
	for k := range rec.indexEntries() {
		tok, ok := strings.CutPrefix(k, ikey(idxTokens, ""))
		if !ok {
			continue
		}
		tok, _, _ = strings.Cut(tok, sep)
		if strings.HasPrefix(tok, prefix) {
			found = true
			if tok == prefix {
				return true, true, nil
			}
		}
	}
	return found, false, nil
}
