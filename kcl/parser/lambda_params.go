package parser

import (
	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/syntax"
)

// bracedParamsAhead reports whether the '{' at the current token opens a
// braced lambda parameter list (`lambda {x, y: int = 1} -> any {...}`,
// the form `kcl fmt` writes for long signatures) rather than the lambda
// body: the matching '}' is followed by "->". A body is never followed by
// "->", so the look-ahead is unambiguous.
func (p *parser) bracedParamsAhead() bool {
	var sc syntax.Scanner
	sc.InitRange(p.file, p.file.Offset(p.pos), p.file.Size(), nil)
	depth := 0
	// A parameter list is short; bounding the look-ahead keeps the parser
	// linear on inputs with many lambdas (otherwise each body is rescanned).
	for n := 0; n < maxBracedParamTokens; n++ {
		_, tok, _ := sc.Scan()
		switch tok {
		case syntax.EOF:
			return false
		case syntax.LBRACE, syntax.LBRACK, syntax.LPAREN:
			depth++
		case syntax.RBRACE, syntax.RBRACK, syntax.RPAREN:
			depth--
			if depth == 0 {
				for {
					_, tok, _ = sc.Scan()
					if tok != syntax.NEWLINE && tok != syntax.COMMENT {
						return tok == syntax.ARROW
					}
				}
			}
		}
	}
	return false
}

// maxBracedParamTokens bounds the look-ahead of bracedParamsAhead.
const maxBracedParamTokens = 512

// parseBracedParams parses `{param, param, ...}` (a trailing comma and
// line breaks allowed) at the current '{'.
func (p *parser) parseBracedParams() []*ast.Param {
	var params []*ast.Param
	p.next() // '{'
	for p.skipNewlines(); p.tok == syntax.IDENT; p.skipNewlines() {
		params = append(params, p.parseParam())
		p.skipNewlines()
		if !p.got(syntax.COMMA) {
			break
		}
	}
	p.expectClosing(syntax.RBRACE)
	return params
}
