package store

import (
	"bytes"
	"errors"
	"slices"
	"strings"

	"github.com/dgraph-io/badger/v4"
)

// scanCap bounds the keys one word's scan reads per kind, so a one-letter
// query costs the same on a large network as on a small one.
const scanCap = 5000

// Hit is a search result.
type Hit struct {
	Summary
	Exact bool `json:"exact,omitempty"` // the query's longest word matched a whole word
}

// Search finds live entities whose words start with each word of the query
// ("ada lov" finds Ada Lovelace): people first, then communities, sources
// and the rest; within a kind, whole-word matches of the query's longest
// word first. Optional kinds narrow it. It reads the index only until it
// has limit results.
func (r *Reader) Search(query string, limit int, kinds ...Kind) ([]Hit, error) {
	words := Tokens(query)
	if len(words) == 0 {
		return []Hit{}, nil
	}
	slices.Sort(words)
	words = slices.Compact(words)
	if limit <= 0 {
		limit = 50
	}
	if len(kinds) == 0 {
		kinds = Kinds
	}
	hits := []Hit{}
	seen := map[Ref]bool{}
	for _, k := range Kinds {
		if !slices.Contains(kinds, k) {
			continue
		}
		// Scan for the rarest word; check the others per entity.
		anchor, others, err := r.rarest(k, words)
		if err != nil {
			return nil, err
		}
		// Whole-word matches, then the longer words that start with it.
		for _, exact := range []bool{true, false} {
			prefix := ikey(idxTokens, string(k), anchor)
			if exact {
				prefix += sep
			}
			n := 0
			var ids []string
			err := r.scanPostings([]byte(prefix), func(id string) bool {
				if n++; n > scanCap {
					return false
				}
				if !seen[Ref{k, id}] {
					seen[Ref{k, id}] = true
					ids = append(ids, id)
				}
				return true
			})
			if err != nil {
				return nil, err
			}
			for _, id := range ids {
				// Blocks keep words an entity has since lost: its
				// current words decide.
				sum, words, err := r.summaryAndWords(k, id)
				if errors.Is(err, badger.ErrKeyNotFound) {
					continue // in Trash
				} else if err != nil {
					return nil, err
				}
				if !hasWords(words, exact, anchor, others) {
					if exact {
						delete(seen, Ref{k, id}) // it may still match by prefix
					}
					continue
				}
				s, err := decodeSummary(sum, k, id)
				if err != nil {
					continue
				}
				hits = append(hits, Hit{Summary: s, Exact: exact})
				if len(hits) == limit {
					return hits, nil
				}
			}
		}
	}
	return hits, nil
}

// rarest picks the word with the fewest index entries in a kind (measured
// up to a small bound) and returns it and the rest.
func (r *Reader) rarest(k Kind, words []string) (string, []string, error) {
	if len(words) == 1 {
		return words[0], nil, nil
	}
	best, bestN := 0, int64(-1)
	for i, w := range words {
		n := r.postingBytes([]byte(ikey(idxTokens, string(k), w)), 1<<13)
		if bestN < 0 || n < bestN || n == bestN && len(w) > len(words[best]) {
			best, bestN = i, n
		}
	}
	others := slices.Delete(slices.Clone(words), best, best+1)
	return words[best], others, nil
}

// hasWords checks an entity's current words: anchor (whole, or as a
// prefix) and, for each other word, a word starting with it.
func hasWords(words string, exact bool, anchor string, others []string) bool {
	have := strings.Fields(words)
	starts := func(w string) bool {
		return slices.ContainsFunc(have, func(h string) bool { return strings.HasPrefix(h, w) })
	}
	if exact && !slices.Contains(have, anchor) || !exact && !starts(anchor) {
		return false
	}
	for _, w := range others {
		if !starts(w) {
			return false
		}
	}
	return true
}

// summaryAndWords reads a live entity's summary key: the summaryValue JSON and
// its words.
func (r *Reader) summaryAndWords(k Kind, id string) (sum []byte, words string, err error) {
	b, err := getBytes(r.t(), []byte(ikey(idxSummary, string(k), id)))
	if err != nil {
		return nil, "", err
	}
	sum, w, _ := bytes.Cut(b, []byte("\n"))
	return sum, string(w), nil
}

// summaryFast reads the summary the index keeps, without decoding the record.
func (r *Reader) summaryFast(k Kind, id string) (Summary, error) {
	b, _, err := r.summaryAndWords(k, id)
	if err != nil {
		return r.Summary(k, id)
	}
	return decodeSummary(b, k, id)
}
