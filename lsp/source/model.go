package source

import (
	"strings"
	"sync"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/syntax"
	"github.com/kclx-dev/kclx/kcl/workspace"
)

// This file and resolve.go are the language server's own name resolver:
// a scope walk over the loaded program with just enough type inference to
// follow schema attributes through configs, selectors, calls and
// lambdas. It stands in for kcl/sema, which does not exist yet; when it
// lands, these functions should be rebuilt on its Info.

// ObjKind classifies what a name denotes.
type ObjKind int

const (
	objVar       ObjKind = iota // package-level variable
	objLocal                    // local variable (lambda body, comprehension, quantifier, config key, index signature key)
	objParam                    // lambda or schema parameter
	objAttr                     // schema attribute
	objSchema                   // schema, mixin or protocol
	objRule                     // rule
	objTypeAlias                // type alias
	objImport                   // a package name bound by an import
	objBuiltin                  // builtin function or decorator
	objMember                   // system-module member or str method
)

// Object is a named entity: a declaration of the program or a builtin.
type Object struct {
	Kind ObjKind
	Name string
	// Pkg is the package path of the declaration ("" for builtins),
	// File the declaring file's path.
	Pkg  string
	File string
	// NamePos, NameEnd delimit the declaring name (NoPos for builtins
	// and for names of the system modules).
	NamePos, NameEnd syntax.Pos
	Decl             ast.Node
	Doc              string

	typ    Type
	typeFn func() Type
	typing bool

	schema   *schemaInfo // objSchema, objRule: the schema; objAttr: the owner
	optional bool        // objAttr: name?
	imp      *loader.Import
	module   string // objImport of a system module / objMember: the module name
	fc       *fileCtx
}

// HasDecl reports whether the object is declared in source.
func (o *Object) HasDecl() bool { return o.NamePos.IsValid() }

// schemaInfo describes a schema, mixin, protocol or rule.
type schemaInfo struct {
	name string
	obj  *Object
	fc   *fileCtx
	stmt *ast.SchemaStmt
	rule *ast.RuleStmt

	resolved bool
	parent   *schemaInfo
	mixins   []*schemaInfo
	protocol *schemaInfo
	// attrs are the schema's own attributes in declaration order.
	attrs     []*Object
	attrIndex map[string]*Object
	params    []*Object
	indexSig  *ast.IndexSignature
}

// pkgInfo is a package's namespace.
type pkgInfo struct {
	path  string
	lpkg  *loader.Package
	names map[string]*Object
	files []*fileCtx
}

// fileCtx is a file of a package with its imports.
type fileCtx struct {
	pkg     *pkgInfo
	sf      *loader.SourceFile
	tok     *syntax.File
	imports map[string]*Object
	scope   *Scope
}

// Model is the resolver's result for one compile unit, computed lazily.
// It is safe for concurrent use (its methods serialise on a mutex).
type Model struct {
	unit *workspace.Unit
	prog *loader.Program

	mu    sync.Mutex
	pkgs  map[string]*pkgInfo
	files map[string]*fileResult
	byPkg map[*loader.Package]*pkgInfo
}

var (
	modelMu    sync.Mutex
	modelCache []*Model // most recently used last
)

// modelCacheSize bounds the number of units whose models are kept.
const modelCacheSize = 8

// modelOf returns the (cached) model of a unit.
func modelOf(unit *workspace.Unit) *Model {
	modelMu.Lock()
	defer modelMu.Unlock()
	for i, m := range modelCache {
		if m.unit == unit {
			copy(modelCache[i:], modelCache[i+1:])
			modelCache[len(modelCache)-1] = m
			return m
		}
	}
	m := &Model{unit: unit, prog: unit.Program, pkgs: map[string]*pkgInfo{}, files: map[string]*fileResult{}, byPkg: map[*loader.Package]*pkgInfo{}}
	modelCache = append(modelCache, m)
	if len(modelCache) > modelCacheSize {
		modelCache = modelCache[1:]
	}
	return m
}

// ModelFor returns the model of the unit analysing path.
func ModelFor(snap *workspace.Snapshot, path string) *Model {
	unit := snap.Unit(path)
	if unit == nil || unit.Program == nil {
		return nil
	}
	return modelOf(unit)
}

