package loader

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/kclx-dev/kclx/internal/grammarcases"
	"github.com/kclx-dev/kclx/internal/testutil"
)

// TestLoadKonfig loads every runnable konfig stack (each directory with a
// kcl.mod and a main.k) the way `kcl run` does there: profile entries,
// dependencies from kcl.mod, k8s from the package cache.
func TestLoadKonfig(t *testing.T) {
	konfig := testutil.CorpusDir(t, "konfig")
	pkgs := testutil.CorpusDir(t, "kcl-pkgs")
	var stacks []string
	filepath.WalkDir(filepath.Join(konfig, "examples"), func(path string, d os.DirEntry, err error) error {
		if err == nil && d.Name() == "main.k" {
			stacks = append(stacks, filepath.Dir(path))
		}
		return nil
	})
	if len(stacks) < 20 {
		t.Fatalf("found %d konfig stacks, want at least 20", len(stacks))
	}
	cache := NewCache()
	for _, dir := range stacks {
		opts := Options{FS: OSFS{}, WorkDir: dir, PkgPath: pkgs, Cache: cache}
		var entries []string
		if m, _ := (&loader{opts: opts, fs: OSFS{}, modFiles: map[string]*ModFile{}}).modFile(dir); m == nil || len(m.Profile.Entries) == 0 {
			entries = []string{filepath.Join(dir, "main.k")}
		}
		p, err := Load(entries, opts)
		if err != nil {
			t.Errorf("%s: %v", dir, err)
			continue
		}
		for _, d := range p.Diagnostics {
			t.Errorf("%s: %s", dir, d.Format(p.FileSet))
		}
		if p.Packages["k8s.api.core.v1"] == nil && p.Packages["konfig.models.kube.frontend"] == nil {
			t.Errorf("%s: konfig/k8s packages not loaded: %v", dir, p.Order)
		}
	}
}

// TestLoadPkgs loads every package directory of the package cache as the
// main package of its module.
func TestLoadPkgs(t *testing.T) {
	pkgs := testutil.CorpusDir(t, "kcl-pkgs")
	ents, err := os.ReadDir(pkgs)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		root := filepath.Join(pkgs, e.Name())
		dirs := testutil.PackageDirs(t, root, ".k")
		cache := NewCache()
		for _, dir := range dirs {
			p, err := Load([]string{dir}, Options{FS: OSFS{}, PkgPath: pkgs, Cache: cache})
			if err != nil {
				t.Errorf("%s: %v", dir, err)
				continue
			}
			if p.Root != root {
				t.Errorf("%s: root %s, want %s", dir, p.Root, root)
			}
			for _, d := range p.Diagnostics {
				t.Errorf("%s: %s", dir, d.Format(p.FileSet))
			}
		}
	}
}

// TestLoadGrammar loads every grammar case that runs successfully
// upstream: no load error may be reported.
func TestLoadGrammar(t *testing.T) {
	dir := testutil.CorpusDir(t, "kcl-grammar")
	n := 0
	for _, c := range grammarcases.List(t, dir) {
		if !c.Success {
			continue
		}
		n++
		p, err := Load(c.Entries, Options{FS: OSFS{}, WorkDir: c.Dir})
		if err != nil {
			t.Errorf("%s: %v", c.Name, err)
			continue
		}
		for _, d := range p.Diagnostics {
			if d.Kind != InvalidSyntax && d.Kind != IndentationError && d.Kind != TabError {
				t.Errorf("%s: %s", c.Name, d.Format(p.FileSet))
			}
		}
	}
	if n < 900 {
		t.Errorf("only %d successful grammar cases", n)
	}
}
