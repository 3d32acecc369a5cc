//go:build !linux && !darwin && !windows

package fetch

import "golang.org/x/net/http/httpproxy"

// desktopProxy: elsewhere the environment is the system's setting.
func desktopProxy() *httpproxy.Config { return nil }
