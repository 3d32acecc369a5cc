package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	stdsync "sync"
	"time"

	"github.com/dop251/goja"
)

// A PAC file (proxy auto-configuration, as most organisations set their
// proxies) is a JavaScript function, FindProxyForURL(url, host), that
// answers a list of ways to reach an address: "PROXY a:8080; SOCKS5
// b:1080; DIRECT". pac fetches the file, keeps it for an hour, runs it
// with goja and keeps its answer for a host for a few minutes. Whatever
// goes wrong (the file cannot be fetched, is not a script, fails or runs
// too long) means a direct connection, and the reason is logged once.
const (
	pacMaxBytes     = 1 << 20
	pacFetchTimeout = 10 * time.Second
	pacRefetch      = time.Hour       // a file in use is fetched again after this
	pacRetry        = 5 * time.Minute // a file that could not be used is tried again after this
	pacRunLimit     = 3 * time.Second // one run of the script, name look-ups included
	pacAnswerFor    = 5 * time.Minute // an answer for a host is kept this long
	pacMaxAnswers   = 1000
	pacMaxStack     = 1000
)

var (
	errPACUnreachable = errors.New("could not be fetched")
	errPACNotScript   = errors.New("is not a proxy configuration script")
	errPACFailed      = errors.New("failed")
	errPACSlow        = errors.New("took too long to choose a proxy")
)

type pac struct {
	address string
	get     func(ctx context.Context, address string) ([]byte, error)
	now     func() time.Time
	report  func(words string)
	limit   time.Duration
	lookup  func(ctx context.Context, host string) ([]net.IP, error)
	myIP    func() net.IP

	mu       stdsync.Mutex
	vm       *goja.Runtime
	script   goja.Callable // FindProxyForURL; nil: the file is not in use, go directly
	refetch  time.Time
	deadline time.Time // of the run under way, for name look-ups
	answers  map[string]pacAnswer
	problem  error  // the last thing that went wrong
	said     string // the last reason logged, so it is logged once
}

type pacAnswer struct {
	ways  []*url.URL // nil entries: directly
	until time.Time
}

var direct = []*url.URL{nil}

func newPAC(address string) *pac {
	return &pac{
		address: address,
		get:     newPACGetter(),
		now:     time.Now,
		report:  func(words string) { log.Printf("learnwork: proxy: %s", words) },
		limit:   pacRunLimit,
		lookup: func(ctx context.Context, host string) ([]net.IP, error) {
			return net.DefaultResolver.LookupIP(ctx, "ip4", host)
		},
		myIP: myIPAddress,
	}
}

// find is the ways the file names for u, in its order; directly when the
// file is not in use. The script sees the address up to its host (as
// Chrome shows https addresses to it), so one answer serves a host.
func (p *pac) find(u *url.URL) []*url.URL {
	host := strings.ToLower(u.Hostname())
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	key := u.Scheme + "://" + net.JoinHostPort(host, port)
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	if !now.Before(p.refetch) {
		p.load()
	}
	if p.script == nil {
		return direct
	}
	if a, ok := p.answers[key]; ok && now.Before(a.until) {
		return a.ways
	}
	ways := direct
	v, err := p.run(func() (goja.Value, error) {
		return p.script(goja.Undefined(), p.vm.ToValue(u.Scheme+"://"+u.Host+"/"), p.vm.ToValue(host))
	})
	if err != nil {
		p.fail(fmt.Errorf("automatic proxy configuration %s %w: %w", p.address, errPACFailed, err))
	} else if !goja.IsUndefined(v) && !goja.IsNull(v) {
		ways = parseWays(v.String())
	}
	if len(p.answers) >= pacMaxAnswers {
		clear(p.answers)
	}
	p.answers[key] = pacAnswer{ways: ways, until: now.Add(pacAnswerFor)}
	return ways
}

// load fetches and compiles the file; on failure the file is not in use
// until it is tried again.
func (p *pac) load() {
	p.vm, p.script, p.answers = nil, nil, map[string]pacAnswer{}
	ctx, cancel := context.WithTimeout(context.Background(), pacFetchTimeout)
	defer cancel()
	src, err := p.get(ctx, p.address)
	if err != nil {
		p.refetch = p.now().Add(pacRetry)
		p.fail(fmt.Errorf("automatic proxy configuration %s %w: %w", p.address, errPACUnreachable, err))
		return
	}
	if err := p.compile(strings.TrimPrefix(string(src), "\uFEFF")); err != nil {
		p.vm, p.script = nil, nil
		p.refetch = p.now().Add(pacRetry)
		p.fail(fmt.Errorf("automatic proxy configuration %s %w", p.address, err))
		return
	}
	p.refetch = p.now().Add(pacRefetch)
	p.problem, p.said = nil, ""
}

