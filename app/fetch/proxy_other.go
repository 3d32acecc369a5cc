//go:build !linux && !darwin && !windows

package fetch

// desktopProxy: elsewhere the environment is the system's setting.
func desktopProxy() desktopSetting { return desktopSetting{} }
