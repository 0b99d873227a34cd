package sema

import (
	"strconv"
	"strings"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/syntax"
	"github.com/kclx-dev/kclx/kcl/types"
)

// resolveTypeExpr converts a type annotation to a type, resolving names
// of schemas and type aliases in scope (an unknown name is reported and
// becomes any).
func (c *checker) resolveTypeExpr(t ast.Type) *types.Type {
	return c.resolveType(t, 0)
}

func (c *checker) resolveType(t ast.Type, depth int) *types.Type {
	if t == nil || depth > maxDepth {
		return types.Any
	}
	switch t := t.(type) {
	case *ast.NamedType:
		return c.resolveNamedType(t.Name)
	case *ast.ListType:
		if t.Elem == nil {
			return types.ListOf(types.Any)
		}
		return types.ListOf(c.resolveType(t.Elem, depth+1))
	case *ast.DictType:
		k, v := types.Any, types.Any
		if t.Key != nil {
			k = c.resolveType(t.Key, depth+1)
		}
		if t.Value != nil {
			v = c.resolveType(t.Value, depth+1)
		}
		return types.DictOf(k, v)
	case *ast.UnionType:
		ms := make([]*types.Type, 0, len(t.Types))
		for _, m := range t.Types {
			ms = append(ms, c.resolveType(m, depth+1))
		}
		if len(ms) == 1 {
			return ms[0]
		}
		return types.UnionOf(ms...)
	case *ast.LiteralType:
		return literalType(t.Lit)
	case *ast.FuncType:
		var params []types.Param
		for _, p := range t.Params {
			params = append(params, types.Param{Type: c.resolveType(p, depth+1)})
		}
		ret := types.Any
		if t.Ret != nil {
			ret = c.resolveType(t.Ret, depth+1)
		}
		return types.FuncOf(params, ret, false)
	}
	return types.Any
}

// literalType returns the literal type of a literal used as a type.
func literalType(x ast.Expr) *types.Type {
	switch x := x.(type) {
	case *ast.StringLit:
		return types.StrLitOf(x.Value())
	case *ast.NameConstant:
		switch x.Value {
		case syntax.TRUE:
			return types.BoolLitOf(true)
		case syntax.FALSE:
			return types.BoolLitOf(false)
		}
		return types.None
	case *ast.BasicLit:
		return numberLitType(x)
	case *ast.UnaryExpr:
		if x.Op == syntax.SUB {
			if bl, ok := x.X.(*ast.BasicLit); ok {
				t := numberLitType(bl)
				switch t.Kind {
				case types.KIntLit:
					return types.IntLitOf(-t.IntVal)
				case types.KFloatLit:
					return types.FloatLitOf(-t.FloatVal)
				}
			}
		}
	}
	return types.Any
}

// unitSuffixes are the number-multiplier suffixes, longest first.
var unitSuffixes = []string{"Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "n", "u", "m", "k", "K", "M", "G", "T", "P", "E"}

var unitFactor = map[string]float64{
	"n": 1e-9, "u": 1e-6, "m": 1e-3, "k": 1e3, "K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18,
	"Ki": 1 << 10, "Mi": 1 << 20, "Gi": 1 << 30, "Ti": 1 << 40, "Pi": 1 << 50, "Ei": 1 << 60,
}

// splitUnit splits a number literal into its digits and unit suffix.
func splitUnit(lit string) (num, suffix string) {
	if strings.HasPrefix(lit, "0x") || strings.HasPrefix(lit, "0X") {
		return lit, ""
	}
	for _, s := range unitSuffixes {
		if strings.HasSuffix(lit, s) && len(lit) > len(s) {
			return lit[:len(lit)-len(s)], s
		}
	}
	return lit, ""
}

// parseIntLit parses an integer literal (decimal, 0x, 0o, 0b, legacy
// octal, underscores).
func parseIntLit(s string) (int64, bool) {
	s = strings.ReplaceAll(s, "_", "")
	base := 10
	switch {
	case len(s) > 2 && (s[:2] == "0x" || s[:2] == "0X"):
		base, s = 16, s[2:]
	case len(s) > 2 && (s[:2] == "0o" || s[:2] == "0O"):
		base, s = 8, s[2:]
	case len(s) > 2 && (s[:2] == "0b" || s[:2] == "0B"):
		base, s = 2, s[2:]
	case len(s) > 1 && s[0] == '0':
		base, s = 8, s[1:]
	}
	v, err := strconv.ParseInt(s, base, 64)
	if err != nil {
		u, err2 := strconv.ParseUint(s, base, 64)
		if err2 != nil {
			return 0, false
		}
		return int64(u), true
	}
	return v, true
}

// numberLitType returns the type of a number literal.
func numberLitType(x *ast.BasicLit) *types.Type {
	num, suffix := splitUnit(x.Value)
	if suffix != "" {
		var raw int64
		if v, ok := parseIntLit(num); ok {
			raw = v
		} else if f, err := strconv.ParseFloat(strings.ReplaceAll(num, "_", ""), 64); err == nil {
			raw = int64(f)
		}
		return types.NumberMultiplierLit(float64(raw)*unitFactor[suffix], raw, suffix)
	}
	if x.Kind == syntax.INT {
		if v, ok := parseIntLit(num); ok {
			return types.IntLitOf(v)
		}
		return types.Int
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(num, "_", ""), 64)
	if err != nil {
		return types.Float
	}
	return types.FloatLitOf(f)
}

// resolveNamedType resolves a (possibly package-qualified) type name.
func (c *checker) resolveNamedType(name ast.Expr) *types.Type {
	saved := c.lValue
	c.lValue = false
	defer func() { c.lValue = saved }()
	switch n := name.(type) {
	case *ast.Ident:
		switch n.Name {
		case "any":
			return types.Any
		case "bool":
			return types.Bool
		case "int":
			return types.Int
		case "float":
			return types.Float
		case "str":
			return types.Str
		}
	}
	t := c.exprType(name)
	if t.IsSchema() {
		return t.InstanceOf()
	}
	return t
}

// exprType checks x and returns its type.
func (c *checker) exprType(x ast.Expr) *types.Type { return c.expr(x) }

// exprTypeQuiet checks x without reporting.
func (c *checker) exprTypeQuiet(x ast.Expr) *types.Type {
	c.quiet++
	defer func() { c.quiet-- }()
	return c.expr(x)
}
