package nurture

import (
	"fmt"
	"time"
)

// Reading is what the feeds tell nurture about one source or person: a
// source's feed gone quiet, or how much of a person's writing was read.
type Reading struct {
	ID, Kind, Name string
	Quiet          string // a source: "gone quiet: …" in words, "" while it keeps its rhythm
	Read           int    // a person: posts of theirs read in the last ReadWindow
	LastContact    string // a person: YYYY-MM-DD of the last interaction, "" for never
}

// Reading nudges.
const (
	ReadWindow = 90 * 24 * time.Hour // posts read this recently count
	ReadThanks = 5                   // this many read, and no contact in the window: say thanks
)

// ReadingNudges are the gentle nudges the feeds give: a source that has
// gone quiet (check on it, or let it go), and a person whose posts you
// read often but have not been in touch with lately (give and take: say
// thanks).
func ReadingNudges(now time.Time, rs []Reading) []Item {
	var out []Item
	since := now.Add(-ReadWindow).Format(time.DateOnly)
	for _, r := range rs {
		it := Item{ID: r.ID, Kind: r.Kind, Name: r.Name}
		switch {
		case r.Quiet != "":
			it.add(Nudge, 0, fmt.Sprintf("%s has %s", r.Name, r.Quiet))
		case r.Read >= ReadThanks && (r.LastContact == "" || r.LastContact < since):
			it.add(Nudge, float64(r.Read)/ReadThanks, fmt.Sprintf("you've read %d posts by %s: say thanks?", r.Read, r.Name))
			it.Last = r.LastContact
		default:
			continue
		}
		out = append(out, it)
	}
	return out
}
