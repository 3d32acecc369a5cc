package feeds

import (
	"testing"
	"time"
)

func TestGoneQuiet(t *testing.T) {
	now := time.Date(2026, 12, 7, 13, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	for _, tc := range []struct {
		name   string
		latest time.Time
		usual  time.Duration
		want   string
	}{
		{"weekly, posted 10 days ago", now.Add(-10 * day), 7 * day, ""},
		{"weekly, silent 47 days", now.Add(-47 * day), 7 * day, "gone quiet: nothing new for 47 days; it usually posts every week"},
		{"daily, silent 5 days: a holiday", now.Add(-5 * day), day, ""},
		{"daily, silent 20 days", now.Add(-20 * day), day, "gone quiet: nothing new for 20 days; it usually posts every day"},
		{"monthly, silent 70 days", now.Add(-70 * day), 30 * day, ""},
		{"monthly, silent 100 days", now.Add(-100 * day), 30 * day, "gone quiet: nothing new for 100 days; it usually posts every month"},
		{"too few posts to tell", now.Add(-300 * day), 0, ""},
	} {
		if got := GoneQuiet(now, tc.latest, tc.usual); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
