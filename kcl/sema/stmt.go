package sema

import (
	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/syntax"
	"github.com/kclx-dev/kclx/kcl/types"
)

// stmts checks a statement list and returns the type of the last one.
func (c *checker) stmts(list []ast.Stmt) *types.Type {
	t := types.Any
	for _, s := range list {
		t = c.stmt(s)
	}
	return t
}

func (c *checker) stmt(s ast.Stmt) *types.Type {
	c.depth++
	defer func() { c.depth-- }()
	if c.depth > maxDepth {
		return types.Any
	}
	switch s := s.(type) {
	case *ast.ExprStmt:
		return c.expr(s.X)
	case *ast.UnificationStmt:
		return c.unificationStmt(s)
	case *ast.TypeAliasStmt:
		return c.typeAliasStmt(s)
	case *ast.AssignStmt:
		return c.assignStmt(s)
	case *ast.AugAssignStmt:
		return c.augAssignStmt(s)
	case *ast.AssertStmt:
		c.expr(s.Test)
		if s.If != nil {
			c.expr(s.If)
		}
		if s.Msg != nil {
			c.mustBeType(s.Msg, types.Str)
		}
	case *ast.IfStmt:
		c.expr(s.Cond)
		c.stmts(s.Body)
		if s.Else != nil {
			c.stmt(s.Else)
		}
	case *ast.ElseStmt:
		c.stmts(s.Body)
	case *ast.SchemaStmt:
		return c.resolveSchemaStmt(s)
	case *ast.RuleStmt:
		return c.resolveRuleStmt(s)
	case *ast.SchemaAttr:
		c.schemaAttr(s)
	case *ast.IndexSignature, *ast.ImportStmt, *ast.BadStmt:
	}
	return types.Any
}

func (c *checker) typeAliasStmt(s *ast.TypeAliasStmt) *types.Type {
	if s.Name == nil {
		return types.Any
	}
	c.quiet++
	ty := c.resolveTypeExpr(s.Type)
	c.quiet--
	if ty.IsSchema() && ty.Instance {
		cp := *ty
		cp.Instance = false
		ty = &cp
	}
	if old := c.scope.LookupLocal(s.Name.Name); old != nil && old.Kind == ObjTypeAlias && old.Node == s {
		old.Type = ty
		return ty
	}
	if types.IsBuiltinTypeName(s.Name.Name) {
		c.typeError(s.Name, "reserved-name", "type alias '%s' cannot be the same as the built-in types (%s)", s.Name.Name, reservedList())
	}
	o := &Object{Name: s.Name.Name, Kind: ObjTypeAlias, Type: ty, PkgPath: c.pkg.PkgPath, Pos: s.Name.Pos(), End: s.Name.End(), Node: s}
	c.insert(o)
	c.info.Defs[s.Name] = o
	return ty
}

func (c *checker) unificationStmt(s *ast.UnificationStmt) *types.Type {
	root := rootIdent(s.Target)
	if _, ok := s.Target.(*ast.Ident); !ok {
		c.compileError(s.Target, "unification-target", "unification identifier can not be selected")
	}
	if root == nil {
		return types.Any
	}
	c.lValue = true
	expected := c.identStore(root)
	c.lValue = false
	c.pushCfg(expected)
	ty := c.schemaExpr(s.Value)
	c.info.Types[s.Value] = ty
	c.popCfg(1)
	c.mustAssignable(ty, expected, s.Target, nil)
	if !ty.IsAny() && expected.IsAny() {
		c.setTypeToScope(root, ty)
	}
	return expected
}

func (c *checker) assignStmt(s *ast.AssignStmt) *types.Type {
	c.localVars = c.localVars[:0]
	valueTy := types.Any
	_, isConfig := s.Value.(*ast.SchemaExpr)
	for _, target := range s.Targets {
		root := rootIdent(target)
		if root == nil {
			continue
		}
		name := root.Name
		if _, ok := c.globalNames[name]; (isPrivate(name) || isConfig || !ok) && c.level == 0 {
			c.globalNames[name] = root
		}
		if id, ok := target.(*ast.Ident); ok {
			c.lValue = true
			expected := c.identStore(id)
			c.lValue = false
			switch expected.Kind {
			case types.KSchema:
				c.pushCfg(expected)
				valueTy = c.expr(s.Value)
				c.popCfg(1)
			case types.KList, types.KDict, types.KUnion:
				c.pushCfg(expected)
				valueTy = c.expr(s.Value)
				c.checkAnnotation(s, valueTy)
				c.popCfg(1)
			default:
				valueTy = c.expr(s.Value)
				c.checkAnnotation(s, valueTy)
			}
			c.mustAssignable(valueTy, expected, target, nil)
			if !valueTy.IsAny() && expected.IsAny() && s.Type == nil {
				c.setTypeToScope(id, valueTy)
				if c.schema != nil {
					c.schemaSetAttr(name, types.InferToVariable(valueTy))
				}
			}
		} else {
			c.lookupName(root)
			c.lValue = true
			expected := c.targetType(target)
			c.lValue = false
			valueTy = c.expr(s.Value)
			c.checkAnnotation(s, valueTy)
			c.mustAssignable(valueTy, expected, target, nil)
		}
	}
	return valueTy
}