// pkg returns the namespace of a package path (nil when not loaded).
func (m *Model) pkg(path string) *pkgInfo {
	if p, ok := m.pkgs[path]; ok {
		return p
	}
	lp := m.prog.Packages[path]
	if lp == nil {
		m.pkgs[path] = nil
		return nil
	}
	p := m.collect(lp)
	m.pkgs[path] = p
	return p
}

// pkgOfFile returns the package holding the file at path.
func (m *Model) pkgOfFile(path string) (*pkgInfo, *fileCtx) {
	lp := m.prog.PackageOf(path)
	if lp == nil {
		return nil, nil
	}
	p := m.pkg(lp.PkgPath)
	if p == nil {
		return nil, nil
	}
	for _, fc := range p.files {
		if fc.sf.Path == path {
			return p, fc
		}
	}
	return p, nil
}

// collect builds the namespace of a package from its files' top-level
// declarations.
func (m *Model) collect(lp *loader.Package) *pkgInfo {
	p := &pkgInfo{path: lp.PkgPath, lpkg: lp, names: map[string]*Object{}}
	fset := m.prog.FileSet
	for _, sf := range lp.Files {
		fc := &fileCtx{pkg: p, sf: sf, tok: fset.File(sf.AST.FileStart), imports: map[string]*Object{}}
		p.files = append(p.files, fc)
	}
	for _, fc := range p.files {
		for _, s := range fc.sf.AST.Body {
			m.collectStmt(p, fc, s)
		}
	}
	for _, fc := range p.files {
		fc.scope = &Scope{parent: m.pkgScope(p), names: fc.imports, kind: scopeFile}
	}
	return p
}

func (m *Model) collectStmt(p *pkgInfo, fc *fileCtx, s ast.Stmt) {
	define := func(o *Object) {
		if _, dup := p.names[o.Name]; !dup && o.Name != "" {
			p.names[o.Name] = o
		}
	}
	switch s := s.(type) {
	case *ast.ImportStmt:
		name := s.Name()
		o := &Object{Kind: objImport, Name: name, Pkg: p.path, File: fc.sf.Path, Decl: s, fc: fc, imp: m.prog.Imports[s]}
		if s.Alias != nil {
			o.NamePos, o.NameEnd = s.Alias.Pos(), s.Alias.End()
		} else {
			// The bound name is the last path segment.
			end := s.PathPos + syntax.Pos(len(s.Path))
			o.NamePos, o.NameEnd = end-syntax.Pos(len(name)), end
		}
		if o.imp != nil && o.imp.Kind == loader.ImportSystem {
			o.module = o.imp.PkgPath
		} else if loader.IsSystemModule(s.Path) {
			o.module = s.Path
		}
		o.typeFn = func() Type { return m.importType(o) }
		if _, dup := fc.imports[name]; !dup {
			fc.imports[name] = o
		}
	case *ast.SchemaStmt:
		if s.Name == nil {
			return
		}
		info := &schemaInfo{name: s.Name.Name, fc: fc, stmt: s}
		o := &Object{Kind: objSchema, Name: s.Name.Name, Pkg: p.path, File: fc.sf.Path, NamePos: s.Name.Pos(), NameEnd: s.Name.End(), Decl: s, fc: fc, schema: info}
		if s.Doc != nil {
			o.Doc = s.Doc.Value()
		}
		info.obj = o
		o.typ = &schemaType{info: info}
		define(o)
	case *ast.RuleStmt:
		if s.Name == nil {
			return
		}
		info := &schemaInfo{name: s.Name.Name, fc: fc, rule: s}
		o := &Object{Kind: objRule, Name: s.Name.Name, Pkg: p.path, File: fc.sf.Path, NamePos: s.Name.Pos(), NameEnd: s.Name.End(), Decl: s, fc: fc, schema: info}
		if s.Doc != nil {
			o.Doc = s.Doc.Value()
		}
		info.obj = o
		o.typ = &schemaType{info: info}
		define(o)
	case *ast.TypeAliasStmt:
		if s.Name == nil {
			return
		}
		o := &Object{Kind: objTypeAlias, Name: s.Name.Name, Pkg: p.path, File: fc.sf.Path, NamePos: s.Name.Pos(), NameEnd: s.Name.End(), Decl: s, fc: fc}
		alias := s
		o.typeFn = func() Type { return m.evalType(fc, fc.scopeOrPkg(m), alias.Type) }
		define(o)
	case *ast.AssignStmt:
		for _, t := range s.Targets {
			id, ok := t.(*ast.Ident)
			if !ok {
				continue
			}
			if _, dup := p.names[id.Name]; dup {
				continue
			}
			o := &Object{Kind: objVar, Name: id.Name, Pkg: p.path, File: fc.sf.Path, NamePos: id.Pos(), NameEnd: id.End(), Decl: s, fc: fc}
			assign := s
			o.typeFn = func() Type {
				var expected Type
				if assign.Type != nil {
					expected = m.evalType(fc, fc.scopeOrPkg(m), assign.Type)
					return expected
				}
				r := &resolver{m: m, fc: fc}
				return widen(r.expr(assign.Value, fc.scopeOrPkg(m), nil))
			}
			define(o)
		}
	case *ast.UnificationStmt:
		id, ok := s.Target.(*ast.Ident)
		if !ok {
			return
		}
		o := &Object{Kind: objVar, Name: id.Name, Pkg: p.path, File: fc.sf.Path, NamePos: id.Pos(), NameEnd: id.End(), Decl: s, fc: fc}
		unif := s
		o.typeFn = func() Type {
			r := &resolver{m: m, fc: fc}
			return r.expr(unif.Value, fc.scopeOrPkg(m), nil)
		}
		define(o)
	case *ast.IfStmt:
		for _, b := range s.Body {
			m.collectStmt(p, fc, b)
		}
		switch e := s.Else.(type) {
		case *ast.IfStmt:
			m.collectStmt(p, fc, e)
		case *ast.ElseStmt:
			for _, b := range e.Body {
				m.collectStmt(p, fc, b)
			}
		}
	}
}

