package x2kcl

import (
	"fmt"

	"github.com/kclx-dev/kclx/formatter"
	"github.com/kclx-dev/kclx/kcl/ast"
)

// Data converts data documents to a KCL module. One document becomes a
// bare config expression; several (a multi-document YAML stream) become
// `items = [...]` followed by `manifests.yaml_stream(items)`, which prints
// them back as a YAML stream.
func Data(file string, docs []*Node) ([]byte, error) {
	var body []ast.Stmt
	layout := dataLayout(len(docs) > 1)
	if len(docs) <= 1 {
		var x ast.Expr = &ast.ConfigExpr{}
		if len(docs) == 1 {
			var err error
			if x, err = ValueExpr(docs[0]); err != nil {
				return nil, &Error{File: file, Msg: err.Error()}
			}
		}
		body = append(body, &ast.ExprStmt{X: x})
	} else {
		items := &ast.ListExpr{}
		for i, d := range docs {
			x, err := ValueExpr(d)
			if err != nil {
				return nil, &Error{File: file, Msg: fmt.Sprintf("document %d: %v", i+1, err)}
			}
			items.Elts = append(items.Elts, x)
		}
		body = append(body,
			&ast.ImportStmt{Path: "manifests"},
			&ast.AssignStmt{Targets: []ast.Expr{&ast.Ident{Name: "items"}}, Value: items},
			&ast.ExprStmt{X: &ast.CallExpr{
				Fun:  &ast.SelectorExpr{X: &ast.Ident{Name: "manifests"}, Sel: &ast.Ident{Name: "yaml_stream"}},
				Args: []ast.Expr{&ast.Ident{Name: "items"}},
			}},
		)
	}
	return Print(file, NewFile(HeaderDoc(), body...), layout)
}

// dataLayout is upstream's layout of data files: one item per line,
// empty lists and dicts over two lines, and (for a YAML stream) the
// manifests import right under the header.
func dataLayout(stream bool) *formatter.Layout {
	l := &formatter.Layout{BreakEmpty: func(ast.Expr) bool { return true }}
	if stream {
		l.BlankLines = func(parent, prev, next ast.Node) int {
			if _, ok := next.(*ast.ImportStmt); ok {
				if _, ok := prev.(*ast.StringLit); ok {
					return 0
				}
			}
			return -1
		}
	}
	return l
}

// DataFromSource decodes src in the given format ("json", "yaml" or
// "toml") and converts it with Data.
func DataFromSource(format, file string, src []byte) ([]byte, error) {
	var docs []*Node
	switch format {
	case "json":
		n, err := ParseJSON(file, src)
		if err != nil {
			return nil, err
		}
		docs = []*Node{n}
	case "yaml":
		var err error
		if docs, err = ParseYAML(file, src); err != nil {
			return nil, err
		}
	case "toml":
		n, err := ParseTOML(file, src)
		if err != nil {
			return nil, err
		}
		docs = []*Node{n}
	default:
		return nil, fmt.Errorf("unknown data format %q", format)
	}
	return Data(file, docs)
}
