package parser

import (
	"fmt"
	"strings"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/syntax"
)

// Mode controls optional parser behaviour (reserved for future use).
type Mode uint

// maxDepth bounds expression/statement nesting so that hostile input
// cannot overflow the stack.
const maxDepth = 1000

// ParseFile parses the source of one KCL file. It never fails: it always
// returns a File (possibly with Bad* nodes) and the syntax errors found.
// The file is added to fset.
func ParseFile(fset *syntax.FileSet, filename string, src []byte, mode Mode) (*ast.File, syntax.ErrorList) {
	f := fset.AddFile(filename, src)
	return parseFile(f, mode)
}

// ParseSource parses src in a fresh FileSet and returns that set too.
func ParseSource(filename string, src []byte) (*ast.File, *syntax.FileSet, syntax.ErrorList) {
	fset := syntax.NewFileSet()
	f, errs := ParseFile(fset, filename, src, 0)
	return f, fset, errs
}

// ParseExpr parses a single expression (e.g. for -O overrides).
func ParseExpr(fset *syntax.FileSet, filename string, src []byte) (ast.Expr, syntax.ErrorList) {
	f := fset.AddFile(filename, src)
	var p parser
	p.init(f, 0)
	for p.tok == syntax.NEWLINE {
		p.next()
	}
	x := p.parseTest()
	for p.tok == syntax.NEWLINE {
		p.next()
	}
	if p.tok != syntax.EOF {
		p.errorExpected("end of expression")
	}
	p.errors.Sort()
	return x, p.errors
}

func parseFile(f *syntax.File, mode Mode) (*ast.File, syntax.ErrorList) {
	var p parser
	p.init(f, mode)
	file := &ast.File{
		Name:      f.Name(),
		FileStart: f.Pos(0),
		FileEnd:   f.Pos(f.Size()),
	}
	file.Body = p.parseStmtList(ctxModule)
	for p.tok != syntax.EOF {
		// stray DEDENT/INDENT at top level
		p.errorf(p.pos, "unexpected token %s", p.tokDesc())
		p.next()
		file.Body = append(file.Body, p.parseStmtList(ctxModule)...)
	}
	if len(file.Body) > 0 {
		if es, ok := file.Body[0].(*ast.ExprStmt); ok {
			if s, ok := es.X.(*ast.StringLit); ok {
				file.Doc = s
			}
		}
	}
	file.Comments = p.comments
	p.errors.Sort()
	return file, p.errors
}

type parser struct {
	file     *syntax.File
	src      []byte
	sc       syntax.Scanner
	errors   syntax.ErrorList
	comments []*ast.Comment
	mode     Mode

	// current token
	pos     ast.Pos
	tok     syntax.Token
	lit     string
	first   bool // first token on its line
	indent  int  // indentation column of the current token's line
	depthBr int  // bracket depth after the current token
	prevEnd ast.Pos

	depth   int // recursion depth
	noBrace int // >0: a '{' after a name does not start a schema expression

	lastErrPos ast.Pos

	ntok, maxTok int // tokens read, and the budget that guarantees termination

	arrowBraces map[int]bool // see bracedParamsAhead; nil until needed
}

func (p *parser) init(f *syntax.File, mode Mode) {
	p.file = f
	p.src = f.Source()
	p.mode = mode
	p.lastErrPos = -1
	p.maxTok = 8*len(p.src) + 1024
	p.sc.Init(f, p.scanError, syntax.ScanComments)
	p.tok = syntax.EOF // so that next() does not record a previous token
	p.next()
	p.prevEnd = f.Pos(0)
}

func (p *parser) scanError(pos, end ast.Pos, kind syntax.ErrorKind, msg string) {
	p.errors.Add(pos, end, kind, msg)
}

func (p *parser) next() {
	if p.tok != syntax.NEWLINE && p.tok != syntax.INDENT && p.tok != syntax.DEDENT && p.tok != syntax.EOF {
		p.prevEnd = p.pos + ast.Pos(p.tokLen())
	}
	for {
		if p.ntok++; p.ntok > p.maxTok {
			// Recovery bug guard: never loop forever; pretend the file ends.
			if p.tok != syntax.EOF {
				p.errorf(p.pos, "parser made no progress; giving up")
			}
			p.pos, p.tok, p.lit = p.file.Pos(p.file.Size()), syntax.EOF, ""
			return
		}
		p.pos, p.tok, p.lit = p.sc.Scan()
		if p.tok == syntax.COMMENT {
			p.comments = append(p.comments, &ast.Comment{Hash: p.pos, Text: p.lit})
			continue
		}
		break
	}
	p.indent, p.first = p.sc.LineIndent()
	p.depthBr = p.sc.Depth()
}

