package formatter

import (
	"bytes"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/syntax"
)

// expr prints an expression, keeping track of the lines seen so far.
func (p *printer) expr(x ast.Expr) {
	if x == nil {
		return
	}
	start := p.line(x.Pos())
	if start > p.lastLine {
		p.lastLine = start
	}
	p.spans = append(p.spans, span{start, p.endLine(x)})
	p.walkExpr(x)
	p.spans = p.spans[:len(p.spans)-1]
}

// curEndLine returns the end line of the innermost expression being
// printed.
func (p *printer) curEndLine() int {
	if n := len(p.spans); n > 0 {
		return p.spans[n-1].end
	}
	return 0
}

func (p *printer) walkExpr(x ast.Expr) {
	switch x := x.(type) {
	case *ast.BadExpr:
		// missing expression: nothing to print
	case *ast.Ident:
		p.ident(x)
	case *ast.BasicLit:
		p.write(formatNumber(x))
	case *ast.StringLit:
		p.stringLit(x)
	case *ast.JoinedString:
		p.joinedString(x)
	case *ast.FormattedValue:
		p.formattedValue(x)
	case *ast.NameConstant:
		p.write(x.Value.String())
	case *ast.ParenExpr:
		p.writeByte('(')
		p.expr(x.X)
		p.writeByte(')')
	case *ast.SelectorExpr:
		p.expr(x.X)
		if x.Optional {
			p.write("?.")
		} else {
			p.writeByte('.')
		}
		p.selName(x.Sel)
	case *ast.IndexExpr:
		p.expr(x.X)
		if x.Optional {
			p.writeByte('?')
		}
		p.writeByte('[')
		p.expr(x.Index)
		p.writeByte(']')
	case *ast.SliceExpr:
		// Upstream always writes both colons: a[1:2] prints as a[1:2:].
		p.expr(x.X)
		if x.Optional {
			p.writeByte('?')
		}
		p.writeByte('[')
		p.expr(x.Lo)
		p.writeByte(':')
		p.expr(x.Hi)
		p.writeByte(':')
		p.expr(x.Step)
		p.writeByte(']')
	case *ast.CallExpr:
		p.expr(x.Fun)
		p.writeByte('(')
		p.arguments(x.Args, x.Keywords)
		p.writeByte(')')
	case *ast.UnaryExpr:
		p.write(x.Op.String())
		if x.Op == syntax.NOT {
			p.writeByte(' ')
		}
		p.expr(x.X)
	case *ast.BinaryExpr:
		p.expr(x.X)
		p.writeByte(' ')
		p.write(x.Op.String())
		p.writeByte(' ')
		p.expr(x.Y)
	case *ast.CompareExpr:
		p.expr(x.X)
		for _, op := range x.Ops {
			p.writeByte(' ')
			p.write(op.Op.String())
			p.writeByte(' ')
			p.expr(op.Y)
		}
	case *ast.AsExpr:
		p.expr(x.X)
		p.write(" as ")
		p.typ(x.Type)
	case *ast.IfExpr:
		p.expr(x.Body)
		p.write(" if ")
		p.expr(x.Cond)
		p.write(" else ")
		p.expr(x.Else)
	case *ast.ListExpr:
		p.listExpr(x)
	case *ast.StarredExpr:
		p.writeByte('*')
		p.expr(x.X)
	case *ast.ListIfItem:
		p.listIfItem(x)
	case *ast.ListElse:
		p.write("else:")
		p.listItems(x.Elts)
	case *ast.ListComp:
		p.writeByte('[')
		p.expr(x.Elt)
		p.compClauses(x.Generators)
		p.writeByte(']')
	case *ast.DictComp:
		p.writeByte('{')
		p.entry(x.Entry)
		p.compClauses(x.Generators)
		p.writeByte('}')
	case *ast.ConfigExpr:
		p.configExpr(x)
	case *ast.ConfigIfEntry:
		p.configIfEntry(x)
	case *ast.ConfigElse:
		p.write("else:")
		p.configItems(x.Entries)
	case *ast.SchemaExpr:
		p.expr(x.Name)
		if len(x.Args) > 0 || len(x.Keywords) > 0 {
			p.writeByte('(')
			p.arguments(x.Args, x.Keywords)
			p.writeByte(')')
		}
		p.writeByte(' ')
		if x.Config != nil {
			p.expr(x.Config)
		} else {
			p.write("{}")
		}
	case *ast.QuantExpr:
		p.quantExpr(x)
	case *ast.LambdaExpr:
		p.lambdaExpr(x)
	case *ast.CheckExpr:
		p.checkExpr(x)
	}
}

