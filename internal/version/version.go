package version

import (
	"runtime"
	"runtime/debug"
	"strings"
)

// Set with -ldflags -X at build time; empty means "not set".
var (
	// Version is the release version, e.g. "v0.1.0" or a `git describe` string.
	Version string
	// Commit is the full source commit hash.
	Commit string
)

// Defaults used when neither the linker nor the build information provide a value.
const (
	DefaultVersion = "devel"
	DefaultCommit  = "unknown"
)

// Info is the resolved version information of the running binary.
type Info struct {
	Version string // release version, or DefaultVersion
	Commit  string // source commit, or DefaultCommit
	Go      string // Go toolchain version without the "go" prefix, e.g. "1.26.8"
}

// Get resolves the version information of the running binary.
func Get() Info {
	bi, _ := debug.ReadBuildInfo()
	return resolve(Version, Commit, bi, runtime.Version())
}

// resolve applies the precedence rules: linker value, then build
// information, then the defaults. bi may be nil.
func resolve(ver, commit string, bi *debug.BuildInfo, goVersion string) Info {
	if bi != nil {
		if ver == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			ver = bi.Main.Version
		}
		if commit == "" {
			for _, s := range bi.Settings {
				if s.Key == "vcs.revision" {
					commit = s.Value
				}
			}
		}
	}
	if ver == "" {
		ver = DefaultVersion
	}
	if commit == "" {
		commit = DefaultCommit
	}
	return Info{Version: ver, Commit: commit, Go: strings.TrimPrefix(goVersion, "go")}
}
