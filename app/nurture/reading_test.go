package nurture

import (
	"testing"
	"time"
)

func TestReadingNudges(t *testing.T) {
	now := time.Date(2026, 12, 7, 13, 0, 0, 0, time.UTC)
	got := ReadingNudges(now, []Reading{
		{ID: "s1", Kind: "source", Name: "Learning Loop", Quiet: "gone quiet: nothing new for 47 days; it usually posts every week"},
		{ID: "s2", Kind: "source", Name: "The Learning Letter"},
		{ID: "p1", Kind: "person", Name: "Sam Rivera", Read: 12, LastContact: "2026-06-01"},
		{ID: "p2", Kind: "person", Name: "Priya Nair", Read: 12, LastContact: "2026-11-30"}, // in touch lately
		{ID: "p3", Kind: "person", Name: "Alex Chen", Read: 4},                              // not read enough
		{ID: "p4", Kind: "person", Name: "Dana Whitfield", Read: 5},                         // never in touch
	})
	want := map[string]string{
		"s1": "Learning Loop has gone quiet: nothing new for 47 days; it usually posts every week",
		"p1": "you've read 12 posts by Sam Rivera: say thanks?",
		"p4": "you've read 5 posts by Dana Whitfield: say thanks?",
	}
	if len(got) != len(want) {
		t.Fatalf("%d nudges, want %d: %+v", len(got), len(want), got)
	}
	for _, it := range got {
		if it.Level != Nudge || it.Reason() != want[it.ID] {
			t.Errorf("%s: %s %q, want a nudge %q", it.ID, it.Level, it.Reason(), want[it.ID])
		}
	}
}
