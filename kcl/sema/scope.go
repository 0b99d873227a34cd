package sema

import (
	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/syntax"
	"github.com/kclx-dev/kclx/kcl/types"
)

// ObjKind classifies named objects.
type ObjKind uint8

const (
	ObjVar       ObjKind = iota // a variable (top level, schema body, lambda body)
	ObjAttr                     // a schema attribute or config key
	ObjSchema                   // a schema, mixin, protocol or rule definition
	ObjParam                    // a schema, rule or lambda parameter
	ObjTypeAlias                // type X = ...
	ObjModule                   // an imported module
	ObjBuiltin                  // a builtin function
	ObjLoopVar                  // a comprehension or quantifier variable
)

func (k ObjKind) String() string {
	return [...]string{"variable", "attribute", "schema", "parameter", "type alias", "module", "builtin", "loop variable"}[k]
}

// Object is a named entity: what an identifier refers to.
type Object struct {
	Name    string
	Kind    ObjKind
	Type    *types.Type
	PkgPath string     // package that declares it ("" for builtins)
	Pos     syntax.Pos // the declaring identifier (NoPos for builtins)
	End     syntax.Pos
	Node    ast.Node // declaring node: *ast.AssignStmt, *ast.SchemaStmt, *ast.ImportStmt, ...
	Doc     string
	// Imports lists, for a module object, the import statements that
	// bind it (in the package; see Info.ImportUsed for per-file use).
	Imports []*ast.ImportStmt
	// Attr is the schema attribute an ObjAttr object describes, if any.
	Attr *types.Attr
	// Schema is the schema type of an ObjSchema object.
	Schema *types.Schema
}

// ScopeKind classifies scopes.
type ScopeKind uint8

const (
	ScopeBuiltin ScopeKind = iota
	ScopePackage
	ScopeSchema
	ScopeLambda
	ScopeLoop
	ScopeConfig
)

// Scope is a lexical scope.
type Scope struct {
	Kind     ScopeKind
	Parent   *Scope
	Children []*Scope
	Node     ast.Node // the node that opens it (nil for package/builtin)
	Pos, End syntax.Pos
	names    []string
	elems    map[string]*Object
}

func newScope(kind ScopeKind, parent *Scope, node ast.Node, pos, end syntax.Pos) *Scope {
	s := &Scope{Kind: kind, Parent: parent, Node: node, Pos: pos, End: end, elems: map[string]*Object{}}
	if parent != nil && parent.Kind != ScopeBuiltin {
		parent.Children = append(parent.Children, s)
	}
	return s
}

// sizeFor makes room for n names in an empty scope.
func (s *Scope) sizeFor(n int) {
	if len(s.elems) == 0 && n > 8 {
		s.elems = make(map[string]*Object, n)
		s.names = make([]string, 0, n)
	}
}

// Lookup finds name in s or its parents.
func (s *Scope) Lookup(name string) *Object {
	for sc, d := s, 0; sc != nil && d < 10000; sc, d = sc.Parent, d+1 {
		if o, ok := sc.elems[name]; ok {
			return o
		}
	}
	return nil
}

// LookupLocal finds name in s only.
func (s *Scope) LookupLocal(name string) *Object { return s.elems[name] }

// Names returns the names declared in s, in order.
func (s *Scope) Names() []string { return s.names }

// Insert adds or replaces an object.
func (s *Scope) Insert(o *Object) {
	if _, ok := s.elems[o.Name]; !ok {
		s.names = append(s.names, o.Name)
	}
	s.elems[o.Name] = o
}

// Innermost returns the innermost scope below s containing pos.
func (s *Scope) Innermost(pos syntax.Pos) *Scope {
	for d := 0; d < 10000; d++ {
		found := false
		for _, c := range s.Children {
			if c.Pos <= pos && pos <= c.End {
				s, found = c, true
				break
			}
		}
		if !found {
			return s
		}
	}
	return s
}

// AllNames lists the names visible from s (innermost first, no duplicates).
func (s *Scope) AllNames() []string {
	seen := map[string]bool{}
	var out []string
	for sc, d := s, 0; sc != nil && d < 10000; sc, d = sc.Parent, d+1 {
		for _, n := range sc.names {
			if !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	return out
}

var builtinScope = func() *Scope {
	s := newScope(ScopeBuiltin, nil, nil, syntax.NoPos, syntax.NoPos)
	tab := types.Builtins()
	for _, n := range tab.Names {
		s.Insert(&Object{Name: n, Kind: ObjBuiltin, Type: tab.M[n]})
	}
	return s
}()

// decoratorObjects are the objects that decorator names (@deprecated)
// denote.
var decoratorObjects = func() map[string]*Object {
	m := map[string]*Object{}
	tab := types.Decorators()
	for _, n := range tab.Names {
		m[n] = &Object{Name: n, Kind: ObjBuiltin, Type: tab.M[n]}
	}
	return m
}()
