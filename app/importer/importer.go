// Package importer holds what every file import and export shares: the
// report of what happened to each record and the options. The formats
// themselves are app.Imports' list (app/imports.go).
package importer

import (
	"errors"

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
	Unnamed   Action = "unnamed"   // an account known only by a number that no one here has: listed for review, not created
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
	// Card is a held-back person as read, kept so the person can add or
	// merge it later (Imports.HeldBack), or an unnamed account's profile
	// (Imports.UnnamedAccounts); not sent with the report.
	Card *store.Person `json:"-"`
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
	Unnamed    int      `json:"unnamed,omitempty"` // accounts to name by hand (X follows)
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
	case Unnamed:
		r.Unnamed++
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
	// File is the path read and Total how many records it holds (0: not
	// counted), kept with the batch so an interrupted import can say how
	// far it got and be finished (store.BeginImport).
	File  string `json:"-"`
	Total int    `json:"-"`
	// IDFor, when set, names an entity the import creates after its import
	// key (an event's UID and RECURRENCE-ID), so two devices that read the
	// same subscribed calendar before they sync create one event, not two.
	IDFor func(key string) string `json:"-"`
	// GroupsAs says what the labels, lists and categories of a network
	// export become: GroupsAsTopics (the default) or GroupsAsCommunities.
	GroupsAs string
}

// What a network export's groups become.
const (
	GroupsAsTopics      = "topics"
	GroupsAsCommunities = "communities"
)

// ExportOptions steer an export.
type ExportOptions struct {
	Version string   // format version: "4.0" or "3.0" for vCard
	IDs     []string // only these entities (empty: all)
	Dir     string   // write one file per entity into Dir instead of to w
	Topic   string   // only what has this topic (by name): OPML's starter pack
}

// ErrNothingToImport is a file that holds no vCard or iCalendar data:
// empty, random bytes, another kind of file.
var ErrNothingToImport = errors.New("no contacts or events found")

// ErrInterrupted is an import stopped part way (Ctrl+C, SIGTERM, the
// window closed).
var ErrInterrupted = errors.New("the import was interrupted")
