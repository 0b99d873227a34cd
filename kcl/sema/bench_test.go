package sema

import (
	"fmt"
	"go/ast"
	"go/importer"
	goparser "go/parser"
	"go/token"
	gotypes "go/types"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/kclx-dev/kclx/internal/testutil"
	"github.com/kclx-dev/kclx/kcl/loader"
)

// allPackagesMain returns an overlay FS holding, in root, a main file
// that imports every package directory below root (relative to the
// module root), plus the number of source lines of those packages.
func allPackagesMain(tb testing.TB, root, prefix string) (*loader.Overlay, string, int) {
	var imports []string
	lines := 0
	seen := map[string]bool{}
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".k") || strings.HasSuffix(p, "_test.k") {
			return nil
		}
		if b, err := os.ReadFile(p); err == nil {
			lines += strings.Count(string(b), "\n")
		}
		rel, _ := filepath.Rel(root, filepath.Dir(p))
		if rel == "." || seen[rel] || strings.Contains(rel, "examples") {
			return nil
		}
		seen[rel] = true
		imports = append(imports, prefix+strings.ReplaceAll(filepath.ToSlash(rel), "/", "."))
		return nil
	})
	sort.Strings(imports)
	var b strings.Builder
	for i, imp := range imports {
		fmt.Fprintf(&b, "import %s as p%d\n", imp, i)
	}
	o := loader.NewOverlay(loader.OSFS{})
	main := filepath.Join(root, "_bench_main.k")
	o.Set(main, []byte(b.String()))
	return o, main, lines
}

