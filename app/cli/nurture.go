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

func init() {
	register(&command{
		name: "due", usage: "[--limit N]", summary: "who and what needs attention now, most pressing first",
		flags: func(fs *flag.FlagSet) { fs.Int("limit", 0, "at most this many (0: all)") },
		run: func(e *Env) error {
			d, err := e.Service.Due(intFlag(e, "limit"))
			if err != nil {
				return err
			}
			l := listing[nurture.Item]{
				json:  d,
				empty: "Nothing due: everyone is in touch.",
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
		},
	})
	register(&command{
		name: "snooze", usage: "ID [DATE|DAYS]", summary: "no reminders about someone until a day (default: a week)",
		run: func(e *Env) error {
			if len(e.Args) < 1 || len(e.Args) > 2 {
				return usagef("snooze needs an ID and optionally a date or a number of days")
			}
			until := ""
			if len(e.Args) == 2 {
				until = e.Args[1]
			}
			day, err := e.Service.Snooze(e.Args[0], until)
			return untilOut(e, day, err)
		},
	})
	register(&command{
		name: "not-now", usage: "ID", summary: "skip this round without logging contact (back when next due)",
		run: func(e *Env) error {
			if len(e.Args) != 1 {
				return usagef("not-now needs one ID")
			}
			day, err := e.Service.NotNow(e.Args[0])
			return untilOut(e, day, err)
		},
	})
	register(&command{
		name: "touch", usage: "ID [--gave|--received|--mutual] [--type TYPE] [--date DATE] [WHAT...]", summary: "log a touch with a person, community or source",
		flags: func(fs *flag.FlagSet) {
			fs.Bool("gave", false, "you gave something")
			fs.Bool("received", false, "you received something")
			fs.Bool("mutual", false, "an exchange both ways")
			fs.String("type", "", "conversation (default), meeting, message, read, listened…")
			fs.String("date", "", "the day (default today)")
		},
		run: func(e *Env) error {
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
			return printID(e)(e.Service.LogTouch(in))
		},
	})
	for _, attended := range []bool{true, false} {
		name, verb := "attended", "went to"
		if !attended {
			name, verb = "missed", "missed"
		}
		register(&command{
			name: name, usage: "COMMUNITY|EVENT [DATE]", summary: fmt.Sprintf("mark that you %s a session (a community's, default today, or an event)", verb),
			run: func(e *Env) error {
				if len(e.Args) < 1 || len(e.Args) > 2 {
					return usagef("%s needs a community or event ID and optionally a date", name)
				}
				date := ""
				if len(e.Args) == 2 {
					date = e.Args[1]
				}
				if err := e.Service.MarkSession(e.Args[0], date, attended); err != nil {
					return err
				}
				if a, err := e.Service.Attendance(e.Args[0]); err == nil {
					return printAttendance(e, a)
				}
				// An event: the mark is made; there is no community page to show.
				if e.JSON {
					return writeJSON(e.Stdout, map[string]string{"marked": e.Args[0]})
				}
				_, err := fmt.Fprintf(e.Stdout, "marked %s %s\n", e.Args[0], name)
				return err
			},
		})
	}
	register(&command{
		name: "attendance", usage: "COMMUNITY", summary: "a community's sessions, streak and misses",
		run: func(e *Env) error {
			if len(e.Args) != 1 {
				return usagef("attendance needs one community ID")
			}
			a, err := e.Service.Attendance(e.Args[0])
			if err != nil {
				return err
			}
			return printAttendance(e, a)
		},
	})
	register(&command{
		name: "ledger", usage: "ID", summary: "the give and take with a person or community",
		run: func(e *Env) error {
			if len(e.Args) != 1 {
				return usagef("ledger needs one ID")
			}
			l, err := e.Service.Ledger(e.Args[0])
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
		},
	})
	register(&command{
		name: "coverage", usage: "", summary: "topics: who and what feeds each, single-source and stale topics",
		run: func(e *Env) error {
			cov, err := e.Service.Coverage()
			if err != nil {
				return err
			}
			return listing[nurture.TopicCoverage]{
				empty: "No topics yet: add topics to people, sources and communities.",
				head:  "TOPIC\tPEOPLE\tSOURCES\tCOMMUNITIES\tLEARNINGS\t",
				row: func(w io.Writer, c nurture.TopicCoverage) {
					fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%d\t%s\n", c.Name, c.PeopleN, c.SourcesN, c.CommunitiesN, c.Learnings, c.Words)
				},
			}.print(e, cov)
		},
	})
	register(&command{
		name: "goals", usage: "", summary: "learning goals and their progress from the learning log",
		run: func(e *Env) error {
			goals, err := e.Service.Goals()
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
		},
	})
	register(&command{
		name: "digest", usage: "", summary: "today in a few lines: reconnects, sessions, the weekly prompt",
		run: func(e *Env) error {
			d, err := e.Service.Digest()
			if err != nil {
				return err
			}
			return listing[string]{json: d, intro: fmt.Sprintf("%s — %s\n", d.Date, d.Headline), plain: true,
				row: func(w io.Writer, l string) { fmt.Fprintf(w, "  %s\n", l) }}.print(e, d.Lines)
		},
	})
}

func printAttendance(e *Env, a app.CommunityAttendance) error {
	at := a.Attendance
	intro := fmt.Sprintf("%s: %s (best run %d; attended %d, missed %d)\n", a.Name, at.Words, at.Best, at.Attended, at.Missed)
	if !a.Scheduled {
		intro += "No schedule: set the community's schedule to a recurring event to see its sessions.\n"
	}
	return listing[nurture.Session]{json: a, intro: intro, plain: true, row: func(w io.Writer, s nurture.Session) {
		fmt.Fprintf(w, "  %s %s  %s\n", s.Date, s.Start.Format("15:04"), s.State)
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

func intFlag(e *Env, name string) int {
	v, _ := e.Flags.Lookup(name).Value.(flag.Getter).Get().(int)
	return v
}

func boolFlag(e *Env, name string) bool {
	v, _ := e.Flags.Lookup(name).Value.(flag.Getter).Get().(bool)
	return v
}

func stringFlag(e *Env, name string) string { return e.Flags.Lookup(name).Value.String() }
