package parser

import (
	"strings"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/syntax"
)

// parseTest parses a full expression, including `x if c else y`.
func (p *parser) parseTest() ast.Expr {
	x, guard := p.parseTestOpt(false)
	_ = guard
	return x
}

// parseTestGuard parses `expr [if guard]` where a trailing `if` without
// `else` is a guard (assert, check blocks, filter bodies).
func (p *parser) parseTestGuard() (ast.Expr, ast.Expr) {
	return p.parseTestOpt(true)
}

func (p *parser) parseTestOpt(allowGuard bool) (ast.Expr, ast.Expr) {
	if !p.enter() {
		p.leave()
		from := p.pos
		p.skipExpr()
		return p.bad(from), nil
	}
	defer p.leave()
	x := p.parseBinary(syntax.PrecAs)
	if p.tok != syntax.IF {
		return x, nil
	}
	ifPos := p.pos
	p.next()
	cond := p.parseBinary(syntax.PrecAs)
	if p.tok != syntax.ELSE {
		if allowGuard {
			return x, cond
		}
		p.errorExpected("else")
		return &ast.IfExpr{Body: x, IfPos: ifPos, Cond: cond, ElsePos: p.prevEnd, Else: p.bad(p.prevEnd)}, nil
	}
	elsePos := p.pos
	p.next()
	y, _ := p.parseTestOpt(false)
	return &ast.IfExpr{Body: x, IfPos: ifPos, Cond: cond, ElsePos: elsePos, Else: y}, nil
}

// skipExpr skips tokens of an over-deep expression.
func (p *parser) skipExpr() {
	depth := p.depthBr
	for p.tok != syntax.EOF {
		if p.depthBr <= depth && (p.tok == syntax.NEWLINE || p.tok == syntax.COMMA) {
			return
		}
		if p.depthBr < depth {
			return
		}
		p.next()
	}
}

// binOp returns the binary operator at the current token.
func (p *parser) binOp() (syntax.Token, int) {
	switch p.tok {
	case syntax.NOT:
		return syntax.NOT_IN, syntax.PrecIn
	case syntax.IS:
		return syntax.IS, syntax.PrecIs
	}
	return p.tok, p.tok.Precedence()
}

func (p *parser) parseBinary(prec1 int) ast.Expr {
	x := p.parseUnary()
	var lastCmp ast.Expr
	lastPrec := 0
	for {
		op, prec := p.binOp()
		if prec < prec1 || prec == syntax.LowestPrec {
			return x
		}
		opPos := p.pos
		p.next()
		switch op {
		case syntax.AS:
			t := p.parseType()
			x = &ast.AsExpr{X: x, AsPos: opPos, Type: t}
			continue
		case syntax.NOT_IN:
			if p.tok == syntax.IN {
				p.next()
			} else {
				// `x not y` (upstream's CmpOp::Not, evaluated as `is not`)
				op = syntax.NOT
			}
		case syntax.IS:
			if p.tok == syntax.NOT {
				op = syntax.IS_NOT
				p.next()
			}
		}
		y := p.parseBinary(prec + 1)
		if op.IsCompare() && x == lastCmp && prec == lastPrec {
			switch c := x.(type) {
			case *ast.BinaryExpr:
				x = &ast.CompareExpr{X: c.X, Ops: []ast.CompareOp{{OpPos: c.OpPos, Op: c.Op, Y: c.Y}, {OpPos: opPos, Op: op, Y: y}}}
			case *ast.CompareExpr:
				c.Ops = append(c.Ops, ast.CompareOp{OpPos: opPos, Op: op, Y: y})
			}
			lastCmp = x
			continue
		}
		x = &ast.BinaryExpr{X: x, OpPos: opPos, Op: op, Y: y}
		if op.IsCompare() {
			lastCmp, lastPrec = x, prec
		}
	}
}

