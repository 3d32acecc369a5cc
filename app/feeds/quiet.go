package feeds

import (
	"fmt"
	"time"
)

// minQuiet is the shortest silence called "gone quiet": a daily feed
// skipping a few days is a holiday, not news.
const minQuiet = 14 * 24 * time.Hour

// GoneQuiet says, in words, that a feed has gone quiet: nothing new for
// three times its usual time between posts (and at least two weeks). It is
// "" while the feed keeps its rhythm or has too few posts to have one.
func GoneQuiet(now, latest time.Time, usual time.Duration) string {
	if usual <= 0 || latest.IsZero() {
		return ""
	}
	silent := now.Sub(latest)
	if silent < max(3*usual, minQuiet) {
		return ""
	}
	return fmt.Sprintf("gone quiet: nothing new for %d days; it usually posts %s", int(silent.Hours()/24), rhythm(usual))
}

// rhythm is a time between posts as people say it.
func rhythm(d time.Duration) string {
	day := 24 * time.Hour
	switch {
	case d <= 36*time.Hour:
		return "every day"
	case d <= 5*day:
		return "every few days"
	case d <= 10*day:
		return "every week"
	case d <= 20*day:
		return "every two weeks"
	case d <= 45*day:
		return "every month"
	}
	return "every few months"
}
