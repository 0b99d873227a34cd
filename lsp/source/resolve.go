package source

import (
	"sort"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/syntax"
)

type scopeKind int

const (
	scopeBuiltin scopeKind = iota
	scopePackage
	scopeFile
	scopeSchema
	scopeLambda
	scopeComp
	scopeQuant
	scopeConfig
)

// Scope is a region of a file where a set of names is visible.
type Scope struct {
	parent *Scope
	kind   scopeKind
	names  map[string]*Object
	schema *schemaInfo
	// start, end delimit the region (for recorded scopes); ext extends
	// a block scope (schema, rule) over the indented lines that follow it
	// up to the next statement, where its body is still being typed.
	start, end, ext syntax.Pos
}

func (s *Scope) lookup(name string) *Object {
	for ; s != nil; s = s.parent {
		if o := s.names[name]; o != nil {
			return o
		}
	}
	return nil
}

// refRole says how an identifier occurrence uses its object.
type refRole uint8

const (
	roleName      refRole = iota // a plain name or selector member
	roleKey                      // a config key
	roleKeyword                  // a keyword argument name
	roleType                     // in a type annotation
	roleDecorator                // a decorator name
)

// ref is one identifier occurrence bound to an object.
type ref struct {
	pos, end syntax.Pos
	obj      *Object
	def      bool
	role     refRole
}

// hint is an inlay hint found by the walk.
type hint struct {
	pos   syntax.Pos
	label string
	kind  int // 1 type, 2 parameter
	edit  bool
}

// unresolved is a name that did not resolve.
type unresolved struct {
	id *ast.Ident
	sc *Scope
}

// fileResult is the resolution of one file.
type fileResult struct {
	fc         *fileCtx
	refs       []ref
	scopes     []*Scope
	configs    map[*ast.ConfigExpr]Type
	hints      []hint
	unresolved []unresolved
	// assigns lists the later assignments to an immutable global (for
	// ImmutableError): the second target ident and the object.
	reassigns []ref
}

// resolveFile resolves a file of the model (once) and returns its
// result; nil when the file is not part of the unit.
func (m *Model) resolveFile(path string) *fileResult {
	if r, ok := m.files[path]; ok {
		return r // nil while in progress: callers fall back to inference
	}
	_, fc := m.pkgOfFile(path)
	if fc == nil {
		return nil
	}
	m.files[path] = nil
	res := &fileResult{fc: fc, configs: map[*ast.ConfigExpr]Type{}}
	r := &resolver{m: m, fc: fc, res: res}
	fc.scope.start, fc.scope.end = fc.sf.AST.Pos(), fc.sf.AST.End()
	res.scopes = append(res.scopes, fc.scope)
	body := fc.sf.AST.Body
	for i, s := range body {
		n := len(res.scopes)
		r.stmt(s, fc.scope)
		next := fc.sf.AST.End()
		if i+1 < len(body) {
			next = body[i+1].Pos()
		}
		for _, sc := range res.scopes[n:] {
			if sc.kind == scopeSchema && sc.start == s.Pos() {
				sc.ext = next
			}
		}
	}
	sort.SliceStable(res.refs, func(i, j int) bool { return res.refs[i].pos < res.refs[j].pos })
	m.files[path] = res
	return res
}

// resolver walks a file. With res nil it only infers types (used for
// the types of declarations met before their file is walked).
type resolver struct {
	m   *Model
	fc  *fileCtx
	res *fileResult
}

func (r *resolver) record(id *ast.Ident, o *Object, def bool, role refRole) {
	if r.res == nil || id == nil || o == nil || id.Name == "" {
		return
	}
	r.res.refs = append(r.res.refs, ref{pos: id.Pos(), end: id.End(), obj: o, def: def, role: role})
}

func (r *resolver) newScope(parent *Scope, kind scopeKind, n ast.Node) *Scope {
	sc := &Scope{parent: parent, kind: kind, names: map[string]*Object{}}
	if n != nil {
		sc.start, sc.end = n.Pos(), n.End()
	}
	if r.res != nil {
		r.res.scopes = append(r.res.scopes, sc)
	}
	return sc
}

func (r *resolver) addHint(pos syntax.Pos, label string, kind int, edit bool) {
	if r.res != nil {
		r.res.hints = append(r.res.hints, hint{pos: pos, label: label, kind: kind, edit: edit})
	}
}

func (r *resolver) stmts(list []ast.Stmt, sc *Scope) {
	for _, s := range list {
		r.stmt(s, sc)
	}
}

