package eval

import (
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/syntax"
	"github.com/kclx-dev/kclx/kcl/value"
)

// expr evaluates x in en.
func (e *Evaluator) expr(en *env, x ast.Expr) value.Value {
	e.depth++
	if e.depth > e.opts.MaxDepth {
		e.depth = 0
		fail(e.errAt(value.RecursionError, "maximum recursion depth exceeded"))
	}
	if e.steps++; e.steps&budgetInterval == 0 {
		e.checkBudget()
	}
	// like upstream, runtime errors are reported at the line of the last
	// evaluated expression
	if p := x.Pos(); p.IsValid() {
		e.pos, e.posOK = p, true
	}
	v := e.expr1(en, x)
	e.depth--
	return v
}

func (e *Evaluator) expr1(en *env, x ast.Expr) value.Value {
	switch x := x.(type) {
	case *ast.Ident:
		v, ok := e.lookup(en, x.Name)
		if !ok {
			fail(e.errAtNode(value.NameError, x, sprintf("name '%s' is not defined", x.Name)))
		}
		if v == nil {
			return value.Undefined
		}
		return v
	case *ast.BasicLit:
		return e.numberLit(x)
	case *ast.StringLit:
		return value.Str(e.strLit(x))
	case *ast.JoinedString:
		return e.joinedString(en, x)
	case *ast.NameConstant:
		switch x.Value {
		case syntax.TRUE:
			return value.True
		case syntax.FALSE:
			return value.False
		case syntax.NONE:
			return value.None
		}
		return value.Undefined
	case *ast.ParenExpr:
		return e.expr(en, x.X)
	case *ast.SelectorExpr:
		return e.selector(en, x)
	case *ast.IndexExpr:
		v := e.expr(en, x.X)
		if x.Optional && !value.Truthy(v) {
			return value.None
		}
		return e.subscript(v, e.expr(en, x.Index), x)
	case *ast.SliceExpr:
		return e.slice(en, x)
	case *ast.CallExpr:
		return e.call(en, x)
	case *ast.UnaryExpr:
		return e.unary(en, x)
	case *ast.BinaryExpr:
		return e.binary(en, x)
	case *ast.CompareExpr:
		left := e.expr(en, x.X)
		for _, op := range x.Ops {
			right := e.expr(en, op.Y)
			if !value.Truthy(e.compareOp(op.Op, left, right, x)) {
				return value.False
			}
			left = right
		}
		return value.True
	case *ast.AsExpr:
		v := e.expr(en, x.X)
		t := e.resolveType(en, x.Type)
		return e.castAs(v, t, x)
	case *ast.IfExpr:
		if value.Truthy(e.expr(en, x.Cond)) {
			return e.expr(en, x.Body)
		}
		return e.expr(en, x.Else)
	case *ast.ListExpr:
		l := &value.List{Items: make([]value.Value, 0, len(x.Elts))}
		e.listElts(en, x.Elts, l)
		return l
	case *ast.ListComp:
		return e.listComp(en, x)
	case *ast.DictComp:
		return e.dictComp(en, x)
	case *ast.ConfigExpr:
		return e.configExpr(en, x, nil)
	case *ast.SchemaExpr:
		return e.schemaExpr(en, x)
	case *ast.QuantExpr:
		return e.quant(en, x)
	case *ast.LambdaExpr:
		return e.lambda(en, x)
	case *ast.StarredExpr:
		return e.expr(en, x.X)
	case *ast.CheckExpr:
		return e.expr(en, x.Test)
	case *ast.BadExpr:
		fail(e.errAtNode(value.InvalidSyntax, x, "invalid syntax"))
	}
	fail(e.errAtNode(value.EvaluationError, x, sprintf("unsupported expression %T", x)))
	return nil
}

// ---------------------------------------------------------------------------
// Literals

