package cli

import (
	"encoding/json"
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
