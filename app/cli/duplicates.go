package cli

import (
	"fmt"
	"io"

	"learnwork/app"
)

func init() {
	register(&command{
		name: "duplicates", usage: "[--json]", summary: "people who look like one person (same UID, email, phone or name)",
		run: func(e *Env) error {
			pairs, err := e.Service.Duplicates()
			if err != nil {
				return err
			}
			return listing[app.DuplicatePair]{
				empty: "No likely duplicates.",
				row: func(w io.Writer, p app.DuplicatePair) {
					fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", p.A.ID, p.A.Title, p.B.ID, p.B.Title, p.Reason)
				},
				foot: "merge with: learnwork merge KEEP OTHER; or: learnwork dismiss-duplicate A B",
			}.print(e, pairs)
		},
	})
	register(&command{
		name: "merge", usage: "KEEP OTHER", summary: "merge two people into KEEP, keeping every value; OTHER goes to Trash",
		run: func(e *Env) error {
			if len(e.Args) != 2 {
				return usagef("merge needs two IDs: the person to keep and the other")
			}
			return printID(e)(e.Service.MergePeople(e.Args[0], e.Args[1]))
		},
	})
	register(&command{
		name: "dismiss-duplicate", usage: "A B", summary: "say two people are not one; duplicates stops proposing them",
		run: func(e *Env) error {
			if len(e.Args) != 2 {
				return usagef("dismiss-duplicate needs two IDs")
			}
			return e.Service.DismissDuplicate(e.Args[0], e.Args[1])
		},
	})
}
