package sema

import (
	"strings"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/syntax"
	"github.com/kclx-dev/kclx/kcl/types"
)

// expr checks x and records and returns its type.
func (c *checker) expr(x ast.Expr) *types.Type {
	if x == nil {
		return types.Any
	}
	c.depth++
	defer func() { c.depth-- }()
	if c.depth > maxDepth {
		return types.Any
	}
	t := c.expr0(x)
	if t == nil {
		t = types.Any
	}
	c.info.Types[x] = t
	return t
}

func (c *checker) exprs(xs []ast.Expr) []*types.Type {
	out := make([]*types.Type, len(xs))
	for i, x := range xs {
		out[i] = c.expr(x)
	}
	return out
}

func (c *checker) expr0(x ast.Expr) *types.Type {
	switch x := x.(type) {
	case *ast.BadExpr:
		return types.Any
	case *ast.Ident:
		return c.identLoad(x)
	case *ast.BasicLit:
		t := numberLitType(x)
		if t.IsNumberMultiplier() && x.Kind == syntax.FLOAT {
			c.compileError(x, "float-unit", "float literal can not be followed the unit suffix")
		}
		return t
	case *ast.StringLit:
		return types.StrLitOf(x.Value())
	case *ast.JoinedString:
		saved := c.lValue
		c.lValue = false
		for _, p := range x.Parts {
			c.expr(p)
		}
		c.lValue = saved
		return types.Str
	case *ast.FormattedValue:
		if x.Spec != "" {
			switch strings.ToLower(x.Spec) {
			case "#json", "#yaml":
			default:
				c.compileError(x.X, "format-spec", "%s is a invalid format spec", x.Spec)
			}
		}
		return c.expr(x.X)
	case *ast.NameConstant:
		switch x.Value {
		case syntax.TRUE:
			return types.BoolLitOf(true)
		case syntax.FALSE:
			return types.BoolLitOf(false)
		}
		return types.None
	case *ast.ParenExpr:
		return c.expr(x.X)
	case *ast.SelectorExpr:
		return c.selector(x)
	case *ast.IndexExpr:
		return c.index(x)
	case *ast.SliceExpr:
		return c.slice(x)
	case *ast.CallExpr:
		return c.call(x)
	case *ast.UnaryExpr:
		t := c.expr(x.X)
		return c.unary(t, x.Op, x.X)
	case *ast.BinaryExpr:
		l := c.expr(x.X)
		r := c.expr(x.Y)
		if x.Op.IsCompare() || x.Op == syntax.NOT {
			c.compare(l, r, x.Op, x)
			return types.Bool
		}
		return c.binary(l, r, x.Op, x)
	case *ast.CompareExpr:
		return c.compareChain(x)
	case *ast.AsExpr:
		l := c.expr(x.X)
		r := c.resolveTypeExpr(x.Type)
		if r.IsSchema() {
			r = r.InstanceOf()
		}
		if !types.HasAny(types.LiteralUnionToVariable(l), r) && !types.IsUpperBound(types.InferToVariable(l), r) {
			c.typeError(x, "type-conversion", "Conversion of type '%s' to type '%s' may be a mistake because neither type sufficiently overlaps with the other", l, r)
		}
		return r
	case *ast.IfExpr:
		c.expr(x.Cond)
		b := c.expr(x.Body)
		e := c.expr(x.Else)
		return types.Sup(b, e)
	case *ast.ListExpr:
		n := c.switchListCtx()
		item := types.Sup(c.exprs(x.Elts)...)
		c.popCfg(n)
		return types.ListOf(item)
	case *ast.ListIfItem:
		c.expr(x.Cond)
		orElse := types.Any
		if x.Else != nil {
			orElse = c.expr(x.Else)
			if orElse.IsList() {
				orElse = orElse.ListElem()
			}
		}
		return types.Sup(orElse, types.Sup(c.exprs(x.Elts)...))
	case *ast.ListElse:
		return types.ListOf(types.Sup(c.exprs(x.Elts)...))
	case *ast.StarredExpr:
		return c.starred(x)
	case *ast.ListComp:
		n := c.switchListCtx()
		c.enterScope(ScopeLoop, x)
		for _, cc := range x.Generators {
			c.compClause(cc)
		}
		if _, ok := x.Elt.(*ast.StarredExpr); ok {
			c.compileError(x.Elt, "comp-unpack", "list unpacking cannot be used in list comprehension")
		}
		item := c.expr(x.Elt)
		c.leaveScope()
		c.popCfg(n)
		return types.ListOf(item)
	case *ast.DictComp:
		return c.dictComp(x)
	case *ast.ConfigExpr:
		return c.configEntries(x.Entries, x)
	case *ast.ConfigIfEntry:
		c.expr(x.Cond)
		d := c.configEntries(x.Entries, x)
		if x.Else != nil {
			return types.Sup(d, c.expr(x.Else))
		}
		return d
	case *ast.ConfigElse:
		return c.configEntries(x.Entries, x)
	case *ast.SchemaExpr:
		return c.schemaExpr(x)
	case *ast.QuantExpr:
		return c.quant(x)
	case *ast.LambdaExpr:
		return c.lambda(x)
	case *ast.CheckExpr:
		return c.checkExpr(x)
	}
	return types.Any
}

