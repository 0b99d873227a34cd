package workspace

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kclx-dev/kclx/internal/testutil"
	"github.com/kclx-dev/kclx/kcl/loader"
)

// konfigSession opens every .k file of konfig in a session, loads and
// checks their units, and returns the session and the open paths.
func konfigSession(tb testing.TB) (*Session, []string) {
	root := testutil.CorpusDir(tb, "konfig")
	pkgs := testutil.CorpusDir(tb, "kcl-pkgs")
	var paths []string
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".k") {
			paths = append(paths, p)
		}
		return nil
	})
	s := NewSession(Options{FS: loader.OSFS{}, PkgPath: pkgs, Folders: []string{root}})
	var changes []Change
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		changes = append(changes, Change{Kind: SetOverlay, Path: p, Content: src})
	}
	snap := s.Apply(changes)
	for _, p := range paths {
		snap.Unit(p).Check()
	}
	return s, paths
}

// BenchmarkEditShared edits a konfig model file that most units import
// and re-checks every open unit, as the language server's diagnostics do
// after each edit.
func BenchmarkEditShared(b *testing.B) {
	s, paths := konfigSession(b)
	edited := ""
	for _, p := range paths {
		if strings.HasSuffix(p, filepath.Join("kube", "mixins", "service_mixin.k")) {
			edited = p
		}
	}
	if edited == "" {
		b.Skip("konfig model file not found")
	}
	orig, _ := os.ReadFile(edited)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		src := append(append([]byte(nil), orig...), strings.Repeat(" ", i%2)...)
		snap := s.Apply([]Change{{Kind: SetOverlay, Path: edited, Content: src, Version: int32(i)}})
		for _, p := range paths {
			snap.Unit(p).Check()
		}
	}
}

// BenchmarkEditLocal edits a stack's main.k and re-checks its unit.
func BenchmarkEditLocal(b *testing.B) {
	s, paths := konfigSession(b)
	edited := ""
	for _, p := range paths {
		if strings.HasSuffix(p, filepath.Join("app_volume", "prod", "main.k")) {
			edited = p
		}
	}
	if edited == "" {
		b.Skip("konfig stack not found")
	}
	orig, _ := os.ReadFile(edited)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		src := append(append([]byte(nil), orig...), strings.Repeat(" ", i%2)...)
		snap := s.Apply([]Change{{Kind: SetOverlay, Path: edited, Content: src, Version: int32(i)}})
		snap.Unit(edited).Check()
	}
}
