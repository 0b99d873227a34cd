package source

import (
	"context"
	"strings"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/workspace"
)

// HoverPart is one paragraph of a hover: plain text or KCL code.
type HoverPart struct {
	Code bool
	Text string
}

// Hover describes the name at offset; Start, End is the name's range.
type Hover struct {
	Parts      []HoverPart
	Start, End int
}

// HoverAt returns the hover of the name at offset, or nil.
func HoverAt(ctx context.Context, snap *workspace.Snapshot, path string, offset int) *Hover {
	r := resolve(snap, path)
	if r == nil {
		return nil
	}
	defer r.release()
	ref := r.refAt(offset)
	if ref == nil {
		return nil
	}
	parts := r.m.describe(ref.obj)
	if len(parts) == 0 {
		return nil
	}
	return &Hover{Parts: parts, Start: r.f.Offset(ref.pos), End: r.f.Offset(ref.end)}
}

// describe renders an object for hover.
func (m *Model) describe(o *Object) []HoverPart {
	var parts []HoverPart
	text := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, HoverPart{Text: s})
		}
	}
	code := func(s string) {
		if s != "" {
			parts = append(parts, HoverPart{Code: true, Text: s})
		}
	}
	switch o.Kind {
	case objSchema, objRule:
		text(o.Pkg)
		code(m.schemaSignature(o.schema, true))
		doc := parseDoc(o.Doc)
		text(doc.summary)
		if doc.examples != "" {
			code(doc.examples)
		}
	case objAttr:
		code(o.Name + ": " + typeStr(m.typeOf(o)))
		text(o.Doc)
	case objImport:
		t := m.typeOf(o)
		if mt, ok := t.(*moduleType); ok {
			code("module " + mt.pkgpath)
		}
	case objBuiltin, objMember:
		if ft, ok := m.typeOf(o).(*funcType); ok {
			if ft.self != "" {
				text(ft.self)
			}
			code(funcSignature(o.Name, ft, false))
		} else {
			code(o.Name + ": " + typeStr(m.typeOf(o)))
		}
		text(o.Doc)
	case objTypeAlias:
		code("type " + o.Name + " = " + typeStr(m.typeOf(o)))
	default:
		t := m.typeOf(o)
		if ft, ok := t.(*funcType); ok {
			code(funcSignature(o.Name, ft, true))
			text(lambdaDoc(o))
		} else {
			code(o.Name + ": " + typeStr(t))
		}
	}
	return parts
}

// funcSignature renders "function name(p: T, ...) -> R"; variadic
// parameters are left out, defaults shown when asked.
func funcSignature(name string, ft *funcType, defaults bool) string {
	var ps []string
	for _, p := range ft.params {
		if p.variadic {
			continue
		}
		s := p.name + ": " + typeStr(p.typ)
		if defaults && p.def != "" {
			s += " = " + p.def
		}
		ps = append(ps, s)
	}
	return "function " + name + "(" + strings.Join(ps, ", ") + ") -> " + typeStr(ft.ret)
}

// lambdaDoc returns the doc string of a lambda assigned to o.
func lambdaDoc(o *Object) string {
	var lam *ast.LambdaExpr
	switch d := o.Decl.(type) {
	case *ast.AssignStmt:
		lam, _ = d.Value.(*ast.LambdaExpr)
	}
	if lam == nil || len(lam.Body) == 0 {
		return ""
	}
	if es, ok := lam.Body[0].(*ast.ExprStmt); ok {
		if s, ok := es.X.(*ast.StringLit); ok {
			return s.Value()
		}
	}
	return ""
}

// schemaSignature renders a schema's header and attributes.
func (m *Model) schemaSignature(s *schemaInfo, withAttrs bool) string {
	if s == nil {
		return ""
	}
	m.resolveSchema(s)
	var b strings.Builder
	kw := "schema"
	if s.rule != nil {
		kw = "rule"
	} else if s.stmt != nil {
		switch s.stmt.Kind.String() {
		case "mixin":
			kw = "mixin"
		case "protocol":
			kw = "protocol"
		}
	}
	b.WriteString(kw + " " + s.name)
	if len(s.params) > 0 {
		var ps []string
		for _, p := range s.params {
			ps = append(ps, p.Name+": "+typeStr(m.typeOf(p)))
		}
		b.WriteString("[" + strings.Join(ps, ", ") + "]")
	}
	if s.parent != nil {
		b.WriteString("(" + s.parent.name + ")")
	}
	b.WriteString(":")
	if withAttrs {
		// Declared attributes only (those set by plain assignments in a
		// body are computed values).
		for _, a := range m.allAttrs(s) {
			if _, ok := a.Decl.(*ast.SchemaAttr); ok {
				b.WriteString("\n    " + m.attrLine(a))
			}
		}
	}
	return b.String()
}

// attrLine renders "name[?]: type [= default]".
func (m *Model) attrLine(a *Object) string {
	s := a.Name
	if a.optional {
		s += "?"
	}
	s += ": " + typeStr(m.typeOf(a))
	if sa, ok := a.Decl.(*ast.SchemaAttr); ok && sa.Value != nil {
		if v := exprSource(a.fc, sa.Value); v != "" && !strings.Contains(v, "\n") {
			s += " = " + v
		}
	}
	return s
}

// schemaDoc is a schema doc string split into its sections.
type schemaDoc struct {
	summary  string
	examples string
}

// parseDoc splits a doc string: the text before an "Attributes" or
// "Examples" heading is the summary; the "Examples" section is code.
func parseDoc(doc string) schemaDoc {
	lines := strings.Split(doc, "\n")
	var out schemaDoc
	section := "summary"
	var summary, examples []string
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		t := strings.TrimSpace(l)
		if i+1 < len(lines) && strings.Trim(strings.TrimSpace(lines[i+1]), "-") == "" && strings.TrimSpace(lines[i+1]) != "" {
			switch strings.ToLower(t) {
			case "attributes", "attribute":
				section = "attributes"
				i++
				continue
			case "examples", "example":
				section = "examples"
				i++
				continue
			}
		}
		switch section {
		case "summary":
			summary = append(summary, t)
		case "examples":
			examples = append(examples, l)
		}
	}
	out.summary = strings.TrimSpace(strings.Join(summary, "\n"))
	out.examples = dedent(examples)
	return out
}

// dedent removes the common indentation of lines and surrounding blank
// lines.
func dedent(lines []string) string {
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) == 0 {
		return ""
	}
	min := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " \t"))
		if min < 0 || n < min {
			min = n
		}
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		if len(l) >= min && strings.TrimSpace(l) != "" {
			out[i] = l[min:]
		} else {
			out[i] = strings.TrimSpace(l)
		}
	}
	return strings.Join(out, "\n") + "\n"
}
