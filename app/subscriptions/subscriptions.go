// Package subscriptions keeps subscribed calendars current: a Meetup
// group's iCal feed, a Google or Outlook secret address, a community's
// published calendar. Each is fetched politely (app/fetch) and read by the
// iCalendar import as one batch per change, so fetching again changes
// nothing unless the organiser changed something, and an event gone from
// the calendar is cancelled, not deleted. A subscription is a source of
// type "calendar" (so it syncs); what was fetched is local.
package subscriptions

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"learnwork/app/feeds"
	"learnwork/app/fetch"
	"learnwork/app/importer"
	"learnwork/store"
)

// Importer reads an iCalendar file into the store (the iCalendar format).
type Importer interface {
	Import(ctx context.Context, s *store.Store, name string, r io.Reader, size int64, opts importer.Options) (*importer.Report, error)
}

// Accept asks for calendars.
const accept = "text/calendar, application/ics;q=0.9, text/plain;q=0.5, */*;q=0.1"

// State is what this device knows of fetching one subscription.
type State struct {
	URL string `json:"url"`
	fetch.Track
	Hash   string   `json:"hash,omitempty"`   // of the last calendar read
	Events []string `json:"events,omitempty"` // IDs of the events the calendar held last time
	Batch  string   `json:"batch,omitempty"`  // the last import that changed something
	// Reverted are the changed sessions this subscription moved to Trash
	// when the organiser took the change back: if the calendar changes the
	// session again they are restored, not held back as thrown away.
	Reverted []string `json:"reverted,omitempty"`
}

const pState = "cal/s/"

// Service manages calendar subscriptions over a store.
type Service struct {
	store   *store.Store
	fetcher *fetch.Fetcher
	ical    Importer
	now     func() time.Time
}

// New makes the service; now nil is time.Now.
func New(s *store.Store, f *fetch.Fetcher, ical Importer, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{store: s, fetcher: f, ical: ical, now: now}
}

// Status is a subscription as the person sees it.
type Status struct {
	ID          string    `json:"id"` // the subscription's source
	Name        string    `json:"name"`
	URL         string    `json:"url"`
	LastFetch   time.Time `json:"lastFetch,omitzero"`
	LastSuccess time.Time `json:"lastSuccess,omitzero"`
	Next        time.Time `json:"next,omitzero"`
	Problem     string    `json:"problem,omitempty"`
	Events      int       `json:"events"` // in the calendar at the last fetch
	// What the last fetch did: events created, updated and cancelled
	// because the calendar no longer has them.
	Created   int    `json:"created,omitempty"`
	Updated   int    `json:"updated,omitempty"`
	Cancelled int    `json:"cancelled,omitempty"`
	Batch     string `json:"batch,omitempty"` // undo the last change with undo-import
}

type sub struct{ id, name, url string }

func (sv *Service) subs(ctx context.Context) ([]sub, error) {
	var out []sub
	err := sv.store.View(ctx, func(r *store.Reader) error {
		return r.Each(store.KindSource, func(rec *store.Record) bool {
			if rec.Scalar("type") == feeds.TypeCalendar && !rec.Trashed() && rec.Scalar("feed") != "" {
				out = append(out, sub{id: rec.ID, name: rec.Scalar("name"), url: rec.Scalar("feed")})
			}
			return true
		})
	})
	slices.SortFunc(out, func(a, b sub) int { return strings.Compare(strings.ToLower(a.name), strings.ToLower(b.name)) })
	return out, err
}

func key(url string) []byte { return []byte(pState + feeds.FeedKey(url)) }

func (sv *Service) state(url string) (State, error) {
	b, err := sv.store.Cache().Get(key(url))
	if errors.Is(err, store.ErrNotFound) {
		return State{URL: url}, nil
	}
	if err != nil {
		return State{}, err
	}
	var st State
	if err := json.Unmarshal(b, &st); err != nil || st.URL != url {
		return State{URL: url}, nil
	}
	return st, nil
}

func (sv *Service) setState(st State) error {
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	return sv.store.Cache().Update(func(tx *store.CacheTx) error { return tx.Set(key(st.URL), b) })
}

func status(s sub, st State) Status {
	return Status{ID: s.id, Name: s.name, URL: s.url, LastFetch: st.LastFetch, LastSuccess: st.LastSuccess, Next: st.Next, Problem: st.Problem, Events: len(st.Events), Batch: st.Batch}
}

// List is every subscription with its last and next fetch and problem.
func (sv *Service) List(ctx context.Context) ([]Status, error) {
	subs, err := sv.subs(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Status, 0, len(subs))
	for _, s := range subs {
		st, err := sv.state(s.url)
		if err != nil {
			return nil, err
		}
		out = append(out, status(s, st))
	}
	return out, nil
}

// ErrNotCalendar is an address whose answer holds no events.
var ErrNotCalendar = errors.New("this address does not give a calendar")