func (r *resolver) stmt(s ast.Stmt, sc *Scope) {
	switch s := s.(type) {
	case *ast.ImportStmt:
		if o := r.fc.imports[s.Name()]; o != nil && o.Decl == s && r.res != nil {
			r.res.refs = append(r.res.refs, ref{pos: o.NamePos, end: o.NameEnd, obj: o, def: true})
		}
	case *ast.ExprStmt:
		r.expr(s.X, sc, nil)
	case *ast.AssignStmt:
		var expected Type
		if s.Type != nil {
			expected = r.typeExpr(s.Type, sc)
		}
		vt := r.expr(s.Value, sc, expected)
		for _, t := range s.Targets {
			r.assignTarget(t, sc, s, expected, vt)
		}
	case *ast.AugAssignStmt:
		r.expr(s.Value, sc, nil)
		r.expr(s.Target, sc, nil)
	case *ast.UnificationStmt:
		var vt Type = tAny
		if s.Value != nil {
			vt = r.expr(s.Value, sc, nil)
		}
		r.assignTarget(s.Target, sc, nil, nil, vt)
	case *ast.TypeAliasStmt:
		if s.Name != nil {
			if o := r.fc.pkg.names[s.Name.Name]; o != nil && o.NamePos == s.Name.Pos() {
				r.record(s.Name, o, true, roleName)
			}
		}
		r.typeExpr(s.Type, sc)
	case *ast.AssertStmt:
		r.expr(s.Test, sc, nil)
		r.optExpr(s.If, sc)
		r.optExpr(s.Msg, sc)
	case *ast.IfStmt:
		r.expr(s.Cond, sc, nil)
		r.stmts(s.Body, sc)
		if s.Else != nil {
			r.stmt(s.Else, sc)
		}
	case *ast.ElseStmt:
		r.stmts(s.Body, sc)
	case *ast.SchemaStmt:
		r.schemaStmt(s, sc)
	case *ast.RuleStmt:
		r.ruleStmt(s, sc)
	case *ast.SchemaAttr:
		r.schemaAttr(s, sc)
	case *ast.IndexSignature:
		r.indexSignature(s, sc)
	}
}

func (r *resolver) optExpr(x ast.Expr, sc *Scope) {
	if x != nil {
		r.expr(x, sc, nil)
	}
}

// assignTarget binds an assignment target: a new name (a definition,
// with a type hint when there is no annotation) or an existing one.
func (r *resolver) assignTarget(t ast.Expr, sc *Scope, assign *ast.AssignStmt, declared, vt Type) {
	id, ok := t.(*ast.Ident)
	if !ok {
		r.expr(t, sc, nil)
		return
	}
	typ := declared
	if typ == nil {
		typ = widen(vt)
	}
	// Find the scope that owns assignments here.
	owner := sc
	for owner.kind == scopeConfig || owner.kind == scopeComp || owner.kind == scopeQuant {
		owner = owner.parent
	}
	var o *Object
	def := false
	switch owner.kind {
	case scopeFile, scopePackage:
		o = r.fc.pkg.names[id.Name]
		def = o != nil && o.NamePos == id.Pos()
		if o != nil && !def && o.Kind == objVar && r.res != nil && !isPrivate(id.Name) {
			r.res.reassigns = append(r.res.reassigns, ref{pos: id.Pos(), end: id.End(), obj: o})
		}
	case scopeSchema:
		o = owner.names[id.Name]
		def = o != nil && o.NamePos == id.Pos()
	case scopeLambda:
		for s := sc; s != nil && s != owner.parent; s = s.parent {
			if x := s.names[id.Name]; x != nil {
				o = x
				break
			}
		}
		if o == nil {
			o = &Object{Kind: objLocal, Name: id.Name, Pkg: r.fc.pkg.path, File: r.fc.sf.Path, NamePos: id.Pos(), NameEnd: id.End(), Decl: assign, fc: r.fc, typ: typ}
			owner.names[id.Name] = o
			def = true
		}
	}
	if o == nil {
		return
	}
	if def && o.typ == nil && o.typeFn == nil {
		o.typ = typ
	}
	if def && o.Kind == objAttr && o.typ == nil {
		o.typ = typ
	}
	if def && o.Kind == objVar && o.typ == nil && !o.typing {
		o.typ = typ
	}
	r.record(id, o, def, roleName)
	if def && declared == nil && assign != nil {
		r.addHint(id.End(), ": "+typeStr(typ), 1, true)
	}
}

func isPrivate(name string) bool { return len(name) > 0 && name[0] == '_' }

