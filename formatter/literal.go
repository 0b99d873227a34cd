package formatter

import (
	"math/big"
	"strconv"
	"strings"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/syntax"
)

// typ prints a type annotation in upstream's canonical spelling: `|` with
// one space on each side, `{K:V}` without spaces, string literal types in
// double quotes.
func (p *printer) typ(t ast.Type) {
	switch t := t.(type) {
	case nil:
	case *ast.BadType:
	case *ast.NamedType:
		p.typeName(t.Name)
	case *ast.ListType:
		p.writeByte('[')
		p.typ(t.Elem)
		p.writeByte(']')
	case *ast.DictType:
		p.writeByte('{')
		p.typ(t.Key)
		p.writeByte(':')
		p.typ(t.Value)
		p.writeByte('}')
	case *ast.UnionType:
		if len(t.Types) == 0 {
			p.write("any")
		}
		for i, e := range t.Types {
			if i > 0 {
				p.write(" | ")
			}
			p.typ(e)
		}
	case *ast.LiteralType:
		switch l := t.Lit.(type) {
		case *ast.StringLit:
			if l.Raw != "" && isPlainDoubleQuoted(l.Raw) {
				p.write(l.Raw)
			} else {
				p.write(syntax.Quote(l.Value()))
			}
		case *ast.BasicLit:
			p.write(formatNumber(l))
		case *ast.NameConstant:
			p.write(l.Value.String())
		default:
			p.expr(t.Lit)
		}
	case *ast.FuncType:
		p.writeByte('(')
		commaSep(p, t.Params, p.typ)
		p.writeByte(')')
		if t.Ret != nil {
			p.write(" -> ")
			p.typ(t.Ret)
		}
	}
}

// typeName prints a possibly qualified type name. `any` is a keyword but
// a plain type name, so names are written as they were (with `$` only when
// escaped in the source).
func (p *printer) typeName(x ast.Expr) {
	switch x := x.(type) {
	case *ast.Ident:
		if x.Escaped {
			p.writeByte('$')
		}
		p.write(x.Name)
	case *ast.SelectorExpr:
		p.typeName(x.X)
		p.writeByte('.')
		p.typeName(x.Sel)
	default:
		p.expr(x)
	}
}

// isPlainDoubleQuoted reports whether raw is a one-line "..." literal
// without prefix.
func isPlainDoubleQuoted(raw string) bool {
	return len(raw) >= 2 && raw[0] == '"' && raw[len(raw)-1] == '"' && !strings.HasPrefix(raw, `"""`)
}

// formatNumber returns the canonical spelling of a number literal: an
// integer in decimal (0x11 prints as 17, 1_000 as 1000), a float in its
// shortest round-trip decimal form, then the unit suffix. Unlike
// upstream, a float whose value is integral keeps a ".0" so that it stays
// a float (upstream prints 1.0 as 1).
func formatNumber(l *ast.BasicLit) string {
	v := l.Value
	num, suffix := splitSuffix(v)
	switch l.Kind {
	case syntax.INT:
		if n, ok := parseInt(num); ok {
			return n.String() + suffix
		}
	case syntax.FLOAT:
		f, err := strconv.ParseFloat(strings.ReplaceAll(num, "_", ""), 64)
		if err == nil {
			s := strconv.FormatFloat(f, 'f', -1, 64)
			if !strings.ContainsAny(s, ".IN") { // not Inf/NaN
				s += ".0"
			}
			return s + suffix
		}
	}
	return v
}

// splitSuffix splits a number literal into digits and unit suffix (Ki, M...).
func splitSuffix(v string) (num, suffix string) {
	for _, n := range []int{2, 1} {
		if len(v) > n && syntax.IsUnitSuffix(v[len(v)-n:]) {
			head := v[:len(v)-n]
			// a hex literal may end in what looks like a suffix letter
			if strings.HasPrefix(head, "0x") || strings.HasPrefix(head, "0X") {
				continue
			}
			return head, v[len(v)-n:]
		}
	}
	return v, ""
}

// parseInt parses a KCL integer literal (decimal, 0x, 0o, 0b, or a
// leading-zero octal).
func parseInt(s string) (*big.Int, bool) {
	s = strings.ReplaceAll(s, "_", "")
	n := new(big.Int)
	switch {
	case len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'):
		_, ok := n.SetString(s[2:], 16)
		return n, ok
	case len(s) > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'O'):
		_, ok := n.SetString(s[2:], 8)
		return n, ok
	case len(s) > 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B'):
		_, ok := n.SetString(s[2:], 2)
		return n, ok
	case len(s) > 1 && s[0] == '0':
		_, ok := n.SetString(s[1:], 8)
		return n, ok
	}
	_, ok := n.SetString(s, 10)
	return n, ok
}