// targetType returns the type of an assignment target a.b[0].c as an
// l-value, checking config attributes on the way.
func (c *checker) targetType(x ast.Expr) *types.Type {
	switch e := x.(type) {
	case *ast.Ident:
		return c.identLoad(e)
	case *ast.SelectorExpr:
		base := c.targetType(e.X)
		c.mustCheckConfigAttr(e.Sel.Name, e.Sel, base)
		t := c.loadAttr(base, e.Sel.Name, e.Sel)
		c.info.Types[e] = t
		return t
	case *ast.IndexExpr:
		saved := c.lValue
		c.lValue = false
		c.expr(e.Index)
		c.lValue = saved
		c.targetType(e.X)
		return types.Any
	}
	return c.expr(x)
}

func (c *checker) augAssignStmt(s *ast.AugAssignStmt) *types.Type {
	c.lValue = false
	if root := rootIdent(s.Target); root != nil {
		name := root.Name
		_, isConfig := s.Value.(*ast.SchemaExpr)
		if _, ok := c.globalNames[name]; isPrivate(name) || isConfig || !ok {
			if c.level == 0 {
				c.globalNames[name] = root
			}
		} else {
			d := c.errorAt(s.Target, loader.ImmutableError, "immutable", "Immutable variable '%s' is modified during compiling", name)
			if old := c.globalNames[name]; old != nil {
				c.note(d, "The variable '%s' is declared here firstly (%s)", name, c.posString(old.Pos()))
				c.related(d, old.Pos(), old.End(), "The variable '%s' is declared here firstly", name)
			}
			c.note(d, "change the variable name to '_%s' to make it mutable", name)
		}
	}
	left := c.targetType(s.Target)
	right := c.expr(s.Value)
	op := s.Op.BinaryOf()
	newTy := c.binary(left, right, op, s.Target)
	c.lValue = true
	expected := c.targetType(s.Target)
	c.mustAssignable(newTy, expected, s.Target, nil)
	c.lValue = false
	return newTy
}

// checkAnnotation checks `x: T = value` against an existing declaration.
func (c *checker) checkAnnotation(s *ast.AssignStmt, valueTy *types.Type) {
	if s.Type == nil {
		return
	}
	for _, target := range s.Targets {
		root := rootIdent(target)
		if root == nil {
			continue
		}
		ann := c.resolveTypeExpr(s.Type)
		targetTy := ann
		if obj := c.scope.LookupLocal(root.Name); obj != nil && !obj.Type.IsAny() {
			if !types.IsUpperBound(ann, obj.Type) {
				d := c.typeError(target, "type-changed", "can not change the type of '%s' to %s", root.Name, ann)
				c.note(d, "expected %s (%s)", obj.Type, c.posString(obj.Pos))
			}
			targetTy = obj.Type
		}
		c.setTypeToScopeRaw(root, targetTy)
		c.mustAssignable(valueTy, targetTy, target, nil)
	}
}

func (c *checker) schemaAttr(s *ast.SchemaAttr) {
	c.localVars = c.localVars[:0]
	name := attrName(s.Name)
	if c.schema == nil || name == "" {
		if s.Value != nil {
			c.expr(s.Value)
		}
		return
	}
	expected := types.Any
	attr := c.schema.AttrOf(name)
	if attr != nil {
		expected = attr.Type
	}
	o := &Object{Name: name, Kind: ObjAttr, Type: expected, PkgPath: c.pkg.PkgPath, Pos: s.Name.Pos(), End: s.Name.End(), Node: s}
	if attr != nil {
		o.Doc = attr.Doc
		if attr.Node == s {
			o = c.attrObject(attr, c.schema)
		}
	}
	c.insert(o)
	if id, ok := s.Name.(*ast.Ident); ok {
		c.info.Defs[id] = o
	}
	if s.Value == nil {
		return
	}
	var valueTy *types.Type
	if expected.IsSchema() {
		c.pushCfg(expected)
		valueTy = c.expr(s.Value)
		c.popCfg(1)
	} else {
		valueTy = c.expr(s.Value)
	}
	if s.Op == syntax.OR_ASSIGN {
		valueTy = c.binary(valueTy, expected, syntax.OR_BIT, s.Name)
	}
	c.mustAssignable(valueTy, expected, s.Name, nil)
}

