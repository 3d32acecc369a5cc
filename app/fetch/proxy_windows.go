package fetch

import (
	"golang.org/x/net/http/httpproxy"
	"golang.org/x/sys/windows/registry"
)

// desktopProxy is the proxy set in Internet Options (the user's).
func desktopProxy() *httpproxy.Config {
	k, err := registry.OpenKey(registry.CURRENT_USER, `Software\Microsoft\Windows\CurrentVersion\Internet Settings`, registry.QUERY_VALUE)
	if err != nil {
		return nil
	}
	defer k.Close()
	enable, _, err := k.GetIntegerValue("ProxyEnable")
	if err != nil {
		return nil
	}
	server, _, _ := k.GetStringValue("ProxyServer")
	override, _, _ := k.GetStringValue("ProxyOverride")
	return windowsProxy(enable, server, override)
}
