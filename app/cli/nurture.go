package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"learnwork/app"
	"learnwork/app/nurture"
)

// The nurture commands: who and what needs attention, and the quick
// actions on it.

func dueFlags(fs *flag.FlagSet) { fs.Int("limit", 0, "at most this many (0: all)") }

func runDue(e *Env) error {
	d, err := e.App.Nurture.Due(intFlag(e, "limit"))
	if err != nil {
		return err
	}
	empty := "Nothing due: everyone is in touch."
	if d.Kept == 0 {
		empty = "Nothing due: you have not chosen anyone to keep in touch with yet (learnwork set ID cadence=30 is every month)."
	}
	l := listing[nurture.Item]{
		json:  d,
		empty: empty,
		row: func(w io.Writer, it nurture.Item) {
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", strings.ToUpper(string(it.Level)), it.Name, it.Reason(), it.ID)
		},
	}
	if d.Total > len(d.Items) {
		l.foot = fmt.Sprintf("…and %d more (--limit 0 shows all)", d.Total-len(d.Items))
	}
	if err := l.print(e, d.Items); err != nil || e.JSON {
		return err
	}
	for _, p := range d.Problems {
		fmt.Fprintf(e.Stderr, "learnwork: %s\n", p)
	}
	return nil
}

func runSnooze(e *Env) error {
	if len(e.Args) < 1 || len(e.Args) > 2 {
		return usagef("snooze needs an ID and optionally a date or a number of days")
	}
	until := ""
	if len(e.Args) == 2 {
		until = e.Args[1]
	}
	day, err := e.App.Nurture.Snooze(e.Args[0], until)
	return untilOut(e, day, err)
}

func runNotNow(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("not-now needs one ID")
	}
	day, err := e.App.Nurture.NotNow(e.Args[0])
	return untilOut(e, day, err)
}

func touchFlags(fs *flag.FlagSet) {
	fs.Bool("gave", false, "you gave something")
	fs.Bool("received", false, "you received something")
	fs.Bool("mutual", false, "an exchange both ways")
	fs.String("type", "", "conversation (default), meeting, message, read, listened…")
	fs.String("date", "", "the day (default today)")
}

func runTouch(e *Env) error {
	if len(e.Args) < 1 {
		return usagef("touch needs an ID")
	}
	in := app.TouchInput{ID: e.Args[0], What: strings.Join(e.Args[1:], " "), Type: stringFlag(e, "type"), Date: stringFlag(e, "date")}
	for _, d := range []string{"gave", "received", "mutual"} {
		if boolFlag(e, d) {
			if in.Direction != "" {
				return usagef("touch: one of --gave, --received, --mutual")
			}
			in.Direction = d
		}
	}
	return printID(e)(e.App.Nurture.LogTouch(in))
}

func runAttended(e *Env) error { return markSession(e, "attended", true) }

func runMissed(e *Env) error { return markSession(e, "missed", false) }

// markSession is "attended" and "missed": a community's session (default
// today) or an event.
func markSession(e *Env, name string, attended bool) error {
	if len(e.Args) < 1 || len(e.Args) > 2 {
		return usagef("%s needs a community or event ID and optionally a date", name)
	}
	date := ""
	if len(e.Args) == 2 {
		date = e.Args[1]
	}
	if err := e.App.Nurture.MarkSession(e.Args[0], date, attended); err != nil {
		return err
	}
	if a, err := e.App.Nurture.Attendance(e.Args[0]); err == nil {
		return printAttendance(e, a)
	}
	// An event: the mark is made; there is no community page to show.
	if e.JSON {
		return writeJSON(e.Stdout, map[string]string{"marked": e.Args[0]})
	}
	_, err := fmt.Fprintf(e.Stdout, "marked %s %s\n", e.Args[0], name)
	return err
}

func runAttendance(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("attendance needs one community ID")
	}
	a, err := e.App.Nurture.Attendance(e.Args[0])
	if err != nil {
		return err
	}
	return printAttendance(e, a)
}

