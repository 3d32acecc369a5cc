package fetch

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"strings"
	stdsync "sync"
	"sync/atomic"
	"testing"
	"time"
)

func serve(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h) // 127.0.0.1 only
	t.Cleanup(srv.Close)
	return srv
}

func fast(o Options) *Fetcher {
	if o.MinInterval == 0 {
		o.MinInterval = time.Millisecond
	}
	return New(o)
}

func TestConditionalGet(t *testing.T) {
	var hits, full atomic.Int32
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.Header.Get("If-None-Match") == `"v1"` || r.Header.Get("If-Modified-Since") == "Mon, 07 Dec 2026 10:00:00 GMT" {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		full.Add(1)
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Mon, 07 Dec 2026 10:00:00 GMT")
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte("<rss/>"))
	})
	f := fast(Options{})
	r1, err := f.Get(context.Background(), Request{URL: srv.URL + "/feed"})
	if err != nil {
		t.Fatal(err)
	}
	if string(r1.Body) != "<rss/>" || r1.ETag != `"v1"` || r1.NotModified {
		t.Fatalf("first fetch = %+v", r1)
	}
	r2, err := f.Get(context.Background(), Request{URL: srv.URL + "/feed", ETag: r1.ETag})
	if err != nil {
		t.Fatal(err)
	}
	if !r2.NotModified || r2.Body != nil || r2.ETag != `"v1"` {
		t.Errorf("with the ETag = %+v, want a 304 keeping the ETag", r2)
	}
	r3, err := f.Get(context.Background(), Request{URL: srv.URL + "/feed", LastModified: r1.LastModified})
	if err != nil || !r3.NotModified || r3.LastModified != r1.LastModified {
		t.Errorf("with Last-Modified = %+v, %v", r3, err)
	}
	if hits.Load() != 3 || full.Load() != 1 {
		t.Errorf("%d requests, %d full answers; want 3 and 1", hits.Load(), full.Load())
	}
}

func TestFailuresAreClassified(t *testing.T) {
	now := time.Date(2026, 12, 7, 13, 0, 0, 0, time.UTC)
	mux := http.NewServeMux()
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusGone) })
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/private", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "no", http.StatusForbidden) })
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "oops", http.StatusInternalServerError) })
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop2", http.StatusFound) })
	mux.HandleFunc("/loop2", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/ftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://127.0.0.1/feed", http.StatusFound)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/here", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/here", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })
	srv := serve(t, mux.ServeHTTP)

	// A port nothing listens on: bind one, then close it.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String() + "/feed"
	l.Close()

	f := fast(Options{Now: func() time.Time { return now }})
	for _, tc := range []struct {
		url   string
		want  error
		words string
	}{
		{srv.URL + "/gone", ErrNotFound, "nothing is at this address"},
		{srv.URL + "/missing", ErrNotFound, "nothing is at this address"},
		{srv.URL + "/private", ErrDenied, "login"},
		{srv.URL + "/broken", ErrServerError, "on its side"},
		{srv.URL + "/loop", ErrUnsupported, "round in circles"},
		{srv.URL + "/ftp", ErrUnsupported, "http or https"},
		{closed, ErrOffline, "offline"},
		{"ftp://127.0.0.1/feed", ErrUnsupported, "http or https"},
		{"not an address", ErrUnsupported, "http or https"},
	} {
		_, err := f.Get(context.Background(), Request{URL: tc.url})
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.url, err, tc.want)
			continue
		}
		if w := Words(err, now); !strings.Contains(w, tc.words) {
			t.Errorf("%s: words %q, want %q in them", tc.url, w, tc.words)
		}
	}
	r, err := f.Get(context.Background(), Request{URL: srv.URL + "/moved"})
	if err != nil || string(r.Body) != "ok" || r.URL != srv.URL+"/here" {
		t.Errorf("a redirect within http: %+v, %v", r, err)
	}
}