// Subscribe adds a subscription to an https or webcal address and fetches
// it at once; name empty takes the calendar's own name. Subscribing again
// to the same address fetches it again. The subscription is kept even when
// the first fetch fails (the machine may be offline); Status says why.
func (sv *Service) Subscribe(ctx context.Context, address, name string) (Status, error) {
	u, err := fetch.Normalize(address)
	if err != nil {
		return Status{}, err
	}
	address = strings.TrimSpace(address)
	subs, err := sv.subs(ctx)
	if err != nil {
		return Status{}, err
	}
	var s *sub
	for i := range subs {
		if feeds.FeedKey(subs[i].url) == feeds.FeedKey(u.String()) || subs[i].url == address {
			s = &subs[i]
		}
	}
	if s == nil {
		if name = strings.TrimSpace(name); name == "" {
			name = u.Host + " calendar"
		}
		var id string
		err := sv.store.Update(ctx, func(tx *store.Tx) error {
			var err error
			id, err = tx.Put(&store.Source{Meta: store.Meta{Kind: store.KindSource}, Name: name, Type: feeds.TypeCalendar, URL: u.String(), Feed: address})
			return err
		})
		if err != nil {
			return Status{}, err
		}
		s = &sub{id: id, name: name, url: address}
	}
	return sv.one(ctx, *s, true)
}

// Unsubscribe stops following a subscription (by its address or ID): its
// source goes to Trash; the events it brought stay.
func (sv *Service) Unsubscribe(ctx context.Context, addressOrID string) (Status, error) {
	subs, err := sv.subs(ctx)
	if err != nil {
		return Status{}, err
	}
	want := strings.TrimSpace(addressOrID)
	for _, s := range subs {
		if s.id == want || s.url == want || feeds.FeedKey(s.url) == feeds.FeedKey(want) {
			st, _ := sv.state(s.url)
			err := sv.store.Update(ctx, func(tx *store.Tx) error { return tx.Delete(store.KindSource, s.id) })
			if err != nil {
				return Status{}, err
			}
			_ = sv.store.Cache().Update(func(tx *store.CacheTx) error { return tx.Delete(key(s.url)) })
			return status(s, st), nil
		}
	}
	return Status{}, fmt.Errorf("no calendar subscription %q: %w", want, store.ErrNotFound)
}

// Refresh fetches the subscriptions that are due (all with force).
func (sv *Service) Refresh(ctx context.Context, force bool, progress func(done, total int)) ([]Status, error) {
	subs, err := sv.subs(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Status, 0, len(subs))
	for i, s := range subs {
		st, err := sv.one(ctx, s, force)
		if err != nil {
			return out, err
		}
		out = append(out, st)
		if progress != nil {
			progress(i+1, len(subs))
		}
	}
	return out, nil
}

// one fetches one subscription if due (or forced) and imports a changed
// calendar. Fetch failures are in the status; the error is the store's.
func (sv *Service) one(ctx context.Context, s sub, force bool) (Status, error) {
	st, err := sv.state(s.url)
	if err != nil {
		return Status{}, err
	}
	now := sv.now()
	if !force && !st.Due(now) {
		return status(s, st), nil
	}
	resp, err := sv.fetcher.Get(ctx, st.Request(s.url, accept))
	if err == nil && !resp.NotModified && !bytes.Contains(resp.Body[:min(len(resp.Body), 4096)], []byte("BEGIN:VCALENDAR")) {
		err = fetch.NotFeed(s.url, ErrNotCalendar)
	}
	if err != nil {
		if ctx.Err() != nil {
			return status(s, st), ctx.Err()
		}
		st.Failed(err, now)
		if errors.Is(err, fetch.ErrNotAFeed) {
			st.Problem = "this address does not give a calendar: check it, or copy the calendar's iCal address again"
		}
		return status(s, st), sv.setState(st)
	}
	st.Succeeded(resp, now, 0)
	var res Status
	if !resp.NotModified {
		sum := sha256.Sum256(resp.Body)
		if hash := hex.EncodeToString(sum[:]); hash != st.Hash {
			if res, err = sv.read(ctx, s, &st, resp.Body); err != nil {
				// Not imported: the next fetch must not take it as known.
				st.ETag, st.LastModified, st.Hash = "", "", ""
				_ = sv.setState(st)
				return status(s, st), err
			}
			st.Hash = hash
		}
	}
	out := status(s, st)
	out.Created, out.Updated, out.Cancelled = res.Created, res.Updated, res.Cancelled
	return out, sv.setState(st)
}

