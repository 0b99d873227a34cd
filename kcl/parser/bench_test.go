package parser

import (
	goparser "go/parser"
	goscanner "go/scanner"
	gotoken "go/token"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/kclx-dev/kclx/internal/testutil"
	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/syntax"
)

type srcFile struct {
	name string
	src  []byte
}

func loadFiles(tb testing.TB, root, ext string) []srcFile {
	tb.Helper()
	var files []srcFile
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "testdata" {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ext) {
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			files = append(files, srcFile{path, src})
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	if len(files) == 0 {
		tb.Skipf("no %s files under %s", ext, root)
	}
	return files
}

// kclTokens counts the tokens of the files, the unit of the tokens/s
// metric: every token the scanner returns, comments and the layout tokens
// of the grammar (NEWLINE, INDENT, DEDENT) included, just as goTokens
// counts Go's comments and automatic semicolons.
func kclTokens(files []srcFile) int {
	n := 0
	for _, f := range files {
		fset := syntax.NewFileSet()
		file := fset.AddFile(f.name, f.src)
		var s syntax.Scanner
		s.Init(file, nil, syntax.ScanComments)
		for {
			_, tok, _ := s.Scan()
			if tok == syntax.EOF {
				break
			}
			n++
		}
	}
	return n
}

func goTokens(files []srcFile) int {
	n := 0
	for _, f := range files {
		fset := gotoken.NewFileSet()
		file := fset.AddFile(f.name, -1, len(f.src))
		var s goscanner.Scanner
		s.Init(file, f.src, nil, goscanner.ScanComments)
		for {
			_, tok, _ := s.Scan()
			if tok == gotoken.EOF {
				break
			}
			n++
		}
	}
	return n
}

func totalBytes(files []srcFile) int64 {
	var n int64
	for _, f := range files {
		n += int64(len(f.src))
	}
	return n
}

func kclBenchFiles(b *testing.B) []srcFile {
	return loadFiles(b, testutil.CorpusDir(b, "kcl-pkgs"), ".k")
}

func goBenchFiles(b *testing.B) []srcFile {
	return loadFiles(b, filepath.Join(runtime.GOROOT(), "src", "go"), ".go")
}

// BenchmarkParseKCL parses every .k file of the shared kcl-pkgs corpus.
func BenchmarkParseKCL(b *testing.B) {
	files := kclBenchFiles(b)
	ntok := kclTokens(files)
	b.SetBytes(totalBytes(files))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		fset := syntax.NewFileSet()
		for _, f := range files {
			ParseFile(fset, f.name, f.src, 0)
		}
	}
	reportPerToken(b, ntok)
}

// BenchmarkParseGo parses $GOROOT/src/go with go/parser, the anchor for
// BenchmarkParseKCL's tokens/s.
func BenchmarkParseGo(b *testing.B) {
	files := goBenchFiles(b)
	ntok := goTokens(files)
	b.SetBytes(totalBytes(files))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		fset := gotoken.NewFileSet()
		for _, f := range files {
			goparser.ParseFile(fset, f.name, f.src, goparser.ParseComments|goparser.SkipObjectResolution)
		}
	}
	reportPerToken(b, ntok)
}

func reportPerToken(b *testing.B, ntok int) {
	b.StopTimer()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	sec := b.Elapsed().Seconds()
	if sec > 0 {
		b.ReportMetric(float64(ntok)*float64(b.N)/sec, "tokens/s")
	}
	b.ReportMetric(float64(ntok), "tokens/op")
}

// retainedPerToken parses all files, keeps the trees alive and returns the
// heap they retain per token, excluding the source bytes.
func retainedPerToken(files []srcFile, ntok int, parse func(fset *syntax.FileSet, f srcFile) any) float64 {
	keep := make([]any, 0, len(files))
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fset := syntax.NewFileSet()
	for _, f := range files {
		keep = append(keep, parse(fset, f))
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(keep)
	runtime.KeepAlive(fset)
	return float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / float64(ntok)
}

// TestParseBudget checks the parser's per-token budgets on the kcl-pkgs
// corpus: at most 1.5 allocations per token and at most 44 bytes of
// retained AST per token (the source itself is not counted: the trees
// reference it instead of copying).
func TestParseBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("measures the whole corpus")
	}
	files := loadFiles(t, testutil.CorpusDir(t, "kcl-pkgs"), ".k")
	ntok := kclTokens(files)
	allocs := testing.AllocsPerRun(1, func() {
		fset := syntax.NewFileSet()
		for _, f := range files {
			ParseFile(fset, f.name, f.src, 0)
		}
	})
	perTok := allocs / float64(ntok)
	retained := retainedPerToken(files, ntok, func(fset *syntax.FileSet, f srcFile) any {
		file, _ := ParseFile(fset, f.name, f.src, 0)
		return file
	})
	t.Logf("%d files, %d tokens: %.3f allocs/token, %.1f retained bytes/token", len(files), ntok, perTok, retained)
	if perTok > 1.5 {
		t.Errorf("%.3f allocations per token, budget 1.5", perTok)
	}
	if retained > 44 {
		t.Errorf("%.1f retained bytes per token, budget 44", retained)
	}
	var _ *ast.File
}
