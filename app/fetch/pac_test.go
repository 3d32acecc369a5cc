package fetch

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	stdsync "sync"
	"testing"
	"time"

	"golang.org/x/net/http/httpproxy"
)

// pacWorld is a corporate network on 127.0.0.1: sites named *.example
// (one server that answers for every name, reached by a dialer that maps
// the names to it), forward proxies that say they were used, and a PAC
// file that says which to take.
type pacWorld struct {
	t      *testing.T
	origin *httptest.Server // http sites
	secure *httptest.Server // https sites
	now    time.Time

	mu      stdsync.Mutex
	visits  []string       // what the sites were asked: "feeds.example/rss via proxy" or "news.example/rss"
	proxied []string       // what the proxies were asked, whole addresses
	dials   map[string]int // connections the fetcher opened, by address
	reports []string       // what was logged
	pac     *pac
	sp      *systemProxy
}

func newPACWorld(t *testing.T) *pacWorld {
	w := &pacWorld{t: t, now: time.Date(2026, 12, 9, 12, 30, 0, 0, time.UTC), dials: map[string]int{}}
	site := func(rw http.ResponseWriter, r *http.Request) {
		visit := r.Host + r.URL.Path
		if via := r.Header.Get("Via"); via != "" {
			visit += " via " + via
		}
		w.mu.Lock()
		w.visits = append(w.visits, visit)
		w.mu.Unlock()
		rw.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(rw, "<rss>%s</rss>", r.Host)
	}
	w.origin = serve(t, site)
	w.secure = httptest.NewTLSServer(http.HandlerFunc(site))
	t.Cleanup(w.secure.Close)
	return w
}

// toSites dials the sites' server for any *.example name (the https one
// for port 443), and addr itself (a proxy on 127.0.0.1) otherwise.
func (w *pacWorld) toSites(ctx context.Context, network, addr string) (net.Conn, error) {
	if host, port, _ := net.SplitHostPort(addr); strings.HasSuffix(strings.ToLower(host), ".example") {
		addr = w.origin.Listener.Addr().String()
		if port == "443" {
			addr = w.secure.Listener.Addr().String()
		}
	}
	var d net.Dialer
	return d.DialContext(ctx, network, addr)
}

// proxy starts a forward proxy named name that records what it is asked
// and passes it on to the sites.
func (w *pacWorld) proxy(name string) string {
	onward := &http.Transport{DialContext: w.toSites}
	w.t.Cleanup(onward.CloseIdleConnections)
	srv := serve(w.t, func(rw http.ResponseWriter, r *http.Request) {
		asked := r.URL.String() // the whole address
		if r.Method == http.MethodConnect {
			asked = "CONNECT " + r.Host
		}
		w.mu.Lock()
		w.proxied = append(w.proxied, name+" "+asked)
		w.mu.Unlock()
		if r.Method == http.MethodConnect {
			w.tunnel(rw, r.Host, func(c net.Conn) {
				io.WriteString(c, "HTTP/1.1 200 Connection established\r\n\r\n")
			})
			return
		}
		out := r.Clone(r.Context())
		out.RequestURI = ""
		out.Header.Set("Via", name)
		resp, err := onward.RoundTrip(out)
		if err != nil {
			http.Error(rw, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		rw.Header().Set("Content-Type", resp.Header.Get("Content-Type"))
		rw.WriteHeader(resp.StatusCode)
		io.Copy(rw, resp.Body)
	})
	return srv.Listener.Addr().String()
}

// tunnel takes the client's connection from rw, greets it and joins it
// to a site.
func (w *pacWorld) tunnel(rw http.ResponseWriter, site string, greet func(net.Conn)) {
	to, err := w.toSites(context.Background(), "tcp", site)
	if err != nil {
		http.Error(rw, err.Error(), http.StatusBadGateway)
		return
	}
	from, _, err := rw.(http.Hijacker).Hijack()
	if err != nil {
		to.Close()
		return
	}
	greet(from)
	pipe(from, to)
}

func pipe(a, b net.Conn) {
	go func() { io.Copy(a, b); a.Close() }()
	io.Copy(b, a)
	b.Close()
}

// socks starts a SOCKS 5 proxy (no login, CONNECT only) that records the
// sites it is asked for.
func (w *pacWorld) socks(name string) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		w.t.Fatal(err)
	}
	w.t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go w.socksConn(name, c)
		}
	}()
	return l.Addr().String()
}

