package app

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	stdsync "sync"

	"learnwork/app/importer"
	"learnwork/app/network"
	"learnwork/store"
)

// Imports is the imports and exports area: every file format in and out,
// previews (dry runs), batches and their undo, held-back records, and
// duplicates and their merge (imports_duplicates.go). The formats live
// beside it: imports_vcard.go, imports_ical.go, imports_network.go.
type Imports struct {
	core
	formats   []Format   // import formats, tried in order
	exporters []Exporter // export formats, by CLI word
	running   running    // the import under way, for CancelImport
	// online asks services for whom someone follows (Bluesky); tests
	// point it at their own server.
	online network.Follows
}

// running is the cancel of the import under way.
type running struct {
	stdsync.Mutex
	cancel context.CancelFunc
}

// start gives an import its own context, which CancelImport cancels.
func (r *running) start(parent context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancel(parent)
	r.Lock()
	r.cancel = cancel
	r.Unlock()
	return ctx, func() {
		r.Lock()
		r.cancel = nil
		r.Unlock()
		cancel()
	}
}

// CancelImport stops the import under way, between two transactions:
// what was written stays, in its batch, to undo or import again.
func (sv *Imports) CancelImport() {
	sv.running.Lock()
	defer sv.running.Unlock()
	if sv.running.cancel != nil {
		sv.running.cancel()
	}
}

// Format reads one kind of file into the store.
type Format interface {
	// Name is shown to people: "vCard", "iCalendar".
	Name() string
	// Sniff reports whether a file that starts with head is in this format.
	Sniff(name string, head []byte) bool
	// Import reads r (size bytes, named name for messages) into s, as one
	// batch it records in the report, or in a dry run writes nothing.
	Import(ctx context.Context, s *store.Store, name string, r io.Reader, size int64, opts importer.Options) (*importer.Report, error)
}

// Counter is a Format that can count a file's records in a quick pass
// before importing it.
type Counter interface {
	Count(r io.Reader) (int, error)
}

// Exporter writes the store in one format.
type Exporter interface {
	// Name is the CLI's word for it: "vcf", "ics".
	Name() string
	// Export writes to w (or to opts.Dir) and returns how many entities it wrote.
	Export(ctx context.Context, s *store.Store, w io.Writer, opts importer.ExportOptions) (int, error)
}

// newImports makes the imports service with every format Learnwork reads
// and writes: a new format is one more entry here.
func newImports(c core) *Imports {
	return &Imports{core: c,
		formats:   append([]Format{vcardFormat{}, icalFormat{}}, networkFormats()...),
		exporters: []Exporter{icalExporter{}, vcardExporter{}, opmlExporter{}, backupExporter{}},
	}
}

// detect finds the format of a file from its first bytes (each format
// goes by content, never by the name); a CSV of one's own by the column
// mapping made for its header.
func (im *Imports) detect(name string, head []byte) (Format, error) {
	for _, f := range im.formats {
		if f.Sniff(name, head) {
			return f, nil
		}
	}
	if c, ok := savedCSVMapping(im.settings(), head); ok {
		return networkFormat{c}, nil
	}
	if network.LooksLikeCSV(head) {
		return nil, fmt.Errorf("%s: %w", filepath.Base(name), ErrUnmappedCSV)
	}
	return nil, fmt.Errorf("%w in %s", importer.ErrNothingToImport, filepath.Base(name))
}

// ErrUnmappedCSV: a CSV none of the known exports, whose columns have not
// been mapped yet (MapCSV).
var ErrUnmappedCSV = errors.New("a CSV file whose columns Learnwork does not know yet: say which column is the name, the email and so on, and import it again")

// Import reads files (vCard, iCalendar) into the store, each as a batch
// that can be undone, or with dryRun only reports what would happen.
// Progress goes to the window as import:progress events.
func (sv *Imports) Import(paths []string, dryRun bool) ([]*importer.Report, error) {
	return sv.ImportWith(paths, importer.Options{DryRun: dryRun})
}

// ImportWith is Import with every option (the CLI's progress bar).
func (sv *Imports) ImportWith(paths []string, opts importer.Options) ([]*importer.Report, error) {
	var reports []*importer.Report
	for _, p := range paths {
		rep, err := sv.importFile(p, opts)
		if err != nil {
			return reports, err
		}
		reports = append(reports, rep)
	}
	return reports, nil
}

