package parser

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kclx-dev/kclx/kcl/ast"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestGolden parses testdata/*.k and compares the position-free AST dump
// plus the syntax errors with testdata/*.golden.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.k")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, fset, errs := ParseSource(filepath.Base(path), src)
		var b strings.Builder
		ast.Fprint(&b, f)
		for _, e := range errs {
			fmt.Fprintf(&b, "error %s: %s\n", fset.Position(e.Pos), e.Msg)
		}
		golden := strings.TrimSuffix(path, ".k") + ".golden"
		if *update {
			if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if b.String() != string(want) {
			t.Errorf("%s: AST dump differs from %s (run go test -update and review the diff)\n%s", path, golden, firstDiff(b.String(), string(want)))
		}
	}
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got  %q\n want %q", i+1, gl, wl)
		}
	}
	return ""
}

func TestIfBranches(t *testing.T) {
	f, _, errs := ParseSource("if.k", []byte("if a:\n    x = 1\nelif b:\n    y = 2\n    z = 3\nelse:\n    w = 4\n"))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got := []int{}
	for _, b := range f.Body[0].(*ast.IfStmt).Branches() {
		got = append(got, len(b))
	}
	if fmt.Sprint(got) != "[1 2 1]" {
		t.Errorf("branch sizes = %v, want [1 2 1]", got)
	}
}