func (w *pacWorld) socksConn(name string, c net.Conn) {
	defer c.Close()
	// Greeting: version 5, methods; answer "no login".
	head := make([]byte, 2)
	if _, err := io.ReadFull(c, head); err != nil || head[0] != 5 {
		return
	}
	if _, err := io.ReadFull(c, make([]byte, head[1])); err != nil {
		return
	}
	c.Write([]byte{5, 0})
	// Request: 5, CONNECT, 0, address type, address, port.
	req := make([]byte, 4)
	if _, err := io.ReadFull(c, req); err != nil || req[1] != 1 {
		return
	}
	var host string
	switch req[3] {
	case 1:
		ip := make([]byte, 4)
		io.ReadFull(c, ip)
		host = net.IP(ip).String()
	case 3:
		n := make([]byte, 1)
		io.ReadFull(c, n)
		name := make([]byte, n[0])
		io.ReadFull(c, name)
		host = string(name)
	default:
		return
	}
	port := make([]byte, 2)
	if _, err := io.ReadFull(c, port); err != nil {
		return
	}
	site := net.JoinHostPort(host, fmt.Sprint(int(port[0])<<8|int(port[1])))
	w.mu.Lock()
	w.proxied = append(w.proxied, name+" "+site)
	w.mu.Unlock()
	to, err := w.toSites(context.Background(), "tcp", site)
	if err != nil {
		c.Write([]byte{5, 5, 0, 1, 0, 0, 0, 0, 0, 0})
		return
	}
	c.Write([]byte{5, 0, 0, 1, 0, 0, 0, 0, 0, 0})
	pipe(c, to)
}

// closedPort is an address on 127.0.0.1 where nothing listens.
func closedPort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// fetcher is a Fetcher whose desktop names the PAC file at address; tune
// adjusts the PAC runner (its time bound).
func (w *pacWorld) fetcher(address string, tune func(*pac)) *Fetcher {
	sp := &systemProxy{
		env:     func() *httpproxy.Config { return nil },
		desktop: func() desktopSetting { return desktopSetting{pac: address} },
		now:     w.clock,
		newPAC:  func(a string) *pac { return w.newPAC(a, tune) },
	}
	w.sp = sp
	roots := x509.NewCertPool()
	roots.AddCert(w.secure.Certificate())
	t := &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			w.mu.Lock()
			w.dials[addr]++
			w.mu.Unlock()
			return w.toSites(ctx, network, addr)
		},
		TLSClientConfig: &tls.Config{RootCAs: roots, ServerName: "example.com"}, // the test certificate's name
	}
	w.t.Cleanup(t.CloseIdleConnections)
	return fast(Options{Transport: sp.transport(t), Timeout: 5 * time.Second, Now: w.clock})
}

// newPAC is a PAC runner on w's clock, names and log.
func (w *pacWorld) newPAC(address string, tune func(*pac)) *pac {
	p := newPAC(address)
	p.now = w.clock
	p.report = func(words string) { w.mu.Lock(); w.reports = append(w.reports, words); w.mu.Unlock() }
	p.lookup = func(_ context.Context, host string) ([]net.IP, error) {
		if ip, ok := map[string]string{"home.netscape.com": "198.95.249.79", "wiki.intranet.example": "10.1.2.3"}[host]; ok {
			return []net.IP{net.ParseIP(ip)}, nil
		}
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	p.myIP = func() net.IP { return net.IPv4(10, 0, 0, 7) }
	if tune != nil {
		tune(p)
	}
	w.pac = p
	return p
}

func (w *pacWorld) clock() time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.now
}

func (w *pacWorld) wait(d time.Duration) {
	w.mu.Lock()
	w.now = w.now.Add(d)
	w.mu.Unlock()
}

// get fetches u and says which way it went: "direct" or the proxy's name.
func (w *pacWorld) get(f *Fetcher, u string) string {
	w.t.Helper()
	w.mu.Lock()
	before := len(w.visits)
	w.mu.Unlock()
	r, err := f.Get(context.Background(), Request{URL: u})
	if err != nil {
		w.t.Fatalf("fetch %s: %v", u, err)
	}
	pu, _ := url.Parse(u)
	if string(r.Body) != "<rss>"+pu.Host+"</rss>" {
		w.t.Fatalf("fetch %s: %q", u, r.Body)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.visits) != before+1 {
		w.t.Fatalf("fetch %s: the site was asked %d times", u, len(w.visits)-before)
	}
	if _, via, ok := strings.Cut(w.visits[before], " via "); ok {
		return via
	}
	return "direct"
}

