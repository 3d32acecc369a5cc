package app

import (
	"errors"
	"strings"
	"testing"

	"learnwork/store"
)

type recordingNotifier struct {
	got  []string
	fail error
}

func (r *recordingNotifier) Notify(title, body string) error {
	if r.fail != nil {
		return r.fail
	}
	r.got = append(r.got, title+" | "+body)
	return nil
}

func (r *recordingNotifier) take() []string {
	out := r.got
	r.got = nil
	return out
}

func TestRemindersArriveAndNothingIsLost(t *testing.T) {
	c := &clock{}
	c.set("2026-01-01 09:00")
	sv := nurtureServices(t, c) // a community session every Tuesday 19:00 from 6 January
	must(sv.SavePerson(store.Person{Name: "Ada Lovelace", Cadence: "14"}))
	lrn := must(sv.SaveCommunity(store.Community{Name: "#lrnchat", Schedule: "series"}))
	n := &recordingNotifier{}
	rem := NewReminders(sv, n)
	check := func(at string) []string {
		t.Helper()
		c.set(at)
		if err := rem.Check(); err != nil {
			t.Fatal(err)
		}
		return n.take()
	}

	if got := check("2026-01-06 08:00"); len(got) != 0 {
		t.Errorf("before the digest hour: %q", got)
	}
	if got := check("2026-01-06 09:01"); len(got) != 1 || !strings.HasPrefix(got[0], "Learnwork: #lrnchat today at 19:00 | ") {
		t.Errorf("the digest on a session day: %q", got)
	}
	if got := check("2026-01-06 18:50"); len(got) != 1 || !strings.HasPrefix(got[0], "#lrnchat starts at 19:00 | See you there.") {
		t.Errorf("before the session: %q", got)
	}
	if got := check("2026-01-06 18:55"); len(got) != 0 {
		t.Errorf("session nudge repeated: %q", got)
	}
	if err := sv.MarkSession(lrn, "2026-01-06", true); err != nil {
		t.Fatal(err)
	}

	// The app was closed from the 6th to the 16th afternoon: the digest
	// comes at the first check, once.
	got := check("2026-01-16 15:30")
	if len(got) != 1 || !strings.HasPrefix(got[0], "Learnwork: 1 due to reconnect; 1 session to mark | Ada Lovelace: nothing logged since you added them 15 days ago, cadence 14") {
		t.Errorf("digest after a closed week: %q", got)
	}
	if got := check("2026-01-16 17:00"); len(got) != 0 {
		t.Errorf("digest repeated the same day: %q", got)
	}

	// A failed notification is tried again at the next check.
	n.fail = errors.New("no notification daemon")
	c.set("2026-01-17 09:30")
	if err := rem.Check(); err == nil {
		t.Error("failure not reported")
	}
	n.fail = nil
	if got := check("2026-01-17 09:31"); len(got) != 1 {
		t.Errorf("retry after failure: %q", got)
	}

	// Switched off, nothing comes.
	if err := sv.SetNurtureSettings(NurtureSettings{Reminders: false, Hour: 9, MissedN: 3}); err != nil {
		t.Fatal(err)
	}
	if got := check("2026-01-20 18:50"); len(got) != 0 {
		t.Errorf("reminders off, but: %q", got)
	}
}