// ----------------------------------------------------------------------------
// Names

// identLoad resolves a name read in an expression.
func (c *checker) identLoad(id *ast.Ident) *types.Type {
	name := id.Name
	if c.schema != nil {
		var ty *types.Type
		attr := c.schema.AttrOf(name)
		if attr != nil {
			ty = attr.Type
		}
		obj := c.scope.Lookup(name)
		if c.isLocalVar(name) {
			if obj != nil {
				c.info.Uses[id] = obj
				return obj.Type
			}
			return types.Any
		}
		if attr != nil && attr.Pos.IsValid() && c.schemaLocal(name) == nil {
			// An attribute of a base or protocol the body does not set:
			// the name denotes it, whatever the package may define.
			defer func() { c.info.Uses[id] = c.attrObject(attr, ownerOf(c.schema, attr)) }()
		}
		if ty != nil && !ty.IsAny() {
			if obj != nil {
				c.info.Uses[id] = obj
			}
			return ty
		}
		if ty == nil && !c.schema.IsMixin {
			for _, m := range c.schema.Mixins {
				if a := m.AttrOf(name); a != nil {
					c.info.Uses[id] = c.attrObject(a, m)
					return a.Type
				}
			}
		}
		if ty == nil && obj == nil && !c.schema.IsMixin && !c.schema.IsRule {
			return c.lookupName(id)
		}
		if obj != nil {
			c.info.Uses[id] = obj
			return obj.Type
		}
		return types.Any
	}
	return c.lookupName(id)
}

// schemaLocal looks name up in the scopes up to the schema body's.
func (c *checker) schemaLocal(name string) *Object {
	for sc, d := c.scope, 0; sc != nil && d < 10000; sc, d = sc.Parent, d+1 {
		if o := sc.LookupLocal(name); o != nil {
			return o
		}
		if sc.Kind == ScopeSchema {
			break
		}
	}
	return nil
}

// ownerOf returns the schema among s, its bases, protocols and mixins
// whose own attributes hold a (s when none does).
func ownerOf(s *types.Schema, a *types.Attr) *types.Schema {
	seen := map[*types.Schema]bool{}
	var find func(x *types.Schema, depth int) *types.Schema
	find = func(x *types.Schema, depth int) *types.Schema {
		if x == nil || seen[x] || depth > 64 {
			return nil
		}
		seen[x] = true
		if x.Attrs.Get(a.Name) == a {
			return x
		}
		for _, next := range append([]*types.Schema{x.Base, x.Protocol}, x.Mixins...) {
			if o := find(next, depth+1); o != nil {
				return o
			}
		}
		return nil
	}
	if o := find(s, 0); o != nil {
		return o
	}
	return s
}

// identStore resolves a name assigned to (a single-name target).
func (c *checker) identStore(id *ast.Ident) *types.Type {
	name := id.Name
	c.info.Writes[id] = true
	if c.schema != nil {
		var ty *types.Type
		if a := c.schema.AttrOf(name); a != nil {
			ty = a.Type
		}
		if !c.containsObject(name) || ty == nil {
			if !c.containsObject(name) {
				o := &Object{Name: name, Kind: ObjVar, Type: types.Any, PkgPath: c.pkg.PkgPath, Pos: id.Pos(), End: id.End()}
				c.insert(o)
				c.info.Defs[id] = o
			} else {
				c.storeLocal(id)
			}
			if ty == nil {
				c.schemaSetAttr(name, types.Any)
			}
			return types.Any
		}
		c.storeLocal(id)
		return ty
	}
	if !c.containsObject(name) {
		o := &Object{Name: name, Kind: ObjVar, Type: types.Any, PkgPath: c.pkg.PkgPath, Pos: id.Pos(), End: id.End()}
		c.insert(o)
		c.info.Defs[id] = o
		return types.Any
	}
	return c.lookupName(id)
}