// read imports a calendar that differs from the last one read: first as a
// dry run, so a calendar that only restamped its events (Google writes a
// new DTSTAMP on every fetch) leaves no empty import behind; then for real,
// cancelling the events it no longer has in the same batch.
func (sv *Service) read(ctx context.Context, s sub, st *State, body []byte) (Status, error) {
	name := s.name + " (subscription)"
	var res Status
	// Events are named after the calendar and their UID, so a second
	// device reading this calendar before it syncs makes the same ones.
	ns := uuid.NewSHA1(uuid.NameSpaceURL, []byte(feeds.FeedKey(s.url)))
	idFor := func(key string) string { return uuid.NewSHA1(ns, []byte(key)).String() }
	dry, err := sv.ical.Import(ctx, sv.store, name, bytes.NewReader(body), int64(len(body)), importer.Options{DryRun: true, IDFor: idFor})
	if err != nil {
		return res, fmt.Errorf("read calendar %s: %w", s.name, err)
	}
	present := eventIDs(dry)
	gone, reverted, err := sv.gone(ctx, st.Events, present)
	if err != nil {
		return res, err
	}
	back, err := sv.cameBack(ctx, st.Reverted, present)
	if err != nil {
		return res, err
	}
	if dry.Created == 0 && dry.Updated == 0 && len(gone)+len(reverted)+len(back) == 0 {
		st.Events = present
		return res, nil
	}
	if len(back) > 0 {
		// Out of Trash first, so the import writes the calendar's change
		// into them.
		err := sv.store.Update(ctx, func(tx *store.Tx) error {
			for _, id := range back {
				if err := tx.Restore(store.KindEvent, id); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return res, fmt.Errorf("restore sessions %s changes again: %w", s.name, err)
		}
		st.Reverted = slices.DeleteFunc(st.Reverted, func(id string) bool { return slices.Contains(back, id) })
	}
	rep, err := sv.ical.Import(ctx, sv.store, name, bytes.NewReader(body), int64(len(body)), importer.Options{IDFor: idFor})
	if err != nil {
		return res, fmt.Errorf("read calendar %s: %w", s.name, err)
	}
	res.Created, res.Updated = rep.Created, rep.Updated
	present = eventIDs(rep)
	if gone, reverted, err = sv.gone(ctx, st.Events, present); err != nil {
		return res, err
	}
	if len(gone)+len(reverted) > 0 {
		note := fmt.Sprintf("Cancelled: no longer in the calendar %q (%s).", s.name, sv.now().Format("2 Jan 2006"))
		err := sv.store.UpdateBatch(ctx, rep.Batch, func(tx *store.Tx) error {
			// A session's change taken back: the session is as the series
			// says again (undo-import brings the change back).
			for _, id := range reverted {
				if err := tx.Delete(store.KindEvent, id); err != nil {
					return err
				}
			}
			for _, id := range gone {
				rec, err := tx.Record(store.KindEvent, id)
				if err != nil {
					return err
				}
				if err := tx.Set(store.KindEvent, id, "status", "CANCELLED"); err != nil {
					return err
				}
				notes := rec.Scalar("notes")
				if !strings.Contains(notes, note) {
					if err := tx.Set(store.KindEvent, id, "notes", strings.TrimSpace(notes+"\n\n"+note)); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			return res, fmt.Errorf("cancel events gone from %s: %w", s.name, err)
		}
		res.Cancelled = len(gone)
		res.Updated += len(reverted)
		st.Reverted = append(st.Reverted, reverted...)
	}
	st.Events, st.Batch = present, rep.Batch
	return res, nil
}

func eventIDs(rep *importer.Report) []string {
	var out []string
	for _, r := range rep.Records {
		if r.Kind == store.KindEvent && r.ID != "" && r.Action != importer.Skipped {
			out = append(out, r.ID)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// cameBack is the sessions this subscription reverted (moved to Trash)
// that the calendar has again.
func (sv *Service) cameBack(ctx context.Context, reverted, now []string) ([]string, error) {
	var out []string
	err := sv.events(ctx, reverted, func(rec *store.Record) {
		if has(now, rec.ID) && rec.Trashed() {
			out = append(out, rec.ID)
		}
	})
	return out, err
}

// gone is the events the calendar held before and not now that are still
// live and not cancelled, and reverted the changed sessions (overrides)
// it no longer has while it still has their series: the organiser took
// the change back, so the session is as the series says again, neither
// cancelled nor still changed.
func (sv *Service) gone(ctx context.Context, before, now []string) (gone, reverted []string, err error) {
	err = sv.events(ctx, before, func(rec *store.Record) {
		switch {
		case has(now, rec.ID) || rec.Trashed():
		case rec.Scalar("series") != "" && has(now, rec.Scalar("series")):
			reverted = append(reverted, rec.ID)
		case !strings.EqualFold(rec.Scalar("status"), "CANCELLED"):
			gone = append(gone, rec.ID)
		}
	})
	return gone, reverted, err
}

// events calls fn with each of the events ids names that is stored.
func (sv *Service) events(ctx context.Context, ids []string, fn func(*store.Record)) error {
	return sv.store.View(ctx, func(r *store.Reader) error {
		for _, id := range ids {
			rec, err := r.Record(store.KindEvent, id)
			if errors.Is(err, store.ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			fn(rec)
		}
		return nil
	})
}

// has reports whether sorted ids holds id.
func has(ids []string, id string) bool {
	_, ok := slices.BinarySearch(ids, id)
	return ok
}
