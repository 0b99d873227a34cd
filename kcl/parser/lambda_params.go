package parser

import (
	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/syntax"
)

// bracedParamsAhead reports whether the '{' at the current token opens a
// braced lambda parameter list (`lambda {x, y: int = 1} -> any {...}`,
// the form `kcl fmt` writes for long signatures) rather than the lambda
// body: the matching '}' is followed by "->". A body is never followed by
// "->", so the look-ahead is unambiguous. The answer for every '{' of the
// file comes from one linear pre-scan, made the first time it is needed.
func (p *parser) bracedParamsAhead() bool {
	if p.arrowBraces == nil {
		p.arrowBraces = arrowBraces(p.file)
	}
	return p.arrowBraces[p.file.Offset(p.pos)]
}

// arrowBraces scans the whole file once and returns the offsets of the
// '{' whose matching '}' is followed (across newlines and comments) by
// "->".
func arrowBraces(f *syntax.File) map[int]bool {
	var sc syntax.Scanner
	sc.InitRange(f, 0, f.Size(), nil)
	type open struct {
		tok syntax.Token
		off int
	}
	var stack []open
	pending := -1 // '{' offset whose closing brace was the last real token
	result := map[int]bool{}
	for {
		pos, tok, _ := sc.Scan()
		if tok == syntax.EOF {
			return result
		}
		if tok == syntax.NEWLINE || tok == syntax.COMMENT {
			continue
		}
		if pending >= 0 && tok == syntax.ARROW {
			result[pending] = true
		}
		pending = -1
		switch tok {
		case syntax.LBRACE, syntax.LBRACK, syntax.LPAREN:
			stack = append(stack, open{tok, f.Offset(pos)})
		case syntax.RBRACE, syntax.RBRACK, syntax.RPAREN:
			if n := len(stack); n > 0 {
				top := stack[n-1]
				stack = stack[:n-1]
				if top.tok == syntax.LBRACE && tok == syntax.RBRACE {
					pending = top.off
				}
			}
		}
	}
}

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
