package sema

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/syntax"
	"github.com/kclx-dev/kclx/kcl/types"
)

// maxDepth bounds the checker's recursion over nested expressions.
const maxDepth = 2000

type checker struct {
	g    *global
	prog *loader.Program
	pkg  *loader.Package
	info *Info

	scope    *Scope
	pkgScope *Scope
	level    int

	file        *loader.SourceFile
	fileImports map[string]map[string]string // file → import name → pkgpath
	globalNames map[string]*ast.Ident        // top-level names in assignment order

	schema     *types.Schema // schema whose body is being checked (a working copy)
	localVars  []string
	lValue     bool
	cfg        []*types.Type // config expression context stack (nil: no context)
	wide       []*types.Type // the context as recorded in Info.Expected (see pushCfg)
	depth      int
	quiet      int // >0: record types but report nothing
	schemaObjs map[*types.Schema]*Object
	docs       map[ast.Stmt]docString // parsed schema doc strings
	leftIdents map[*ast.SchemaStmt][]string
	// sharedAttrs is the attribute table of the schema whose body is
	// being checked, shared by the working copy until it sets one.
	sharedAttrs *types.AttrList
	// prevDocs are the parsed doc strings of the previous check of the
	// package (ASTs of unchanged files are shared, so are their docs).
	prevDocs map[ast.Stmt]docString
}

func (g *global) checkPackage(pkg *loader.Package, prevDocs map[ast.Stmt]docString) (in *Info) {
	// Size the tables from the statement count: a large generated
	// package otherwise spends much of its check growing maps.
	stmts, schemas, topLevel := 0, 0, 0
	for _, f := range pkg.Files {
		stmts += len(f.AST.Body)
		topLevel += len(f.AST.Body)
		for _, st := range f.AST.Body {
			if s, ok := st.(*ast.SchemaStmt); ok {
				stmts += len(s.Body)
				schemas++
			} else if _, ok := st.(*ast.RuleStmt); ok {
				schemas++
			}
		}
	}
	in = &Info{
		PkgPath:    pkg.PkgPath,
		Package:    pkg,
		Defs:       make(map[*ast.Ident]*Object, stmts),
		Uses:       make(map[*ast.Ident]*Object, stmts/4),
		Types:      make(map[ast.Expr]*types.Type, stmts/4),
		Scopes:     make(map[ast.Node]*Scope, schemas),
		Schemas:    make(map[ast.Stmt]*types.Schema, schemas),
		ImportUsed: map[*ast.ImportStmt]bool{},
		Writes:     map[*ast.Ident]bool{},
		Expected:   map[ast.Node]*types.Type{},
	}
	c := &checker{
		g: g, prog: g.res.Program, pkg: pkg, info: in,
		fileImports: map[string]map[string]string{},
		globalNames: make(map[string]*ast.Ident, topLevel),
		schemaObjs:  make(map[*types.Schema]*Object, schemas),
		docs:        make(map[ast.Stmt]docString, schemas),
		leftIdents:  make(map[*ast.SchemaStmt][]string, schemas),
		prevDocs:    prevDocs,
	}
	in.docs = c.docs
	c.pkgScope = newScope(ScopePackage, builtinScope, nil, syntax.NoPos, syntax.NoPos)
	c.pkgScope.sizeFor(topLevel)
	c.scope = c.pkgScope
	in.Scope = c.pkgScope
	defer func() {
		if r := recover(); r != nil {
			pos := syntax.NoPos
			if len(pkg.Files) > 0 {
				pos = pkg.Files[0].AST.FileStart
			}
			in.Diagnostics = append(in.Diagnostics, loader.Diagnostic{
				Pos: pos, Severity: loader.Error, Kind: loader.CompileError, Code: "internal",
				Msg: fmt.Sprintf("internal error while checking package %s: %v", pkg.PkgPath, r),
			})
		}
	}()
	c.checkImports()
	c.initGlobalTypes()
	for _, f := range pkg.Files {
		c.file = f
		c.stmts(f.AST.Body)
	}
	return in
}

// ----------------------------------------------------------------------------
// Diagnostics

func (c *checker) report(kind loader.Kind, code string, pos, end syntax.Pos, format string, args ...any) *loader.Diagnostic {
	if c.quiet > 0 {
		return &loader.Diagnostic{}
	}
	d := loader.Diagnostic{Pos: pos, End: end, Severity: loader.Error, Kind: kind, Code: code, Msg: fmt.Sprintf(format, args...)}
	if c.file != nil && !pos.IsValid() {
		d.File = c.file.Path
	}
	c.info.Diagnostics = append(c.info.Diagnostics, d)
	return &c.info.Diagnostics[len(c.info.Diagnostics)-1]
}

