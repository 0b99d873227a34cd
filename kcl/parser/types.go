package parser

import (
	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/syntax"
)

// parseType parses a type annotation, including unions.
func (p *parser) parseType() ast.Type {
	if !p.enter() {
		p.leave()
		from := p.pos
		p.skipExpr()
		return &ast.BadType{From: from, To: p.prevEnd}
	}
	defer p.leave()
	return p.finishUnion(p.parseTypeElem())
}

func (p *parser) finishUnion(t ast.Type) ast.Type {
	if p.tok != syntax.OR_BIT {
		return t
	}
	u := &ast.UnionType{Types: []ast.Type{t}}
	for p.tok == syntax.OR_BIT {
		p.next()
		u.Types = append(u.Types, p.parseTypeElem())
	}
	return u
}

// finishTypeFromIdent continues a type whose first identifier was already
// consumed.
func (p *parser) finishTypeFromIdent(id *ast.Ident) ast.Type {
	var x ast.Expr = id
	for p.tok == syntax.PERIOD {
		p.next()
		x = &ast.SelectorExpr{X: x, Sel: p.parseIdent()}
	}
	return p.finishUnion(&ast.NamedType{Name: x})
}

func (p *parser) parseTypeElem() ast.Type {
	pos := p.pos
	switch p.tok {
	case syntax.IDENT:
		return &ast.NamedType{Name: p.parseDottedName()}
	case syntax.ANY:
		p.next()
		return &ast.NamedType{Name: &ast.Ident{NamePos: pos, Name: "any"}}
	case syntax.TRUE, syntax.FALSE, syntax.NONE, syntax.UNDEFINED:
		lit := &ast.NameConstant{ValuePos: pos, Value: p.tok}
		p.next()
		return &ast.LiteralType{Lit: lit}
	case syntax.INT, syntax.FLOAT:
		lit := &ast.BasicLit{ValuePos: pos, Kind: p.tok, Value: p.lit}
		p.next()
		return &ast.LiteralType{Lit: lit}
	case syntax.STRING:
		return &ast.LiteralType{Lit: p.parseString()}
	case syntax.LBRACK:
		t := &ast.ListType{Lbrack: pos}
		p.next()
		p.skipNewlines()
		if p.tok != syntax.RBRACK {
			t.Elem = p.parseType()
		}
		t.Rbrack = p.expectClosing(syntax.RBRACK)
		return t
	case syntax.LBRACE:
		t := &ast.DictType{Lbrace: pos}
		p.next()
		p.skipNewlines()
		if p.tok != syntax.COLON {
			t.Key = p.parseType()
		}
		t.Colon = p.expect(syntax.COLON)
		p.skipNewlines()
		if p.tok != syntax.RBRACE {
			t.Value = p.parseType()
		}
		t.Rbrace = p.expectClosing(syntax.RBRACE)
		return t
	case syntax.LPAREN:
		t := &ast.FuncType{Lparen: pos}
		p.next()
		for p.tok != syntax.RPAREN && p.tok != syntax.EOF {
			start := p.pos
			t.Params = append(t.Params, p.parseType())
			if !p.got(syntax.COMMA) {
				break
			}
			if p.pos == start {
				p.next()
			}
		}
		t.Rparen = p.expectClosing(syntax.RPAREN)
		if p.got(syntax.ARROW) {
			t.Ret = p.parseType()
		}
		return t
	}
	p.errorExpected("type")
	return &ast.BadType{From: p.prevEnd, To: p.prevEnd}
}