func (p *parser) parseUnary() ast.Expr {
	switch p.tok {
	case syntax.ADD, syntax.SUB, syntax.INV, syntax.NOT, syntax.NOT_BANG:
		if !p.enter() {
			p.leave()
			from := p.pos
			p.skipExpr()
			return p.bad(from)
		}
		defer p.leave()
		pos, op := p.pos, p.tok
		if op == syntax.NOT_BANG {
			op = syntax.NOT
		}
		p.next()
		x := p.parseUnary()
		return &ast.UnaryExpr{OpPos: pos, Op: op, X: x}
	}
	return p.parsePrimary()
}

func (p *parser) parsePrimary() ast.Expr {
	if !p.enter() {
		p.leave()
		from := p.pos
		p.skipExpr()
		return p.bad(from)
	}
	defer p.leave()
	x := p.parseAtom()
	for {
		switch p.tok {
		case syntax.PERIOD:
			p.next()
			x = &ast.SelectorExpr{X: x, Sel: p.parseSelName()}
		case syntax.QUESTION:
			// ?. or ?[ ; a lone '?' belongs to the caller (name?: T)
			switch p.peekOptional() {
			case syntax.PERIOD:
				p.next()
				p.next()
				x = &ast.SelectorExpr{X: x, Optional: true, Sel: p.parseSelName()}
			case syntax.LBRACK:
				p.next()
				x = p.parseIndex(x, true)
			default:
				return x
			}
		case syntax.LBRACK:
			x = p.parseIndex(x, false)
		case syntax.LPAREN:
			x = p.parseCall(x)
		case syntax.LBRACE:
			if p.noBrace > 0 {
				return x
			}
			switch c := x.(type) {
			case *ast.Ident, *ast.SelectorExpr:
				x = &ast.SchemaExpr{Name: x, Config: p.parseConfigOnly()}
			case *ast.CallExpr:
				if isDottedName(c.Fun) {
					x = &ast.SchemaExpr{Name: c.Fun, Lparen: c.Lparen, Args: c.Args, Keywords: c.Keywords, Rparen: c.Rparen, Config: p.parseConfigOnly()}
				} else {
					return x
				}
			default:
				return x
			}
		default:
			return x
		}
	}
}

// peekOptional looks at the byte after a '?' token to tell ?. and ?[
// apart from a lone '?' (optional attribute marker).
func (p *parser) peekOptional() syntax.Token {
	off := p.file.Offset(p.pos) + 1
	if off < len(p.src) {
		switch p.src[off] {
		case '.':
			return syntax.PERIOD
		case '[':
			return syntax.LBRACK
		}
	}
	return syntax.ILLEGAL
}

func isDottedName(x ast.Expr) bool {
	for {
		switch t := x.(type) {
		case *ast.Ident:
			return true
		case *ast.SelectorExpr:
			if t.Optional {
				return false
			}
			x = t.X
		default:
			return false
		}
	}
}

func (p *parser) parseIndex(x ast.Expr, optional bool) ast.Expr {
	lbrack := p.pos
	p.next()
	p.skipNewlines()
	var idx [3]ast.Expr
	ncolons := 0
	if p.tok != syntax.COLON {
		idx[0] = p.parseTest()
	}
	for p.tok == syntax.COLON && ncolons < 2 {
		ncolons++
		p.next()
		if p.tok != syntax.COLON && p.tok != syntax.RBRACK {
			idx[ncolons] = p.parseTest()
		}
	}
	rbrack := p.expectClosing(syntax.RBRACK)
	if ncolons == 0 {
		if idx[0] == nil {
			idx[0] = p.bad(lbrack + 1)
		}
		return &ast.IndexExpr{X: x, Optional: optional, Lbrack: lbrack, Index: idx[0], Rbrack: rbrack}
	}
	return &ast.SliceExpr{X: x, Optional: optional, Lbrack: lbrack, Lo: idx[0], Hi: idx[1], Step: idx[2], Slice3: ncolons == 2, Rbrack: rbrack}
}

// parseCall parses an argument list after fun; the current token is '('.
func (p *parser) parseCall(fun ast.Expr) *ast.CallExpr {
	c := &ast.CallExpr{Fun: fun, Lparen: p.pos}
	p.next()
	c.Args, c.Keywords = p.parseArgs(syntax.RPAREN)
	c.Rparen = p.expectClosing(syntax.RPAREN)
	return c
}

