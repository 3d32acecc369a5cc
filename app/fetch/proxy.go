package fetch

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	stdsync "sync"
	"sync/atomic"
	"time"

	"golang.org/x/net/http/httpproxy"
)

// systemProxy is the proxy the system says to use: the environment
// (HTTP_PROXY, HTTPS_PROXY, NO_PROXY) when it names one, as a terminal
// sets it; else the desktop's network settings (GNOME's on Linux, System
// Settings on macOS, Internet Options on Windows), which a window started
// from the desktop does not get in its environment: an automatic
// configuration file (PAC) when the desktop names one, else a proxy set by
// hand. Read on the first request, so a command that fetches nothing never
// asks, and a PAC file is fetched and run only when one is set.
//
// A PAC file may name several ways to go ("PROXY a:8080; PROXY b:8080;
// DIRECT") where a Transport takes one proxy per request: Proxy answers
// the first way not known to be down, and RoundTrip, when it could not
// connect to that proxy, marks it down for a while and tries the next.
type systemProxy struct {
	env     func() *httpproxy.Config // nil result: nothing set
	desktop func() desktopSetting
	newPAC  func(address string) *pac
	now     func() time.Time

	once  stdsync.Once
	fixed func(*url.URL) (*url.URL, error) // the environment's or the desktop's one proxy
	pac   *pac                             // nil unless a PAC file is set

	mu   stdsync.Mutex
	down map[string]time.Time // proxies that could not be connected: skipped until then
}

// desktopSetting is what the desktop says: the address of a PAC file, or
// a proxy set by hand (nil: none).
type desktopSetting struct {
	pac    string
	manual *httpproxy.Config
}

const (
	// proxyDownFor is how long a proxy that could not be connected is
	// tried only after the other ways its PAC file names.
	proxyDownFor = 5 * time.Minute
	// proxyDialTimeout bounds connecting to a proxy, so a silent one
	// leaves time to try the next within a fetch's timeout.
	proxyDialTimeout = 10 * time.Second
)

func newSystemProxy() *systemProxy {
	return &systemProxy{env: httpproxy.FromEnvironment, desktop: desktopSettings, newPAC: newPAC, now: time.Now}
}

// desktopSettings asks the desktop once per process: every fetcher of
// a process shares the answer.
var desktopSettings = stdsync.OnceValue(desktopProxy)

func (p *systemProxy) read() {
	c := p.env()
	if c == nil || c.HTTPProxy == "" && c.HTTPSProxy == "" {
		d := p.desktop()
		switch {
		case d.pac != "":
			p.pac = p.newPAC(d.pac)
			return
		case d.manual != nil:
			c = d.manual
		}
	}
	if c == nil {
		c = &httpproxy.Config{}
	}
	p.fixed = c.ProxyFunc() // never for localhost or a loopback address
}

// Proxy is an http.Transport's Proxy.
func (p *systemProxy) Proxy(req *http.Request) (*url.URL, error) {
	p.once.Do(p.read)
	if p.pac == nil {
		return p.fixed(req.URL)
	}
	if loopback(req.URL.Hostname()) {
		return nil, nil // this machine is never behind a proxy, whatever a PAC file says
	}
	ways := p.order(p.pac.find(req.URL))
	a, _ := req.Context().Value(attemptKey{}).(*attempt)
	if a == nil {
		return ways[0], nil
	}
	var left []*url.URL
	for _, w := range ways {
		if !slices.ContainsFunc(a.tried, func(t *url.URL) bool { return w != nil && t.String() == w.String() }) {
			left = append(left, w)
		}
	}
	if len(left) == 0 { // every proxy failed, and no DIRECT
		left = ways[len(ways)-1:]
	}
	a.proxy.Store(left[0])
	a.more = len(left) > 1
	return left[0], nil
}

// order puts the proxies that could not be connected lately after the
// other ways, keeping the PAC file's order otherwise: a way known to be
// down is still tried when nothing else is left.
func (p *systemProxy) order(ways []*url.URL) []*url.URL {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	var up, down []*url.URL
	for _, w := range ways {
		if w != nil && now.Before(p.down[w.String()]) {
			down = append(down, w)
			continue
		}
		up = append(up, w)
	}
	return append(up, down...)
}

func (p *systemProxy) markDown(proxy *url.URL) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.down == nil {
		p.down = map[string]time.Time{}
	}
	p.down[proxy.String()] = p.now().Add(proxyDownFor)
}

