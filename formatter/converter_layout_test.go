package formatter

import (
	"strings"
	"testing"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/parser"
	"github.com/kclx-dev/kclx/kcl/syntax"
)

// The Layout hooks used by the import converters (openapi2kcl, x2kcl) to
// reproduce upstream's generated layout: BreakEmpty, InlineQuant and
// BlankLines before a check block.

func TestLayoutBreakEmpty(t *testing.T) {
	cfg := &ast.ConfigExpr{Entries: []*ast.ConfigEntry{
		entry("a", &ast.ConfigExpr{}),
		entry("b", &ast.ListExpr{}),
		entry("c", &ast.ListExpr{Elts: []ast.Expr{num("1")}}),
	}}
	for _, tc := range []struct {
		layout *Layout
		want   string
	}{
		{nil, "{\n    a = {}\n    b = []\n    c = [\n        1\n    ]\n}"},
		{&Layout{BreakEmpty: func(ast.Expr) bool { return true }}, "{\n    a = {\n    }\n    b = [\n    ]\n    c = [\n        1\n    ]\n}"},
		{&Layout{BreakEmpty: func(x ast.Expr) bool { _, ok := x.(*ast.ListExpr); return ok }}, "{\n    a = {}\n    b = [\n    ]\n    c = [\n        1\n    ]\n}"},
	} {
		got, err := NodeWith(cfg, Options{Layout: tc.layout})
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tc.want {
			t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
		}
	}
}

func TestLayoutInlineQuantAndCheckBlankLines(t *testing.T) {
	inner := &ast.QuantExpr{Op: syntax.ALL, Vars: []*ast.Ident{id("ii")}, Target: id("i"),
		Test:   &ast.BinaryExpr{X: &ast.CallExpr{Fun: id("len"), Args: []ast.Expr{id("ii")}}, Op: syntax.LEQ, Y: num("10")},
		IfCond: &ast.BinaryExpr{X: id("ii"), Op: syntax.NOT_IN, Y: &ast.ListExpr{Elts: []ast.Expr{&ast.NameConstant{Value: syntax.NONE}, &ast.NameConstant{Value: syntax.UNDEFINED}}}}}
	outer := &ast.QuantExpr{Op: syntax.ALL, Vars: []*ast.Ident{id("i")}, Target: id("xs"), Test: inner, IfCond: id("i")}
	s := &ast.SchemaStmt{Kind: syntax.SCHEMA, Name: id("M"),
		Body:   []ast.Stmt{&ast.SchemaAttr{Name: id("xs"), Optional: true, Type: &ast.ListType{Elem: &ast.ListType{Elem: named("str")}}}},
		Checks: []*ast.CheckExpr{{Test: outer, If: id("xs")}},
	}
	f := &ast.File{Body: []ast.Stmt{s}}
	layout := &Layout{
		InlineQuant: true,
		BlankLines: func(parent, prev, next ast.Node) int {
			if _, ok := next.(*ast.CheckExpr); ok {
				return 2
			}
			return -1
		},
	}
	got, err := File(f, Options{Layout: layout})
	if err != nil {
		t.Fatal(err)
	}
	want := "schema M:\n    xs?: [[str]]\n\n\n    check:\n" +
		"        all i in xs { all ii in i { len(ii) <= 10 if ii not in [None, Undefined] } if i } if xs\n"
	if string(got) != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	// without the hooks: canonical layout
	got, err = File(f, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "schema M:\n    xs?: [[str]]\n\n    check:\n        all i in xs {\n"; string(got[:len(want)]) != want {
		t.Errorf("canonical layout changed:\n%s", got)
	}
}

func TestLayoutInlineQuantParsed(t *testing.T) {
	src := "schema M:\n    xs?: [str]\n\n    check:\n        all x in xs { len(x) > 0 } if xs\n"
	f, fset, errs := parser.ParseSource("m.k", []byte(src))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got, err := File(f, Options{Fset: fset, Layout: &Layout{InlineQuant: true}})
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != src {
		t.Errorf("got:\n%s\nwant:\n%s", got, src)
	}
	got, _ = Source("m.k", []byte(src), Options{})
	if want := "        all x in xs {len(x) > 0} if xs\n"; !strings.HasSuffix(string(got), want) {
		t.Errorf("canonical layout changed:\n%s", got)
	}
}