// servePAC serves a PAC file whose text script gives; it counts requests.
func servePAC(t *testing.T, script func() string, hits *int) string {
	var mu stdsync.Mutex
	srv := serve(t, func(rw http.ResponseWriter, r *http.Request) {
		mu.Lock()
		*hits++
		mu.Unlock()
		rw.Header().Set("Content-Type", "application/x-ns-proxy-autoconfig")
		io.WriteString(rw, script())
	})
	return srv.URL + "/proxy.pac"
}

// A PAC file sends one site through the organisation's proxy and the
// others directly; it is fetched once, run once per host, and sees the
// address only up to its host.
func TestPACRoutesEachSite(t *testing.T) {
	w := newPACWorld(t)
	proxy := w.proxy("corp-proxy")
	hits := 0
	address := servePAC(t, func() string {
		return `
var seen = [];
function FindProxyForURL(url, host) {
	seen.push(url + " " + host);
	if (isPlainHostName(host) || dnsDomainIs(host, ".intranet.example"))
		return "DIRECT";
	if (shExpMatch(host, "*feeds.example"))
		return "PROXY ` + proxy + `; DIRECT";
	return "DIRECT";
}`
	}, &hits)
	f := w.fetcher(address, nil)
	for _, tc := range []struct{ url, way string }{
		{"http://feeds.example/rss", "corp-proxy"},
		{"http://Feeds.Example/atom?page=2", "corp-proxy"},
		{"http://news.example/rss", "direct"},
		{"http://wiki.intranet.example/rss", "direct"},
	} {
		if got := w.get(f, tc.url); got != tc.way {
			t.Errorf("%s went %s, want %s", tc.url, got, tc.way)
		}
	}
	if want := []string{"corp-proxy http://feeds.example/rss", "corp-proxy http://Feeds.Example/atom?page=2"}; fmt.Sprint(w.proxied) != fmt.Sprint(want) {
		t.Errorf("the proxy was asked %q, want %q", w.proxied, want)
	}
	if hits != 1 {
		t.Errorf("the PAC file was fetched %d times, want once", hits)
	}
	seen := w.pac.vm.Get("seen").Export()
	if want := "[http://feeds.example/ feeds.example http://news.example/ news.example http://wiki.intranet.example/ wiki.intranet.example]"; fmt.Sprint(seen) != want {
		t.Errorf("FindProxyForURL saw %v, want %s (once per host, no path)", seen, want)
	}
	if len(w.reports) != 0 {
		t.Errorf("logged %q with a working PAC file", w.reports)
	}

	// This machine never goes through a proxy, whatever the file says.
	for _, u := range []string{w.origin.URL + "/rss", "http://localhost:8080/rss", "http://[::1]/rss"} {
		req, _ := http.NewRequest(http.MethodGet, u, nil)
		if p, err := w.sp.Proxy(req); p != nil || err != nil {
			t.Errorf("%s goes through %v (%v), want directly", u, p, err)
		}
	}
}

// A proxy that cannot be connected is skipped for the next way the file
// names, and for a while is tried only after the others.
func TestPACFallsBackWhenAProxyIsDown(t *testing.T) {
	w := newPACWorld(t)
	good := w.proxy("second-proxy")
	down := closedPort(t)
	address := servePAC(t, func() string {
		return `function FindProxyForURL(url, host) {
	if (host == "feeds.example") return "PROXY ` + down + `; PROXY ` + good + `; DIRECT";
	if (host == "news.example") return "SOCKS4 127.0.0.1:1; PROXY ` + down + `; DIRECT";
	return "PROXY ` + down + `";
}`
	}, new(int))
	f := w.fetcher(address, nil)
	for _, step := range []struct {
		url, way string
		dials    int // connections tried to the proxy that is down, so far
	}{
		{"http://feeds.example/rss", "second-proxy", 1},
		{"http://feeds.example/atom", "second-proxy", 1}, // known down: not tried first
		{"http://news.example/rss", "direct", 1},         // SOCKS4 skipped, the proxy known down after DIRECT
	} {
		if got := w.get(f, step.url); got != step.way {
			t.Errorf("%s went %s, want %s", step.url, got, step.way)
		}
		if w.dials[down] != step.dials {
			t.Errorf("after %s: %d connections tried to the proxy that is down, want %d", step.url, w.dials[down], step.dials)
		}
	}
	// A proxy down and nothing else named: it is tried all the same, and
	// the fetch fails as offline.
	_, err := f.Get(context.Background(), Request{URL: "http://other.example/rss"})
	if !errors.Is(err, ErrOffline) {
		t.Errorf("only a proxy that is down: %v, want ErrOffline", err)
	}
	// It says the proxy, not the site, could not be reached.
	if words := Words(err, time.Now()); !strings.Contains(words, "proxy your network settings name") {
		t.Errorf("only a proxy that is down reads %q", words)
	}
	// After a while it is tried first again.
	w.wait(proxyDownFor + time.Minute)
	before := w.dials[down]
	if got := w.get(f, "http://feeds.example/rss"); got != "second-proxy" || w.dials[down] != before+1 {
		t.Errorf("after %v: went %s with %d new tries of the proxy that was down, want second-proxy after 1", proxyDownFor, got, w.dials[down]-before)
	}
}