func TestUntrustedCertificate(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("x")) }))
	defer srv.Close()
	_, err := fast(Options{}).Get(context.Background(), Request{URL: srv.URL})
	if !errors.Is(err, ErrTLS) {
		t.Fatalf("self-signed site: %v, want ErrTLS", err)
	}
}

func TestBusySiteIsLeftAloneUntilRetryAfter(t *testing.T) {
	now := time.Date(2026, 12, 7, 13, 0, 0, 0, time.UTC)
	var hits atomic.Int32
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Retry-After", "600")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	})
	f := fast(Options{Now: func() time.Time { return now }})
	_, err := f.Get(context.Background(), Request{URL: srv.URL + "/a"})
	var fe *Error
	if !errors.As(err, &fe) || fe.Reason != Busy || !fe.RetryAt.Equal(now.Add(10*time.Minute)) {
		t.Fatalf("429: %v, want Busy until 13:10", err)
	}
	if w := fe.Words(now); w != "the site is busy: trying again at 13:10" {
		t.Errorf("words %q", w)
	}
	// Another feed on the same site waits too, without a request.
	_, err = f.Get(context.Background(), Request{URL: srv.URL + "/b"})
	if !errors.Is(err, ErrBusy) || hits.Load() != 1 {
		t.Errorf("second feed on a busy site: %v after %d requests, want ErrBusy after 1", err, hits.Load())
	}
	now = now.Add(11 * time.Minute)
	f.Get(context.Background(), Request{URL: srv.URL + "/b"})
	if hits.Load() != 2 {
		t.Errorf("after the wait the site was asked %d times in all, want 2", hits.Load())
	}
}

func TestLargeAnswerIsCutOff(t *testing.T) {
	chunk := []byte(strings.Repeat("<item>x</item>", 1<<10))
	var wrote atomic.Int64
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/declared" {
			w.Header().Set("Content-Length", "52428800")
		}
		for wrote.Load() < 50<<20 {
			n, err := w.Write(chunk)
			wrote.Add(int64(n))
			if err != nil {
				return
			}
		}
	})
	f := fast(Options{MaxBytes: 10 << 20})
	for _, path := range []string{"/streamed", "/declared"} {
		wrote.Store(0)
		start := time.Now()
		_, err := f.Get(context.Background(), Request{URL: srv.URL + path})
		if !errors.Is(err, ErrTooBig) {
			t.Fatalf("%s 50 MB: %v, want ErrTooBig", path, err)
		}
		if w := Words(err, start); w != "the answer is larger than 10 MB, so it was not read" {
			t.Errorf("words %q", w)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s: took %v to give up", path, d)
		}
	}
}

func TestSlowSiteTimesOutAndCancelStops(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	f := fast(Options{Timeout: 200 * time.Millisecond})
	start := time.Now()
	_, err := f.Get(context.Background(), Request{URL: srv.URL})
	if !errors.Is(err, ErrSlow) || time.Since(start) > 3*time.Second {
		t.Fatalf("slow site: %v after %v, want ErrSlow after about 200 ms", err, time.Since(start))
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	_, err = fast(Options{}).Get(ctx, Request{URL: srv.URL})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v, want context.Canceled", err)
	}
}