func (r *resolver) decorators(ds []*ast.Decorator, sc *Scope) {
	for _, d := range ds {
		if d == nil {
			continue
		}
		x := d.X
		var call *ast.CallExpr
		if c, ok := x.(*ast.CallExpr); ok {
			call, x = c, c.Fun
		}
		id, ok := x.(*ast.Ident)
		if !ok {
			continue
		}
		o := decoratorObject(id.Name)
		r.record(id, o, false, roleDecorator)
		if call != nil {
			for _, a := range call.Args {
				r.expr(a, sc, nil)
			}
			for _, k := range call.Keywords {
				if k != nil {
					r.expr(k.Value, sc, nil)
				}
			}
		}
	}
}

func (r *resolver) params(ps []*ast.Param, objs []*Object, sc, inner *Scope) {
	for i, p := range ps {
		if p == nil {
			continue
		}
		if p.Type != nil {
			r.typeExpr(p.Type, sc)
		}
		if p.Default != nil {
			r.expr(p.Default, sc, nil)
		}
		if i < len(objs) && objs[i] != nil {
			r.record(p.Name, objs[i], true, roleName)
		}
	}
}

func (r *resolver) schemaStmt(s *ast.SchemaStmt, sc *Scope) {
	r.decorators(s.Decorators, sc)
	if s.Name == nil {
		return
	}
	o := r.fc.pkg.names[s.Name.Name]
	if o == nil || o.Decl != s {
		return // a duplicate definition
	}
	r.record(s.Name, o, true, roleName)
	info := o.schema
	r.m.resolveSchema(info)
	for _, x := range append([]ast.Expr{s.Parent, s.For}, s.Mixins...) {
		if x != nil {
			r.nameRef(x, sc, roleName)
		}
	}
	ssc := r.m.schemaScope(info, sc)
	ssc.start, ssc.end = s.Pos(), s.End()
	if r.res != nil {
		r.res.scopes = append(r.res.scopes, ssc)
	}
	r.params(s.Params, info.params, sc, ssc)
	r.stmts(s.Body, ssc)
	for _, c := range s.Checks {
		if c != nil {
			r.expr(c, ssc, nil)
		}
	}
}

func (r *resolver) ruleStmt(s *ast.RuleStmt, sc *Scope) {
	r.decorators(s.Decorators, sc)
	if s.Name == nil {
		return
	}
	o := r.fc.pkg.names[s.Name.Name]
	if o == nil || o.Decl != s {
		return
	}
	r.record(s.Name, o, true, roleName)
	info := o.schema
	r.m.resolveSchema(info)
	for _, x := range append([]ast.Expr{s.For}, s.Parents...) {
		if x != nil {
			r.nameRef(x, sc, roleName)
		}
	}
	rsc := r.m.schemaScope(info, sc)
	rsc.start, rsc.end = s.Pos(), s.End()
	if r.res != nil {
		r.res.scopes = append(r.res.scopes, rsc)
	}
	r.params(s.Params, info.params, sc, rsc)
	for _, c := range s.Checks {
		if c != nil {
			r.expr(c, rsc, nil)
		}
	}
}

func (r *resolver) schemaAttr(s *ast.SchemaAttr, sc *Scope) {
	r.decorators(s.Decorators, sc)
	var declared Type = tAny
	if s.Type != nil {
		declared = r.typeExpr(s.Type, sc)
	}
	var o *Object
	if sc.schema != nil {
		r.m.resolveSchema(sc.schema)
		switch n := s.Name.(type) {
		case *ast.Ident:
			o = sc.schema.attrIndex[n.Name]
			if o != nil {
				r.record(n, o, o.NamePos == n.Pos(), roleName)
			}
		case *ast.StringLit:
			o = sc.schema.attrIndex[n.Value()]
		}
	}
	if s.Value != nil {
		r.expr(s.Value, sc, declared)
	}
}

func (r *resolver) indexSignature(s *ast.IndexSignature, sc *Scope) {
	kt := r.typeExpr(s.KeyType, sc)
	vt := r.typeExpr(s.ValueType, sc)
	if s.KeyName != nil {
		o := &Object{Kind: objLocal, Name: s.KeyName.Name, Pkg: r.fc.pkg.path, File: r.fc.sf.Path, NamePos: s.KeyName.Pos(), NameEnd: s.KeyName.End(), Decl: s, fc: r.fc, typ: kt}
		sc.names[s.KeyName.Name] = o
		r.record(s.KeyName, o, true, roleName)
	}
	if s.Value != nil {
		r.expr(s.Value, sc, vt)
	}
}