// https addresses go through an http proxy's tunnel (CONNECT), and a
// SOCKS 5 proxy carries what the file sends to it.
func TestPACTunnelsAndSOCKS(t *testing.T) {
	w := newPACWorld(t)
	proxy := w.proxy("corp-proxy")
	socks := w.socks("corp-socks")
	address := servePAC(t, func() string {
		return `function FindProxyForURL(url, host) {
	if (url.substring(0, 6) == "https:") return "PROXY ` + proxy + `";
	if (host == "podcasts.example") return "SOCKS5 ` + socks + `";
	return "DIRECT";
}`
	}, new(int))
	f := w.fetcher(address, nil)
	for _, u := range []string{"https://feeds.example/rss", "http://podcasts.example/rss", "http://news.example/rss"} {
		if got := w.get(f, u); got != "direct" { // no Via: a tunnel and SOCKS pass the request as it is
			t.Errorf("%s went %s", u, got)
		}
	}
	if want := "[corp-proxy CONNECT feeds.example:443 corp-socks podcasts.example:80]"; fmt.Sprint(w.proxied) != want {
		t.Errorf("the proxies were asked %q, want %s", w.proxied, want)
	}
}

// Whatever is wrong with the PAC file, fetches go directly, and the
// reason is logged once however many fetches follow.
func TestPACProblemsMeanDirect(t *testing.T) {
	big := "// " + strings.Repeat("x", pacMaxBytes) + "\nfunction FindProxyForURL(u, h) { return 'PROXY 127.0.0.1:1'; }"
	for _, tc := range []struct {
		name    string
		address func(t *testing.T) string
		want    error
	}{
		{"unreachable", func(t *testing.T) string { return "http://" + closedPort(t) + "/proxy.pac" }, errPACUnreachable},
		{"not found", func(t *testing.T) string {
			return serve(t, func(rw http.ResponseWriter, r *http.Request) { http.NotFound(rw, r) }).URL + "/proxy.pac"
		}, errPACUnreachable},
		{"too big", func(t *testing.T) string { return servePAC(t, func() string { return big }, new(int)) }, errPACUnreachable},
		{"missing file", func(t *testing.T) string {
			return "file://" + filepath.ToSlash(filepath.Join(t.TempDir(), "proxy.pac"))
		}, errPACUnreachable},
		{"broken", script(`function FindProxyForURL(url, host) { return "PROXY 127.0.0.1:1"`), errPACNotScript},
		{"no function", script(`var proxy = "PROXY 127.0.0.1:1";`), errPACNotScript},
		{"throws", script(`function FindProxyForURL(url, host) { return lookUp(host); }`), errPACFailed},
		{"endless recursion", script(`function f(h) { return f(h) + 1; } function FindProxyForURL(url, host) { return f(host); }`), errPACFailed},
		{"endless loop", script(`function FindProxyForURL(url, host) { for (;;) {} }`), errPACSlow},
		{"endless loop on loading", script(`while (true) {} function FindProxyForURL(url, host) { return "PROXY 127.0.0.1:1"; }`), errPACSlow},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newPACWorld(t)
			f := w.fetcher(tc.address(t), func(p *pac) { p.limit = 200 * time.Millisecond })
			start := time.Now()
			for _, u := range []string{"http://feeds.example/rss", "http://news.example/rss", "http://feeds.example/atom"} {
				if got := w.get(f, u); got != "direct" {
					t.Errorf("%s went %s, want direct", u, got)
				}
			}
			if took := time.Since(start); took > 3*time.Second {
				t.Errorf("three fetches took %v", took)
			}
			if !errors.Is(w.pac.problem, tc.want) {
				t.Errorf("problem %v, want %v", w.pac.problem, tc.want)
			}
			if len(w.reports) != 1 || !strings.HasSuffix(w.reports[0], "; connecting directly") {
				t.Errorf("logged %q, want the reason once", w.reports)
			}
		})
	}
}

