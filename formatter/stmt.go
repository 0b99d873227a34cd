package formatter

import (
	"strings"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/syntax"
)

// file prints a whole module.
func (p *printer) module(f *ast.File) {
	body := f.Body
	var doc *ast.StringLit
	if f.Doc != nil && len(body) > 0 {
		if es, ok := body[0].(*ast.ExprStmt); ok && es.X == ast.Expr(f.Doc) {
			doc = f.Doc
			body = body[1:]
		}
	}
	if doc != nil {
		// The module doc string is printed first (comments above it
		// follow it, as upstream does) and set apart by a blank line.
		p.stringLit(doc)
		p.newline()
		p.newline()
		if len(body) > 0 {
			p.layoutBlankLines(f, doc, body[0])
		}
	}
	p.stmts(f, body)
	p.flushComments()
}

// isCompound reports whether s ends with an indented block. Upstream ends
// such a statement at the token after its block, so no blank line is ever
// added after one from source positions (the statement prints its own).
func isCompound(s ast.Stmt) bool {
	switch s.(type) {
	case *ast.IfStmt, *ast.SchemaStmt, *ast.RuleStmt:
		return true
	}
	return false
}

// stmts prints a statement list. Blank lines: one after a run of imports;
// otherwise one where the source had at least one (more collapse to one).
func (p *printer) stmts(parent ast.Node, list []ast.Stmt) {
	var prev ast.Stmt
	for _, s := range list {
		if prev != nil {
			blank := false
			_, prevImport := prev.(*ast.ImportStmt)
			_, curImport := s.(*ast.ImportStmt)
			if prevImport && !curImport {
				blank = true
			} else if !isCompound(prev) {
				l, pe := p.line(s.Pos()), p.endLine(prev)
				k := p.countCommentsBefore(l)
				switch {
				case l > pe+2:
					blank = true
				case l == pe+2:
					blank = l > 0 && k == 0
				}
				// Upstream's rule is not idempotent when two or more
				// comments end up between the statements without a
				// blank line (e.g. a trailing comment moved above its
				// statement): the next run would see a gap and add one.
				// Add it now.
				if k >= 2 {
					blank = true
				}
			}
			if blank {
				p.writeByte('\n')
			}
			p.layoutBlankLines(parent, prev, s)
		}
		p.stmt(s)
		prev = s
	}
}

// layoutBlankLines applies Options.Layout.BlankLines, if any, between two
// consecutive nodes: the output then ends with exactly that many blank
// lines.
func (p *printer) layoutBlankLines(parent, prev, next ast.Node) {
	if p.opts.Layout == nil || p.opts.Layout.BlankLines == nil {
		return
	}
	n := p.opts.Layout.BlankLines(parent, prev, next)
	if n < 0 {
		return
	}
	i := len(p.out)
	for i > 0 && p.out[i-1] == '\n' {
		i--
	}
	if i == len(p.out) {
		return // not at the start of a line
	}
	p.out = p.out[:i+1]
	for ; n > 0; n-- {
		p.writeByte('\n')
	}
}

func (p *printer) stmt(s ast.Stmt) {
	p.fill()
	p.commentsBefore(s.Pos())
	switch s := s.(type) {
	case *ast.ExprStmt:
		p.expr(s.X)
		p.writeByte('\n')
	case *ast.ImportStmt:
		p.write("import ")
		p.write(s.Path)
		if s.Alias != nil {
			p.write(" as ")
			p.ident(s.Alias)
		}
		p.writeByte('\n')
	case *ast.AssignStmt:
		for i, t := range s.Targets {
			p.expr(t)
			if i == 0 && s.Type != nil {
				p.write(": ")
				p.typ(s.Type)
			}
			p.write(" = ")
		}
		p.expr(s.Value)
		p.writeByte('\n')
	case *ast.AugAssignStmt:
		p.expr(s.Target)
		p.writeByte(' ')
		p.write(s.Op.String())
		p.writeByte(' ')
		p.expr(s.Value)
		p.writeByte('\n')
	case *ast.UnificationStmt:
		p.expr(s.Target)
		p.write(": ")
		p.expr(s.Value)
		p.writeByte('\n')
	case *ast.TypeAliasStmt:
		p.write("type ")
		p.ident(s.Name)
		p.write(" = ")
		p.typ(s.Type)
		p.writeByte('\n')
	case *ast.AssertStmt:
		p.write("assert ")
		p.testIfMsg(s.Test, s.If, s.Msg)
		p.writeByte('\n')
	case *ast.IfStmt:
		p.ifStmt(s)
	case *ast.ElseStmt:
		// only reachable through IfStmt; print defensively
		p.write("else:\n")
		p.indent++
		p.stmts(s, s.Body)
		p.indent--
	case *ast.SchemaStmt:
		p.schemaStmt(s)
	case *ast.SchemaAttr:
		p.schemaAttr(s)
	case *ast.IndexSignature:
		p.indexSignature(s)
	case *ast.RuleStmt:
		p.ruleStmt(s)
	case *ast.BadStmt:
		// nothing to print: files with syntax errors are not formatted
	}
}