// schemaSetAttr sets the type of a body-assigned name in the working
// copy of the current schema.
func (c *checker) schemaSetAttr(name string, t *types.Type) {
	if c.schema == nil {
		return
	}
	if c.schema.Attrs == c.sharedAttrs {
		c.schema.Attrs = c.schema.Attrs.Clone() // copy on first write
	}
	if a := c.schema.Attrs.Get(name); a != nil {
		cp := *a
		cp.Type = t
		c.schema.Attrs.Set(&cp)
		return
	}
	c.schema.Attrs.Set(&types.Attr{Name: name, Type: t, Optional: true})
}

// setTypeToScope sets the (widened) type of an existing object of the
// current scope.
func (c *checker) setTypeToScope(id *ast.Ident, t *types.Type) {
	c.setTypeToScopeRaw(id, types.InferToVariable(t))
}

func (c *checker) setTypeToScopeRaw(id *ast.Ident, t *types.Type) {
	if o := c.scope.LookupLocal(id.Name); o != nil {
		o.Type = t
		return
	}
	c.compileError(id, "undefined-name", "name '%s' is not defined", id.Name)
}

// mustBeType checks that x has type expected.
func (c *checker) mustBeType(x ast.Expr, expected *types.Type) {
	t := c.expr(x)
	c.mustAssignable(t, expected, x, nil)
}

// mustAssignable reports a type error when t is not assignable to expected.
func (c *checker) mustAssignable(t, expected *types.Type, at ast.Node, expectedAt ast.Node) {
	if c.checkType(t, expected, at, 0) {
		return
	}
	d := c.typeError(at, "type-mismatch", "expected %s, got %s", expected, t)
	if expectedAt != nil {
		c.note(d, "variable is defined here, its type is %s, but got %s (%s)", expected, t, c.posString(expectedAt.Pos()))
	}
}

// checkType is upstream's check_type: structural assignability with a
// relaxed check of dict literals against schemas.
func (c *checker) checkType(t, expected *types.Type, at ast.Node, depth int) bool {
	if depth > 64 {
		return true
	}
	switch {
	case t.IsList() && expected.IsList():
		return c.checkType(t.ListElem(), expected.ListElem(), at, depth+1)
	case t.IsDict() && expected.IsDict():
		return c.checkType(t.DictKey(), expected.DictKey(), at, depth+1) &&
			c.checkType(t.DictVal(), expected.DictVal(), at, depth+1)
	case t.IsDict() && expected.IsSchema():
		if t.ConfigOf != nil && t.ConfigOf.IsSubOf(expected.Schema) {
			return true
		}
		return c.dictAssignableToSchema(t, expected.Schema, at, depth)
	case t.IsUnion():
		for _, m := range t.Types {
			if !c.checkType(m, expected, at, depth+1) {
				return false
			}
		}
		return true
	case expected.IsUnion():
		for _, m := range expected.Types {
			if c.checkType(t, m, at, depth+1) {
				return true
			}
		}
		return false
	}
	return types.AssignableTo(t, expected)
}

func (c *checker) dictAssignableToSchema(t *types.Type, s *types.Schema, at ast.Node, depth int) bool {
	key, val := t.DictKey(), t.DictVal()
	if s.Index != nil {
		if !c.checkType(val, s.Index.Value, at, depth+1) {
			c.typeError(at, "type-mismatch", "expected schema index signature value type %s, got %s", s.Index.Value, val)
		}
		if s.Index.AnyOther {
			return c.checkType(key, s.Index.Key, at, depth+1) && c.checkType(val, s.Index.Value, at, depth+1)
		}
		return true
	}
	if t.Attrs.Len() > 0 {
		// a dict literal: check each key it sets
		for _, n := range t.Attrs.Names() {
			a := s.AttrOf(n)
			if a == nil {
				continue
			}
			if v := t.Attrs.Get(n).Type; !c.checkType(v, a.Type, at, depth+1) {
				d := c.typeError(at, "type-mismatch", "expected %s, got %s", a.Type, v)
				if a.Pos.IsValid() {
					c.note(d, "variable is defined here, its type is %s, but got %s (%s)", a.Type, v, c.posString(a.Pos))
				}
			}
		}
		return true
	}
	if key.Kind == types.KStrLit {
		if a := s.Attrs.Get(key.StrVal); a != nil {
			if !c.checkType(val, a.Type, at, depth+1) {
				d := c.typeError(at, "type-mismatch", "expected %s, got %s", a.Type, val)
				if a.Pos.IsValid() {
					c.note(d, "variable is defined here, its type is %s, but got %s (%s)", a.Type, val, c.posString(a.Pos))
				}
			}
		}
	}
	return true
}
