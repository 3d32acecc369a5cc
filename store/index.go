package store

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	stdsync "sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Index names.
const (
	idxTokens   = "tok" // tok, kind, word, id: search by word prefix, one kind at a time
	idxSummary  = "sum" // sum, kind, id → summary (summaryValue JSON), a newline, the entity's words (search checks them)
	idxEmail    = "email"
	idxPhone    = "phone"
	idxUID      = "uid"
	idxName     = "name"
	idxDate     = "date"
	idxTopic    = "topic"
	idxRef      = "ref"
	idxSort     = "sort"
	idxTrash    = "trash"
	idxConflict = "conflict"
)

const sep = "\x00"

// Tokens splits text into lower-case words without accents, for search and
// name matching: "Ådá  O'Brien-Smith" → [ada o brien smith].
func Tokens(s string) []string { return appendTokens(nil, s) }

// appendTokens is Tokens appending to dst: indexing gathers a record's
// words from many fields into one slice.
func appendTokens(dst []string, s string) []string {
	if isASCII(s) {
		return appendASCIITokens(dst, s)
	}
	t := foldAccents.Get().(transform.Transformer)
	folded, _, err := transform.String(t, s)
	foldAccents.Put(t)
	if err != nil {
		folded = s
	}
	return append(dst, strings.FieldsFunc(strings.ToLower(folded), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})...)
}

// appendASCIITokens is appendTokens for ASCII text (most of what is
// indexed), in one pass: a word already in lower case is a slice of s, not
// a copy.
func appendASCIITokens(out []string, s string) []string {
	for i := 0; i < len(s); {
		for i < len(s) && !isAlnum(s[i]) {
			i++
		}
		j, upper := i, false
		for ; j < len(s) && isAlnum(s[j]); j++ {
			upper = upper || 'A' <= s[j] && s[j] <= 'Z'
		}
		if w := s[i:j]; w != "" {
			if upper {
				w = strings.ToLower(w)
			}
			out = append(out, w)
		}
		i = j
	}
	return out
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// foldAccents holds accent-removing transformers: each keeps state, and
// records are indexed concurrently.
var foldAccents = stdsync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// NormalizeEmail is the form emails are matched by.
func NormalizeEmail(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "mailto:")
	return s
}

// NormalizePhone is the form phones are matched by: the last nine digits, so
// "+1 (555) 010-7788" and "555.010.7788" meet. Numbers too short to mean
// anything give "".
func NormalizePhone(s string) string {
	var d []byte
	for _, r := range s {
		if r >= '0' && r <= '9' {
			d = append(d, byte(r))
		}
	}
	if len(d) < 5 {
		return ""
	}
	if len(d) > 9 {
		d = d[len(d)-9:]
	}
	return string(d)
}

// Summary is what lists and search results show of an entity.
type Summary struct {
	ID       string `json:"id"`
	Kind     Kind   `json:"kind"`
	Title    string `json:"title"`
	Subtitle string `json:"subtitle,omitempty"`
	Date     string `json:"date,omitempty"`
	Conflict bool   `json:"conflict,omitempty"`
}

// summaryValue is a Summary as the index keeps it: the key already names
// the kind and ID, and short names keep every list and search key small.
type summaryValue struct {
	Title    string `json:"t,omitempty"`
	Subtitle string `json:"s,omitempty"`
	Date     string `json:"d,omitempty"`
	Conflict bool   `json:"c,omitempty"`
}

// encodeSummary writes the summaryValue JSON. Plain text (printable ASCII
// that JSON leaves as it is) is written by hand, the same bytes as
// encoding/json in a tenth of the time (every new or changed entity needs
// one); anything else goes through encoding/json.
func encodeSummary(s Summary) []byte {
	if !jsonPlain(s.Title) || !jsonPlain(s.Subtitle) || !jsonPlain(s.Date) {
		b, _ := json.Marshal(summaryValue{Title: s.Title, Subtitle: s.Subtitle, Date: s.Date, Conflict: s.Conflict})
		return b
	}
	b := make([]byte, 0, len(s.Title)+len(s.Subtitle)+len(s.Date)+32)
	b = append(b, '{')
	for _, f := range [...]struct{ name, v string }{{"t", s.Title}, {"s", s.Subtitle}, {"d", s.Date}} {
		if f.v != "" {
			if len(b) > 1 {
				b = append(b, ',')
			}
			b = append(append(append(append(append(b, '"'), f.name...), `":"`...), f.v...), '"')
		}
	}
	if s.Conflict {
		if len(b) > 1 {
			b = append(b, ',')
		}
		b = append(b, `"c":true`...)
	}
	return append(b, '}')
}

