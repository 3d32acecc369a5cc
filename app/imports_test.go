package app

import (
	"runtime/debug"
	"testing"
)

// Imports hold the soft heap limit down while they run, a later import
// does not raise it, and the last one out puts back what was there.
func TestHoldHeapLimit(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	prev := debug.SetMemoryLimit(1 << 40)
	defer debug.SetMemoryLimit(prev)
	limit := func() int64 { return debug.SetMemoryLimit(-1) }

	outer := holdHeapLimit(300 << 20)
	if got := limit(); got != 300<<20 {
		t.Fatalf("held at 300 MB: limit %d", got)
	}
	inner := holdHeapLimit(400 << 20)
	if got := limit(); got != 300<<20 {
		t.Fatalf("a second, higher hold raised the limit to %d", got)
	}
	inner()
	if got := limit(); got != 300<<20 {
		t.Fatalf("the inner hold's release lifted the outer's: %d", got)
	}
	outer()
	if got := limit(); got != 1<<40 {
		t.Fatalf("after both: %d, want the limit from before", got)
	}
}
