package nurture

import (
	"fmt"
	"strings"
	"time"

	"learnwork/store"
)

// SessionItem is a community session to go to or to mark.
type SessionItem struct {
	CommunityID string    `json:"communityId"`
	Community   string    `json:"community"`
	Date        string    `json:"date"`
	Start       time.Time `json:"start"`
	State       string    `json:"state"`
	Streak      int       `json:"streak"`
	MissedInRow int       `json:"missedInRow"`
	// Words say the community's run as its page does ("missed the last
	// session", "attended 4 in a row"), not a bare number.
	Words string `json:"words"`
}

// SessionsAround picks from a community's attendance the sessions from now
// to ahead days on (to go to), and the latest MarkLatest unmarked ones of
// the last back days (to mark), oldest first.
func SessionsAround(t *store.Touch, a Attendance, now time.Time, back, ahead int) (upcoming, toMark []SessionItem) {
	today := Today(now)
	for _, s := range a.Sessions {
		d := ParseDay(s.Date)
		it := SessionItem{CommunityID: t.ID, Community: t.Name, Date: s.Date, Start: s.Start, State: s.State, Streak: a.Streak, MissedInRow: a.MissedInRow, Words: a.Words}
		switch {
		case s.State == Upcoming && int(d-today) <= ahead:
			upcoming = append(upcoming, it)
		case s.State == Unmarked && int(today-d) <= back:
			toMark = append(toMark, it)
		}
	}
	if len(toMark) > MarkLatest {
		toMark = toMark[len(toMark)-MarkLatest:]
	}
	return upcoming, toMark
}

// MarkLatest is how many unmarked sessions of one community Today offers
// to mark: the latest, so a long gap does not fill the screen.
const MarkLatest = 3

// Digest is the day's summary: what needs attention, where to show up,
// what to mark, and the weekly prompt.
type Digest struct {
	Date     string        `json:"date"`
	Headline string        `json:"headline"`
	Red      int           `json:"red"`
	Amber    int           `json:"amber"`
	Nudges   int           `json:"nudges"`
	Top      []Item        `json:"top"`
	Upcoming []SessionItem `json:"upcoming"`
	ToMark   []SessionItem `json:"toMark"`
	Prompt   Prompt        `json:"prompt"`
	Lines    []string      `json:"lines"`
}

// NobodyKept heads a day with nothing due because nobody was chosen to
// keep in touch with yet.
const NobodyKept = "Nobody chosen to keep in touch with yet"

// DigestTop is how many due items the digest names.
const DigestTop = 5

// MakeDigest puts the day together from ranked items and sessions; kept
// is how many have a Keep in touch choice (with none, nothing due is not
// "all caught up").
func MakeDigest(items []Item, upcoming, toMark []SessionItem, kept int, p Prompt, now time.Time) Digest {
	today := Today(now)
	d := Digest{Date: today.String(), Top: []Item{}, Upcoming: upcoming, ToMark: toMark, Prompt: p, Lines: []string{}}
	if d.Upcoming == nil {
		d.Upcoming = []SessionItem{}
	}
	if d.ToMark == nil {
		d.ToMark = []SessionItem{}
	}
	for _, it := range items {
		switch it.Level {
		case Red:
			d.Red++
		case Amber:
			d.Amber++
		case Nudge:
			d.Nudges++
		}
		if len(d.Top) < DigestTop {
			d.Top = append(d.Top, it)
		}
	}
	var head []string
	switch {
	case d.Red > 0 && d.Amber > 0:
		head = append(head, fmt.Sprintf("%d overdue and %d due to reconnect", d.Red, d.Amber))
	case d.Red > 0:
		head = append(head, fmt.Sprintf("%d overdue to reconnect", d.Red))
	case d.Amber > 0:
		head = append(head, fmt.Sprintf("%d due to reconnect", d.Amber))
	}
	for _, s := range d.Upcoming {
		if ParseDay(s.Date) == today {
			head = append(head, s.Community+" "+when(s.Start, now))
		}
	}
	if len(d.ToMark) > 0 {
		head = append(head, plural(len(d.ToMark), "session", "sessions")+" to mark")
	}
	if len(head) == 0 {
		switch {
		case d.Nudges > 0:
			head = append(head, plural(d.Nudges, "gentle nudge", "gentle nudges"))
		case kept == 0:
			head = append(head, NobodyKept)
		default:
			head = append(head, "All caught up")
		}
	}
	d.Headline = strings.Join(head, "; ")
	for _, it := range d.Top {
		d.Lines = append(d.Lines, fmt.Sprintf("%s: %s", it.Name, it.Reason()))
	}
	for _, s := range d.Upcoming {
		d.Lines = append(d.Lines, fmt.Sprintf("%s %s", s.Community, when(s.Start, now)))
	}
	for _, s := range d.ToMark {
		d.Lines = append(d.Lines, fmt.Sprintf("did you go to %s %s?", s.Community, when(s.Start, now)))
	}
	if p.Show {
		d.Lines = append(d.Lines, p.Text)
	}
	return d
}

// when says a session's time relative to now: "today at 19:00",
// "tomorrow at 19:00", "on Tue 24 Nov at 19:00".
func when(t, now time.Time) string {
	t = t.In(now.Location())
	switch int(Today(t) - Today(now)) {
	case 0:
		return "today at " + t.Format("15:04")
	case 1:
		return "tomorrow at " + t.Format("15:04")
	case -1:
		return "yesterday at " + t.Format("15:04")
	}
	return "on " + t.Format("Mon 2 Jan") + " at " + t.Format("15:04")
}
