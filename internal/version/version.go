package version

import (
	"runtime/debug"
	"strings"
)

// Short is the version alone: "1.2.0" for a release, "dev" otherwise.
func Short() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return strings.TrimPrefix(bi.Main.Version, "v")
	}
	return "dev"
}

// Long is Short with what else the build recorded: the commit (and whether
// the checkout had changes) and the Go version, e.g.
// "dev (commit 8adfc88e1f2a, modified; go1.26.0)".
func Long() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return Short()
	}
	var rev string
	var modified bool
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	var parts []string
	if rev != "" {
		p := "commit " + rev[:min(12, len(rev))]
		if modified {
			p += ", modified"
		}
		parts = append(parts, p)
	}
	parts = append(parts, bi.GoVersion)
	return Short() + " (" + strings.Join(parts, "; ") + ")"
}