func (p *printer) ifStmt(s *ast.IfStmt) {
	p.write("if ")
	p.expr(s.Cond)
	p.write(":\n")
	p.indent++
	p.stmts(s, s.Body)
	p.indent--
	switch e := s.Else.(type) {
	case *ast.IfStmt:
		p.fill()
		p.write("el")
		p.ifStmt(e)
	case *ast.ElseStmt:
		p.fill()
		p.write("else:\n")
		p.indent++
		p.stmts(e, e.Body)
		p.indent--
	default:
		p.writeByte('\n')
	}
}

func (p *printer) decorators(ds []*ast.Decorator) {
	for i, d := range ds {
		if i > 0 {
			p.newline()
		}
		p.commentsBefore(d.Pos())
		p.writeByte('@')
		p.expr(d.X)
	}
	if len(ds) > 0 {
		p.newline()
	}
}

// schemaKeyword returns the keyword that introduces s: a schema whose name
// ends in "Mixin" is a mixin (upstream infers mixins from the name).
func schemaKeyword(s *ast.SchemaStmt) string {
	switch {
	case s.Kind == syntax.MIXIN:
		return "mixin"
	case s.Kind == syntax.PROTOCOL:
		return "protocol"
	case s.Name != nil && strings.HasSuffix(s.Name.Name, "Mixin"):
		return "mixin"
	}
	return "schema"
}

func (p *printer) params(ps []*ast.Param) {
	commaSep(p, ps, p.param)
}

func (p *printer) param(a *ast.Param) {
	p.ident(a.Name)
	if a.Type != nil {
		p.write(": ")
		p.typ(a.Type)
	}
	if a.Default != nil {
		p.write(" = ")
		p.expr(a.Default)
	}
}

func (p *printer) schemaStmt(s *ast.SchemaStmt) {
	p.decorators(s.Decorators)
	p.write(schemaKeyword(s))
	p.writeByte(' ')
	p.ident(s.Name)
	if s.HasParams || len(s.Params) > 0 {
		p.writeByte('[')
		p.params(s.Params)
		p.writeByte(']')
	}
	if s.Parent != nil {
		p.writeByte('(')
		p.expr(s.Parent)
		p.writeByte(')')
	}
	if s.For != nil {
		p.write(" for ")
		p.expr(s.For)
	}
	p.write(":\n")
	p.indent++
	var last ast.Node // the previous element, for Layout.BlankLines
	if s.Doc != nil {
		p.fill()
		p.stringLit(s.Doc)
		p.writeByte('\n')
		last = s.Doc
	}
	if len(s.Mixins) > 0 {
		p.fill()
		p.write("mixin [")
		p.indentNewline()
		for i, m := range s.Mixins {
			if i > 0 {
				p.writeByte(',')
				p.newline()
			}
			p.commentsBefore(m.Pos())
			p.expr(m)
		}
		p.indent--
		p.newline()
		p.write("]\n")
		last = s.Mixins[len(s.Mixins)-1]
	}
	// Upstream keeps the index signature apart from the body and prints it
	// first.
	body := s.Body
	inPlace := p.opts.Layout != nil && p.opts.Layout.IndexSignatureInPlace && p.line(s.Pos()) == 0
	for i, st := range body {
		if sig, ok := st.(*ast.IndexSignature); ok && !inPlace {
			if last != nil {
				p.layoutBlankLines(s, last, sig)
			}
			p.fill()
			p.commentsBefore(sig.Pos())
			p.indexSignature(sig)
			body = append(append([]ast.Stmt(nil), body[:i]...), body[i+1:]...)
			last = sig
			break
		}
	}
	if last != nil && len(body) > 0 {
		p.layoutBlankLines(s, last, body[0])
	}
	p.stmts(s, body)
	p.writeByte('\n')
	if len(s.Checks) > 0 {
		if len(body) > 0 {
			last = body[len(body)-1]
		}
		if last != nil {
			p.layoutBlankLines(s, last, s.Checks[0])
		}
		p.fill()
		p.write("check:")
		p.indentNewline()
		p.checks(s.Checks)
		p.writeByte('\n')
		p.indent--
		p.writeByte('\n')
	}
	p.indent--
}

