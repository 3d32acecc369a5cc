package cli

import (
	"flag"
	"fmt"

	"learnwork/app/importer"
)

func finishImportFlags(fs *flag.FlagSet) {
	fs.Bool("verbose", false, "list every record, not only the ones skipped or held back")
}

func runFinishImport(e *Env) error {
	open, err := e.App.Imports.InterruptedImports()
	if err != nil {
		return err
	}
	if len(open) == 0 {
		return fmt.Errorf("no interrupted import to finish")
	}
	id := open[0].Batch
	if len(e.Args) > 0 {
		id = e.Args[0]
	}
	var opts importer.Options
	if !e.JSON && isTerminal(e.Stderr) {
		bar := &progressBar{w: e.Stderr}
		opts.Progress = bar.update
		defer bar.done()
	}
	rep, err := e.App.Imports.FinishImport(id, opts)
	if e.JSON {
		if werr := writeJSON(e.Stdout, rep); err == nil {
			err = werr
		}
		return err
	}
	if rep != nil {
		printReport(e.Stdout, rep, boolFlag(e, "verbose"))
	}
	return err
}

// reportInterrupted says on stderr which imports stopped before their end,
// and how to undo or finish each; the commands that do so stay quiet.
func reportInterrupted(e *Env, command string) {
	if command == "undo-import" || command == "finish-import" {
		return
	}
	open, err := e.App.Imports.InterruptedImports()
	if err != nil {
		return // the command itself will meet and report what is wrong
	}
	for _, im := range open {
		fmt.Fprintf(e.Stderr, "learnwork: %s (learnwork undo-import %s, or learnwork finish-import %s)\n", im.Message, im.Batch, im.Batch)
	}
}
