package parser

import (
	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/syntax"
)

// stmtCtx tells the statement parser where it is.
type stmtCtx uint8

const (
	ctxModule stmtCtx = iota // top level
	ctxSchema                // schema/mixin/protocol body
	ctxBlock                 // if/else body (inherits attribute rules from outer schema)
	ctxLambda                // lambda body
)

// parseStmtList parses statements at depth 0 until DEDENT or EOF.
func (p *parser) parseStmtList(ctx stmtCtx) []ast.Stmt {
	var list []ast.Stmt
	for p.tok != syntax.EOF && p.tok != syntax.DEDENT {
		if p.tok == syntax.NEWLINE {
			p.next()
			continue
		}
		if p.tok == syntax.INDENT {
			p.errorf(p.pos, "unexpected indent")
			p.next()
			list = append(list, p.parseStmtList(ctx)...)
			if p.tok == syntax.DEDENT {
				p.next()
			}
			continue
		}
		start := p.pos
		s := p.parseStmt(ctx)
		if s != nil {
			list = append(list, s)
		}
		if p.pos == start && p.tok != syntax.EOF && p.tok != syntax.DEDENT {
			// guarantee progress
			p.errorf(p.pos, "unexpected token '%s'", p.tokDesc())
			p.next()
		}
	}
	return list
}

// parseStmt parses one statement (including its terminating NEWLINE).
func (p *parser) parseStmt(ctx stmtCtx) ast.Stmt {
	if !p.enter() {
		p.leave()
		from := p.pos
		p.syncStmt(p.depthBr)
		return &ast.BadStmt{From: from, To: p.prevEnd}
	}
	defer p.leave()
	switch p.tok {
	case syntax.IMPORT:
		return p.parseImport()
	case syntax.SCHEMA:
		return p.parseSchema(nil, syntax.SCHEMA)
	case syntax.IDENT:
		if p.peekIdent() {
			switch {
			case p.isSoft(syntax.MIXIN):
				return p.parseSchema(nil, syntax.MIXIN)
			case p.isSoft(syntax.PROTOCOL):
				return p.parseSchema(nil, syntax.PROTOCOL)
			case p.isSoft(syntax.RULE):
				return p.parseRule(nil)
			case p.isSoft(syntax.TYPE):
				return p.parseTypeAlias()
			}
		}
	case syntax.AT:
		decos := p.parseDecorators()
		switch {
		case p.tok == syntax.SCHEMA:
			return p.parseSchema(decos, syntax.SCHEMA)
		case p.isSoft(syntax.MIXIN):
			return p.parseSchema(decos, syntax.MIXIN)
		case p.isSoft(syntax.PROTOCOL):
			return p.parseSchema(decos, syntax.PROTOCOL)
		case p.isSoft(syntax.RULE):
			return p.parseRule(decos)
		}
		if ctx == ctxSchema || ctx == ctxBlock {
			s := p.parseSimpleStmt(ctx)
			if a, ok := s.(*ast.SchemaAttr); ok {
				a.Decorators = decos
				return a
			}
			p.errorAt(decos[0].Pos(), decos[0].End(), "decorators can only be used on schema, rule and schema attributes")
			return s
		}
		p.errorExpected("schema", "rule")
		return &ast.BadStmt{From: decos[0].Pos(), To: p.prevEnd}
	case syntax.IF:
		return p.parseIfStmt(ctx, false)
	case syntax.ELIF, syntax.ELSE:
		from := p.pos
		p.errorf(p.pos, "invalid syntax: '%s' without 'if'", p.tok)
		p.syncStmt(p.depthBr)
		return &ast.BadStmt{From: from, To: p.prevEnd}
	case syntax.ASSERT:
		return p.parseAssert()
	case syntax.LBRACK:
		if (ctx == ctxSchema || ctx == ctxBlock) && p.isIndexSignature() {
			return p.parseIndexSignature()
		}
	}
	return p.parseSimpleStmt(ctx)
}

