package hlc

import (
	"testing"
	"time"
)

func TestTickIncreasesWhenTheWallClockStandsStillOrGoesBack(t *testing.T) {
	now := time.Date(2026, 3, 8, 12, 0, 0, 0, time.UTC)
	c := &Clock{Now: func() time.Time { return now }}
	a := c.Tick()
	b := c.Tick()
	now = now.Add(-time.Hour) // the wall clock jumps back
	d := c.Tick()
	if !(a < b && b < d) {
		t.Fatalf("not increasing: %v %v %v", a, b, d)
	}
	if d.Millis() != a.Millis() || d.Counter() != 2 {
		t.Errorf("after a backward jump the clock should count on: %v", d)
	}
	now = now.Add(2 * time.Hour)
	if e := c.Tick(); e.Counter() != 0 || e.Wall() != now {
		t.Errorf("a later wall clock should be adopted: %v", e)
	}
}

func TestObserveAdoptsRemoteTimesButNotFarFuture(t *testing.T) {
	now := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	c := &Clock{Now: func() time.Time { return now }}
	local := c.Tick()
	remote := New(now.Add(time.Hour), 5)
	if skewed := c.Observe(remote); skewed {
		t.Fatal("an hour ahead is not skew")
	}
	if next := c.Tick(); next <= remote {
		t.Errorf("a local time after observing %v must sort after it, got %v", remote, next)
	}
	far := New(now.Add(3*24*time.Hour), 0)
	before := c.Last()
	if skewed := c.Observe(far); !skewed {
		t.Error("three days ahead must be reported as skew")
	}
	if c.Last() != before {
		t.Error("a skewed time must not be adopted")
	}
	_ = local
}

func TestRestoreKeepsTheFloor(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := &Clock{Now: func() time.Time { return now }}
	floor := New(now.Add(time.Minute), 7)
	c.Restore(floor)
	if got := c.Tick(); got <= floor {
		t.Errorf("after a restart the clock went back: %v <= %v", got, floor)
	}
}