func script(src string) func(t *testing.T) string {
	return func(t *testing.T) string { return servePAC(t, func() string { return src }, new(int)) }
}

// The file is kept for an hour; one that could not be fetched is asked
// for again after a few minutes, and works from then on.
func TestPACIsFetchedAgain(t *testing.T) {
	w := newPACWorld(t)
	proxy := w.proxy("corp-proxy")
	var mu stdsync.Mutex
	way, status := "DIRECT", http.StatusServiceUnavailable
	hits := 0
	srv := serve(t, func(rw http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		hits++
		if status != http.StatusOK {
			rw.WriteHeader(status)
			return
		}
		fmt.Fprintf(rw, "function FindProxyForURL(url, host) { return %q; }", way)
	})
	f := w.fetcher(srv.URL+"/proxy.pac", nil)
	set := func(w string, s int) { mu.Lock(); way, status = w, s; mu.Unlock() }

	if got := w.get(f, "http://feeds.example/rss"); got != "direct" || hits != 1 {
		t.Fatalf("while the PAC server fails: went %s after %d fetches of the file", got, hits)
	}
	set("PROXY "+proxy, http.StatusOK)
	w.wait(time.Minute)
	if got := w.get(f, "http://feeds.example/rss"); got != "direct" || hits != 1 {
		t.Errorf("a minute later: went %s after %d fetches of the file, want direct after 1", got, hits)
	}
	w.wait(pacRetry)
	if got := w.get(f, "http://feeds.example/rss"); got != "corp-proxy" || hits != 2 {
		t.Errorf("after %v: went %s after %d fetches of the file, want corp-proxy after 2", pacRetry, got, hits)
	}
	set("DIRECT", http.StatusOK)
	w.wait(pacRefetch - time.Minute)
	if got := w.get(f, "http://feeds.example/rss"); got != "corp-proxy" || hits != 2 {
		t.Errorf("within the hour: went %s after %d fetches of the file, want corp-proxy after 2", got, hits)
	}
	w.wait(2 * time.Minute)
	if got := w.get(f, "http://feeds.example/rss"); got != "direct" || hits != 3 {
		t.Errorf("after the hour: went %s after %d fetches of the file, want direct after 3", got, hits)
	}
	if len(w.reports) != 1 {
		t.Errorf("logged %q, want the one failure", w.reports)
	}
}

// A PAC file on disk (file://), as a managed machine may have it.
func TestPACFromAFile(t *testing.T) {
	w := newPACWorld(t)
	proxy := w.proxy("corp-proxy")
	path := filepath.Join(t.TempDir(), "proxy.pac")
	if err := os.WriteFile(path, []byte("\uFEFFfunction FindProxyForURL(url, host) { return \"PROXY "+proxy+"\"; }"), 0o600); err != nil {
		t.Fatal(err)
	}
	f := w.fetcher("file://"+filepath.ToSlash(path), nil)
	if got := w.get(f, "http://feeds.example/rss"); got != "corp-proxy" {
		t.Errorf("went %s, want corp-proxy", got)
	}
	for in, want := range map[string]string{
		"file:///etc/proxy.pac":                 "/etc/proxy.pac",
		"file://localhost/etc/proxy.pac":        "/etc/proxy.pac",
		"file:///C:/Windows/proxy.pac":          "C:/Windows/proxy.pac",
		"file://C:/Windows/proxy.pac":           "C:/Windows/proxy.pac",
		"file://fileserver/it/proxy.pac":        "//fileserver/it/proxy.pac",
		"file:///home/sam/My%20Files/proxy.pac": "/home/sam/My Files/proxy.pac",
	} {
		u, _ := url.Parse(in)
		if got := filePath(u); got != filepath.FromSlash(want) {
			t.Errorf("%s: path %q, want %q", in, got, filepath.FromSlash(want))
		}
	}
}

