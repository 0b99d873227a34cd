package eval_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kclx-dev/kclx/kcl/eval"
	"github.com/kclx-dev/kclx/kcl/loader"
)

// TestKonfigStacks runs every application stack of the shared konfig
// monorepo (the directories holding a main.k next to a kcl.mod with
// profile entries) and checks that each renders Kubernetes manifests.
func TestKonfigStacks(t *testing.T) {
	shared := filepath.Join("..", "..", "..", "shared", "corpus")
	root := filepath.Join(shared, "konfig", "examples")
	if _, err := os.Stat(root); err != nil {
		t.Skip("konfig corpus not available")
	}
	pkgs, _ := filepath.Abs(filepath.Join(shared, "kcl-pkgs"))
	var stacks []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() == "main.k" {
			stacks = append(stacks, filepath.Dir(p))
		}
		return nil
	})
	if len(stacks) < 20 {
		t.Fatalf("found %d stacks, want 20", len(stacks))
	}
	for _, dir := range stacks {
		abs, _ := filepath.Abs(dir)
		rel, _ := filepath.Rel(root, dir)
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			prog, err := loader.Load(nil, loader.Options{FS: loader.OSFS{}, WorkDir: abs, PkgPath: pkgs})
			if err != nil || prog.HasErrors() {
				t.Fatalf("load: %v %v", err, prog.Diagnostics)
			}
			var stdout bytes.Buffer
			res, err := eval.Run(prog, eval.Options{FS: &scratchFS{dir: abs, written: map[string][]byte{}}, Stdout: &stdout})
			if err != nil {
				if ee, ok := err.(*eval.Error); ok {
					t.Fatal(ee.Format(prog.FileSet))
				}
				t.Fatal(err)
			}
			if res.Stream == nil || len(res.Stream.Values) == 0 {
				t.Fatal("no manifests rendered")
			}
			out := res.Stream.Text(false, false)
			if !strings.Contains(out, "apiVersion:") || !strings.Contains(out, "kind:") {
				t.Errorf("output does not look like Kubernetes manifests:\n%s", out)
			}
			// The goldens were reviewed by hand when first written
			// (resource kinds, names, namespaces, images, ports, labels
			// against each stack's main.k); rewrite them with -update.
			golden := filepath.Join("testdata", "konfig", strings.ReplaceAll(filepath.ToSlash(rel), "/", "_")+".yaml")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if out != string(want) {
				t.Errorf("output differs from %s (run go test -update and review the diff)", golden)
			}
		})
	}
}
