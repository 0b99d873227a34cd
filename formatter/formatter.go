package formatter

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/parser"
	"github.com/kclx-dev/kclx/kcl/syntax"
)

// Options control formatting. The zero value gives upstream's defaults.
type Options struct {
	// Indent is one indentation level: "" means four spaces; use
	// SpaceIndent(n) or TabIndent. An explicit Indent wins over
	// .editorconfig (see ForFile).
	Indent string

	// Fset holds the positions of the tree given to File, Node and
	// NodeWith. Nil means "no positions": the tree is laid out
	// canonically, as for a tree built by a converter.
	Fset *syntax.FileSet

	// Layout customises the layout of position-less trees; nil gives the
	// defaults described on Layout.
	Layout *Layout
}

// TabIndent is the indentation unit of `indent_style = tab`.
const TabIndent = "\t"

// SpaceIndent returns an indentation unit of n spaces.
func SpaceIndent(n int) string { return strings.Repeat(" ", n) }

func (o *Options) indentUnit() string {
	if o.Indent == "" {
		return "    "
	}
	return o.Indent
}

// Layout customises the printing of synthetic trees (nodes without
// positions, as converters build them). Parsed trees never consult it,
// except BlankLines, which applies to any tree.
type Layout struct {
	// Inline reports whether a non-empty position-less list or config
	// literal is written on one line ([1, 2], {a = 1}); collections nested
	// in an inline one are inline too. Nil: one item per line.
	Inline func(x ast.Expr) bool

	// BlankLines returns how many blank lines separate two consecutive
	// elements of a block, or -1 for the canonical number. parent is the
	// *ast.File, *ast.SchemaStmt, *ast.IfStmt, *ast.ElseStmt or
	// *ast.LambdaExpr that holds them; prev is the previous statement, or
	// what a schema prints before its body (the doc string *ast.StringLit,
	// the last mixin, the index signature), or the module doc string;
	// next is the following statement. Before a schema's check block,
	// parent is the *ast.SchemaStmt, prev the last element printed before
	// it and next the first *ast.CheckExpr.
	BlankLines func(parent, prev, next ast.Node) int

	// BreakEmpty reports whether an empty position-less list or config is
	// written with its brackets on two lines ("{" newline "}"), as
	// upstream's data converters write them. Nil: "[]" and "{}".
	BreakEmpty func(x ast.Expr) bool

	// InlineQuant writes position-less quantifier expressions on one line
	// with a space inside the braces (all x in xs { x > 0 }), the style
	// of upstream's schema generators; quantifiers of a parsed tree that
	// are on one line get the spaces too.
	InlineQuant bool

	// IndexSignatureInPlace prints the index signature of a position-less
	// schema where it is in the body instead of first, as upstream's
	// JSON Schema converter places it (after the attributes).
	IndexSignatureInPlace bool
}

// SyntaxError is one syntax error of a file that could not be formatted.
type SyntaxError struct {
	Pos syntax.Position // file, line and column (columns count characters)
	Msg string
}

func (e *SyntaxError) Error() string { return e.Pos.String() + ": " + e.Msg }

// SyntaxErrors lists the syntax errors of a file, in source order.
type SyntaxErrors []*SyntaxError

func (l SyntaxErrors) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Source formats a whole file. When src has syntax errors nothing is
// formatted and the error is a SyntaxErrors. An empty (or blank) file
// formats to nothing; any other output ends with exactly one newline. A
// file whose first line ends in CRLF keeps CRLF line endings.
func Source(filename string, src []byte, opts Options) ([]byte, error) {
	crlf := usesCRLF(src)
	if crlf {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	}
	fset := syntax.NewFileSet()
	f, errs := parser.ParseFile(fset, filename, src, 0)
	if len(errs) > 0 {
		return nil, syntaxErrors(fset, errs)
	}
	opts.Fset = fset
	out, err := File(f, opts)
	if err != nil {
		return nil, err
	}
	if crlf {
		out = bytes.ReplaceAll(out, []byte("\n"), []byte("\r\n"))
	}
	return out, nil
}