// The functions every PAC file may call, with the examples of Netscape's
// description of the format.
func TestPACFunctions(t *testing.T) {
	w := newPACWorld(t)
	p := w.newPAC("http://unused.example/proxy.pac", nil)
	// Wednesday 9 December 2026, 13:30:15 in Paris, 12:30:15 GMT.
	w.now = time.Date(2026, 12, 9, 13, 30, 15, 0, time.FixedZone("CET", 3600))
	if err := p.compile("function FindProxyForURL(url, host) { return 'DIRECT'; }"); err != nil {
		t.Fatal(err)
	}
	p.deadline = time.Now().Add(time.Second)
	for expr, want := range map[string]any{
		`isPlainHostName("www")`:                                                       true,
		`isPlainHostName("www.netscape.com")`:                                          false,
		`dnsDomainIs("www.netscape.com", ".netscape.com")`:                             true,
		`dnsDomainIs("www", ".netscape.com")`:                                          false,
		`dnsDomainIs("www.mcom.com", ".netscape.com")`:                                 false,
		`localHostOrDomainIs("www.netscape.com", "www.netscape.com")`:                  true,
		`localHostOrDomainIs("www", "www.netscape.com")`:                               true,
		`localHostOrDomainIs("www.mcom.com", "www.netscape.com")`:                      false,
		`localHostOrDomainIs("home.netscape.com", "www.netscape.com")`:                 false,
		`isResolvable("home.netscape.com")`:                                            true,
		`isResolvable("bogus.domain.foobar")`:                                          false,
		`isInNet("198.95.249.79", "198.95.249.79", "255.255.255.255")`:                 true,
		`isInNet("198.95.249.79", "198.95.0.0", "255.255.0.0")`:                        true,
		`isInNet("198.96.1.1", "198.95.0.0", "255.255.0.0")`:                           false,
		`isInNet("home.netscape.com", "198.95.0.0", "255.255.0.0")`:                    true,
		`isInNet("wiki.intranet.example", "10.0.0.0", "255.0.0.0")`:                    true,
		`isInNet("bogus.domain.foobar", "0.0.0.0", "0.0.0.0")`:                         false,
		`isInNet(myIpAddress(), "10.0.0.0", "255.255.255.0")`:                          true,
		`dnsResolve("home.netscape.com")`:                                              "198.95.249.79",
		`dnsResolve("bogus.domain.foobar")`:                                            nil,
		`myIpAddress()`:                                                                "10.0.0.7",
		`dnsDomainLevels("www")`:                                                       int64(0),
		`dnsDomainLevels("www.netscape.com")`:                                          int64(2),
		`shExpMatch("http://home.netscape.com/people/ari/index.html", "*/ari/*")`:      true,
		`shExpMatch("http://home.netscape.com/people/montulli/index.html", "*/ari/*")`: false,
		`shExpMatch("www.example.com", "*.example.com")`:                               true,
		`shExpMatch("example.com", "*.example.com")`:                                   false,
		`shExpMatch("a.b", "a?b")`:                                                     true,
		`shExpMatch("a.b.c", "a*c*")`:                                                  true,
		`shExpMatch("aab", "*ab")`:                                                     true,
		`shExpMatch("abc", "ab")`:                                                      false,
		`convertAddr("104.16.41.2")`:                                                   int64(1745889538),
		`weekdayRange("MON", "FRI")`:                                                   true,
		`weekdayRange("WED")`:                                                          true,
		`weekdayRange("SAT")`:                                                          false,
		`weekdayRange("SAT", "TUE")`:                                                   false,
		`weekdayRange("TUE", "MON")`:                                                   true,
		`weekdayRange("WED", "THU", "GMT")`:                                            true,
		`dateRange(9)`:                                                                 true,
		`dateRange(1, 15)`:                                                             true,
		`dateRange(24, "GMT")`:                                                         false,
		`dateRange("DEC")`:                                                             true,
		`dateRange("JAN", "MAR")`:                                                      false,
		`dateRange("NOV", "FEB")`:                                                      true,
		`dateRange(2026)`:                                                              true,
		`dateRange(2020, 2025)`:                                                        false,
		`dateRange(1, "DEC", 24, "DEC")`:                                               true,
		`dateRange(10, "DEC", 24, "DEC")`:                                              false,
		`dateRange("OCT", 2026, "MAR", 2027)`:                                          true,
		`dateRange(1, "JAN", 2026, 8, "DEC", 2026)`:                                    false,
		`dateRange(1, "JAN", 2026, 31, "DEC", 2026)`:                                   true,
		`dateRange("HOLIDAY")`:                                                         false,
		`timeRange(13)`:                                                                true,
		`timeRange(13, "GMT")`:                                                         false,
		`timeRange(12, "GMT")`:                                                         true,
		`timeRange(9, 17)`:                                                             true,
		`timeRange(22, 6)`:                                                             false,
		`timeRange(13, 30, 13, 45)`:                                                    true,
		`timeRange(13, 31, 14, 0)`:                                                     false,
		`timeRange(13, 30, 0, 13, 30, 14)`:                                             false,
		`timeRange(13, 30, 0, 13, 30, 15)`:                                             true,
		`timeRange(0, 0, 0, 0, 0, 30, "GMT")`:                                          false,
		`new Date().getUTCHours()`:                                                     int64(12),
		`alert("debugging"); "alerted"`:                                                "alerted",
	} {
		v, err := p.vm.RunString(expr)
		if err != nil {
			t.Errorf("%s: %v", expr, err)
			continue
		}
		if got := v.Export(); got != want {
			t.Errorf("%s = %v (%T), want %v", expr, got, got, want)
		}
	}
}

