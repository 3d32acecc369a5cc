package cputime

import (
	"testing"
	"time"
)

// Spinning shows as CPU time. On a busy machine the spinner gets only a
// share of a core, so it spins until 10 ms are counted, for at most 5 s.
func TestProcessCounts(t *testing.T) {
	before := Process()
	end := time.Now().Add(5 * time.Second)
	for Process()-before < 10*time.Millisecond && time.Now().Before(end) {
	}
	if used := Process() - before; used < 10*time.Millisecond {
		t.Errorf("5 s of spinning counted as %v of CPU", used)
	}
}