// endStmt consumes the end of a simple statement.
func (p *parser) endStmt() {
	switch p.tok {
	case syntax.NEWLINE:
		p.next()
	case syntax.EOF, syntax.DEDENT:
	case syntax.RBRACE, syntax.RBRACK, syntax.RPAREN:
		// the closer of an enclosing bracket (end of a lambda body); the
		// caller consumes or reports it
	default:
		p.errorAt(p.pos, p.tokEnd(), "unexpected token '"+p.tokDesc()+"'")
		p.syncStmt(p.depthBr)
	}
}

func (p *parser) parseImport() ast.Stmt {
	s := &ast.ImportStmt{Import: p.pos}
	p.next()
	s.PathPos = p.pos
	start := p.file.Offset(p.pos)
	end := start
	// leading dots for relative imports
	for p.tok == syntax.PERIOD || p.tok == syntax.ELLIPSIS {
		end = p.file.Offset(p.tokEnd())
		p.next()
	}
	for {
		if p.tok != syntax.IDENT {
			p.errorExpected("identifier")
			break
		}
		end = p.file.Offset(p.tokEnd())
		p.next()
		if p.tok != syntax.PERIOD {
			break
		}
		end = p.file.Offset(p.tokEnd())
		p.next()
	}
	s.Path = string(p.src[start:end])
	if p.tok == syntax.AS {
		p.next()
		s.Alias = p.parseIdent()
	}
	p.endStmt()
	return s
}

func (p *parser) parseIdent() *ast.Ident {
	pos := p.pos
	if p.tok == syntax.IDENT {
		lit := p.lit
		p.next()
		if lit[0] == '$' {
			return &ast.Ident{NamePos: pos, Name: lit[1:], Escaped: true}
		}
		return &ast.Ident{NamePos: pos, Name: lit}
	}
	p.errorExpected("identifier")
	return &ast.Ident{NamePos: p.prevEnd} // missing name: empty range after the previous token
}

// parseSelName parses the name after '.', where keywords are plain names
// (config.map, x.type).
func (p *parser) parseSelName() *ast.Ident {
	if p.tok.IsKeyword() {
		id := &ast.Ident{NamePos: p.pos, Name: p.tok.String()}
		p.next()
		return id
	}
	return p.parseIdent()
}

// parseDecorators parses @name / @name(args) lines.
func (p *parser) parseDecorators() []*ast.Decorator {
	var list []*ast.Decorator
	for p.tok == syntax.AT {
		d := &ast.Decorator{At: p.pos}
		p.next()
		var x ast.Expr = p.parseIdent()
		for p.tok == syntax.PERIOD {
			p.next()
			x = &ast.SelectorExpr{X: x, Sel: p.parseIdent()}
		}
		if p.tok == syntax.LPAREN {
			x = p.parseCall(x)
		}
		d.X = x
		list = append(list, d)
		if p.tok == syntax.NEWLINE {
			p.next()
		} else {
			p.errorExpected("newline")
		}
	}
	return list
}

func (p *parser) parseAssert() ast.Stmt {
	s := &ast.AssertStmt{Assert: p.pos}
	p.next()
	s.Test, s.If = p.parseTestGuard()
	if p.got(syntax.COMMA) {
		s.Msg = p.parseTest()
	}
	p.endStmt()
	return s
}

func (p *parser) parseTypeAlias() ast.Stmt {
	s := &ast.TypeAliasStmt{TypePos: p.pos}
	p.next()
	s.Name = p.parseIdent()
	p.expect(syntax.ASSIGN)
	s.Type = p.parseType()
	p.endStmt()
	return s
}

