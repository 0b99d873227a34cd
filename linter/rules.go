package linter

import (
	"regexp"
	"strings"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/sema"
	"github.com/kclx-dev/kclx/kcl/syntax"
	"github.com/kclx-dev/kclx/kcl/types"
)

// Rule is one lint check.
type Rule struct {
	ID       string
	Doc      string      // one line: what the rule flags
	Default  Severity    // severity when not configured
	Fixable  bool        // offers a safe automatic fix
	Kind     loader.Kind // upstream warning kind (CompilerWarning for kclx rules)
	Upstream bool        // one of upstream KCL's lint passes
	run      func(*pass)
}

var rules = []*Rule{
	{ID: "unused-import", Doc: "an import whose module is never referenced in the same file", Default: Warning, Fixable: true, Kind: loader.UnusedImportWarning, Upstream: true, run: runUnusedImport},
	{ID: "reimport", Doc: "a module imported again in the same file", Default: Warning, Fixable: true, Kind: loader.ReimportWarning, Upstream: true, run: runReimport},
	{ID: "import-position", Doc: "an import statement below the first non-import statement of the file", Default: Warning, Kind: loader.ImportPositionWarning, Upstream: true, run: runImportPosition},
	{ID: "unused-variable", Doc: "a private top-level variable (_x) or a lambda-local variable that is never read", Default: Warning, Kind: loader.CompilerWarning, run: runUnusedVariable},
	{ID: "shadowing", Doc: "a loop variable, lambda parameter or local variable that hides a top-level name, an import or a builtin", Default: Warning, Kind: loader.CompilerWarning, run: runShadowing},
	{ID: "deprecated", Doc: "use of a schema or attribute marked @deprecated", Default: Warning, Kind: loader.CompilerWarning, run: runDeprecated},
	{ID: "naming", Doc: "a schema name that is not PascalCase or a variable name that is not snake_case (or UPPER_CASE)", Default: Info, Kind: loader.CompilerWarning, run: runNaming},
	{ID: "duplicate-key", Doc: "a config key set twice in one literal where the later `=` overrides the earlier value", Default: Warning, Kind: loader.CompilerWarning, run: runDuplicateKey},
	{ID: "none-comparison", Doc: "`== None` / `!= None`; use `is None` / `is not None`", Default: Warning, Fixable: true, Kind: loader.CompilerWarning, run: runNoneComparison},
	{ID: "unreachable", Doc: "statements after `assert False`, which always fails", Default: Warning, Kind: loader.CompilerWarning, run: runUnreachable},
}

// Rules returns every lint rule, in a fixed order.
func Rules() []*Rule { return rules }

