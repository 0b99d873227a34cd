package source

import (
	"context"
	"strings"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/sema"
	"github.com/kclx-dev/kclx/kcl/types"
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
	v := analyze(snap, path)
	if v == nil {
		return nil
	}
	id, o := v.identAt(offset)
	if id == nil {
		// A decorator being typed, which the parser could not attach.
		if s, e := wordAt(v.file.Src, offset); s > 0 && v.file.Src[s-1] == '@' {
			if t := types.Decorators().M[string(v.file.Src[s:e])]; t != nil {
				d := &sema.Object{Name: string(v.file.Src[s:e]), Kind: sema.ObjBuiltin, Type: t}
				return &Hover{Parts: v.describe(d, nil), Start: s, End: e}
			}
		}
		// An import path: the module.
		if imp := v.importAt(offset); imp != nil && v.pos(offset) >= imp.PathPos {
			if res := v.unit.Program.Imports[imp]; res != nil {
				s := v.offset(imp.PathPos)
				return &Hover{Parts: []HoverPart{{Code: true, Text: "module " + res.PkgPath}}, Start: s, End: s + len(imp.Path)}
			}
		}
		return nil
	}
	var parts []HoverPart
	if o != nil {
		parts = v.describe(o, id)
	} else if m := v.memberOf(id); m != nil {
		parts = describeMember(m)
	}
	if len(parts) == 0 {
		return nil
	}
	s, e := v.span(id)
	return &Hover{Parts: parts, Start: s, End: e}
}

// hoverParts collects hover paragraphs, skipping empty ones.
type hoverParts []HoverPart

func (p *hoverParts) text(s string) {
	if s = strings.TrimSpace(s); s != "" {
		*p = append(*p, HoverPart{Text: s})
	}
}

func (p *hoverParts) code(s string) {
	if s != "" {
		*p = append(*p, HoverPart{Code: true, Text: s})
	}
}

// describe renders an object for hover (id is the name hovered, if any).
func (v *view) describe(o *sema.Object, id *ast.Ident) []HoverPart {
	var p hoverParts
	switch o.Kind {
	case sema.ObjSchema:
		s := o.Schema
		if s == nil && o.Type.IsSchema() {
			s = o.Type.Schema
		}
		if s == nil {
			break
		}
		p.text(s.PkgPath)
		p.code(v.schemaSignature(s))
		summary, examples := v.schemaDoc(s)
		p.text(summary)
		p.code(examples)
	case sema.ObjAttr:
		t := o.Type
		switch {
		case o.Attr != nil:
			t = o.Attr.Type
		case id != nil && o.Pos == id.Pos():
			// A key of a dict literal: what the context expects, else
			// the type of its value.
			if et := v.keyValueType(id); et != nil && !et.IsAny() {
				t = et
			} else {
				t = types.InferToVariable(t)
			}
		}
		p.code(o.Name + ": " + typeStr(t))
		p.text(o.Doc)
	case sema.ObjModule:
		p.code("module " + moduleOf(o))
	case sema.ObjBuiltin:
		if !o.Type.IsFunc() {
			p.code(o.Name + ": " + typeStr(o.Type))
			break
		}
		p.code(funcSignature(o.Name, o.Type.Func))
		if isDecorator(o) {
			p.text(builtinDoc("@" + o.Name))
		} else {
			p.text(builtinDoc(o.Name))
		}
	case sema.ObjTypeAlias:
		p.code("type " + o.Name + " = " + typeStr(o.Type))
	default:
		if o.Type.IsFunc() {
			lam := lambdaOf(o)
			p.code(v.lambdaSignature(o.Name, o.Type.Func, lam))
			p.text(lambdaDoc(lam))
		} else {
			p.code(o.Name + ": " + typeStr(o.Type))
		}
	}
	return p
}

// isDecorator reports whether a builtin object is a decorator.
func isDecorator(o *sema.Object) bool {
	return types.Decorators().M[o.Name] == o.Type
}

// member is a member reached by a selector that denotes no declared
// object: a str method or a system module's function.
type member struct {
	name  string
	owner string // "str" or the system module's name
	typ   *types.Type
}

// memberOf returns the member a selector's name denotes, if it is one.
func (v *view) memberOf(id *ast.Ident) *member {
	if sel := v.index().sel[id]; sel != nil {
		xt := v.info.TypeOf(sel.X)
		switch {
		case xt.IsStr():
			if t := types.StringMethods().M[id.Name]; t != nil {
				return &member{name: id.Name, owner: "str", typ: t}
			}
		case xt.IsModule() && xt.Module.Kind == types.ModSystem:
			if t, ok := types.SystemModuleMember(xt.Module.PkgPath, id.Name); ok {
				return &member{name: id.Name, owner: xt.Module.PkgPath, typ: t}
			}
		}
		return nil
	}
	return nil
}

