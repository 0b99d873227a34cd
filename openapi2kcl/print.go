package openapi2kcl

import (
	"sort"
	"strings"

	"github.com/kclx-dev/kclx/formatter"
	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/syntax"
	"github.com/kclx-dev/kclx/x2kcl"
)

// upstream's layout of generated models: blank lines between the parts of
// a file and a schema.
var modelLayout = &formatter.Layout{
	Inline:      func(ast.Expr) bool { return true },
	InlineQuant: true,
	BlankLines: func(parent, prev, next ast.Node) int {
		switch parent.(type) {
		case *ast.File:
			_, prevDoc := prev.(*ast.StringLit)
			_, nextImport := next.(*ast.ImportStmt)
			_, nextAssign := next.(*ast.AssignStmt)
			switch {
			case prevDoc && (nextImport || nextAssign):
				return 0
			case nextAssign:
				return 0 // _regex_match right under the imports
			case nextImport:
				return 0
			}
			return 2
		case *ast.SchemaStmt:
			if _, ok := prev.(*ast.StringLit); ok {
				return 2
			}
			if _, ok := next.(*ast.CheckExpr); ok {
				return 2
			}
			return 1
		}
		return -1
	},
}

// ModelLayout is the layout of OpenAPI and CRD models (for checking
// their output with x2kcl.Check).
func ModelLayout() *formatter.Layout { return modelLayout }

func truthy(n *x2kcl.Node) bool { return x2kcl.Truthy(n) }

// pad indents every non-empty line of s.
func pad(s, indent string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = indent + l
		}
	}
	return strings.Join(lines, "\n")
}

// docText makes text safe inside r"""...""".
func docText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, `"""`, `"" "`)
}

// propName writes an attribute name as upstream does: $name for reserved
// words, "name" when it is no identifier.
func propName(n string) string {
	if !isPlainName(n) {
		return quoted(n).Raw
	}
	if reservedWords[n] {
		return "$" + n
	}
	return n
}

func (g *generator) docString(ks *kschema) *ast.StringLit {
	var b strings.Builder
	b.WriteString("r\"\"\"\n")
	if ks.description != "" {
		b.WriteString(pad(docText(ks.description), "    "))
	} else {
		b.WriteString("    " + ks.human)
	}
	if len(ks.props) > 0 {
		b.WriteString("\n\n    Attributes\n    ----------")
		for _, p := range ks.props {
			b.WriteString("\n    ")
			b.WriteString(propName(p.name))
			b.WriteString(" : ")
			b.WriteString(p.typ.String())
			b.WriteString(", default is ")
			if truthy(p.def) {
				b.WriteString(docText(kclValueText(p.def)))
			} else {
				b.WriteString("Undefined")
			}
			if p.required {
				b.WriteString(", required\n")
			} else {
				b.WriteString(", optional\n")
			}
			switch {
			case p.title != "":
				b.WriteString(pad(docText(p.title), "        "))
				if p.description != "" {
					b.WriteString(pad(docText(p.description), "        "))
				}
			case p.description != "":
				b.WriteString(pad(docText(p.description), "        "))
			default:
				b.WriteString("        " + humanize(p.name))
			}
			if p.extURL != "" {
				b.WriteString(". See Also: " + p.extURL)
			}
		}
	}
	if truthy(ks.example) {
		b.WriteString("\n\n    Examples\n    --------\n    demo = ")
		b.WriteString(docText(kclValueText(ks.example)))
	}
	b.WriteString("\n    \"\"\"")
	return &ast.StringLit{Raw: b.String()}
}

func (g *generator) schemaStmt(ks *kschema) *ast.SchemaStmt {
	st := &ast.SchemaStmt{Kind: syntax.SCHEMA, Name: schemaIdent(ks.name), Doc: g.docString(ks)}
	switch len(ks.parents) {
	case 0:
	case 1:
		st.Parent = ks.parents[0].AST().(*ast.NamedType).Name
	default:
		// KCL has single inheritance; upstream still lists every parent
		names := make([]string, len(ks.parents))
		for i, p := range ks.parents {
			names[i] = p.String()
		}
		st.Name = &ast.Ident{Name: escapeModel(ks.name) + " (" + strings.Join(names, ", ") + ")"}
	}
	if ks.indexSig != nil {
		st.Body = append(st.Body, &ast.IndexSignature{Ellipsis: true, KeyType: basic("str").AST(), ValueType: ks.indexSig.AST()})
	}
	validated := false
	for _, p := range ks.props {
		validated = validated || p.validates
	}
	for _, p := range ks.props {
		a := &ast.SchemaAttr{Optional: !p.required, Type: p.attrType.AST()}
		if isPlainName(p.name) {
			a.Name = ident(p.name)
		} else {
			a.Name = quoted(p.name)
		}
		if p.def != nil {
			a.Op = syntax.ASSIGN
			a.Value = kclValue(p.def)
		}
		st.Body = append(st.Body, a)
		if !validated {
			continue
		}
		for _, c := range p.checks {
			st.Checks = append(st.Checks, &ast.CheckExpr{Test: c.test, If: c.cond})
		}
	}
	return st
}

// print renders one model file.
func (g *generator) print(m *model) ([]byte, error) {
	var extra []string
	if m.pkg != "" {
		extra = append(extra, "This is the "+m.module+" module in "+m.pkg+" package.")
	}
	var body []ast.Stmt
	if m.regex {
		body = append(body, &ast.ImportStmt{Path: "regex"})
	}
	pkgs := make([]string, 0, len(m.imports))
	for p := range m.imports {
		pkgs = append(pkgs, p)
	}
	sort.Strings(pkgs)
	for _, p := range pkgs {
		imp := &ast.ImportStmt{Path: m.imports[p].path}
		if a := m.imports[p].alias; a != imp.Path[strings.LastIndex(imp.Path, ".")+1:] {
			imp.Alias = &ast.Ident{Name: a}
		}
		body = append(body, imp)
	}
	if m.regex {
		body = append(body, &ast.AssignStmt{
			Targets: []ast.Expr{&ast.Ident{Name: "_regex_match"}},
			Value:   &ast.SelectorExpr{X: &ast.Ident{Name: "regex"}, Sel: &ast.Ident{Name: "match"}},
		})
	}
	body = append(body, g.schemaStmt(m.root))
	names := make([]string, 0, len(m.extras))
	for n, ks := range m.extras {
		if ks != nil {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		body = append(body, g.schemaStmt(m.extras[n]))
	}
	f := x2kcl.NewFile(x2kcl.HeaderDoc(extra...), body...)
	return x2kcl.Print(g.file, f, modelLayout)
}