// parseSimpleStmt parses assignments, unifications, attributes and
// expression statements.
func (p *parser) parseSimpleStmt(ctx stmtCtx) ast.Stmt {
	from := p.pos
	startDepth := p.depthBr
	inSchema := ctx == ctxSchema || ctx == ctxBlock

	// schema attribute with a string name: "key": T
	x := p.parseTest()

	switch {
	case p.tok == syntax.QUESTION && inSchema:
		// name?: T
		p.next()
		if p.tok != syntax.COLON {
			p.errorExpected(":")
			p.syncStmt(startDepth)
			return &ast.BadStmt{From: from, To: p.prevEnd}
		}
		return p.parseAttr(x, true)
	case p.tok == syntax.COLON:
		if inSchema && isAttrName(x) {
			return p.parseAttr(x, false)
		}
		p.next()
		typ := p.parseType()
		if p.tok == syntax.LBRACE || p.tok == syntax.LPAREN {
			if nt, ok := typ.(*ast.NamedType); ok {
				v := &ast.SchemaExpr{Name: nt.Name}
				if p.tok == syntax.LPAREN {
					c := p.parseCall(nt.Name)
					v.Lparen, v.Args, v.Keywords, v.Rparen = c.Lparen, c.Args, c.Keywords, c.Rparen
				}
				v.Config = p.parseConfigOnly()
				s := &ast.UnificationStmt{Target: x, Value: v}
				p.endStmt()
				return s
			}
		}
		if p.tok != syntax.ASSIGN {
			if inSchema {
				return p.finishAttr(x, false, typ)
			}
			p.errorExpected("=")
			p.syncStmt(startDepth)
			return &ast.AssignStmt{Targets: []ast.Expr{x}, Type: typ, Value: p.bad(p.prevEnd)}
		}
		p.next()
		s := &ast.AssignStmt{Targets: []ast.Expr{x}, Type: typ}
		s.Value = p.parseTest()
		p.checkTarget(x)
		p.endStmt()
		return s
	case p.tok == syntax.ASSIGN:
		s := &ast.AssignStmt{Targets: []ast.Expr{x}}
		p.checkTarget(x)
		for p.tok == syntax.ASSIGN {
			p.next()
			v := p.parseTest()
			if p.tok == syntax.ASSIGN {
				p.checkTarget(v)
				s.Targets = append(s.Targets, v)
				continue
			}
			s.Value = v
		}
		p.endStmt()
		return s
	case p.tok.IsAugAssign():
		s := &ast.AugAssignStmt{Target: x, OpPos: p.pos, Op: p.tok}
		p.checkTarget(x)
		p.next()
		s.Value = p.parseTest()
		p.endStmt()
		return s
	case p.tok == syntax.COMMA && !p.inBrackets():
		p.errorAt(p.pos, p.tokEnd(), "unexpected token ','")
		p.syncStmt(startDepth)
		return &ast.BadStmt{From: from, To: p.prevEnd}
	}
	s := &ast.ExprStmt{X: x}
	p.endStmt()
	return s
}

// isAttrName reports whether x can name a schema attribute.
func isAttrName(x ast.Expr) bool {
	switch x.(type) {
	case *ast.Ident, *ast.StringLit:
		return true
	}
	return false
}

// checkTarget reports an error when x cannot be assigned to.
func (p *parser) checkTarget(x ast.Expr) {
	switch t := x.(type) {
	case *ast.Ident:
		return
	case *ast.SelectorExpr:
		if !t.Optional {
			p.checkTarget(t.X)
			return
		}
	case *ast.IndexExpr:
		if !t.Optional {
			p.checkTarget(t.X)
			return
		}
	case *ast.BadExpr:
		return
	}
	msg := "'" + exprKindName(x) + "' is an illegal expression for assignment"
	if _, ok := x.(*ast.SliceExpr); ok {
		msg += ", because the left-hand side of an assignment expression may not be a slice access"
	}
	p.errorAt(x.Pos(), x.End(), msg)
}

func (p *parser) parseAttr(name ast.Expr, optional bool) ast.Stmt {
	p.next() // ':'
	return p.finishAttr(name, optional, p.parseType())
}

func (p *parser) finishAttr(name ast.Expr, optional bool, typ ast.Type) ast.Stmt {
	if nt, ok := typ.(*ast.NamedType); ok && p.tok == syntax.LBRACE && !optional {
		if _, ok := name.(*ast.Ident); ok {
			v := &ast.SchemaExpr{Name: nt.Name, Config: p.parseConfigOnly()}
			s := &ast.UnificationStmt{Target: name, Value: v}
			p.endStmt()
			return s
		}
	}
	a := &ast.SchemaAttr{Name: name, Optional: optional, Type: typ}
	if p.tok == syntax.ASSIGN || p.tok == syntax.OR_ASSIGN {
		a.OpPos, a.Op = p.pos, p.tok
		p.next()
		a.Value = p.parseTest()
	}
	p.endStmt()
	return a
}