// FindProxyForURL's answer as ways to try.
func TestParseWays(t *testing.T) {
	for in, want := range map[string]string{
		"PROXY proxy.corp.example:8080; SOCKS5 socks.corp.example:1080; DIRECT": "http://proxy.corp.example:8080 socks5://socks.corp.example:1080 direct",
		"proxy a.example:3128;direct":                                           "http://a.example:3128 direct",
		"HTTPS secure.example:8443":                                             "https://secure.example:8443",
		"HTTP a.example:80 ; SOCKS b.example":                                   "http://a.example:80 socks5://b.example:1080",
		"PROXY a.example":                                                       "http://a.example:80",
		"PROXY [2001:db8::1]:3128":                                              "http://[2001:db8::1]:3128",
		"SOCKS4 old.example:1080; PROXY b.example:8080":                         "http://b.example:8080",
		"":                        "direct",
		"BLOCKED; PROXY":          "direct",
		"SOCKS4 old.example:1080": "direct",
	} {
		var got []string
		for _, w := range parseWays(in) {
			if w == nil {
				got = append(got, "direct")
			} else {
				got = append(got, w.String())
			}
		}
		if strings.Join(got, " ") != want {
			t.Errorf("%q: %q, want %q", in, strings.Join(got, " "), want)
		}
	}
}

// A PAC file is fetched and run only when the desktop names one and the
// environment names no proxy.
func TestPACOnlyWhenSet(t *testing.T) {
	envProxy := &httpproxy.Config{HTTPProxy: "http://env.example:8080"}
	manual := &httpproxy.Config{HTTPProxy: "http://manual.example:3128"}
	for _, tc := range []struct {
		name    string
		env     *httpproxy.Config
		desktop desktopSetting
		pac     bool
		want    string
	}{
		{"environment", envProxy, desktopSetting{pac: "http://wpad.example/proxy.pac"}, false, "http://env.example:8080"},
		{"PAC file", nil, desktopSetting{pac: "http://wpad.example/proxy.pac", manual: manual}, true, "http://pac.example:8080"},
		{"by hand", nil, desktopSetting{manual: manual}, false, "http://manual.example:3128"},
		{"nothing", nil, desktopSetting{}, false, ""},
	} {
		made := false
		p := &systemProxy{
			env:     func() *httpproxy.Config { return tc.env },
			desktop: func() desktopSetting { return tc.desktop },
			now:     time.Now,
			newPAC: func(a string) *pac {
				made = true
				q := newPAC(a)
				q.get = func(context.Context, string) ([]byte, error) {
					return []byte(`function FindProxyForURL(u, h) { return "PROXY pac.example:8080"; }`), nil
				}
				return q
			},
		}
		req, _ := http.NewRequest(http.MethodGet, "http://feeds.example/rss", nil)
		got, err := p.Proxy(req)
		s := ""
		if got != nil {
			s = got.String()
		}
		if err != nil || s != tc.want || made != tc.pac {
			t.Errorf("%s: through %q (%v), PAC run %v; want %q, %v", tc.name, s, err, made, tc.want, tc.pac)
		}
	}
}