// scopeOrPkg returns the file scope (available once the package is
// collected).
func (fc *fileCtx) scopeOrPkg(m *Model) *Scope {
	if fc.scope != nil {
		return fc.scope
	}
	return &Scope{parent: m.pkgScope(fc.pkg), names: fc.imports, kind: scopeFile}
}

// pkgScope returns the package-level scope (whose parent holds the
// builtins).
func (m *Model) pkgScope(p *pkgInfo) *Scope {
	return &Scope{parent: builtinScope, names: p.names, kind: scopePackage}
}

// typeOf returns the type of an object (computing it on first use).
func (m *Model) typeOf(o *Object) Type {
	if o == nil {
		return tAny
	}
	if o.typ != nil {
		return o.typ
	}
	if o.typeFn == nil || o.typing {
		return tAny
	}
	o.typing = true
	t := o.typeFn()
	o.typing = false
	if t == nil {
		t = tAny
	}
	if o.typ == nil {
		o.typ = t
	}
	return o.typ
}

// resolveSchema fills in a schema's parent, mixins, protocol, params and
// attributes (once).
func (m *Model) resolveSchema(s *schemaInfo) {
	if s == nil || s.resolved {
		return
	}
	s.resolved = true
	s.attrIndex = map[string]*Object{}
	fc := s.fc
	sc := fc.scopeOrPkg(m)
	lookupSchema := func(x ast.Expr) *schemaInfo {
		o := m.lookupExpr(fc, sc, x)
		if o != nil && (o.Kind == objSchema || o.Kind == objRule) {
			return o.schema
		}
		return nil
	}
	var params []*ast.Param
	var body []ast.Stmt
	if s.stmt != nil {
		if s.stmt.Parent != nil {
			s.parent = lookupSchema(s.stmt.Parent)
		}
		for _, mx := range s.stmt.Mixins {
			if mi := lookupSchema(mx); mi != nil {
				s.mixins = append(s.mixins, mi)
			}
		}
		if s.stmt.For != nil {
			s.protocol = lookupSchema(s.stmt.For)
		}
		params, body = s.stmt.Params, s.stmt.Body
	} else if s.rule != nil {
		if s.rule.For != nil {
			s.protocol = lookupSchema(s.rule.For)
		}
		for _, px := range s.rule.Parents {
			if pi := lookupSchema(px); pi != nil {
				s.mixins = append(s.mixins, pi)
			}
		}
		params = s.rule.Params
	}
	for _, p := range params {
		if p == nil || p.Name == nil {
			continue
		}
		o := &Object{Kind: objParam, Name: p.Name.Name, Pkg: fc.pkg.path, File: fc.sf.Path, NamePos: p.Name.Pos(), NameEnd: p.Name.End(), Decl: p, fc: fc}
		param := p
		o.typeFn = func() Type {
			if param.Type != nil {
				return m.evalType(fc, sc, param.Type)
			}
			return tAny
		}
		s.params = append(s.params, o)
	}
	var collectBody func(list []ast.Stmt)
	collectBody = func(list []ast.Stmt) {
		for _, st := range list {
			switch st := st.(type) {
			case *ast.SchemaAttr:
				var name string
				var start, end syntax.Pos
				switch n := st.Name.(type) {
				case *ast.Ident:
					name, start, end = n.Name, n.Pos(), n.End()
				case *ast.StringLit:
					name, start, end = n.Value(), n.Pos(), n.End()
				}
				if name == "" || s.attrIndex[name] != nil {
					continue
				}
				o := &Object{Kind: objAttr, Name: name, Pkg: fc.pkg.path, File: fc.sf.Path, NamePos: start, NameEnd: end, Decl: st, fc: fc, schema: s, optional: st.Optional}
				attr := st
				o.typeFn = func() Type { return m.evalType(fc, sc, attr.Type) }
				o.Doc = attrDoc(s.stmt, name)
				s.attrs = append(s.attrs, o)
				s.attrIndex[name] = o
			case *ast.AssignStmt:
				for _, t := range st.Targets {
					id, ok := t.(*ast.Ident)
					if !ok || s.attrIndex[id.Name] != nil {
						continue
					}
					if m.inheritedAttr(s, id.Name) != nil {
						continue // assigns an inherited attribute
					}
					o := &Object{Kind: objAttr, Name: id.Name, Pkg: fc.pkg.path, File: fc.sf.Path, NamePos: id.Pos(), NameEnd: id.End(), Decl: st, fc: fc, schema: s}
					assign := st
					o.typeFn = func() Type {
						if assign.Type != nil {
							return m.evalType(fc, sc, assign.Type)
						}
						// Inferred in the schema's scope by the file walk.
						m.resolveFile(fc.sf.Path)
						if o.typ != nil {
							return o.typ
						}
						r := &resolver{m: m, fc: fc}
						return widen(r.expr(assign.Value, m.schemaScope(s, sc), nil))
					}
					s.attrs = append(s.attrs, o)
					s.attrIndex[id.Name] = o
				}
			case *ast.UnificationStmt:
				// `name: Schema {...}` declares an attribute of that type.
				id, ok := st.Target.(*ast.Ident)
				if !ok || s.attrIndex[id.Name] != nil || st.Value == nil {
					continue
				}
				o := &Object{Kind: objAttr, Name: id.Name, Pkg: fc.pkg.path, File: fc.sf.Path, NamePos: id.Pos(), NameEnd: id.End(), Decl: st, fc: fc, schema: s}
				unif := st
				o.typeFn = func() Type {
					if so := m.lookupExpr(fc, sc, unif.Value.Name); so != nil && so.schema != nil {
						return schemaTypeOf(so.schema)
					}
					return tAny
				}
				s.attrs = append(s.attrs, o)
				s.attrIndex[id.Name] = o
			case *ast.IndexSignature:
				if s.indexSig == nil {
					s.indexSig = st
				}
			case *ast.IfStmt:
				collectBody(st.Body)
				for e := st.Else; e != nil; {
					if x, ok := e.(*ast.IfStmt); ok {
						collectBody(x.Body)
						e = x.Else
						continue
					}
					if x, ok := e.(*ast.ElseStmt); ok {
						collectBody(x.Body)
					}
					break
				}
			}
		}
	}
	collectBody(body)
}

