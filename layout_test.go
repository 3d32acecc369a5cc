package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"learnwork/app"
	"learnwork/store"
)

// TestLayout first opens an empty store as a new user would (the
// first-run guide on Today, closed and brought back; People pointing to
// import), then opens every screen in Chromium at 1024×680, 1440×900 and
// 1920×1080 over a network with long names, long organisations and 40
// topics, and checks that nothing overflows sideways, no word is broken
// across lines and the sidebar's foot is on screen (frontend/e2e/layout.mjs).
// Screenshots go to test-output/layout-*.png. make test runs it after the
// production build (LEARNWORK_BINARY set); plain go test skips.
func TestLayout(t *testing.T) {
	chromium := browserTest(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a, bridge := bridgeWindow(t, filepath.Join(t.TempDir(), "data"))
	base, stop, err := bridge.Listen()
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	rctx, rcancel := context.WithTimeout(ctx, 6*time.Minute)
	defer rcancel()
	run := func(env ...string) ([]byte, error) {
		cmd := exec.CommandContext(rctx, "node", "e2e/layout.mjs")
		cmd.Dir = "frontend"
		cmd.Env = append(append(os.Environ(), "LEARNWORK_URL="+base, "LEARNWORK_SHOTS="+testOutput(t), "CHROMIUM="+chromium), env...)
		return cmd.CombinedOutput()
	}
	// First the empty store a new user opens, then a full one.
	b, err := run("LEARNWORK_EMPTY=1")
	t.Logf("first run:\n%s", b)
	if err != nil {
		t.Fatalf("first-run checks failed: %v", err)
	}
	seedLongNetwork(t, a)
	seedTeamSpace(t, a)
	b, err = run()
	t.Logf("layout:\n%s", b)
	if err != nil {
		t.Fatalf("layout checks failed: %v", err)
	}
}

// seedLongNetwork writes the network a layout must survive: 31 people,
// some with very long names, organisations and addresses, 40 topics, three
// communities (one with a weekly schedule), sources, a goal and a few
// months of logging, so that Today has reasons to give.
func seedLongNetwork(t *testing.T, a *app.App) {
	sv := a.Entities
	t.Helper()
	must := func(id string, err error) string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	topics := strings.Split("instructional design,learning analytics,xAPI,workplace learning,coaching,mentoring,"+
		"communities of practice,microlearning,performance support,evaluation,Kirkpatrick,storytelling,facilitation,"+
		"onboarding,leadership development,knowledge management,social learning,curation,podcasting,video,"+
		"accessibility,universal design for learning,game-based learning,simulation,behaviour change,habits,"+
		"metacognition,spaced practice,retrieval practice,feedback,assessment,competency frameworks,skills taxonomy,"+
		"AI in learning,prompting,change management,organisational psychology,working out loud,personal knowledge mastery,reflection", ",")
	names := []struct{ name, org, email string }{
		{"Maximiliane Kierkegaard-Hansen-Oppenheimer", "Internationale Gesellschaft für Lern- und Entwicklungsprofessionals e.V.", "maximiliane.kierkegaard-hansen-oppenheimer@lernprofessionals.example.org"},
		{"Harold Jarche", "Jarche Consulting", "harold@jarche.example.com"},
		{"Søren Kierkegaard-Hansen", "Copenhagen Centre for Organisational Learning and Development", "soren@ccold.example.dk"},
		{"Bartholomew Fitzwilliam-Montgomery III", "Royal Institution of Chartered Learning and Development Practitioners", "b.fitzwilliam-montgomery@ricldp.example.co.uk"},
		{"Ada Lovelace", "Analytical Society", "ada@example.org"},
		{"Grace Hopper", "US Navy", "grace@example.org"},
		{"Bo Chen", "Shenzhen Learning Lab", "bo.chen@example.cn"},
		{"Nnenna Okonkwo-Adeyemi", "Pan-African Association for Workplace Learning and Performance", "nnenna@paawlp.example.ng"},
	}
	for i := len(names); i < 31; i++ {
		names = append(names, struct{ name, org, email string }{fmt.Sprintf("Colleague Number %02d", i), "Learning Guild", fmt.Sprintf("colleague%02d@example.org", i)})
	}
	var people []string
	for i, n := range names {
		p := store.Person{Name: n.name, Org: n.org, Title: "Head of Learning Experience Design and Digital Capability", Emails: []store.Contact{{Value: n.email}}}
		if i == 0 {
			p.Topics = topics
		} else {
			p.Topics = []string{topics[i%len(topics)], topics[(i*7)%len(topics)]}
		}
		if i < 8 {
			p.Cadence = []string{"30", "14", "90", "30/60", "180", "365", "30", "90"}[i]
		}
		people = append(people, must(sv.SavePerson(p)))
	}
	today := time.Now()
	day := func(d int) string { return today.AddDate(0, 0, d).Format("2006-01-02") }
	series := must(sv.SaveEvent(store.Event{Title: "#lrnchat weekly chat on learning and development", Start: day(-60) + "T20:30:00", End: day(-60) + "T21:30:00", TZ: "America/New_York", RRule: "FREQ=WEEKLY", Location: "Online"}))
	lrnchat := must(sv.SaveCommunity(store.Community{Name: "#lrnchat", Type: "chat", Hashtag: "#lrnchat", Members: people[:12], Schedule: series, Topics: topics[:6]}))
	must(sv.SaveCommunity(store.Community{Name: "The Monthly Book Club for Learning Professionals Who Read Too Much", Type: "book club", Members: people[:5], Topics: topics[10:14]}))
	must(sv.SaveCommunity(store.Community{Name: "Lunch and Learn", Type: "lunch and learn", Members: people[3:9]}))
	must(sv.SaveSource(store.Source{Name: "Harold Jarche's blog on personal knowledge mastery and working out loud", Type: "blog", Author: people[1], Topics: topics[36:39]}))
	must(sv.SaveSource(store.Source{Name: "The Learning Hack podcast", Type: "podcast", Topics: topics[15:20]}))
	must(sv.SaveSource(store.Source{Name: "Donald Clark Plan B", Type: "blog", Topics: topics[30:34]}))
	must(sv.SaveSource(store.Source{Name: "Make It Stick", Type: "book", Topics: topics[27:30]}))
	for i := 0; i < 12; i++ {
		must(sv.SaveInteraction(store.Interaction{Date: day(-7 * i), Type: "conversation", Direction: []string{"gave", "received", "mutual"}[i%3],
			What: "Talked about how to measure the impact of a mentoring programme without a control group", People: []string{people[4+i%4]}, Topics: topics[i : i+3]}))
	}
	must(sv.SaveInteraction(store.Interaction{Date: day(-120), Type: "conversation", What: "Coffee", People: []string{people[0], people[2], people[3]}}))
	must(sv.SaveInteraction(store.Interaction{Date: day(-21), Type: "missed", Community: lrnchat}))
	for i := 0; i < 6; i++ {
		must(sv.SaveLearning(store.Learning{Date: day(-3 * i), What: "Spaced retrieval beats rereading, even for experienced professionals in a hurry", From: []string{people[i]}, Topics: topics[26:29]}))
	}
	must(sv.SaveGoal(store.Goal{Title: "Understand learning analytics well enough to run a pilot", Status: "active", Topics: topics[1:4]}))
	// A monthly meetup no community is linked to yet: the Events screen
	// proposes it as one, with its Member since field.
	must(sv.SaveEvent(store.Event{Title: "L&D Leaders Meetup Berlin", Start: day(-40) + "T18:00:00", RRule: "FREQ=MONTHLY", Location: "Betahaus, Berlin"}))

	// What's new: two feeds with a few weeks of long-titled posts, one
	// written by a person.
	feed := func(title string, n int) string {
		var b strings.Builder
		fmt.Fprintf(&b, `<?xml version="1.0"?><rss version="2.0"><channel><title>%s</title><link>https://example.org/</link>`, title)
		for i := range n {
			fmt.Fprintf(&b, `<item><title>Episode %d: why organisational learning needs communities of practice more than it needs another learning management system</title><link>https://example.org/%d</link><guid>%s-%d</guid><pubDate>%s</pubDate><description>A long conversation about workplace learning, performance support and the Kierkegaard-Hansen-Oppenheimer framework for reflective practice.</description></item>`,
				i, i, title, i, today.AddDate(0, 0, -2*i).Format(time.RFC1123Z))
		}
		b.WriteString(`</channel></rss>`)
		return b.String()
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(feed(strings.TrimPrefix(r.URL.Path, "/"), 12)))
	}))
	t.Cleanup(srv.Close)
	must(sv.SaveSource(store.Source{Name: "Personal knowledge mastery, working out loud and other habits", Type: "blog", Feed: srv.URL + "/pkm", Author: people[1], Topics: topics[36:39]}))
	must(sv.SaveSource(store.Source{Name: "The Internationale Lernprofessionals Podcast", Type: "podcast", Feed: srv.URL + "/podcast", Topics: topics[15:20]}))
	if r, err := a.Feeds.Refresh(false); err != nil || r.New != 24 {
		t.Fatalf("refreshing the feeds: %+v %v", r, err)
	}
}