// nameRef records the references of a name or pkg.name expression.
func (r *resolver) nameRef(x ast.Expr, sc *Scope, role refRole) *Object {
	switch x := x.(type) {
	case *ast.Ident:
		o := sc.lookup(x.Name)
		if o == nil {
			r.noteUnresolved(x, sc)
			return nil
		}
		r.record(x, o, false, role)
		return o
	case *ast.SelectorExpr:
		base := r.nameRef(x.X, sc, roleName)
		if base == nil {
			return nil
		}
		o := r.m.member(r.m.typeOf(base), x.Sel.Name)
		r.record(x.Sel, o, false, role)
		return o
	}
	return nil
}

func (r *resolver) noteUnresolved(id *ast.Ident, sc *Scope) {
	if r.res != nil && id != nil && id.Name != "" {
		r.res.unresolved = append(r.res.unresolved, unresolved{id: id, sc: sc})
	}
}

// typeExpr records the references of a type annotation and evaluates it.
func (r *resolver) typeExpr(t ast.Type, sc *Scope) Type {
	if t == nil {
		return tAny
	}
	ast.Inspect(t, func(n ast.Node) bool {
		nt, ok := n.(*ast.NamedType)
		if !ok {
			return n != nil
		}
		if id, ok := nt.Name.(*ast.Ident); ok {
			switch id.Name {
			case "bool", "int", "float", "str":
				return false
			case "any":
				r.record(id, anyTypeObject, false, roleType)
				return false
			}
		}
		r.nameRef(nt.Name, sc, roleType)
		return false
	})
	return r.m.evalType(r.fc, sc, t)
}

// expr walks an expression, recording references, and returns its type.
// expected is the type the context wants (it guides configs).
func (r *resolver) expr(x ast.Expr, sc *Scope, expected Type) Type {
	switch x := x.(type) {
	case nil:
		return tAny
	case *ast.Ident:
		o := sc.lookup(x.Name)
		if o == nil {
			r.noteUnresolved(x, sc)
			return tAny
		}
		r.record(x, o, false, roleName)
		return r.m.typeOf(o)
	case *ast.BasicLit, *ast.StringLit, *ast.NameConstant:
		return literalType(x)
	case *ast.JoinedString:
		for _, p := range x.Parts {
			if fv, ok := p.(*ast.FormattedValue); ok {
				r.expr(fv.X, sc, nil)
			}
		}
		return tStr
	case *ast.FormattedValue:
		r.expr(x.X, sc, nil)
		return tStr
	case *ast.ParenExpr:
		return r.expr(x.X, sc, expected)
	case *ast.SelectorExpr:
		t := r.expr(x.X, sc, nil)
		o := r.m.member(t, x.Sel.Name)
		if o == nil {
			return tAny
		}
		r.record(x.Sel, o, false, roleName)
		return r.m.typeOf(o)
	case *ast.IndexExpr:
		t := r.expr(x.X, sc, nil)
		r.expr(x.Index, sc, nil)
		switch t := t.(type) {
		case *listType:
			return t.elem
		case *dictType:
			return t.val
		}
		if isStr(t) {
			return tStr
		}
		return tAny
	case *ast.SliceExpr:
		t := r.expr(x.X, sc, nil)
		r.optExpr(x.Lo, sc)
		r.optExpr(x.Hi, sc)
		r.optExpr(x.Step, sc)
		return widen(t)
	case *ast.CallExpr:
		return r.call(x, sc)
	case *ast.UnaryExpr:
		t := r.expr(x.X, sc, nil)
		if x.Op == syntax.NOT {
			return tBool
		}
		return widen(t)
	case *ast.BinaryExpr:
		return r.binary(x, sc, expected)
	case *ast.CompareExpr:
		r.expr(x.X, sc, nil)
		for _, op := range x.Ops {
			r.expr(op.Y, sc, nil)
		}
		return tBool
	case *ast.AsExpr:
		r.expr(x.X, sc, nil)
		return r.typeExpr(x.Type, sc)
	case *ast.IfExpr:
		r.expr(x.Cond, sc, nil)
		a := r.expr(x.Body, sc, expected)
		b := r.expr(x.Else, sc, expected)
		return unionOf(a, b)
	case *ast.ListExpr:
		var elemExpected Type
		if lt, ok := expected.(*listType); ok {
			elemExpected = lt.elem
		}
		var elts []Type
		r.listElts(x.Elts, sc, elemExpected, &elts)
		if len(elts) == 0 {
			if lt, ok := expected.(*listType); ok {
				return lt
			}
			return &listType{elem: tAny}
		}
		return &listType{elem: widen(unionOf(elts...))}
	case *ast.StarredExpr:
		return r.expr(x.X, sc, nil)
	case *ast.ListIfItem, *ast.ListElse:
		var elts []Type
		r.listElts([]ast.Expr{x}, sc, nil, &elts)
		return unionOf(elts...)
	case *ast.ListComp:
		csc := r.newScope(sc, scopeComp, x)
		r.generators(x.Generators, sc, csc)
		var elemExpected Type
		if lt, ok := expected.(*listType); ok {
			elemExpected = lt.elem
		}
		t := r.expr(x.Elt, csc, elemExpected)
		return &listType{elem: widen(t)}
	case *ast.DictComp:
		csc := r.newScope(sc, scopeComp, x)
		r.generators(x.Generators, sc, csc)
		if x.Entry != nil {
			k := r.expr(x.Entry.Key, csc, nil)
			v := r.expr(x.Entry.Value, csc, nil)
			return &dictType{key: widen(k), val: widen(v)}
		}
		return &dictType{key: tAny, val: tAny}
	case *ast.ConfigExpr:
		return r.config(x, sc, expected, nil)
	case *ast.ConfigIfEntry, *ast.ConfigElse:
		return tAny
	case *ast.SchemaExpr:
		return r.schemaExpr(x, sc)
	case *ast.QuantExpr:
		t := r.expr(x.Target, sc, nil)
		qsc := r.newScope(sc, scopeQuant, x)
		r.bindTargets(x.Vars, t, qsc)
		tt := r.expr(x.Test, qsc, nil)
		r.optExpr(x.IfCond, qsc)
		switch x.Op {
		case syntax.ALL, syntax.ANY:
			return tBool
		case syntax.MAP:
			return &listType{elem: widen(tt)}
		case syntax.FILTER:
			return widen(t)
		}
		return tAny
	case *ast.LambdaExpr:
		return r.lambda(x, sc)
	case *ast.CheckExpr:
		r.expr(x.Test, sc, nil)
		r.optExpr(x.If, sc)
		r.optExpr(x.Msg, sc)
		return tBool
	case *ast.BadExpr:
		return tAny
	}
	return tAny
}