// inheritedAttr looks an attribute up in the parents, mixins and
// protocol of s (not in s itself).
func (m *Model) inheritedAttr(s *schemaInfo, name string) *Object {
	seen := map[*schemaInfo]bool{s: true}
	var find func(x *schemaInfo) *Object
	find = func(x *schemaInfo) *Object {
		if x == nil || seen[x] {
			return nil
		}
		seen[x] = true
		m.resolveSchema(x)
		if o := x.attrIndex[name]; o != nil {
			return o
		}
		for _, mx := range x.mixins {
			if o := find(mx); o != nil {
				return o
			}
		}
		if o := find(x.parent); o != nil {
			return o
		}
		return find(x.protocol)
	}
	for _, mx := range s.mixins {
		if o := find(mx); o != nil {
			return o
		}
	}
	if o := find(s.parent); o != nil {
		return o
	}
	return find(s.protocol)
}

// attr returns the attribute name of s, own or inherited.
func (m *Model) attr(s *schemaInfo, name string) *Object {
	if s == nil {
		return nil
	}
	m.resolveSchema(s)
	if o := s.attrIndex[name]; o != nil {
		return o
	}
	return m.inheritedAttr(s, name)
}

// allAttrs returns every attribute of s: own first, then inherited ones
// not overridden.
func (m *Model) allAttrs(s *schemaInfo) []*Object {
	var out []*Object
	seenName := map[string]bool{}
	seen := map[*schemaInfo]bool{}
	var walk func(x *schemaInfo)
	walk = func(x *schemaInfo) {
		if x == nil || seen[x] {
			return
		}
		seen[x] = true
		m.resolveSchema(x)
		for _, a := range x.attrs {
			if !seenName[a.Name] {
				seenName[a.Name] = true
				out = append(out, a)
			}
		}
		for _, mx := range x.mixins {
			walk(mx)
		}
		walk(x.parent)
		walk(x.protocol)
	}
	walk(s)
	return out
}

