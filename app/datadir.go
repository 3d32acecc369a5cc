package app

import (
	"os"
	"path/filepath"
	"runtime"
)

// DefaultDataDir is where the data lives unless --data says otherwise:
// $LEARNWORK_DATA, else the place each system keeps an app's data (see
// dataDirFor).
func DefaultDataDir() string {
	home, err := os.UserHomeDir()
	if err != nil {
		home = "."
	}
	return dataDirFor(runtime.GOOS, os.Getenv, home)
}

// dataDirFor is the data directory on goos: on Windows
// %AppData%\Learnwork, on macOS ~/Library/Application Support/Learnwork,
// elsewhere $XDG_DATA_HOME/learnwork or ~/.local/share/learnwork.
// $LEARNWORK_DATA comes first everywhere.
func dataDirFor(goos string, getenv func(string) string, home string) string {
	if d := getenv("LEARNWORK_DATA"); d != "" {
		return d
	}
	switch goos {
	case "windows":
		if d := getenv("AppData"); d != "" {
			return filepath.Join(d, "Learnwork")
		}
		return filepath.Join(home, "AppData", "Roaming", "Learnwork")
	case "darwin":
		return filepath.Join(home, "Library", "Application Support", "Learnwork")
	}
	if d := getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "learnwork")
	}
	return filepath.Join(home, ".local", "share", "learnwork")
}
