package fetch

import (
	"net/http"
	"testing"

	"golang.org/x/net/http/httpproxy"
)

// Where a request goes under each desktop's proxy settings, as they are
// written: through the proxy, or directly for the exceptions (and always
// for this machine).
func TestDesktopProxySettings(t *testing.T) {
	gnome := map[string]string{
		"org.gnome.system.proxy mode":           "'manual'\n",
		"org.gnome.system.proxy ignore-hosts":   "['localhost', '127.0.0.0/8', '::1', '*.intranet.example', '10.0.0.0/8']\n",
		"org.gnome.system.proxy.http host":      "'proxy.example.org'\n",
		"org.gnome.system.proxy.http port":      "3128\n",
		"org.gnome.system.proxy.https host":     "'proxy.example.org'\n",
		"org.gnome.system.proxy.https port":     "3129\n",
		"org.gnome.system.proxy.socks host":     "''\n",
		"org.gnome.system.proxy.socks port":     "0\n",
		"org.gnome.system.proxy autoconfig-url": "''\n",
	}
	get := func(m map[string]string) func(schema, key string) string {
		return func(schema, key string) string { return m[schema+" "+key] }
	}
	scutil := `<dictionary> {
  ExceptionsList : <array> {
    0 : *.intranet.example
    1 : 10/8
  }
  FTPPassive : 1
  HTTPEnable : 1
  HTTPPort : 3128
  HTTPProxy : proxy.example.org
  HTTPSEnable : 1
  HTTPSPort : 3129
  HTTPSProxy : proxy.example.org
}
`
	for _, tc := range []struct {
		name string
		c    *httpproxy.Config
	}{
		{"GNOME", gnomeProxy(get(gnome)).manual},
		{"macOS", scutilProxy(scutil).manual},
		{"Windows", windowsProxy("", 1, "http=proxy.example.org:3128;https=proxy.example.org:3129;ftp=ftp.example.org:21", "*.intranet.example;10.*;<local>").manual},
	} {
		if tc.c == nil {
			t.Errorf("%s: no proxy read", tc.name)
			continue
		}
		p := tc.c.ProxyFunc()
		for url, want := range map[string]string{
			"http://feeds.example/rss":       "http://proxy.example.org:3128",
			"https://feeds.example/rss":      "http://proxy.example.org:3129",
			"https://wiki.intranet.example/": "",
			"http://127.0.0.1:8080/feed":     "",
			"http://10.1.2.3/feed":           map[string]string{"Windows": "http://proxy.example.org:3128"}[tc.name], // 10.* is a pattern NO_PROXY cannot say
			"http://localhost/feed":          "",
		} {
			req, _ := http.NewRequest(http.MethodGet, url, nil)
			got, err := p(req.URL)
			if err != nil {
				t.Fatal(err)
			}
			s := ""
			if got != nil {
				s = got.String()
			}
			if s != want {
				t.Errorf("%s: %s goes through %v, want %q", tc.name, url, got, want)
			}
		}
	}

	// One proxy for everything, as Windows writes it most often.
	if c := windowsProxy("", 1, "proxy.example.org:8080", "").manual; c == nil || c.HTTPProxy != "http://proxy.example.org:8080" || c.HTTPSProxy != c.HTTPProxy {
		t.Errorf("one Windows proxy for all: %+v", c)
	}
	// No proxy set, or only automatic discovery (WPAD, not followed).
	for name, d := range map[string]desktopSetting{
		"GNOME none":         gnomeProxy(get(map[string]string{"org.gnome.system.proxy mode": "'none'\n"})),
		"GNOME auto, no URL": gnomeProxy(get(map[string]string{"org.gnome.system.proxy mode": "'auto'\n", "org.gnome.system.proxy autoconfig-url": "''\n", "org.gnome.system.proxy.http host": "'proxy.example.org'\n"})),
		"GNOME no answer":    gnomeProxy(get(nil)),
		"macOS none":         scutilProxy("<dictionary> {\n  HTTPEnable : 0\n  ProxyAutoDiscoveryEnable : 1\n}\n"),
		"macOS PAC off":      scutilProxy("<dictionary> {\n  ProxyAutoConfigEnable : 0\n  ProxyAutoConfigURLString : http://wpad.example/proxy.pac\n}\n"),
		"Windows off":        windowsProxy("", 0, "proxy.example.org:8080", ""),
		"Windows no proxy":   windowsProxy("", 1, "", ""),
		"Windows not a URL":  windowsProxy("proxy.pac", 0, "", ""),
	} {
		if d.manual != nil || d.pac != "" {
			t.Errorf("%s: %+v, want no proxy", name, d)
		}
	}
}

