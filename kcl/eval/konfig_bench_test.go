package eval_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/kclx-dev/kclx/kcl/eval"
	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/sema"
	"github.com/kclx-dev/kclx/kcl/value"
)

// konfigBenchStack is the konfig stack the benchmarks run: a frontend
// server with extra resources, importing the konfig models and the k8s
// 1.31 package (about 100 KCL files).
const konfigBenchStack = "server/extra_resources/dev"

func konfigBenchDirs(b *testing.B) (dir, pkgs string) {
	shared := filepath.Join("..", "..", "..", "shared", "corpus")
	dir, _ = filepath.Abs(filepath.Join(shared, "konfig", "examples", filepath.FromSlash(konfigBenchStack)))
	if _, err := os.Stat(dir); err != nil {
		b.Skip("konfig corpus not available")
	}
	pkgs, _ = filepath.Abs(filepath.Join(shared, "kcl-pkgs"))
	return dir, pkgs
}

func loadKonfig(b *testing.B, dir, pkgs string) *loader.Program {
	prog, err := loader.Load(nil, loader.Options{FS: loader.OSFS{}, WorkDir: dir, PkgPath: pkgs})
	if err != nil || prog.HasErrors() {
		b.Fatalf("load: %v %v", err, prog.Diagnostics)
	}
	return prog
}

// sourceBytes is the size of every file of prog (for b.SetBytes).
func sourceBytes(prog *loader.Program) int64 {
	var n int64
	for _, p := range prog.Packages {
		for _, f := range p.Files {
			n += int64(len(f.Src))
		}
	}
	return n
}

// BenchmarkKonfigRun is what `kclx run` does for one konfig stack, start-up
// excepted: load and parse every package, type-check, evaluate and render
// the manifests. Throughput is over the program's source bytes.
func BenchmarkKonfigRun(b *testing.B) {
	dir, pkgs := konfigBenchDirs(b)
	b.SetBytes(sourceBytes(loadKonfig(b, dir, pkgs)))
	b.ReportAllocs()
	for b.Loop() {
		prog := loadKonfig(b, dir, pkgs)
		if chk := sema.Check(prog, nil); loader.HasErrors(chk.Diagnostics) {
			b.Fatal(chk.Diagnostics)
		}
		runKonfig(b, prog, dir)
	}
}

// BenchmarkKonfigLoad measures loading and parsing alone.
func BenchmarkKonfigLoad(b *testing.B) {
	dir, pkgs := konfigBenchDirs(b)
	b.SetBytes(sourceBytes(loadKonfig(b, dir, pkgs)))
	b.ReportAllocs()
	for b.Loop() {
		loadKonfig(b, dir, pkgs)
	}
}

// BenchmarkKonfigCheck measures the type checker alone.
func BenchmarkKonfigCheck(b *testing.B) {
	dir, pkgs := konfigBenchDirs(b)
	prog := loadKonfig(b, dir, pkgs)
	b.SetBytes(sourceBytes(prog))
	b.ReportAllocs()
	for b.Loop() {
		sema.Check(prog, nil)
	}
}

// BenchmarkKonfigEval measures evaluation and rendering alone.
func BenchmarkKonfigEval(b *testing.B) {
	dir, pkgs := konfigBenchDirs(b)
	prog := loadKonfig(b, dir, pkgs)
	b.SetBytes(sourceBytes(prog))
	b.ReportAllocs()
	for b.Loop() {
		runKonfig(b, prog, dir)
	}
}

func runKonfig(b *testing.B, prog *loader.Program, dir string) {
	var stdout bytes.Buffer
	res, err := eval.Run(prog, eval.Options{FS: &scratchFS{dir: dir, written: map[string][]byte{}}, Stdout: &stdout})
	if err != nil {
		b.Fatal(err)
	}
	if res.Stream == nil || len(res.Stream.Values) == 0 {
		b.Fatal("no manifests")
	}
	for _, v := range res.Stream.Values {
		value.EncodeYAML(v, res.Stream.Opts)
	}
}