// parseArgs parses positional and keyword arguments up to closer.
func (p *parser) parseArgs(closer syntax.Token) ([]ast.Expr, []*ast.Keyword) {
	var args []ast.Expr
	var kws []*ast.Keyword
	for p.skipNewlines(); p.tok != closer && p.tok != syntax.EOF; p.skipNewlines() {
		start := p.pos
		x := p.parseTest()
		if p.tok == syntax.ASSIGN {
			id, ok := x.(*ast.Ident)
			if !ok {
				p.errorAt(x.Pos(), x.End(), "expression cannot be used as a keyword argument name")
				id = &ast.Ident{NamePos: x.Pos(), Name: "_"}
			}
			p.next()
			v := p.parseTest()
			kws = append(kws, &ast.Keyword{Name: id, Value: v})
		} else {
			if len(kws) > 0 {
				p.errorAt(x.Pos(), x.End(), "positional argument follows keyword argument")
			}
			args = append(args, x)
		}
		p.skipNewlines()
		if !p.got(syntax.COMMA) {
			if p.tok != closer {
				p.errorExpected(",", closer.String())
				if p.pos == start {
					p.next()
				}
				if p.tok == syntax.NEWLINE || p.tok == syntax.EOF || p.tok == syntax.DEDENT {
					break
				}
				continue
			}
			break
		}
	}
	return args, kws
}

func (p *parser) parseAtom() ast.Expr {
	pos := p.pos
	switch p.tok {
	case syntax.IDENT:
		return p.parseIdent()
	case syntax.INT, syntax.FLOAT:
		x := &ast.BasicLit{ValuePos: pos, Kind: p.tok, Value: p.lit}
		p.next()
		return x
	case syntax.STRING:
		return p.parseString()
	case syntax.TRUE, syntax.FALSE, syntax.NONE, syntax.UNDEFINED:
		x := &ast.NameConstant{ValuePos: pos, Value: p.tok}
		p.next()
		return x
	case syntax.LPAREN:
		p.next()
		saved := p.noBrace
		p.noBrace = 0
		x := p.parseTest()
		p.noBrace = saved
		rp := p.expectClosing(syntax.RPAREN)
		return &ast.ParenExpr{Lparen: pos, X: x, Rparen: rp}
	case syntax.LBRACK:
		return p.parseList()
	case syntax.LBRACE:
		return p.parseConfig()
	case syntax.LAMBDA:
		return p.parseLambda()
	case syntax.ALL, syntax.ANY, syntax.MAP, syntax.FILTER:
		return p.parseQuant()
	}
	p.errorExpected("identifier", "literal", "(", "[", "{")
	switch p.tok {
	case syntax.NEWLINE, syntax.EOF, syntax.INDENT, syntax.DEDENT, syntax.RPAREN, syntax.RBRACK, syntax.RBRACE,
		syntax.COMMA, syntax.COLON, syntax.ASSIGN:
		return &ast.BadExpr{From: p.prevEnd, To: p.prevEnd}
	}
	if p.tok.IsAugAssign() {
		return &ast.BadExpr{From: p.prevEnd, To: p.prevEnd}
	}
	p.next()
	return &ast.BadExpr{From: pos, To: p.prevEnd}
}

// ----------------------------------------------------------------------------
// Strings

func (p *parser) parseString() ast.Expr {
	pos, lit := p.pos, p.lit
	p.next()
	info := syntax.ParseStringInfo(lit)
	body := lit[info.Body:info.BodyEnd]
	if info.Raw || !strings.Contains(body, "${") {
		return &ast.StringLit{ValuePos: pos, Raw: lit}
	}
	return p.parseJoined(pos, lit, info)
}