// ident prints a name; a name that is a keyword gets its `$` back.
func (p *printer) ident(id *ast.Ident) {
	if id == nil {
		return
	}
	if needsDollar(id) {
		p.writeByte('$')
	}
	p.write(id.Name)
}

// needsDollar reports whether id must be written as $name: it was written
// so, or it is a reserved word. Soft keywords (type, rule, mixin, protocol,
// check) are plain names in most places, so parsed ones keep their
// spelling; synthetic ones (no position) are always escaped.
func needsDollar(id *ast.Ident) bool {
	return id.Escaped || syntax.IsKeywordName(id.Name) && (syntax.Lookup(id.Name) != syntax.IDENT || !id.NamePos.IsValid())
}

// selName prints the name after a '.': keywords are allowed there
// (config.map), so only an escaped name gets its `$`.
func (p *printer) selName(id *ast.Ident) {
	if id.Escaped {
		p.writeByte('$')
	}
	p.write(id.Name)
}

func (p *printer) stringLit(s *ast.StringLit) {
	if s.Fragment {
		// a piece of a JoinedString printed on its own
		p.write(`"` + s.Raw + `"`)
		return
	}
	p.write(s.Raw)
}

func (p *printer) joinedString(s *ast.JoinedString) {
	if s.Raw != "" {
		p.write(s.Raw)
		return
	}
	p.writeByte('"')
	for _, part := range s.Parts {
		switch part := part.(type) {
		case *ast.StringLit:
			if part.Fragment {
				p.write(part.Raw)
			} else {
				v := syntax.Quote(part.Value())
				p.write(v[1 : len(v)-1])
			}
		default:
			p.expr(part)
		}
	}
	p.writeByte('"')
}

func (p *printer) formattedValue(f *ast.FormattedValue) {
	p.write("${")
	p.expr(f.X)
	if f.Spec != "" {
		p.write(": ")
		p.write(f.Spec)
	}
	p.writeByte('}')
}

func (p *printer) arguments(args []ast.Expr, kws []*ast.Keyword) {
	commaSep(p, args, p.expr)
	if len(args) > 0 && len(kws) > 0 {
		p.write(", ")
	}
	commaSep(p, kws, p.keyword)
}

func (p *printer) keyword(k *ast.Keyword) {
	p.ident(k.Name)
	if k.Value != nil {
		p.writeByte('=')
		p.expr(k.Value)
	}
}

func (p *printer) compClauses(gs []*ast.CompClause) {
	for _, g := range gs {
		p.write(" for ")
		commaSep(p, g.Targets, p.ident)
		p.write(" in ")
		p.expr(g.Iter)
		for _, c := range g.Ifs {
			p.write(" if ")
			p.expr(c)
		}
	}
}

// ----------------------------------------------------------------------------
// Collections

// oneLine decides whether a collection literal is printed on one line:
// when its opening line and its items are all on one line, and the author
// did not put a comment before every item. A position-less (synthetic)
// collection asks Options.Layout.Inline (default: one item per line);
// synthetic reports that case.
func (p *printer) oneLine(x ast.Expr, items []ast.Node) (one, synthetic bool) {
	if p.inline > 0 {
		return true, false
	}
	lines := map[int]bool{}
	for _, it := range items {
		if l := p.line(it.Pos()); l > 0 {
			lines[l] = true
		}
	}
	if len(lines) == 0 && p.line(x.Pos()) == 0 {
		if len(items) == 0 {
			broken := p.opts.Layout != nil && p.opts.Layout.BreakEmpty != nil && p.opts.Layout.BreakEmpty(x)
			return !broken, true
		}
		if p.opts.Layout != nil && p.opts.Layout.Inline != nil {
			return p.opts.Layout.Inline(x), true
		}
		return false, true
	}
	if p.lastLine > 0 {
		lines[p.lastLine] = true
	}
	hasComment := len(items) > 0
	for _, it := range items {
		if !p.hasCommentsBefore(p.line(it.Pos())) {
			hasComment = false
			break
		}
	}
	return len(lines) <= 1 && !hasComment, false
}

// enterInline marks the start of a synthetic one-line collection: the
// collections nested in it are then printed on one line too.
func (p *printer) enterInline(one, synthetic bool) bool {
	if one && synthetic && p.inline == 0 {
		p.inline++
		return true
	}
	return false
}