// attempt is one try of a request: the proxies earlier tries could not
// connect, the way Proxy chose (nil: directly), whether another way is
// left after it, and whether connecting to the chosen proxy failed. A
// fresh one per try, as a late dial of an abandoned try may still report.
type attempt struct {
	tried       []*url.URL
	proxy       atomic.Pointer[url.URL]
	more        bool
	proxyFailed atomic.Bool
}

type attemptKey struct{}

// transport makes t go the way p says, trying a PAC file's next way when
// a proxy cannot be connected.
func (p *systemProxy) transport(t *http.Transport) http.RoundTripper {
	t.Proxy = p.Proxy
	if t.DialContext == nil {
		t.DialContext = (&net.Dialer{}).DialContext
	}
	t.DialContext = p.dial(t.DialContext)
	return proxyFallback{next: t}
}

// proxyFallback wraps a Transport whose Proxy is a systemProxy's Proxy and
// whose dial its dial, to try a PAC file's next way when a proxy cannot be
// connected. A request with a body is not sent twice.
type proxyFallback struct{ next http.RoundTripper }

func (t proxyFallback) RoundTrip(req *http.Request) (*http.Response, error) {
	var tried []*url.URL
	for {
		a := &attempt{tried: tried}
		resp, err := t.next.RoundTrip(req.WithContext(context.WithValue(req.Context(), attemptKey{}, a)))
		if err == nil || !a.proxyFailed.Load() {
			return resp, err
		}
		if !a.more || req.Body != nil && req.Body != http.NoBody || req.Context().Err() != nil {
			return resp, fmt.Errorf("%w %s: %w", errProxyDown, a.proxy.Load().Host, err)
		}
		tried = append(tried, a.proxy.Load())
	}
}

// dial wraps a Transport's dial: a connection to a proxy that fails marks
// the proxy down (with a Transport that uses a proxy, every dial of a
// request is to its proxy).
func (p *systemProxy) dial(base func(ctx context.Context, network, addr string) (net.Conn, error)) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		a, _ := ctx.Value(attemptKey{}).(*attempt)
		if a == nil || a.proxy.Load() == nil {
			return base(ctx, network, addr)
		}
		dctx, cancel := context.WithTimeout(ctx, proxyDialTimeout)
		defer cancel()
		c, err := base(dctx, network, addr)
		if err != nil && ctx.Err() == nil {
			a.proxyFailed.Store(true)
			p.markDown(a.proxy.Load())
		}
		return c, err
	}
}