func (c *checker) errorAt(n ast.Node, kind loader.Kind, code, format string, args ...any) *loader.Diagnostic {
	if n == nil {
		return c.report(kind, code, syntax.NoPos, syntax.NoPos, format, args...)
	}
	return c.report(kind, code, n.Pos(), n.End(), format, args...)
}

func (c *checker) compileError(n ast.Node, code, format string, args ...any) *loader.Diagnostic {
	return c.errorAt(n, loader.CompileError, code, format, args...)
}

func (c *checker) typeError(n ast.Node, code, format string, args ...any) *loader.Diagnostic {
	return c.errorAt(n, loader.TypeError, code, format, args...)
}

func (c *checker) note(d *loader.Diagnostic, format string, args ...any) {
	if d != nil {
		d.Notes = append(d.Notes, fmt.Sprintf(format, args...))
	}
}

// related records another place involved in d.
func (c *checker) related(d *loader.Diagnostic, pos, end syntax.Pos, format string, args ...any) {
	if d != nil && pos.IsValid() {
		d.Related = append(d.Related, loader.Related{Pos: pos, End: end, Msg: fmt.Sprintf(format, args...)})
	}
}

func (c *checker) posString(p syntax.Pos) string {
	pos := c.prog.FileSet.Position(p)
	return pos.String()
}

// ----------------------------------------------------------------------------
// Scopes

func (c *checker) enterScope(kind ScopeKind, node ast.Node) {
	var pos, end syntax.Pos
	if node != nil {
		pos, end = node.Pos(), node.End()
	}
	s := newScope(kind, c.scope, node, pos, end)
	if node != nil {
		c.info.Scopes[node] = s
	}
	c.scope = s
	c.level++
}

func (c *checker) leaveScope() {
	c.localVars = c.localVars[:0]
	if c.scope.Parent != nil && c.scope != c.pkgScope {
		c.scope = c.scope.Parent
		c.level--
	}
}

func (c *checker) insert(o *Object) { c.scope.Insert(o) }

func (c *checker) containsObject(name string) bool { return c.scope.LookupLocal(name) != nil }

func isPrivate(name string) bool { return strings.HasPrefix(name, "_") }

func (c *checker) isLocalVar(name string) bool {
	for _, v := range c.localVars {
		if v == name {
			return true
		}
	}
	return false
}

// ----------------------------------------------------------------------------
// Imports

func (c *checker) checkImports() {
	mainFiles := map[string]bool{}
	for _, f := range c.prog.Main.Files {
		mainFiles[f.Path] = true
	}
	for _, f := range c.pkg.Files {
		c.file = f
		names := c.fileImports[f.Path]
		if names == nil {
			names = map[string]string{}
			c.fileImports[f.Path] = names
		}
		for _, st := range f.AST.Body {
			is, ok := st.(*ast.ImportStmt)
			if !ok {
				continue
			}
			imp := c.prog.Imports[is]
			if imp == nil {
				continue
			}
			pkgpath := imp.PkgPath
			name := is.Name()
			if old, ok := names[name]; ok && old != pkgpath {
				c.compileError(is, "import-redefined", "the name '%s' is defined multiple times, '%s' must be defined only once", name, name)
			}
			names[name] = pkgpath
			if is.Alias != nil {
				c.info.Defs[is.Alias] = nil
			}
			switch imp.Kind {
			case loader.ImportNotFound:
				if !strings.HasPrefix(imp.PkgPath, loader.PluginPrefix) {
					c.errorAt(is, loader.CannotFindModule, "module-not-found", "Cannot find the module %s from %s", is.Path, imp.Searched)
				}
			case loader.ImportPackage:
				if dep := c.prog.Packages[pkgpath]; dep != nil && len(dep.Files) == 1 && mainFiles[dep.Files[0].Path] && c.pkg.PkgPath != loader.MainPkg {
					c.compileError(is, "import-main", "Cannot import %s in the main package", dep.Files[0].Path)
				}
				if cyc := c.g.sccs[c.pkg.PkgPath]; cyc != nil && c.g.sccs[pkgpath] != nil && sameCycle(cyc, pkgpath) {
					c.compileError(is, "import-cycle", "There is a circular reference between modules %s", strings.Join(cyc, ", "))
				}
			}
			kind := types.ModUser
			switch imp.Kind {
			case loader.ImportSystem:
				kind = types.ModSystem
			case loader.ImportPlugin:
				kind = types.ModPlugin
			}
			obj := c.pkgScope.LookupLocal(pkgpath)
			if obj == nil || obj.Kind != ObjModule {
				obj = &Object{Name: pkgpath, Kind: ObjModule, Type: types.ModuleOf(pkgpath, kind), PkgPath: c.pkg.PkgPath, Pos: is.PathPos, End: is.End(), Node: is}
				c.pkgScope.Insert(obj)
			}
			obj.Imports = append(obj.Imports, is)
			c.info.ImportUsed[is] = false
			if is.Alias != nil {
				c.info.Defs[is.Alias] = obj
			}
		}
	}
}

