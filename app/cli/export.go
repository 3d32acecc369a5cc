package cli

import (
	"errors"
	"flag"
	"fmt"
	"strings"

	"learnwork/app"
	"learnwork/app/importer"
)

func exportFlags(fs *flag.FlagSet) {
	fs.String("o", "", "write to this file (default: standard output)")
	fs.Bool("v3", false, "vcf: write vCard 3.0 instead of 4.0")
	fs.String("dir", "", "write one file per entity into this directory")
	fs.Var(&stringList{}, "id", "only this entity (repeatable)")
	fs.String("topic", "", "opml: only the sources of this topic (a starter pack)")
}

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(s string) error { *l = append(*l, s); return nil }
func (l *stringList) Get() any           { return []string(*l) }

func runExport(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("export what? vcf, ics, opml or json")
	}
	format := strings.ToLower(e.Args[0])
	out := stringFlag(e, "o")
	var opts importer.ExportOptions
	if format != "json" { // a backup is everything, to one file
		opts.Dir = stringFlag(e, "dir")
		opts.IDs, _ = e.Flags.Lookup("id").Value.(flag.Getter).Get().([]string)
		if boolFlag(e, "v3") {
			opts.Version = "3.0"
		}
		opts.Topic = stringFlag(e, "topic")
	}
	var n int
	var err error
	if out == "" && opts.Dir == "" {
		n, err = app.Export(e.App.Imports, e.Stdout, format, opts)
	} else {
		n, err = e.App.Imports.ExportFile(format, out, opts)
	}
	var unknown *app.UnknownFormatError
	if errors.As(err, &unknown) {
		return usagef("%v", err)
	}
	if err != nil || out == "" && opts.Dir == "" {
		return err
	}
	what := "" // a backup counts changes, the others entities
	if format == "json" {
		what = " changes"
	}
	fmt.Fprintf(e.Stderr, "Exported %d%s to %s\n", n, what, out+opts.Dir)
	return nil
}