func (p *parser) parseJoined(pos ast.Pos, lit string, info syntax.StringInfo) ast.Expr {
	js := &ast.JoinedString{ValuePos: pos, Raw: lit}
	base := p.file.Offset(pos)
	i := info.Body
	fragStart := i
	addFrag := func(from, to int) {
		if to > from {
			raw := lit[from:to]
			js.Parts = append(js.Parts, &ast.StringLit{ValuePos: pos + ast.Pos(from), Raw: raw, Fragment: true})
		}
	}
	for i < info.BodyEnd {
		c := lit[i]
		if c == '\\' {
			i += 2
			continue
		}
		if c != '$' || i+1 >= info.BodyEnd || lit[i+1] != '{' {
			i++
			continue
		}
		closeIdx := strings.IndexByte(lit[i+2:info.BodyEnd], '}')
		if closeIdx < 0 {
			p.errorAt(pos+ast.Pos(i), pos+ast.Pos(info.BodyEnd), "invalid string interpolation expression: missing '}'")
			break
		}
		addFrag(fragStart, i)
		exprStart := i + 2
		exprEnd := exprStart + closeIdx
		fv := &ast.FormattedValue{Dollar: pos + ast.Pos(i), Rbrace: pos + ast.Pos(exprEnd)}
		text := lit[exprStart:exprEnd]
		xEnd := exprEnd
		if k := specIndex(text); k >= 0 {
			fv.Spec = strings.TrimSpace(text[k+1:])
			xEnd = exprStart + k
			if !validSpec(fv.Spec) {
				// upstream reports this from its resolver, at the expression
				p.errors.Add(pos+ast.Pos(exprStart), pos+ast.Pos(exprEnd), syntax.CompileError, fv.Spec+" is a invalid format spec")
			}
		}
		fv.X = p.parseInterpolation(base+exprStart, base+xEnd, text)
		js.Parts = append(js.Parts, fv)
		i = exprEnd + 1
		fragStart = i
	}
	addFrag(fragStart, info.BodyEnd)
	return js
}

// specIndex returns the index of the ':' that starts a format spec
// (": #json") in an interpolation text, or -1.
func specIndex(text string) int {
	for k := len(text) - 1; k >= 0; k-- {
		if text[k] == ':' {
			if strings.HasPrefix(strings.TrimSpace(text[k+1:]), "#") {
				return k
			}
			return -1
		}
	}
	return -1
}

func validSpec(spec string) bool {
	switch strings.ToLower(spec) {
	case "#json", "#yaml":
		return true
	}
	return false
}

// parseInterpolation parses the expression of ${...} at file offsets
// [start, end).
func (p *parser) parseInterpolation(start, end int, text string) ast.Expr {
	var sub parser
	sub.file = p.file
	sub.src = p.src
	sub.lastErrPos = -1
	sub.depth = p.depth
	sub.maxTok = 8*(end-start) + 1024
	sub.sc.InitRange(p.file, start, end, sub.scanError)
	sub.tok = syntax.EOF
	sub.next()
	sub.prevEnd = p.file.Pos(start)
	sub.skipNewlines()
	from := p.file.Pos(start)
	if sub.tok == syntax.EOF {
		p.errorAt(from, from, "invalid string interpolation expression: '"+text+"'")
		return &ast.BadExpr{From: from, To: from}
	}
	x := sub.parseTest()
	sub.skipNewlines()
	if sub.tok != syntax.EOF || len(sub.errors) > 0 {
		p.errorAt(from, p.file.Pos(end), "invalid string interpolation expression: '"+text+"'")
		if x == nil {
			x = &ast.BadExpr{From: from, To: p.file.Pos(end)}
		}
	}
	return x
}

// ----------------------------------------------------------------------------
// Lists and configs