func sameCycle(cyc []string, p string) bool {
	for _, q := range cyc {
		if q == p {
			return true
		}
	}
	return false
}

// moduleObject returns the module object bound to name in the current
// file, or nil.
func (c *checker) moduleObject(name string) *Object {
	if c.file == nil {
		return nil
	}
	pp, ok := c.fileImports[c.file.Path][name]
	if !ok {
		return nil
	}
	o := c.pkgScope.LookupLocal(pp)
	if o == nil || o.Kind != ObjModule {
		return nil
	}
	return o
}

// markModuleUsed records that the module pkgpath is used in the current file.
func (c *checker) markModuleUsed(o *Object) {
	if c.file == nil {
		return
	}
	for _, is := range o.Imports {
		if imp := c.prog.Imports[is]; imp != nil && imp.File.Path == c.file.Path {
			c.info.ImportUsed[is] = true
		}
	}
}

// ----------------------------------------------------------------------------
// Global types

func (c *checker) initGlobalTypes() {
	// 1. Schema and rule symbols.
	var defs []schemaDef
	for _, f := range c.pkg.Files {
		c.file = f
		for _, st := range f.AST.Body {
			var name *ast.Ident
			var doc *ast.StringLit
			s := &types.Schema{PkgPath: c.pkg.PkgPath, Filename: f.Path, Node: st}
			switch st := st.(type) {
			case *ast.SchemaStmt:
				s.Attrs = types.NewAttrListSize(len(st.Body))
				name, doc = st.Name, st.Doc
				// Like upstream, a schema is a mixin (protocol) when declared
				// so or when its name ends with Mixin (Protocol).
				s.IsMixin = st.Kind == syntax.MIXIN || st.Name != nil && strings.HasSuffix(st.Name.Name, "Mixin")
				s.IsProtocol = st.Kind == syntax.PROTOCOL || st.Name != nil && strings.HasSuffix(st.Name.Name, "Protocol") && st.Kind != syntax.MIXIN
			case *ast.RuleStmt:
				s.Attrs = types.NewAttrList()
				name, doc = st.Name, st.Doc
				s.IsRule = true
			default:
				continue
			}
			if name == nil || name.Name == "" {
				continue
			}
			s.Name, s.Pos, s.End = name.Name, name.Pos(), name.End()
			if doc != nil {
				d, ok := c.prevDocs[st]
				if !ok {
					d = parseDoc(doc.Value())
				}
				s.Doc = d.Summary
				c.docs[st] = d // for the attributes' docs (buildSchema)
			}
			c.info.Schemas[st] = s
			defs = append(defs, schemaDef{st: st, s: s, file: f})
			if c.containsObject(name.Name) {
				c.errorAt(st, loader.UniqueKeyError, "unique-key", "Unique key error name '%s'", name.Name)
				continue
			}
			obj := &Object{Name: name.Name, Kind: ObjSchema, Type: types.SchemaOf(s, false), PkgPath: c.pkg.PkgPath, Pos: name.Pos(), End: name.End(), Node: st, Doc: s.Doc, Schema: s}
			c.schemaObjs[s] = obj
			c.insert(obj)
			c.info.Defs[name] = obj
		}
	}
	// 2. Variable symbols.
	c.initGlobalVars(true)
	// 3. Schema types; a later definition of a name wins, as upstream.
	b := &schemaBuilder{c: c, state: map[*types.Schema]int{}, defs: map[*types.Schema]schemaDef{}}
	for _, d := range defs {
		b.defs[d.s] = d
	}
	for _, d := range defs {
		b.build(d.s)
		obj := c.schemaObjs[d.s]
		if obj == nil {
			name := d.s.Name
			obj = &Object{Name: name, Kind: ObjSchema, Type: types.SchemaOf(d.s, false), PkgPath: c.pkg.PkgPath, Pos: d.s.Pos, End: d.s.End, Node: d.st, Doc: d.s.Doc, Schema: d.s}
			c.schemaObjs[d.s] = obj
		}
		c.pkgScope.Insert(obj)
	}
	b.reportCycles()
	// 4. Variable types with resolved annotations.
	c.initGlobalVars(false)
}

