package occur

import (
	"fmt"
	"testing"
	"time"

	"learnwork/internal/cputime"
	"learnwork/store"
)

// BenchmarkExpandYear expands the next 365 days of 1,000 series that began
// years ago (DESIGN.md §7: ≤ 200 ms), compiling each series once.
func BenchmarkExpandYear(b *testing.B) {
	zones := []string{"America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata", "UTC"}
	rules := []string{"FREQ=WEEKLY;BYDAY=TH", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "FREQ=MONTHLY;BYDAY=2TU", "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", "FREQ=MONTHLY;BYMONTHDAY=15", "FREQ=YEARLY"}
	var series []*Series
	for i := range 1000 {
		ev := store.Event{Meta: store.Meta{ID: fmt.Sprint(i)}, Title: fmt.Sprint("series ", i),
			Start: time.Date(2012+i%10, time.Month(1+i%12), 1+i%28, 8+i%12, 30, 0, 0, time.UTC).Format(LocalLayout),
			TZ:    zones[i%len(zones)], RRule: rules[i%len(rules)], ExDates: []string{"2027-01-07T01:30:00Z"}}
		s, err := Compile(ev, nil)
		if err != nil {
			b.Fatal(err)
		}
		series = append(series, s)
	}
	from := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	to := from.AddDate(0, 0, 365)
	cpu0 := cputime.Process()
	n := 0
	for b.Loop() {
		n = 0
		for _, s := range series {
			n += len(s.Between(from, to))
		}
	}
	b.ReportMetric(float64(n), "occurrences")
	// CPU time as well: on a shared machine wall time measures the neighbours.
	cpu := cputime.Process() - cpu0
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
}