func (p *parser) parseIndexSignature() ast.Stmt {
	s := &ast.IndexSignature{Lbrack: p.pos}
	p.next()
	if p.tok == syntax.ELLIPSIS {
		s.Ellipsis = true
		p.next()
	}
	if p.tok == syntax.IDENT && !s.Ellipsis {
		// [name: T] or [T]
		save := p.lit
		pos := p.pos
		p.next()
		if p.tok == syntax.COLON {
			p.next()
			s.KeyName = identFromLit(pos, save)
			if p.tok == syntax.ELLIPSIS {
				s.Ellipsis = true
				p.next()
			}
			s.KeyType = p.parseType()
		} else {
			s.KeyType = p.finishTypeFromIdent(identFromLit(pos, save))
		}
	} else {
		s.KeyType = p.parseType()
	}
	s.Rbrack = p.expect(syntax.RBRACK)
	p.expect(syntax.COLON)
	s.ValueType = p.parseType()
	if p.tok == syntax.ASSIGN {
		p.next()
		s.Value = p.parseTest()
	}
	p.endStmt()
	return s
}

func identFromLit(pos ast.Pos, lit string) *ast.Ident {
	if len(lit) > 0 && lit[0] == '$' {
		return &ast.Ident{NamePos: pos, Name: lit[1:], Escaped: true}
	}
	return &ast.Ident{NamePos: pos, Name: lit}
}

// parseParams parses schema/rule parameters [a: int, b = 1]; the current
// token is '['.
func (p *parser) parseBracketParams() []*ast.Param {
	p.next()
	var list []*ast.Param
	for p.skipNewlines(); p.tok != syntax.RBRACK && p.tok != syntax.EOF; p.skipNewlines() {
		start := p.pos
		list = append(list, p.parseParam())
		p.skipNewlines()
		if !p.got(syntax.COMMA) {
			break
		}
		if p.pos == start {
			p.next()
		}
	}
	p.expectClosing(syntax.RBRACK)
	return list
}

func (p *parser) parseParam() *ast.Param {
	par := &ast.Param{Name: p.parseIdent()}
	if p.got(syntax.COLON) {
		par.Type = p.parseType()
	}
	if p.got(syntax.ASSIGN) {
		par.Default = p.parseTest()
	}
	return par
}

func (p *parser) parseSchema(decos []*ast.Decorator, kind syntax.Token) ast.Stmt {
	s := &ast.SchemaStmt{Decorators: decos, Keyword: p.pos, Kind: kind}
	p.next()
	s.Name = p.parseIdent()
	if p.tok == syntax.LBRACK {
		s.HasParams = true
		s.Params = p.parseBracketParams()
	}
	if p.tok == syntax.LPAREN {
		p.next()
		if p.tok != syntax.RPAREN {
			s.Parent = p.parseDottedName()
		}
		if p.tok != syntax.RPAREN {
			p.errorExpected(")")
			for p.tok != syntax.RPAREN && p.tok != syntax.NEWLINE && p.tok != syntax.EOF && p.tok != syntax.COLON {
				p.next()
			}
		}
		p.got(syntax.RPAREN)
	}
	s.For = p.parseForProtocol()
	if !p.parseBodyStart(&s.EndPos) {
		return s // empty body
	}
	p.parseSchemaBody(s)
	if p.tok == syntax.DEDENT {
		p.next()
	}
	return s
}