func (c *checker) initGlobalVars(unique bool) {
	for _, f := range c.pkg.Files {
		c.file = f
		for _, st := range f.AST.Body {
			if ta, ok := st.(*ast.TypeAliasStmt); ok {
				c.typeAliasStmt(ta)
			}
		}
		c.initScopeWithStmts(f.AST.Body, unique)
	}
}

func (c *checker) initScopeWithStmts(stmts []ast.Stmt, unique bool) {
	for _, st := range stmts {
		switch st := st.(type) {
		case *ast.AssignStmt:
			c.initAssign(st, unique)
		case *ast.UnificationStmt:
			root := rootIdent(st.Target)
			if root == nil {
				continue
			}
			c.quiet++
			ty := c.exprType(st.Value.Name)
			c.quiet--
			old := c.pkgScope.LookupLocal(root.Name)
			obj := &Object{Name: root.Name, Kind: ObjVar, Type: ty, PkgPath: c.pkg.PkgPath, Pos: root.Pos(), End: root.End(), Node: st}
			if old != nil && old.Kind == ObjVar {
				old.Type = ty
				continue
			}
			c.insert(obj)
			c.info.Defs[root] = obj
		case *ast.IfStmt:
			c.initScopeWithStmts(st.Body, unique)
			c.initScopeWithElse(st.Else, unique)
		}
	}
}

func (c *checker) initScopeWithElse(st ast.Stmt, unique bool) {
	switch st := st.(type) {
	case *ast.IfStmt:
		c.initScopeWithStmts(st.Body, unique)
		c.initScopeWithElse(st.Else, unique)
	case *ast.ElseStmt:
		c.initScopeWithStmts(st.Body, unique)
	}
}

func (c *checker) initAssign(st *ast.AssignStmt, unique bool) {
	for _, target := range st.Targets {
		root := rootIdent(target)
		if root == nil {
			continue
		}
		name := root.Name
		old := c.scope.LookupLocal(name)
		if old != nil && !isPrivate(name) && unique {
			d := c.errorAt(target, loader.ImmutableError, "immutable", "Can not change the value of '%s', because it was declared immutable", name)
			if old.Pos.IsValid() {
				c.note(d, "The variable '%s' is declared here (%s)", name, c.posString(old.Pos))
				c.related(d, old.Pos, old.End, "The variable '%s' is declared here", name)
			}
			c.note(d, "change the variable name to '_%s' to make it mutable", name)
			continue
		}
		var ty *types.Type
		switch {
		case st.Type != nil:
			if unique {
				c.quiet++
			}
			ty = c.resolveTypeExpr(st.Type)
			if unique {
				c.quiet--
			}
			if old != nil && !types.IsUpperBound(old.Type, ty) {
				d := c.typeError(target, "type-changed", "can not change the type of '%s' to %s", name, old.Type)
				c.note(d, "expected %s (%s)", old.Type, c.posString(old.Pos))
			}
		case old != nil:
			ty = old.Type
		default:
			ty = types.Any
		}
		if old != nil && old.Kind == ObjVar {
			old.Type = ty
			continue
		}
		obj := &Object{Name: name, Kind: ObjVar, Type: ty, PkgPath: c.pkg.PkgPath, Pos: root.Pos(), End: root.End(), Node: st}
		c.insert(obj)
		c.info.Defs[root] = obj
	}
}

// rootIdent returns the leftmost identifier of a target expression
// (a for a, a.b.c, a[0].b), or nil.
func rootIdent(x ast.Expr) *ast.Ident {
	for d := 0; d < maxDepth; d++ {
		switch e := x.(type) {
		case *ast.Ident:
			return e
		case *ast.SelectorExpr:
			x = e.X
		case *ast.IndexExpr:
			x = e.X
		case *ast.ParenExpr:
			x = e.X
		default:
			return nil
		}
	}
	return nil
}

// selectorNames returns the names of a dotted identifier a.b.c, or nil
// when x is not one.
func selectorNames(x ast.Expr) []*ast.Ident {
	var out []*ast.Ident
	for d := 0; d < maxDepth; d++ {
		switch e := x.(type) {
		case *ast.Ident:
			out = append(out, e)
			for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
				out[i], out[j] = out[j], out[i]
			}
			return out
		case *ast.SelectorExpr:
			if e.Optional {
				return nil
			}
			out = append(out, e.Sel)
			x = e.X
		default:
			return nil
		}
	}
	return nil
}

func fileBase(p string) string { return filepath.Base(p) }
