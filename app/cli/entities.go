package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"learnwork/app"
	"learnwork/store"
)

func init() {
	register(&command{
		name: "add", usage: "KIND field=value...", summary: "add a person, source, community, event, interaction, learning, goal or topic",
		run: func(e *Env) error {
			k, err := kindArg(e, "add")
			if err != nil {
				return err
			}
			edits, err := parseEdits(e.Args[1:])
			if err != nil {
				return err
			}
			return printID(e)(e.Service.Add(string(k), edits))
		},
	})
	register(&command{
		name: "set", usage: "ID field=value|field+=value|field-=value...", summary: "change fields (+= adds to a list, -= removes, field= clears)",
		run: func(e *Env) error {
			if len(e.Args) < 2 {
				return usagef("set needs an ID and field=value")
			}
			edits, err := parseEdits(e.Args[1:])
			if err != nil {
				return err
			}
			return e.Service.Edit(e.Args[0], edits)
		},
	})
	register(&command{
		name: "delete", usage: "ID...", summary: "move to Trash",
		run: func(e *Env) error {
			if len(e.Args) == 0 {
				return usagef("delete needs an ID")
			}
			for _, id := range e.Args {
				if err := e.Service.Delete(id); err != nil {
					return err
				}
			}
			return nil
		},
	})
	register(&command{
		name: "undelete", usage: "ID...", summary: "bring back from Trash",
		run: func(e *Env) error {
			if len(e.Args) == 0 {
				return usagef("undelete needs an ID")
			}
			for _, id := range e.Args {
				if err := e.Service.Undelete(id); err != nil {
					return err
				}
			}
			return nil
		},
	})
	register(&command{
		name: "show", usage: "ID", summary: "show everything about one entity",
		run: func(e *Env) error {
			if len(e.Args) != 1 {
				return usagef("show needs one ID")
			}
			ent, err := e.Service.Show(e.Args[0])
			if err != nil {
				return err
			}
			if e.JSON {
				return writeJSON(e.Stdout, ent)
			}
			return printEntity(e, ent)
		},
	})
	register(&command{
		name: "list", usage: "KIND [--query TEXT] [--trash] [--limit N] [--offset N]", summary: "list people, sources, communities, events, interactions, learnings, goals or topics",
		flags: func(fs *flag.FlagSet) {
			fs.String("query", "", "only what matches these words")
			fs.Bool("trash", false, "list Trash")
			fs.Int("limit", 0, "at most this many (0: all)")
			fs.Int("offset", 0, "skip this many")
			fs.String("from", "", "dated kinds: from this date")
			fs.String("to", "", "dated kinds: to this date")
		},
		run: runList,
	})
	register(&command{
		name: "conflicts", usage: "", summary: "list fields with concurrent values from two devices",
		run: func(e *Env) error {
			items, err := e.Service.Conflicts()
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
		},
	})
	register(&command{
		name: "resolve", usage: "ID FIELD VALUE", summary: "settle a conflicted field on one value",
		run: func(e *Env) error {
			if len(e.Args) != 3 {
				return usagef("resolve needs ID FIELD VALUE")
			}
			return e.Service.Resolve(e.Args[0], e.Args[1], e.Args[2])
		},
	})
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
		Query:  e.Flags.Lookup("query").Value.String(),
		Trash:  e.Flags.Lookup("trash").Value.String() == "true",
		From:   e.Flags.Lookup("from").Value.String(),
		To:     e.Flags.Lookup("to").Value.String(),
		Newest: k == store.KindInteraction || k == store.KindLearning,
	}
	fmt.Sscan(e.Flags.Lookup("offset").Value.String(), &q.Offset)
	limit := 0
	fmt.Sscan(e.Flags.Lookup("limit").Value.String(), &limit)
	items, err := collect(e.Service, string(k), q, limit)
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
			ent, err := e.Service.Show(it.ID)
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
func collect(sv *app.Services, kind string, q app.ListQuery, limit int) ([]store.Summary, error) {
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
