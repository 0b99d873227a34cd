package formatter

import (
	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/syntax"
)

// recommendedLineLength is the signature width above which a lambda's
// parameters are broken one per line.
const recommendedLineLength = 80

// span is the (start line, end line) of an expression being printed.
type span struct{ start, end int }

// printer turns a tree into text. Its layout decisions follow upstream's
// printer: positions only decide where the author asked for line breaks
// (a collection whose items sit on more than one line is printed one item
// per line) and where blank lines are kept; everything else is canonical.
type printer struct {
	out    []byte
	indent int
	unit   string // one indentation level

	file  *syntax.File // nil when positions are not available
	opts  *Options
	cmts  []*ast.Comment
	cline []int // line of each comment
	ci    int   // index of the next pending comment

	// lastLine is the largest line of a node printed so far (0: none).
	lastLine int
	// spans is the stack of the expressions being printed.
	spans []span
	// inline > 0 while printing a position-less collection on one line.
	inline int
	// decided records the final one-line/multi-line choice of collections
	// and lambda signatures that needed a trial print, so that a node is
	// never measured twice (trial prints of nested nodes would otherwise
	// cost time exponential in the nesting depth). A choice depends only
	// on the traversal so far, which a repeated print replays exactly.
	decided map[ast.Node]bool
}

// decision returns the recorded choice for n.
func (p *printer) decision(n ast.Node) (one, ok bool) {
	one, ok = p.decided[n]
	return
}

func (p *printer) decide(n ast.Node, one bool) {
	if p.decided == nil {
		p.decided = map[ast.Node]bool{}
	}
	p.decided[n] = one
}

func newPrinter(file *syntax.File, comments []*ast.Comment, opts *Options) *printer {
	p := &printer{file: file, opts: opts, unit: opts.indentUnit()}
	if file != nil {
		p.out = make([]byte, 0, file.Size()+file.Size()/8+16)
	}
	if file != nil && len(comments) > 0 {
		p.cmts = comments
		p.cline = make([]int, len(comments))
		for i, c := range comments {
			p.cline[i] = p.line(c.Hash)
		}
	}
	return p
}

// line returns the 1-based line of pos, or 0 when unknown.
func (p *printer) line(pos ast.Pos) int {
	if p.file == nil || !pos.IsValid() || !p.file.Contains(pos) {
		return 0
	}
	return p.file.Line(pos)
}

// endLine returns the line of the last byte of n.
func (p *printer) endLine(n ast.Node) int {
	end := n.End()
	if !end.IsValid() {
		return 0
	}
	if start := n.Pos(); end > start {
		end--
	}
	return p.line(end)
}

// ----------------------------------------------------------------------------
// Output primitives

func (p *printer) write(s string)   { p.out = append(p.out, s...) }
func (p *printer) writeByte(c byte) { p.out = append(p.out, c) }

// fill writes the indentation of the current level.
func (p *printer) fill() {
	for i := 0; i < p.indent; i++ {
		p.out = append(p.out, p.unit...)
	}
}

// newline ends the line and indents the next one.
func (p *printer) newline() {
	p.out = append(p.out, '\n')
	p.fill()
}

// indentNewline enters a level and starts a new indented line.
func (p *printer) indentNewline() {
	p.indent++
	p.newline()
}

// dedentNewline leaves a level and starts a new line at that level.
func (p *printer) dedentNewline() {
	p.indent--
	p.newline()
}

// ----------------------------------------------------------------------------
// Comments

// hasCommentsBefore reports whether a pending comment sits on or before
// line.
func (p *printer) hasCommentsBefore(line int) bool {
	return p.ci < len(p.cmts) && p.cline[p.ci] <= line
}

// countCommentsBefore returns the number of pending comments on or
// before line.
func (p *printer) countCommentsBefore(line int) int {
	n := 0
	for i := p.ci; i < len(p.cmts) && p.cline[i] <= line; i++ {
		n++
	}
	return n
}

// commentsBefore flushes the pending comments that sit on or before the
// line of a node about to be printed: each goes on its own line at the
// current indentation. A trailing comment (`a = 1  # note`) is thereby
// moved above the node it follows, as upstream does.
func (p *printer) commentsBefore(pos ast.Pos) {
	l := p.line(pos)
	if l <= p.lastLine {
		return
	}
	p.lastLine = l
	for p.ci < len(p.cmts) && p.cline[p.ci] <= l {
		p.write(p.cmts[p.ci].Text)
		p.newline()
		p.ci++
	}
}

// commentsUntil writes the pending comments up to line (inclusive) on
// their own lines; used before the closing bracket of a multi-line
// collection. A blank line is kept between comments that were separated
// by one in the source. The final line break is left to the caller.
func (p *printer) commentsUntil(line int) {
	if line <= 0 {
		return
	}
	n := 0
	for p.ci < len(p.cmts) && p.cline[p.ci] > 0 && p.cline[p.ci] <= line {
		c, cl := p.cmts[p.ci], p.cline[p.ci]
		p.ci++
		if n == 0 && !p.endsWithNewline() {
			p.writeByte('\n')
		}
		p.fill()
		p.write(c.Text)
		p.writeByte('\n')
		if p.ci < len(p.cmts) {
			if next := p.cline[p.ci]; next >= cl+2 && next <= line {
				p.writeByte('\n')
			}
		}
		if cl > p.lastLine {
			p.lastLine = cl
		}
		n++
	}
	if n > 0 && p.endsWithNewline() {
		p.out = p.out[:len(p.out)-1]
	}
}

// flushComments writes every remaining comment (end of file).
func (p *printer) flushComments() {
	for ; p.ci < len(p.cmts); p.ci++ {
		p.write(p.cmts[p.ci].Text)
		p.newline()
	}
}

func (p *printer) endsWithNewline() bool {
	return len(p.out) > 0 && p.out[len(p.out)-1] == '\n'
}

// ----------------------------------------------------------------------------
// State save/restore for measuring

type savedState struct {
	out, ci, lastLine, spans, indent, inline int
}

func (p *printer) save() savedState {
	return savedState{len(p.out), p.ci, p.lastLine, len(p.spans), p.indent, p.inline}
}

func (p *printer) restore(s savedState) {
	p.out = p.out[:s.out]
	p.ci, p.lastLine, p.spans, p.indent, p.inline = s.ci, s.lastLine, p.spans[:s.spans], s.indent, s.inline
}

// commaSep prints the elements of xs with print, separated by ", ".
func commaSep[T any](p *printer, xs []T, print func(T)) {
	for i, x := range xs {
		if i > 0 {
			p.write(", ")
		}
		print(x)
	}
}
