package app

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	stdsync "sync"
	"testing"
	"time"

	"learnwork/app/importer"
	"learnwork/store"
)

// importBound is how long one import of a fuzzed file may take, from the
// call to its return: its context ends then, and it must return soon after.
const (
	importBound = 10 * time.Second
	returnGrace = 5 * time.Second
)

// fuzzStore is one store on disk per fuzzing process, holding people
// stored before any fuzzed import, which every import must leave intact.
var fuzzStore struct {
	once   stdsync.Once
	dir    string
	s      *store.Store // open between inputs
	before map[string]*store.Person
	err    error
}

func fuzzStoreSetup(dir string) {
	fs := &fuzzStore
	fs.dir = dir
	s, err := store.Open(fs.dir, store.LowMemory())
	if err != nil {
		fs.err = err
		return
	}
	fs.s = s
	fs.before = map[string]*store.Person{}
	err = s.Update(context.Background(), func(tx *store.Tx) error {
		for i, name := range []string{"Grace Hopper", "Seymour Papert", "Etienne Wenger"} {
			p := &store.Person{Name: name, Emails: []store.Contact{{Value: fmt.Sprintf("kept%d@intact.invalid", i)}}, Notes: "stored before any fuzzed import"}
			p.Kind = store.KindPerson
			id, err := tx.Put(p)
			if err != nil {
				return err
			}
			fs.before[id] = nil
		}
		return nil
	})
	if err == nil {
		err = s.View(context.Background(), func(r *store.Reader) error {
			for id := range fs.before {
				e, err := r.Entity(store.KindPerson, id)
				if err != nil {
					return err
				}
				fs.before[id] = e.(*store.Person)
			}
			return nil
		})
	}
	fs.err = err
}

