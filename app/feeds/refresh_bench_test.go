//go:build unix

package feeds

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"learnwork/app/fetch"
	"learnwork/store"
)

// benchFeed is a blog feed of 20 posts of about 2 KB of HTML each.
func benchFeed(site, feed int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Site %d feed %d</title><link>https://site%d.example/</link><description>Notes</description>`, site, feed, site)
	para := strings.Repeat("Spaced practice and retrieval make learning stick; feedback that lands changes how people work. ", 4)
	for i := range 20 {
		at := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC).Add(-time.Duration(i*7+feed) * time.Hour)
		fmt.Fprintf(&b, `<item><title>Post %d of feed %d on site %d</title><link>https://site%d.example/%d/%d</link><guid isPermaLink="false">site%d-feed%d-post%d</guid><dc:creator>Author %d</dc:creator><pubDate>%s</pubDate><category>learning</category><description><![CDATA[<p>%s</p>]]></description><content:encoded><![CDATA[<p>%s</p><figure><img src="/img/%d.jpg" alt="a diagram"><figcaption>Figure</figcaption></figure><p>%s <a href="/about">more</a></p><p>%s</p><script>track()</script>]]></content:encoded></item>`,
			i, feed, site, site, feed, i, site, feed, i, site, at.Format(time.RFC1123Z), para[:120], para, i, para, para)
	}
	b.WriteString(`</channel></rss>`)
	return []byte(b.String())
}

// BenchmarkRefresh500: refreshing 500 feeds on 100 sites (5 each, so the
// one-request-per-site rule and its one-second pause apply) served on
// 127.0.0.1, into a store on disk, with the fetcher's defaults. The
// refresh runs in a process of its own (this test binary again), so its
// peak RSS is its own, not the servers'.
func BenchmarkRefresh500(b *testing.B) {
	var urls []string
	for site := range 100 {
		mux := http.NewServeMux()
		for feed := range 5 {
			body := benchFeed(site, feed)
			mux.HandleFunc(fmt.Sprintf("/feed%d.xml", feed), func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/rss+xml")
				w.Write(body)
			})
			urls = append(urls, fmt.Sprintf("/feed%d.xml", feed))
		}
		srv := httptest.NewServer(mux)
		b.Cleanup(srv.Close)
		for i := len(urls) - 5; i < len(urls); i++ {
			urls[i] = srv.URL + urls[i]
		}
	}
	list := b.TempDir() + "/feeds.json"
	data, _ := json.Marshal(urls)
	if err := os.WriteFile(list, data, 0o600); err != nil {
		b.Fatal(err)
	}
	for range b.N {
		cmd := exec.Command(os.Args[0], "-test.run=^TestRefreshChild$", "-test.v")
		cmd.Env = append(os.Environ(), "LEARNWORK_REFRESH_CHILD="+list, "LEARNWORK_REFRESH_DIR="+b.TempDir())
		out, err := cmd.CombinedOutput()
		if err != nil {
			b.Fatalf("%v\n%s", err, out)
		}
		var res childResult
		for _, l := range strings.Split(string(out), "\n") {
			if j, ok := strings.CutPrefix(strings.TrimSpace(l), "RESULT "); ok {
				if err := json.Unmarshal([]byte(j), &res); err != nil {
					b.Fatal(err)
				}
			}
		}
		if res.Posts != 500*20 || res.Failed != 0 {
			b.Fatalf("refreshed %d posts, %d feeds failed:\n%s", res.Posts, res.Failed, out)
		}
		b.ReportMetric(res.Seconds, "s/refresh")
		b.ReportMetric(res.CPU, "s-CPU")
		b.ReportMetric(res.PeakMB, "peak-RSS-MB")
	}
}

type childResult struct {
	Seconds, CPU, PeakMB float64
	Posts, Failed        int
}

// TestRefreshChild is BenchmarkRefresh500's refreshing process.
func TestRefreshChild(t *testing.T) {
	list := os.Getenv("LEARNWORK_REFRESH_CHILD")
	if list == "" {
		t.Skip("run by BenchmarkRefresh500")
	}
	var urls []string
	data, _ := os.ReadFile(list)
	if err := json.Unmarshal(data, &urls); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(os.Getenv("LEARNWORK_REFRESH_DIR"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r := &Refresher{Fetcher: fetch.New(fetch.Options{}), Cache: NewCache(s.Cache())}
	targets := make([]Target, len(urls))
	for i, u := range urls {
		targets[i] = Target{URL: u}
	}
	start := time.Now()
	res := r.Refresh(context.Background(), targets, nil)
	out := childResult{Seconds: time.Since(start).Seconds()}
	for _, x := range res {
		out.Posts += x.State.Posts
		if x.Err != nil {
			out.Failed++
			t.Log(x.Err)
		}
	}
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	out.CPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
	out.PeakMB = float64(ru.Maxrss) / 1024
	j, _ := json.Marshal(out)
	fmt.Printf("RESULT %s\n", j)
}