func (p *parser) parseSchemaBody(s *ast.SchemaStmt) {
	first := true
	var sigSeen bool
	for p.tok != syntax.EOF && p.tok != syntax.DEDENT {
		if p.tok == syntax.NEWLINE {
			p.next()
			continue
		}
		start := p.pos
		switch {
		case first && p.tok == syntax.STRING:
			first = false
			x := p.parseTest()
			if lit, ok := x.(*ast.StringLit); ok && (p.tok == syntax.NEWLINE || p.tok == syntax.DEDENT || p.tok == syntax.EOF) {
				s.Doc = lit
				p.endStmt()
				continue
			}
			// not a doc string: an expression statement
			st := p.finishExprStmtFrom(x, ctxSchema)
			s.Body = append(s.Body, st)
			continue
		case p.isSoft(syntax.MIXIN) && p.peekByte() == '[':
			first = false
			s.MixinPos = p.pos
			p.next()
			if p.tok != syntax.LBRACK {
				p.errorExpected("[")
				p.syncStmt(0)
				continue
			}
			p.next()
			for p.skipNewlines(); p.tok != syntax.RBRACK && p.tok != syntax.EOF; p.skipNewlines() {
				st := p.pos
				s.Mixins = append(s.Mixins, p.parseDottedName())
				p.skipNewlines()
				if !p.got(syntax.COMMA) && p.tok != syntax.RBRACK {
					p.errorExpected(",", "]")
					if p.pos == st {
						p.next()
					}
				}
			}
			p.expectClosing(syntax.RBRACK)
			p.endStmt()
			continue
		case p.isSoft(syntax.CHECK) && p.peekByte() == ':' && p.checkHeader():
			first = false
			s.CheckPos = p.pos
			p.next()
			s.Checks = append(s.Checks, p.parseCheckBlock()...)
			continue
		case p.tok == syntax.LBRACK && p.isIndexSignature():
			first = false
			st := p.parseIndexSignature()
			if sigSeen {
				p.errorAt(st.Pos(), st.End(), "duplicate schema index signature definitions, only one is allowed in the schema")
			}
			sigSeen = true
			s.Body = append(s.Body, st)
			continue
		case p.tok == syntax.INDENT:
			p.errorf(p.pos, "unexpected indent")
			p.next()
			continue
		}
		first = false
		st := p.parseStmt(ctxSchema)
		if st != nil {
			s.Body = append(s.Body, st)
		}
		if p.pos == start && p.tok != syntax.EOF && p.tok != syntax.DEDENT {
			p.errorf(p.pos, "unexpected token '%s'", p.tokDesc())
			p.next()
		}
	}
	s.EndPos = p.prevEnd
}

// finishExprStmtFrom completes a statement whose first expression x has
// already been parsed (only the expression-statement and assignment forms
// are possible after a leading string).
func (p *parser) finishExprStmtFrom(x ast.Expr, ctx stmtCtx) ast.Stmt {
	switch {
	case p.tok == syntax.COLON || p.tok == syntax.QUESTION:
		opt := p.got(syntax.QUESTION)
		return p.parseAttr(x, opt)
	case p.tok == syntax.ASSIGN:
		s := &ast.AssignStmt{Targets: []ast.Expr{x}}
		p.next()
		s.Value = p.parseTest()
		p.checkTarget(x)
		p.endStmt()
		return s
	}
	s := &ast.ExprStmt{X: x}
	p.endStmt()
	return s
}

// parseCheckBlock parses `: NEWLINE INDENT checks DEDENT` after `check`.
func (p *parser) parseCheckBlock() []*ast.CheckExpr {
	var end ast.Pos
	if !p.parseBodyStart(&end) {
		p.errorExpected("indent")
		return nil
	}
	var list []*ast.CheckExpr
	for p.tok != syntax.EOF && p.tok != syntax.DEDENT {
		if p.tok == syntax.NEWLINE {
			p.next()
			continue
		}
		start := p.pos
		list = append(list, p.parseCheckExpr())
		p.endStmt()
		if p.pos == start && p.tok != syntax.EOF && p.tok != syntax.DEDENT {
			p.next()
		}
	}
	if p.tok == syntax.DEDENT {
		p.next()
	}
	return list
}

func (p *parser) parseCheckExpr() *ast.CheckExpr {
	c := &ast.CheckExpr{}
	c.Test, c.If = p.parseTestGuard()
	if p.got(syntax.COMMA) {
		c.Msg = p.parseTest()
	}
	return c
}

