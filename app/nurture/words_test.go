package nurture

import "testing"

func TestWords(t *testing.T) {
	for _, c := range []struct {
		ideal         int
		every, wanted string
	}{
		{14, "every 2 weeks", "every 2 weeks"}, {30, "every month", "monthly"}, {31, "every month", "monthly"},
		{91, "every quarter", "quarterly"}, {182, "every half year", "every half year"}, {365, "every year", "yearly"},
		{45, "every 45 days", "every 45 days"}, {1, "every day", "every day"},
	} {
		cd := Cadence{Ideal: c.ideal, Max: c.ideal * 2}
		if got := Every(cd); got != c.every {
			t.Errorf("Every(%d) = %q, want %q", c.ideal, got, c.every)
		}
		if got := Wanted(cd); got != c.wanted {
			t.Errorf("Wanted(%d) = %q, want %q", c.ideal, got, c.wanted)
		}
	}
	for days, want := range map[int]string{0: "today", 1: "yesterday", 13: "13 days ago", 14: "2 weeks ago", 49: "7 weeks ago",
		70: "2 months ago", 120: "4 months ago", 365: "12 months ago", 548: "2 years ago"} {
		if got := Ago(days); got != want {
			t.Errorf("Ago(%d) = %q, want %q", days, got, want)
		}
	}
}
