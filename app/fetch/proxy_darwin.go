package fetch

import (
	"context"
	"os/exec"
	"time"
)

// desktopProxy is the proxy set in System Settings, as scutil prints it.
func desktopProxy() desktopSetting {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "scutil", "--proxy").Output()
	if err != nil {
		return desktopSetting{}
	}
	return scutilProxy(string(out))
}