// One request at a time to a site, with the pause between; two sites at
// once.
func TestPoliteness(t *testing.T) {
	type span struct{ start, end time.Time }
	var mu stdsync.Mutex
	spans := map[string][]span{}
	handler := func(name string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			s := span{start: time.Now()}
			time.Sleep(30 * time.Millisecond)
			s.end = time.Now()
			mu.Lock()
			spans[name] = append(spans[name], s)
			mu.Unlock()
		}
	}
	a, b := serve(t, handler("a")), serve(t, handler("b"))
	f := New(Options{MinInterval: 50 * time.Millisecond})
	var wg stdsync.WaitGroup
	start := time.Now()
	for i := range 6 {
		srv := a
		if i%2 == 1 {
			srv = b
		}
		wg.Go(func() { f.Get(context.Background(), Request{URL: srv.URL}) })
	}
	wg.Wait()
	for name, ss := range spans {
		if len(ss) != 3 {
			t.Fatalf("site %s got %d requests, want 3", name, len(ss))
		}
		for i := 1; i < len(ss); i++ {
			if gap := ss[i].start.Sub(ss[i-1].end); gap < 45*time.Millisecond {
				t.Errorf("site %s: request %d started %v after the one before ended, want ≥ 50 ms", name, i, gap)
			}
		}
	}
	// Serial per site: 3×30 ms + 2×50 ms = 190 ms; both sites at once, not 380.
	if d := time.Since(start); d > 370*time.Millisecond {
		t.Errorf("two sites took %v: they did not run side by side", d)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 12, 7, 13, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		h    string
		want time.Time
	}{
		{"120", now.Add(2 * time.Minute)},
		{"Mon, 07 Dec 2026 14:00:00 GMT", now.Add(time.Hour)},
		{"Mon, 07 Dec 2026 12:00:00 GMT", time.Time{}}, // past
		{"31536000", time.Time{}},                      // a year: not sane
		{"-5", time.Time{}},
		{"soon", time.Time{}},
		{"", time.Time{}},
	} {
		if got := RetryAfter(tc.h, now); !got.Equal(tc.want) {
			t.Errorf("Retry-After %q = %v, want %v", tc.h, got, tc.want)
		}
	}
}