func (p *parser) parseRule(decos []*ast.Decorator) ast.Stmt {
	r := &ast.RuleStmt{Decorators: decos, Rule: p.pos}
	p.next()
	r.Name = p.parseIdent()
	if p.tok == syntax.LBRACK {
		r.HasParams = true
		r.Params = p.parseBracketParams()
	}
	if p.tok == syntax.LPAREN {
		p.next()
		for p.tok != syntax.RPAREN && p.tok != syntax.EOF && p.tok != syntax.NEWLINE {
			st := p.pos
			r.Parents = append(r.Parents, p.parseDottedName())
			if !p.got(syntax.COMMA) {
				break
			}
			if p.pos == st {
				p.next()
			}
		}
		p.expect(syntax.RPAREN)
	}
	r.For = p.parseForProtocol()
	if !p.parseBodyStart(&r.EndPos) {
		return r // empty body
	}
	first := true
	for p.tok != syntax.EOF && p.tok != syntax.DEDENT {
		if p.tok == syntax.NEWLINE {
			p.next()
			continue
		}
		start := p.pos
		c := p.parseCheckExpr()
		if first && c.If == nil && c.Msg == nil {
			if lit, ok := c.Test.(*ast.StringLit); ok && r.Doc == nil {
				r.Doc = lit
				first = false
				p.endStmt()
				continue
			}
		}
		first = false
		r.Checks = append(r.Checks, c)
		p.endStmt()
		if p.pos == start && p.tok != syntax.EOF && p.tok != syntax.DEDENT {
			p.next()
		}
	}
	r.EndPos = p.prevEnd
	if p.tok == syntax.DEDENT {
		p.next()
	}
	return r
}

// parseForProtocol parses an optional `for Protocol` clause.
func (p *parser) parseForProtocol() ast.Expr {
	if p.tok != syntax.FOR {
		return nil
	}
	p.next()
	return p.parseDottedName()
}

// parseBodyStart parses the `: NEWLINE INDENT` that opens a schema, rule
// or check body, storing the end of the header in *end. It reports whether
// an indented body follows (false for an empty body or a broken header).
func (p *parser) parseBodyStart(end *ast.Pos) bool {
	p.expect(syntax.COLON)
	*end = p.prevEnd
	if p.tok != syntax.NEWLINE {
		p.errorExpected("newline")
		p.syncStmt(0)
	} else {
		p.next()
	}
	if p.tok != syntax.INDENT {
		return false
	}
	p.next()
	return true
}

// parseDottedName parses name(.name)*.
func (p *parser) parseDottedName() ast.Expr {
	var x ast.Expr = p.parseIdent()
	for p.tok == syntax.PERIOD {
		p.next()
		x = &ast.SelectorExpr{X: x, Sel: p.parseIdent()}
	}
	return x
}

// parseIfStmt parses if/elif/else at statement level.
func (p *parser) parseIfStmt(ctx stmtCtx, elif bool) ast.Stmt {
	s := &ast.IfStmt{IfPos: p.pos, Elif: elif}
	headerIndent := p.indent
	p.next()
	s.Cond = p.parseTest()
	p.expect(syntax.COLON)
	if ctx == ctxSchema {
		ctx = ctxBlock
	}
	s.Body = p.parseBlock(ctx, headerIndent)
	// elif / else
	if p.tok == syntax.ELIF && p.continuesChain(headerIndent) {
		s.Else = p.parseIfStmt(ctx, true)
	} else if p.tok == syntax.ELSE && p.continuesChain(headerIndent) {
		e := &ast.ElseStmt{ElsePos: p.pos}
		p.next()
		if p.tok == syntax.IF {
			p.errorAt(e.ElsePos, p.tokEnd(), "'else if' here is invalid in KCL, consider using the 'elif' keyword")
			s.Else = p.parseIfStmt(ctx, true)
			return s
		}
		p.expect(syntax.COLON)
		e.EndPos = p.prevEnd
		e.Body = p.parseBlock(ctx, headerIndent)
		s.Else = e
	}
	return s
}

// continuesChain reports whether an elif/else at the current token belongs
// to an if whose line had indentation headerIndent.
func (p *parser) continuesChain(headerIndent int) bool {
	if !p.inBrackets() {
		return true // DEDENT structure already decided
	}
	return !p.first || p.indent == headerIndent
}