func (p *parser) parseList() ast.Expr {
	lbrack := p.pos
	p.next()
	saved := p.noBrace
	p.noBrace = 0
	defer func() { p.noBrace = saved }()
	p.skipNewlines()
	if p.tok == syntax.RBRACK {
		rb := p.pos
		p.next()
		return &ast.ListExpr{Lbrack: lbrack, Rbrack: rb}
	}
	first := p.parseListItem()
	p.skipNewlines()
	if p.tok == syntax.FOR {
		comp := &ast.ListComp{Lbrack: lbrack, Elt: first}
		comp.Generators = p.parseCompClauses()
		comp.Rbrack = p.expectClosing(syntax.RBRACK)
		if _, ok := first.(*ast.StarredExpr); ok {
			p.errorAt(first.Pos(), first.End(), "list unpacking cannot be used in list comprehension")
		}
		return comp
	}
	list := &ast.ListExpr{Lbrack: lbrack, Elts: []ast.Expr{first}}
	if !p.got(syntax.COMMA) && p.tok != syntax.RBRACK && !p.first {
		p.errorExpected(",", "]")
		p.skipItem(syntax.RBRACK)
	}
	for p.skipNewlines(); p.tok != syntax.RBRACK && p.tok != syntax.EOF; p.skipNewlines() {
		start := p.pos
		list.Elts = append(list.Elts, p.parseListItem())
		if !p.got(syntax.COMMA) && p.tok != syntax.NEWLINE && p.tok != syntax.RBRACK && !p.first {
			p.errorExpected(",", "]")
			if p.pos == start || !(p.tok == syntax.IDENT || p.tok.IsLiteral()) {
				p.skipItem(syntax.RBRACK)
			}
		}
		if p.pos == start {
			p.next()
		}
	}
	list.Rbrack = p.expectClosing(syntax.RBRACK)
	return list
}

// skipItem skips tokens up to the next item separator or closer at the
// current bracket depth.
func (p *parser) skipItem(closer syntax.Token) {
	depth := p.depthBr
	for p.tok != syntax.EOF {
		if p.depthBr == depth && (p.tok == syntax.COMMA || p.tok == syntax.NEWLINE) {
			return
		}
		if p.depthBr < depth || p.tok == closer && p.depthBr < depth+1 {
			return
		}
		p.next()
	}
}

func (p *parser) parseListItem() ast.Expr {
	switch p.tok {
	case syntax.MUL:
		star := p.pos
		p.next()
		return &ast.StarredExpr{Star: star, X: p.parseBinary(syntax.PrecOr)}
	case syntax.IF:
		return p.parseListIfItem(false)
	}
	return p.parseTest()
}

func (p *parser) parseListIfItem(elif bool) ast.Expr {
	item := &ast.ListIfItem{IfPos: p.pos, Elif: elif}
	header := p.indent
	p.next()
	item.Cond = p.parseTest()
	p.expect(syntax.COLON)
	item.Elts = p.parseItemBlock(header)
	if p.tok == syntax.ELIF && p.continuesChain(header) {
		item.Else = p.parseListIfItem(true)
	} else if p.tok == syntax.ELSE && p.continuesChain(header) {
		e := &ast.ListElse{ElsePos: p.pos}
		p.next()
		p.expect(syntax.COLON)
		e.EndPos = p.prevEnd
		e.Elts = p.parseItemBlock(header)
		item.Else = e
	}
	return item
}

// parseItemBlock parses the items of an if/elif/else branch inside
// brackets: one item on the same line, or lines indented deeper than the
// header.
func (p *parser) parseItemBlock(header int) []ast.Expr {
	if p.tok != syntax.NEWLINE {
		x := p.parseListItem()
		p.got(syntax.COMMA)
		p.skipNewlines()
		return []ast.Expr{x}
	}
	p.skipNewlines()
	var list []ast.Expr
	for p.tok != syntax.EOF && (!p.first || p.indent > header) && !isCloser(p.tok) {
		start := p.pos
		list = append(list, p.parseListItem())
		p.got(syntax.COMMA)
		p.skipNewlines()
		if p.pos == start {
			p.next()
		}
	}
	return list
}

// parseCompClauses parses `for ... in ... [if ...]` clauses.
func (p *parser) parseCompClauses() []*ast.CompClause {
	var list []*ast.CompClause
	for p.tok == syntax.FOR {
		c := &ast.CompClause{For: p.pos}
		p.next()
		for {
			id := p.parseIdent()
			if p.tok == syntax.PERIOD {
				// upstream accepts a dotted name here and rejects it in its
				// resolver; report it the same way
				for p.tok == syntax.PERIOD {
					p.next()
					p.parseSelName()
				}
				p.errors.Add(id.Pos(), p.prevEnd, syntax.CompileError, "loop variables can only be ordinary identifiers")
			}
			c.Targets = append(c.Targets, id)
			if !p.got(syntax.COMMA) {
				break
			}
		}
		if p.tok != syntax.IN {
			p.errorExpected("in")
			p.skipItem(syntax.RBRACK)
			c.Iter = p.bad(p.prevEnd)
			list = append(list, c)
			return list
		}
		p.next()
		c.Iter = p.parseBinary(syntax.PrecOr)
		p.skipNewlines()
		for p.tok == syntax.IF {
			p.next()
			c.Ifs = append(c.Ifs, p.parseBinary(syntax.PrecOr))
			p.skipNewlines()
		}
		list = append(list, c)
	}
	return list
}