func (r *resolver) listElts(list []ast.Expr, sc *Scope, expected Type, out *[]Type) {
	for _, e := range list {
		switch e := e.(type) {
		case *ast.ListIfItem:
			r.expr(e.Cond, sc, nil)
			r.listElts(e.Elts, sc, expected, out)
			if e.Else != nil {
				r.listElts([]ast.Expr{e.Else}, sc, expected, out)
			}
		case *ast.ListElse:
			r.listElts(e.Elts, sc, expected, out)
		case *ast.StarredExpr:
			*out = append(*out, elemType(r.expr(e.X, sc, nil)))
		default:
			*out = append(*out, r.expr(e, sc, expected))
		}
	}
}

// generators walks comprehension clauses: the first iterable in the
// enclosing scope, the rest (and every condition) in the comprehension's.
func (r *resolver) generators(gs []*ast.CompClause, outer, csc *Scope) {
	for i, g := range gs {
		if g == nil {
			continue
		}
		isc := csc
		if i == 0 {
			isc = outer
		}
		t := r.expr(g.Iter, isc, nil)
		r.bindTargets(g.Targets, t, csc)
		for _, c := range g.Ifs {
			r.expr(c, csc, nil)
		}
	}
}

// bindTargets defines loop variables over a value of type t: one
// variable gets the elements (keys of a dict), two get index and element
// (key and value).
func (r *resolver) bindTargets(ids []*ast.Ident, t Type, sc *Scope) {
	types := make([]Type, len(ids))
	switch len(ids) {
	case 1:
		types[0] = elemType(t)
	case 2:
		if d, ok := t.(*dictType); ok {
			types[0], types[1] = d.key, d.val
		} else {
			types[0], types[1] = tInt, elemType(t)
		}
	}
	for i, id := range ids {
		if id == nil || id.Name == "" {
			continue
		}
		typ := types[i]
		if typ == nil {
			typ = tAny
		}
		o := &Object{Kind: objLocal, Name: id.Name, Pkg: r.fc.pkg.path, File: r.fc.sf.Path, NamePos: id.Pos(), NameEnd: id.End(), fc: r.fc, typ: widen(typ)}
		sc.names[id.Name] = o
		r.record(id, o, true, roleName)
	}
}

