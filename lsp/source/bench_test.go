package source

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kclx-dev/kclx/internal/testutil"
	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/workspace"
)

// BenchmarkDiagnosticsAfterEdit edits a konfig model file imported by
// most stacks and recomputes the diagnostics of every konfig file, as
// the server does for its open files after an edit.
func BenchmarkDiagnosticsAfterEdit(b *testing.B) {
	root := testutil.CorpusDir(b, "konfig")
	pkgs := testutil.CorpusDir(b, "kcl-pkgs")
	paths := testutil.KFiles(b, root)
	s := workspace.NewSession(workspace.Options{FS: loader.OSFS{}, PkgPath: pkgs, Folders: []string{root}})
	edited := filepath.Join(root, "models", "kube", "mixins", "service_mixin.k")
	orig, err := os.ReadFile(edited)
	if err != nil {
		b.Skip(err)
	}
	ctx := context.Background()
	snap := s.Snapshot()
	for _, p := range paths {
		Diagnostics(ctx, snap, p)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		src := append(append([]byte(nil), orig...), strings.Repeat(" ", i%2)...)
		snap := s.Apply([]workspace.Change{{Kind: workspace.SetOverlay, Path: edited, Content: src, Version: int32(i)}})
		for _, p := range paths {
			Diagnostics(ctx, snap, p)
		}
	}
}