// storeLocal records an assignment to a name of the current scope. The
// schema body's names are declared before the body is checked, without
// a position; the first assignment to one is its definition.
func (c *checker) storeLocal(id *ast.Ident) {
	o := c.scope.LookupLocal(id.Name)
	if o == nil {
		return
	}
	if o.Kind == ObjVar && !o.Pos.IsValid() && o.PkgPath == c.pkg.PkgPath {
		o.Pos, o.End = id.Pos(), id.End()
		c.info.Defs[id] = o
		return
	}
	c.info.Uses[id] = o
}

// lookupName looks a name up in scope, reporting it when undefined.
func (c *checker) lookupName(id *ast.Ident) *types.Type {
	obj := c.scope.Lookup(id.Name)
	if obj == nil {
		msg := "name '" + id.Name + "' is not defined"
		if s := suggest(id.Name, c.scope.AllNames()); len(s) > 0 {
			msg += ", did you mean '" + debugList(s) + "'?"
		}
		c.compileError(id, "undefined-name", "%s", msg)
		return types.Any
	}
	if _, isDef := c.info.Defs[id]; !isDef || c.info.Defs[id] != obj {
		c.info.Uses[id] = obj
	}
	if obj.Kind == ObjModule {
		c.markModuleUsed(obj)
	}
	return obj.Type
}

// isModuleRef reports whether identifier id, used as the X of a
// selector, names an imported module of the current file (and is not
// shadowed by a local or global variable).
func (c *checker) moduleRef(id *ast.Ident) *Object {
	o := c.moduleObject(id.Name)
	if o == nil {
		return nil
	}
	if c.isLocalVar(id.Name) {
		return nil
	}
	for sc := c.scope; sc != nil && sc != c.pkgScope; sc = sc.Parent {
		if sc.LookupLocal(id.Name) != nil {
			return nil
		}
	}
	if g := c.pkgScope.LookupLocal(id.Name); g != nil && g.Kind == ObjVar {
		return nil
	}
	return o
}

// ----------------------------------------------------------------------------
// Selectors, subscripts, calls

func (c *checker) selector(x *ast.SelectorExpr) *types.Type {
	var vt *types.Type
	if id, ok := x.X.(*ast.Ident); ok {
		if mo := c.moduleRef(id); mo != nil {
			c.info.Uses[id] = mo
			c.markModuleUsed(mo)
			vt = mo.Type
			c.info.Types[id] = vt
			if c.lValue {
				c.compileError(x, "module-assign", "only schema and dict object can be updated attribute")
			}
		}
	}
	if vt == nil {
		saved := c.lValue
		c.lValue = false
		vt = c.expr(x.X)
		c.lValue = saved
	}
	if vt.IsModule() && x.Optional {
		c.compileError(x.X, "module-optional", "For the module type, the use of '?.%s' is unnecessary and it can be modified as '.%s'", x.Sel.Name, x.Sel.Name)
	}
	return c.loadAttr(vt, x.Sel.Name, x.Sel)
}

// loadAttr returns the type of attribute attr of a value of type t.
func (c *checker) loadAttr(t *types.Type, attr string, at *ast.Ident) *types.Type {
	ok, ret := true, types.Any
	switch t.Kind {
	case types.KAny, types.KUnion:
	case types.KStr, types.KStrLit:
		if f := types.StringMethods().M[attr]; f != nil {
			ret = f
		} else {
			ok = false
		}
	case types.KDict:
		if a := t.Attrs.Get(attr); a != nil {
			ret = a.Type
		} else {
			ret = t.DictVal()
		}
	case types.KSchema:
		s := t.Schema
		if a := s.AttrOf(attr); a != nil {
			ret = a.Type
			if at != nil {
				c.info.Uses[at] = c.attrObject(a, s)
			}
		} else if s.IsMixin || s.Index != nil || schemaHasIndex(s) && false {
			ret = types.Any
		} else if !t.Instance && types.SchemaMembers().M[attr] != nil {
			ret = types.SchemaMembers().M[attr]
		} else {
			ok = false
		}
	case types.KModule:
		m := t.Module
		switch m.Kind {
		case types.ModUser:
			in := c.g.res.Infos[m.PkgPath]
			if in == nil {
				break
			}
			o := in.Scope.LookupLocal(attr)
			if o == nil || o.Kind == ObjModule && o.Name != attr {
				ok = false
				break
			}
			if o.Kind == ObjModule {
				c.compileError(at, "module-attr", "can not import the attribute '%s' from the module '%s'", attr, m.PkgPath)
			}
			if at != nil {
				c.info.Uses[at] = o
			}
			ret = o.Type
		case types.ModSystem:
			ret, ok = types.SystemModuleMember(m.PkgPath, attr)
		}
	default:
		ok = false
	}
	if !ok {
		name, sugg := attr, ""
		if attr == "" {
			name = "[missing name]"
		} else if t.IsSchema() {
			var cands []string
			if t.Instance {
				cands = t.Schema.Attrs.Names()
			} else {
				cands = types.SchemaMembers().Names
			}
			if s := suggest(attr, cands); len(s) > 0 {
				sugg = ", did you mean '" + debugList(s) + "'?"
			}
		}
		var node ast.Node
		if at != nil {
			node = at
		}
		c.typeError(node, "attribute-not-found", "attribute '%s' not found in '%s'%s", name, t, sugg)
	}
	return ret
}

