package cli

import (
	"fmt"
	"io"

	"learnwork/app"
)

func runDuplicates(e *Env) error {
	pairs, err := e.App.Imports.Duplicates()
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
}

func runMerge(e *Env) error {
	if len(e.Args) != 2 {
		return usagef("merge needs two IDs: the person to keep and the other")
	}
	return printID(e)(e.App.Imports.MergePeople(e.Args[0], e.Args[1]))
}

func runDismissDuplicate(e *Env) error {
	if len(e.Args) != 2 {
		return usagef("dismiss-duplicate needs two IDs")
	}
	return e.App.Imports.DismissDuplicate(e.Args[0], e.Args[1])
}
