package fetch

import (
	"bufio"
	"net/http"
	"net/url"
	"strings"
	stdsync "sync"

	"golang.org/x/net/http/httpproxy"
)

// systemProxy is the proxy the system says to use: the environment
// (HTTP_PROXY, HTTPS_PROXY, NO_PROXY) when it names one, as a terminal
// sets it; else the desktop's network settings (GNOME's on Linux, System
// Settings on macOS, Internet Options on Windows), which a window started
// from the desktop does not get in its environment. Read on the first
// request, so a command that fetches nothing never asks.
type systemProxy struct {
	env, desktop func() *httpproxy.Config // nil result: nothing set
	once         stdsync.Once
	proxy        func(*url.URL) (*url.URL, error)
}

func newSystemProxy() *systemProxy {
	return &systemProxy{env: httpproxy.FromEnvironment, desktop: desktopSettings}
}

// desktopSettings asks the desktop once per process: every fetcher of
// a process shares the answer.
var desktopSettings = stdsync.OnceValue(desktopProxy)

// Proxy is an http.Transport's Proxy.
func (p *systemProxy) Proxy(req *http.Request) (*url.URL, error) {
	p.once.Do(func() {
		c := p.env()
		if c == nil || c.HTTPProxy == "" && c.HTTPSProxy == "" {
			if d := p.desktop(); d != nil {
				c = d
			}
		}
		if c == nil {
			c = &httpproxy.Config{}
		}
		p.proxy = c.ProxyFunc() // never for localhost or a loopback address
	})
	return p.proxy(req.URL)
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
// SCHEMA KEY, as it prints values): a manual proxy only; an automatic
// one (a PAC file) is not followed.
func gnomeProxy(get func(schema, key string) string) *httpproxy.Config {
	if unquote(get("org.gnome.system.proxy", "mode")) != "manual" {
		return nil
	}
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
// them.
func scutilProxy(out string) *httpproxy.Config {
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
	c := &httpproxy.Config{HTTPProxy: server("HTTP"), HTTPSProxy: server("HTTPS"), NoProxy: noProxy(exceptions)}
	if c.HTTPProxy == "" && c.HTTPSProxy == "" {
		return nil
	}
	return c
}

// windowsProxy reads Internet Options' proxy (the registry's ProxyEnable,
// ProxyServer, ProxyOverride): "host:port" for every protocol, or
// "http=host:port;https=host:port".
func windowsProxy(enable uint64, server, override string) *httpproxy.Config {
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