func schemaHasIndex(s *types.Schema) bool {
	for x, d := s, 0; x != nil && d < 256; x, d = x.Base, d+1 {
		if x.Index != nil {
			return true
		}
	}
	return false
}

func (c *checker) index(x *ast.IndexExpr) *types.Type {
	vt := c.expr(x.X)
	if vt.IsAny() {
		c.expr(x.Index)
		return vt
	}
	switch vt.Kind {
	case types.KStr, types.KStrLit, types.KList:
		c.expr(x.Index)
		if vt.IsList() {
			return vt.ListElem()
		}
		return types.Str
	case types.KDict, types.KSchema:
		kt := c.expr(x.Index)
		val := vt.ConfigVal()
		switch {
		case kt.IsNoneOrAny():
			return val
		case !kt.IsKey():
			c.compileError(x.X, "invalid-key", "invalid dict/schema key type: '%s'", kt)
			return types.Any
		case kt.Kind == types.KStrLit:
			return c.loadAttr(vt, kt.StrVal, nil)
		}
		return val
	}
	c.expr(x.Index)
	c.compileError(x.X, "not-subscriptable", "'%s' object is not subscriptable", vt)
	return types.Any
}

func (c *checker) slice(x *ast.SliceExpr) *types.Type {
	vt := c.expr(x.X)
	parts := []ast.Expr{x.Lo, x.Hi, x.Step}
	if vt.IsAny() {
		for _, p := range parts {
			if p != nil {
				c.expr(p)
			}
		}
		return vt
	}
	switch vt.Kind {
	case types.KStr, types.KStrLit, types.KList:
		for _, p := range parts {
			if p != nil {
				c.mustBeType(p, types.Int)
			}
		}
		if vt.IsList() {
			return vt
		}
		return types.Str
	case types.KDict, types.KSchema:
		c.compileError(x.X, "slice-config", "unhashable type: 'slice'")
		return types.Any
	}
	c.compileError(x.X, "not-subscriptable", "'%s' object is not subscriptable", vt)
	return types.Any
}

func (c *checker) call(x *ast.CallExpr) *types.Type {
	ct := c.expr(x.Fun)
	switch {
	case ct.IsAny():
		c.argumentsCheck(x.Fun, x.Args, x.Keywords, variadicFunc)
		return types.Any
	case ct.IsFunc():
		c.argumentsCheck(x.Fun, x.Args, x.Keywords, ct.Func)
		if ct.Func.Ret == nil {
			return types.Any
		}
		return ct.Func.Ret
	case ct.IsSchema():
		if ct.Instance {
			c.compileError(x.Fun, "not-callable", "schema '%s' instance is not callable", ct)
			c.exprs(x.Args)
			return types.Any
		}
		c.argumentsCheck(x.Fun, x.Args, x.Keywords, schemaFunc(ct.Schema))
		return ct.InstanceOf()
	}
	c.compileError(x.Fun, "not-callable", "'%s' object is not callable", ct)
	c.exprs(x.Args)
	for _, kw := range x.Keywords {
		c.expr(kw.Value)
	}
	return types.Any
}

var variadicFunc = &types.Func{Variadic: true, Ret: types.Any, KwOnlyIndex: -1}

func schemaFunc(s *types.Schema) *types.Func {
	return &types.Func{Params: s.Params, Ret: types.Any, KwOnlyIndex: -1}
}