// FuzzImport feeds arbitrary bytes through import, by the entry the CLI
// and the window use (Imports.ImportWith), as a .vcf or an .ics file, into
// a real store on disk. Whatever the bytes: the import returns within
// importBound (with a report or an error), the store closes and opens
// again, and the people stored before are exactly as they were. The seeds
// are the hostile files of issue 18.
func FuzzImport(f *testing.F) {
	for _, s := range hostileSeeds() {
		f.Add(s.data, s.ics)
	}
	dir := f.TempDir()
	f.Cleanup(func() {
		if fuzzStore.s != nil {
			fuzzStore.s.Close()
		}
	})
	f.Fuzz(func(t *testing.T, data []byte, ics bool) {
		fuzzStore.once.Do(func() { fuzzStoreSetup(dir) })
		if fuzzStore.err != nil {
			t.Fatal(fuzzStore.err)
		}
		name := "fuzz.vcf"
		if ics {
			name = "fuzz.ics"
		}
		file := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(file, data, 0o600); err != nil {
			t.Fatal(err)
		}
		s := fuzzStore.s
		if s == nil {
			t.Fatal("an earlier input left the store closed")
		}
		fuzzStore.s = nil
		ctx, cancel := context.WithTimeout(context.Background(), importBound)
		defer cancel()
		sv := newImports(core{store: s, ctx: ctx, window: noWindow{}, now: time.Now})
		done := make(chan error, 1)
		start := time.Now()
		go func() {
			_, err := sv.ImportWith([]string{file}, importer.Options{})
			done <- err
		}()
		select {
		case <-done: // a report or a refusal: either is a fine end
		case <-time.After(importBound + returnGrace):
			t.Fatalf("the import of %d bytes as %s did not return within %v", len(data), name, importBound+returnGrace)
		}
		if err := s.Close(); err != nil {
			t.Fatalf("close after the import (%v): %v", time.Since(start), err)
		}
		s, err := store.Open(fuzzStore.dir, store.LowMemory())
		if err != nil {
			t.Fatalf("the store does not open after importing %d bytes as %s: %v", len(data), name, err)
		}
		fuzzStore.s = s
		err = s.View(context.Background(), func(r *store.Reader) error {
			for id, want := range fuzzStore.before {
				e, err := r.Entity(store.KindPerson, id)
				if err != nil {
					return fmt.Errorf("%s: %w", want.Name, err)
				}
				if got := e.(*store.Person); !reflect.DeepEqual(got, want) {
					return fmt.Errorf("%s changed: %+v", want.Name, got)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("after importing %d bytes as %s: %v", len(data), name, err)
		}
	})
}

type seed struct {
	data []byte
	ics  bool
}

// hostileSeeds are the cases issue 18 tried.
func hostileSeeds() []seed {
	card := func(body string) string {
		return "BEGIN:VCARD\r\nVERSION:3.0\r\n" + body + "END:VCARD\r\n"
	}
	cal := func(body string) string {
		return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//fuzz//EN\r\n" + body + "END:VCALENDAR\r\n"
	}
	event := func(extra string) string {
		return "BEGIN:VEVENT\r\nUID:e@fuzz\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260301T100000Z\r\nDTEND:20260301T110000Z\r\nSUMMARY:Session\r\n" + extra + "END:VEVENT\r\n"
	}
	params := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, ";X-P%d=v", i)
		}
		return b.String()
	}
	random := make([]byte, 4096)
	rng := rand.New(rand.NewPCG(18, 18))
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	good := card("FN:Ada Lovelace\r\nEMAIL:ada@example.org\r\nTEL:+44 20 7946 0000\r\n") + card("FN:Alan Turing\r\nEMAIL:alan@example.org\r\n")
	goodCal := cal(event("RRULE:FREQ=WEEKLY;COUNT=10\r\n"))
	huge := strings.Repeat("x", 1<<20) // a longer one only slows the fuzzer's mutations down
	vcf := []string{
		good,
		good[:len(good)-20], // cut short
		card("FN:Nul\x00Name\r\nEMAIL:nul\x00@example.org\r\nTEL:+1\x00555\x00000\r\n"),
		card("FN:Many Params\r\nEMAIL" + params(10000) + ":p@example.org\r\n"),
		card("FN:Huge Note\r\nNOTE:" + huge + "\r\n"),
		card("FN:" + strings.Repeat("Long ", 1<<16) + "\r\n"),
		strings.Repeat("BEGIN:VCARD\r\n", 1000),
		"",
		"\xff\xfeB\x00E\x00G\x00I\x00N\x00:\x00V\x00C\x00A\x00R\x00D\x00\r\x00\n\x00",
	}
	ics := []string{
		goodCal,
		goodCal[:len(goodCal)-30], // cut short
		cal("BEGIN:VTIMEZONE\r\nTZID:Hostile/Zone\r\nBEGIN:DAYLIGHT\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=SECONDLY\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n" +
			"BEGIN:VEVENT\r\nUID:z@fuzz\r\nDTSTART;TZID=Hostile/Zone:20260301T100000\r\nSUMMARY:Zoned\r\nEND:VEVENT\r\n"),
		cal("BEGIN:VEVENT\r\nUID:p@fuzz\r\nDTSTART" + params(10000) + ":20260301T100000Z\r\nSUMMARY:Params\r\nEND:VEVENT\r\n"),
		cal(event("DESCRIPTION:" + huge + "\r\n")),
		cal("BEGIN:VEVENT\r\nUID:b@fuzz\r\nDTSTART:20260301T100000Z\r\nDTEND:20260201T100000Z\r\nSUMMARY:Ends before it starts\r\nEND:VEVENT\r\n"),
		cal(event("RRULE:FREQ=DAILY;BYHOUR=25\r\n")),
		cal(event("RRULE:FREQ=DAILY;INTERVAL=0\r\n")),
		cal(event("RRULE:FREQ=DAILY;UNTIL=notadate\r\n")),
		cal("BEGIN:VTIMEZONE\r\nTZID:Far\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+9999\r\nTZOFFSETTO:-9999\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n" +
			"BEGIN:VEVENT\r\nUID:f@fuzz\r\nDTSTART;TZID=Far:20260301T100000\r\nSUMMARY:Far away\r\nEND:VEVENT\r\n"),
		cal(event("SUMMARY:Nul\x00Title\r\n")),
		cal(strings.Repeat("BEGIN:VEVENT\r\n", 1000)),
	}
	var out []seed
	for _, s := range vcf {
		out = append(out, seed{[]byte(s), false})
	}
	for _, s := range ics {
		out = append(out, seed{[]byte(s), true})
	}
	// A file saved with the wrong extension, and noise as both.
	return append(out, seed{[]byte(good), true}, seed{[]byte(goodCal), false}, seed{random, false}, seed{random, true})
}
