package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"learnwork/app/importer"
)

func importFlags(fs *flag.FlagSet) {
	fs.Bool("dry-run", false, "only report what would happen")
	fs.Bool("create-people", false, "calendar imports: create people for attendees not matched by email")
	fs.Bool("verbose", false, "list every record, not only the ones skipped or held back")
	fs.String("groups", "topics", "network exports: labels, lists and categories become topics or communities")
	fs.String("columns", "", "a CSV of your own: which column is what, e.g. 'Member=name,E-mail=email,Mastodon=profile' (remembered)")
	fs.String("bluesky-follows", "", "import whom this Bluesky account follows, asked online (no file)")
}

func runUndoImport(e *Env) error {
	id := ""
	if len(e.Args) > 0 {
		id = e.Args[0]
	} else {
		bs, err := e.App.Imports.Imports()
		if err != nil {
			return err
		}
		for _, b := range bs {
			if !b.Undone && !strings.HasPrefix(b.Label, "undo") {
				id = b.ID
				break
			}
		}
		if id == "" {
			return fmt.Errorf("no import to undo")
		}
	}
	b, err := e.App.Imports.UndoImport(id)
	if err != nil {
		return err
	}
	if e.JSON {
		return writeJSON(e.Stdout, b)
	}
	_, err = fmt.Fprintf(e.Stdout, "Undid %s\n", b.Label)
	return err
}

func runImport(e *Env) error {
	handle := stringFlag(e, "bluesky-follows")
	if len(e.Args) == 0 && handle == "" {
		return usagef("import needs at least one file")
	}
	opts := importer.Options{
		DryRun:       boolFlag(e, "dry-run"),
		CreatePeople: boolFlag(e, "create-people"),
		GroupsAs:     stringFlag(e, "groups"),
	}
	if opts.GroupsAs != importer.GroupsAsTopics && opts.GroupsAs != importer.GroupsAsCommunities {
		return usagef("--groups is topics or communities, not %q", opts.GroupsAs)
	}
	if cols := stringFlag(e, "columns"); cols != "" {
		if err := mapColumns(e, cols); err != nil {
			return err
		}
	}
	if !e.JSON && isTerminal(e.Stderr) {
		bar := &progressBar{w: e.Stderr}
		opts.Progress = bar.update
		defer bar.done()
	}
	var reports []*importer.Report
	var err error
	if handle != "" {
		var rep *importer.Report
		if rep, err = e.App.Imports.ImportBlueskyFollows(handle, opts.DryRun); rep != nil {
			reports = append(reports, rep)
		}
	}
	if err == nil && len(e.Args) > 0 {
		var more []*importer.Report
		more, err = e.App.Imports.ImportWith(e.Args, opts)
		reports = append(reports, more...)
	}
	if e.JSON {
		if werr := writeJSON(e.Stdout, reports); err == nil {
			err = werr
		}
		return err
	}
	verbose := boolFlag(e, "verbose")
	for _, r := range reports {
		printReport(e.Stdout, r, verbose)
	}
	return err
}

// mapColumns remembers the --columns mapping for the layout of each CSV
// file named.
func mapColumns(e *Env, spec string) error {
	columns := map[string]string{}
	for _, pair := range strings.Split(spec, ",") {
		col, field, ok := strings.Cut(pair, "=")
		if !ok {
			return usagef("--columns wants COLUMN=FIELD pairs, not %q", pair)
		}
		columns[strings.TrimSpace(col)] = strings.ToLower(strings.TrimSpace(field))
	}
	for _, path := range e.Args {
		if err := e.App.Imports.MapCSV(path, columns); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	return nil
}

func printReport(w io.Writer, r *importer.Report, verbose bool) {
	verb := "Imported"
	if r.DryRun {
		verb = "Would import"
	}
	unnamed := ""
	if r.Unnamed > 0 {
		unnamed = fmt.Sprintf(", %d accounts to name", r.Unnamed)
	}
	fmt.Fprintf(w, "%s %s (%s): %d added, %d updated, %d unchanged, %d skipped, %d possible duplicates%s\n",
		verb, r.File, r.Format, r.Created, r.Updated, r.Unchanged, r.Skipped, r.Duplicates, unnamed)
	for _, rec := range r.Records {
		if !verbose && rec.Action != importer.Skipped && rec.Action != importer.Duplicate && rec.Action != importer.Unnamed {
			continue
		}
		where := fmt.Sprintf("%s line %d", r.File, rec.Line)
		if rec.Line == 0 { // what the file as a whole made: a community for one of its groups
			where = r.File
		}
		line := fmt.Sprintf("  %s: %s %q", where, rec.Action, rec.Name)
		if len(rec.Fields) > 0 {
			line += " (" + strings.Join(rec.Fields, ", ") + ")"
		}
		if rec.Reason != "" {
			line += ": " + rec.Reason
		}
		fmt.Fprintln(w, line)
	}
	if r.Batch != "" && !r.DryRun && r.Created+r.Updated > 0 {
		fmt.Fprintf(w, "  undo with: learnwork undo-import %s\n", r.Batch)
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progressBar draws "[#####     ] 52% 1.9 MB/3.6 MB" on one terminal line.
type progressBar struct {
	w    io.Writer
	last time.Time
	drew bool
	// show says how far it is, after the percentage ("1.9 MB/3.6 MB"
	// when nil).
	show func(done, total int64) string
}

func (p *progressBar) update(done, total int64) {
	if total <= 0 { // asked online: how many there are is known at the end
		if done > 0 && time.Since(p.last) >= 100*time.Millisecond {
			p.last = time.Now()
			fmt.Fprintf(p.w, "\r%d accounts so far", done)
			p.drew = true
		}
		return
	}
	if time.Since(p.last) < 100*time.Millisecond && done < total {
		return
	}
	p.last = time.Now()
	const width = 30
	n := int(done * width / total)
	how := mb(done) + "/" + mb(total)
	if p.show != nil {
		how = p.show(done, total)
	}
	fmt.Fprintf(p.w, "\r[%s%s] %3d%% %s", strings.Repeat("#", n), strings.Repeat(" ", width-n), done*100/total, how)
	p.drew = true
}

func (p *progressBar) done() {
	if p.drew {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }
