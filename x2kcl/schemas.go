package x2kcl

import (
	"sort"
	"strconv"
	"strings"

	"github.com/kclx-dev/kclx/formatter"
	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/syntax"
)

// This file holds the schema model shared by the JSON Schema and
// Terraform converters, whose upstream (kcl-go) writes schemas the same
// way: a doc string with an Attributes section, one attribute per line and
// a check block.

// TypeKind is the kind of a Type.
type TypeKind uint8

// Type kinds.
const (
	TPrim  TypeKind = iota // str, int, float, bool, any
	TList                  // [Elem]
	TDict                  // {str:Elem}
	TUnion                 // A | B
	TNamed                 // a schema name
	TValue                 // a literal
)

// Type is a KCL type of a generated attribute.
type Type struct {
	Kind  TypeKind
	Name  string  // TPrim, TNamed
	Elem  *Type   // TList, TDict
	Union []*Type // TUnion
	Value *Node   // TValue
}

// Prim returns a basic type.
func Prim(name string) *Type { return &Type{Kind: TPrim, Name: name} }

// Named returns a schema type.
func Named(name string) *Type { return &Type{Kind: TNamed, Name: name} }

// ListOf returns [elem].
func ListOf(elem *Type) *Type { return &Type{Kind: TList, Elem: elem} }

// DictOf returns {str:elem}.
func DictOf(elem *Type) *Type { return &Type{Kind: TDict, Elem: elem} }

// UnionOf returns the union of ts (nested unions are kept as written).
func UnionOf(ts ...*Type) *Type { return &Type{Kind: TUnion, Union: ts} }

// ValueType returns a literal type.
func ValueType(v *Node) *Type { return &Type{Kind: TValue, Value: v} }

// members returns the flattened members of a union (nil and empty unions
// dropped).
func (t *Type) members(out []*Type) []*Type {
	if t == nil {
		return out
	}
	if t.Kind == TUnion {
		for _, u := range t.Union {
			out = u.members(out)
		}
		return out
	}
	return append(out, t)
}

// String writes the type as upstream's doc strings show it. An empty
// union is "any".
func (t *Type) String() string {
	if t == nil {
		return "any"
	}
	switch t.Kind {
	case TPrim, TNamed:
		return t.Name
	case TList:
		return "[" + t.Elem.String() + "]"
	case TDict:
		return "{str:" + t.Elem.String() + "}"
	case TUnion:
		ms := t.members(nil)
		if len(ms) == 0 {
			return "any"
		}
		parts := make([]string, len(ms))
		for i, m := range ms {
			parts[i] = m.String()
		}
		return strings.Join(parts, " | ")
	case TValue:
		return ValueText(t.Value, true)
	}
	return "any"
}

// AST returns the type as a syntax tree.
func (t *Type) AST() ast.Type {
	if t == nil {
		return &ast.NamedType{Name: &ast.Ident{Name: "any"}}
	}
	switch t.Kind {
	case TPrim:
		return &ast.NamedType{Name: &ast.Ident{Name: t.Name}}
	case TNamed:
		return &ast.NamedType{Name: &ast.Ident{Name: t.Name, Escaped: IsKeyword(t.Name)}}
	case TList:
		return &ast.ListType{Elem: t.Elem.AST()}
	case TDict:
		return &ast.DictType{Key: &ast.NamedType{Name: &ast.Ident{Name: "str"}}, Value: t.Elem.AST()}
	case TUnion:
		ms := t.members(nil)
		switch len(ms) {
		case 0:
			return &ast.NamedType{Name: &ast.Ident{Name: "any"}}
		case 1:
			return ms[0].AST()
		}
		u := &ast.UnionType{}
		for _, m := range ms {
			u.Types = append(u.Types, m.AST())
		}
		return u
	case TValue:
		return &ast.LiteralType{Lit: ValueExpr2(t.Value, true)}
	}
	return &ast.NamedType{Name: &ast.Ident{Name: "any"}}
}

// Name writes an attribute or dict key name as upstream does: $name for
// keywords, "name" when it is no identifier, else the name.
func Name(name string) string {
	if IsKeyword(name) {
		return "$" + name
	}
	if !IsIdentifier(name) {
		return quoteAsIs(name)
	}
	return name
}