func runLedger(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("ledger needs one ID")
	}
	l, err := e.App.Nurture.Ledger(e.Args[0])
	if err != nil {
		return err
	}
	intro := fmt.Sprintf("%s: gave %d, received %d, mutual %d — %s\n", l.Name, l.Gave, l.Received, l.Mutual, l.Words)
	if l.Nudge != "" {
		intro += l.Nudge + "\n"
	}
	return listing[app.LedgerEntry]{json: l, intro: intro, row: func(w io.Writer, en app.LedgerEntry) {
		fmt.Fprintf(w, "%s\t%s\t%s\n", en.Date, en.Direction, en.What)
	}}.print(e, l.Entries)
}

func runCoverage(e *Env) error {
	cov, err := e.App.Nurture.Coverage()
	if err != nil {
		return err
	}
	records := make([]coverageRecord, len(cov))
	for i, c := range cov {
		records[i] = coverageRecord{Named: nurture.Named{ID: c.ID, Name: c.Name}, Feeding: c.Feeding, PeopleN: c.People, SourcesN: c.Sources,
			CommunitiesN: c.Communities, Learnings: c.Learnings, Interactions: c.Interactions, LastActivity: c.LastActivity,
			DaysQuiet: c.DaysQuiet, SingleSource: c.SingleSource, Stale: c.Stale, Words: c.Words}
	}
	return listing[nurture.TopicCoverage]{
		json:  records,
		empty: "No topics yet: add topics to people, sources and communities.",
		head:  "TOPIC\tPEOPLE\tSOURCES\tCOMMUNITIES\tLEARNINGS\t",
		row: func(w io.Writer, c nurture.TopicCoverage) {
			fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%d\t%s\n", c.Name, c.People, c.Sources, c.Communities, c.Learnings, c.Words)
		},
	}.print(e, cov)
}

// coverageRecord is one topic of coverage --json (README): the names
// under people, sources and communities, the counts beside them.
type coverageRecord struct {
	nurture.Named
	nurture.Feeding
	PeopleN      int    `json:"peopleCount"`
	SourcesN     int    `json:"sourceCount"`
	CommunitiesN int    `json:"communityCount"`
	Learnings    int    `json:"learnings"`
	Interactions int    `json:"interactions"`
	LastActivity string `json:"lastActivity,omitempty"`
	DaysQuiet    int    `json:"daysQuiet,omitempty"`
	SingleSource bool   `json:"singleSource,omitempty"`
	Stale        bool   `json:"stale,omitempty"`
	Words        string `json:"words"`
}

func runGoals(e *Env) error {
	goals, err := e.App.Nurture.Goals()
	if err != nil {
		return err
	}
	return listing[nurture.GoalProgress]{
		empty: `No goals yet: learnwork add goal title="..." topic=...`,
		plain: true,
		row: func(w io.Writer, g nurture.GoalProgress) {
			fmt.Fprintf(w, "%s (%d%%): %s\n", g.Name, g.Percent, g.Words)
		},
	}.print(e, goals)
}

func runDigest(e *Env) error {
	d, err := e.App.Nurture.Digest()
	if err != nil {
		return err
	}
	return listing[string]{json: d, intro: fmt.Sprintf("%s — %s\n", d.Date, d.Headline), plain: true,
		row: func(w io.Writer, l string) { fmt.Fprintf(w, "  %s\n", l) }}.print(e, d.Lines)
}

func printAttendance(e *Env, a app.CommunityAttendance) error {
	at := a.Attendance
	intro := fmt.Sprintf("%s: %s (best run %d; attended %d, missed %d)\n", a.Name, at.Words, at.Best, at.Attended, at.Missed)
	if !a.Scheduled {
		intro += "No schedule: set the community's schedule to a recurring event to see its sessions.\n"
	} else if a.Meets != "" {
		intro += "Meets " + a.Meets + ".\n"
	}
	if a.Since != "" {
		intro += fmt.Sprintf("Member since %s: sessions not marked count as missed from then.\n", a.Since)
	}
	return listing[nurture.Session]{json: a, intro: intro, plain: true, row: func(w io.Writer, s nurture.Session) {
		fmt.Fprintf(w, "  %s %s  %s\n", s.Date, s.Start.Format("15:04"), nurture.SessionWords[s.State])
	}}.print(e, at.Sessions[max(0, len(at.Sessions)-12):])
}

func untilOut(e *Env, day string, err error) error {
	if err != nil {
		return err
	}
	if e.JSON {
		return writeJSON(e.Stdout, map[string]string{"until": day})
	}
	_, err = fmt.Fprintf(e.Stdout, "no reminders until %s\n", day)
	return err
}
