package formatter

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kclx-dev/kclx/internal/testutil"
	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/parser"
	"github.com/kclx-dev/kclx/kcl/syntax"
)

// fingerprint returns a position-free dump of the tree of src, with the
// spellings the formatter canonicalises (number literals, string literal
// types, slices, the mixin keyword, the place of the index signature, a
// lambda's implicit `-> any`)
// normalised, or ok=false when src does not parse cleanly.
func fingerprint(name string, src []byte) (dump string, comments int, ok bool) {
	f, _, errs := parser.ParseSource(name, src)
	if len(errs) > 0 {
		return "", 0, false
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BasicLit:
			n.Value = formatNumber(n)
		case *ast.LiteralType:
			if s, ok := n.Lit.(*ast.StringLit); ok {
				n.Lit = &ast.StringLit{Raw: syntax.Quote(s.Value())}
			}
		case *ast.SliceExpr:
			n.Slice3 = false
		case *ast.LambdaExpr:
			// a lambda with its parameters broken over lines always
			// gets a return type, `any` by default
			if n.Ret == nil {
				n.Ret = &ast.NamedType{Name: &ast.Ident{Name: "any"}}
			}
		case *ast.SchemaStmt:
			switch schemaKeyword(n) {
			case "mixin":
				n.Kind = syntax.MIXIN
			case "protocol":
				n.Kind = syntax.PROTOCOL
			}
			for i, s := range n.Body {
				if sig, ok := s.(*ast.IndexSignature); ok {
					copy(n.Body[1:i+1], n.Body[:i])
					n.Body[0] = sig
					break
				}
			}
		}
		return true
	})
	return ast.Sprint(f), len(f.Comments), true
}

// TestLaws checks, over every .k file of the shared corpus that parses
// without errors: formatting is idempotent, keeps the tree and keeps
// every comment.
func TestLaws(t *testing.T) {
	root := filepath.Join(testutil.SharedDir(t), "corpus")
	files := testutil.KFiles(t, root)
	checked := 0
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, path)
		before, nc, ok := fingerprint(rel, src)
		if !ok {
			continue
		}
		checked++
		out, err := Source(rel, src, Options{})
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		after, nc2, ok := fingerprint(rel, out)
		switch {
		case !ok:
			_, _, errs := parser.ParseSource(rel, out)
			t.Errorf("%s: formatted output does not parse: %v", rel, errs)
			continue
		case after != before:
			t.Errorf("%s: formatting changed the tree:\n%s", rel, dumpDiff(before, after))
		case nc2 != nc:
			t.Errorf("%s: %d comments before formatting, %d after", rel, nc, nc2)
		}
		again, err := Source(rel, out, Options{})
		if err != nil || !bytes.Equal(again, out) {
			t.Errorf("%s: not idempotent: %s", rel, firstDiff(again, out))
		}
	}
	if checked < 1000 {
		t.Errorf("only %d corpus files checked", checked)
	}
	t.Logf("%d of %d corpus files checked", checked, len(files))
}

// dumpDiff shows the first differing line of two dumps.
func dumpDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range la {
		if i >= len(lb) || la[i] != lb[i] {
			from := max(i-5, 0)
			to := min(i+3, len(la), len(lb))
			return "before:\n" + strings.Join(la[from:min(to, len(la))], "\n") + "\nafter:\n" + strings.Join(lb[from:min(to, len(lb))], "\n")
		}
	}
	return "after has more lines"
}