func (sv *Imports) importFile(path string, opts importer.Options) (*importer.Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	br := bufio.NewReaderSize(f, 1<<16)
	head, _ := br.Peek(network.HeadSize) // a wide CSV header (Google's numbered columns) in UTF-16 runs past 4 KB
	format, err := sv.detect(path, head)
	if err != nil {
		return nil, err
	}
	name := filepath.Base(path)
	if !opts.DryRun {
		opts.File, opts.Total = recordCount(path, format)
	}
	progress := opts.Progress
	opts.Progress = func(done, total int64) {
		sv.window.Progress(path, "import", int(done), int(total))
		if progress != nil {
			progress(done, total)
		}
	}
	ctx, done := sv.running.start(sv.ctx)
	defer done()
	rep, err := format.Import(ctx, sv.store, name, br, st.Size(), opts)
	if errors.Is(err, context.Canceled) {
		return rep, fmt.Errorf("%w: what %s had written stays, and importing it again finishes it", importer.ErrInterrupted, name)
	}
	if err != nil {
		return rep, err
	}
	if !opts.DryRun {
		if err := sv.keepHeldBack(rep); err != nil {
			return rep, fmt.Errorf("import %s: keep the cards held back: %w", name, err)
		}
		if err := sv.keepUnnamed(rep); err != nil {
			return rep, fmt.Errorf("import %s: keep the accounts to name: %w", name, err)
		}
	}
	sv.window.Progress(path, "import", int(st.Size()), int(st.Size()))
	return rep, nil
}

// cardsHeapLimit is a soft limit on the Go heap (Badger's memtables
// included) while a vCard import runs: without it the heap of a
// 100k-contact import grew to 295 MB between collections, twice what was
// live. Not for iCalendar: a 50k-event import lives above it, and the
// limit made it collect all the time (12 s of CPU instead of 7.7).
const cardsHeapLimit = 250 << 20

var heapHold struct {
	stdsync.Mutex
	n    int
	prev int64
}

// holdHeapLimit lowers the soft heap limit to limit (unless GOMEMLIMIT or
// a lower limit is set) until the last holder releases it.
func holdHeapLimit(limit int64) (release func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	heapHold.Lock()
	defer heapHold.Unlock()
	if heapHold.n == 0 {
		heapHold.prev = debug.SetMemoryLimit(-1)
		debug.SetMemoryLimit(min(heapHold.prev, limit))
	}
	heapHold.n++
	return func() {
		heapHold.Lock()
		defer heapHold.Unlock()
		if heapHold.n--; heapHold.n == 0 {
			debug.SetMemoryLimit(heapHold.prev)
		}
	}
}

// UndoImport reverses an import batch.
func (sv *Imports) UndoImport(batch string) (store.Batch, error) {
	return sv.store.Undo(sv.ctx, batch)
}

// Imports lists past imports, newest first.
func (sv *Imports) Imports() ([]store.Batch, error) { return sv.store.Batches() }

// errDryRun rolls a dry run's transaction back after it has worked out
// exactly what it would change.
var errDryRun = errors.New("dry run")

// Export writes the store in a format ("vcf", "ics", or "json" for a
// backup) to w, or with opts.Dir one file per entity into that folder. It
// is a function, not a method: a writer cannot cross to the window.
func Export(im *Imports, w io.Writer, format string, opts importer.ExportOptions) (int, error) {
	ex, err := im.exporter(format)
	if err != nil {
		return 0, err
	}
	return ex.Export(im.ctx, im.store, w, opts)
}

// ExportFile is Export to a file (or with opts.Dir, into a folder).
func (im *Imports) ExportFile(format, path string, opts importer.ExportOptions) (int, error) {
	ex, err := im.exporter(format)
	if err != nil {
		return 0, err
	}
	if opts.Dir != "" {
		return ex.Export(im.ctx, im.store, io.Discard, opts)
	}
	return exportFile(im.core, ex, path, opts)
}

// exportFile writes an export to path, beside it first and then renamed,
// so a failed export never leaves half a file where a good one was.
func exportFile(c core, ex Exporter, path string, opts importer.ExportOptions) (int, error) {
	n := 0
	err := writeFileAtomic(path, func(w io.Writer) error {
		var err error
		n, err = ex.Export(c.ctx, c.store, w, opts)
		return err
	})
	return n, err
}

// backupExporter writes the log as JSON lines, every change's exact bytes
// (store.Backup): "export json" and the window's Back Up.
type backupExporter struct{}

func (backupExporter) Name() string { return "json" }

func (backupExporter) Export(ctx context.Context, s *store.Store, w io.Writer, _ importer.ExportOptions) (int, error) {
	return s.Backup(ctx, w)
}

// UnknownFormatError is an export format Learnwork does not write.
type UnknownFormatError struct {
	Name    string
	Formats []string // what it writes
}

func (e *UnknownFormatError) Error() string {
	return fmt.Sprintf("cannot export %q (formats: %s)", e.Name, strings.Join(e.Formats, ", "))
}

// exporter returns the exporter for a CLI word ("vcf", "ics").
func (im *Imports) exporter(name string) (Exporter, error) {
	names := make([]string, 0, len(im.exporters))
	for _, e := range im.exporters {
		if strings.EqualFold(e.Name(), name) {
			return e, nil
		}
		names = append(names, e.Name())
	}
	return nil, &UnknownFormatError{Name: name, Formats: names}
}

// writeFileAtomic writes beside path and renames, so readers (a calendar
// app subscribed to the file) never see half a file.
func writeFileAtomic(path string, fn func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".learnwork-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	err = fn(f)
	if err == nil {
		err = f.Sync() // a backup must be on disk before it replaces a good one
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
