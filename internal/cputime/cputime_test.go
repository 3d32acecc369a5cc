package cputime

import (
	"testing"
	"time"
)

func TestProcessCounts(t *testing.T) {
	before := Process()
	for end := time.Now().Add(50 * time.Millisecond); time.Now().Before(end); {
	}
	if used := Process() - before; used < 10*time.Millisecond {
		t.Errorf("50 ms of spinning counted as %v of CPU", used)
	}
}
