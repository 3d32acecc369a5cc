package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"learnwork/internal/racebuild"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestListEventsOccurrences(t *testing.T) {
	data := t.TempDir()
	google := filepath.Join("..", "ical", "testdata", "google.ics")
	mustLW(t, data, "import", google)
	out := mustLW(t, data, "list", "events", "--from", "2026-03-01", "--to", "2026-03-14")
	want := []string{
		"2026-03-05 20:30 America/New_York  to 21:30  #lrnchat",
		"2026-03-13 20:00 America/New_York  to 21:00  #lrnchat (Friday edition)",
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("missing %q in:\n%s", w, out)
		}
	}
	if strings.Contains(out, "2026-03-12") {
		t.Errorf("the moved instance still shows on its old day:\n%s", out)
	}
	var items []struct {
		Start     time.Time `json:"start"`
		End       time.Time `json:"end"`
		TZ        string    `json:"tz"`
		Title     string    `json:"title"`
		SeriesUID string    `json:"seriesUid"`
		SeriesID  string    `json:"seriesId"`
		EventID   string    `json:"eventId"`
		Override  bool      `json:"override"`
	}
	if err := json.Unmarshal([]byte(mustLW(t, data, "list", "events", "--from", "2026-03-01", "--to", "2026-03-14", "--json")), &items); err != nil {
		t.Fatal(err)
	}
	if len(items) != 2 || items[1].SeriesUID != "4k2v9lrnchat0c8q1lq8vq1h3s@google.com" || !items[1].Override || items[1].EventID == items[1].SeriesID ||
		items[0].Start.Format(time.RFC3339) != "2026-03-05T20:30:00-05:00" || items[0].TZ != "America/New_York" {
		t.Errorf("--json: %+v", items)
	}
	// Without --from/--to the stored events are listed, as for any kind.
	if out := mustLW(t, data, "list", "events"); !strings.Contains(out, "2026-01-08T20:30:00  #lrnchat") {
		t.Errorf("list events:\n%s", out)
	}
	if _, errs, code := lw(t, data, "list", "events", "--from", "2026-13-01"); code != 2 || !strings.Contains(errs, "2026-13-01") {
		t.Errorf("bad date: exit %d, %s", code, errs)
	}
}

func TestProposalsAcceptDismiss(t *testing.T) {
	data := t.TempDir()
	for _, f := range []string{"apple.ics", "meetup.ics"} {
		mustLW(t, data, "import", filepath.Join("..", "ical", "testdata", f))
	}
	var ps []struct{ Key, Name, Schedule string }
	if err := json.Unmarshal([]byte(mustLW(t, data, "proposals", "--json")), &ps); err != nil {
		t.Fatal(err)
	}
	keys := map[string]string{}
	for _, p := range ps {
		keys[p.Name] = p.Key
	}
	if len(ps) != 2 || keys["Book club: Make It Stick"] == "" || keys["Chicago Learning Designers Meetup"] != "title:chicago learning designers meetup" {
		t.Fatalf("proposals: %+v", ps)
	}
	var got map[string]string
	json.Unmarshal([]byte(mustLW(t, data, "accept-proposal", keys["Book club: Make It Stick"], "--name", "Make It Stick club", "--json")), &got)
	if out := mustLW(t, data, "show", got["id"]); !strings.Contains(out, "Make It Stick club") {
		t.Errorf("community:\n%s", out)
	}
	// Its attendance says when it meets, as the community's page does.
	if out := mustLW(t, data, "attendance", got["id"]); !strings.Contains(out, "Meets monthly") {
		t.Errorf("attendance:\n%s", out)
	}
	mustLW(t, data, "dismiss-proposal", keys["Chicago Learning Designers Meetup"])
	if out := mustLW(t, data, "proposals"); !strings.Contains(out, "No community proposals.") {
		t.Errorf("after accept and dismiss:\n%s", out)
	}
	if _, _, code := lw(t, data, "dismiss-proposal"); code != 2 {
		t.Errorf("dismiss-proposal without a key: exit %d", code)
	}
	ics := mustLW(t, data, "export", "ics", "--id", got["id"])
	if !strings.Contains(ics, "UID:7F3C9A52-1D4B-4E8A-9C61-2B5E0D7A3F11") || strings.Count(ics, "BEGIN:VEVENT") != 1 {
		t.Errorf("export of the community's schedule:\n%s", ics)
	}
}

// A series with more instances in the range than the limit is cut there,
// and the listing says so; more than 20 years at once is refused; a zone
// rule that repeats every second neither hangs the import nor goes unsaid.
func TestListEventsLimits(t *testing.T) {
	data := t.TempDir()
	file := filepath.Join(t.TempDir(), "noisy.ics")
	tz := "BEGIN:VTIMEZONE\r\nTZID:Busy\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\n" +
		"BEGIN:DAYLIGHT\r\nDTSTART:19700101T000000\r\nRRULE:FREQ=SECONDLY\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
	os.WriteFile(file, []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"+tz+
		"BEGIN:VEVENT\r\nUID:tick\r\nSUMMARY:Tick\r\nDTSTART:20260301T000000Z\r\nRRULE:FREQ=MINUTELY\r\nEND:VEVENT\r\n"+
		"BEGIN:VEVENT\r\nUID:busy\r\nSUMMARY:Busy zone\r\nDTSTART;TZID=Busy:20260301T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"), 0o644)
	began := time.Now()
	out := mustLW(t, data, "import", "--verbose", file)
	if d := time.Since(began); d > racebuild.Scale(20*time.Second) {
		t.Errorf("import took %v", d)
	}
	if !strings.Contains(out, "more often than once a year") {
		t.Errorf("the zone rule left out unsaid:\n%s", out)
	}
	out = mustLW(t, data, "list", "events", "--from", "2026-03-01", "--to", "2026-03-31")
	if !strings.Contains(out, `"Tick" repeats more than 10000 times in this range and was cut there`) {
		t.Errorf("no word of the cut:\n%s", out[max(0, len(out)-500):])
	}
	if _, errs, code := lw(t, data, "list", "events", "--from", "2000-01-01", "--to", "2030-12-31"); code != 2 || !strings.Contains(errs, "at most 20 years") {
		t.Errorf("30 years: exit %d, %s", code, errs)
	}
}

// Ctrl+C or SIGTERM (the context main gives Run) stops an import within a
// second with one clear line, and the data directory is free again.
func TestImportStopsWhenInterrupted(t *testing.T) {
	data := t.TempDir()
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
	for i := range 200000 {
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:e%d@example.org\r\nSUMMARY:Event %d\r\nDTSTART;TZID=Europe/Berlin:20260101T100000\r\nRRULE:FREQ=WEEKLY;COUNT=5\r\nEND:VEVENT\r\n", i, i)
	}
	b.WriteString("END:VCALENDAR\r\n")
	file := filepath.Join(t.TempDir(), "many.ics")
	os.WriteFile(file, []byte(b.String()), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	var out, errb bytes.Buffer
	began := time.Now()
	code := Run(ctx, []string{"--data", data, "import", file}, strings.NewReader(""), &out, &errb)
	if code == 0 {
		t.Skip("the import finished before the interrupt")
	}
	if d := time.Since(began); d > racebuild.Scale(1300*time.Millisecond) {
		t.Errorf("stopped after %v", d)
	}
	if !strings.Contains(errb.String(), "the import was interrupted: what many.ics had written stays, and importing it again finishes it") {
		t.Errorf("exit %d: %s", code, errb.String())
	}
	mustLW(t, data, "list", "events", "--limit", "1") // the directory is not held
}
