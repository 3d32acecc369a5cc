package app

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	stdsync "sync"

	"learnwork/app/importer"
	"learnwork/store"
)

// Import reads files (vCard, iCalendar) into the store, each as a batch
// that can be undone, or with dryRun only reports what would happen.
// Progress goes to the window as import:progress events.
func (sv *Services) Import(paths []string, dryRun bool) ([]*importer.Report, error) {
	return sv.ImportWith(paths, importer.Options{DryRun: dryRun})
}

// ImportWith is Import with every option (the CLI's progress bar).
func (sv *Services) ImportWith(paths []string, opts importer.Options) ([]*importer.Report, error) {
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

func (sv *Services) importFile(path string, opts importer.Options) (*importer.Report, error) {
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
	head, _ := br.Peek(4096)
	format, err := importer.Detect(path, head)
	if err != nil {
		return nil, err
	}
	name := filepath.Base(path)
	progress := opts.Progress
	opts.Progress = func(done, total int64) {
		sv.window.Progress(path, "import", int(done), int(total))
		if progress != nil {
			progress(done, total)
		}
	}
	rep, err := format.Import(sv.ctx, sv.store, name, br, st.Size(), opts)
	if err != nil {
		return rep, err
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
func (sv *Services) UndoImport(batch string) (store.Batch, error) {
	return sv.store.Undo(sv.ctx, batch)
}

// Imports lists past imports, newest first.
func (sv *Services) Imports() ([]store.Batch, error) { return sv.store.Batches() }

// errDryRun rolls a dry run's transaction back after it has worked out
// exactly what it would change.
var errDryRun = errors.New("dry run")