func (e *Evaluator) numberLit(x *ast.BasicLit) value.Value {
	s := strings.ReplaceAll(x.Value, "_", "")
	if x.Kind == syntax.FLOAT {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil && !isRange(err) {
			fail(e.errAtNode(value.InvalidSyntax, x, "invalid float literal"))
		}
		return value.Float(f)
	}
	suffix := ""
	if n := len(s); n >= 2 && s[n-1] == 'i' && isUnitLetter(s[n-2]) {
		suffix = s[n-2:]
	} else if n >= 1 && isUnitLetter(s[n-1]) && !(strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X")) {
		suffix = s[n-1:]
	}
	digits := s[:len(s)-len(suffix)]
	n, ok := parseIntLit(digits)
	if !ok {
		fail(e.errAtNode(value.IntOverflow, x, sprintf("%s: A 64 bit integer overflow", digits)))
	}
	if suffix != "" {
		if _, known := value.UnitMultiplier(suffix); known {
			return value.NewUnit(n, suffix)
		}
	}
	return value.Int(n)
}

func isUnitLetter(c byte) bool {
	return strings.IndexByte("numkKMGTPE", c) >= 0
}

func isRange(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// parseIntLit parses a KCL integer literal: decimal, 0x, 0o, 0b and
// leading-zero octal.
func parseIntLit(s string) (int64, bool) {
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
	n, err := strconv.ParseInt(s, base, 64)
	return n, err == nil
}

func (e *Evaluator) joinedString(en *env, x *ast.JoinedString) value.Value {
	var b strings.Builder
	for _, p := range x.Parts {
		e.checkSize(b.Len())
		switch p := p.(type) {
		case *ast.StringLit:
			b.WriteString(e.strLit(p))
		case *ast.FormattedValue:
			v := e.expr(en, p.X)
			spec := strings.ToLower(strings.TrimSpace(p.Spec))
			switch spec {
			case "":
				b.WriteString(value.ToString(v))
			case "#json":
				b.WriteString(value.EncodeJSON(v, value.EncodeOptions{}))
			case "#yaml":
				b.WriteString(value.EncodeYAML(v, value.EncodeOptions{}))
			default:
				fail(e.errAtNode(value.InvalidSyntax, p, sprintf("%s is a invalid format spec", p.Spec)))
			}
		default:
			b.WriteString(value.ToString(e.expr(en, p)))
		}
	}
	e.checkSize(b.Len())
	return value.Str(b.String())
}

// ---------------------------------------------------------------------------
// Selectors and subscripts

func (e *Evaluator) selector(en *env, x *ast.SelectorExpr) value.Value {
	// module member: alias.name
	if id, ok := x.X.(*ast.Ident); ok {
		if imp := e.importFor(en, id.Name); imp != nil {
			imp.used = true
			return e.moduleMember(imp, x.Sel.Name, x)
		}
	}
	v := e.expr(en, x.X)
	if x.Optional && !value.Truthy(v) {
		return value.None
	}
	return e.loadAttr(v, x.Sel.Name, x)
}

// importFor returns the import bound to name in en's file unless a local
// or global shadows it.
func (e *Evaluator) importFor(en *env, name string) *importRef {
	file := en.file
	if file == nil {
		return nil
	}
	imp := packageImport(file, name)
	if imp == nil {
		return nil
	}
	for x := en; x != nil; x = x.parent {
		if x.vars.has(name) {
			return nil
		}
		if x.kind == envSchema && x.inst != nil && x.inst.val.Has(name) {
			return nil
		}
		if x.kind == envModule {
			break
		}
	}
	if file.pkg.global.Has(name) {
		return nil
	}
	return imp
}

func (e *Evaluator) loadAttr(v value.Value, key string, n ast.Node) value.Value {
	switch x := v.(type) {
	case *value.Dict:
		if r, ok := x.Get(key); ok {
			return r
		}
		return value.Undefined
	case *value.Schema:
		if r, ok := x.Attrs.Get(key); ok {
			return r
		}
		fail(e.errAtNode(value.AttributeError, n, sprintf("schema '%s' attribute '%s' not found", x.Name, key)))
	case value.Str:
		if f := strMethod(e, x, key); f != nil {
			return f
		}
		fail(e.errAtNode(value.AttributeError, n, sprintf("str object attr '%s' not found", key)))
	case *value.Func:
		switch impl := x.Impl.(type) {
		case *moduleRef:
			return e.moduleMember(impl.imp, key, n)
		case *schemaType:
			if key == "instances" {
				return e.instancesFunc(impl)
			}
		}
		fail(e.errAtNode(value.AttributeError, n, sprintf("schema object attr '%s' not found", key)))
	}
	fail(e.errAtNode(value.EvaluationError, n, sprintf("invalid value '%s' to load attribute '%s'", value.TypeName(v), key)))
	return nil
}

func (e *Evaluator) subscript(v, idx value.Value, n ast.Node) value.Value {
	switch x := v.(type) {
	case value.Str:
		i, ok := idx.(value.Int)
		if !ok {
			if b, isBool := idx.(value.Bool); isBool {
				i, ok = value.Int(boolInt(b)), true
			}
		}
		if ok {
			runes := []rune(string(x))
			j := int(i)
			if j < 0 {
				j += len(runes)
			}
			if j < 0 || j >= len(runes) {
				fail(e.errAtNode(value.EvaluationError, n, sprintf("string index out of range: %d", int64(i))))
			}
			return value.Str(string(runes[j]))
		}
	case *value.List:
		i, ok := idx.(value.Int)
		if !ok {
			if b, isBool := idx.(value.Bool); isBool {
				i, ok = value.Int(boolInt(b)), true
			}
		}
		if ok {
			j := int(i)
			if j < 0 {
				j += len(x.Items)
			}
			if j < 0 || j >= len(x.Items) {
				fail(e.errAt(value.EvaluationError, sprintf("list index out of range: %d", int64(i))))
			}
			return x.Items[j]
		}
	case *value.Dict:
		if s, ok := idx.(value.Str); ok {
			if r, ok := x.Get(string(s)); ok {
				return r
			}
		}
		return value.Undefined
	case *value.Schema:
		if s, ok := idx.(value.Str); ok {
			if r, ok := x.Attrs.Get(string(s)); ok {
				return r
			}
			return value.Undefined
		}
	}
	fail(e.errAtNode(value.EvaluationError, n, sprintf("'%s' object is not subscriptable with '%s'", value.TypeName(v), value.TypeName(idx))))
	return nil
}

func boolInt(b value.Bool) int64 {
	if b {
		return 1
	}
	return 0
}

func (e *Evaluator) slice(en *env, x *ast.SliceExpr) value.Value {
	v := e.expr(en, x.X)
	if x.Optional && !value.Truthy(v) {
		return value.None
	}
	var lo, hi, step value.Value = value.None, value.None, value.None
	if x.Lo != nil {
		lo = e.expr(en, x.Lo)
	}
	if x.Hi != nil {
		hi = e.expr(en, x.Hi)
	}
	if x.Step != nil {
		step = e.expr(en, x.Step)
	}
	var n int
	var runes []rune
	switch t := v.(type) {
	case value.Str:
		runes = []rune(string(t))
		n = len(runes)
	case *value.List:
		n = len(t.Items)
	default:
		fail(e.errAtNode(value.EvaluationError, x, sprintf("'%s' object is not subscriptable", value.TypeName(v))))
	}
	st := int64(1)
	if !value.IsNullish(step) {
		s, ok := step.(value.Int)
		if !ok {
			fail(e.errAtNode(value.EvaluationError, x, "slice indices must be integers or None"))
		}
		st = int64(s)
		if st == 0 {
			fail(e.errAtNode(value.EvaluationError, x, "slice step cannot be zero"))
		}
	}
	start, stop := sliceBounds(lo, hi, st, n)
	var idxs []int
	if st > 0 {
		for i := start; i < stop; i += int(st) {
			idxs = append(idxs, i)
		}
	} else {
		for i := start; i > stop; i += int(st) {
			idxs = append(idxs, i)
		}
	}
	if runes != nil || v.Kind() == value.StrKind {
		out := make([]rune, 0, len(idxs))
		for _, i := range idxs {
			out = append(out, runes[i])
		}
		return value.Str(string(out))
	}
	l := v.(*value.List)
	out := make([]value.Value, 0, len(idxs))
	for _, i := range idxs {
		out = append(out, l.Items[i])
	}
	return &value.List{Items: out}
}

// sliceBounds computes Python slice start/stop for length n.
func sliceBounds(lo, hi value.Value, step int64, n int) (int, int) {
	adjust := func(v value.Value, def int, isStart bool) int {
		if value.IsNullish(v) {
			return def
		}
		i64, _ := value.AsInt(v)
		i := int(i64)
		if i < 0 {
			i += n
			if i < 0 {
				if step < 0 {
					return -1
				}
				return 0
			}
		} else if i >= n {
			if step < 0 {
				return n - 1
			}
			return n
		}
		return i
	}
	if step > 0 {
		return adjust(lo, 0, true), adjust(hi, n, false)
	}
	return adjust(lo, n-1, true), adjust(hi, -1, false)
}

// ---------------------------------------------------------------------------
// Operators

func (e *Evaluator) unary(en *env, x *ast.UnaryExpr) value.Value {
	v := e.expr(en, x.X)
	switch x.Op {
	case syntax.NOT:
		return value.Bool(!value.Truthy(v))
	case syntax.SUB:
		switch t := v.(type) {
		case value.Int:
			if t == math.MinInt64 {
				e.failf("9223372036854775808: A 64 bit integer overflow")
			}
			return -t
		case value.Float:
			return -t
		case value.Bool:
			return value.Int(-boolInt(t))
		case value.Unit:
			return value.Float(-t.Value)
		}
		e.failf("bad operand type for unary -: '%s'", value.TypeName(v))
	case syntax.ADD:
		switch t := v.(type) {
		case value.Int, value.Float:
			return t
		case value.Bool:
			return value.Int(boolInt(t))
		case value.Unit:
			return value.Float(t.Value)
		}
		e.failf("bad operand type for unary +: '%s'", value.TypeName(v))
	case syntax.INV:
		switch t := v.(type) {
		case value.Int:
			return ^t
		case value.Bool:
			return value.Int(^boolInt(t))
		}
		e.failf("bad operand type for unary ~: '%s'", value.TypeName(v))
	}
	e.failf("unsupported unary operator %s", x.Op)
	return nil
}

func (e *Evaluator) binary(en *env, x *ast.BinaryExpr) value.Value {
	switch x.Op {
	case syntax.AND:
		l := e.expr(en, x.X)
		if !value.Truthy(l) {
			return l
		}
		return e.expr(en, x.Y)
	case syntax.OR:
		l := e.expr(en, x.X)
		if value.Truthy(l) {
			return l
		}
		return e.expr(en, x.Y)
	}
	l := e.expr(en, x.X)
	r := e.expr(en, x.Y)
	switch x.Op {
	case syntax.EQL, syntax.NEQ, syntax.LSS, syntax.LEQ, syntax.GTR, syntax.GEQ,
		syntax.IN, syntax.NOT_IN, syntax.IS, syntax.IS_NOT, syntax.NOT:
		return e.compareOp(x.Op, l, r, x)
	}
	return e.binaryOp(x.Op, l, r, x)
}

func (e *Evaluator) compareOp(op syntax.Token, l, r value.Value, n ast.Node) value.Value {
	switch op {
	case syntax.EQL:
		return value.Bool(value.Equal(l, r))
	case syntax.NEQ:
		return value.Bool(!value.Equal(l, r))
	case syntax.IN:
		return value.Bool(value.Contains(r, l))
	case syntax.NOT_IN:
		return value.Bool(!value.Contains(r, l))
	case syntax.IS:
		return value.Bool(identical(l, r))
	case syntax.IS_NOT, syntax.NOT:
		return value.Bool(!identical(l, r))
	}
	var opStr string
	switch op {
	case syntax.LSS:
		opStr = "<"
	case syntax.LEQ:
		opStr = "<="
	case syntax.GTR:
		opStr = ">"
	case syntax.GEQ:
		opStr = ">="
	}
	c, err := value.Compare(l, r, opStr)
	if err != nil {
		e.failf("'%s' not supported between instances of '%s' and '%s'", opStr, value.TypeName(l), value.TypeName(r))
	}
	switch op {
	case syntax.LSS:
		return value.Bool(c < 0)
	case syntax.LEQ:
		return value.Bool(c <= 0)
	case syntax.GTR:
		return value.Bool(c > 0)
	}
	return value.Bool(c >= 0)
}

// identical implements `is`: identity for containers, equality for
// scalars (as upstream compares primitive values).
func identical(a, b value.Value) bool {
	if a == nil {
		a = value.Undefined
	}
	if b == nil {
		b = value.Undefined
	}
	switch x := a.(type) {
	case *value.List, *value.Dict, *value.Schema, *value.Func:
		return a == b
	case value.Int, value.Float, value.Bool, value.Str, value.Unit:
		if a.Kind() != b.Kind() {
			return false
		}
		return value.Equal(x, b)
	}
	return a == b
}

// binaryOp applies an arithmetic, bitwise or union operator.
func (e *Evaluator) binaryOp(op syntax.Token, l, r value.Value, n ast.Node) value.Value {
	strict32 := e.opts.StrictRangeCheck
	strict64 := e.opts.Debug || !e.opts.StrictRangeCheck
	// bools behave as ints in arithmetic
	li, lInt := l.(value.Int)
	ri, rInt := r.(value.Int)
	_, lFloat := l.(value.Float)
	_, rFloat := r.(value.Float)
	bothNum := (lInt || lFloat) && (rInt || rFloat)
	toF := func(v value.Value) float64 { f, _ := value.AsFloat(v); return f }
	unsupported := func(sym string) value.Value {
		e.failf("unsupported operand type(s) for %s: '%s' and '%s'", sym, value.TypeName(l), value.TypeName(r))
		return nil
	}
	checkInt := func(res *big.Int) value.Value {
		if strict32 && !res.IsInt64() || strict32 && (res.Int64() > math.MaxInt32 || res.Int64() < math.MinInt32) {
			e.failf("%s: A 32 bit integer overflow", res.String())
		}
		if strict64 && !res.IsInt64() {
			e.failf("%s: A 64 bit integer overflow", res.String())
		}
		return value.Int(res.Int64())
	}
	checkFloat := func(f float64) value.Value {
		if strict32 && (f > math.MaxFloat32 || f < -math.MaxFloat32) {
			e.failf("%s: A 32-bit floating point number overflow", value.PyFloatString(f))
		}
		return value.Float(f)
	}
	switch op {
	case syntax.ADD:
		switch {
		case lInt && rInt:
			if s := li + ri; !strict32 && ((li >= 0) != (ri >= 0) || (s >= 0) == (li >= 0)) {
				return s // no overflow (fast path)
			}
			return checkInt(new(big.Int).Add(big.NewInt(int64(li)), big.NewInt(int64(ri))))
		case bothNum:
			return checkFloat(toF(l) + toF(r))
		}
		switch x := l.(type) {
		case value.Str:
			if y, ok := r.(value.Str); ok {
				e.checkSize(len(x) + len(y))
				return x + y
			}
		case *value.List:
			if y, ok := r.(*value.List); ok {
				e.checkSize(len(x.Items) + len(y.Items))
				e.reserve(int64(len(x.Items)+len(y.Items)) * 16)
				out := make([]value.Value, 0, len(x.Items)+len(y.Items))
				out = append(out, x.Items...)
				out = append(out, y.Items...)
				return &value.List{Items: out}
			}
			e.failf("can only concatenate list (not \"%s\") to list", value.TypeName(r))
		}
		return unsupported("+")
	case syntax.SUB:
		switch {
		case lInt && rInt:
			if s := li - ri; !strict32 && ((li >= 0) == (ri >= 0) || (s >= 0) == (li >= 0)) {
				return s // no overflow (fast path)
			}
			return checkInt(new(big.Int).Sub(big.NewInt(int64(li)), big.NewInt(int64(ri))))
		case bothNum:
			return checkFloat(toF(l) - toF(r))
		}
		return unsupported("-")
	case syntax.MUL:
		switch {
		case lInt && rInt:
			if !strict32 && li > math.MinInt32 && li < math.MaxInt32 && ri > math.MinInt32 && ri < math.MaxInt32 {
				return li * ri // fits in 63 bits (fast path)
			}
			return checkInt(new(big.Int).Mul(big.NewInt(int64(li)), big.NewInt(int64(ri))))
		case bothNum:
			return checkFloat(toF(l) * toF(r))
		}
		if s, ok := l.(value.Str); ok && rInt {
			return e.repeatStr(s, int64(ri))
		}
		if s, ok := r.(value.Str); ok && lInt {
			return e.repeatStr(s, int64(li))
		}
		if lst, ok := l.(*value.List); ok && rInt {
			return e.repeatList(lst, int64(ri))
		}
		if lst, ok := r.(*value.List); ok && lInt {
			return e.repeatList(lst, int64(li))
		}
		return unsupported("*")
	case syntax.QUO:
		if bothNum {
			d := toF(r)
			if d == 0 {
				e.failf("float division by zero")
			}
			return checkFloat(toF(l) / d)
		}
		return unsupported("/")
	case syntax.FLOORDIV:
		switch {
		case lInt && rInt:
			if ri == 0 {
				e.failf("integer division or modulo by zero")
			}
			q := li / ri
			if (li < 0) != (ri < 0) && li%ri != 0 {
				q--
			}
			return q
		case bothNum:
			d := toF(r)
			if d == 0 {
				e.failf("float divmod()")
			}
			return value.Float(math.Floor(toF(l) / d))
		}
		return unsupported("//")
	case syntax.REM:
		switch {
		case lInt && rInt:
			if ri == 0 {
				e.failf("integer division or modulo by zero")
			}
			m := li % ri
			if m != 0 && (li < 0) != (ri < 0) {
				m += ri
			}
			return m
		case bothNum:
			d := toF(r)
			if d == 0 {
				e.failf("float modulo")
			}
			m := math.Mod(toF(l), d)
			if m != 0 && (m < 0) != (d < 0) {
				m += d
			}
			return value.Float(m)
		}
		return unsupported("%")
	case syntax.POW:
		switch {
		case lInt && rInt:
			if ri < 0 {
				return checkFloat(math.Pow(float64(li), float64(ri)))
			}
			e.checkPow(int64(li), int64(ri))
			res := new(big.Int).Exp(big.NewInt(int64(li)), big.NewInt(int64(ri)), nil)
			return checkInt(res)
		case bothNum:
			return checkFloat(math.Pow(toF(l), toF(r)))
		}
		return unsupported("**")
	case syntax.SHL:
		if lInt && rInt {
			if ri < 0 {
				e.failf("negative shift count")
			}
			if ri > 4096 {
				return checkInt(new(big.Int).Lsh(big.NewInt(int64(li)), 4096))
			}
			return checkInt(new(big.Int).Lsh(big.NewInt(int64(li)), uint(ri)))
		}
		return unsupported("<<")
	case syntax.SHR:
		if lInt && rInt {
			if ri < 0 {
				e.failf("negative shift count")
			}
			if ri >= 64 {
				if li < 0 {
					return value.Int(-1)
				}
				return value.Int(0)
			}
			return li >> uint(ri)
		}
		return unsupported(">>")
	case syntax.AND_BIT:
		if lInt && rInt {
			return li & ri
		}
		return unsupported("&")
	case syntax.XOR:
		if lInt && rInt {
			return li ^ ri
		}
		return unsupported("^")
	case syntax.OR_BIT:
		return e.bitOr(l, r, n)
	}
	e.failf("unsupported operator %s", op)
	return nil
}

// bitOr implements `|`: int bitwise or, else union of configs/lists.
func (e *Evaluator) bitOr(l, r value.Value, n ast.Node) value.Value {
	if li, ok := l.(value.Int); ok {
		if ri, ok := r.(value.Int); ok {
			return li | ri
		}
	}
	if value.IsNullish(l) {
		return r
	}
	if value.IsNullish(r) {
		return l
	}
	return e.union(value.DeepCopy(l), r, unionOpts{or: true, idempotent: true})
}

func (e *Evaluator) repeatStr(s value.Str, n int64) value.Value {
	if n <= 0 {
		return value.Str("")
	}
	e.checkRepeat(n, len(s))
	e.reserve(n * int64(len(s)))
	return value.Str(strings.Repeat(string(s), int(n)))
}

func (e *Evaluator) repeatList(l *value.List, n int64) value.Value {
	if n <= 0 {
		return value.NewList()
	}
	e.checkRepeat(n, len(l.Items))
	e.reserve(n * int64(len(l.Items)) * 16)
	out := make([]value.Value, 0, int(n)*len(l.Items))
	for i := int64(0); i < n; i++ {
		out = append(out, l.Items...)
	}
	return &value.List{Items: out}
}

// ---------------------------------------------------------------------------
// Lists and comprehensions

func (e *Evaluator) listElts(en *env, elts []ast.Expr, l *value.List) {
	for _, el := range elts {
		switch el := el.(type) {
		case *ast.StarredExpr:
			v := e.expr(en, el.X)
			switch t := v.(type) {
			case *value.List:
				e.checkSize(len(l.Items) + len(t.Items))
				l.Items = append(l.Items, t.Items...)
			case *value.Dict:
				for _, k := range t.Keys() {
					l.Items = append(l.Items, value.Str(k))
				}
			case *value.Schema:
				for _, k := range t.Attrs.Keys() {
					l.Items = append(l.Items, value.Str(k))
				}
			case value.Str:
				items, _ := value.Iterate(t)
				l.Items = append(l.Items, items...)
			default:
				if !value.IsNullish(v) {
					e.failf("'%s' object is not iterable", value.TypeName(v))
				}
			}
		case *ast.ListIfItem:
			e.listIfItem(en, el, l)
		default:
			l.Items = append(l.Items, e.expr(en, el))
		}
	}
}

func (e *Evaluator) listIfItem(en *env, it *ast.ListIfItem, l *value.List) {
	if value.Truthy(e.expr(en, it.Cond)) {
		e.listElts(en, it.Elts, l)
		return
	}
	switch el := it.Else.(type) {
	case *ast.ListIfItem:
		e.listIfItem(en, el, l)
	case *ast.ListElse:
		e.listElts(en, el.Elts, l)
	}
}

// comprehension runs the generators and calls body for each binding.
func (e *Evaluator) comprehension(en *env, gens []*ast.CompClause, body func(*env)) {
	ce := en.child(envComp)
	var rec func(i int)
	rec = func(i int) {
		if i == len(gens) {
			body(ce)
			return
		}
		g := gens[i]
		iter := e.expr(ce, g.Iter)
		e.iterate(ce, iter, g.Targets, g, func() {
			for _, cond := range g.Ifs {
				if !value.Truthy(e.expr(ce, cond)) {
					return
				}
			}
			rec(i + 1)
		})
	}
	rec(0)
}

// iterate binds targets for each item of v in en and calls f.
func (e *Evaluator) iterate(en *env, v value.Value, targets []*ast.Ident, n ast.Node, f func()) {
	bind := func(name string, x value.Value) { en.set(name, x) }
	switch t := v.(type) {
	case *value.Dict, *value.Schema:
		var d *value.Dict
		if s, ok := t.(*value.Schema); ok {
			d = s.Attrs
		} else {
			d = t.(*value.Dict)
		}
		keys := d.Keys()
		for _, k := range keys {
			val, _ := d.Get(k)
			if len(targets) >= 2 {
				bind(targets[0].Name, value.Str(k))
				bind(targets[1].Name, val)
			} else if len(targets) == 1 {
				bind(targets[0].Name, value.Str(k))
			}
			f()
		}
		return
	case *value.List:
		items := t.Items
		for i := 0; i < len(items); i++ {
			if len(targets) >= 2 {
				bind(targets[0].Name, value.Int(i))
				bind(targets[1].Name, items[i])
			} else if len(targets) == 1 {
				bind(targets[0].Name, items[i])
			}
			f()
		}
		return
	case value.Str:
		i := 0
		for _, r := range string(t) {
			if len(targets) >= 2 {
				bind(targets[0].Name, value.Int(i))
				bind(targets[1].Name, value.Str(string(r)))
			} else if len(targets) == 1 {
				bind(targets[0].Name, value.Str(string(r)))
			}
			i++
			f()
		}
		return
	}
	if value.IsNullish(v) {
		return
	}
	fail(e.errAt(value.EvaluationError, sprintf("'%s' object is not iterable", value.TypeName(v))))
}

func (e *Evaluator) listComp(en *env, x *ast.ListComp) value.Value {
	out := value.NewList()
	e.comprehension(en, x.Generators, func(ce *env) {
		if st, ok := x.Elt.(*ast.StarredExpr); ok {
			tmp := value.NewList()
			e.listElts(ce, []ast.Expr{st}, tmp)
			e.checkSize(len(out.Items) + len(tmp.Items))
			out.Items = append(out.Items, tmp.Items...)
			return
		}
		out.Items = append(out.Items, e.expr(ce, x.Elt))
		if len(out.Items) > e.opts.MaxItems {
			e.checkSize(len(out.Items))
		}
	})
	return out
}

func (e *Evaluator) dictComp(en *env, x *ast.DictComp) value.Value {
	out := value.NewDict()
	e.comprehension(en, x.Generators, func(ce *env) {
		ent := x.Entry
		v := value.DeepCopy(e.expr(ce, ent.Value))
		k := keyString(e.expr(ce, ent.Key))
		e.dictInsert(out, k, v, opOf(ent.Op), -1)
	})
	return out
}

func (e *Evaluator) quant(en *env, x *ast.QuantExpr) value.Value {
	target := e.expr(en, x.Target)
	ce := en.child(envComp)
	var result value.Value
	var outList *value.List
	var outDict *value.Dict
	switch x.Op {
	case syntax.ALL:
		result = value.True
	case syntax.ANY:
		result = value.False
	case syntax.MAP:
		outList = value.NewList()
	case syntax.FILTER:
		switch target.(type) {
		case *value.Dict, *value.Schema:
			outDict = value.NewDict()
		default:
			outList = value.NewList()
		}
	}
	stop := false
	srcDict := value.ConfigDict(target)
	func() {
		defer func() {
			if r := recover(); r != nil {
				if _, ok := r.(quantStop); ok {
					return
				}
				panic(r)
			}
		}()
		e.iterate(ce, target, x.Vars, x, func() {
			if stop {
				panic(quantStop{})
			}
			if x.IfCond != nil && !value.Truthy(e.expr(ce, x.IfCond)) {
				return
			}
			switch x.Op {
			case syntax.ALL:
				if !value.Truthy(e.expr(ce, x.Test)) {
					result = value.False
					stop = true
					panic(quantStop{})
				}
			case syntax.ANY:
				if value.Truthy(e.expr(ce, x.Test)) {
					result = value.True
					stop = true
					panic(quantStop{})
				}
			case syntax.MAP:
				outList.Items = append(outList.Items, e.expr(ce, x.Test))
			case syntax.FILTER:
				if value.Truthy(e.expr(ce, x.Test)) {
					if outDict != nil {
						kv, _ := ce.vars.get(x.Vars[0].Name)
						k, _ := kv.(value.Str)
						v, _ := srcDict.Get(string(k))
						outDict.Set(string(k), v)
					} else {
						var item value.Value
						if len(x.Vars) >= 2 {
							item, _ = ce.vars.get(x.Vars[1].Name)
						} else {
							item, _ = ce.vars.get(x.Vars[0].Name)
						}
						outList.Items = append(outList.Items, item)
					}
				}
			}
		})
	}()
	switch x.Op {
	case syntax.MAP:
		return outList
	case syntax.FILTER:
		if outDict != nil {
			return outDict
		}
		return outList
	}
	return result
}

type quantStop struct{}

// keyString converts a dict key value to its string form.
func keyString(v value.Value) string {
	if s, ok := v.(value.Str); ok {
		return string(s)
	}
	return value.ToString(v)
}

// strLit returns the decoded value of a string literal (cached).
func (e *Evaluator) strLit(x *ast.StringLit) string {
	if s, ok := e.strCache[x]; ok {
		return s
	}
	s := x.Value()
	if e.strCache == nil {
		e.strCache = map[*ast.StringLit]string{}
	}
	e.strCache[x] = s
	return s
}
