package fetch

import "golang.org/x/sys/windows/registry"

// desktopProxy is the proxy set in Internet Options (the user's).
func desktopProxy() desktopSetting {
	k, err := registry.OpenKey(registry.CURRENT_USER, `Software\Microsoft\Windows\CurrentVersion\Internet Settings`, registry.QUERY_VALUE)
	if err != nil {
		return desktopSetting{}
	}
	defer k.Close()
	autoConfig, _, _ := k.GetStringValue("AutoConfigURL") // absent when "Use setup script" is off
	enable, _, _ := k.GetIntegerValue("ProxyEnable")
	server, _, _ := k.GetStringValue("ProxyServer")
	override, _, _ := k.GetStringValue("ProxyOverride")
	return windowsProxy(autoConfig, enable, server, override)
}
