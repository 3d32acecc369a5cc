// Package importer is the frame every file import and export fits in: the
// report of what happened to each record, the options, and the registry of
// formats (vCard, iCalendar) that app.Services.Import dispatches to.
package importer

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	stdsync "sync"

	"learnwork/store"
)

// Action is what an import did, or in a dry run would do, with one record.
type Action string

const (
	Created   Action = "created"
	Updated   Action = "updated"
	Unchanged Action = "unchanged"
	Skipped   Action = "skipped"   // bad or unusable input; Reason says why
	Duplicate Action = "duplicate" // looks like someone already stored: proposed for merge, not created
)

// Record is the fate of one record of a file.
type Record struct {
	Line    int        `json:"line"` // where the record starts, 1-based
	Action  Action     `json:"action"`
	Kind    store.Kind `json:"kind"`
	ID      string     `json:"id,omitempty"`
	Name    string     `json:"name"`
	Reason  string     `json:"reason,omitempty"`  // "matched by email ada@example.org", "BDAY \"31/02\" is not a date"
	Fields  []string   `json:"fields,omitempty"`  // fields an update changed
	MatchID string     `json:"matchId,omitempty"` // the stored entity a duplicate resembles
}

// Report is what an import did with a file.
type Report struct {
	File       string   `json:"file"`
	Format     string   `json:"format"`
	DryRun     bool     `json:"dryRun"`
	Batch      string   `json:"batch,omitempty"` // undo with Services.UndoImport
	Created    int      `json:"created"`
	Updated    int      `json:"updated"`
	Unchanged  int      `json:"unchanged"`
	Skipped    int      `json:"skipped"`
	Duplicates int      `json:"duplicates"`
	Records    []Record `json:"records"`
}

// Add records one record's fate and counts it.
func (r *Report) Add(rec Record) {
	switch rec.Action {
	case Created:
		r.Created++
	case Updated:
		r.Updated++
	case Unchanged:
		r.Unchanged++
	case Skipped:
		r.Skipped++
	case Duplicate:
		r.Duplicates++
	}
	r.Records = append(r.Records, rec)
}

// Options steer an import.
type Options struct {
	DryRun bool
	// Progress is told how many bytes of Size have been read, at most every
	// few hundred records; nil when nobody listens.
	Progress func(done, total int64)
	// CreatePeople lets a calendar import create people for attendees it
	// cannot match by email.
	CreatePeople bool
}

// Format reads one kind of file into the store.
type Format interface {
	// Name is shown to people: "vCard", "iCalendar".
	Name() string
	// Sniff reports whether a file that starts with head is in this format.
	Sniff(name string, head []byte) bool
	// Import reads r (size bytes, named name for messages) into s, as one
	// batch it records in the report, or in a dry run writes nothing.
	Import(ctx context.Context, s *store.Store, name string, r io.Reader, size int64, opts Options) (*Report, error)
}

// ExportOptions steer an export.
type ExportOptions struct {
	Version string   // format version: "4.0" or "3.0" for vCard
	IDs     []string // only these entities (empty: all)
	Dir     string   // write one file per entity into Dir instead of to w
}

// Exporter writes the store in one format.
type Exporter interface {
	// Name is the CLI's word for it: "vcf", "ics".
	Name() string
	// Export writes to w (or to opts.Dir) and returns how many entities it wrote.
	Export(ctx context.Context, s *store.Store, w io.Writer, opts ExportOptions) (int, error)
}

var (
	mu        stdsync.Mutex
	formats   []Format
	exporters = map[string]Exporter{}
)

// Register adds an import format; formats register themselves in init.
func Register(f Format) {
	mu.Lock()
	defer mu.Unlock()
	formats = append(formats, f)
}

// RegisterExporter adds an export format.
func RegisterExporter(e Exporter) {
	mu.Lock()
	defer mu.Unlock()
	exporters[e.Name()] = e
}

// Detect finds the format of a file from its name and first bytes.
func Detect(name string, head []byte) (Format, error) {
	mu.Lock()
	defer mu.Unlock()
	for _, f := range formats {
		if f.Sniff(name, head) {
			return f, nil
		}
	}
	var names []string
	for _, f := range formats {
		names = append(names, f.Name())
	}
	return nil, fmt.Errorf("%s: not a file Learnwork can import (it reads %s)", filepath.Base(name), strings.Join(names, " and "))
}

// ExporterFor returns the exporter for a CLI word ("vcf", "ics").
func ExporterFor(name string) (Exporter, error) {
	mu.Lock()
	defer mu.Unlock()
	if e, ok := exporters[strings.ToLower(name)]; ok {
		return e, nil
	}
	var names []string
	for n := range exporters {
		names = append(names, n)
	}
	slices.Sort(names)
	return nil, fmt.Errorf("cannot export %q (formats: %s)", name, strings.Join(append(names, "json"), ", "))
}
