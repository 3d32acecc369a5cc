package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// A large transaction that only reads most of its records writes just the
// changed ones, and every index stays right (the flush runs in parallel).
func TestBulkFlushWritesOnlyChanged(t *testing.T) {
	s := open(t, "")
	bulkImport(t, s, 300)
	var commits []Commit
	s.OnCommit(func(c Commit) { commits = append(commits, c) })

	err := s.Update(ctx, func(tx *Tx) error {
		for i := range 300 {
			p := bulkPerson(i)
			refs, err := tx.Find("uid", p.UIDs[0])
			if err != nil || len(refs) != 1 {
				return fmt.Errorf("uid-%d: %v %v", i, refs, err)
			}
			p.ID = refs[0].ID
			if i == 7 {
				p.Emails = append(p.Emails, Contact{Value: "seven@new.example"})
			}
			if _, err := tx.Merge(p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(commits) != 1 || commits[0].Changes != 1 || len(commits[0].IDs) != 1 {
		t.Fatalf("commit %+v, want one change to one person", commits)
	}
	err = s.View(ctx, func(r *Reader) error {
		if r.Count(KindPerson) != 300 {
			t.Errorf("count %d", r.Count(KindPerson))
		}
		refs, _ := r.Find("email", "SEVEN@new.example")
		if len(refs) != 1 || refs[0].ID != commits[0].IDs[0] {
			t.Errorf("new email finds %v", refs)
		}
		// Many lookups through the one reused iterator, in any order.
		for _, i := range []int{299, 0, 150, 7, 7, 298} {
			refs, _ := r.Find("email", fmt.Sprintf("p%d@home.example", i))
			if len(refs) != 1 {
				t.Errorf("p%d: %v", i, refs)
			}
		}
		if refs, _ := r.Find("email", "p300@home.example"); len(refs) != 0 {
			t.Errorf("p300 should not exist: %v", refs)
		}
		hits, err := r.Search("engineer p42", 10)
		if err != nil || !slices.ContainsFunc(hits, func(h Hit) bool { return h.Summary.Title == bulkPerson(42).Name }) {
			t.Errorf("search: %v %v", hits, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Tokens folds accents the same from many goroutines at once.
func TestTokensConcurrent(t *testing.T) {
	err := parallel(2000, func(i int) error {
		if got := NormalizeName(fmt.Sprintf("Ådá Ørsted-Škoda %d", i%3)); got != fmt.Sprintf("ada ørsted skoda %d", i%3) {
			return fmt.Errorf("got %q", got)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A batch whose change keys include a seq ending in the byte 'm' (109)
// still lists: Batches once took such a key for the batch's own record.
func TestBatchesWithManyChanges(t *testing.T) {
	s := open(t, "")
	b, err := s.BeginBatch("import big.vcf")
	if err != nil {
		t.Fatal(err)
	}
	// One op per change, so some change starts at seq 109.
	err = s.UpdateBatch(ctx, b.ID, func(tx *Tx) error {
		for i := range 200 {
			p := &Person{Name: fmt.Sprint("Person ", i)}
			p.Kind = KindPerson
			if _, err := tx.Merge(p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	bs, err := s.Batches()
	if err != nil || len(bs) != 1 || bs[0].Label != "import big.vcf" {
		t.Fatalf("batches %+v, %v", bs, err)
	}
}

// The ASCII shortcut splits and lower-cases exactly as the general path:
// letters and digits make words, everything else separates them.
func TestASCIITokensMatchGeneral(t *testing.T) {
	general := func(s string) []string {
		return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	}
	inputs := []string{"", " ", "Ada", "ada.lovelace+pln@Work.Example", "+44 (0)20 7946-0958", "O'Brien-Smith", "#lrnchat\tWEEKLY\n", "x", "__A1b2__C3__"}
	for i := range 2000 { // every ASCII byte, in random company
		b := make([]byte, 1+i%17)
		for j := range b {
			b[j] = byte((i*31 + j*7 + j*j) % 128)
		}
		inputs = append(inputs, string(b))
	}
	for _, in := range inputs {
		if got, want := appendASCIITokens(nil, in), general(in); !slices.Equal(got, want) {
			t.Errorf("appendASCIITokens(%q) = %q, want %q", in, got, want)
		}
	}
}

// distinctWords keeps the first of each word up to the cap, on both sides
// of where it turns from a scan to a map.
func TestDistinctWordsKeepsFirstOfEach(t *testing.T) {
	reference := func(tokens []string) []string {
		seen := map[string]bool{}
		var words []string
		for _, w := range tokens {
			if len(seen) == maxTokens {
				break
			}
			if len(w) <= maxTokenLen && !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		}
		return words
	}
	long := strings.Repeat("x", maxTokenLen+1)
	for _, n := range []int{0, 1, 5, 31, 32, 33, 64, 399, 400, 401, 1000} {
		var tokens []string
		for i := range n {
			tokens = append(tokens, fmt.Sprint("w", i%(n/3+1)), fmt.Sprint("v", i))
			if i%7 == 0 {
				tokens = append(tokens, long)
			}
		}
		got, want := distinctWords(tokens), reference(tokens)
		if !slices.Equal(got, want) {
			t.Errorf("%d tokens: got %d words, want %d (%q…)", len(tokens), len(got), len(want), want[:min(len(want), 5)])
		}
	}
}

// A listener removed with the function OnCommit returned hears no later
// commit, and the others keep hearing theirs (serving switched off and on
// must not pile up listeners).
func TestOnCommitRemove(t *testing.T) {
	s := open(t, "")
	var a, b int
	removeA := s.OnCommit(func(Commit) { a++ })
	s.OnCommit(func(Commit) { b++ })
	add := func() {
		t.Helper()
		if err := s.Update(ctx, func(tx *Tx) error { _, err := tx.Put(&Person{Meta: Meta{Kind: KindPerson}, Name: "Ada"}); return err }); err != nil {
			t.Fatal(err)
		}
	}
	add()
	removeA()
	removeA() // twice is harmless
	add()
	if a != 1 || b != 2 {
		t.Errorf("removed listener heard %d commits, kept one %d; want 1 and 2", a, b)
	}
}

// Setting a list field or adding to a one-value field fails with a
// sentinel the caller can branch on, and still reads as before.
func TestListFieldErrors(t *testing.T) {
	s := open(t, "")
	err := s.Update(ctx, func(tx *Tx) error {
		id, err := tx.Create(KindPerson)
		if err != nil {
			return err
		}
		if err := tx.Set(KindPerson, id, "nicknames", "Countess"); !errors.Is(err, ErrIsList) || !errors.Is(err, ErrInvalid) || err.Error() != "invalid: nicknames is a list; add or remove its elements" {
			t.Errorf("set a list: %v", err)
		}
		if err := tx.Add(KindPerson, id, "name", "Ada"); !errors.Is(err, ErrNotList) || !errors.Is(err, ErrInvalid) {
			t.Errorf("add to one value: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Every field name the store exports for other packages is a field of the
// schema: a rename in model.go cannot leave app code writing a field that
// no longer exists.
func TestFieldConstantsInSchema(t *testing.T) {
	known := map[string]bool{}
	for _, ks := range schema {
		for _, fs := range ks.fields {
			known[fs.name] = true
		}
	}
	for _, f := range []string{FieldName, FieldTitle, FieldWhat, FieldDate, FieldType, FieldDirection, FieldTopics, FieldPeople,
		FieldFrom, FieldUIDs, FieldSnoozed, FieldSchedule, FieldCommunity, FieldNoCommunity, FieldSeries, FieldAttendees,
		FieldStart, FieldTZ, FieldRecurrenceID} {
		if !known[f] {
			t.Errorf("store.Field constant %q is no field of any kind", f)
		}
	}
}

// A summary written by hand is the bytes encoding/json writes, for plain
// text and for everything that takes the reflective path: quotes, HTML
// characters, control characters, non-ASCII, invalid UTF-8.
func TestSummaryMatchesEncodingJSON(t *testing.T) {
	texts := []string{"", "Ada Lovelace", "2026-12-01", "learning 12: how retrieval practice beats rereading",
		`say "hi"`, `back\slash`, "<b>bold</b>", "Q&A", "a > b", "tab\there", "line\nbreak", "Zoë", "日本", "\xff\xfe", "\u2028", "~", " "}
	for _, title := range texts {
		for _, sub := range texts[:6] {
			for _, date := range texts[:4] {
				for _, conflict := range []bool{false, true} {
					s := Summary{Title: title, Subtitle: sub, Date: date, Conflict: conflict}
					want, err := json.Marshal(summaryValue{Title: title, Subtitle: sub, Date: date, Conflict: conflict})
					if err != nil {
						t.Fatal(err)
					}
					if got := encodeSummary(s); !bytes.Equal(got, want) {
						t.Fatalf("%+v: wrote %s, encoding/json writes %s", s, got, want)
					}
				}
			}
		}
	}
}
