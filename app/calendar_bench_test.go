package app

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"learnwork/app/importer"
	"learnwork/internal/cputime"
	"learnwork/store"
)

// bigCalendar is a calendar of n events of which series recur weekly
// (each with an EXDATE and a moved instance), in a few zones.
func bigCalendar(n, series int) []byte {
	var b bytes.Buffer
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Learnwork//bench//EN\r\n")
	zones := []string{"America/New_York", "Europe/London", "Europe/Berlin", "Australia/Sydney", "Asia/Kolkata"}
	for i := range n {
		z := zones[i%len(zones)]
		start := time.Date(2024+i%3, time.Month(1+i%12), 1+i%28, 8+i%10, 30*(i%2), 0, 0, time.UTC)
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:bench-%d@example.org\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Session %d of the learning circle\r\n", i, i)
		fmt.Fprintf(&b, "DTSTART;TZID=%s:%s\r\nDTEND;TZID=%s:%s\r\n", z, start.Format("20060102T150405"), z, start.Add(time.Hour).Format("20060102T150405"))
		fmt.Fprintf(&b, "LOCATION:Room %d\r\nDESCRIPTION:Notes for session %d\\, with a comma.\r\nCATEGORIES:learning\r\n", i%50, i)
		fmt.Fprintf(&b, "ORGANIZER;CN=Host %d:mailto:host%d@example.org\r\nATTENDEE;CN=Guest:mailto:guest%d@example.org\r\n", i%100, i%100, i%500)
		if i < series {
			fmt.Fprintf(&b, "RRULE:FREQ=WEEKLY\r\nEXDATE;TZID=%s:%s\r\n", z, start.AddDate(0, 0, 14).Format("20060102T150405"))
		}
		b.WriteString("END:VEVENT\r\n")
		if i < series {
			moved := start.AddDate(0, 0, 7)
			fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:bench-%d@example.org\r\nRECURRENCE-ID;TZID=%s:%s\r\n", i, z, moved.Format("20060102T150405"))
			fmt.Fprintf(&b, "DTSTART;TZID=%s:%s\r\nDTEND;TZID=%s:%s\r\nSUMMARY:Session %d (moved)\r\nEND:VEVENT\r\n", z, moved.Add(time.Hour).Format("20060102T150405"), z, moved.Add(2*time.Hour).Format("20060102T150405"), i)
		}
	}
	b.WriteString("END:VCALENDAR\r\n")
	return b.Bytes()
}

// BenchmarkImportEvents imports 50,000 events, 1,000 of them weekly series
// with an override each, into an empty store on disk (DESIGN.md §7: ≤ 5 s).
func BenchmarkImportEvents(b *testing.B) {
	data := bigCalendar(49000, 1000)
	path := filepath.Join(b.TempDir(), "big.ics")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		b.Fatal(err)
	}
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		s, err := store.Open(b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		sv := testApp(b, s, Options{})
		b.StartTimer()
		c := cpuTime()
		reps, err := sv.Imports.ImportWith([]string{path}, importer.Options{})
		cpu += cpuTime() - c
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		if reps[0].Created != 50000 {
			b.Fatalf("created %d, want 50000", reps[0].Created)
		}
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
}

// cpuTime is the CPU time this process has used: on a machine shared with
// other work, wall time says more about the neighbours than about us.
func cpuTime() time.Duration {
	return cputime.Process()
}

// BenchmarkExpandAllSeries is the next 365 days of every event in a store
// holding the import above, compiled once (DESIGN.md §7: ≤ 200 ms).
func BenchmarkExpandAllSeries(b *testing.B) {
	dir := b.TempDir()
	path := filepath.Join(dir, "big.ics")
	os.WriteFile(path, bigCalendar(49000, 1000), 0o644)
	s, err := store.Open(filepath.Join(dir, "data"))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := testApp(b, s, Options{}).Imports.ImportWith([]string{path}, importer.Options{}); err != nil {
		b.Fatal(err)
	}
	// Reopen, as the window does on a later day: the import's compactions
	// and garbage are not the expansion's.
	s.Close()
	if s, err = store.Open(filepath.Join(dir, "data")); err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	sv := testApp(b, s, Options{})
	if _, _, err := sv.Calendar.compiled(); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	n := 0
	cpu := cpuTime()
	for b.Loop() {
		items, err := sv.Calendar.Occurrences("2026-11-30", "2027-11-29")
		if err != nil {
			b.Fatal(err)
		}
		n = len(items)
	}
	b.ReportMetric(float64(n), "occurrences")
	b.ReportMetric(float64((cpuTime()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
}
