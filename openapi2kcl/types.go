package openapi2kcl

import (
	"strings"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/syntax"
	"github.com/kclx-dev/kclx/x2kcl"
)

// ktype is a KCL type: a basic type, a list, a dict, a schema (possibly
// from another package), a union, or a literal.
type ktype struct {
	kind  typeKind
	name  string // basic type name or schema name
	pkg   string // package path of a schema from another package
	alias string // the name that package is imported as
	elem  *ktype // list element or dict value
	union []*ktype
	lit   *x2kcl.Node
}

type typeKind uint8

const (
	tBasic typeKind = iota // str, int, float, bool, any
	tList
	tDict
	tSchema
	tUnion
	tLit
)

func basic(name string) *ktype { return &ktype{kind: tBasic, name: name} }

var (
	tAny      = basic("any")
	tIntOrStr = &ktype{kind: tUnion, union: []*ktype{basic("int"), basic("str")}}
)

func listOf(e *ktype) *ktype { return &ktype{kind: tList, elem: e} }
func dictOf(e *ktype) *ktype { return &ktype{kind: tDict, elem: e} }

// String writes the type as upstream's doc strings show it.
func (t *ktype) String() string {
	switch t.kind {
	case tBasic:
		return t.name
	case tList:
		return "[" + t.elem.String() + "]"
	case tDict:
		return "{str:" + t.elem.String() + "}"
	case tSchema:
		n := escapeModel(t.name)
		if t.alias != "" {
			return t.alias + "." + n
		}
		return n
	case tUnion:
		parts := make([]string, len(t.union))
		for i, u := range t.union {
			parts[i] = u.String()
		}
		return strings.Join(parts, " | ")
	case tLit:
		return kclValueText(t.lit)
	}
	return "any"
}

// escapeModel writes a reserved schema name as $name.
func escapeModel(n string) string {
	if reservedWords[n] {
		return "$" + n
	}
	return n
}

// schemaIdent returns the identifier of a schema name.
func schemaIdent(n string) *ast.Ident {
	return &ast.Ident{Name: n, Escaped: reservedWords[n]}
}

// AST returns the type as a syntax tree.
func (t *ktype) AST() ast.Type {
	switch t.kind {
	case tBasic:
		return &ast.NamedType{Name: &ast.Ident{Name: t.name}}
	case tList:
		return &ast.ListType{Elem: t.elem.AST()}
	case tDict:
		return &ast.DictType{Key: &ast.NamedType{Name: &ast.Ident{Name: "str"}}, Value: t.elem.AST()}
	case tSchema:
		if t.alias != "" {
			return &ast.NamedType{Name: &ast.SelectorExpr{X: &ast.Ident{Name: t.alias}, Sel: schemaIdent(t.name)}}
		}
		return &ast.NamedType{Name: schemaIdent(t.name)}
	case tUnion:
		u := &ast.UnionType{}
		for _, m := range t.union {
			u.Types = append(u.Types, m.AST())
		}
		return u
	case tLit:
		return &ast.LiteralType{Lit: kclValue(t.lit)}
	}
	return &ast.NamedType{Name: &ast.Ident{Name: "any"}}
}

// literalable reports whether a value can be a literal type.
func literalable(n *x2kcl.Node) bool {
	switch n.Kind {
	case x2kcl.String, x2kcl.Bool:
		return true
	case x2kcl.Int, x2kcl.Float:
		return n.Num >= 0
	}
	return false
}

// kclValue converts a default, example or enum value to an expression the
// way upstream writes it: strings in double quotes, numbers as Go prints
// them, True/False/None, and inline lists and {"key": value} dicts.
func kclValue(n *x2kcl.Node) ast.Expr {
	switch n.Kind {
	case x2kcl.Null:
		return &ast.NameConstant{Value: syntax.NONE}
	case x2kcl.Bool:
		if n.IsTrue() {
			return &ast.NameConstant{Value: syntax.TRUE}
		}
		return &ast.NameConstant{Value: syntax.FALSE}
	case x2kcl.Int, x2kcl.Float:
		text, _ := numberText(n)
		return x2kcl.NumberLit(text)
	case x2kcl.String:
		return quoted(n.Text)
	case x2kcl.List:
		l := &ast.ListExpr{}
		for _, it := range n.Items {
			l.Elts = append(l.Elts, kclValue(it))
		}
		return l
	case x2kcl.Map:
		c := &ast.ConfigExpr{}
		for _, p := range n.Pairs {
			c.Entries = append(c.Entries, &ast.ConfigEntry{Key: quoted(p.Key), Op: syntax.COLON, Value: kclValue(p.Value)})
		}
		return c
	}
	return &ast.NameConstant{Value: syntax.NONE}
}

// kclValueText is kclValue as text (for doc strings).
func kclValueText(n *x2kcl.Node) string {
	var b strings.Builder
	writeValue(&b, n)
	return b.String()
}

func writeValue(b *strings.Builder, n *x2kcl.Node) {
	switch n.Kind {
	case x2kcl.Null:
		b.WriteString("None")
	case x2kcl.Bool:
		if n.IsTrue() {
			b.WriteString("True")
		} else {
			b.WriteString("False")
		}
	case x2kcl.Int, x2kcl.Float:
		t, _ := numberText(n)
		b.WriteString(t)
	case x2kcl.String:
		b.WriteString(quoted(n.Text).Raw)
	case x2kcl.List:
		b.WriteByte('[')
		for i, it := range n.Items {
			if i > 0 {
				b.WriteString(", ")
			}
			writeValue(b, it)
		}
		b.WriteByte(']')
	case x2kcl.Map:
		b.WriteByte('{')
		for i, p := range n.Pairs {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(quoted(p.Key).Raw)
			b.WriteString(": ")
			writeValue(b, p.Value)
		}
		b.WriteByte('}')
	}
}

// numberText writes a number as Go's %v does for the decoded value: an
// integer as is, a float in the shortest form (1e+06 for a million).
func numberText(n *x2kcl.Node) (string, syntax.Token) {
	if n.Kind == x2kcl.Int {
		return n.Text, syntax.INT
	}
	return formatFloat(n.Num), syntax.FLOAT
}

// quoted returns "s" as upstream writes it (no escaping when the result is
// a valid literal; escaped otherwise).
func quoted(s string) *ast.StringLit {
	return x2kcl.KeyString(s)
}