func TestNext(t *testing.T) {
	now := time.Date(2026, 12, 7, 13, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name     string
		failures int
		ttl      time.Duration
		retryAt  time.Time
		want     time.Duration
	}{
		{"no TTL", 0, 0, time.Time{}, DefaultEvery},
		{"TTL 3 h", 0, 3 * time.Hour, time.Time{}, 3 * time.Hour},
		{"TTL 5 min is too eager", 0, 5 * time.Minute, time.Time{}, time.Hour},
		{"TTL a week is too lazy", 0, 7 * 24 * time.Hour, time.Time{}, 24 * time.Hour},
		{"first failure", 1, 0, time.Time{}, 30 * time.Minute},
		{"third failure", 3, 0, time.Time{}, 2 * time.Hour},
		{"tenth failure", 10, 0, time.Time{}, 24 * time.Hour},
		{"the site said when", 1, 0, now.Add(3 * time.Hour), 3 * time.Hour},
	} {
		if got := Next(now, tc.failures, tc.ttl, tc.retryAt).Sub(now); got != tc.want {
			t.Errorf("%s: next in %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"webcal://example.org/cal.ics":  "https://example.org/cal.ics",
		"feed:https://example.org/rss":  "https://example.org/rss",
		"HTTP://example.org/feed#top":   "http://example.org/feed",
		" https://example.org/atom.xml": "https://example.org/atom.xml",
	} {
		u, err := Normalize(in)
		if err != nil || u.String() != want {
			t.Errorf("Normalize(%q) = %v, %v; want %s", in, u, err, want)
		}
	}
	for _, in := range []string{"mailto:ada@example.org", "/relative", "file:///etc/passwd"} {
		if _, err := Normalize(in); !errors.Is(err, ErrUnsupported) {
			t.Errorf("Normalize(%q): %v, want ErrUnsupported", in, err)
		}
	}
}

func TestTrack(t *testing.T) {
	now := time.Date(2026, 12, 7, 13, 0, 0, 0, time.UTC)
	var tr Track
	if !tr.Due(now) {
		t.Error("a document never fetched is not due")
	}
	tr.Failed(&Error{Reason: NotFound, URL: "https://example.org/feed", Status: 404}, now)
	tr.Failed(&Error{Reason: NotFound, URL: "https://example.org/feed", Status: 404}, now)
	if tr.Failures != 2 || tr.Reason != NotFound || !strings.HasPrefix(tr.Problem, "nothing is at this address") || !tr.Next.Equal(now.Add(time.Hour)) || tr.Due(now) {
		t.Errorf("after two failures: %+v", tr)
	}
	tr.Failed(&Error{Reason: Busy, RetryAt: now.Add(5 * time.Hour)}, now)
	if !tr.Next.Equal(now.Add(5 * time.Hour)) {
		t.Errorf("a busy site's time: next %v", tr.Next)
	}
	tr.Succeeded(&Response{ETag: `"x"`}, now, 3*time.Hour)
	if tr.Failures != 0 || tr.Problem != "" || tr.Reason != 0 || tr.ETag != `"x"` || !tr.Next.Equal(now.Add(3*time.Hour)) || !tr.LastSuccess.Equal(now) {
		t.Errorf("after a success: %+v", tr)
	}
	if r := tr.Request("https://example.org/feed", "text/calendar"); r.ETag != `"x"` || r.Accept != "text/calendar" {
		t.Errorf("request %+v", r)
	}
}

func TestExplain(t *testing.T) {
	now := time.Date(2026, 12, 7, 13, 0, 0, 0, time.UTC)
	err := Explain(&Error{Reason: NotFound, URL: "https://example.org/feed", Status: 404}, now)
	if err.Error() != "https://example.org/feed: nothing is at this address any more: check it on the website" || !errors.Is(err, ErrNotFound) {
		t.Errorf("explained: %q (is ErrNotFound: %v)", err, errors.Is(err, ErrNotFound))
	}
	other := errors.New("disk full")
	if Explain(other, now) != other || Explain(nil, now) != nil {
		t.Error("Explain changed an error that is not a fetch failure")
	}
}

// The system's proxy settings (HTTP_PROXY, HTTPS_PROXY, NO_PROXY) are
// used. Go reads them once per process, so the check runs in a child
// process with them set; the proxy is a test server on 127.0.0.1 and the
// feed's site is never asked for by name.
func TestSystemProxy(t *testing.T) {
	if os.Getenv("LEARNWORK_PROXY_CHILD") != "" {
		proxied(t)
		return
	}
	var asked atomic.Value
	proxy := serve(t, func(w http.ResponseWriter, r *http.Request) {
		asked.Store(r.URL.String()) // a proxy is asked for the whole address
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte("<rss>via the proxy</rss>"))
	})
	cmd := exec.Command(os.Args[0], "-test.run=^TestSystemProxy$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), "LEARNWORK_PROXY_CHILD=1",
		"HTTP_PROXY="+proxy.URL, "http_proxy="+proxy.URL, "HTTPS_PROXY=", "https_proxy=", "NO_PROXY=skip.example", "no_proxy=skip.example", "REQUEST_METHOD=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("with the proxy set: %v\n%s", err, out)
	}
	if got, _ := asked.Load().(string); got != "http://feeds.example/rss" {
		t.Errorf("the proxy was asked for %q, want http://feeds.example/rss\n%s", got, out)
	}
}

func proxied(t *testing.T) {
	f := fast(Options{})
	proxy := f.client.Transport.(proxyFallback).next.(*http.Transport).Proxy
	if proxy == nil {
		t.Fatal("the fetcher ignores the system's proxy settings")
	}
	via := func(u string) *url.URL {
		req, _ := http.NewRequest(http.MethodGet, u, nil)
		p, err := proxy(req)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	// Checked before any request, so a fetcher that ignored the proxy
	// never looks the site up.
	if p := via("http://feeds.example/rss"); p == nil || p.Host != strings.TrimPrefix(os.Getenv("HTTP_PROXY"), "http://") {
		t.Fatalf("the proxy for http://feeds.example/rss is %v, want %s", p, os.Getenv("HTTP_PROXY"))
	}
	if p := via("http://skip.example/rss"); p != nil {
		t.Errorf("NO_PROXY's site goes through %v, want directly", p)
	}
	r, err := f.Get(context.Background(), Request{URL: "http://feeds.example/rss"})
	if err != nil || string(r.Body) != "<rss>via the proxy</rss>" {
		t.Fatalf("fetched through the proxy: %+v, %v", r, err)
	}
}
