package fetch

import (
	"context"
	"os/exec"
	"time"

	"golang.org/x/net/http/httpproxy"
)

// desktopProxy is GNOME's proxy setting (other desktops export theirs
// to the environment).
func desktopProxy() *httpproxy.Config {
	if _, err := exec.LookPath("gsettings"); err != nil {
		return nil
	}
	return gnomeProxy(func(schema, key string) string {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		out, err := exec.CommandContext(ctx, "gsettings", "get", schema, key).Output()
		if err != nil {
			return ""
		}
		return string(out)
	})
}
