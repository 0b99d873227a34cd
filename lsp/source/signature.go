package source

import (
	"context"
	"strings"

	"github.com/kclx-dev/kclx/kcl/ast"
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
// parentheses enclose offset, or nil.
func SignatureHelpAt(ctx context.Context, snap *workspace.Snapshot, path string, offset int) *Signature {
	r := resolve(snap, path)
	if r == nil {
		return nil
	}
	defer r.release()
	p := r.f.Pos(offset)
	var call *ast.CallExpr
	var schemaCall *ast.SchemaExpr
	for _, n := range enclosingPath(r.f.AST, p, p) {
		if c, ok := n.(*ast.CallExpr); ok && c.Lparen <= p && p <= c.End() {
			call = c
			break
		}
		if s, ok := n.(*ast.SchemaExpr); ok && s.Lparen.IsValid() && s.Lparen <= p && p <= s.Rparen+1 {
			schemaCall = s
			break
		}
	}
	var fun ast.Expr
	var args []ast.Expr
	var kws []*ast.Keyword
	switch {
	case call != nil:
		fun, args, kws = call.Fun, call.Args, call.Keywords
	case schemaCall != nil:
		fun, args, kws = schemaCall.Name, schemaCall.Args, schemaCall.Keywords
	default:
		// A function name right before the cursor (its "(" being typed).
		if rf := r.refAt(offset); rf != nil && rf.end == p {
			if _, ok := r.m.typeOf(rf.obj).(*funcType); ok {
				fun = &ast.Ident{NamePos: rf.pos, Name: rf.obj.Name}
			}
		}
		if fun == nil {
			return nil
		}
	}
	o := r.refObject(fun)
	if o == nil {
		return nil
	}
	var name string
	var ft *funcType
	switch t := r.m.typeOf(o).(type) {
	case *funcType:
		name, ft = o.Name, t
	case *schemaType:
		if t.info == nil {
			return nil
		}
		r.m.resolveSchema(t.info)
		name, ft = o.Name, &funcType{params: paramsOf(r.m, t.info.params), ret: &schemaType{info: t.info, instance: true}}
	default:
		return nil
	}
	sig := &Signature{Doc: o.Doc}
	var labels []string
	for _, prm := range ft.params {
		if prm.variadic {
			continue
		}
		l := prm.name + ": " + typeStr(prm.typ)
		labels = append(labels, l)
	}
	sig.Label = "function " + name + "(" + strings.Join(labels, ", ") + ") -> " + typeStr(ft.ret)
	sig.Params = labels
	// The active parameter: the number of arguments before the cursor
	// (upstream counts a finished last argument too).
	active := 0
	for _, a := range args {
		if a.End() <= p {
			active++
		}
	}
	for _, k := range kws {
		if k != nil && k.End() <= p {
			active++
		}
	}
	sig.Active = active
	return sig
}

// refObject returns the object the callee expression resolves to.
func (r *resolved) refObject(x ast.Expr) *Object {
	var id *ast.Ident
	switch x := x.(type) {
	case *ast.Ident:
		id = x
	case *ast.SelectorExpr:
		id = x.Sel
	default:
		return nil
	}
	for _, rf := range r.res.refs {
		if rf.pos == id.Pos() {
			return rf.obj
		}
	}
	return nil
}
