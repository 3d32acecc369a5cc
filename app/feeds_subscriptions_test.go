package app

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	stdsync "sync"
	"testing"
	"time"

	"learnwork/app/fetch"
	"learnwork/app/subscriptions"
	"learnwork/store"
)

// Calendar subscriptions (app/subscriptions) read through the iCalendar
// import, as the feeds service wires them.

// A Meetup-style group calendar, as the organiser changes it.
const calV1 = `BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Meetup//RemoteApi//EN
CALSCALE:GREGORIAN
METHOD:PUBLISH
X-WR-CALNAME:L&D Meetup London
BEGIN:VEVENT
DTSTAMP:%s
DTSTART;TZID=Europe/London:20261210T183000
DTEND;TZID=Europe/London:20261210T203000
STATUS:CONFIRMED
SUMMARY:Book club: Make It Stick
UID:event_301234567@meetup.com
URL:https://www.meetup.com/ld-meetup-london/events/301234567/
LOCATION:The Library (1 Example St\, London)
END:VEVENT
BEGIN:VEVENT
DTSTAMP:%s
DTSTART;TZID=Europe/London:20270114T183000
DTEND;TZID=Europe/London:20270114T203000
STATUS:CONFIRMED
SUMMARY:New year show and tell
UID:event_301234999@meetup.com
END:VEVENT
%sEND:VCALENDAR
`

const lrnchat = `BEGIN:VEVENT
DTSTAMP:20261201T000000Z
DTSTART;TZID=America/New_York:20261203T203000
DURATION:PT1H
RRULE:FREQ=WEEKLY;BYDAY=TH
SUMMARY:#lrnchat
UID:lrnchat-weekly@example.org
END:VEVENT
`

// calV2: the book club moved a week, the show and tell is gone.
const calV2 = `BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Meetup//RemoteApi//EN
BEGIN:VEVENT
DTSTAMP:20261207T120000Z
DTSTART;TZID=Europe/London:20261217T183000
DTEND;TZID=Europe/London:20261217T203000
STATUS:CONFIRMED
SUMMARY:Book club: Make It Stick
UID:event_301234567@meetup.com
END:VEVENT
` + lrnchat + `END:VCALENDAR
`

type organiser struct {
	stdsync.Mutex
	body  string
	etag  string
	stamp int
}

func (o *organiser) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	o.Lock()
	defer o.Unlock()
	if r.URL.Path == "/page" {
		w.Write([]byte("<html><body>Sign in to see this calendar</body></html>"))
		return
	}
	if o.etag != "" && r.Header.Get("If-None-Match") == o.etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if o.etag != "" {
		w.Header().Set("ETag", o.etag)
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	body := o.body
	if strings.Count(body, "%s") == 3 {
		// Like Google: a new DTSTAMP on every answer, nothing else changed.
		o.stamp++
		stamp := fmt.Sprintf("20261207T1200%02dZ", o.stamp)
		body = fmt.Sprintf(body, stamp, stamp, lrnchat)
	}
	w.Write([]byte(body))
}