// parseConfigOnly parses a config literal that must not be a dict
// comprehension (schema expression bodies).
func (p *parser) parseConfigOnly() *ast.ConfigExpr {
	if p.tok != syntax.LBRACE {
		p.errorExpected("{")
		end := p.prevEnd - 1
		return &ast.ConfigExpr{Lbrace: end, Rbrace: end}
	}
	x := p.parseConfig()
	if c, ok := x.(*ast.ConfigExpr); ok {
		return c
	}
	p.errorAt(x.Pos(), x.End(), "dict comprehension cannot be used as a schema config")
	return &ast.ConfigExpr{Lbrace: x.Pos(), Rbrace: x.End() - 1}
}

// parseConfig parses {entries} or a dict comprehension.
func (p *parser) parseConfig() ast.Expr {
	lbrace := p.pos
	p.next()
	saved := p.noBrace
	p.noBrace = 0
	defer func() { p.noBrace = saved }()
	p.skipNewlines()
	cfg := &ast.ConfigExpr{Lbrace: lbrace}
	if p.tok == syntax.RBRACE {
		cfg.Rbrace = p.pos
		p.next()
		return cfg
	}
	first := p.parseConfigEntry()
	p.skipNewlines()
	if p.tok == syntax.FOR {
		comp := &ast.DictComp{Lbrace: lbrace, Entry: first}
		comp.Generators = p.parseCompClauses()
		comp.Rbrace = p.expectClosing(syntax.RBRACE)
		if first.Key == nil {
			p.errorAt(first.Pos(), first.End(), "dict unpacking cannot be used in dict comprehension")
		}
		return comp
	}
	cfg.Entries = append(cfg.Entries, first)
	if !p.got(syntax.COMMA) && p.tok != syntax.RBRACE && !p.first {
		p.errorExpected(",", "}")
		p.skipItem(syntax.RBRACE)
	}
	cfg.Entries = p.parseConfigEntries(cfg.Entries, -1)
	cfg.Rbrace = p.expectClosing(syntax.RBRACE)
	return cfg
}

// parseConfigEntries parses entries until '}' (header < 0) or, for an
// if-entry body, while lines are indented deeper than header.
func (p *parser) parseConfigEntries(list []*ast.ConfigEntry, header int) []*ast.ConfigEntry {
	for p.skipNewlines(); p.tok != syntax.RBRACE && p.tok != syntax.EOF; p.skipNewlines() {
		if header >= 0 && p.first && p.indent <= header {
			break
		}
		if isCloser(p.tok) {
			break
		}
		start := p.pos
		list = append(list, p.parseConfigEntry())
		if !p.got(syntax.COMMA) && p.tok != syntax.NEWLINE && p.tok != syntax.RBRACE && !p.first {
			p.errorExpected(",", "}")
			p.skipItem(syntax.RBRACE)
		}
		if p.pos == start {
			p.next()
		}
	}
	return list
}

func (p *parser) parseConfigEntry() *ast.ConfigEntry {
	switch p.tok {
	case syntax.POW:
		e := &ast.ConfigEntry{OpPos: p.pos, Op: syntax.POW}
		p.next()
		e.Value = p.parseBinary(syntax.PrecOr)
		return e
	case syntax.IF:
		return &ast.ConfigEntry{Op: syntax.ILLEGAL, Value: p.parseConfigIfEntry(false)}
	}
	e := &ast.ConfigEntry{}
	e.Key = p.parseTest()
	switch p.tok {
	case syntax.COLON, syntax.ASSIGN, syntax.ADD_ASSIGN:
		e.OpPos, e.Op = p.pos, p.tok
		p.next()
	default:
		p.errorExpected(":", "=", "+=")
		e.OpPos, e.Op = p.prevEnd, syntax.COLON
		e.Value = p.bad(p.prevEnd)
		return e
	}
	p.skipNewlinesAfterOp()
	e.Value = p.parseTest()
	return e
}

