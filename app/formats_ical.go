package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"learnwork/app/ical"
	"learnwork/app/importer"
	"learnwork/store"
)

func init() {
	importer.Register(icalFormat{})
	importer.RegisterExporter(icalExporter{})
}

// icalFormat imports .ics files into Events.
type icalFormat struct{}

func (icalFormat) Name() string { return "iCalendar" }

func (icalFormat) Sniff(name string, head []byte) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".ics", ".ical", ".icalendar", ".vcs", ".ifb":
		return true
	}
	h := bytes.ToUpper(bytes.ReplaceAll(head, []byte{0}, nil)) // UTF-16 reads as ASCII with zeros
	return bytes.Contains(h, []byte("BEGIN:VCALENDAR")) || bytes.Contains(h, []byte("BEGIN:VEVENT"))
}

// maxICS bounds what one file may hold in memory.
const maxICS = 512 << 20

// icalChunk is how many events one store transaction writes: big enough to
// amortise the commit, small enough for Badger's transaction limit.
const icalChunk = 2000

var errDryRun = errors.New("dry run")

func (icalFormat) Import(ctx context.Context, s *store.Store, name string, r io.Reader, size int64, opts importer.Options) (*importer.Report, error) {
	rep := &importer.Report{File: name, Format: "iCalendar", DryRun: opts.DryRun, Records: []importer.Record{}}
	data, err := io.ReadAll(io.LimitReader(r, maxICS+1))
	if err != nil {
		return rep, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > maxICS {
		return rep, fmt.Errorf("%s: larger than %d MB; split it", name, maxICS>>20)
	}
	items, skips := ical.Read(data)
	for _, sk := range skips {
		rep.Add(importer.Record{Line: sk.Line, Action: importer.Skipped, Kind: store.KindEvent, Name: sk.Name, Reason: sk.Reason})
	}
	// Series before their overrides, so an override finds its series
	// whatever order the file has.
	slices.SortStableFunc(items, func(a, b ical.Item) int {
		switch {
		case a.IsOverride() == b.IsOverride():
			return 0
		case a.IsOverride():
			return 1
		}
		return -1
	})
	im := &icalImport{opts: opts, ids: map[string]string{}, people: map[string]string{}}
	if opts.DryRun {
		err := s.Update(ctx, func(tx *store.Tx) error {
			for i := range items {
				rep.Add(im.write(tx, &items[i]))
			}
			return errDryRun
		})
		if !errors.Is(err, errDryRun) {
			return rep, fmt.Errorf("%s: %w", name, err)
		}
		return rep, nil
	}
	b, err := s.BeginBatch("import " + name)
	if err != nil {
		return rep, err
	}
	rep.Batch = b.ID
	for start := 0; start < len(items); start += icalChunk {
		chunk := items[start:min(start+icalChunk, len(items))]
		var recs []importer.Record
		err := s.UpdateBatch(ctx, b.ID, func(tx *store.Tx) error {
			recs = recs[:0]
			for i := range chunk {
				recs = append(recs, im.write(tx, &chunk[i]))
			}
			return nil
		})
		if err != nil {
			return rep, fmt.Errorf("%s line %d: %w", name, chunk[0].Line, err)
		}
		for _, rec := range recs {
			rep.Add(rec)
		}
		if opts.Progress != nil {
			opts.Progress(int64(start+len(chunk))*size/int64(len(items)), size)
		}
	}
	b.Counts = map[string]int{"created": rep.Created, "updated": rep.Updated}
	return rep, s.FinishBatch(b)
}

// icalImport is one run of an import: what it matched and created so far.
type icalImport struct {
	opts   importer.Options
	ids    map[string]string // key → event ID, for events written this run
	people map[string]string // email → person ID ("" when none)
}

// write stores one event: matched by key (UID + RECURRENCE-ID), else by
// title and start (a file that regenerates UIDs), else created.
func (im *icalImport) write(tx *store.Tx, it *ical.Item) importer.Record {
	ev := it.Event
	rec := importer.Record{Line: it.Line, Kind: store.KindEvent, Name: ev.Title, Reason: strings.Join(it.Notes, "; ")}
	fail := func(err error) importer.Record {
		rec.Action, rec.Reason = importer.Skipped, err.Error()
		return rec
	}
	if ev.RecurrenceID != "" && it.UID != "" {
		if sid := im.find(tx, it.UID); sid != "" {
			ev.Series = sid
		} else {
			rec.Reason = join(rec.Reason, fmt.Sprintf("its series (UID %s) is not in the file or the store; kept as a single event", it.UID))
		}
	}
	for i := range ev.Attendees {
		a := &ev.Attendees[i]
		id, err := im.person(tx, *a)
		if err != nil {
			return fail(err)
		}
		a.PersonID = id
	}
	id, how := "", ""
	if it.Key != "" {
		id = im.find(tx, it.Key)
	}
	if id == "" {
		id, how = im.findByTitle(tx, ev)
	}
	if id != "" {
		if rec2, ok := inTrash(tx, id); ok {
			rec2.Line, rec2.Name = it.Line, ev.Title
			return rec2
		}
		before, err := tx.Record(store.KindEvent, id)
		if err != nil {
			return fail(err)
		}
		old := before.Updated
		oldView, _ := tx.Entity(store.KindEvent, id)
		ev.ID = id
		if _, err := tx.Merge(&ev); err != nil {
			return fail(err)
		}
		after, _ := tx.Record(store.KindEvent, id)
		rec.ID, rec.Action = id, importer.Unchanged
		if after.Updated != old {
			rec.Action = importer.Updated
			newView, _ := tx.Entity(store.KindEvent, id)
			rec.Fields = changedFields(oldView, newView)
		}
		if how != "" {
			rec.Reason = join(rec.Reason, how)
		}
		im.remember(it.Key, id)
		return rec
	}
	id, err := tx.Merge(&ev)
	if err != nil {
		return fail(err)
	}
	im.remember(it.Key, id)
	rec.ID, rec.Action = id, importer.Created
	return rec
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

func (im *icalImport) remember(key, id string) {
	if key != "" {
		im.ids[key] = id
	}
}

// find returns the event stored under an import key.
func (im *icalImport) find(tx *store.Tx, key string) string {
	if id, ok := im.ids[key]; ok {
		return id
	}
	refs, _ := tx.Find("uid", key)
	for _, r := range refs {
		if r.Kind == store.KindEvent {
			im.ids[key] = r.ID
			return r.ID
		}
	}
	return ""
}

// findByTitle matches an event whose file regenerated its UID: same title,
// same start, same instance.
func (im *icalImport) findByTitle(tx *store.Tx, ev store.Event) (string, string) {
	refs, _ := tx.Find("name", ev.Title)
	for _, r := range refs {
		if r.Kind != store.KindEvent {
			continue
		}
		e, err := tx.Entity(store.KindEvent, r.ID)
		if err != nil {
			continue
		}
		old := e.(*store.Event)
		if old.Start == ev.Start && old.TZ == ev.TZ && old.RecurrenceID == ev.RecurrenceID {
			return r.ID, "matched by title and start (the file gave it another UID)"
		}
	}
	return "", ""
}

func inTrash(tx *store.Tx, id string) (importer.Record, bool) {
	rec, err := tx.Record(store.KindEvent, id)
	if err != nil || !rec.Trashed() {
		return importer.Record{}, false
	}
	return importer.Record{Action: importer.Unchanged, Kind: store.KindEvent, ID: id, Reason: "in Trash; restore it to import it again"}, true
}

// person links an attendee to a Person by email, creating one only when
// the import was asked to.
func (im *icalImport) person(tx *store.Tx, a store.Attendee) (string, error) {
	if a.Email == "" {
		return "", nil
	}
	if id, ok := im.people[a.Email]; ok {
		return id, nil
	}
	refs, err := tx.Find("email", a.Email)
	if err != nil {
		return "", err
	}
	for _, r := range refs {
		if rec, err := tx.Record(r.Kind, r.ID); r.Kind == store.KindPerson && err == nil && !rec.Trashed() {
			im.people[a.Email] = r.ID
			return r.ID, nil
		}
	}
	id := ""
	if im.opts.CreatePeople {
		name := a.Name
		if name == "" {
			name = a.Email
		}
		if id, err = tx.Merge(&store.Person{Meta: store.Meta{Kind: store.KindPerson}, Name: name, Emails: []store.Contact{{Value: a.Email}}}); err != nil {
			return "", err
		}
	}
	im.people[a.Email] = id
	return id, nil
}

// changedFields names the fields whose shown value differs between views.
func changedFields(a, b store.Entity) []string {
	ea, ok1 := a.(*store.Event)
	eb, ok2 := b.(*store.Event)
	if !ok1 || !ok2 {
		return nil
	}
	var out []string
	cmp := func(name string, x, y any) {
		if fmt.Sprint(x) != fmt.Sprint(y) {
			out = append(out, name)
		}
	}
	cmp("title", ea.Title, eb.Title)
	cmp("start", ea.Start, eb.Start)
	cmp("end", ea.End, eb.End)
	cmp("tz", ea.TZ, eb.TZ)
	cmp("allday", ea.AllDay, eb.AllDay)
	cmp("rrule", ea.RRule, eb.RRule)
	cmp("rdates", ea.RDates, eb.RDates)
	cmp("exdates", ea.ExDates, eb.ExDates)
	cmp("series", ea.Series, eb.Series)
	cmp("status", ea.Status, eb.Status)
	cmp("location", ea.Location, eb.Location)
	cmp("url", ea.URL, eb.URL)
	cmp("organizer", ea.Organizer, eb.Organizer)
	cmp("attendees", ea.Attendees, eb.Attendees)
	cmp("topics", ea.Topics, eb.Topics)
	cmp("notes", ea.Notes, eb.Notes)
	cmp("uids", ea.UIDs, eb.UIDs)
	return out
}