func lookupRule(id string) *Rule {
	for _, r := range rules {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// ----------------------------------------------------------------------------
// Helpers

func (p *pass) src() []byte { return p.file.Src }

func (p *pass) offset(pos syntax.Pos) int {
	if f := p.fset.File(pos); f != nil {
		return f.Offset(pos)
	}
	return 0
}

// lineRange returns the byte range of the whole lines spanned by n,
// including the final line break, for deletion.
func (p *pass) lineRange(n ast.Node) (int, int) {
	src := p.src()
	start, end := p.offset(n.Pos()), p.offset(n.End())
	for start > 0 && src[start-1] != '\n' {
		start--
	}
	for end < len(src) && src[end] != '\n' {
		end++
	}
	if end < len(src) {
		end++
	}
	return start, end
}

// onlyStatementOnLines reports whether n is alone on its lines (so that
// deleting the lines deletes nothing else, comments aside).
func (p *pass) onlyStatementOnLines(n ast.Node) bool {
	src := p.src()
	s, e := p.offset(n.Pos()), p.offset(n.End())
	for i := s - 1; i >= 0 && src[i] != '\n'; i-- {
		if src[i] != ' ' && src[i] != '\t' {
			return false
		}
	}
	for i := e; i < len(src) && src[i] != '\n'; i++ {
		if src[i] == '#' {
			break
		}
		if src[i] != ' ' && src[i] != '\t' && src[i] != '\r' {
			return false
		}
	}
	return true
}

func (p *pass) deleteFix(n ast.Node, desc string) *Fix {
	if !p.onlyStatementOnLines(n) {
		return nil
	}
	s, e := p.lineRange(n)
	return &Fix{Description: desc, Edits: []Edit{{File: p.file.Path, Start: s, End: e}}}
}

func imports(f *loader.SourceFile) []*ast.ImportStmt {
	var out []*ast.ImportStmt
	for _, st := range f.AST.Body {
		if is, ok := st.(*ast.ImportStmt); ok {
			out = append(out, is)
		}
	}
	return out
}

// inspect walks every node of the file.
func (p *pass) inspect(fn func(ast.Node) bool) {
	ast.Inspect(p.file.AST, fn)
}

// ----------------------------------------------------------------------------
// Upstream rules

func runUnusedImport(p *pass) {
	for _, is := range imports(p.file) {
		if used, ok := p.info.ImportUsed[is]; ok && !used {
			p.report(is, p.deleteFix(is, "remove the unused import"), "Module '%s' imported but unused", is.Name())
		}
	}
}

func runReimport(p *pass) {
	seen := map[string]*ast.ImportStmt{}
	for _, is := range imports(p.file) {
		key := is.Path
		if imp := p.res.Program.Imports[is]; imp != nil && imp.PkgPath != "" {
			key = imp.PkgPath
		}
		if first, ok := seen[key]; ok {
			var fix *Fix
			if first.Name() == is.Name() {
				fix = p.deleteFix(is, "remove the repeated import")
			}
			p.report(is, fix, "Module '%s' is reimported multiple times", is.Name())
			continue
		}
		seen[key] = is
	}
}

func runImportPosition(p *pass) {
	seenOther := false
	for i, st := range p.file.AST.Body {
		switch st := st.(type) {
		case *ast.ImportStmt:
			if seenOther {
				p.report(st, nil, "The import stmt should be placed at the top of the module")
			}
		case *ast.ExprStmt:
			if i == 0 && p.file.AST.Doc != nil {
				continue // the module doc string
			}
			seenOther = true
		case *ast.BadStmt:
		default:
			seenOther = true
		}
	}
}

// ----------------------------------------------------------------------------
// kclx rules

// reads counts, per object, the identifiers that read it in the package.
func reads(info *sema.Info) map[*sema.Object]int {
	m := map[*sema.Object]int{}
	for id, o := range info.Uses {
		if o != nil && !info.Writes[id] {
			m[o]++
		}
	}
	return m
}

func runUnusedVariable(p *pass) {
	r := p.pkg.readCounts()
	for _, d := range p.pkg.fileDefs(p.file) {
		id, o := d.id, d.obj
		if o == nil || o.Kind != sema.ObjVar || id.Name == "_" || r[o] > 0 {
			continue
		}
		if !p.file.AST.Pos().IsValid() || id.Pos() < p.file.AST.Pos() || id.Pos() > p.file.AST.End() {
			continue
		}
		local := false
		for sc := p.info.Scope.Innermost(id.Pos()); sc != nil && sc != p.info.Scope; sc = sc.Parent {
			if sc.Kind == sema.ScopeSchema {
				local = false
				break
			}
			if sc.Kind == sema.ScopeLambda {
				local = true
			}
		}
		top := p.info.Scope.LookupLocal(id.Name) == o
		switch {
		case top && strings.HasPrefix(id.Name, "_") && !strings.HasPrefix(id.Name, "__"):
			// (__names are conventionally read from other packages)
			p.report(id, nil, "private variable '%s' is assigned but never used", id.Name)
		case local:
			p.report(id, nil, "local variable '%s' is assigned but never used", id.Name)
		}
	}
}

func runShadowing(p *pass) {
	pkg := p.info.Scope
	for _, d := range p.pkg.fileDefs(p.file) {
		id, o := d.id, d.obj
		if o == nil || id.Name == "_" || id.Pos() < p.file.AST.Pos() || id.Pos() > p.file.AST.End() {
			continue
		}
		switch o.Kind {
		case sema.ObjLoopVar, sema.ObjParam:
		case sema.ObjVar:
			if pkg.LookupLocal(id.Name) == o {
				// a top-level variable: only builtins can be shadowed
				if b := pkg.Parent.LookupLocal(id.Name); b != nil {
					p.report(id, nil, "'%s' shadows the builtin function %s", id.Name, id.Name)
				}
				continue
			}
			inLambda := false
			for sc := pkg.Innermost(id.Pos()); sc != nil && sc != pkg; sc = sc.Parent {
				if sc.Kind == sema.ScopeLambda {
					inLambda = true
				}
			}
			if !inLambda {
				continue
			}
		default:
			continue
		}
		if g := pkg.LookupLocal(id.Name); g != nil && g != o && g.Kind != sema.ObjModule {
			p.report(id, nil, "'%s' shadows the top-level %s declared at %s", id.Name, g.Kind, p.fset.Position(g.Pos))
			continue
		}
		if p.importName(id.Name) {
			p.report(id, nil, "'%s' shadows an imported module", id.Name)
			continue
		}
		if b := pkg.Parent.LookupLocal(id.Name); b != nil {
			p.report(id, nil, "'%s' shadows the builtin function %s", id.Name, id.Name)
		}
	}
}

func (p *pass) importName(name string) bool {
	for _, is := range imports(p.file) {
		if is.Name() == name {
			return true
		}
	}
	return false
}

func deprecation(decs []types.Decorator) (types.Decorator, bool) {
	for _, d := range decs {
		if d.Name == "deprecated" {
			return d, true
		}
	}
	return types.Decorator{}, false
}

func deprecationMessage(what, name string, d types.Decorator) string {
	msg := what + " '" + name + "' is deprecated"
	if v := d.Keywords["version"]; v != "" {
		msg += " since version " + v
	}
	if r := d.Keywords["reason"]; r != "" {
		msg += ": " + r
	}
	return msg
}

func runDeprecated(p *pass) {
	p.inspect(func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		o := p.info.Uses[id]
		if o == nil {
			return true
		}
		switch {
		case o.Schema != nil:
			if d, ok := deprecation(o.Schema.Decorators); ok {
				p.report(id, nil, "%s", deprecationMessage("schema", o.Name, d))
			}
		case o.Attr != nil:
			if d, ok := deprecation(o.Attr.Decorators); ok {
				p.report(id, nil, "%s", deprecationMessage("attribute", o.Name, d))
			}
		}
		return true
	})
}

var (
	pascalRE = regexp.MustCompile(`^[A-Z][A-Za-z0-9]*$`)
	snakeRE  = regexp.MustCompile(`^_*[a-z][a-z0-9_]*$`)
	upperRE  = regexp.MustCompile(`^_*[A-Z][A-Z0-9_]*$`)
)

func runNaming(p *pass) {
	for _, st := range p.file.AST.Body {
		switch st := st.(type) {
		case *ast.SchemaStmt:
			if st.Name != nil && !pascalRE.MatchString(st.Name.Name) {
				p.report(st.Name, nil, "schema name '%s' should be PascalCase", st.Name.Name)
			}
		case *ast.RuleStmt:
			if st.Name != nil && !pascalRE.MatchString(st.Name.Name) {
				p.report(st.Name, nil, "rule name '%s' should be PascalCase", st.Name.Name)
			}
		}
	}
	for _, d := range p.pkg.fileDefs(p.file) {
		id, o := d.id, d.obj
		if o == nil || o.Kind != sema.ObjVar || id.Pos() < p.file.AST.Pos() || id.Pos() > p.file.AST.End() {
			continue
		}
		if p.info.Scope.LookupLocal(id.Name) != o {
			continue // only top-level variables
		}
		if st, ok := o.Node.(*ast.AssignStmt); ok {
			if _, isSchema := st.Value.(*ast.SchemaExpr); isSchema && pascalRE.MatchString(id.Name) {
				continue // instances named like their schema are common
			}
		}
		if !snakeRE.MatchString(id.Name) && !upperRE.MatchString(id.Name) && id.Name != "_" {
			p.report(id, nil, "variable name '%s' should be snake_case", id.Name)
		}
	}
}

// keyText returns a canonical text for a config key, or "".
func keyText(x ast.Expr) string {
	switch k := x.(type) {
	case *ast.Ident:
		return k.Name
	case *ast.StringLit:
		return k.Value()
	case *ast.SelectorExpr:
		if base := keyText(k.X); base != "" && !k.Optional {
			return base + "." + k.Sel.Name
		}
	}
	return ""
}

func runDuplicateKey(p *pass) {
	p.inspect(func(n ast.Node) bool {
		var entries []*ast.ConfigEntry
		switch x := n.(type) {
		case *ast.ConfigExpr:
			entries = x.Entries
		case *ast.ConfigIfEntry:
			entries = x.Entries
		case *ast.ConfigElse:
			entries = x.Entries
		default:
			return true
		}
		seen := map[string]*ast.ConfigEntry{}
		for _, e := range entries {
			if e == nil || e.Key == nil {
				continue
			}
			k := keyText(e.Key)
			if k == "" {
				continue
			}
			if first, ok := seen[k]; ok && e.Op == syntax.ASSIGN && first.Op != syntax.ADD_ASSIGN {
				p.report(e.Key, nil, "key '%s' is set twice in this config; this '=' overrides the value set at %s", k, p.fset.Position(first.Key.Pos()))
			}
			seen[k] = e
		}
		return true
	})
}

func runNoneComparison(p *pass) {
	p.inspect(func(n ast.Node) bool {
		b, ok := n.(*ast.BinaryExpr)
		if !ok || b.Op != syntax.EQL && b.Op != syntax.NEQ {
			return true
		}
		isNone := func(x ast.Expr) bool {
			c, ok := x.(*ast.NameConstant)
			return ok && c.Value == syntax.NONE
		}
		if !isNone(b.X) && !isNone(b.Y) {
			return true
		}
		repl, want := "is", "is None"
		if b.Op == syntax.NEQ {
			repl, want = "is not", "is not None"
		}
		start := p.offset(b.OpPos)
		fix := &Fix{Description: "use " + repl, Edits: []Edit{{File: p.file.Path, Start: start, End: start + 2, New: repl}}}
		p.report(b, fix, "comparison to None should use '%s'", want)
		return true
	})
}

func isAssertFalse(st ast.Stmt) bool {
	a, ok := st.(*ast.AssertStmt)
	if !ok || a.If != nil {
		return false
	}
	c, ok := a.Test.(*ast.NameConstant)
	return ok && (c.Value == syntax.FALSE || c.Value == syntax.NONE || c.Value == syntax.UNDEFINED)
}

func runUnreachable(p *pass) {
	var block func(list []ast.Stmt, depth int)
	block = func(list []ast.Stmt, depth int) {
		if depth > 500 {
			return
		}
		for i, st := range list {
			if isAssertFalse(st) && i+1 < len(list) {
				next := list[i+1]
				p.reportRange(next.Pos(), list[len(list)-1].End(), nil, "unreachable code: the assertion above always fails")
				break
			}
			switch s := st.(type) {
			case *ast.IfStmt:
				for _, body := range s.Branches() {
					block(body, depth+1)
				}
			case *ast.SchemaStmt:
				block(s.Body, depth+1)
			}
		}
	}
	block(p.file.AST.Body, 0)
	p.inspect(func(n ast.Node) bool {
		if l, ok := n.(*ast.LambdaExpr); ok {
			block(l.Body, 1)
		}
		return true
	})
}