func (r *resolver) binary(x *ast.BinaryExpr, sc *Scope, expected Type) Type {
	a := r.expr(x.X, sc, expected)
	b := r.expr(x.Y, sc, expected)
	switch x.Op {
	case syntax.AND, syntax.OR:
		return unionOf(widen(a), widen(b))
	case syntax.IN, syntax.NOT_IN, syntax.IS, syntax.IS_NOT, syntax.EQL, syntax.NEQ, syntax.LSS, syntax.LEQ, syntax.GTR, syntax.GEQ:
		return tBool
	case syntax.OR_BIT:
		if len(schemasOf(a)) > 0 {
			return a
		}
		if _, ok := a.(*dictType); ok {
			return widen(a)
		}
	}
	wa, wb := widen(a), widen(b)
	switch {
	case wa == tInt && wb == tInt:
		if x.Op == syntax.QUO {
			return tFloat
		}
		return tInt
	case (wa == tInt || wa == tFloat) && (wb == tInt || wb == tFloat):
		return tFloat
	case isStr(wa) && isStr(wb) && x.Op == syntax.ADD:
		return tStr
	case isStr(wa) && x.Op == syntax.REM:
		return tStr
	}
	if la, ok := wa.(*listType); ok && x.Op == syntax.ADD {
		if lb, ok := wb.(*listType); ok {
			return &listType{elem: unionOf(la.elem, lb.elem)}
		}
		return la
	}
	return tAny
}

// call walks a call: the callee, arguments checked against the
// parameters (with parameter-name hints) and returns the result type.
func (r *resolver) call(x *ast.CallExpr, sc *Scope) Type {
	ft := r.expr(x.Fun, sc, nil)
	switch t := ft.(type) {
	case *funcType:
		r.arguments(x.Args, x.Keywords, t.params, t.variadic, sc)
		if t.ret == nil {
			return tAny
		}
		return t.ret
	case *schemaType:
		if t.info != nil && !t.instance {
			r.m.resolveSchema(t.info)
			r.arguments(x.Args, x.Keywords, paramsOf(r.m, t.info.params), false, sc)
			return &schemaType{info: t.info, instance: true}
		}
	}
	for _, a := range x.Args {
		r.expr(a, sc, nil)
	}
	for _, k := range x.Keywords {
		if k != nil {
			r.expr(k.Value, sc, nil)
		}
	}
	return tAny
}

// paramsOf turns parameter objects into function parameters.
func paramsOf(m *Model, objs []*Object) []funcParam {
	out := make([]funcParam, len(objs))
	for i, o := range objs {
		p := funcParam{name: o.Name, typ: m.typeOf(o), obj: o}
		if ap, ok := o.Decl.(*ast.Param); ok && ap.Default != nil {
			p.optional = true
		}
		out[i] = p
	}
	return out
}

func (r *resolver) arguments(args []ast.Expr, kws []*ast.Keyword, params []funcParam, variadic bool, sc *Scope) {
	for i, a := range args {
		var expected Type
		if i < len(params) && !(variadic && i == len(params)-1) {
			p := params[i]
			expected = p.typ
			if p.name != "" {
				if id, ok := a.(*ast.Ident); !ok || id.Name != p.name {
					r.addHint(a.Pos(), p.name+": ", 2, false)
				}
			}
		}
		r.expr(a, sc, expected)
	}
	for _, k := range kws {
		if k == nil {
			continue
		}
		var expected Type
		for _, p := range params {
			if k.Name != nil && p.name == k.Name.Name {
				expected = p.typ
				if p.obj != nil {
					r.record(k.Name, p.obj, false, roleKeyword)
				}
			}
		}
		r.expr(k.Value, sc, expected)
	}
}

func (r *resolver) schemaExpr(x *ast.SchemaExpr, sc *Scope) Type {
	o := r.nameRef(x.Name, sc, roleName)
	var info *schemaInfo
	if o != nil && (o.Kind == objSchema || o.Kind == objRule) {
		info = o.schema
	}
	var result Type = tAny
	if info != nil {
		r.m.resolveSchema(info)
		r.arguments(x.Args, x.Keywords, paramsOf(r.m, info.params), false, sc)
		result = &schemaType{info: info, instance: true}
	} else {
		r.arguments(x.Args, x.Keywords, nil, false, sc)
	}
	if x.Config != nil {
		if info != nil {
			r.config(x.Config, sc, result, result)
		} else {
			r.config(x.Config, sc, nil, nil)
		}
	}
	return result
}