func (p *pac) compile(src string) error {
	prog, err := goja.Compile(p.address, src, false)
	if err != nil {
		return fmt.Errorf("%w: %w", errPACNotScript, err)
	}
	p.vm = goja.New()
	p.vm.SetTimeSource(p.now)
	p.vm.SetMaxCallStackSize(pacMaxStack)
	if err := p.define(p.vm); err != nil {
		return err
	}
	if _, err := p.run(func() (goja.Value, error) { return p.vm.RunProgram(prog) }); err != nil {
		return fmt.Errorf("%w: %w", errPACFailed, err)
	}
	find, ok := goja.AssertFunction(p.vm.Get("FindProxyForURL"))
	if !ok {
		return fmt.Errorf("%w: it has no FindProxyForURL function", errPACNotScript)
	}
	p.script = find
	return nil
}

// run runs f in p.vm for at most p.limit: goja stops a script between two
// of its steps, and a name look-up ends at the same deadline.
func (p *pac) run(f func() (goja.Value, error)) (goja.Value, error) {
	p.deadline = time.Now().Add(p.limit)
	fired := make(chan struct{})
	t := time.AfterFunc(p.limit, func() {
		p.vm.Interrupt(errPACSlow)
		close(fired)
	})
	v, err := f()
	if !t.Stop() {
		<-fired
	}
	p.vm.ClearInterrupt()
	return v, err
}

// fail records what went wrong and logs it unless it was the last thing
// logged: a file that stays out of reach is named once, not at every
// fetch.
func (p *pac) fail(err error) {
	p.problem = err
	if words := err.Error(); words != p.said {
		p.said = words
		p.report(words + "; connecting directly")
	}
}

// parseWays reads FindProxyForURL's answer. PROXY and HTTP name an http
// proxy, HTTPS one spoken to over TLS, SOCKS and SOCKS5 a SOCKS 5 proxy;
// SOCKS4, which net/http does not speak, and anything unreadable are
// skipped. Nothing usable means directly.
func parseWays(s string) []*url.URL {
	var ways []*url.URL
	for _, part := range strings.Split(s, ";") {
		f := strings.Fields(part)
		if len(f) == 0 {
			continue
		}
		kind := strings.ToUpper(f[0])
		if kind == "DIRECT" {
			ways = append(ways, nil)
			continue
		}
		scheme, port := "", ""
		switch kind {
		case "PROXY", "HTTP":
			scheme, port = "http", "80"
		case "HTTPS":
			scheme, port = "https", "443"
		case "SOCKS", "SOCKS5":
			scheme, port = "socks5", "1080"
		}
		if scheme == "" || len(f) != 2 {
			continue
		}
		addr := f[1]
		if h, p, err := net.SplitHostPort(addr); err == nil {
			addr = net.JoinHostPort(h, p)
		} else {
			addr = net.JoinHostPort(strings.Trim(addr, "[]"), port)
		}
		u, err := url.Parse(scheme + "://" + addr)
		if err != nil || u.Hostname() == "" {
			continue
		}
		ways = append(ways, u)
	}
	if len(ways) == 0 {
		return direct
	}
	return ways
}

// newPACGetter fetches a PAC file from http, https or file addresses,
// never through a proxy (it is what says which proxy to use).
func newPACGetter() func(ctx context.Context, address string) ([]byte, error) {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = nil
	client := &http.Client{Transport: t, Timeout: pacFetchTimeout}
	return func(ctx context.Context, address string) ([]byte, error) {
		u, err := url.Parse(address)
		if err != nil {
			return nil, err
		}
		var body io.ReadCloser
		if strings.EqualFold(u.Scheme, "file") {
			f, err := os.Open(filePath(u))
			if err != nil {
				return nil, err
			}
			body = f
		} else {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, address, nil)
			if err != nil {
				return nil, err
			}
			resp, err := client.Do(req)
			if err != nil {
				return nil, err
			}
			if resp.StatusCode != http.StatusOK {
				resp.Body.Close()
				return nil, fmt.Errorf("the server answered %s", resp.Status)
			}
			body = resp.Body
		}
		defer body.Close()
		b, err := io.ReadAll(io.LimitReader(body, pacMaxBytes+1))
		if err != nil {
			return nil, err
		}
		if len(b) > pacMaxBytes {
			return nil, fmt.Errorf("it is larger than %d MB", pacMaxBytes>>20)
		}
		return b, nil
	}
}

// filePath is a file address's path: file:///etc/proxy.pac, and on
// Windows file:///C:/proxy.pac, file://C:/proxy.pac or a share's
// file://server/share/proxy.pac.
func filePath(u *url.URL) string {
	p := u.Path
	switch {
	case len(p) >= 3 && p[0] == '/' && p[2] == ':':
		p = p[1:]
	case len(u.Host) == 2 && u.Host[1] == ':':
		p = u.Host + p
	case u.Host != "" && u.Host != "localhost":
		p = "//" + u.Host + p
	}
	return filepath.FromSlash(p)
}
