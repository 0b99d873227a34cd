package sema

import (
	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/syntax"
	"github.com/kclx-dev/kclx/kcl/types"
)

func opSymbol(op syntax.Token) string {
	switch op {
	case syntax.NOT_IN:
		return "not in"
	case syntax.IS_NOT:
		return "is not"
	}
	return op.String()
}

func isZeroLit(t *types.Type) bool {
	switch t.Kind {
	case types.KIntLit:
		return t.IntVal == 0
	case types.KFloatLit:
		return t.FloatVal == 0
	case types.KBoolLit:
		return !t.BoolVal
	}
	return false
}

// binary returns the type of left op right, reporting unsupported
// operand types.
func (c *checker) binary(left, right *types.Type, op syntax.Token, at ast.Node) *types.Type {
	t1 := types.LiteralUnionToVariable(left)
	t2 := types.LiteralUnionToVariable(right)
	if types.HasAny(t1, t2) {
		return types.Any
	}
	number := func() *types.Type {
		if t1.IsFloat() || t2.IsFloat() {
			return types.Float
		}
		return types.Int
	}
	ok, ret := false, types.Any
	switch op {
	case syntax.ADD:
		switch {
		case t1.IsNumber() && t2.IsNumber():
			ok, ret = true, number()
		case t1.IsStr() && t2.IsStr():
			ok, ret = true, types.Str
		case t1.IsList() && t2.IsList():
			ok, ret = true, types.ListOf(types.Sup(t1.ListElem(), t2.ListElem()))
		}
	case syntax.SUB, syntax.POW:
		if t1.IsNumber() && t2.IsNumber() {
			ok, ret = true, number()
		}
	case syntax.MUL:
		switch {
		case t1.IsNumber() && t2.IsNumber():
			ok, ret = true, number()
		case t1.IsInt() && types.IsMulValOrUnion(t2):
			ok, ret = true, t2
		case types.IsMulValOrUnion(t1) && t2.IsInt():
			ok, ret = true, t1
		}
	case syntax.QUO, syntax.FLOORDIV:
		if t1.IsNumber() && t2.IsNumber() {
			if isZeroLit(t2) {
				c.typeError(at, "division-by-zero", "integer division or modulo by zero")
			}
			ok, ret = true, number()
		}
	case syntax.REM:
		if t1.IsNumber() && t2.IsNumber() {
			if isZeroLit(t2) {
				c.typeError(at, "division-by-zero", "integer division or modulo by zero")
			}
			ok, ret = true, types.Int
		}
	case syntax.SHL, syntax.SHR, syntax.XOR, syntax.AND_BIT:
		if t1.IsInt() && t2.IsInt() {
			ok, ret = true, types.Int
		}
	case syntax.OR_BIT:
		switch {
		case t1.IsInt() && t2.IsInt():
			ok, ret = true, types.Int
		case t1.IsNone():
			ok, ret = true, t2
		case t2.IsNone():
			ok, ret = true, t1
		case t1.IsList() && t2.IsList():
			ok, ret = true, types.ListOf(types.Sup(t1.ListElem(), t2.ListElem()))
		case t1.IsDict() && t2.IsDict():
			ok, ret = true, types.DictWithAttrs(types.Sup(t1.DictKey(), t2.DictKey()), types.Sup(t1.DictVal(), t2.DictVal()), mergeAttrs(t1.Attrs, t2.Attrs))
		case t1.IsSchema() && (t2.IsSchema() || t2.IsDict()):
			ok, ret = true, t1
		}
	case syntax.AND:
		ok, ret = true, types.Bool
	case syntax.OR:
		ok, ret = true, types.Sup(t1, t2)
	default:
		ok = true
	}
	if !ok {
		c.typeError(at, "unsupported-operand", "unsupported operand type(s) for %s: '%s' and '%s'", opSymbol(op), left, right)
	}
	return ret
}

// unary returns the type of op t.
func (c *checker) unary(t *types.Type, op syntax.Token, at ast.Node) *types.Type {
	if t.IsAny() {
		return types.Any
	}
	vt := types.LiteralUnionToVariable(t)
	ok := false
	switch op {
	case syntax.ADD, syntax.SUB:
		ok = vt.IsNumber()
	case syntax.INV:
		ok = vt.IsInt() || vt.IsBool()
	case syntax.NOT:
		ok = true
	default:
		ok = true
	}
	if ok {
		if op == syntax.NOT {
			return types.Bool
		}
		return vt
	}
	c.typeError(at, "bad-operand", "bad operand type for unary %s: '%s'", opSymbol(op), t)
	return types.Any
}

// compare checks left op right.
func (c *checker) compare(left, right *types.Type, op syntax.Token, at ast.Node) {
	t1 := types.LiteralUnionToVariable(left)
	t2 := types.LiteralUnionToVariable(right)
	if types.HasAny(t1, t2) {
		return
	}
	in := op == syntax.IN || op == syntax.NOT_IN
	switch {
	case types.IsNumberBoolOrUnion(t1) && types.IsNumberBoolOrUnion(t2) && !in:
		return
	case types.IsPrimitiveOrUnion(t1) && types.IsPrimitiveOrUnion(t2) && (op == syntax.EQL || op == syntax.NEQ):
		return
	case (op == syntax.EQL || op == syntax.NEQ) && t1.IsList() && t2.IsList():
		return
	case (op == syntax.EQL || op == syntax.NEQ) && t1.IsDictOrSchema() && t2.IsDictOrSchema():
		return
	case in && t2.IsIterable():
		return
	case (t1.IsNone() || t2.IsNone()) && (op == syntax.EQL || op == syntax.NEQ || op == syntax.IS || op == syntax.IS_NOT || op == syntax.NOT):
		return
	}
	c.typeError(at, "unsupported-operand", "unsupported operand type(s) for %s: '%s' and '%s'", opSymbol(op), t1, t2)
}

// compareChain checks a chained comparison the way upstream does (the
// first comparison fully; later ones against the leftmost operand).
func (c *checker) compareChain(x *ast.CompareExpr) *types.Type {
	t1 := c.expr(x.X)
	if len(x.Ops) == 0 {
		return types.Bool
	}
	t2 := c.expr(x.Ops[0].Y)
	c.compare(t1, t2, x.Ops[0].Op, x)
	for i := 1; i < len(x.Ops); i++ {
		ti := c.expr(x.Ops[i].Y)
		if i < len(x.Ops)-1 {
			c.compare(t1, ti, x.Ops[i+1].Op, x.Ops[i].Y)
		}
	}
	return types.Bool
}

// mergeAttrs merges the per-key types of two dict literals (b wins).
func mergeAttrs(a, b *types.AttrList) *types.AttrList {
	if a.Len() == 0 && b.Len() == 0 {
		return nil
	}
	out := types.NewAttrList()
	for _, n := range a.Names() {
		out.Set(a.Get(n))
	}
	for _, n := range b.Names() {
		out.Set(b.Get(n))
	}
	return out
}