// skipNewlinesAfterOp allows a value on the next line after an entry
// operator (`key:\n    value`).
func (p *parser) skipNewlinesAfterOp() {
	p.skipNewlines()
}

func (p *parser) parseConfigIfEntry(elif bool) *ast.ConfigIfEntry {
	ie := &ast.ConfigIfEntry{IfPos: p.pos, Elif: elif}
	header := p.indent
	p.next()
	ie.Cond = p.parseTest()
	p.expect(syntax.COLON)
	ie.Entries = p.parseIfEntryBody(header)
	if p.tok == syntax.ELIF && p.continuesChain(header) {
		ie.Else = p.parseConfigIfEntry(true)
	} else if p.tok == syntax.ELSE && p.continuesChain(header) {
		e := &ast.ConfigElse{ElsePos: p.pos}
		p.next()
		p.expect(syntax.COLON)
		e.EndPos = p.prevEnd
		e.Entries = p.parseIfEntryBody(header)
		ie.Else = e
	}
	return ie
}

func (p *parser) parseIfEntryBody(header int) []*ast.ConfigEntry {
	if p.tok != syntax.NEWLINE {
		e := p.parseConfigEntry()
		p.got(syntax.COMMA)
		p.skipNewlines()
		return []*ast.ConfigEntry{e}
	}
	p.skipNewlines()
	return p.parseConfigEntries(nil, header)
}

// ----------------------------------------------------------------------------
// Lambda and quantifiers

func (p *parser) parseLambda() ast.Expr {
	l := &ast.LambdaExpr{Lambda: p.pos}
	p.next()
	braced := p.tok == syntax.LBRACE && p.bracedParamsAhead()
	if braced {
		l.Params = p.parseBracedParams()
	}
	for !braced && p.tok == syntax.IDENT {
		l.Params = append(l.Params, p.parseParam())
		if !p.got(syntax.COMMA) {
			break
		}
	}
	if p.got(syntax.ARROW) {
		l.Ret = p.parseType()
	}
	if p.tok != syntax.LBRACE {
		p.errorExpected("{")
		l.Lbrace, l.Rbrace = p.prevEnd-1, p.prevEnd-1
		return l
	}
	l.Lbrace = p.pos
	p.next()
	saved := p.noBrace
	p.noBrace = 0
	for p.skipNewlines(); p.tok != syntax.RBRACE && p.tok != syntax.EOF; p.skipNewlines() {
		start := p.pos
		if isCloser(p.tok) {
			break
		}
		l.Body = append(l.Body, p.parseStmt(ctxLambda))
		if p.pos == start {
			p.next()
		}
	}
	p.noBrace = saved
	l.Rbrace = p.expectClosing(syntax.RBRACE)
	return l
}

func (p *parser) parseQuant() ast.Expr {
	q := &ast.QuantExpr{OpPos: p.pos, Op: p.tok}
	p.next()
	for {
		q.Vars = append(q.Vars, p.parseIdent())
		if !p.got(syntax.COMMA) {
			break
		}
	}
	p.expect(syntax.IN)
	p.noBrace++
	q.Target = p.parseBinary(syntax.PrecOr)
	p.noBrace--
	if p.tok != syntax.LBRACE {
		p.errorExpected("{")
		q.Lbrace, q.Rbrace = p.prevEnd-1, p.prevEnd-1
		q.Test = p.bad(p.prevEnd)
		return q
	}
	q.Lbrace = p.pos
	p.next()
	saved := p.noBrace
	p.noBrace = 0
	p.skipNewlines()
	q.Test, q.IfCond = p.parseTestGuard()
	p.skipNewlines()
	p.noBrace = saved
	q.Rbrace = p.expectClosing(syntax.RBRACE)
	return q
}