// NameExpr is Name as an expression (an identifier or a string literal).
func NameExpr(name string) ast.Expr { return KeyExpr(name) }

// ValueText writes a default, const or enum value the way upstream does:
// strings quoted (escape selects raw triple-quoted strings for values
// with quotes, backslashes, line breaks or '$', as on attributes; doc
// strings use plain quoting), numbers in plain decimal, dicts inline with
// their keys sorted.
func ValueText(n *Node, escape bool) string {
	var b strings.Builder
	writeGoValue(&b, n, escape)
	return b.String()
}

func writeGoValue(b *strings.Builder, n *Node, escape bool) {
	switch n.Kind {
	case Null:
		b.WriteString("None")
	case Bool:
		if n.IsTrue() {
			b.WriteString("True")
		} else {
			b.WriteString("False")
		}
	case Int:
		b.WriteString(n.Text)
	case Float:
		b.WriteString(strconv.FormatFloat(n.Num, 'f', -1, 64))
	case String:
		if escape {
			b.WriteString(StringExpr(n.Text).Raw)
		} else {
			b.WriteString(strconv.Quote(n.Text))
		}
	case List:
		b.WriteByte('[')
		for i, it := range n.Items {
			if i > 0 {
				b.WriteString(", ")
			}
			writeGoValue(b, it, escape)
		}
		b.WriteByte(']')
	case Map:
		b.WriteByte('{')
		for i, p := range sortedPairs(n) {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(Name(p.Key))
			b.WriteString(" = ")
			writeGoValue(b, p.Value, escape)
		}
		b.WriteByte('}')
	}
}

func sortedPairs(n *Node) []Pair {
	ps := append([]Pair(nil), n.Pairs...)
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Key < ps[j].Key })
	return ps
}

// ValueExpr2 is ValueText as an expression: dicts are configs with their
// keys sorted, numbers plain decimals.
func ValueExpr2(n *Node, escape bool) ast.Expr {
	switch n.Kind {
	case Null:
		return &ast.NameConstant{Value: syntax.NONE}
	case Bool:
		if n.IsTrue() {
			return &ast.NameConstant{Value: syntax.TRUE}
		}
		return &ast.NameConstant{Value: syntax.FALSE}
	case Int:
		return NumberLit(n.Text)
	case Float:
		return NumberLit(strconv.FormatFloat(n.Num, 'f', -1, 64))
	case String:
		if escape {
			return StringExpr(n.Text)
		}
		return &ast.StringLit{Raw: strconv.Quote(n.Text)}
	case List:
		l := &ast.ListExpr{}
		for _, it := range n.Items {
			l.Elts = append(l.Elts, ValueExpr2(it, escape))
		}
		return l
	case Map:
		c := &ast.ConfigExpr{}
		for _, p := range sortedPairs(n) {
			c.Entries = append(c.Entries, &ast.ConfigEntry{Key: KeyExpr(p.Key), Op: syntax.ASSIGN, Value: ValueExpr2(p.Value, escape)})
		}
		return c
	}
	return &ast.NameConstant{Value: syntax.NONE}
}

// SchemaDef is one generated schema.
type SchemaDef struct {
	Name        string
	Description string
	Props       []*PropDef
	// IndexSig, when set, adds `[...str]: T` (or `[Alias: str]: T`).
	IndexSig   *Type
	IndexAlias string
	Checks     []*ast.CheckExpr
}

// PropDef is one attribute of a SchemaDef.
type PropDef struct {
	Name        string
	Description string
	Type        *Type
	Required    bool
	Default     *Node // nil: no default
}

// indentLines indents every non-empty line (CRLF read as LF).
func indentLines(s, indent string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = indent + l
		}
	}
	return strings.Join(lines, "\n")
}