// loopback reports whether host is this machine, by name or address.
func loopback(host string) bool {
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// proxyURL is a proxy's address from a host and port as settings give
// them ("proxy.example.org", "8080"); "" when there is no host.
func proxyURL(host, port string) string {
	host, port = strings.TrimSpace(host), strings.TrimSpace(port)
	if host == "" {
		return ""
	}
	if strings.Contains(host, "://") {
		return host
	}
	if port != "" && port != "0" && !strings.Contains(host, ":") {
		host += ":" + port
	}
	return "http://" + host
}

// noProxy turns the exceptions the desktops list ("*.example.org",
// "169.254/16", "<local>", "10.*") into NO_PROXY's terms, leaving out
// what it cannot say (loopback addresses are never proxied anyway).
func noProxy(entries []string) string {
	var out []string
	for _, e := range entries {
		e = strings.TrimSpace(e)
		switch {
		case e == "" || e == "<local>":
			continue
		case strings.HasPrefix(e, "*."):
			e = e[1:]
		case strings.Contains(e, "*"):
			continue
		}
		if ip, bits, ok := strings.Cut(e, "/"); ok && strings.Count(ip, ".") < 3 && !strings.Contains(ip, ":") {
			e = ip + strings.Repeat(".0", 3-strings.Count(ip, ".")) + "/" + bits // macOS writes 169.254/16
		}
		out = append(out, e)
	}
	return strings.Join(out, ",")
}

// gnomeProxy reads GNOME's proxy settings through get (gsettings get
// SCHEMA KEY, as it prints values): the PAC file of mode 'auto' (none
// when it is left empty, which asks for WPAD discovery), or the proxy of
// mode 'manual'.
func gnomeProxy(get func(schema, key string) string) desktopSetting {
	switch unquote(get("org.gnome.system.proxy", "mode")) {
	case "auto":
		return desktopSetting{pac: pacAddress(unquote(get("org.gnome.system.proxy", "autoconfig-url")))}
	case "manual":
		return desktopSetting{manual: gnomeManual(get)}
	}
	return desktopSetting{}
}

func gnomeManual(get func(schema, key string) string) *httpproxy.Config {
	server := func(schema string) string {
		return proxyURL(unquote(get(schema, "host")), strings.TrimPrefix(strings.TrimSpace(get(schema, "port")), "uint32 "))
	}
	c := &httpproxy.Config{HTTPProxy: server("org.gnome.system.proxy.http"), HTTPSProxy: server("org.gnome.system.proxy.https")}
	if c.HTTPProxy == "" && c.HTTPSProxy == "" {
		return nil
	}
	// ['localhost', '127.0.0.0/8', '*.example.org']
	list := strings.Trim(strings.TrimSpace(get("org.gnome.system.proxy", "ignore-hosts")), "[]")
	var hosts []string
	for _, h := range strings.Split(list, ",") {
		hosts = append(hosts, unquote(h))
	}
	c.NoProxy = noProxy(hosts)
	return c
}

func unquote(s string) string { return strings.Trim(strings.TrimSpace(s), `'"`) }

// scutilProxy reads macOS's proxy settings as `scutil --proxy` prints
// them: the PAC file when "Automatic proxy configuration" is on, and the
// proxies set by hand (the PAC file wins when both are, as on macOS).
// "Auto proxy discovery" (WPAD) is not followed.
func scutilProxy(out string) desktopSetting {
	vals := map[string]string{}
	var exceptions []string
	inList := false
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), " : ")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		switch {
		case inList && strings.TrimSpace(sc.Text()) == "}":
			inList = false
		case inList && ok:
			exceptions = append(exceptions, v)
		case ok && k == "ExceptionsList":
			inList = true
		case ok:
			vals[k] = v
		}
	}
	server := func(kind string) string {
		if vals[kind+"Enable"] != "1" {
			return ""
		}
		return proxyURL(vals[kind+"Proxy"], vals[kind+"Port"])
	}
	d := desktopSetting{manual: &httpproxy.Config{HTTPProxy: server("HTTP"), HTTPSProxy: server("HTTPS"), NoProxy: noProxy(exceptions)}}
	if d.manual.HTTPProxy == "" && d.manual.HTTPSProxy == "" {
		d.manual = nil
	}
	if vals["ProxyAutoConfigEnable"] == "1" {
		d.pac = pacAddress(vals["ProxyAutoConfigURLString"])
	}
	return d
}

// windowsProxy reads Internet Options' proxy: the registry's AutoConfigURL
// ("Use setup script", which wins over a proxy set by hand, as in
// Windows) and ProxyEnable, ProxyServer, ProxyOverride. AutoDetect (WPAD)
// is not followed.
func windowsProxy(autoConfig string, enable uint64, server, override string) desktopSetting {
	return desktopSetting{pac: pacAddress(autoConfig), manual: windowsManual(enable, server, override)}
}

// windowsManual reads ProxyServer: "host:port" for every protocol, or
// "http=host:port;https=host:port".
func windowsManual(enable uint64, server, override string) *httpproxy.Config {
	if enable == 0 || strings.TrimSpace(server) == "" {
		return nil
	}
	c := &httpproxy.Config{NoProxy: noProxy(strings.Split(override, ";"))}
	if !strings.Contains(server, "=") {
		c.HTTPProxy = proxyURL(server, "")
		c.HTTPSProxy = c.HTTPProxy
		return c
	}
	for _, part := range strings.Split(server, ";") {
		proto, addr, _ := strings.Cut(part, "=")
		switch strings.ToLower(strings.TrimSpace(proto)) {
		case "http":
			c.HTTPProxy = proxyURL(addr, "")
		case "https":
			c.HTTPSProxy = proxyURL(addr, "")
		}
	}
	if c.HTTPProxy == "" && c.HTTPSProxy == "" {
		return nil
	}
	return c
}

// pacAddress is a PAC file's address as a setting gives it, "" unless it
// is one Learnwork can fetch (http, https or file).
func pacAddress(s string) string {
	s = strings.TrimSpace(s)
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return ""
		}
		return s
	case "file":
		return s
	}
	return ""
}