func (p *printer) listExpr(x *ast.ListExpr) {
	items := make([]ast.Node, len(x.Elts))
	for i, e := range x.Elts {
		items[i] = e
	}
	one, synthetic := p.oneLine(x, items)
	for i, e := range x.Elts {
		if _, ok := e.(*ast.ListIfItem); ok && (i == 0 || synthetic) {
			one = false
		}
	}
	if synthetic {
		entered := p.enterInline(one, true)
		p.listBody(x, one)
		if entered {
			p.inline--
		}
		return
	}
	if one && len(x.Elts) > 1 && p.inline == 0 {
		if d, ok := p.decision(x); ok {
			p.listBody(x, d)
			return
		}
		st := p.save()
		ok := p.listBody(x, true)
		p.decide(x, ok)
		if ok {
			return
		}
		p.restore(st)
		one = false
	}
	p.listBody(x, one)
}

// listBody prints a list literal on one line or one item per line. On
// one line, it reports false when an item other than the last one broke
// the line: the items would then start on different lines when the
// output is formatted again, so the caller prints one item per line
// instead (formatting stays idempotent).
func (p *printer) listBody(x *ast.ListExpr, one bool) bool {
	return bracketed(p, '[', ']', x.Elts, one, false, p.listItem)
}

// bracketed prints the items of a list or config literal between open and
// close, with print: on one line, separated by ", ", or one per line, one
// level deeper. It reports what listBody does. A synthetic literal on one
// line prints its nested literals on one line too (see enterInline).
func bracketed[T any](p *printer, open, close byte, items []T, one, synthetic bool, print func(T)) bool {
	entered := p.enterInline(one, synthetic)
	start, lastStart := len(p.out), len(p.out)
	p.writeByte(open)
	if len(items) > 0 {
		if !one {
			p.indentNewline()
		}
		for i, x := range items {
			if i > 0 {
				if one {
					p.write(", ")
				} else {
					p.newline()
				}
			}
			lastStart = len(p.out)
			print(x)
		}
		if !one {
			if end := p.curEndLine(); end > 0 {
				p.commentsUntil(end - 1)
			}
			p.dedentNewline()
		}
	} else if !one { // Layout.BreakEmpty
		p.newline()
	}
	p.writeByte(close)
	if entered {
		p.inline--
	}
	return !one || bytes.IndexByte(p.out[start:lastStart], '\n') < 0
}

// listItem prints one item of a list literal with the comments before it.
func (p *printer) listItem(e ast.Expr) {
	p.commentsBefore(e.Pos())
	p.expr(e)
}

// listItems prints the items of a list if/else branch, one per line.
func (p *printer) listItems(elts []ast.Expr) { branchItems(p, elts, p.listItem) }

// branchItems prints the items of an if/else branch of a list or config
// with print, one per line, one level deeper.
func branchItems[T any](p *printer, items []T, print func(T)) {
	p.indentNewline()
	for i, x := range items {
		if i > 0 {
			p.newline()
		}
		print(x)
	}
	p.indent--
}

func (p *printer) listIfItem(x *ast.ListIfItem) {
	p.write("if ")
	p.expr(x.Cond)
	p.writeByte(':')
	p.listItems(x.Elts)
	switch e := x.Else.(type) {
	case *ast.ListIfItem:
		p.newline()
		p.write("el")
		p.expr(e)
	case *ast.ListElse:
		p.newline()
		p.write("else:")
		p.listItems(e.Elts)
	}
}

func (p *printer) configExpr(x *ast.ConfigExpr) {
	items := make([]ast.Node, len(x.Entries))
	for i, e := range x.Entries {
		items[i] = e
	}
	one, synthetic := p.oneLine(x, items)
	if one && p.inline == 0 && !synthetic && len(x.Entries) == 1 {
		// A single entry whose value is itself a block is broken too.
		switch x.Entries[0].Value.(type) {
		case *ast.ConfigIfEntry, *ast.ConfigExpr, *ast.SchemaExpr:
			one = false
		}
	}
	for _, e := range x.Entries {
		if _, ok := e.Value.(*ast.ConfigIfEntry); ok && e.Key == nil && synthetic {
			one = false
		}
	}
	if one && len(x.Entries) > 1 && p.inline == 0 && !synthetic {
		if d, ok := p.decision(x); ok {
			p.configBody(x, d, false)
			return
		}
		st := p.save()
		ok := p.configBody(x, true, false)
		p.decide(x, ok)
		if ok {
			return
		}
		p.restore(st)
		one = false
	}
	p.configBody(x, one, synthetic)
}