// hasIndexSignature reports whether s or an ancestor declares one.
func (m *Model) indexSignature(s *schemaInfo) *ast.IndexSignature {
	seen := map[*schemaInfo]bool{}
	for x := s; x != nil && !seen[x]; x = x.parent {
		seen[x] = true
		m.resolveSchema(x)
		if x.indexSig != nil {
			return x.indexSig
		}
	}
	return nil
}

// schemaScope returns the scope of a schema body: its parameters and
// attributes (inherited ones included) over the file scope.
func (m *Model) schemaScope(s *schemaInfo, parent *Scope) *Scope {
	sc := &Scope{parent: parent, names: map[string]*Object{}, kind: scopeSchema, schema: s}
	for _, a := range m.allAttrs(s) {
		sc.names[a.Name] = a
	}
	m.resolveSchema(s)
	for _, p := range s.params {
		sc.names[p.Name] = p
	}
	return sc
}

// lookupExpr resolves a name or a pkg.name selector (types, parents,
// mixins) without recording anything.
func (m *Model) lookupExpr(fc *fileCtx, sc *Scope, x ast.Expr) *Object {
	switch x := x.(type) {
	case *ast.Ident:
		return sc.lookup(x.Name)
	case *ast.SelectorExpr:
		base := m.lookupExpr(fc, sc, x.X)
		if base == nil {
			return nil
		}
		return m.member(m.typeOf(base), x.Sel.Name)
	}
	return nil
}

// evalType converts a type annotation to a Type.
func (m *Model) evalType(fc *fileCtx, sc *Scope, t ast.Type) Type {
	switch t := t.(type) {
	case nil:
		return tAny
	case *ast.NamedType:
		if id, ok := t.Name.(*ast.Ident); ok {
			switch id.Name {
			case "any":
				return tAny
			case "bool":
				return tBool
			case "int":
				return tInt
			case "float":
				return tFloat
			case "str":
				return tStr
			}
		}
		o := m.lookupExpr(fc, sc, t.Name)
		if o == nil {
			return tAny
		}
		switch o.Kind {
		case objSchema, objRule:
			return &schemaType{info: o.schema, instance: true}
		case objTypeAlias:
			return m.typeOf(o)
		}
		return tAny
	case *ast.ListType:
		return &listType{elem: m.evalType(fc, sc, t.Elem)}
	case *ast.DictType:
		key := Type(tStr)
		if t.Key != nil {
			key = m.evalType(fc, sc, t.Key)
		}
		return &dictType{key: key, val: m.evalType(fc, sc, t.Value)}
	case *ast.UnionType:
		ts := make([]Type, 0, len(t.Types))
		for _, x := range t.Types {
			ts = append(ts, m.evalType(fc, sc, x))
		}
		return unionOf(ts...)
	case *ast.LiteralType:
		return literalType(t.Lit)
	case *ast.FuncType:
		ft := &funcType{ret: m.evalType(fc, sc, t.Ret)}
		for _, p := range t.Params {
			ft.params = append(ft.params, funcParam{typ: m.evalType(fc, sc, p)})
		}
		return ft
	}
	return tAny
}