func describeMember(m *member) []HoverPart {
	var p hoverParts
	if m.owner == "str" {
		p.text("str")
	}
	if m.typ.IsFunc() {
		p.code(funcSignature(m.name, m.typ.Func))
	} else {
		p.code(m.name + ": " + typeStr(m.typ))
	}
	p.text(builtinDoc(m.owner + "." + m.name))
	return p
}

// lambdaOf returns the lambda a variable is assigned, if any.
func lambdaOf(o *sema.Object) *ast.LambdaExpr {
	if a, ok := o.Node.(*ast.AssignStmt); ok {
		lam, _ := a.Value.(*ast.LambdaExpr)
		return lam
	}
	return nil
}

// lambdaSignature renders "function name(p: T = default, ...) -> R".
func (v *view) lambdaSignature(name string, f *types.Func, lam *ast.LambdaExpr) string {
	var ps []string
	for i, p := range positionalParams(f) {
		s := p.Name + ": " + typeStr(p.Type)
		if p.Name == "" {
			s = typeStr(p.Type)
		}
		if lam != nil && i < len(lam.Params) && lam.Params[i].Default != nil {
			if d := v.nodeText(lam.Params[i].Default); d != "" && !strings.Contains(d, "\n") {
				s += " = " + d
			}
		}
		ps = append(ps, s)
	}
	return "function " + name + "(" + strings.Join(ps, ", ") + ") -> " + typeStr(f.Ret)
}

// lambdaDoc returns the doc string of a lambda: a string that is the
// first statement of its body.
func lambdaDoc(lam *ast.LambdaExpr) string {
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

// nodeText returns the source text of a node of any file of the unit.
func (v *view) nodeText(n ast.Node) string {
	if n == nil || !n.Pos().IsValid() {
		return ""
	}
	tok := v.unit.Program.FileSet.File(n.Pos())
	if tok == nil || !tok.Contains(n.End()) {
		return ""
	}
	s, e := tok.Offset(n.Pos()), tok.Offset(n.End())
	if s > e {
		return ""
	}
	return string(tok.Source()[s:e])
}

// schemaSignature renders a schema's header and declared attributes
// (its own first, then the inherited ones).
func (v *view) schemaSignature(s *types.Schema) string {
	var b strings.Builder
	b.WriteString(schemaHeader(s))
	for _, a := range schemaAttrs(s) {
		if declared(a) {
			b.WriteString("\n    " + v.attrLine(a))
		}
	}
	return b.String()
}

// attrLine renders "name[?]: type [= default]".
func (v *view) attrLine(a *types.Attr) string {
	s := a.Name
	if a.Optional {
		s += "?"
	}
	s += ": " + typeStr(a.Type)
	if sa, ok := a.Node.(*ast.SchemaAttr); ok && sa.Value != nil {
		if d := v.nodeText(sa.Value); d != "" && !strings.Contains(d, "\n") {
			s += " = " + d
		}
	}
	return s
}

// schemaDoc returns the summary of a schema's doc string and its
// "Examples" section (as code).
func (v *view) schemaDoc(s *types.Schema) (summary, examples string) {
	var doc *ast.StringLit
	switch st := s.Node.(type) {
	case *ast.SchemaStmt:
		doc = st.Doc
	case *ast.RuleStmt:
		doc = st.Doc
	}
	if doc == nil {
		return s.Doc, ""
	}
	return s.Doc, docExamples(doc.Value())
}

// docExamples returns the "Examples" section of a doc string, dedented.
func docExamples(doc string) string {
	lines := strings.Split(strings.ReplaceAll(doc, "\r\n", "\n"), "\n")
	var examples []string
	in := false
	for i := 0; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if i+1 < len(lines) {
			next := strings.TrimSpace(lines[i+1])
			if next != "" && strings.Trim(next, "-") == "" {
				in = strings.EqualFold(t, "examples") || strings.EqualFold(t, "example")
				i++
				continue
			}
		}
		if in {
			examples = append(examples, lines[i])
		}
	}
	return dedent(examples)
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
	common := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " \t"))
		if common < 0 || n < common {
			common = n
		}
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		if len(l) >= common && strings.TrimSpace(l) != "" {
			out[i] = l[common:]
		} else {
			out[i] = strings.TrimSpace(l)
		}
	}
	return strings.Join(out, "\n") + "\n"
}