// usesCRLF reports whether the first line break of src is CRLF.
func usesCRLF(src []byte) bool {
	i := bytes.IndexByte(src, '\n')
	return i > 0 && src[i-1] == '\r'
}

func syntaxErrors(fset *syntax.FileSet, errs syntax.ErrorList) SyntaxErrors {
	out := make(SyntaxErrors, 0, len(errs))
	for _, e := range errs {
		pos := fset.Position(e.Pos)
		if f := fset.File(e.Pos); f != nil && pos.IsValid() {
			pos.Column = f.RuneColumn(pos.Offset)
		}
		out = append(out, &SyntaxError{Pos: pos, Msg: e.Msg})
	}
	return out
}

// File prints a module: canonical text ending with one newline (nothing
// for an empty module). With opts.Fset the tree's positions and
// f.Comments are used as for Source; without, the tree is treated as
// synthetic (see the package documentation).
func File(f *ast.File, opts Options) ([]byte, error) {
	if f == nil {
		return nil, fmt.Errorf("formatter: nil file")
	}
	var file *syntax.File
	if opts.Fset != nil {
		file = opts.Fset.File(f.FileStart)
	}
	var comments []*ast.Comment
	if file != nil {
		comments = f.Comments
	}
	p := newPrinter(file, comments, &opts)
	p.module(f)
	return finish(p.out), nil
}

// finish trims trailing blank lines and ends non-empty output with one
// newline.
func finish(out []byte) []byte {
	out = bytes.TrimRight(out, "\n")
	if len(bytes.TrimSpace(out)) == 0 {
		return []byte{}
	}
	return append(out, '\n')
}

// Node prints one node of a synthetic tree with default options: a
// statement (with its block), an expression, a type, or a whole
// *ast.File. The text has no final newline.
func Node(n ast.Node) ([]byte, error) { return NodeWith(n, Options{}) }

// NodeWith is Node with options (positions from opts.Fset, indentation,
// layout). Comments are only printed for a whole *ast.File.
func NodeWith(n ast.Node, opts Options) ([]byte, error) {
	if n == nil {
		return nil, fmt.Errorf("formatter: nil node")
	}
	if f, ok := n.(*ast.File); ok {
		return File(f, opts)
	}
	var file *syntax.File
	if opts.Fset != nil {
		file = opts.Fset.File(n.Pos())
	}
	p := newPrinter(file, nil, &opts)
	switch n := n.(type) {
	case ast.Stmt:
		p.stmt(n)
	case ast.Type:
		p.typ(n)
	case ast.Expr:
		p.expr(n)
	case *ast.ConfigEntry:
		p.entry(n)
	case *ast.Param:
		p.param(n)
	case *ast.Keyword:
		p.keyword(n)
	default:
		return nil, fmt.Errorf("formatter: cannot print %T", n)
	}
	return bytes.TrimRight(p.out, "\n"), nil
}

// Range formats the text src[start:end] on its own, as upstream's
// language server does for range formatting, and returns one edit that
// replaces that range with the result (none when it is already
// formatted). The range must hold complete top-level statements; when it
// does not parse on its own, the error is a SyntaxErrors with positions
// relative to the range.
func Range(filename string, src []byte, start, end int, opts Options) ([]Edit, error) {
	if start < 0 || end > len(src) || start > end {
		return nil, fmt.Errorf("formatter: range [%d, %d) outside the source (%d bytes)", start, end, len(src))
	}
	part := src[start:end]
	out, err := Source(filename, part, opts)
	if err != nil {
		return nil, err
	}
	if bytes.Equal(out, part) {
		return nil, nil
	}
	return []Edit{{Start: start, End: end, New: string(out)}}, nil
}
