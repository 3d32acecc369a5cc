package app

import (
	"fmt"
	"path/filepath"
	"strings"

	"learnwork/store"
)

// ValueOrigin is where one value shown of a person came from, for the
// merge view and the person's Details.
type ValueOrigin struct {
	Field string `json:"field"` // as the person's view names it: emails, profiles, org…
	Index int    `json:"index"` // its place in a list field
	Value string `json:"value"`
	From  []From `json:"from"` // oldest first
}

// From is one place a value came from, in words: an import ("LinkedIn
// connections" on a date, "contacts.vcf"), or typed in.
type From struct {
	Name string `json:"name"`
	Date string `json:"date,omitempty"` // RFC 3339: when it was imported
	File string `json:"file,omitempty"` // the file's name, for Details
}

// fromTyped is a value no import wrote.
var fromTyped = From{Name: "typed in"}

// Origins tells, for each value a person (or any entity) shows, where it
// came from: which import, or typed in.
func (sv *Imports) Origins(id string) ([]ValueOrigin, error) {
	out := []ValueOrigin{}
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		e, err := r.Lookup(id)
		if err != nil {
			return err
		}
		os, err := r.Origins(e.Base().Kind, id)
		for _, o := range os {
			vo := ValueOrigin{Field: o.Field, Index: o.Index, Value: o.Value, From: []From{}}
			for _, b := range o.Batches {
				vo.From = append(vo.From, fromBatch(b))
			}
			if o.Typed {
				vo.From = append(vo.From, fromTyped)
			}
			out = append(out, vo)
		}
		return err
	})
	return out, friendly(err)
}

// fromBatch says which import a batch was: the service's export by its
// format's name, an address book or calendar by its file's name.
func fromBatch(b store.Batch) From {
	f := From{Date: b.Created}
	if b.File != "" {
		f.File = filepath.Base(b.File)
	}
	switch {
	case b.Label == "" && b.Created == "":
		f.Name = "an import on another computer"
	case b.Format != "" && b.Format != "vCard" && b.Format != "iCalendar":
		f.Name = b.Format
	default:
		f.Name = strings.TrimPrefix(b.Label, "import ")
	}
	if strings.HasPrefix(b.ID, "undo-") {
		f.Name = fmt.Sprintf("undoing the import of %s", f.Name)
	}
	return f
}
