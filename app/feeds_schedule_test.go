package app

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"learnwork/app/fetch"
	"learnwork/store"
)

// A weekly chat's published calendar as its organiser changes it.
const (
	chatHead = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nX-WR-CALNAME:#lrnchat\r\n"
	// The series: Thursdays 20:30 in New York from 3 December.
	chatSeries = "BEGIN:VEVENT\r\nDTSTAMP:20261201T000000Z\r\nDTSTART;TZID=America/New_York:20261203T203000\r\nDURATION:PT1H\r\nRRULE:FREQ=WEEKLY;BYDAY=TH\r\nSUMMARY:#lrnchat\r\nUID:lrnchat-weekly@example.org\r\nEND:VEVENT\r\n"
	// The 10 December chat moved to Friday 19:00.
	chatMoved = "BEGIN:VEVENT\r\nDTSTAMP:20261207T140000Z\r\nRECURRENCE-ID;TZID=America/New_York:20261210T203000\r\nDTSTART;TZID=America/New_York:20261211T190000\r\nDURATION:PT1H\r\nSUMMARY:#lrnchat (Friday this week)\r\nUID:lrnchat-weekly@example.org\r\nEND:VEVENT\r\n"
	// The 24 December chat cancelled.
	chatCancelled = "BEGIN:VEVENT\r\nDTSTAMP:20261207T140000Z\r\nRECURRENCE-ID;TZID=America/New_York:20261224T203000\r\nDTSTART;TZID=America/New_York:20261224T203000\r\nDURATION:PT1H\r\nSTATUS:CANCELLED\r\nSUMMARY:#lrnchat\r\nUID:lrnchat-weekly@example.org\r\nEND:VEVENT\r\n"
	chatEnd       = "END:VCALENDAR\r\n"
)

// A community's schedule follows its subscribed calendar: a session the
// organiser moves is at its new time, one they cancel is not a session
// (so nobody misses it), and a move they take back puts the session back
// at its usual time rather than cancelling it.
func TestScheduleFollowsTheOrganiser(t *testing.T) {
	ctx := context.Background()
	org := &organiser{body: chatHead + chatSeries + chatEnd}
	srv := httptest.NewServer(org)
	defer srv.Close()
	now := time.Date(2026, 12, 7, 13, 0, 0, 0, time.UTC)
	s, err := store.Open("")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	a := testApp(t, s, Options{Now: func() time.Time { return now }, Fetch: fetch.Options{MinInterval: time.Millisecond}})
	if st, err := a.Feeds.cals.Subscribe(ctx, srv.URL+"/lrnchat.ics", "#lrnchat"); err != nil || st.Problem != "" || st.Created != 1 {
		t.Fatalf("subscribe: %+v, %v", st, err)
	}
	var series string
	err = s.View(ctx, func(r *store.Reader) error {
		return r.Each(store.KindEvent, func(rec *store.Record) bool {
			if rec.Scalar("recurrenceid") == "" {
				series = rec.ID
			}
			return true
		})
	})
	if err != nil || series == "" {
		t.Fatalf("no series after subscribing: %v", err)
	}
	if _, err := a.Entities.SaveCommunity(store.Community{Name: "#lrnchat", Schedule: series}); err != nil {
		t.Fatal(err)
	}
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	at := func(day, hour, minute int) string {
		return time.Date(2026, 12, day, hour, minute, 0, 0, ny).UTC().Format(time.RFC3339)
	}
	sessions := func() string {
		t.Helper()
		var out []string
		err := s.View(ctx, func(r *store.Reader) error {
			ts, err := a.Calendar.schedules(r).Sessions(series, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 12, 0, 0, 0, time.UTC))
			for _, x := range ts {
				out = append(out, x.UTC().Format(time.RFC3339))
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(out, " ")
	}
	publish := func(step, body string, want ...string) {
		t.Helper()
		org.Lock()
		org.body = body
		org.Unlock()
		now = now.Add(fetch.DefaultEvery + time.Minute)
		res, err := a.Feeds.cals.Refresh(ctx, false, nil)
		if err != nil || len(res) != 1 || res[0].Problem != "" {
			t.Fatalf("%s: %+v, %v", step, res, err)
		}
		if got := sessions(); got != strings.Join(want, " ") {
			t.Errorf("%s: sessions\n%s\nwant\n%s", step, got, strings.Join(want, " "))
		}
	}

	if got, want := sessions(), strings.Join([]string{at(3, 20, 30), at(10, 20, 30), at(17, 20, 30), at(24, 20, 30), at(31, 20, 30)}, " "); got != want {
		t.Fatalf("sessions as published:\n%s\nwant\n%s", got, want)
	}
	publish("one moved, one cancelled", chatHead+chatSeries+chatMoved+chatCancelled+chatEnd,
		at(3, 20, 30), at(11, 19, 0), at(17, 20, 30), at(31, 20, 30))
	publish("the move taken back", chatHead+chatSeries+chatCancelled+chatEnd,
		at(3, 20, 30), at(10, 20, 30), at(17, 20, 30), at(31, 20, 30))
	publish("the cancellation taken back", chatHead+chatSeries+chatEnd,
		at(3, 20, 30), at(10, 20, 30), at(17, 20, 30), at(24, 20, 30), at(31, 20, 30))
	publish("moved again", chatHead+chatSeries+chatMoved+chatEnd,
		at(3, 20, 30), at(11, 19, 0), at(17, 20, 30), at(24, 20, 30), at(31, 20, 30))
	// The whole chat gone from the calendar: its sessions are cancelled,
	// and the series says why.
	publish("the chat gone", chatHead+chatEnd)
	ev, err := a.Entities.GetEvent(series)
	if err != nil || ev.Trashed || ev.Status != "CANCELLED" || !strings.Contains(ev.Notes, `no longer in the calendar "#lrnchat"`) {
		t.Errorf("the series gone from the calendar: %+v, %v", ev, err)
	}
}
