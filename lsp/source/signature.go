package source

import (
	"context"
	"strings"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/sema"
	"github.com/kclx-dev/kclx/kcl/types"
	"github.com/kclx-dev/kclx/kcl/workspace"
)

// Signature is the signature of the function being called at a
// position.
type Signature struct {
	Label  string
	Doc    string
	Params []string
	// Active is the index of the parameter being written.
	Active int
}

// SignatureHelpAt returns the signature of the innermost call whose
// parentheses enclose offset (or of the function whose name ends
// there), or nil.
func SignatureHelpAt(ctx context.Context, snap *workspace.Snapshot, path string, offset int) *Signature {
	v := analyze(snap, path)
	if v == nil {
		return nil
	}
	p := v.pos(offset)
	var fun ast.Expr
	var args []ast.Expr
	var kws []*ast.Keyword
	for _, n := range sema.PathAt(v.file.AST, p) {
		if c, ok := n.(*ast.CallExpr); ok && c.Lparen <= p && p <= c.End() {
			fun, args, kws = c.Fun, c.Args, c.Keywords
			break
		}
		if s, ok := n.(*ast.SchemaExpr); ok && s.Lparen.IsValid() && s.Lparen <= p && p <= s.Rparen+1 {
			fun, args, kws = s.Name, s.Args, s.Keywords
			break
		}
	}
	if fun == nil {
		// A function's name right before the cursor (its "(" to come).
		id, _ := v.identAt(offset)
		if id == nil || id.End() != p {
			return nil
		}
		fun = id
		for _, n := range sema.PathAt(v.file.AST, p) {
			if sel, ok := n.(*ast.SelectorExpr); ok && sel.Sel == id {
				fun = sel
				break
			}
		}
		if !v.info.TypeOf(fun).IsFunc() {
			return nil
		}
	}
	var name *ast.Ident
	switch f := fun.(type) {
	case *ast.Ident:
		name = f
	case *ast.SelectorExpr:
		name = f.Sel
	default:
		return nil
	}
	var f *types.Func
	t := v.info.TypeOf(fun)
	switch {
	case t.IsFunc():
		f = t.Func
	case t.IsSchema() && !t.Instance:
		f = schemaFunc(t.Schema)
	default:
		return nil
	}
	sig := &Signature{Params: paramLabels(f)}
	sig.Label = "function " + name.Name + "(" + strings.Join(sig.Params, ", ") + ") -> " + typeStr(f.Ret)
	if o := v.info.ObjectOf(name); o != nil {
		switch {
		case o.Kind == sema.ObjBuiltin:
			sig.Doc = builtinDoc(o.Name)
		case o.Kind == sema.ObjSchema:
			sig.Doc = o.Doc
		default:
			sig.Doc = lambdaDoc(lambdaOf(o))
		}
	} else if m := v.memberOf(name); m != nil {
		sig.Doc = builtinDoc(m.owner + "." + m.name)
	}
	// The active parameter: the number of arguments before the cursor
	// (upstream counts a finished last argument too).
	for _, a := range args {
		if a.End() <= p {
			sig.Active++
		}
	}
	for _, k := range kws {
		if k != nil && k.End() <= p {
			sig.Active++
		}
	}
	return sig
}
