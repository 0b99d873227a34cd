package openapi2kcl

import (
	"strconv"
	"strings"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/syntax"
	"github.com/kclx-dev/kclx/x2kcl"
)

// check is one line of a schema's check block: test [if cond].
type check struct {
	test ast.Expr
	cond ast.Expr
}

func ident(name string) *ast.Ident { return &ast.Ident{Name: name, Escaped: reservedWords[name]} }

func call(fn string, args ...ast.Expr) ast.Expr {
	return &ast.CallExpr{Fun: &ast.Ident{Name: fn}, Args: args}
}

func lenOf(x ast.Expr) ast.Expr { return call("len", x) }

func cmp(x ast.Expr, op syntax.Token, y ast.Expr) ast.Expr {
	return &ast.BinaryExpr{X: x, Op: op, Y: y}
}

// number writes a bound as upstream does (Go's %v of a float64).
func number(f float64) ast.Expr { return x2kcl.NumberLit(formatFloat(f)) }

func intLit(i int64) ast.Expr {
	if i < 0 {
		return &ast.UnaryExpr{Op: syntax.SUB, X: &ast.BasicLit{Kind: syntax.INT, Value: strconv.FormatInt(-i, 10)}}
	}
	return &ast.BasicLit{Kind: syntax.INT, Value: strconv.FormatInt(i, 10)}
}

// notNullish is `x not in [None, Undefined]`.
func notNullish(x ast.Expr) ast.Expr {
	return &ast.BinaryExpr{X: x, Op: syntax.NOT_IN, Y: &ast.ListExpr{Elts: []ast.Expr{
		&ast.NameConstant{Value: syntax.NONE}, &ast.NameConstant{Value: syntax.UNDEFINED},
	}}}
}

// rawPattern writes a regular expression as r"..." when that holds it,
// escaped otherwise.
func rawPattern(p string) *ast.StringLit {
	if !strings.ContainsAny(p, "\"\n\r") && !strings.HasSuffix(p, `\`) && (len(p)-len(strings.TrimRight(p, `\`)))%2 == 0 {
		return &ast.StringLit{Raw: `r"` + p + `"`}
	}
	return &ast.StringLit{Raw: syntax.Quote(p)}
}

// checks returns the check lines for property name with schema s, the
// way upstream writes them: the constraints of the value, then those of
// list items and dict values (one quantifier line per constraint), then
// those of inline allOf members. An attribute whose name needs quotes
// cannot be named in a check; upstream writes a placeholder line for it.
func (g *generator) checks(c ctx, s *schema, name string, required bool) []check {
	var out []check
	g.schemaValidator(c, s, name, required, &out)
	return out
}

// direct reports whether s has constraints of its own.
func direct(s *schema) bool {
	return s != nil && (s.Maximum != nil || s.Minimum != nil || s.MultipleOf != nil || s.MaxLength != nil ||
		s.MinLength != nil || s.Pattern != "" || s.MaxItems != nil || s.MinItems != nil || s.UniqueItems)
}

// nested reports whether the items or values of s have constraints.
func nested(s *schema) bool {
	return s != nil && (direct(s.Items) || direct(s.AdditionalProperties))
}

func (g *generator) schemaValidator(c ctx, s *schema, name string, required bool, out *[]check) {
	if s == nil || s.Ref != "" {
		return
	}
	if !direct(s) && s.Items == nil && s.AdditionalProperties == nil && !s.AdditionalAllowed && len(s.AllOf) == 0 {
		return
	}
	if isPlainName(name) {
		x := ident(name)
		g.expression(c, s, x, required, func(ch check) { *out = append(*out, ch) })
		g.collection(c, s, x, 1, 1, func(ch check) { *out = append(*out, ch) })
	} else {
		*out = append(*out, check{test: &ast.Ident{Name: `True  # Skip validations for "` + name + `"`}})
	}
	for _, m := range s.AllOf {
		g.schemaValidator(c, m, name, required, out)
	}
}

// expression emits the constraints of one value x.
func (g *generator) expression(c ctx, s *schema, x ast.Expr, required bool, emit func(check)) {
	if s == nil || s.Ref != "" {
		return
	}
	add := func(test ast.Expr, valueGuard bool) {
		ch := check{test: test}
		if !required {
			if valueGuard {
				ch.cond = notNullish(x)
			} else {
				ch.cond = x
			}
		}
		emit(ch)
	}
	if s.Maximum != nil {
		op := syntax.LEQ
		if s.ExclusiveMaximum {
			op = syntax.LSS
		}
		add(cmp(x, op, number(*s.Maximum)), true)
	}
	if s.Minimum != nil {
		op := syntax.GEQ
		if s.ExclusiveMinimum {
			op = syntax.GTR
		}
		add(cmp(x, op, number(*s.Minimum)), true)
	}
	if s.MaxLength != nil {
		add(cmp(lenOf(x), syntax.LEQ, intLit(*s.MaxLength)), true)
	}
	if s.MinLength != nil {
		add(cmp(lenOf(x), syntax.GEQ, intLit(*s.MinLength)), true)
	}
	if s.Pattern != "" {
		c.m.regex = true
		if s.firstType() == "array" {
			i := &ast.Ident{Name: "i"}
			add(&ast.QuantExpr{Op: syntax.ALL, Vars: []*ast.Ident{i}, Target: x,
				Test: call("_regex_match", call("str", i), rawPattern(s.Pattern)), IfCond: i}, false)
		} else {
			add(call("_regex_match", call("str", x), rawPattern(s.Pattern)), false)
		}
	}
	if s.UniqueItems {
		add(call("isunique", x), false)
	}
	if s.MinItems != nil {
		add(cmp(lenOf(x), syntax.GEQ, intLit(*s.MinItems)), false)
	}
	if s.MaxItems != nil {
		add(cmp(lenOf(x), syntax.LEQ, intLit(*s.MaxItems)), false)
	}
	if s.MultipleOf != nil {
		add(call("multiplyof", call("int", x), call("int", number(*s.MultipleOf))), false)
	}
}

// collection emits the constraints of the items and values of x, each
// inside a quantifier over x: `all i in x { ... } if x`.
func (g *generator) collection(c ctx, s *schema, x ast.Expr, idepth, kdepth int, emit func(check)) {
	wrap := func(vars []*ast.Ident) func(check) {
		return func(inner check) {
			emit(check{test: &ast.QuantExpr{Op: syntax.ALL, Vars: vars, Target: x, Test: inner.test, IfCond: inner.cond}, cond: x})
		}
	}
	if it := s.Items; it != nil && it.Ref == "" && (direct(it) || nested(it)) {
		v := &ast.Ident{Name: strings.Repeat("i", idepth)}
		w := wrap([]*ast.Ident{v})
		if direct(it) {
			g.expression(c, it, v, false, w)
		}
		if nested(it) {
			g.collection(c, it, v, idepth+1, kdepth, w)
		}
	}
	if ap := s.AdditionalProperties; ap != nil && ap.Ref == "" && (direct(ap) || nested(ap)) {
		v := &ast.Ident{Name: strings.Repeat("k", kdepth)}
		w := wrap([]*ast.Ident{{Name: "_"}, v})
		if direct(ap) {
			g.expression(c, ap, v, false, w)
		}
		if nested(ap) {
			g.collection(c, ap, v, idepth, kdepth+1, w)
		}
	}
}