func (c *checker) starred(x *ast.StarredExpr) *types.Type {
	vt := c.expr(x.X)
	var walk func(t *types.Type, depth int) (*types.Type, bool)
	walk = func(t *types.Type, depth int) (*types.Type, bool) {
		if depth > 64 {
			return types.Any, true
		}
		switch t.Kind {
		case types.KNone, types.KAny:
			return t, true
		case types.KList:
			return t.ListElem(), true
		case types.KDict:
			return t.DictKey(), true
		case types.KSchema:
			return types.Str, true
		case types.KUnion:
			ok := true
			var ms []*types.Type
			for _, m := range t.Types {
				mt, r := walk(m, depth+1)
				ms = append(ms, mt)
				ok = ok && r
			}
			return types.Sup(ms...), ok
		}
		return types.Any, false
	}
	t, ok := walk(vt, 0)
	if !ok {
		c.compileError(x.X, "unpack", "only list, dict, schema object can be used * unpacked, got %s", t)
	}
	return t
}

// ----------------------------------------------------------------------------
// Comprehensions and quantifiers

func (c *checker) loopVars(targets []*ast.Ident) (first, second *ast.Ident) {
	for i, t := range targets {
		if t == nil {
			continue
		}
		if i >= 2 {
			c.compileError(t, "loop-vars", "the number of loop variables is %d, which can only be 1 or 2", len(targets))
			break
		}
		if i == 0 {
			first = t
		} else {
			second = t
		}
		c.localVars = append(c.localVars, t.Name)
		o := &Object{Name: t.Name, Kind: ObjLoopVar, Type: types.Any, PkgPath: c.pkg.PkgPath, Pos: t.Pos(), End: t.End()}
		c.insert(o)
		c.info.Defs[t] = o
	}
	return first, second
}

func (c *checker) compClause(cc *ast.CompClause) {
	iter := c.expr(cc.Iter)
	first, second := c.loopVars(cc.Targets)
	if iter.IsAny() {
		c.quiet++
		c.exprs(cc.Ifs)
		c.quiet--
		return
	}
	c.loopTypeCheck(first, second, iter, cc.Iter)
	c.exprs(cc.Ifs)
}

func (c *checker) loopTypeCheck(first, second *ast.Ident, iter *types.Type, at ast.Node) {
	ts := []*types.Type{iter}
	if iter.IsUnion() {
		ts = iter.Types
	}
	firstTy, secondTy := types.Void, types.Void
	set := func(id *ast.Ident, t *types.Type) {
		if id != nil {
			c.setTypeToScope(id, t)
		}
	}
	for _, t := range ts {
		if !(t.IsIterable() || t.IsAny()) {
			c.compileError(at, "not-iterable", "'%s' object is not iterable", t)
		}
		if first == nil {
			continue
		}
		switch t.Kind {
		case types.KList:
			if second != nil {
				firstTy = types.Sup(types.Int, firstTy)
				secondTy = types.Sup(t.ListElem(), secondTy)
				set(first, firstTy)
				set(second, secondTy)
			} else {
				firstTy = types.Sup(t.ListElem(), firstTy)
				set(first, firstTy)
			}
		case types.KDict, types.KSchema:
			firstTy = types.Sup(t.ConfigKey(), firstTy)
			set(first, firstTy)
			if second != nil {
				secondTy = types.Sup(t.ConfigVal(), secondTy)
				set(second, secondTy)
			}
		case types.KStr, types.KStrLit:
			if second != nil {
				firstTy = types.Sup(types.Int, firstTy)
				secondTy = types.Sup(types.Str, secondTy)
				set(first, firstTy)
				set(second, secondTy)
			} else {
				firstTy = types.Sup(types.Str, firstTy)
				set(first, firstTy)
			}
		}
	}
}

func (c *checker) dictComp(x *ast.DictComp) *types.Type {
	e := x.Entry
	if e == nil {
		return types.AnyDict
	}
	c.enterScope(ScopeLoop, x)
	defer c.leaveScope()
	for _, cc := range x.Generators {
		c.compClause(cc)
	}
	if e.Key == nil {
		c.compileError(e.Value, "comp-unpack", "dict unpacking cannot be used in dict comprehension")
		vt := c.expr(e.Value)
		return types.DictOf(vt.ConfigKey(), vt)
	}
	kt := c.expr(e.Key)
	c.checkAttrTy(kt, e.Key)
	n := c.switchCfgByKey(e.Key)
	vt := c.expr(e.Value)
	c.popCfg(n)
	return types.DictOf(kt, vt)
}