func (r *resolver) lambda(x *ast.LambdaExpr, sc *Scope) Type {
	lsc := r.newScope(sc, scopeLambda, x)
	ft := &funcType{}
	for _, p := range x.Params {
		if p == nil || p.Name == nil {
			continue
		}
		var t Type = tAny
		if p.Type != nil {
			t = r.typeExpr(p.Type, sc)
		}
		if p.Default != nil {
			r.expr(p.Default, sc, t)
		}
		o := &Object{Kind: objParam, Name: p.Name.Name, Pkg: r.fc.pkg.path, File: r.fc.sf.Path, NamePos: p.Name.Pos(), NameEnd: p.Name.End(), Decl: p, fc: r.fc, typ: t}
		lsc.names[p.Name.Name] = o
		r.record(p.Name, o, true, roleName)
		fp := funcParam{name: p.Name.Name, typ: t, optional: p.Default != nil, obj: o}
		if p.Default != nil {
			fp.def = exprSource(r.fc, p.Default)
		}
		ft.params = append(ft.params, fp)
	}
	var declared Type
	if x.Ret != nil {
		declared = r.typeExpr(x.Ret, sc)
	}
	var last Type
	for i, s := range x.Body {
		if es, ok := s.(*ast.ExprStmt); ok && i == len(x.Body)-1 {
			last = r.expr(es.X, lsc, declared)
			continue
		}
		r.stmt(s, lsc)
	}
	switch {
	case declared != nil:
		ft.ret = declared
	case last != nil:
		ft.ret = widen(last)
	default:
		ft.ret = tAny
	}
	return ft
}

// config walks a config literal. expected is the type the context
// wants; force, when set, is the schema the literal instantiates.
func (r *resolver) config(c *ast.ConfigExpr, sc *Scope, expected Type, force Type) Type {
	chosen := force
	if chosen == nil {
		chosen = r.chooseConfigType(c, expected)
	}
	if r.res != nil && chosen != nil {
		r.res.configs[c] = chosen
	}
	csc := r.newScope(sc, scopeConfig, c)
	var attrs []dictAttr
	r.entries(c.Entries, csc, chosen, &attrs)
	if len(schemasOf(chosen)) > 0 {
		if st, ok := chosen.(*schemaType); ok {
			return st
		}
		return schemaTypeOf(schemasOf(chosen)[0])
	}
	vals := make([]Type, 0, len(attrs))
	for _, a := range attrs {
		vals = append(vals, a.typ)
	}
	var val Type = tAny
	if len(vals) > 0 {
		val = widen(unionOf(vals...))
	}
	return &dictType{key: tStr, val: val, attrs: attrs}
}

func schemaTypeOf(s *schemaInfo) Type { return &schemaType{info: s, instance: true} }

// configKeys returns the keys a config literal sets (identifiers, the
// first segment of dotted keys, string keys), if-entries included.
func configKeys(entries []*ast.ConfigEntry) []string {
	var keys []string
	for _, e := range entries {
		if e == nil {
			continue
		}
		switch k := e.Key.(type) {
		case *ast.Ident:
			keys = append(keys, k.Name)
		case *ast.StringLit:
			keys = append(keys, "\x00"+k.Value())
		case *ast.SelectorExpr:
			for x := ast.Expr(k); ; {
				if s, ok := x.(*ast.SelectorExpr); ok {
					x = s.X
					continue
				}
				if id, ok := x.(*ast.Ident); ok {
					keys = append(keys, id.Name)
				}
				break
			}
		case nil:
			if ie, ok := e.Value.(*ast.ConfigIfEntry); ok {
				for x := ast.Expr(ie); x != nil; {
					switch b := x.(type) {
					case *ast.ConfigIfEntry:
						keys = append(keys, configKeys(b.Entries)...)
						x = b.Else
						continue
					case *ast.ConfigElse:
						keys = append(keys, configKeys(b.Entries)...)
					}
					break
				}
			}
		}
	}
	return keys
}

// chooseConfigType picks what a config literal builds from the expected
// type: the first schema of a union that accepts every key, else the
// dictionaries' value types, else the schemas as they are.
func (r *resolver) chooseConfigType(c *ast.ConfigExpr, expected Type) Type {
	if expected == nil {
		return nil
	}
	var members []Type
	if u, ok := expected.(*unionType); ok {
		members = u.types
	} else {
		members = []Type{expected}
	}
	keys := configKeys(c.Entries)
	var schemas []*schemaInfo
	var dicts []*dictType
	for _, t := range members {
		switch t := t.(type) {
		case *schemaType:
			if t.info != nil {
				schemas = append(schemas, t.info)
			}
		case *dictType:
			dicts = append(dicts, t)
		}
	}
	for _, s := range schemas {
		if r.accepts(s, keys) {
			return schemaTypeOf(s)
		}
	}
	if len(dicts) > 0 {
		keyTypes := make([]Type, len(dicts))
		valTypes := make([]Type, len(dicts))
		for i, d := range dicts {
			keyTypes[i], valTypes[i] = d.key, d.val
		}
		return &dictType{key: unionOf(keyTypes...), val: unionOf(valTypes...)}
	}
	switch len(schemas) {
	case 0:
		return nil
	case 1:
		return schemaTypeOf(schemas[0])
	}
	ts := make([]Type, len(schemas))
	for i, s := range schemas {
		ts[i] = schemaTypeOf(s)
	}
	return &unionType{types: ts}
}

