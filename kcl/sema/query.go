package sema

import (
	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/syntax"
	"github.com/kclx-dev/kclx/kcl/types"
)

// Queries by position, for interactive tools (the language server): the
// syntax around a position, the name under it, the scope holding it and
// the names visible there.

// PathAt returns the nodes of f whose range holds pos, innermost first,
// f itself last. A node's end counts as inside, so that a position right
// after a name is on the name.
func PathAt(f *ast.File, pos syntax.Pos) []ast.Node {
	if f == nil {
		return nil
	}
	var stack, best []ast.Node
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		if _, isFile := n.(*ast.File); !isFile && (!n.Pos().IsValid() || n.Pos() > pos || n.End() < pos) {
			return false
		}
		stack = append(stack, n)
		if len(stack) > len(best) {
			best = append(best[:0], stack...)
		}
		return true
	})
	out := make([]ast.Node, len(best))
	for i, n := range best {
		out[len(best)-1-i] = n
	}
	return out
}

// IdentAt returns the identifier of f at pos and the object it denotes
// (nil when the name did not resolve, or was not checked). A name that
// holds pos wins over one that ends there: in "a.b" with pos before "b"
// it is b.
func (in *Info) IdentAt(f *ast.File, pos syntax.Pos) (*ast.Ident, *Object) {
	id := IdentAt(f, pos)
	if id == nil {
		return nil, nil
	}
	return id, in.ObjectOf(id)
}

// IdentAt returns the identifier of f at pos: one that holds pos, else
// one that ends there.
func IdentAt(f *ast.File, pos syntax.Pos) *ast.Ident {
	if f == nil {
		return nil
	}
	var best *ast.Ident
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		if _, isFile := n.(*ast.File); !isFile && (!n.Pos().IsValid() || n.Pos() > pos || n.End() < pos) {
			return false
		}
		if id, ok := n.(*ast.Ident); ok && id.Name != "" && (best == nil || pos < id.End()) {
			best = id
		}
		return true
	})
	return best
}

// ScopeAt returns the innermost scope of the package that holds pos (the
// package scope outside every schema, lambda, comprehension and config).
func (in *Info) ScopeAt(pos syntax.Pos) *Scope {
	if !pos.IsValid() {
		return in.Scope
	}
	return in.Scope.Innermost(pos)
}

// A Binding is a name and the object it denotes.
type Binding struct {
	Name   string
	Object *Object
}

// FileImports returns the names the import statements of the file at
// path bind, in order, with their module objects.
func (in *Info) FileImports(path string) []Binding {
	var out []Binding
	seen := map[string]bool{}
	for _, imp := range in.Package.Imports {
		if imp.File == nil || imp.File.Path != path || imp.Stmt == nil {
			continue
		}
		name := imp.Stmt.Name()
		if seen[name] {
			continue
		}
		o := in.Scope.LookupLocal(imp.PkgPath)
		if o == nil || o.Kind != ObjModule {
			continue
		}
		seen[name] = true
		out = append(out, Binding{Name: name, Object: o})
	}
	return out
}

// NamesAt returns the names visible at pos in the file at path,
// innermost scope first, each once: locals, schema members, the
// package's names, the file's imports, then the builtin functions.
// Module objects appear under the names the file's imports give them.
func (in *Info) NamesAt(path string, pos syntax.Pos) []Binding {
	var out []Binding
	seen := map[string]bool{}
	add := func(name string, o *Object) {
		if name == "" || seen[name] || o == nil {
			return
		}
		seen[name] = true
		out = append(out, Binding{Name: name, Object: o})
	}
	for sc, d := in.ScopeAt(pos), 0; sc != nil && d < 10000; sc, d = sc.Parent, d+1 {
		if sc.Kind == ScopeBuiltin {
			for _, b := range in.FileImports(path) {
				add(b.Name, b.Object)
			}
		}
		for _, name := range sc.Names() {
			o := sc.LookupLocal(name)
			if o.Kind == ObjModule {
				continue // bound per file, by FileImports
			}
			add(name, o)
		}
	}
	return out
}

// ExpectedType returns the type a config literal (an *ast.ConfigExpr,
// or the config of an *ast.SchemaExpr) must have according to its
// context, or nil when the context says nothing.
func (in *Info) ExpectedType(x ast.Node) *types.Type {
	if se, ok := x.(*ast.SchemaExpr); ok {
		x = se.Config
	}
	return in.Expected[x]
}

// KeyType returns the type a config value under key name may have when
// the config has type t: a schema's attribute (or index signature)
// type, a dict's value type, a list's element type, through the members
// of unions; nil when t says nothing.
func KeyType(t *types.Type, name string) *types.Type { return findWide(t, name, 0) }