// parseBlock parses the body of an if/elif/else statement after ':'.
func (p *parser) parseBlock(ctx stmtCtx, headerIndent int) []ast.Stmt {
	if p.tok != syntax.NEWLINE {
		// single-line body: if c: x = 1
		if p.tok == syntax.EOF {
			p.errorExpected("statement")
			return nil
		}
		st := p.parseStmt(ctx)
		return []ast.Stmt{st}
	}
	if !p.inBrackets() {
		p.next()
		if p.tok != syntax.INDENT {
			p.errorExpected("indent")
			return nil
		}
		p.next()
		list := p.parseStmtList(ctx)
		if p.tok == syntax.DEDENT {
			p.next()
		}
		return list
	}
	// inside brackets (lambda body): indentation by columns
	p.skipNewlines()
	var list []ast.Stmt
	for p.tok != syntax.EOF && p.first && p.indent > headerIndent && !isCloser(p.tok) {
		start := p.pos
		list = append(list, p.parseStmt(ctx))
		p.skipNewlines()
		if p.pos == start {
			p.next()
		}
	}
	if len(list) == 0 {
		p.errorExpected("indent")
	}
	return list
}

func isCloser(t syntax.Token) bool {
	return t == syntax.RBRACE || t == syntax.RBRACK || t == syntax.RPAREN
}

// checkHeader reports whether the current `check` token starts a check
// block: `check:` followed by the end of the line.
func (p *parser) checkHeader() bool {
	off := p.file.Offset(p.tokEnd())
	for off < len(p.src) && (p.src[off] == ' ' || p.src[off] == '\t') {
		off++
	}
	if off >= len(p.src) || p.src[off] != ':' {
		return false
	}
	off++
	for off < len(p.src) {
		switch p.src[off] {
		case ' ', '\t', '\r', '\f':
			off++
		case '\n', '#':
			return true
		default:
			return false
		}
	}
	return true
}

// isIndexSignature reports whether the '[' at the current token starts an
// index signature: its matching ']' on the same line is followed by ':'.
func (p *parser) isIndexSignature() bool {
	depth := 0
	for off := p.file.Offset(p.pos); off < len(p.src); off++ {
		switch p.src[off] {
		case '[', '(', '{':
			depth++
		case ']', ')', '}':
			depth--
			if depth == 0 {
				off++
				for off < len(p.src) && (p.src[off] == ' ' || p.src[off] == '\t') {
					off++
				}
				return off < len(p.src) && p.src[off] == ':'
			}
		case '\n', '#':
			return false
		}
	}
	return false
}

// exprKindName names an expression kind as upstream's messages do.
func exprKindName(x ast.Expr) string {
	switch x := x.(type) {
	case *ast.Ident:
		return "Identifier"
	case *ast.SelectorExpr:
		return "SelectorExpression"
	case *ast.IndexExpr, *ast.SliceExpr:
		return "SubscriptExpression"
	case *ast.CallExpr:
		return "CallExpression"
	case *ast.UnaryExpr:
		return "UnaryExpression"
	case *ast.BinaryExpr:
		if x.Op.IsCompare() {
			return "CompareExpression"
		}
		return "BinaryExpression"
	case *ast.CompareExpr:
		return "CompareExpression"
	case *ast.AsExpr:
		return "BinaryExpression"
	case *ast.IfExpr:
		return "IfExpression"
	case *ast.ParenExpr:
		return "ParenExpression"
	case *ast.ListExpr:
		return "ListExpression"
	case *ast.ListComp:
		return "ListComp"
	case *ast.DictComp:
		return "DictComp"
	case *ast.ConfigExpr:
		return "ConfigExpression"
	case *ast.SchemaExpr:
		return "SchemaExpression"
	case *ast.LambdaExpr:
		return "LambdaExpression"
	case *ast.QuantExpr:
		return "QuantExpression"
	case *ast.BasicLit:
		return "NumberLit"
	case *ast.StringLit:
		return "StringLit"
	case *ast.JoinedString:
		return "JoinedString"
	case *ast.NameConstant:
		return "NameConstantLit"
	}
	return "Expression"
}