func (r *resolver) accepts(s *schemaInfo, keys []string) bool {
	idx := r.m.indexSignature(s) != nil
	for _, k := range keys {
		if len(k) > 0 && k[0] == 0 {
			if idx || r.m.attr(s, k[1:]) != nil {
				continue
			}
			return false
		}
		if r.m.attr(s, k) == nil && !idx {
			return false
		}
	}
	return true
}

func (r *resolver) entries(list []*ast.ConfigEntry, csc *Scope, chosen Type, attrs *[]dictAttr) {
	for _, e := range list {
		if e == nil {
			continue
		}
		if e.Key == nil {
			switch v := e.Value.(type) {
			case *ast.ConfigIfEntry:
				r.configIf(v, csc, chosen, attrs)
			default:
				r.expr(e.Value, csc, nil)
			}
			continue
		}
		attr, valExpected, ids := r.configKey(e.Key, chosen, csc)
		vt := r.expr(e.Value, csc, valExpected)
		if len(ids) > 0 {
			first := ids[0]
			o := &Object{Kind: objLocal, Name: first.Name, Pkg: r.fc.pkg.path, File: r.fc.sf.Path, NamePos: first.Pos(), NameEnd: first.End(), Decl: e, fc: r.fc, typ: widen(vt)}
			if len(ids) == 1 {
				if attr == nil {
					r.record(first, o, true, roleKey)
				}
				*attrs = append(*attrs, dictAttr{name: first.Name, typ: widen(vt), obj: o})
			}
			if csc.names[first.Name] == nil {
				csc.names[first.Name] = o
			}
			if attr != nil && len(ids) == 1 && attr.Kind == objAttr {
				r.addHint(first.End(), ": "+typeStr(r.m.typeOf(attr)), 1, false)
			}
		} else if s, ok := e.Key.(*ast.StringLit); ok {
			*attrs = append(*attrs, dictAttr{name: s.Value(), typ: widen(vt)})
		}
	}
}

func (r *resolver) configIf(e *ast.ConfigIfEntry, csc *Scope, chosen Type, attrs *[]dictAttr) {
	r.expr(e.Cond, csc, nil)
	r.entries(e.Entries, csc, chosen, attrs)
	switch x := e.Else.(type) {
	case *ast.ConfigIfEntry:
		r.configIf(x, csc, chosen, attrs)
	case *ast.ConfigElse:
		r.entries(x.Entries, csc, chosen, attrs)
	}
}

// configKey resolves a config key against the literal's type: the
// attribute it sets, the type its value should have and the identifiers
// of the key path.
func (r *resolver) configKey(key ast.Expr, chosen Type, csc *Scope) (*Object, Type, []*ast.Ident) {
	var ids []*ast.Ident
	for x := key; ; {
		switch k := x.(type) {
		case *ast.Ident:
			ids = append([]*ast.Ident{k}, ids...)
		case *ast.SelectorExpr:
			ids = append([]*ast.Ident{k.Sel}, ids...)
			x = k.X
			continue
		case *ast.StringLit:
			if chosen != nil {
				if o := r.m.member(chosen, k.Value()); o != nil {
					return o, r.m.typeOf(o), nil
				}
				if d, ok := chosen.(*dictType); ok {
					return nil, d.val, nil
				}
			}
			return nil, nil, nil
		default:
			r.expr(key, csc, nil)
			return nil, nil, nil
		}
		break
	}
	t := chosen
	var attr *Object
	for _, id := range ids {
		if t == nil {
			return nil, nil, ids
		}
		if d, ok := t.(*dictType); ok && len(d.attrs) == 0 {
			t = d.val
			attr = nil
			continue
		}
		attr = r.m.member(t, id.Name)
		if attr == nil {
			return nil, nil, ids
		}
		r.record(id, attr, false, roleKey)
		t = r.m.typeOf(attr)
	}
	return attr, t, ids
}

// exprSource returns the source text of a node of the file.
func exprSource(fc *fileCtx, n ast.Node) string {
	if fc == nil || fc.tok == nil || n == nil {
		return ""
	}
	s, e := fc.tok.Offset(n.Pos()), fc.tok.Offset(n.End())
	src := fc.sf.Src
	if s < 0 || e > len(src) || s > e {
		return ""
	}
	return string(src[s:e])
}

var _ = loader.MainPkg
