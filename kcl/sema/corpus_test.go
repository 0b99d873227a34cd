package sema

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/kclx-dev/kclx/internal/grammarcases"
	"github.com/kclx-dev/kclx/internal/testutil"
	"github.com/kclx-dev/kclx/kcl/loader"
)

func checkFiles(t testing.TB, dir string, entries []string, pkgPath string) *Result {
	t.Helper()
	prog, _ := loader.Load(entries, loader.Options{FS: loader.OSFS{}, WorkDir: dir, PkgPath: pkgPath})
	return Check(prog, nil)
}

// TestGrammarNoFalsePositives checks every grammar case that runs
// successfully upstream: the checker must report no error.
func TestGrammarNoFalsePositives(t *testing.T) {
	dir := testutil.CorpusDir(t, "kcl-grammar")
	n := 0
	for _, c := range grammarcases.List(t, dir) {
		if !c.Success {
			continue
		}
		n++
		res := checkFiles(t, c.Dir, c.Entries, "")
		for _, d := range res.Diagnostics {
			if d.Severity == loader.Error && !isSyntax(d.Kind) {
				t.Errorf("%s: %s", c.Name, d.Format(res.Program.FileSet))
			}
		}
	}
	if n < 900 {
		t.Errorf("only %d cases", n)
	}
}

func isSyntax(k loader.Kind) bool {
	return k == loader.InvalidSyntax || k == loader.TabError || k == loader.IndentationError
}

var headerRE = regexp.MustCompile(`^(error|warning)\[(\w+)\]: (\w+)`)
var locRE = regexp.MustCompile(`-->\s+\$\{CWD\}/([^:\s]+):(\d+)(?::(\d+))?`)

type goldenError struct {
	kind string
	file string
	line int
}

// goldenFirstError parses the first diagnostic of a stderr.golden.
func goldenFirstError(path string) (goldenError, bool) {
	f, err := os.Open(path)
	if err != nil {
		return goldenError{}, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	var g goldenError
	for sc.Scan() {
		line := sc.Text()
		if m := headerRE.FindStringSubmatch(line); m != nil && g.kind == "" {
			g.kind = m[3]
			continue
		}
		if m := locRE.FindStringSubmatch(line); m != nil && g.kind != "" {
			g.file = m[1]
			g.line, _ = strconv.Atoi(m[2])
			return g, true
		}
	}
	return g, false
}

// TestGrammarCompileErrors measures, for grammar cases failing upstream
// with a compile-time error, how often an error of the same kind is
// reported on the golden's line.
func TestGrammarCompileErrors(t *testing.T) {
	dir := testutil.CorpusDir(t, "kcl-grammar")
	total, hit := 0, 0
	var misses []string
	for _, c := range grammarcases.List(t, dir) {
		if c.Success {
			continue
		}
		g, ok := goldenFirstError(filepath.Join(c.Dir, "stderr.golden"))
		if !ok || g.kind == "EvaluationError" {
			continue
		}
		total++
		res := checkFiles(t, c.Dir, c.Entries, "")
		found := false
		var got []string
		for _, d := range res.Diagnostics {
			if d.Severity != loader.Error {
				continue
			}
			p := d.Position(res.Program.FileSet)
			got = append(got, fmt.Sprintf("%s:%d %s %s", filepath.Base(p.Filename), p.Line, d.Kind, d.Msg))
			if d.Kind.String() == g.kind && p.Line == g.line && filepath.Base(p.Filename) == filepath.Base(g.file) {
				found = true
			}
		}
		if found {
			hit++
		} else {
			misses = append(misses, fmt.Sprintf("%s: want %s at %s:%d; got %s", c.Name, g.kind, g.file, g.line, strings.Join(got, " | ")))
		}
	}
	sort.Strings(misses)
	for _, m := range misses {
		t.Log("miss: " + m)
	}
	t.Logf("compile-time error cases: %d of %d matched (%.1f%%)", hit, total, 100*float64(hit)/float64(max(total, 1)))
	if total > 0 && float64(hit) < 0.5*float64(total) {
		t.Errorf("only %d of %d compile-time error cases matched", hit, total)
	}
}

// TestKonfigNoErrors checks every konfig stack and model package.
func TestKonfigNoErrors(t *testing.T) {
	konfig := testutil.CorpusDir(t, "konfig")
	pkgs := testutil.CorpusDir(t, "kcl-pkgs")
	var stacks []string
	filepath.WalkDir(filepath.Join(konfig, "examples"), func(path string, d os.DirEntry, err error) error {
		if err == nil && d.Name() == "main.k" {
			stacks = append(stacks, filepath.Dir(path))
		}
		return nil
	})
	cache := loader.NewCache()
	scache := NewCache()
	for _, dir := range stacks {
		var entries []string
		if b, err := os.ReadFile(filepath.Join(dir, "kcl.mod")); err != nil || !strings.Contains(string(b), "entries") {
			entries = []string{filepath.Join(dir, "main.k")}
		}
		prog, _ := loader.Load(entries, loader.Options{FS: loader.OSFS{}, WorkDir: dir, PkgPath: pkgs, Cache: cache})
		res := Check(prog, &Options{Cache: scache})
		for _, d := range res.Diagnostics {
			if d.Severity == loader.Error {
				t.Errorf("%s: %s", dir, d.Format(prog.FileSet))
			}
		}
	}
}

// TestPkgsNoErrors checks every package directory of the package cache.
func TestPkgsNoErrors(t *testing.T) {
	pkgs := testutil.CorpusDir(t, "kcl-pkgs")
	ents, _ := os.ReadDir(pkgs)
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		root := filepath.Join(pkgs, e.Name())
		dirs := testutil.PackageDirs(t, root, ".k")
		cache := loader.NewCache()
		scache := NewCache()
		for _, dir := range dirs {
			prog, _ := loader.Load([]string{dir}, loader.Options{FS: loader.OSFS{}, PkgPath: pkgs, Cache: cache})
			res := Check(prog, &Options{Cache: scache})
			for _, d := range res.Diagnostics {
				if d.Severity == loader.Error {
					t.Errorf("%s: %s", dir, d.Format(prog.FileSet))
				}
			}
		}
	}
}
