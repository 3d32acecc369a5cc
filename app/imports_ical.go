package app

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"learnwork/app/ical"
	"learnwork/app/importer"
	"learnwork/app/sniff"
	"learnwork/store"
)

// icalFormat imports .ics files into Events.
type icalFormat struct{}

func (icalFormat) Name() string { return "iCalendar" }

// Sniff goes by content only: a calendar saved as .vcf is still a calendar.
func (icalFormat) Sniff(_ string, head []byte) bool { return sniff.Detect(head) == sniff.ICalendar }

// maxICS bounds what one file may hold in memory.
const maxICS = 512 << 20

// icalChunk is how many events one store transaction writes at first: big
// enough to amortise the commit; halved while Badger finds it too big.
const icalChunk = 1000

func (icalFormat) Import(ctx context.Context, s *store.Store, name string, r io.Reader, size int64, opts importer.Options) (*importer.Report, error) {
	rep := &importer.Report{File: name, Format: "iCalendar", DryRun: opts.DryRun, Records: []importer.Record{}}
	// Sized up front: growing a buffer for a 30 MB file cost a fifth of a second.
	buf := bytes.NewBuffer(make([]byte, 0, min(max(size, 0), maxICS)+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(r, maxICS+1)); err != nil {
		return rep, fmt.Errorf("%s: %w", name, err)
	}
	data := buf.Bytes()
	if len(data) > maxICS {
		return rep, fmt.Errorf("%s: larger than %d MB; split it", name, maxICS>>20)
	}
	items, skips, err := ical.Read(ctx, data)
	if err != nil {
		return rep, fmt.Errorf("%s: %w", name, err)
	}
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
	im, err := newICalImport(ctx, s, opts)
	if err != nil {
		return rep, err
	}
	im.regenerated = regeneratedUIDs(items, im.ids)
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
	b, err := s.BeginImport("import "+name, cmp.Or(opts.File, name), len(items))
	if err != nil {
		return rep, err
	}
	rep.Batch = b.ID
	chunk := icalChunk
	for start := 0; start < len(items); {
		part := items[start:min(start+chunk, len(items))]
		var recs []importer.Record
		err := s.UpdateQueued(ctx, b.ID, func(tx *store.Tx) error {
			recs = recs[:0]
			for i := range part {
				recs = append(recs, im.write(tx, &part[i]))
			}
			tx.BatchDone(start + len(part))
			return nil
		})
		if errors.Is(err, store.ErrTooBig) && chunk > 16 {
			im.forget() // nothing of the chunk was written
			chunk /= 2
			continue
		}
		if err != nil {
			return rep, fmt.Errorf("%s line %d: %w", name, part[0].Line, err)
		}
		im.keep()
		for _, rec := range recs {
			rep.Add(rec)
		}
		start += len(part)
		if opts.Progress != nil {
			opts.Progress(int64(start)*size/int64(len(items)), size)
		}
	}
	if err := s.Wait(); err != nil {
		return rep, fmt.Errorf("%s: %w", name, err)
	}
	b.Counts = map[string]int{"created": rep.Created, "updated": rep.Updated}
	return rep, s.FinishBatch(b)
}

// icalImport is one run of an import: the events already stored, read
// once up front (one pass instead of an index lookup per event), and what
// this run matched and created.
type icalImport struct {
	opts    importer.Options
	ids     map[string]string // import key (UID[;RECURRENCE-ID=…]) → event ID
	titles  map[string]string // titleKey → event ID
	trashed map[string]bool   // event IDs in Trash
	people  map[string]string // email → person ID ("" when none)
	added   []func()          // undoes what the transaction under way added
	// regenerated: no UID of the file is stored, so it may be a file
	// that gives its events new UIDs on every export; only then is an
	// event with a UID matched by title and start.
	regenerated bool
	written     map[string]bool // event IDs this run wrote
}

// regeneratedUIDs reports whether a file's events have UIDs and none of
// them is stored.
func regeneratedUIDs(items []ical.Item, stored map[string]string) bool {
	has := false
	for i := range items {
		if k := items[i].Key; k != "" {
			if stored[k] != "" {
				return false
			}
			has = true
		}
	}
	return has
}

func newICalImport(ctx context.Context, s *store.Store, opts importer.Options) (*icalImport, error) {
	im := &icalImport{opts: opts, ids: map[string]string{}, titles: map[string]string{}, trashed: map[string]bool{}, people: map[string]string{}, written: map[string]bool{}}
	err := s.View(ctx, func(r *store.Reader) error {
		add := func(rec *store.Record) {
			for _, u := range rec.Elements(store.FieldUIDs) {
				im.ids[u] = rec.ID
			}
			im.titles[titleKey(rec.Scalar(store.FieldTitle), rec.Scalar(store.FieldStart), rec.Scalar(store.FieldTZ), rec.Scalar(store.FieldRecurrenceID))] = rec.ID
		}
		if err := r.Each(store.KindEvent, func(rec *store.Record) bool { add(rec); return true }); err != nil {
			return err
		}
		// Deleted events are matched too, so a re-import does not bring
		// back what the person threw away.
		trash, err := r.List(store.KindEvent, store.ListOptions{Trash: true, Limit: 1 << 30})
		if err != nil {
			return err
		}
		for _, t := range trash {
			if rec, err := r.Record(store.KindEvent, t.ID); err == nil {
				add(rec)
				im.trashed[t.ID] = true
			}
		}
		return nil
	})
	return im, err
}

func titleKey(title, start, tz, rid string) string {
	return store.NormalizeName(title) + "\x00" + start + "\x00" + tz + "\x00" + rid
}

// keep settles what the committed transaction added.
func (im *icalImport) keep() { im.added = im.added[:0] }

// forget drops what a transaction that did not commit added.
func (im *icalImport) forget() {
	for _, undo := range im.added {
		undo()
	}
	im.keep()
}

// write stores one event: matched by key (UID + RECURRENCE-ID), else by
// title and start when it has no UID, or when the whole file looks like
// one that regenerates UIDs (and then never to an event this run wrote:
// two events with different UIDs stay two), else created.
func (im *icalImport) write(tx *store.Tx, it *ical.Item) importer.Record {
	if it.IsAnswer() {
		return im.answer(tx, it)
	}
	ev := it.Event
	rec := importer.Record{Line: it.Line, Kind: store.KindEvent, Name: ev.Title, Reason: strings.Join(it.Notes, "; ")}
	fail := func(err error) importer.Record {
		rec.Action, rec.Reason = importer.Skipped, err.Error()
		return rec
	}
	if ev.RecurrenceID != "" && it.UID != "" {
		if sid := im.ids[it.UID]; sid != "" {
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
	tk := titleKey(ev.Title, ev.Start, ev.TZ, ev.RecurrenceID)
	id, how := "", ""
	if it.Key != "" {
		id = im.ids[it.Key]
	}
	if cand := im.titles[tk]; id == "" && cand != "" {
		switch {
		case it.Key == "":
			id = cand
		case im.regenerated && !im.written[cand]:
			id, how = cand, "matched by title and start (the file gave it another UID)"
		}
	}
	if id != "" && im.trashed[id] {
		rec.ID, rec.Action, rec.Reason = id, importer.Unchanged, "in Trash; restore it to import it again"
		return rec
	}
	if id != "" {
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
		rec.Reason = join(rec.Reason, how)
		im.remember(it.Key, tk, id)
		return rec
	}
	if im.opts.IDFor != nil && it.Key != "" {
		ev.ID = im.opts.IDFor(it.Key)
		if _, err := tx.CreateID(store.KindEvent, ev.ID); err != nil {
			return fail(err)
		}
	}
	id, err := tx.Merge(&ev)
	if err != nil {
		return fail(err)
	}
	im.remember(it.Key, tk, id)
	rec.ID, rec.Action = id, importer.Created
	return rec
}

// answer applies an iTIP REPLY or CANCEL to the stored event it names;
// one for an event that is not stored is skipped with that reason.
func (im *icalImport) answer(tx *store.Tx, it *ical.Item) importer.Record {
	rec := importer.Record{Line: it.Line, Kind: store.KindEvent, Name: it.Event.Title, Action: importer.Skipped}
	id := im.ids[it.Key]
	if sid := im.ids[it.UID]; id == "" && sid != "" && !im.trashed[sid] && it.Method == ical.MethodCancel && it.Event.RecurrenceID != "" {
		// One instance of a stored series cancelled: a cancelled override.
		ev := ical.CancelledInstance(it, sid)
		id, err := tx.Merge(&ev)
		if err != nil {
			rec.Reason = err.Error()
			return rec
		}
		im.remember(it.Key, titleKey(ev.Title, ev.Start, ev.TZ, ev.RecurrenceID), id)
		rec.ID, rec.Action, rec.Reason = id, importer.Created, "the organiser cancelled this instance"
		return rec
	}
	if id == "" || im.trashed[id] {
		rec.Reason = "a reply to an event that is not in Learnwork"
		if it.Method == ical.MethodCancel {
			rec.Reason = "cancels an event that is not in Learnwork"
		}
		return rec
	}
	e, err := tx.Entity(store.KindEvent, id)
	ev, ok := e.(*store.Event)
	if err != nil || !ok {
		rec.Reason = "the event it answers could not be read"
		return rec
	}
	before := *ev
	before.Attendees = slices.Clone(ev.Attendees)
	rec.ID, rec.Name, rec.Action = id, ev.Title, importer.Unchanged
	if !it.Answer(ev) {
		return rec
	}
	// Put, not Merge: a reply replaces the attendee's old status.
	if _, err := tx.Put(ev); err != nil {
		rec.Action, rec.Reason = importer.Skipped, err.Error()
		return rec
	}
	rec.Action, rec.Fields = importer.Updated, changedFields(&before, ev)
	rec.Reason = "the organiser cancelled it"
	if it.Method == ical.MethodReply {
		rec.Reason = "an attendee's reply"
	}
	return rec
}

func join(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "; " + b
}

// remember records an event written by the transaction under way.
func (im *icalImport) remember(key, tk, id string) {
	if !im.written[id] {
		im.written[id] = true
		im.added = append(im.added, func() { delete(im.written, id) })
	}
	if key != "" {
		if _, ok := im.ids[key]; !ok {
			im.added = append(im.added, func() { delete(im.ids, key) })
		}
		im.ids[key] = id
	}
	if _, ok := im.titles[tk]; !ok {
		im.added = append(im.added, func() { delete(im.titles, tk) })
		im.titles[tk] = id
	}
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
	refs, err := tx.Find(store.IndexEmail, a.Email)
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
	if id != "" {
		email := a.Email
		im.added = append(im.added, func() { delete(im.people, email) }) // created by this transaction
	}
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

// icalExporter writes events, or communities' schedules, as iCalendar.
type icalExporter struct{}

func (icalExporter) Name() string { return "ics" }

func (icalExporter) Export(ctx context.Context, s *store.Store, w io.Writer, opts importer.ExportOptions) (int, error) {
	var events []store.Event
	series := map[string]store.Event{}
	name := "Learnwork"
	err := s.View(ctx, func(r *store.Reader) error {
		var err error
		events, name, err = selectEvents(r, opts.IDs)
		if err != nil {
			return err
		}
		for _, e := range events {
			if e.Series == "" {
				continue
			}
			if ent, err := r.Entity(store.KindEvent, e.Series); err == nil {
				series[e.Series] = *ent.(*store.Event)
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	if opts.Dir != "" {
		return exportDir(opts.Dir, events, series)
	}
	return len(events), ical.Write(w, ical.Calendar{Name: name}, events, series)
}

// selectEvents gathers what an export of ids holds: each event with its
// overrides; for a community its schedule and every event linked to it.
// No ids: every event.
func selectEvents(r *store.Reader, ids []string) ([]store.Event, string, error) {
	var out []store.Event
	seen := map[string]bool{}
	add := func(id string) error {
		if seen[id] {
			return nil
		}
		ent, err := r.Entity(store.KindEvent, id)
		if err != nil {
			return err
		}
		seen[id] = true
		if ev := ent.(*store.Event); !ev.Trashed {
			out = append(out, *ev)
		}
		return nil
	}
	withOverrides := func(id string) error {
		if err := add(id); err != nil {
			return err
		}
		refs, err := r.Referrers(id)
		if err != nil {
			return err
		}
		for _, ref := range refs {
			if ref.Kind == store.KindEvent && ref.Field == store.FieldSeries {
				if err := add(ref.ID); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if len(ids) == 0 {
		err := r.Each(store.KindEvent, func(rec *store.Record) bool {
			out = append(out, *r.View(rec).(*store.Event))
			return true
		})
		return out, "Learnwork", err
	}
	name := "Learnwork"
	for _, id := range ids {
		ent, err := r.Lookup(id)
		if err != nil {
			return nil, "", err
		}
		switch e := ent.(type) {
		case *store.Event:
			if err := withOverrides(e.ID); err != nil {
				return nil, "", err
			}
		case *store.Community:
			if len(ids) == 1 {
				name = e.Name
			}
			if e.Schedule != "" {
				if err := withOverrides(e.Schedule); err != nil {
					return nil, "", err
				}
			}
			refs, err := r.Referrers(e.ID)
			if err != nil {
				return nil, "", err
			}
			for _, ref := range refs {
				if ref.Kind == store.KindEvent && ref.Field == store.FieldCommunity {
					if err := withOverrides(ref.ID); err != nil {
						return nil, "", err
					}
				}
			}
		default:
			return nil, "", fmt.Errorf("%s is a %s; export ics takes events and communities", id, ent.Base().Kind)
		}
	}
	return out, name, nil
}

// exportDir writes each series (with its overrides) or single event to a
// file of its own, named by its ID.
func exportDir(dir string, events []store.Event, series map[string]store.Event) (int, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	groups := map[string][]store.Event{}
	var order []string
	for _, e := range events {
		key := e.ID
		if e.Series != "" {
			key = e.Series
		}
		if _, ok := groups[key]; !ok {
			order = append(order, key)
		}
		groups[key] = append(groups[key], e)
	}
	for _, key := range order {
		if err := writeFileAtomic(filepath.Join(dir, key+".ics"), func(w io.Writer) error {
			return ical.Write(w, ical.Calendar{}, groups[key], series)
		}); err != nil {
			return 0, err
		}
	}
	return len(events), nil
}
