// Package network reads the exports of the places a learning network
// lives (LinkedIn, Google and Outlook contacts, Mastodon, X, Bluesky, feed
// readers' OPML, a CSV of one's own) into people and sources, each with the
// line it came from or the reason it could not be read. It only parses:
// matching, writing and undo are the import pipeline's.
package network

import (
	"bytes"
	"errors"
	"io"

	"learnwork/store"
)

// Entry is one record of an export: a person, a source, or an account
// known only by its number; or a line that could not be read (Skip).
type Entry struct {
	Line   int // where the record starts, 1-based
	Person *store.Person
	Source *store.Source
	// Account is set for an account the export names only by number (X)
	// or by a profile without a name (LinkedIn's hidden members): it can
	// be linked to a person whose profile names it, but it is never made
	// into a person called "12345". Person then carries only the profile.
	Account *Account
	// Groups are the export's labels, lists and categories, which the
	// person chooses to import as topics or as communities.
	Groups []string
	// HandleOnly: Person.Name is only the account's handle
	// ("@ada@mastodon.social"), not a name. It names a new person but never
	// replaces the name of one already known.
	HandleOnly bool
	Skip       string   // why the record was left out; the rest of the file imports
	Notes      []string // what was read but not kept, for the report
}

// Account is an account without a name.
type Account struct {
	Service string `json:"service"` // twitter, linkedin, bluesky
	ID      string `json:"id"`      // the service's number or DID
	URL     string `json:"url"`     // where it opens
}

// Format is one kind of export.
type Format interface {
	// Name is shown to people: "LinkedIn connections".
	Name() string
	// Sniff reports whether a file that starts with head is in this
	// format, by its content alone.
	Sniff(head []byte) bool
	// Parse reads r and calls emit with each entry in file order. A bad
	// record is an entry with Skip; an error ends the file.
	Parse(r io.Reader, emit func(Entry) error) error
}

// Formats are the formats Detect knows, most particular first: a file
// that fits several (a Mastodon list looks like any two-column CSV) gets
// the first.
func Formats() []Format {
	return []Format{OPML{}, XArchive{}, LinkedIn{}, GoogleContacts{}, Outlook{}, MastodonFollowing{}, MastodonLists{}, Bluesky{}}
}

// Detect finds the format of a file from its first bytes, or nil.
func Detect(head []byte) Format {
	for _, f := range Formats() {
		if f.Sniff(head) {
			return f
		}
	}
	return nil
}

// HeadSize is how much of a file Sniff wants to see.
const HeadSize = 16 << 10

// ErrNotFormat is returned by Parse when the file is not in the format at
// all (no header, no list): nothing of it was read.
var ErrNotFormat = errors.New("not in this format")

// lineAt counts the line of byte offset off in b, 1-based.
func lineAt(b []byte, off int) int {
	return bytes.Count(b[:min(off, len(b))], []byte{'\n'}) + 1
}
