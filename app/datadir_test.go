package app

import (
	"path/filepath"
	"testing"
)

func TestDataDirPerSystem(t *testing.T) {
	env := func(vars map[string]string) func(string) string {
		return func(k string) string { return vars[k] }
	}
	home := filepath.Join("home", "ada")
	appData := filepath.Join("C:", "Users", "ada", "AppData", "Roaming")
	for _, c := range []struct {
		goos string
		vars map[string]string
		want string
	}{
		{"linux", nil, filepath.Join(home, ".local", "share", "learnwork")},
		{"linux", map[string]string{"XDG_DATA_HOME": "/xdg"}, filepath.Join("/xdg", "learnwork")},
		{"freebsd", nil, filepath.Join(home, ".local", "share", "learnwork")},
		{"darwin", map[string]string{"XDG_DATA_HOME": "/xdg"}, filepath.Join(home, "Library", "Application Support", "Learnwork")},
		{"windows", map[string]string{"AppData": appData}, filepath.Join(appData, "Learnwork")},
		{"windows", nil, filepath.Join(home, "AppData", "Roaming", "Learnwork")},
		{"windows", map[string]string{"AppData": appData, "LEARNWORK_DATA": "/mine"}, "/mine"},
		{"darwin", map[string]string{"LEARNWORK_DATA": "/mine"}, "/mine"},
		{"linux", map[string]string{"XDG_DATA_HOME": "/xdg", "LEARNWORK_DATA": "/mine"}, "/mine"},
	} {
		if got := dataDirFor(c.goos, env(c.vars), home); got != c.want {
			t.Errorf("%s with %v: %q, want %q", c.goos, c.vars, got, c.want)
		}
	}
}
