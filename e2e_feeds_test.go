package main

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"learnwork/app"
	"learnwork/app/feeds/feedstest"
	"learnwork/store"
)

// feedSite is the blogs and a newsletter on 127.0.0.1 for the What's new
// flows: Priya's blog (five posts, one with a script, a handler and a
// picture), a newsletter with one post, and Chris's blog, a web page
// that links its feed. images counts
// the requests for the picture, which must wait until it is asked for.
type feedSite struct {
	*httptest.Server
	images atomic.Int32
}

// A 1×1 PNG.
var pixelPNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82")

func newFeedSite(t *testing.T) *feedSite {
	t.Helper()
	fs := &feedSite{}
	mux := http.NewServeMux()
	day := func(n int) string { return time.Now().AddDate(0, 0, -n).Format(time.RFC1123Z) }
	mux.HandleFunc("/priya/feed", func(w http.ResponseWriter, r *http.Request) {
		base := "http://" + r.Host
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Priya's notes</title><link>%[1]s/priya/</link><description>Notes on feedback</description>
<item><title>Feedback that lands</title><link>%[1]s/priya/feedback-that-lands</link><guid isPermaLink="false">priya-1</guid>
<dc:creator>Priya Nair</dc:creator><pubDate>%[2]s</pubDate><category>feedback</category>
<description>Feedback works when it names one next step.</description>
<content:encoded><![CDATA[<p>Feedback works when it names <strong>one next step</strong>.</p><script>window.pwned = true</script><p onclick="window.pwned = true">Ask what they will try.</p><figure><img src="%[1]s/priya/whiteboard.png" alt="A whiteboard of next steps"></figure>]]></content:encoded></item>
<item><title>Retrieval practice at work</title><link>%[1]s/priya/retrieval-practice</link><guid isPermaLink="false">priya-2</guid>
<dc:creator>Priya Nair</dc:creator><pubDate>%[3]s</pubDate><description>Quiz yourself, not the learner.</description></item>
<item><title>Feedback in one-to-ones</title><link>%[1]s/priya/one-to-ones</link><guid isPermaLink="false">priya-3</guid><pubDate>%[4]s</pubDate></item>
<item><title>Peer feedback circles</title><link>%[1]s/priya/circles</link><guid isPermaLink="false">priya-4</guid><pubDate>%[5]s</pubDate></item>
<item><title>Feedforward</title><link>%[1]s/priya/feedforward</link><guid isPermaLink="false">priya-5</guid><pubDate>%[6]s</pubDate></item>
</channel></rss>`, base, day(1), day(3), day(5), day(6), day(7))
	})
	mux.HandleFunc("/letter/feed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>The Learning Letter</title><link>http://%[1]s/letter/</link>
<item><title>Onboarding in week one</title><link>http://%[1]s/letter/week-one</link><guid>letter-1</guid><pubDate>%[2]s</pubDate><description>Three things a new starter needs.</description></item>
</channel></rss>`, r.Host, day(2))
	})
	// Chris's blog: a web page that links its feed, as blogs do.
	mux.HandleFunc("/chris/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/chris/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><html><head><title>Field Notes on L&amp;D</title>
<link rel="alternate" type="application/rss+xml" title="Field Notes on L&amp;D" href="/chris/rss/"></head>
<body><h1>Field Notes on L&amp;D</h1><p>Chris writes about evaluation.</p></body></html>`)
	})
	mux.HandleFunc("/chris/rss/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Field Notes on L&amp;D</title><link>http://%[1]s/chris/</link>
<item><title>Measuring transfer without a survey</title><link>http://%[1]s/chris/transfer</link><guid>chris-1</guid><pubDate>%[2]s</pubDate><description>Watch what changes in the work.</description></item>
</channel></rss>`, r.Host, day(4))
	})
	mux.HandleFunc("/priya/whiteboard.png", func(w http.ResponseWriter, r *http.Request) {
		fs.images.Add(1)
		w.Header().Set("Content-Type", "image/png")
		w.Write(pixelPNG)
	})
	fs.Server = httptest.NewServer(mux) // 127.0.0.1 only
	t.Cleanup(fs.Close)
	return fs
}

