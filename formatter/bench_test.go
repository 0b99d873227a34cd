package formatter

import (
	"go/format"
	"go/scanner"
	"go/token"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/kclx-dev/kclx/internal/testutil"
	"github.com/kclx-dev/kclx/kcl/syntax"
)

// benchInput is a set of source files and their total size and token
// count.
type benchInput struct {
	files  [][]byte
	bytes  int64
	tokens int
}

// kclBenchInput loads the konfig corpus and the k8s 1.31 models (every
// file that formats without error).
func kclBenchInput(b *testing.B) *benchInput {
	root := testutil.SharedDir(b)
	in := &benchInput{}
	for _, dir := range []string{"corpus/konfig", "corpus/kcl-pkgs/k8s_1.31.2"} {
		for _, path := range testutil.KFiles(b, filepath.Join(root, dir)) {
			src, err := os.ReadFile(path)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := Source(path, src, Options{}); err != nil {
				continue
			}
			in.files = append(in.files, src)
			in.bytes += int64(len(src))
			in.tokens += countKCLTokens(path, src)
		}
	}
	if len(in.files) == 0 {
		b.Skip("no KCL files")
	}
	return in
}

func countKCLTokens(name string, src []byte) int {
	fset := syntax.NewFileSet()
	f := fset.AddFile(name, src)
	var s syntax.Scanner
	s.Init(f, nil, 0)
	n := 0
	for {
		_, tok, _ := s.Scan()
		if tok == syntax.EOF {
			return n
		}
		if tok != syntax.NEWLINE && tok != syntax.INDENT && tok != syntax.DEDENT {
			n++
		}
	}
}

// goBenchInput loads $GOROOT/src/go/... (non-test files that gofmt
// accepts).
func goBenchInput(b *testing.B) *benchInput {
	in := &benchInput{}
	root := filepath.Join(runtime.GOROOT(), "src", "go")
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.Contains(p, "testdata") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if _, err := format.Source(src); err != nil {
			return nil
		}
		in.files = append(in.files, src)
		in.bytes += int64(len(src))
		in.tokens += countGoTokens(src)
		return nil
	})
	if err != nil || len(in.files) == 0 {
		b.Skip("GOROOT sources not available")
	}
	return in
}

func countGoTokens(src []byte) int {
	fset := token.NewFileSet()
	f := fset.AddFile("x.go", -1, len(src))
	var s scanner.Scanner
	s.Init(f, src, nil, 0)
	n := 0
	for {
		_, tok, _ := s.Scan()
		if tok == token.EOF {
			return n
		}
		n++
	}
}

func report(b *testing.B, in *benchInput) {
	b.ReportMetric(float64(in.tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(in.tokens)/float64(b.N), "ns/token")
}

// BenchmarkFormat formats the konfig corpus and the k8s models (parse and
// print, as kclx fmt does).
func BenchmarkFormat(b *testing.B) {
	in := kclBenchInput(b)
	b.SetBytes(in.bytes)
	b.ResetTimer()
	for b.Loop() {
		for _, src := range in.files {
			if _, err := Source("bench.k", src, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
	report(b, in)
}

// BenchmarkGofmt is the yardstick: go/format.Source over $GOROOT/src/go.
func BenchmarkGofmt(b *testing.B) {
	in := goBenchInput(b)
	b.SetBytes(in.bytes)
	b.ResetTimer()
	for b.Loop() {
		for _, src := range in.files {
			if _, err := format.Source(src); err != nil {
				b.Fatal(err)
			}
		}
	}
	report(b, in)
}