// tokLen returns the source length of the current token.
func (p *parser) tokLen() int {
	if p.lit != "" {
		return len(p.lit)
	}
	switch p.tok {
	case syntax.NEWLINE, syntax.INDENT, syntax.DEDENT, syntax.EOF:
		return 0
	}
	return len(p.tok.String())
}

func (p *parser) tokEnd() ast.Pos { return p.pos + ast.Pos(p.tokLen()) }

// ----------------------------------------------------------------------------
// Errors

func (p *parser) errorAt(pos, end ast.Pos, msg string) {
	// one error per position avoids cascades
	if pos == p.lastErrPos {
		return
	}
	p.lastErrPos = pos
	p.errors.Add(pos, end, syntax.InvalidSyntax, msg)
}

func (p *parser) errorf(pos ast.Pos, format string, args ...any) {
	p.errorAt(pos, pos, fmt.Sprintf(format, args...))
}

// tokDesc describes the current token as upstream messages do.
func (p *parser) tokDesc() string {
	switch p.tok {
	case syntax.NEWLINE:
		return "newline"
	case syntax.EOF:
		return "EOF"
	case syntax.INDENT:
		return "indent"
	case syntax.DEDENT:
		return "dedent"
	case syntax.IDENT, syntax.INT, syntax.FLOAT, syntax.STRING, syntax.ILLEGAL:
		return p.lit
	}
	return p.tok.String()
}

func (p *parser) errorExpected(what ...string) {
	q := make([]string, len(what))
	for i, w := range what {
		q[i] = `"` + w + `"`
	}
	p.errorAt(p.pos, p.tokEnd(), "expected one of ["+strings.Join(q, ", ")+"] got "+p.tokDesc())
}

func (p *parser) expect(tok syntax.Token) ast.Pos {
	pos := p.pos
	if p.tok != tok {
		p.errorExpected(tok.String())
		return pos
	}
	p.next()
	return pos
}

// expectClosing expects a closing bracket; on error it does not consume.
func (p *parser) expectClosing(tok syntax.Token) ast.Pos {
	p.skipNewlines()
	if p.tok == tok {
		pos := p.pos
		p.next()
		return pos
	}
	p.errorExpected(tok.String())
	// A missing closer is placed on the last byte of what was parsed, so
	// that the node (which ends at closer+1) stays inside its parent.
	return p.prevEnd - 1
}

func (p *parser) got(tok syntax.Token) bool {
	if p.tok == tok {
		p.next()
		return true
	}
	return false
}

// skipNewlines skips the newlines that separate items inside brackets. A
// NEWLINE at bracket depth 0 (the scanner closed unterminated brackets) is
// kept, so the enclosing construct ends there.
func (p *parser) skipNewlines() {
	for p.tok == syntax.NEWLINE && p.depthBr > 0 {
		p.next()
	}
}

// inBrackets reports whether the current token is inside brackets.
func (p *parser) inBrackets() bool { return p.depthBr > 0 }

func (p *parser) enter() bool {
	p.depth++
	if p.depth > maxDepth {
		if p.depth == maxDepth+1 {
			p.errorf(p.pos, "nesting too deep (more than %d levels)", maxDepth)
		}
		return false
	}
	return true
}

func (p *parser) leave() { p.depth-- }

func (p *parser) bad(from ast.Pos) *ast.BadExpr {
	to := p.prevEnd
	if to < from {
		to = from
	}
	return &ast.BadExpr{From: from, To: to}
}

// syncStmt skips tokens up to the end of the current logical line (a
// NEWLINE at bracket depth <= depth), or to a token that cannot belong to
// this statement.
func (p *parser) syncStmt(depth int) {
	for {
		switch p.tok {
		case syntax.EOF:
			return
		case syntax.NEWLINE:
			if p.depthBr <= depth {
				p.next()
				return
			}
		case syntax.DEDENT, syntax.INDENT:
			if depth == 0 {
				return
			}
		case syntax.RBRACE, syntax.RBRACK, syntax.RPAREN:
			if p.depthBr < depth {
				return
			}
		}
		p.next()
	}
}

// isSoft reports whether the current token is the soft keyword kw.
func (p *parser) isSoft(kw syntax.Token) bool {
	return p.tok == syntax.IDENT && p.lit == kw.String()
}

// peekByte returns the first non-blank byte after the current token on the
// same line (0 at end of line or file). Comments count as end of line.
func (p *parser) peekByte() byte {
	off := p.file.Offset(p.tokEnd())
	for off < len(p.src) {
		switch c := p.src[off]; c {
		case ' ', '\t', '\f', '\r':
			off++
		case '\n', '#':
			return 0
		default:
			return c
		}
	}
	return 0
}

// peekIdent reports whether an identifier (or $name) follows the current
// token on the same line.
func (p *parser) peekIdent() bool {
	c := p.peekByte()
	return c == '$' || c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80
}