// checkLearnedFrom looks in the store for what "I learned from this" did:
// a learning from Priya's blog and Priya, with the post's address, the
// post read; and the picture fetched once, when it was asked for.
func checkLearnedFrom(t *testing.T, a *app.App, site *feedSite) {
	t.Helper()
	var found *store.Learning
	hits, err := a.Entities.Search("Feedback lands when it names one next step", 10)
	for _, h := range hits {
		if h.Kind == store.KindLearning {
			if found, err = a.Entities.GetLearning(h.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	if found == nil {
		t.Fatalf("no learning from the post: %v %v", hits, err)
	}
	want := site.URL + "/priya/feedback-that-lands"
	var names []string
	for _, id := range found.From {
		if p, err := a.Entities.GetPerson(id); err == nil {
			names = append(names, p.Name)
		} else if s, err := a.Entities.GetSource(id); err == nil {
			names = append(names, s.Name)
		} else {
			t.Errorf("the learning is from %s, neither a person nor a source: %v", id, err)
		}
	}
	slices.Sort(names)
	if found.URL != want || !slices.Equal(names, []string{"Priya Nair", "Priya's notes"}) {
		t.Errorf("the learning is from %v at %q; want Priya's notes and Priya Nair at %q", names, found.URL, want)
	}
	// Chris's blog got its feed on the source it was, not a second one.
	hits, err = a.Entities.Search("Chris's field notes", 10)
	var chris []string
	for _, h := range hits {
		if h.Kind == store.KindSource {
			chris = append(chris, h.ID)
		}
	}
	if len(chris) != 1 {
		t.Errorf("%d sources for Chris's blog, want 1: %v %v", len(chris), hits, err)
	} else if src, err := a.Entities.GetSource(chris[0]); err != nil || src.Feed != site.URL+"/chris/rss/" {
		t.Errorf("Chris's blog follows %+v, %v; want its feed", src, err)
	}
	if n := site.images.Load(); n != 1 {
		t.Errorf("the post's picture was fetched %d times, want once (when asked for)", n)
	}
}

// TestWhatsNewOpens times the What's new screen in Chromium over 50,000
// cached posts (250 feeds of 200 by 50 people on 20 topics, a third read):
// from the click on What's new to its first post on screen, over several
// opens (frontend/e2e/whatsnew.mjs), with the load average beside it. It
// fails when the median passes LEARNWORK_OPEN_MS (250 unless set): the
// target is 100, but other work on the machine can double a figure.
func TestWhatsNewOpens(t *testing.T) {
	chromium := browserTest(t)
	a, bridge := bridgeWindow(t, filepath.Join(t.TempDir(), "data"))
	if _, err := feedstest.Fill(context.Background(), a.Store, time.Now()); err != nil {
		t.Fatal(err)
	}
	base, stop, err := bridge.Listen()
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	limit := cmp.Or(os.Getenv("LEARNWORK_OPEN_MS"), "250")
	cmd := exec.CommandContext(ctx, "node", "e2e/whatsnew.mjs")
	cmd.Dir = "frontend"
	cmd.Env = append(os.Environ(), "LEARNWORK_URL="+base, "CHROMIUM="+chromium, "LEARNWORK_SHOTS="+testOutput(t), "LEARNWORK_NEWEST="+feedstest.Newest, "LEARNWORK_OPEN_MS="+limit)
	load, _ := os.ReadFile("/proc/loadavg")
	b, err := cmd.CombinedOutput()
	after, _ := os.ReadFile("/proc/loadavg")
	t.Logf("What's new over 50,000 posts:\n%sload average before %s  after %s", b, strings.TrimSpace(string(load)), strings.TrimSpace(string(after)))
	if err != nil {
		t.Fatalf("timing What's new: %v", err)
	}
}
