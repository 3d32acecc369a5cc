package nurture

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"learnwork/store"
)

// at is a fixed clock reading.
func at(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

// weekly is a fake Calendar: a session every 7 days from first, per series.
type weekly map[string]time.Time

func (w weekly) Sessions(series string, from, to time.Time) ([]time.Time, error) {
	first, ok := w[series]
	if !ok {
		return nil, nil
	}
	var out []time.Time
	for t := first; t.Before(to); t = t.AddDate(0, 0, 7) {
		if !t.Before(from) {
			out = append(out, t)
		}
	}
	return out, nil
}

func person(name, cadence, last string) *store.Touch {
	return &store.Touch{Kind: store.KindPerson, ID: strings.ToLower(strings.Fields(name)[0]), Name: name, Cadence: cadence, Last: last, Added: "2026-01-01"}
}

func TestParseCadence(t *testing.T) {
	cases := []struct {
		in   string
		want Cadence
		ok   bool
		err  string
	}{
		{"", Cadence{}, false, ""},
		{"30", Cadence{30, 45}, true, ""},
		{"7", Cadence{7, 11}, true, ""},
		{" 30 / 60 ", Cadence{30, 60}, true, ""},
		{"60/30", Cadence{}, false, "at least the ideal 60"},
		{"monthly", Cadence{}, false, "want days"},
		{"0", Cadence{}, false, "want days"},
	}
	for _, c := range cases {
		got, ok, err := ParseCadence(c.in)
		if got != c.want || ok != c.ok || (err == nil) != (c.err == "") || err != nil && !strings.Contains(err.Error(), c.err) {
			t.Errorf("ParseCadence(%q) = %v, %v, %v; want %v, %v, error with %q", c.in, got, ok, err, c.want, c.ok, c.err)
		}
	}
}

func TestRanking(t *testing.T) {
	now := at("2026-06-01 09:00")
	cal := weekly{"series-lrn": at("2026-03-03 19:00")}
	lrn := &store.Touch{Kind: store.KindCommunity, ID: "lrn", Name: "#lrnchat", Schedule: "series-lrn", Added: "2026-03-01",
		Marks: []store.Mark{{Date: "2026-04-21", Attended: true}, {Date: "2026-04-28", Attended: true}}}
	sam := person("Sam Okafor", "", "2026-05-30")
	sam.Received = 5
	cases := []struct {
		name    string
		in      []*store.Touch
		want    []string // ids in rank order
		reasons []string // first reason of each
		levels  []Level
	}{
		{"nothing due", []*store.Touch{person("Ada Lovelace", "60", "2026-05-01"), person("Bo Diddley", "", "2020-01-01")}, nil, nil, nil},
		{"red before amber, most overdue first",
			[]*store.Touch{person("Ada Lovelace", "60/120", "2026-03-20"), person("Grace Hopper", "30/90", "2026-04-01"), person("Alan Turing", "30", "2026-01-01")},
			[]string{"alan", "grace", "ada"},
			[]string{"last talked 5 months ago — you wanted monthly", "last talked 9 weeks ago — you wanted monthly", "last talked 2 months ago — you wanted every 60 days"},
			[]Level{Red, Amber, Amber}},
		{"due exactly on the ideal day, overdue exactly on the maximum",
			[]*store.Touch{person("Ada Lovelace", "30/60", "2026-05-02"), person("Grace Hopper", "30/60", "2026-04-02"), person("Hedy Lamarr", "30/60", "2026-05-03")},
			[]string{"grace", "ada"}, []string{"last talked 9 weeks ago — you wanted monthly", "last talked 4 weeks ago — you wanted monthly"}, []Level{Red, Amber}},
		{"never contacted counts from the day added",
			[]*store.Touch{person("Ada Lovelace", "30", "")},
			[]string{"ada"}, []string{"nothing logged since you added them 5 months ago — you wanted monthly"}, []Level{Red}},
		{"missed sessions and a lopsided ledger",
			[]*store.Touch{lrn, sam, person("Ada Lovelace", "60", "2026-03-20")},
			[]string{"lrn", "ada", "sam"},
			[]string{"missed 4 #lrnchat sessions in a row — you were missed", "last talked 2 months ago — you wanted every 60 days", "you've received 5 things from Sam Okafor and given none"},
			[]Level{Amber, Amber, Nudge}},
		{"snoozed until today is hidden, until yesterday is back",
			[]*store.Touch{{Kind: store.KindPerson, ID: "a", Name: "A", Cadence: "10", Last: "2026-01-01", Snoozed: "2026-06-01"},
				{Kind: store.KindPerson, ID: "b", Name: "B", Cadence: "10", Last: "2026-01-01", Snoozed: "2026-05-31"}},
			[]string{"b"}, []string{"last talked 5 months ago — you wanted every 10 days"}, []Level{Red}},
		{"a contact dated in the future is not due",
			[]*store.Touch{person("Ada Lovelace", "7", "2026-06-03")}, nil, nil, nil},
	}
	for _, c := range cases {
		r := NewRanker(now, cal, Settings{})
		for _, tc := range c.in {
			r.Add(tc)
		}
		items := r.Items()
		var ids, reasons []string
		var levels []Level
		for _, it := range items {
			ids, reasons, levels = append(ids, it.ID), append(reasons, it.Reasons[0]), append(levels, it.Level)
		}
		if !reflect.DeepEqual(ids, c.want) || !reflect.DeepEqual(reasons, c.reasons) || !reflect.DeepEqual(levels, c.levels) {
			t.Errorf("%s:\n got %v %q %v\nwant %v %q %v", c.name, ids, reasons, levels, c.want, c.reasons, c.levels)
		}
	}
}

func TestCadenceAcrossMonths(t *testing.T) {
	// Ada, cadence 30/60, last talked 15 January: quiet through February,
	// due from 14 February, overdue from 16 March, and a talk on 20 March
	// resets her at once.
	ada := person("Ada Lovelace", "30/60", "2026-01-15")
	steps := []struct {
		now  string
		last string
		want Level
	}{
		{"2026-01-15 08:00", "", OK},
		{"2026-02-13 23:59", "", OK},
		{"2026-02-14 00:00", "", Amber},
		{"2026-03-15 12:00", "", Amber},
		{"2026-03-16 07:00", "", Red},
		{"2026-03-20 10:00", "2026-03-20", OK},
		{"2026-04-19 10:00", "", Amber},
		{"2026-12-31 10:00", "", Red},
	}
	for _, s := range steps {
		if s.last != "" {
			ada.Last = s.last
		}
		r := NewRanker(at(s.now), nil, Settings{})
		r.Add(ada)
		got := OK
		if items := r.Items(); len(items) == 1 {
			got = items[0].Level
		}
		if got != s.want {
			t.Errorf("%s: level %q, want %q", s.now, got, s.want)
		}
	}
}

func TestStreaksAcrossMonths(t *testing.T) {
	cal := weekly{"s": at("2026-01-06 19:00")} // Tuesdays
	marks := func(pairs ...string) []store.Mark {
		var out []store.Mark
		for _, p := range pairs {
			out = append(out, store.Mark{Date: p[1:], Attended: p[0] == '+'})
		}
		return out
	}
	cases := []struct {
		name               string
		now                string
		marks              []store.Mark
		streak, best, miss int
		words              string
	}{
		{"no marks, added before the first session", "2026-01-30 12:00", nil, 0, 0, 4, "missed the last 4"},
		{"a streak over a month boundary", "2026-02-11 12:00", marks("+2026-01-20", "+2026-01-27", "+2026-02-03", "+2026-02-10"), 4, 4, 0, "attended 4 in a row"},
		{"today's unmarked session keeps the streak", "2026-02-10 21:00", marks("+2026-01-20", "+2026-01-27", "+2026-02-03"), 3, 3, 0, "attended 3 in a row"},
		{"a miss breaks it, the best is kept", "2026-03-04 12:00",
			marks("+2026-01-06", "+2026-01-13", "+2026-01-20", "-2026-01-27", "+2026-02-03", "+2026-02-10", "+2026-02-17", "+2026-02-24", "+2026-03-03"), 5, 5, 0, "attended 5 in a row"},
		{"an unmarked week counts as missed", "2026-03-18 12:00", marks("+2026-03-03", "-2026-03-10"), 0, 1, 2, "missed the last 2"},
		{"marked again after marking missed", "2026-01-14 12:00", marks("-2026-01-13", "+2026-01-13", "+2026-01-06"), 2, 2, 0, "attended 2 in a row"},
	}
	for _, c := range cases {
		now := at(c.now)
		starts, _ := cal.Sessions("s", at("2025-12-01 00:00"), now.AddDate(0, 0, 14))
		tc := &store.Touch{Kind: store.KindCommunity, ID: "c", Name: "Book club", Added: "2026-01-01", Marks: c.marks}
		a := AttendanceOf(tc, starts, now)
		if a.Streak != c.streak || a.Best != c.best || a.MissedInRow != c.miss || a.Words != c.words {
			t.Errorf("%s: streak %d best %d missed %d %q; want %d %d %d %q", c.name, a.Streak, a.Best, a.MissedInRow, a.Words, c.streak, c.best, c.miss, c.words)
		}
		if a.Next == nil || !a.Next.Start.After(now) || a.Next.State != Upcoming {
			t.Errorf("%s: next = %+v", c.name, a.Next)
		}
	}
	// Sessions before the community was added are nobody's business: shown
	// (to mark, if one went), not counted.
	tc := &store.Touch{Kind: store.KindCommunity, ID: "c", Name: "Book club", Added: "2026-03-01"}
	starts, _ := cal.Sessions("s", at("2026-01-01 00:00"), at("2026-03-05 00:00"))
	a := AttendanceOf(tc, starts, at("2026-03-05 00:00"))
	earlier := 0
	for _, s := range a.Sessions {
		if s.State == Earlier {
			earlier++
		}
	}
	if a.MissedInRow != 1 || len(a.Sessions) != 9 || earlier != 8 {
		t.Errorf("added 1 March: missed %d of %d sessions, %d earlier", a.MissedInRow, len(a.Sessions), earlier)
	}
	tc.Added = "2026-03-04"
	if a := AttendanceOf(tc, starts, at("2026-03-05 00:00")); a.Words != "no sessions marked yet" {
		t.Errorf("added after the last session: %q", a.Words)
	}
}

func TestBalance(t *testing.T) {
	cases := []struct {
		gave, received, mutual int
		words, nudge           string
	}{
		{0, 0, 0, "nothing exchanged yet", ""},
		{2, 2, 1, "as much given as received (2 each), and 1 exchange both ways", ""},
		{4, 1, 0, "you gave 3 more than you received", ""},
		{0, 2, 0, "you received 2 more than you gave", ""},
		{0, 5, 0, "you received 5 more than you gave", "you've received 5 things from Sam and given none"},
		{2, 7, 0, "you received 5 more than you gave", "you've received 7 things from Sam and given 2"},
		{4, 8, 0, "you received 4 more than you gave", ""}, // half given back is fair enough
	}
	for _, c := range cases {
		b := BalanceOf("Sam", c.gave, c.received, c.mutual, 0)
		if b.Words != c.words || b.Nudge != c.nudge || b.Net != c.gave-c.received {
			t.Errorf("BalanceOf(%d, %d, %d) = %+v; want %q, %q", c.gave, c.received, c.mutual, b, c.words, c.nudge)
		}
	}
}

func TestCoverage(t *testing.T) {
	now := at("2026-06-01 09:00")
	// The figures as store.Reader.CoverageOn counts them on that day.
	topics := []TopicInput{
		{TopicCoverage: store.TopicCoverage{ID: "t1", Name: "Learning analytics", People: 1, Sources: 1, Learnings: 1, Interactions: 1, LastActivity: "2026-05-20"},
			Feeders: []Feeder{{Kind: "person", Named: Named{"p1", "Ada"}}, {Kind: "source", Named: Named{"s1", "OLDaily"}}}},
		{TopicCoverage: store.TopicCoverage{ID: "t2", Name: "Adult learning", Communities: 1, Learnings: 1, LastActivity: "2026-01-02", SingleSource: true, Stale: true},
			Feeders: []Feeder{{Kind: "community", Named: Named{"c1", "#lrnchat"}}}},
		{TopicCoverage: store.TopicCoverage{ID: "t3", Name: "Zettelkasten", Stale: true}},
	}
	got := Coverage(topics, now)
	want := []struct {
		name          string
		single, stale bool
		words         string
	}{
		{"Adult learning", true, true, "a single source: #lrnchat; quiet for 150 days"},
		{"Zettelkasten", false, true, "nobody and nothing feeds it; nothing learned or discussed yet"},
		{"Learning analytics", false, false, "fed by 1 person, 1 source"},
	}
	for i, w := range want {
		c := got[i]
		if c.Name != w.name || c.SingleSource != w.single || c.Stale != w.stale || c.Words != w.words {
			t.Errorf("coverage[%d] = %s single %v stale %v %q; want %+v", i, c.Name, c.SingleSource, c.Stale, c.Words, w)
		}
	}
	if got[2].Learnings != 1 || got[2].Interactions != 1 || got[2].LastActivity != "2026-05-20" || got[2].DaysQuiet != 12 {
		t.Errorf("analytics counts: %+v", got[2])
	}
}

// A topic quiet for StaleDays days is stale; a day less, it is not.
func TestTopicWindow(t *testing.T) {
	now := at("2026-06-01 23:30")
	cases := []struct {
		staleDays       int
		today, freshDay string
	}{
		{0, "2026-06-01", "2026-03-04"}, // 90 days: 2026-03-03 is 90 days before
		{90, "2026-06-01", "2026-03-04"},
		{1, "2026-06-01", "2026-06-01"},
		{30, "2026-06-01", "2026-05-03"},
	}
	for _, c := range cases {
		today, fresh := Settings{StaleDays: c.staleDays}.TopicWindow(now)
		if today != c.today || fresh != c.freshDay {
			t.Errorf("TopicWindow(%d) = %s, %s; want %s, %s", c.staleDays, today, fresh, c.today, c.freshDay)
		}
		if quiet := int(ParseDay(today) - ParseDay(fresh) + 1); c.staleDays > 0 && quiet != c.staleDays {
			t.Errorf("TopicWindow(%d): the last stale day is %d days back", c.staleDays, quiet)
		}
	}
}

func TestGoalProgress(t *testing.T) {
	now := at("2026-06-01 09:00")
	g := GoalInput{Named: Named{"g", "Learn SQL"}, Added: "2026-03-01", Target: "2026-07-01",
		Topics: []Named{{"sql", "SQL"}, {"idx", "Indexing"}}, Related: []string{"ada"}}
	ls := []LearningInput{
		{Date: "2026-02-10", What: "before the goal", Topics: []string{"sql"}},
		{Date: "2026-03-05", What: "joins", Topics: []string{"sql"}},
		{Date: "2026-05-25", What: "window functions", From: []string{"ada"}},
		{Date: "2026-05-28", What: "unrelated", Topics: []string{"knitting"}},
	}
	p := Progress(g, ls, now, Settings{})
	if p.Learnings != 2 || p.Last30 != 1 || p.Last != "2026-05-25" || p.TopicsStarted != 1 || p.Percent != 50 ||
		p.Stalled || *p.DaysLeft != 30 || !reflect.DeepEqual(p.Recent, []string{"window functions", "joins"}) {
		t.Errorf("progress = %+v", p)
	}
	if want := "2 learnings, the last 7 days ago; 1 of 2 topics started; 30 days to the target"; p.Words != want {
		t.Errorf("words %q, want %q", p.Words, want)
	}
	// A month later with nothing new, it has stalled and missed its target.
	p = Progress(g, ls, at("2026-07-03 09:00"), Settings{})
	if want := "stalled: 2 learnings, the last 6 weeks ago; 1 of 2 topics started; target passed 2 days ago"; !p.Stalled || p.Words != want {
		t.Errorf("a month on: %q, want %q", p.Words, want)
	}
	// Set 25 days ago with nothing logged: stalled, said once.
	g.Added = "2026-06-08"
	p = Progress(g, nil, at("2026-07-03 09:00"), Settings{})
	if want := "stalled: nothing logged for it in the 25 days since you set it; 0 of 2 topics started; target passed 2 days ago"; !p.Stalled || p.Words != want {
		t.Errorf("nothing logged: %q, want %q", p.Words, want)
	}
	p = Progress(g, nil, at("2026-06-10 09:00"), Settings{})
	if want := "no learning logged for it yet; 0 of 2 topics started; 21 days to the target"; p.Stalled || p.Words != want {
		t.Errorf("just set: %q, want %q", p.Words, want)
	}
}

func TestWeeklyPrompt(t *testing.T) {
	cases := []struct {
		now   string
		dates []string
		show  bool
		text  string
		week  string
	}{
		{"2026-06-03 09:00", nil, true, "What did you learn this week? Your learning log starts with one line.", "2026-06-01"},
		{"2026-06-01 09:00", []string{"2026-05-31"}, true, "What did you learn this week? (last entry yesterday)", "2026-06-01"},
		{"2026-06-07 22:00", []string{"2026-06-01", "2026-06-07T10:00:00"}, false, "2 things learned this week. Anything else?", "2026-06-01"},
		{"2026-06-08 08:00", []string{"2026-06-01", "2026-06-07"}, true, "What did you learn this week? (last entry yesterday)", "2026-06-08"},
	}
	for _, c := range cases {
		p := WeeklyPrompt(c.dates, at(c.now))
		if p.Show != c.show || p.Text != c.text || p.WeekOf != c.week {
			t.Errorf("%s: %+v; want %v %q %s", c.now, p, c.show, c.text, c.week)
		}
	}
}

// The headline gives a session's time on the reader's clock, as the lines
// below it do, not in the zone its calendar was written in.
func TestDigestHeadlineOnTheReadersClock(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	s := SessionItem{CommunityID: "c", Community: "#lrnchat", Date: "2026-12-07", Start: time.Date(2026, 12, 7, 14, 30, 0, 0, ny)}
	d := MakeDigest(nil, []SessionItem{s}, nil, 0, Prompt{}, now)
	if d.Headline != "#lrnchat today at 19:30" || d.Lines[0] != "#lrnchat today at 19:30" {
		t.Errorf("headline %q, lines %q; want the session at 19:30 on the reader's clock", d.Headline, d.Lines)
	}
}

func TestDigestAcrossDays(t *testing.T) {
	cal := weekly{"s": at("2026-01-06 19:00")}
	lrn := &store.Touch{Kind: store.KindCommunity, ID: "lrn", Name: "#lrnchat", Schedule: "s", Added: "2026-01-01",
		Marks: []store.Mark{{Date: "2026-01-06", Attended: true}}}
	ada := person("Ada Lovelace", "30/60", "2026-01-01")
	day := func(now time.Time) Digest {
		r := NewRanker(now, cal, Settings{})
		r.Add(lrn)
		r.Add(ada)
		starts, _ := cal.Sessions("s", now.AddDate(0, 0, -8), now.AddDate(0, 0, 8))
		up, mark := SessionsAround(lrn, AttendanceOf(lrn, starts, now), now, 7, 7)
		return MakeDigest(r.Items(), up, mark, 1, WeeklyPrompt(nil, now), now)
	}
	d := day(at("2026-01-13 08:00"))
	if d.Headline != "#lrnchat today at 19:00" || d.Red+d.Amber != 0 || len(d.Upcoming) != 2 {
		t.Errorf("13 Jan: %q %+v", d.Headline, d)
	}
	d = day(at("2026-01-14 08:00"))
	if d.Headline != "1 session to mark" || d.Lines[len(d.Lines)-2] != "did you go to #lrnchat yesterday at 19:00?" {
		t.Errorf("14 Jan: %q %q", d.Headline, d.Lines)
	}
	d = day(at("2026-02-20 08:00"))
	if d.Headline != "1 overdue and 1 due to reconnect; 1 session to mark" || d.Top[0].ID != "lrn" || d.Top[0].Level != Red {
		t.Errorf("20 Feb: %q %+v", d.Headline, d.Top)
	}
	if want := "#lrnchat: missed 6 #lrnchat sessions in a row — you were missed"; d.Lines[0] != want {
		t.Errorf("20 Feb line %q, want %q", d.Lines[0], want)
	}
	d = day(at("2026-03-05 08:00"))
	if d.Red != 2 || !strings.HasPrefix(d.Headline, "2 overdue to reconnect") {
		t.Errorf("5 Mar: %q", d.Headline)
	}
}

func TestDayString(t *testing.T) {
	for _, s := range []string{"1970-01-01", "1969-12-31", "2000-02-29", "2024-02-29", "2026-12-31", "1900-03-01", "0001-01-01", "9999-12-31"} {
		if got := ParseDay(s).String(); got != s {
			t.Errorf("%s → %s", s, got)
		}
	}
	for d := ParseDay("1999-01-01"); d < ParseDay("2031-01-01"); d++ {
		if want := d.Time().Format("2006-01-02"); d.String() != want {
			t.Fatalf("day %d: %s, want %s", d, d.String(), want)
		}
	}
}

// With nothing due, the day is "all caught up" only once someone was
// chosen to keep in touch with.
func TestDigestNobodyKept(t *testing.T) {
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	if d := MakeDigest(nil, nil, nil, 0, Prompt{}, now); d.Headline != NobodyKept {
		t.Errorf("nobody kept: %q", d.Headline)
	}
	if d := MakeDigest(nil, nil, nil, 3, Prompt{}, now); d.Headline != "All caught up" {
		t.Errorf("three kept, none due: %q", d.Headline)
	}
}
