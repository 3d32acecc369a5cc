package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"learnwork/app"
	"learnwork/app/occur"
)

func runProposals(e *Env) error {
	ps, err := e.App.Calendar.CommunityProposals()
	if err != nil {
		return err
	}
	return listing[app.CommunityProposal]{
		empty: "No community proposals.",
		row:   func(w io.Writer, p app.CommunityProposal) { fmt.Fprintf(w, "%s\t%s\t%s\n", p.Key, p.Name, p.Schedule) },
		foot:  "Accept with: learnwork accept-proposal KEY [--name NAME] [--since DATE]; dismiss with: learnwork dismiss-proposal KEY",
	}.print(e, ps)
}

func acceptProposalFlags(fs *flag.FlagSet) {
	fs.String("name", "", "the community's name (default: the event's title)")
	fs.String("since", "", "member since DATE: sessions not marked count from then (default: the first mark, or today)")
}

func runAcceptProposal(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("accept-proposal needs one KEY (see learnwork proposals)")
	}
	return printID(e)(e.App.Calendar.AcceptProposalSince(e.Args[0], stringFlag(e, "name"), stringFlag(e, "since")))
}

func runDismissProposal(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("dismiss-proposal needs one KEY (see learnwork proposals)")
	}
	return e.App.Calendar.DismissProposal(e.Args[0])
}

// isOccurrenceList: "list events --from … --to …" lists the instances of
// every event in the range, not the stored events.
func isOccurrenceList(e *Env) bool {
	return (stringFlag(e, "from") != "" || stringFlag(e, "to") != "") && stringFlag(e, "query") == "" && !boolFlag(e, "trash")
}

func listOccurrences(e *Env) error {
	items, err := e.App.Calendar.Occurrences(stringFlag(e, "from"), stringFlag(e, "to"))
	if err != nil {
		return usagef("%v", err)
	}
	foot := ""
	for _, it := range items {
		if it.Cut {
			foot += fmt.Sprintf("%q repeats more than %d times in this range and was cut there; ask for a shorter range to see the rest.\n", it.Title, occur.MaxPerWindow)
		}
	}
	return listing[app.AgendaItem]{row: func(w io.Writer, it app.AgendaItem) {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", startText(it), endText(it), it.Title, it.SeriesUID, it.CommunityName)
	}, foot: strings.TrimSuffix(foot, "\n")}.print(e, items)
}

// startText is a start with its zone: "2026-03-12 20:30 America/New_York",
// or the date for all-day events.
func startText(it app.AgendaItem) string {
	if it.AllDay {
		return it.Start.Format("2006-01-02") + " all day"
	}
	zone := it.TZ
	if zone == "" {
		zone = "floating"
	}
	return it.Start.Format("2006-01-02 15:04") + " " + zone
}

func endText(it app.AgendaItem) string {
	if it.AllDay {
		last := it.End.AddDate(0, 0, -1)
		if !last.After(it.Start) {
			return ""
		}
		return "to " + last.Format("2006-01-02")
	}
	if it.End.Equal(it.Start) {
		return ""
	}
	if sameDay(it.Start, it.End) {
		return "to " + it.End.Format("15:04")
	}
	return "to " + it.End.Format("2006-01-02 15:04")
}

func sameDay(a, b time.Time) bool {
	return a.Format("2006-01-02") == b.Format("2006-01-02")
}
