package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"learnwork/app"
	"learnwork/store"
)

func runAdd(e *Env) error {
	k, err := kindArg(e, "add")
	if err != nil {
		return err
	}
	edits, err := parseEdits(e.Args[1:])
	if err != nil {
		return err
	}
	return printID(e)(e.App.Entities.Add(string(k), edits))
}

func runSet(e *Env) error {
	if len(e.Args) < 2 {
		return usagef("set needs an ID and field=value")
	}
	edits, err := parseEdits(e.Args[1:])
	if err != nil {
		return err
	}
	return e.App.Entities.Edit(e.Args[0], edits)
}

func runDelete(e *Env) error {
	if len(e.Args) == 0 {
		return usagef("delete needs an ID")
	}
	for _, id := range e.Args {
		if err := e.App.Entities.Delete(id); err != nil {
			return err
		}
	}
	return nil
}

func runUndelete(e *Env) error {
	if len(e.Args) == 0 {
		return usagef("undelete needs an ID")
	}
	for _, id := range e.Args {
		if err := e.App.Entities.Undelete(id); err != nil {
			return err
		}
	}
	return nil
}

func runShow(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("show needs one ID")
	}
	ent, err := e.App.Entities.Show(e.Args[0])
	if err != nil {
		return err
	}
	if e.JSON {
		return writeJSON(e.Stdout, ent)
	}
	return printEntity(e, ent)
}

func listFlags(fs *flag.FlagSet) {
	fs.String("query", "", "only what matches these words")
	fs.Bool("trash", false, "list Trash")
	fs.Int("limit", 0, "at most this many (0: all)")
	fs.Int("offset", 0, "skip this many")
	fs.String("from", "", "dated kinds: from this date")
	fs.String("to", "", "dated kinds: to this date")
}

func runConflicts(e *Env) error {
	items, err := e.App.Entities.Conflicts()
	if err != nil {
		return err
	}
	return listing[app.ConflictItem]{
		empty: "No conflicts.",
		plain: true,
		row: func(w io.Writer, it app.ConflictItem) {
			fmt.Fprintf(w, "%s %s (%s)\n", it.Kind, it.Title, it.ID)
			for _, f := range it.Fields {
				fmt.Fprintf(w, "  %s: %s\n", f.Field, strings.Join(quoteAll(f.Values), " | "))
			}
		},
		foot: "Resolve with: learnwork resolve ID FIELD VALUE",
	}.print(e, items)
}

func runResolve(e *Env) error {
	if len(e.Args) != 3 {
		return usagef("resolve needs ID FIELD VALUE")
	}
	err := e.App.Entities.Resolve(e.Args[0], e.Args[1], e.Args[2])
	if errors.Is(err, store.ErrNoConflict) {
		return fmt.Errorf("%s has no conflict to resolve; nothing was changed (set changes a value)", e.Args[1])
	}
	return err
}

func runBackup(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("backup needs a file name")
	}
	n, err := e.App.Entities.Backup(e.Args[0])
	if err != nil {
		return err
	}
	if e.JSON {
		return writeJSON(e.Stdout, map[string]any{"file": e.Args[0], "changes": n})
	}
	_, err = fmt.Fprintf(e.Stdout, "Backed up %d changes to %s\n", n, e.Args[0])
	return err
}

func runRestore(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("restore needs a file name")
	}
	n, err := e.App.Entities.RestoreBackup(e.Args[0])
	if err != nil {
		return err
	}
	if e.JSON {
		return writeJSON(e.Stdout, map[string]any{"file": e.Args[0], "changes": n})
	}
	_, err = fmt.Fprintf(e.Stdout, "Restored %d changes from %s\n", n, e.Args[0])
	return err
}

func quoteAll(vs []string) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = fmt.Sprintf("%q", v)
	}
	return out
}

func runList(e *Env) error {
	k, err := kindArg(e, "list")
	if err != nil {
		return err
	}
	if k == store.KindEvent && isOccurrenceList(e) {
		return listOccurrences(e) // events.go
	}
	q := app.ListQuery{
		Query:  stringFlag(e, "query"),
		Trash:  boolFlag(e, "trash"),
		From:   stringFlag(e, "from"),
		To:     stringFlag(e, "to"),
		Offset: intFlag(e, "offset"),
		Newest: k == store.KindInteraction || k == store.KindLearning,
	}
	items, err := collect(e.App.Entities, string(k), q, intFlag(e, "limit"))
	if err != nil {
		return err
	}
	l := listing[store.Summary]{row: func(w io.Writer, it store.Summary) {
		title := it.Title
		if it.Date != "" && k != store.KindPerson {
			title = it.Date + "  " + title
		}
		fmt.Fprintf(w, "%s\t%s\t%s\n", it.ID, title, it.Subtitle)
	}}
	if e.JSON {
		// --json shows each entity whole, not its summary.
		out := make([]any, 0, len(items))
		for _, it := range items {
			ent, err := e.App.Entities.Show(it.ID)
			if err != nil {
				return err
			}
			out = append(out, ent)
		}
		l.json = out
	}
	return l.print(e, items)
}

// collect pages through a list; limit 0 means everything.
func collect(sv *app.Entities, kind string, q app.ListQuery, limit int) ([]store.Summary, error) {
	var out []store.Summary
	for {
		q.Limit = 1000
		if limit > 0 {
			q.Limit = min(1000, limit-len(out))
		}
		p, err := sv.List(kind, q)
		if err != nil {
			return nil, err
		}
		out = append(out, p.Items...)
		if q.Query != "" || len(p.Items) < q.Limit || limit > 0 && len(out) >= limit {
			return out, nil
		}
		q.Offset += len(p.Items)
	}
}

func printEntity(e *Env, ent any) error {
	b := &strings.Builder{}
	if err := writeJSON(b, ent); err != nil {
		return err
	}
	// Plain text: the JSON's fields as "field: value" lines, lists joined.
	var m map[string]any
	if err := jsonUnmarshal(b.String(), &m); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.Stdout, 0, 4, 2, ' ', 0)
	for _, k := range orderedKeys(ent, m) {
		fmt.Fprintf(tw, "%s:\t%s\n", k, plain(m[k]))
	}
	return tw.Flush()
}