func (c *checker) quant(x *ast.QuantExpr) *types.Type {
	iter := c.expr(x.Target)
	c.enterScope(ScopeLoop, x)
	first, second := c.loopVars(x.Vars)
	c.loopTypeCheck(first, second, iter, x.Target)
	if x.IfCond != nil {
		c.expr(x.IfCond)
	}
	test := c.expr(x.Test)
	c.leaveScope()
	switch x.Op {
	case syntax.ALL, syntax.ANY:
		return types.Bool
	case syntax.FILTER:
		return iter
	case syntax.MAP:
		return types.ListOf(test)
	}
	return types.Any
}

// ----------------------------------------------------------------------------
// Schema expressions, lambdas, checks

func (c *checker) schemaExpr(x *ast.SchemaExpr) *types.Type {
	def := c.expr(x.Name)
	switch def.Kind {
	case types.KDict:
		c.pushCfg(def)
		ct := c.expr(x.Config)
		c.popCfg(1)
		return c.binary(def, ct, syntax.OR_BIT, x.Name)
	case types.KSchema:
		c.pushCfg(def)
		c.expr(x.Config)
		c.info.Types[x.Config] = def.InstanceOf()
		c.popCfg(1)
		if def.Instance {
			if len(x.Args) > 0 || len(x.Keywords) > 0 {
				c.compileError(x.Name, "schema-args", "Arguments cannot be used in the schema modification expression")
			}
		} else {
			c.argumentsCheck(x.Name, x.Args, x.Keywords, schemaFunc(def.Schema))
		}
		return def.InstanceOf()
	}
	if !def.IsAny() {
		c.compileError(x.Name, "invalid-schema", "Invalid schema type '%s'", def)
	}
	c.pushCfg(nil)
	c.expr(x.Config)
	c.popCfg(1)
	c.exprs(x.Args)
	for _, kw := range x.Keywords {
		c.expr(kw.Value)
	}
	return types.Any
}

func (c *checker) lambda(x *ast.LambdaExpr) *types.Type {
	c.parametersCheck(x.Params)
	var params []types.Param
	for _, p := range x.Params {
		if p.Name == nil {
			continue
		}
		ty := types.Any
		if p.Type != nil {
			ty = c.resolveTypeExpr(p.Type)
			if ty.IsSchema() {
				ty = ty.InstanceOf()
			}
		}
		params = append(params, types.Param{Name: p.Name.Name, Type: ty, HasDefault: p.Default != nil})
		if p.Default != nil {
			c.expr(p.Default)
		}
	}
	ret := types.Any
	if x.Ret != nil {
		ret = c.resolveTypeExpr(x.Ret)
		if ret.IsSchema() {
			ret = ret.InstanceOf()
		}
	}
	c.enterScope(ScopeLambda, x)
	i := 0
	for _, p := range x.Params {
		if p.Name == nil {
			continue
		}
		o := &Object{Name: p.Name.Name, Kind: ObjParam, Type: params[i].Type, PkgPath: c.pkg.PkgPath, Pos: p.Name.Pos(), End: p.Name.End(), Node: x}
		c.insert(o)
		c.info.Defs[p.Name] = o
		i++
	}
	if n := len(x.Body); n > 0 {
		switch x.Body[n-1].(type) {
		case *ast.ExprStmt, *ast.AssignStmt, *ast.AugAssignStmt, *ast.AssertStmt:
		default:
			c.compileError(x.Body[n-1], "lambda-body", "The last statement of the lambda body must be a expression e.g., x, 1, etc.")
		}
	}
	savedCfg, savedWide := c.cfg, c.wide
	c.cfg, c.wide = nil, nil
	if x.Ret != nil && (ret.IsSchema() || ret.IsDict() || ret.IsList() || ret.IsUnion()) {
		// The body's value is checked against the declared return type.
		c.cfg, c.wide = []*types.Type{ret}, []*types.Type{ret}
	}
	real := c.stmts(x.Body)
	c.cfg, c.wide = savedCfg, savedWide
	c.leaveScope()
	c.mustAssignable(real, ret, x, nil)
	if !real.IsAny() && ret.IsAny() && x.Ret == nil {
		ret = real
	}
	return types.FuncOf(params, ret, false)
}

func (c *checker) checkExpr(x *ast.CheckExpr) *types.Type {
	if x.Msg != nil {
		c.mustBeType(x.Msg, types.Str)
	}
	if x.If != nil {
		c.expr(x.If)
	}
	return c.expr(x.Test)
}

var _ = loader.MainPkg