func (p *printer) checks(cs []*ast.CheckExpr) {
	for i, c := range cs {
		if i > 0 {
			p.newline()
		}
		p.commentsBefore(c.Pos())
		p.checkExpr(c)
	}
}

func (p *printer) checkExpr(c *ast.CheckExpr) { p.testIfMsg(c.Test, c.If, c.Msg) }

// testIfMsg prints the `test if cond, msg` of an assert statement or a
// check expression; cond and msg may be nil.
func (p *printer) testIfMsg(test, cond, msg ast.Expr) {
	p.expr(test)
	if cond != nil {
		p.write(" if ")
		p.expr(cond)
	}
	if msg != nil {
		p.write(", ")
		p.expr(msg)
	}
}

func (p *printer) schemaAttr(a *ast.SchemaAttr) {
	p.decorators(a.Decorators)
	switch n := a.Name.(type) {
	case *ast.Ident:
		p.ident(n)
	case *ast.StringLit:
		p.write(syntax.Quote(n.Value()))
	default:
		p.expr(a.Name)
	}
	if a.Optional {
		p.writeByte('?')
	}
	p.write(": ")
	if a.Type != nil {
		p.typ(a.Type)
	} else {
		p.write("any")
	}
	if a.Op != syntax.ILLEGAL && a.Value != nil {
		p.writeByte(' ')
		p.write(a.Op.String())
		p.writeByte(' ')
		p.expr(a.Value)
	}
	p.writeByte('\n')
}

func (p *printer) indexSignature(s *ast.IndexSignature) {
	p.writeByte('[')
	if s.Ellipsis {
		p.write("...")
	}
	if s.KeyName != nil {
		p.ident(s.KeyName)
		p.write(": ")
	}
	p.typ(s.KeyType)
	p.write("]: ")
	p.typ(s.ValueType)
	if s.Value != nil {
		p.write(" = ")
		p.expr(s.Value)
	}
	p.writeByte('\n')
}

func (p *printer) ruleStmt(s *ast.RuleStmt) {
	for i, d := range s.Decorators {
		if i > 0 {
			p.newline()
		}
		p.writeByte('@')
		p.expr(d.X)
	}
	if len(s.Decorators) > 0 {
		p.newline()
	}
	p.write("rule ")
	p.ident(s.Name)
	if s.HasParams || len(s.Params) > 0 {
		p.writeByte('[')
		p.params(s.Params)
		p.writeByte(']')
	}
	if len(s.Parents) > 0 {
		p.writeByte('(')
		commaSep(p, s.Parents, p.expr)
		p.writeByte(')')
	}
	if s.For != nil {
		p.write(" for ")
		p.expr(s.For)
	}
	p.writeByte(':')
	p.indentNewline()
	if s.Doc != nil {
		p.stringLit(s.Doc)
		p.newline()
	}
	if len(s.Checks) > 0 {
		p.checks(s.Checks)
		p.writeByte('\n')
	}
	p.indent--
}
