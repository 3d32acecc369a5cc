package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"learnwork/app/importer"
)

func init() {
	register(&command{
		name: "export", usage: "vcf|ics|json [-o FILE] [--v3] [--dir DIR] [--id ID]...", summary: "export contacts, events, or everything",
		flags: func(fs *flag.FlagSet) {
			fs.String("o", "", "write to this file (default: standard output)")
			fs.Bool("v3", false, "vcf: write vCard 3.0 instead of 4.0")
			fs.String("dir", "", "write one file per entity into this directory")
			fs.Func("id", "only this entity (repeatable)", func(s string) error { exportIDs = append(exportIDs, s); return nil })
		},
		run: runExport,
	})
}

// exportIDs collects --id flags (flag.Func cannot reach the Env).
var exportIDs []string

func runExport(e *Env) error {
	defer func() { exportIDs = nil }()
	if len(e.Args) != 1 {
		return usagef("export what? vcf, ics or json")
	}
	format := strings.ToLower(e.Args[0])
	out := e.Flags.Lookup("o").Value.String()
	if format == "json" {
		if out == "" {
			_, err := e.Store.Backup(e.Ctx, e.Stdout)
			return err
		}
		n, err := e.Service.Backup(out)
		if err == nil {
			fmt.Fprintf(e.Stderr, "Exported %d changes to %s\n", n, out)
		}
		return err
	}
	ex, err := importer.ExporterFor(format)
	if err != nil {
		return usagef("%v", err)
	}
	opts := importer.ExportOptions{IDs: exportIDs, Dir: e.Flags.Lookup("dir").Value.String()}
	if e.Flags.Lookup("v3").Value.String() == "true" {
		opts.Version = "3.0"
	}
	var w io.Writer = e.Stdout
	var tmp *os.File
	if out != "" && opts.Dir == "" {
		// Write beside the target and rename, so a failed export never
		// leaves half a file where a good one was.
		if tmp, err = os.CreateTemp(filepath.Dir(out), ".learnwork-export-*"); err != nil {
			return err
		}
		defer os.Remove(tmp.Name())
		w = tmp
	}
	n, err := ex.Export(e.Ctx, e.Store, w, opts)
	if tmp != nil {
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(tmp.Name(), out)
		}
	}
	if err != nil {
		return err
	}
	if out != "" || opts.Dir != "" {
		fmt.Fprintf(e.Stderr, "Exported %d to %s\n", n, out+opts.Dir)
	}
	return nil
}