// jsonPlain says whether encoding/json writes s as it is between quotes:
// printable ASCII without quotes, backslashes and the characters it
// escapes for HTML.
func jsonPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c > 0x7e, c == '"', c == '\\', c == '<', c == '>', c == '&':
			return false
		}
	}
	return true
}

func decodeSummary(b []byte, k Kind, id string) (Summary, error) {
	var v summaryValue
	err := json.Unmarshal(b, &v)
	return Summary{ID: id, Kind: k, Title: v.Title, Subtitle: v.Subtitle, Date: v.Date, Conflict: v.Conflict}, err
}

// sortedID is the ID that ends a key of a kind's sorted list.
func sortedID(key []byte) string { return string(key[bytes.LastIndexByte(key, sep[0])+1:]) }

func (r *Record) summary() Summary {
	ks := schema[r.Kind]
	s := Summary{ID: r.ID, Kind: r.Kind, Title: r.Scalar(ks.title)}
	switch r.Kind {
	case KindPerson:
		var parts []string
		if t := r.Scalar("title"); t != "" {
			parts = append(parts, t)
		}
		if o := r.Scalar("org"); o != "" {
			parts = append(parts, o)
		}
		s.Subtitle = strings.Join(parts, " · ")
		if s.Subtitle == "" {
			if e := r.Elements("emails"); len(e) > 0 {
				var c Contact
				_ = json.Unmarshal([]byte(e[0]), &c)
				s.Subtitle = c.Value
			}
		}
		if s.Title == "" {
			s.Title = strings.TrimSpace(r.Scalar("given") + " " + r.Scalar("family"))
		}
	case KindEvent:
		s.Date, s.Subtitle = r.Scalar("start"), r.Scalar("location")
	case KindInteraction:
		s.Date = r.Scalar("date")
		s.Title = r.Scalar("what")
		if s.Title == "" {
			s.Title = r.Scalar("type")
		}
		s.Subtitle = r.Scalar("direction")
	case KindLearning:
		s.Date = r.Scalar("date")
	case KindSource, KindCommunity:
		s.Subtitle = r.Scalar("type")
	case KindGoal:
		s.Subtitle, s.Date = r.Scalar("status"), r.Scalar("target")
	}
	for _, f := range ks.fields {
		if f.typ == register && r.InConflict(f.name) {
			s.Conflict = true
		}
	}
	return s
}

// sortKey orders a kind's list: names alphabetically, dated things by date.
func (r *Record) sortKey() string { return sortKeyOf(r.summary()) }

func sortKeyOf(s Summary) string {
	if s.Date != "" {
		return s.Date
	}
	if n := NormalizeName(s.Title); n != "" {
		return n
	}
	return "\xff" // nameless last
}