// literalType is the type of a literal expression.
func literalType(x ast.Expr) Type {
	switch x := x.(type) {
	case *ast.StringLit:
		return &litType{base: tStr, value: strings.TrimPrefix(strings.TrimPrefix(x.Raw, "r"), "R")}
	case *ast.BasicLit:
		if x.Kind == syntax.FLOAT {
			return &litType{base: tFloat, value: x.Value}
		}
		for i := len(x.Value) - 1; i >= 0; i-- {
			if c := x.Value[i]; c >= '0' && c <= '9' {
				if i < len(x.Value)-1 && syntax.IsUnitSuffix(x.Value[i+1:]) {
					return &unitType{value: x.Value}
				}
				break
			}
		}
		return &litType{base: tInt, value: x.Value}
	case *ast.NameConstant:
		switch x.Value {
		case syntax.TRUE, syntax.FALSE:
			return &litType{base: tBool, value: x.Value.String()}
		case syntax.NONE:
			return tNone
		case syntax.UNDEFINED:
			return tUndefined
		}
	case *ast.JoinedString:
		return tStr
	}
	return tAny
}

// member returns the member name of a value of type t.
func (m *Model) member(t Type, name string) *Object {
	switch t := t.(type) {
	case *moduleType:
		if t.system {
			return systemMember(t.pkgpath, name)
		}
		if t.pkg != nil {
			return t.pkg.names[name]
		}
	case *schemaType:
		if !t.instance && name == "instances" {
			return schemaInstancesMethod(t)
		}
		return m.attr(t.info, name)
	case *unionType:
		for _, x := range t.types {
			if o := m.member(x, name); o != nil {
				return o
			}
		}
	case *dictType:
		for _, a := range t.attrs {
			if a.name == name && a.obj != nil {
				return a.obj
			}
		}
	default:
		if isStr(t) {
			return strMethod(name)
		}
	}
	return nil
}

// attrDoc extracts the documentation of an attribute from a schema doc
// string's "Attributes" section (the usual KCL docstring layout).
func attrDoc(s *ast.SchemaStmt, name string) string {
	if s == nil || s.Doc == nil {
		return ""
	}
	lines := strings.Split(s.Doc.Value(), "\n")
	in := false
	indent := -1
	var out []string
	for _, l := range lines {
		trimmed := strings.TrimSpace(l)
		if !in {
			if strings.HasPrefix(trimmed, name+" :") || strings.HasPrefix(trimmed, name+":") || trimmed == name {
				in = true
				indent = len(l) - len(strings.TrimLeft(l, " \t"))
			}
			continue
		}
		cur := len(l) - len(strings.TrimLeft(l, " \t"))
		if trimmed != "" && cur <= indent {
			break
		}
		if trimmed == "" && len(out) > 0 {
			break
		}
		if trimmed != "" {
			out = append(out, trimmed)
		}
	}
	return strings.Join(out, "\n")
}

// importType is the type of an imported name: a module.
func (m *Model) importType(o *Object) Type {
	imp := o.imp
	switch {
	case o.module != "":
		return &moduleType{pkgpath: o.module, system: true}
	case imp == nil:
		return tAny
	case imp.Kind == loader.ImportPackage:
		return &moduleType{pkgpath: imp.PkgPath, pkg: m.pkg(imp.PkgPath)}
	case imp.Kind == loader.ImportPlugin:
		return &moduleType{pkgpath: imp.PkgPath, plugin: true}
	}
	return tAny
}
