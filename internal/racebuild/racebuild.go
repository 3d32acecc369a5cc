// Package racebuild tells tests whether the race detector is on, so a
// test that bounds time can allow for the detector's slowdown (5–10×)
// instead of failing only under `go test -race`.
package racebuild

import "time"

// Scale is d, or ten times d under the race detector.
func Scale(d time.Duration) time.Duration {
	if Enabled {
		return 10 * d
	}
	return d
}
