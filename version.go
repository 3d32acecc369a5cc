package main

import (
	"cmp"
	"fmt"
	"runtime/debug"
	"strings"
)

// Set at build time (the Makefile passes -ldflags "-X main.version=…"); a
// plain go build or go install leaves them empty and versionLine falls back
// to what the Go toolchain recorded in the binary.
var (
	version string
	commit  string
	date    string
)

// isVersionFlag reports whether the command line only asks for the version.
func isVersionFlag(args []string) bool {
	return len(args) == 1 && (args[0] == "--version" || args[0] == "-version" || args[0] == "version")
}

// versionLine is what learnwork --version prints: version, commit and
// build date, each from the link flags or else from the build info.
func versionLine() string {
	return formatVersion(version, commit, date, readBuildInfo())
}

func readBuildInfo() *debug.BuildInfo {
	info, _ := debug.ReadBuildInfo()
	return info
}

func formatVersion(v, c, d string, info *debug.BuildInfo) string {
	if info != nil {
		vcs := map[string]string{}
		for _, s := range info.Settings {
			vcs[s.Key] = s.Value
		}
		if c == "" && vcs["vcs.revision"] != "" {
			c = vcs["vcs.revision"][:min(len(vcs["vcs.revision"]), 12)]
			if vcs["vcs.modified"] == "true" {
				c += " with local changes"
			}
		}
		v = cmp.Or(v, info.Main.Version) // (devel) for a build from a checkout
		d = cmp.Or(d, vcs["vcs.time"])
	}
	v = strings.TrimPrefix(cmp.Or(v, "(devel)"), "v")
	return fmt.Sprintf("learnwork %s (commit %s, built %s)", v, cmp.Or(c, "unknown"), cmp.Or(d, "unknown"))
}
