package main

import (
	"runtime/debug"
	"testing"
)

func TestVersionLine(t *testing.T) {
	vcs := &debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.time", Value: "2026-12-01T10:00:00Z"}, {Key: "vcs.modified", Value: "true"},
	}}
	for _, c := range []struct {
		name, v, c, d string
		info          *debug.BuildInfo
		want          string
	}{
		{"link flags win", "2.0.1", "abc1234", "2026-12-07T12:00:00Z", vcs, "learnwork 2.0.1 (commit abc1234, built 2026-12-07T12:00:00Z)"},
		{"go install of a tagged module", "", "", "", vcs, "learnwork 1.4.0 (commit 0123456789ab with local changes, built 2026-12-01T10:00:00Z)"},
		{"a build from a checkout without VCS stamps", "", "", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "learnwork (devel) (commit unknown, built unknown)"},
		{"no build info", "", "", "", nil, "learnwork (devel) (commit unknown, built unknown)"},
	} {
		if got := formatVersion(c.v, c.c, c.d, c.info); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
	if !isVersionFlag([]string{"--version"}) || isVersionFlag([]string{"--version", "list"}) || isVersionFlag(nil) {
		t.Error("isVersionFlag: --version alone asks for the version, nothing else does")
	}
}