// ikey joins an index key's parts in one allocation (Join and then a
// concatenation made two, for each of a new item's half-dozen keys).
func ikey(parts ...string) string {
	n := len(pIndex) + len(parts)*len(sep)
	for _, p := range parts {
		n += len(p)
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(pIndex)
	for i, p := range parts {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(p)
	}
	return b.String()
}

func clean(s string) string { return strings.ReplaceAll(s, sep, "") }

// indexSet is what the indexes should hold for a record: its keys (and
// values), and its search words, which go to posting blocks (postings.go).
type indexSet struct {
	keys  map[string][]byte
	words []string
}

// indexEntries are every index key (and value) and search word the record
// should have now.
func (r *Record) indexEntries() indexSet {
	out := make(map[string][]byte, 8) // a person has about six: one group of slots
	k, id := string(r.Kind), r.ID
	add := func(idx, val string) {
		if val = clean(val); val != "" {
			out[ikey(idx, val, k, id)] = nil
		}
	}
	ks := schema[r.Kind]
	trashed := r.Trashed()
	sum := r.summary()
	// Matching indexes stay while in Trash, so a re-import can tell a
	// deleted contact from a new one.
	if n := NormalizeName(sum.Title); n != "" {
		add(idxName, n)
	}
	tokens := make([]string, 0, 64) // a contact has some 35 words
	for _, f := range ks.fields {
		switch f.idx {
		case idxEmail, idxPhone:
			for _, e := range r.Elements(f.name) {
				v, ok := contactValue(e)
				if !ok {
					continue
				}
				if f.idx == idxEmail {
					add(idxEmail, NormalizeEmail(v))
					tokens = appendTokens(tokens, v)
				} else {
					add(idxPhone, NormalizePhone(v))
				}
			}
		case idxUID:
			for _, u := range r.Elements(f.name) {
				add(idxUID, u)
			}
		case idxProfile:
			for _, e := range r.Elements(f.name) {
				add(idxProfile, profileKeyOf(e))
			}
		}
	}
	if trashed {
		out[ikey(idxTrash, k, id)] = nil
		return indexSet{keys: out}
	}
	sb := encodeSummary(sum)
	out[ikey(idxSort, k, clean(sortKeyOf(sum)), id)] = sb
	if sum.Conflict {
		out[ikey(idxConflict, k, id)] = nil
	}
	for _, f := range ks.fields {
		switch f.idx {
		case idxTokens:
			if f.typ == set {
				for _, e := range r.Elements(f.name) {
					tokens = appendTokens(tokens, e)
				}
			} else {
				tokens = appendTokens(tokens, r.Scalar(f.name))
			}
		case idxDate:
			if d := r.Scalar(f.name); d != "" {
				out[ikey(idxDate, k, clean(d), id)] = nil
			}
		case idxTopic:
			for _, t := range r.Elements(f.name) {
				add(idxTopic, t)
			}
		}
		if f.ref != "" && f.ref != KindTopic {
			var targets []string
			if f.typ == set {
				targets = r.Elements(f.name)
			} else if v := r.Scalar(f.name); v != "" {
				targets = []string{v}
			}
			for _, t := range targets {
				if t = clean(t); t != "" {
					out[ikey(idxRef, t, k, id, f.name)] = nil
				}
			}
		}
	}
	if r.Kind == KindEvent {
		// Attendees linked to people put the event on their timelines.
		for _, e := range r.Elements("attendees") {
			var a Attendee
			if json.Unmarshal([]byte(e), &a) == nil && clean(a.PersonID) != "" {
				out[ikey(idxRef, clean(a.PersonID), k, id, "attendees")] = nil
			}
		}
	}
	if r.Kind == KindInteraction {
		r.touchEntries(out)
	}
	words := distinctWords(tokens)
	// One key for what a search hit needs: is it still a match, and what
	// to show. JSON escapes newlines, so the first one ends it.
	n := len(sb) + 1 + len(words)
	for _, w := range words {
		n += len(w)
	}
	sv := append(append(make([]byte, 0, n), sb...), '\n') // its own bytes: sb is the sort entry's value
	for i, w := range words {
		if i > 0 {
			sv = append(sv, ' ')
		}
		sv = append(sv, w...)
	}
	out[ikey(idxSummary, k, id)] = sv
	return indexSet{keys: out, words: words}
}

// distinctWords keeps the first of each word, up to maxTokens of them.
// Names come first in tokens, so a long note is what the cap cuts.
func distinctWords(tokens []string) []string {
	words := make([]string, 0, min(len(tokens), maxTokens))
	var seen map[string]bool // only for long texts: a record's few words are found faster by a scan
	for _, t := range tokens {
		if len(words) == maxTokens {
			break
		}
		if len(t) > maxTokenLen {
			continue
		}
		if seen == nil && len(words) == 32 {
			seen = make(map[string]bool, 2*len(words))
			for _, w := range words {
				seen[w] = true
			}
		}
		if seen != nil {
			if seen[t] {
				continue
			}
			seen[t] = true
		} else if slices.Contains(words, t) {
			continue
		}
		words = append(words, t)
	}
	return words
}

// Bounds keep a long note from flooding the search index.
const (
	maxTokens   = 400
	maxTokenLen = 40
)

// contactValue is the value of a Contact element. Elements are written by
// json.Marshal, value first, so most need no JSON decoder.
func contactValue(el string) (string, bool) {
	const head = `{"value":"`
	if rest, ok := strings.CutPrefix(el, head); ok {
		if i := strings.IndexByte(rest, '"'); i >= 0 && !strings.ContainsRune(rest[:i], '\\') {
			return rest[:i], true
		}
	}
	var c Contact
	if json.Unmarshal([]byte(el), &c) != nil {
		return "", false
	}
	return c.Value, true
}
