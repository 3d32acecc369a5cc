package cli

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func daysAgo(n int) string { return time.Now().AddDate(0, 0, -n).Format("2006-01-02") }

// Nothing due because nobody is chosen is not "everyone is in touch".
func TestDueWithNobodyKeptInTouchWith(t *testing.T) {
	data := t.TempDir()
	mustLW(t, data, "add", "person", "name=Chris Beatle")
	if out := mustLW(t, data, "due"); !strings.Contains(out, "you have not chosen anyone to keep in touch with yet") {
		t.Errorf("due with nobody chosen:\n%s", out)
	}
}

func TestDueTouchSnoozeThroughCLI(t *testing.T) {
	data := t.TempDir()
	sam := strings.TrimSpace(mustLW(t, data, "add", "person", "name=Sam Okafor", "cadence=60"))
	ada := strings.TrimSpace(mustLW(t, data, "add", "person", "name=Ada Lovelace", "cadence=30/120"))
	mustLW(t, data, "add", "interaction", "date="+daysAgo(94), "direction=received", "what=a paper", "person="+sam)
	mustLW(t, data, "touch", ada, "--date", daysAgo(40), "--gave", "notes on her draft")

	var due struct {
		Items []struct {
			ID, Name, Level string
			Reasons         []string
			DaysSince       int
		}
		Total int
	}
	if err := json.Unmarshal([]byte(mustLW(t, data, "due", "--json")), &due); err != nil {
		t.Fatal(err)
	}
	if due.Total != 2 || due.Items[0].ID != sam || due.Items[0].Level != "red" || due.Items[0].Reasons[0] != "last talked 3 months ago — you wanted every 60 days" ||
		due.Items[1].ID != ada || due.Items[1].Level != "amber" || due.Items[1].DaysSince != 40 {
		t.Fatalf("due --json = %+v", due)
	}
	if text := mustLW(t, data, "due"); !strings.Contains(text, "RED") || !strings.Contains(text, "Sam Okafor") || !strings.Contains(text, "last talked 3 months ago — you wanted every 60 days") {
		t.Errorf("due text:\n%s", text)
	}

	// A touch today takes Sam off the list; a snooze takes Ada off it.
	mustLW(t, data, "touch", sam, "--mutual", "coffee")
	if out := mustLW(t, data, "snooze", ada, "3"); !strings.Contains(out, "no reminders until "+time.Now().AddDate(0, 0, 3).Format("2006-01-02")) {
		t.Errorf("snooze said %q", out)
	}
	if out := mustLW(t, data, "due"); !strings.Contains(out, "Nothing due") {
		t.Errorf("after touch and snooze:\n%s", out)
	}
	var until map[string]string
	if err := json.Unmarshal([]byte(mustLW(t, data, "not-now", ada, "--json")), &until); err != nil || until["until"] != time.Now().AddDate(0, 0, 30).Format("2006-01-02") {
		t.Errorf("not-now --json = %v %v", until, err)
	}

	var ledger struct {
		Gave, Received, Mutual int
		Entries                []struct{ What string }
	}
	if err := json.Unmarshal([]byte(mustLW(t, data, "ledger", sam, "--json")), &ledger); err != nil {
		t.Fatal(err)
	}
	if ledger.Received != 1 || ledger.Mutual != 1 || len(ledger.Entries) != 2 || ledger.Entries[0].What != "coffee" {
		t.Errorf("ledger = %+v", ledger)
	}
}