func (d *SchemaDef) doc() *ast.StringLit {
	var b strings.Builder
	b.WriteString("r\"\"\"\n")
	if d.Description != "" {
		b.WriteString(indentLines(d.Description, "    "))
	} else {
		b.WriteString(indentLines(d.Name, "    "))
	}
	if len(d.Props) > 0 {
		b.WriteString("\n\n    Attributes\n    ----------")
		for _, p := range d.Props {
			b.WriteString("\n    " + Name(p.Name) + " : " + p.Type.String())
			if p.Required {
				b.WriteString(", required")
			} else {
				b.WriteString(", optional")
			}
			if p.Default != nil {
				b.WriteString(", default is " + ValueText(p.Default, false))
			}
			if p.Description != "" {
				b.WriteString("\n" + indentLines(p.Description, "        "))
			}
		}
	}
	b.WriteString("\n    \"\"\"")
	return &ast.StringLit{Raw: safeDoc(b.String())}
}

// safeDoc keeps a doc string a valid raw literal: `"""` inside it would
// end the string early.
func safeDoc(raw string) string {
	body := raw[len(`r"""`) : len(raw)-len(`"""`)]
	if !strings.Contains(body, `"""`) {
		return raw
	}
	return `r"""` + strings.ReplaceAll(body, `"""`, `"" "`) + `"""`
}

func (d *SchemaDef) stmt() *ast.SchemaStmt {
	st := &ast.SchemaStmt{Kind: syntax.SCHEMA, Name: &ast.Ident{Name: d.Name, Escaped: IsKeyword(d.Name)}, Doc: d.doc()}
	for _, p := range d.Props {
		a := &ast.SchemaAttr{Name: NameExpr(p.Name), Optional: !p.Required, Type: p.Type.AST()}
		if p.Default != nil {
			a.Op = syntax.ASSIGN
			a.Value = ValueExpr2(p.Default, true)
		}
		st.Body = append(st.Body, a)
	}
	if d.IndexSig != nil {
		sig := &ast.IndexSignature{KeyType: Prim("str").AST(), ValueType: d.IndexSig.AST()}
		if d.IndexAlias != "" {
			sig.KeyName = &ast.Ident{Name: d.IndexAlias}
		} else {
			sig.Ellipsis = true
		}
		st.Body = append(st.Body, sig)
	}
	st.Checks = d.Checks
	return st
}

var schemasLayout = &formatter.Layout{
	Inline:                func(ast.Expr) bool { return true },
	IndexSignatureInPlace: true,
	BlankLines: func(parent, prev, next ast.Node) int {
		if _, ok := parent.(*ast.SchemaStmt); ok {
			if _, ok := prev.(*ast.StringLit); ok {
				return 1
			}
		}
		if _, ok := parent.(*ast.File); ok {
			if _, ok := prev.(*ast.StringLit); ok {
				if _, ok := next.(*ast.ImportStmt); ok {
					return 0
				}
			}
		}
		return -1
	},
}

// PrintSchemas writes a module with the given imports and schemas in
// upstream's (kcl-go) layout.
func PrintSchemas(file string, imports []string, schemas []*SchemaDef) ([]byte, error) {
	var body []ast.Stmt
	for _, imp := range imports {
		body = append(body, &ast.ImportStmt{Path: imp})
	}
	for _, s := range schemas {
		body = append(body, s.stmt())
	}
	return Print(file, NewFile(HeaderDoc(), body...), schemasLayout)
}

// ToCamel converts a name to CamelCase the way the strcase package used
// by upstream does: words start at separators (_ - . space) and after
// digits, runs of capitals are lower-cased after their first letter, and
// other characters are dropped.
func ToCamel(s string) string {
	s = strings.TrimSpace(s)
	var b strings.Builder
	capNext := true
	prevCap := false
	for i := 0; i < len(s); i++ {
		v := s[i]
		isCap := v >= 'A' && v <= 'Z'
		isLow := v >= 'a' && v <= 'z'
		switch {
		case capNext:
			if isLow {
				v -= 'a' - 'A'
			}
		case i == 0:
			if isCap {
				v += 'a' - 'A'
			}
		case prevCap && isCap:
			v += 'a' - 'A'
		}
		prevCap = isCap
		switch {
		case isCap || isLow:
			b.WriteByte(v)
			capNext = false
		case v >= '0' && v <= '9':
			b.WriteByte(v)
			capNext = true
		default:
			capNext = v == '_' || v == ' ' || v == '-' || v == '.'
		}
	}
	return b.String()
}