func TestSubscriptionFollowsTheOrganiser(t *testing.T) {
	ctx := context.Background()
	org := &organiser{body: calV1, etag: `"v1"`}
	srv := httptest.NewTLSServer(org)
	defer srv.Close()
	s, err := store.Open("")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now := time.Date(2026, 12, 7, 13, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	f := fetch.New(fetch.Options{MinInterval: time.Millisecond, Transport: srv.Client().Transport, Now: clock})
	sv := subscriptions.New(s, f, icalFormat{}, clock)

	// webcal:// is fetched over https.
	address := strings.Replace(srv.URL, "https://", "webcal://", 1) + "/ld-meetup.ics"
	st, err := sv.Subscribe(ctx, address, "L&D Meetup London")
	if err != nil {
		t.Fatal(err)
	}
	if st.Problem != "" || st.Created != 3 || st.Events != 3 || st.Batch == "" || !st.Next.Equal(now.Add(fetch.DefaultEvery)) {
		t.Fatalf("first fetch: %+v", st)
	}
	batches := func() int {
		bs, err := s.Batches()
		if err != nil {
			t.Fatal(err)
		}
		return len(bs)
	}
	if batches() != 1 {
		t.Fatalf("%d imports after the first fetch, want 1", batches())
	}

	// Fetched again: a 304, then (without ETags) a calendar that only has
	// new DTSTAMPs. Neither changes anything or leaves an import behind.
	vv := s.Vector()
	for _, etag := range []string{`"v1"`, "", ""} {
		org.Lock()
		org.etag = etag
		org.Unlock()
		res, err := sv.Refresh(ctx, true, nil)
		if err != nil || len(res) != 1 || res[0].Problem != "" || res[0].Created+res[0].Updated+res[0].Cancelled != 0 {
			t.Fatalf("refetch (etag %q): %+v, %v", etag, res, err)
		}
	}
	if s.Vector().Compare(vv) != store.Equal || batches() != 1 {
		t.Errorf("refetching an unchanged calendar wrote changes or left %d imports", batches())
	}

	// Not due yet: not fetched.
	org.Lock()
	org.body, org.etag = calV2, `"v2"`
	org.Unlock()
	if res, _ := sv.Refresh(ctx, false, nil); res[0].Updated != 0 || !res[0].LastFetch.Equal(now) {
		t.Errorf("a subscription not due was fetched: %+v", res[0])
	}
	// Two hours on, the organiser's changes come in: the book club moved,
	// the show and tell is cancelled, not deleted.
	now = now.Add(2 * time.Hour)
	res, err := sv.Refresh(ctx, false, nil)
	if err != nil || res[0].Updated != 1 || res[0].Cancelled != 1 || res[0].Created != 0 || res[0].Events != 2 {
		t.Fatalf("after the organiser's changes: %+v, %v", res, err)
	}
	var gone *store.Event
	var moved string
	s.View(ctx, func(r *store.Reader) error {
		return r.Each(store.KindEvent, func(rec *store.Record) bool {
			e := r.View(rec).(*store.Event)
			switch e.Title {
			case "New year show and tell":
				gone = e
			case "Book club: Make It Stick":
				moved = e.Start
			}
			return true
		})
	})
	if gone == nil || gone.Trashed || gone.Status != "CANCELLED" || !strings.Contains(gone.Notes, `no longer in the calendar "L&D Meetup London" (7 Dec 2026)`) {
		t.Errorf("the event the organiser removed: %+v", gone)
	}
	if moved != "2026-12-17T18:30:00" {
		t.Errorf("the book club starts %s, want the 17th", moved)
	}
	// Undoing that fetch's import brings the show and tell back.
	if _, err := s.Undo(ctx, res[0].Batch); err != nil {
		t.Fatal(err)
	}
	s.View(ctx, func(r *store.Reader) error {
		return r.Each(store.KindEvent, func(rec *store.Record) bool {
			if rec.Scalar("title") == "New year show and tell" && rec.Scalar("status") != "CONFIRMED" {
				t.Errorf("after undo the show and tell is %q", rec.Scalar("status"))
			}
			return true
		})
	})

	// An address that answers with a web page says so.
	bad, err := sv.Subscribe(ctx, srv.URL+"/page", "")
	if err != nil || !strings.Contains(bad.Problem, "does not give a calendar") {
		t.Errorf("a sign-in page: %+v, %v", bad, err)
	}
	list, _ := sv.List(ctx)
	if len(list) != 2 {
		t.Fatalf("%d subscriptions, want 2", len(list))
	}
	if _, err := sv.Unsubscribe(ctx, address); err != nil {
		t.Fatal(err)
	}
	if list, _ := sv.List(ctx); len(list) != 1 || list[0].ID != bad.ID {
		t.Errorf("after unsubscribing: %+v", list)
	}
	n := 0
	s.View(ctx, func(r *store.Reader) error {
		return r.Each(store.KindEvent, func(rec *store.Record) bool {
			if !rec.Trashed() {
				n++
			}
			return true
		})
	})
	if n != 3 {
		t.Errorf("%d events left after unsubscribing, want the 3 it brought", n)
	}
}

// Two devices that read the same subscribed calendar before they sync end
// with one copy of each event.
func TestTwoDevicesOneCalendar(t *testing.T) {
	ctx := context.Background()
	org := &organiser{body: calV2, etag: `"v2"`}
	srv := httptest.NewTLSServer(org)
	defer srv.Close()
	now := time.Date(2026, 12, 7, 13, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	device := func() *store.Store {
		s, err := store.Open("")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		f := fetch.New(fetch.Options{MinInterval: time.Millisecond, Transport: srv.Client().Transport, Now: clock})
		if st, err := subscriptions.New(s, f, icalFormat{}, clock).Subscribe(ctx, srv.URL+"/cal.ics", "Meetup"); err != nil || st.Created != 2 {
			t.Fatalf("subscribe: %+v, %v", st, err)
		}
		return s
	}
	a, b := device(), device()
	pr, pw := io.Pipe()
	go func() { _, err := a.Backup(ctx, pw); pw.CloseWithError(err) }()
	if _, err := b.Restore(ctx, pr, nil); err != nil {
		t.Fatal(err)
	}
	b.View(ctx, func(r *store.Reader) error {
		if n := r.Count(store.KindEvent); n != 2 {
			t.Errorf("%d events after the devices met, want 2", n)
		}
		return nil
	})
}

// calReinstated is a group's calendar: the weekly chat, one week's chat
// moved an hour (an override), and a one-off workshop. drop leaves out
// the moved week and the workshop, as an organiser who cancels them does.
func calReinstated(drop bool) string {
	moved := `BEGIN:VEVENT
DTSTAMP:20261201T000000Z
RECURRENCE-ID;TZID=America/New_York:20261217T203000
DTSTART;TZID=America/New_York:20261217T213000
DURATION:PT1H
SUMMARY:#lrnchat (an hour later)
UID:lrnchat-weekly@example.org
END:VEVENT
BEGIN:VEVENT
DTSTAMP:20261201T000000Z
DTSTART;TZID=Europe/London:20270121T100000
DTEND;TZID=Europe/London:20270121T120000
STATUS:CONFIRMED
SUMMARY:Workshop: feedback that lands
UID:workshop-1@example.org
END:VEVENT
`
	if drop {
		moved = ""
	}
	return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//EN\r\n" + lrnchat + moved + "END:VCALENDAR\r\n"
}

// An event the organiser cancelled and later reinstated comes back on
// every device, not only on the one that fetched the calendar. Both
// computers follow the calendar (the subscription syncs) and fetch it in
// turn or not at all, syncing between.
func TestReinstatedEventComesBackOnEveryDevice(t *testing.T) {
	for _, steps := range []string{
		"A:drop sync A:back sync",
		"A:drop sync B:drop sync A:back sync",
		"A:drop B:drop sync A:back sync",
		"A:drop sync A:back B:back sync",
		"A:drop B:drop A:back sync",
		"A:drop sync B:drop A:back sync B:back sync",
		"A:drop sync B:drop sync B:back A:back sync",
	} {
		t.Run(steps, func(t *testing.T) { reinstated(t, strings.Fields(steps)) })
	}
}

func reinstated(t *testing.T, steps []string) {
	ctx := context.Background()
	org := &organiser{body: calReinstated(false)}
	srv := httptest.NewTLSServer(org)
	defer srv.Close()
	now := time.Date(2026, 12, 7, 13, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	type device struct {
		s  *store.Store
		sv *subscriptions.Service
	}
	open := func() device {
		s, err := store.Open("")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		f := fetch.New(fetch.Options{MinInterval: time.Millisecond, Transport: srv.Client().Transport, Now: clock})
		return device{s, subscriptions.New(s, f, icalFormat{}, clock)}
	}
	devs := map[string]device{"A": open(), "B": open()}
	sync := func() {
		t.Helper()
		for _, p := range [][2]*store.Store{{devs["A"].s, devs["B"].s}, {devs["B"].s, devs["A"].s}} {
			var raws [][]byte
			err := p[0].ChangesSince(ctx, p[1].Vector(), func(raw []byte) error { raws = append(raws, slices.Clone(raw)); return nil })
			if err != nil {
				t.Fatal(err)
			}
			if _, err := p[1].ApplyChanges(ctx, raws, store.Ack{}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if st, err := devs["A"].sv.Subscribe(ctx, srv.URL+"/group.ics", "Learning group"); err != nil || st.Problem != "" {
		t.Fatalf("subscribe: %+v, %v", st, err)
	}
	sync()
	fetchAs := func(d device, body string) {
		t.Helper()
		org.Lock()
		org.body = body
		org.Unlock()
		if res, err := d.sv.Refresh(ctx, true, nil); err != nil || len(res) != 1 || res[0].Problem != "" {
			t.Fatalf("refresh: %+v, %v", res, err)
		}
	}
	fetchAs(devs["B"], calReinstated(false))
	sync()
	// What a device shows of the moved week and the workshop.
	shown := func(s *store.Store) string {
		t.Helper()
		var out []string
		err := s.View(ctx, func(r *store.Reader) error {
			trash, err := r.List(store.KindEvent, store.ListOptions{Trash: true})
			for _, e := range trash {
				out = append(out, e.Title+" in Trash")
			}
			if err != nil {
				return err
			}
			return r.Each(store.KindEvent, func(rec *store.Record) bool {
				if title := rec.Scalar("title"); title != "#lrnchat" {
					out = append(out, title+" "+strings.ToLower(cmp.Or(rec.Scalar("status"), "on")))
				}
				return true
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(out)
		return strings.Join(out, ", ")
	}
	for _, step := range steps {
		if step == "sync" {
			sync()
			continue
		}
		who, what, _ := strings.Cut(step, ":")
		fetchAs(devs[who], calReinstated(what == "drop"))
	}
	for who, d := range devs {
		if got, want := shown(d.s), "#lrnchat (an hour later) on, Workshop: feedback that lands confirmed"; got != want {
			t.Errorf("%s shows %s, want %s", who, got, want)
		}
	}
}
