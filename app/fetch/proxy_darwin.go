package fetch

import (
	"context"
	"os/exec"
	"time"

	"golang.org/x/net/http/httpproxy"
)

// desktopProxy is the proxy set in System Settings, as scutil prints it.
func desktopProxy() *httpproxy.Config {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "scutil", "--proxy").Output()
	if err != nil {
		return nil
	}
	return scutilProxy(string(out))
}
