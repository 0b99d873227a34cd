package version

import (
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestResolve(t *testing.T) {
	withVCS := &debug.BuildInfo{
		Main:     debug.Module{Path: "github.com/kclx-dev/kclx", Version: "v1.2.3"},
		Settings: []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "abc123"}},
	}
	localBuild := &debug.BuildInfo{
		Main: debug.Module{Path: "github.com/kclx-dev/kclx", Version: "(devel)"},
	}
	tests := []struct {
		name        string
		ver, commit string
		bi          *debug.BuildInfo
		goVersion   string
		want        Info
	}{
		{"linker wins", "v9.9.9", "fff", withVCS, "go1.26.8", Info{"v9.9.9", "fff", "1.26.8"}},
		{"build info", "", "", withVCS, "go1.26.8", Info{"v1.2.3", "abc123", "1.26.8"}},
		{"partial linker", "v9.9.9", "", withVCS, "go1.26.8", Info{"v9.9.9", "abc123", "1.26.8"}},
		{"local build", "", "", localBuild, "go1.26.8", Info{DefaultVersion, DefaultCommit, "1.26.8"}},
		{"no build info", "", "", nil, "devel go1.27-abcdef", Info{DefaultVersion, DefaultCommit, "devel go1.27-abcdef"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := resolve(tt.ver, tt.commit, tt.bi, tt.goVersion)
			if got != tt.want {
				t.Errorf("resolve = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestGet(t *testing.T) {
	old, oldCommit := Version, Commit
	t.Cleanup(func() { Version, Commit = old, oldCommit })
	Version, Commit = "v0.0.1-test", "0123456789abcdef"

	got := Get()
	want := Info{"v0.0.1-test", "0123456789abcdef", strings.TrimPrefix(runtime.Version(), "go")}
	if got != want {
		t.Errorf("Get() = %+v, want %+v", got, want)
	}
}