func TestAttendanceCoverageDigestThroughCLI(t *testing.T) {
	data := t.TempDir()
	c := strings.TrimSpace(mustLW(t, data, "add", "community", "name=#lrnchat", "topic=Adult learning"))
	mustLW(t, data, "attended", c, daysAgo(14))
	out := mustLW(t, data, "missed", c, daysAgo(7))
	if !strings.Contains(out, "#lrnchat: missed the last session") || !strings.Contains(out, "attended 1, missed 1") || !strings.Contains(out, "No schedule") {
		t.Errorf("missed said:\n%s", out)
	}
	// Marks count without a schedule, said in words, from member since.
	if !strings.Contains(out, "Member since "+daysAgo(14)) || !strings.Contains(out, daysAgo(14)+" 12:00  went") || !strings.Contains(out, daysAgo(7)+" 12:00  missed") {
		t.Errorf("missed said:\n%s", out)
	}
	// Marking the same day again changes the mark.
	mustLW(t, data, "attended", c, daysAgo(7))
	var a struct {
		Attendance struct{ Attended, Missed int }
	}
	if err := json.Unmarshal([]byte(mustLW(t, data, "attendance", c, "--json")), &a); err != nil || a.Attendance.Attended != 2 || a.Attendance.Missed != 0 {
		t.Errorf("attendance = %+v %v", a, err)
	}

	if out := mustLW(t, data, "coverage"); !strings.Contains(out, "Adult learning") || !strings.Contains(out, "a single source: #lrnchat") {
		t.Errorf("coverage:\n%s", out)
	}
	mustLW(t, data, "add", "goal", "title=Facilitate better", "topic=Adult learning")
	mustLW(t, data, "add", "learning", "what=wait ten seconds after a question", "topic=Adult learning")
	if out := mustLW(t, data, "goals"); !strings.Contains(out, "Facilitate better (100%): 1 learning, the last today; 1 of 1 topics started") {
		t.Errorf("goals:\n%s", out)
	}
	var d struct {
		Headline string
		Prompt   struct{ Show bool }
		Lines    []string
	}
	if err := json.Unmarshal([]byte(mustLW(t, data, "digest", "--json")), &d); err != nil || d.Headline != "Nobody chosen to keep in touch with yet" || d.Prompt.Show {
		t.Errorf("digest = %+v %v", d, err)
	}

	// An event: its day, its community and the people linked as attendees.
	ada := strings.TrimSpace(mustLW(t, data, "add", "person", "name=Ada", "cadence=30"))
	mustLW(t, data, "add", "interaction", "date="+daysAgo(60), "person="+ada)
	ev := strings.TrimSpace(mustLW(t, data, "add", "event", "title=Meetup", "start="+daysAgo(1)+"T18:00:00",
		`attendee={"email":"ada@example.org","personId":"`+ada+`"}`))
	var marked map[string]string
	if err := json.Unmarshal([]byte(mustLW(t, data, "attended", ev, "--json")), &marked); err != nil || marked["marked"] != ev {
		t.Errorf("attended EVENT --json = %v %v", marked, err)
	}
	if out := mustLW(t, data, "due"); strings.Contains(out, "Ada") {
		t.Errorf("Ada still due after the meetup:\n%s", out)
	}

	for _, bad := range [][]string{{"snooze"}, {"attended"}, {"touch", c, "--gave", "--received"}} {
		if _, _, code := lw(t, data, bad...); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", bad, code, ExitUsage)
		}
	}
	if _, errs, code := lw(t, data, "snooze", c, "someday"); code != ExitError || !strings.Contains(errs, "give a date") {
		t.Errorf("snooze someday: %d %q", code, errs)
	}
}

// coverage --json is the record README promises: the feeders' names under
// people, sources and communities, their counts beside them.
func TestCoverageJSONRecord(t *testing.T) {
	data := t.TempDir()
	mustLW(t, data, "add", "community", "name=#lrnchat", "topic=Adult learning")
	var got []map[string]any
	if err := json.Unmarshal([]byte(mustLW(t, data, "coverage", "--json")), &got); err != nil || len(got) != 1 {
		t.Fatalf("coverage --json: %v %v", got, err)
	}
	c := got[0]
	names, _ := c["communities"].([]any)
	if c["name"] != "Adult learning" || c["communityCount"] != 1.0 || c["peopleCount"] != 0.0 || len(names) != 1 ||
		names[0].(map[string]any)["name"] != "#lrnchat" || c["singleSource"] != true || c["words"] == "" {
		t.Errorf("coverage --json record: %v", c)
	}
	for _, k := range []string{"id", "people", "sources", "sourceCount", "learnings", "interactions", "stale"} {
		if _, ok := c[k]; !ok {
			t.Errorf("coverage --json lacks %q: %v", k, c)
		}
	}
}