// The address of an automatic configuration file (PAC), where each
// desktop keeps it.
func TestDesktopPACSettings(t *testing.T) {
	gnome := map[string]string{
		"org.gnome.system.proxy mode":           "'auto'\n",
		"org.gnome.system.proxy autoconfig-url": "'http://wpad.corp.example/proxy.pac'\n",
		"org.gnome.system.proxy.http host":      "'proxy.example.org'\n",
		"org.gnome.system.proxy.http port":      "3128\n",
	}
	scutil := `<dictionary> {
  ExceptionsList : <array> {
    0 : *.local
    1 : 169.254/16
  }
  FTPPassive : 1
  HTTPEnable : 1
  HTTPPort : 3128
  HTTPProxy : proxy.example.org
  ProxyAutoConfigEnable : 1
  ProxyAutoConfigURLString : http://wpad.corp.example/proxy.pac
  ProxyAutoDiscoveryEnable : 0
}
`
	for name, d := range map[string]desktopSetting{
		"GNOME":   gnomeProxy(func(schema, key string) string { return gnome[schema+" "+key] }),
		"macOS":   scutilProxy(scutil),
		"Windows": windowsProxy(" http://wpad.corp.example/proxy.pac ", 1, "proxy.example.org:3128", "<local>"),
	} {
		if d.pac != "http://wpad.corp.example/proxy.pac" {
			t.Errorf("%s: PAC file %q, want http://wpad.corp.example/proxy.pac", name, d.pac)
		}
	}
	// A file on disk, as a managed Windows or Linux machine may have it.
	for _, file := range []string{"file:///etc/proxy.pac", "file://C:/Windows/proxy.pac"} {
		if d := windowsProxy(file, 0, "", ""); d.pac != file {
			t.Errorf("Windows PAC file %q read as %q", file, d.pac)
		}
	}
}

// The environment, when it names a proxy, comes before the desktop's
// settings (a terminal's choice); without one the desktop's apply. The
// settings are read once.
func TestSystemProxyPrefersTheEnvironment(t *testing.T) {
	desktop := &httpproxy.Config{HTTPProxy: "http://desktop.example:3128", HTTPSProxy: "http://desktop.example:3128"}
	asked := 0
	for _, tc := range []struct {
		name string
		env  *httpproxy.Config
		want string
	}{
		{"environment", &httpproxy.Config{HTTPProxy: "http://env.example:8080"}, "http://env.example:8080"},
		{"desktop", &httpproxy.Config{NoProxy: "other.example"}, "http://desktop.example:3128"},
	} {
		p := &systemProxy{env: func() *httpproxy.Config { return tc.env }, desktop: func() desktopSetting { asked++; return desktopSetting{manual: desktop} }}
		for range 2 {
			req, _ := http.NewRequest(http.MethodGet, "http://feeds.example/rss", nil)
			got, err := p.Proxy(req)
			if err != nil || got == nil || got.String() != tc.want {
				t.Errorf("%s: through %v (%v), want %s", tc.name, got, err, tc.want)
			}
		}
	}
	if asked != 1 {
		t.Errorf("the desktop's settings were read %d times, want once (only when the environment has none)", asked)
	}
}