func benchCheck(b *testing.B, fsys loader.FS, main, pkgPath string, lines int) {
	b.ReportAllocs()
	for b.Loop() {
		prog, _ := loader.Load([]string{main}, loader.Options{FS: fsys, PkgPath: pkgPath})
		res := Check(prog, nil)
		if res.HasErrors() {
			b.Fatalf("errors: %v", res.Diagnostics[0].Format(prog.FileSet))
		}
	}
	b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

// BenchmarkCheckK8s is a cold load and check of every package of the
// k8s 1.31.2 models.
func BenchmarkCheckK8s(b *testing.B) {
	pkgs := testutil.CorpusDir(b, "kcl-pkgs")
	fsys, main, lines := allPackagesMain(b, filepath.Join(pkgs, "k8s_1.31.2"), "")
	benchCheck(b, fsys, main, pkgs, lines)
}

// BenchmarkCheckKonfig is a cold load and check of every konfig model
// package together with the k8s models they import.
func BenchmarkCheckKonfig(b *testing.B) {
	konfig := testutil.CorpusDir(b, "konfig")
	pkgs := testutil.CorpusDir(b, "kcl-pkgs")
	fsys, main, lines := allPackagesMain(b, filepath.Join(konfig), "")
	benchCheck(b, fsys, main, pkgs, lines)
}

// BenchmarkRecheckAfterEdit re-loads and re-checks konfig+k8s after a
// one-line edit of one model file, with warm caches.
func BenchmarkRecheckAfterEdit(b *testing.B) {
	konfig := testutil.CorpusDir(b, "konfig")
	pkgs := testutil.CorpusDir(b, "kcl-pkgs")
	fsys, main, _ := allPackagesMain(b, konfig, "")
	edited := filepath.Join(konfig, "models", "kube", "frontend", "server.k")
	orig, err := os.ReadFile(edited)
	if err != nil {
		b.Skip(err)
	}
	lc, sc := loader.NewCache(), NewCache()
	opts := loader.Options{FS: fsys, PkgPath: pkgs, Cache: lc}
	prog, _ := loader.Load([]string{main}, opts)
	Check(prog, &Options{Cache: sc})
	// The edit keeps the file's imports, so the program is reloaded
	// incrementally (as the language server does) and only the edited
	// package is checked again.
	load := func() *Result {
		if next := loader.Reload(prog, opts); next != nil {
			prog = next
		} else {
			prog, _ = loader.Load([]string{main}, opts)
		}
		return Check(prog, &Options{Cache: sc})
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		fsys.Set(edited, append(append([]byte(nil), orig...), fmt.Sprintf("\n_edit_%d = %d\n", i%2, i)...))
		if res := load(); res.HasErrors() {
			b.Fatal(res.Diagnostics[0].Msg)
		}
	}
}

// BenchmarkGoTypesGoStd type-checks the packages of $GOROOT/src/go/...
// from source with go/types, for comparison in the same run.
func BenchmarkGoTypesGoStd(b *testing.B) {
	root := filepath.Join(runtime.GOROOT(), "src", "go")
	var dirs []string
	lines := 0
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && (d.Name() == "testdata" || d.Name() == "internal") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go") {
			if bs, err := os.ReadFile(p); err == nil {
				lines += strings.Count(string(bs), "\n")
			}
			if n := len(dirs); n == 0 || dirs[n-1] != filepath.Dir(p) {
				dirs = append(dirs, filepath.Dir(p))
			}
		}
		return nil
	})
	if len(dirs) == 0 {
		b.Skip("no GOROOT sources")
	}
	b.ReportAllocs()
	for b.Loop() {
		fset := token.NewFileSet()
		imp := importer.ForCompiler(fset, "source", nil)
		for _, dir := range dirs {
			pkgs, err := goparser.ParseDir(fset, dir, func(fi os.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
			if err != nil {
				continue
			}
			for _, p := range pkgs {
				if p.Name == "main" || strings.HasSuffix(p.Name, "_test") {
					continue
				}
				var files []*ast.File
				for _, f := range p.Files {
					files = append(files, f)
				}
				conf := gotypes.Config{Importer: imp, Error: func(error) {}}
				conf.Check(p.Name, fset, files, nil)
			}
		}
	}
	b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

// BenchmarkCheckConfigConnector is a cold load and check of the large
// generated v1beta1 package of k8s-config-connector (with the k8s models
// it imports), the package the language server re-checks on every edit.
func BenchmarkCheckConfigConnector(b *testing.B) {
	pkgs := testutil.CorpusDir(b, "kcl-pkgs")
	root := filepath.Join(pkgs, "k8s-config-connector_0.1.4")
	var size int64
	lines := 0
	files, _ := filepath.Glob(filepath.Join(root, "v1beta1", "*.k"))
	for _, p := range files {
		if bs, err := os.ReadFile(p); err == nil {
			size += int64(len(bs))
			lines += strings.Count(string(bs), "\n")
		}
	}
	if len(files) == 0 {
		b.Skip("no v1beta1 package")
	}
	fsys := loader.NewOverlay(loader.OSFS{})
	main := filepath.Join(root, "_bench_main.k")
	fsys.Set(main, []byte("import v1beta1 as p0\n"))
	b.SetBytes(size)
	benchCheck(b, fsys, main, pkgs, lines)
}

// BenchmarkCheckOnlyConfigConnector checks the program of
// BenchmarkCheckConfigConnector again and again without reloading it:
// the type checker's share of a language-server edit of v1beta1.
func BenchmarkCheckOnlyConfigConnector(b *testing.B) {
	pkgs := testutil.CorpusDir(b, "kcl-pkgs")
	root := filepath.Join(pkgs, "k8s-config-connector_0.1.4")
	fsys := loader.NewOverlay(loader.OSFS{})
	main := filepath.Join(root, "_bench_main.k")
	fsys.Set(main, []byte("import v1beta1 as p0\n"))
	prog, _ := loader.Load([]string{main}, loader.Options{FS: fsys, PkgPath: pkgs})
	var size int64
	for _, pkg := range prog.Packages {
		for _, f := range pkg.Files {
			size += int64(len(f.Src))
		}
	}
	if size < 1<<20 {
		b.Skip("no v1beta1 package")
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		if res := Check(prog, nil); res.HasErrors() {
			b.Fatalf("errors: %v", res.Diagnostics[0].Format(prog.FileSet))
		}
	}
}

// BenchmarkRecheckConfigConnectorAfterEdit re-loads and re-checks the
// v1beta1 package of k8s-config-connector after a one-line edit of one of
// its files, with warm caches, as the language server does on a keystroke.
func BenchmarkRecheckConfigConnectorAfterEdit(b *testing.B) {
	pkgs := testutil.CorpusDir(b, "kcl-pkgs")
	root := filepath.Join(pkgs, "k8s-config-connector_0.1.4")
	files, _ := filepath.Glob(filepath.Join(root, "v1beta1", "*.k"))
	if len(files) == 0 {
		b.Skip("no v1beta1 package")
	}
	edited := files[len(files)/2]
	orig, err := os.ReadFile(edited)
	if err != nil {
		b.Skip(err)
	}
	fsys := loader.NewOverlay(loader.OSFS{})
	main := filepath.Join(root, "_bench_main.k")
	fsys.Set(main, []byte("import v1beta1 as p0\n"))
	lc, sc := loader.NewCache(), NewCache()
	opts := loader.Options{FS: fsys, PkgPath: pkgs, Cache: lc}
	prog, _ := loader.Load([]string{main}, opts)
	Check(prog, &Options{Cache: sc})
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		fsys.Set(edited, append(append([]byte(nil), orig...), fmt.Sprintf("\n_edit_%d = %d\n", i%2, i)...))
		if next := loader.Reload(prog, opts); next != nil {
			prog = next
		} else {
			prog, _ = loader.Load([]string{main}, opts)
		}
		if res := Check(prog, &Options{Cache: sc}); res.HasErrors() {
			b.Fatal(res.Diagnostics[0].Msg)
		}
	}
}
