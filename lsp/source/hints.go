package source

import (
	"context"
	"sort"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/sema"
	"github.com/kclx-dev/kclx/kcl/types"
	"github.com/kclx-dev/kclx/kcl/workspace"
)

// InlayHint is a hint shown at a byte offset.
type InlayHint struct {
	Offset int
	Label  string
	// Kind is 1 for a type hint, 2 for a parameter-name hint.
	Kind int
	// Insert is set when accepting the hint should insert Label.
	Insert bool
}

// InlayHints returns the hints of a file between the byte offsets start
// and end: the inferred types of variables declared without annotation,
// the declared types of schema attributes set in configs, and parameter
// names of positional arguments.
func InlayHints(ctx context.Context, snap *workspace.Snapshot, path string, start, end int) []InlayHint {
	v := analyze(snap, path)
	if v == nil {
		return nil
	}
	var out []InlayHint
	add := func(off int, label string, kind int, insert bool) {
		if off >= start && off <= end {
			out = append(out, InlayHint{Offset: off, Label: label, Kind: kind, Insert: insert})
		}
	}
	args := func(f *types.Func, list []ast.Expr) {
		params := namedParams(f)
		for i, a := range list {
			if i >= len(params) {
				break
			}
			if id, ok := a.(*ast.Ident); ok && id.Name == params[i].Name {
				continue
			}
			add(v.offset(a.Pos()), params[i].Name+": ", 2, false)
		}
	}
	calleeFunc := func(fun ast.Expr) *types.Func {
		switch t := v.info.TypeOf(fun); {
		case t.IsFunc():
			return t.Func
		case t.IsSchema() && !t.Instance:
			return schemaFunc(t.Schema)
		}
		return nil
	}
	ast.Inspect(v.file.AST, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		if _, isFile := n.(*ast.File); !isFile {
			if s, e := v.span(n); e < start || s > end {
				return false
			}
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Type != nil {
				break
			}
			for _, t := range n.Targets {
				id, ok := t.(*ast.Ident)
				if !ok {
					continue
				}
				if o := v.info.Defs[id]; o != nil && o.Kind == sema.ObjVar {
					add(v.offset(id.End()), ": "+typeStr(o.Type), 1, true)
				}
			}
		case *ast.ConfigEntry:
			if id, ok := n.Key.(*ast.Ident); ok {
				if o := v.objectOf(id); o != nil && o.Kind == sema.ObjAttr && o.Attr != nil {
					add(v.offset(id.End()), ": "+typeStr(o.Attr.Type), 1, false)
				}
			}
		case *ast.CallExpr:
			if f := calleeFunc(n.Fun); f != nil {
				args(f, n.Args)
			}
		case *ast.SchemaExpr:
			if len(n.Args) > 0 {
				if f := calleeFunc(n.Name); f != nil {
					args(f, n.Args)
				}
			}
		}
		return true
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].Offset < out[j].Offset })
	return out
}
