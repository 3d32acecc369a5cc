package fetch

import (
	"context"
	"os/exec"
	"time"
)

// desktopProxy is GNOME's proxy setting (other desktops export theirs
// to the environment).
func desktopProxy() desktopSetting {
	if _, err := exec.LookPath("gsettings"); err != nil {
		return desktopSetting{}
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