// configBody prints a config literal; see listBody for the result.
func (p *printer) configBody(x *ast.ConfigExpr, one, synthetic bool) bool {
	return bracketed(p, '{', '}', x.Entries, one, synthetic, p.entry)
}

// configItems prints the entries of a config if/else branch.
func (p *printer) configItems(es []*ast.ConfigEntry) { branchItems(p, es, p.entry) }

func (p *printer) configIfEntry(x *ast.ConfigIfEntry) {
	p.write("if ")
	p.expr(x.Cond)
	p.writeByte(':')
	p.configItems(x.Entries)
	switch e := x.Else.(type) {
	case *ast.ConfigIfEntry:
		p.newline()
		p.write("el")
		p.expr(e)
	case *ast.ConfigElse:
		p.newline()
		p.write("else:")
		p.configItems(e.Entries)
	}
}

// entry prints one config entry: `key: value`, `key = value`,
// `key += value`, `**value` or an if-entry.
func (p *printer) entry(e *ast.ConfigEntry) {
	if e == nil {
		return
	}
	if e.Key == nil {
		p.commentsBefore(e.Pos())
		if e.Op == syntax.POW {
			p.write("**")
		}
		p.expr(e.Value)
		return
	}
	p.commentsBefore(e.Key.Pos())
	p.expr(e.Key)
	if e.Op != syntax.COLON {
		p.writeByte(' ')
	}
	p.write(e.Op.String())
	p.writeByte(' ')
	p.expr(e.Value)
}

// ----------------------------------------------------------------------------
// Quantifiers and lambdas

func (p *printer) quantExpr(x *ast.QuantExpr) {
	// Converters ask for synthetic quantifiers on one padded line.
	synthetic := p.line(x.Pos()) == 0 && p.opts.Layout != nil && p.opts.Layout.InlineQuant
	if synthetic {
		p.inline++
		defer func() { p.inline-- }()
	}
	one := p.inline > 0 || p.lastLine > 0 && p.line(x.Test.Pos()) == p.lastLine
	p.write(x.Op.String())
	p.writeByte(' ')
	commaSep(p, x.Vars, p.ident)
	p.write(" in ")
	p.expr(x.Target)
	p.write(" {")
	pad := one && p.opts.Layout != nil && p.opts.Layout.InlineQuant
	if !one {
		p.indentNewline()
	} else if pad {
		p.writeByte(' ')
	}
	p.expr(x.Test)
	if x.IfCond != nil {
		p.write(" if ")
		p.expr(x.IfCond)
	}
	if !one {
		p.dedentNewline()
	} else if pad {
		p.writeByte(' ')
	}
	p.writeByte('}')
}

func (p *printer) lambdaExpr(x *ast.LambdaExpr) {
	multi := false
	for _, a := range x.Params {
		if p.hasCommentsBefore(p.line(a.Pos())) {
			multi = true
			break
		}
	}
	if !multi {
		if d, ok := p.decision(x); ok {
			multi = !d
		} else {
			// measure the one-line signature, then throw it away
			st := p.save()
			p.lambdaSignature(x)
			multi = len(p.out)-st.out > recommendedLineLength
			p.restore(st)
			p.decide(x, !multi)
		}
	}
	if multi {
		p.write("lambda {\n")
		p.indent++
		p.fill()
		for i, a := range x.Params {
			if i > 0 {
				p.writeByte(',')
				p.newline()
			}
			p.commentsBefore(a.Pos())
			p.param(a)
		}
		p.write(",\n")
		p.indent--
		p.fill()
		p.write("} -> ")
		if x.Ret != nil {
			p.typ(x.Ret)
		} else {
			p.write("any")
		}
	} else {
		p.lambdaSignature(x)
	}
	p.write(" {\n")
	p.indent++
	p.stmts(x, x.Body)
	p.indent--
	p.fill()
	p.writeByte('}')
}

func (p *printer) lambdaSignature(x *ast.LambdaExpr) {
	p.write("lambda")
	if len(x.Params) > 0 {
		p.writeByte(' ')
		p.params(x.Params)
	}
	if x.Ret != nil {
		p.write(" -> ")
		p.typ(x.Ret)
	}
}
