package source

import (
	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/workspace"
)

// FoldKind is the kind of a folding range ("" for code).
type FoldKind string

// Folding range kinds.
const (
	FoldCode    FoldKind = ""
	FoldComment FoldKind = "comment"
	FoldImports FoldKind = "imports"
)

// FoldingRange is a foldable span of lines (1-based, inclusive).
type FoldingRange struct {
	StartLine, EndLine int
	Kind               FoldKind
}

// FoldingRanges returns the foldable regions of a file: blocks (schemas,
// rules, if/else, lambdas, check blocks), multi-line brackets and strings,
// runs of imports and runs of comment lines.
func FoldingRanges(f *workspace.File) []FoldingRange {
	var out []FoldingRange
	add := func(start, end int, kind FoldKind) {
		sl, _ := f.Tok.LineCol(start)
		el, _ := f.Tok.LineCol(end)
		if el > sl {
			out = append(out, FoldingRange{StartLine: sl, EndLine: el, Kind: kind})
		}
	}
	// lastLineEnd is the offset of the last character of a node, so that
	// a block ending with a newline does not fold the following line.
	lastLine := func(n ast.Node) int {
		_, e := nodeOffsets(f, n)
		for e > 0 && e <= len(f.Src) && (f.Src[e-1] == '\n' || f.Src[e-1] == '\r' || f.Src[e-1] == ' ') {
			e--
		}
		return e
	}
	ast.Inspect(f.AST, func(n ast.Node) bool {
		switch n := n.(type) {
		case nil:
			return false
		case *ast.SchemaStmt, *ast.RuleStmt, *ast.IfStmt, *ast.ElseStmt,
			*ast.LambdaExpr, *ast.ConfigExpr, *ast.ListExpr, *ast.ListComp, *ast.DictComp,
			*ast.CallExpr, *ast.QuantExpr, *ast.StringLit, *ast.JoinedString:
			s, _ := nodeOffsets(f, n)
			if ifs, ok := n.(*ast.IfStmt); ok && ifs.Else != nil {
				// The if branch folds up to its last statement; else
				// and elif fold on their own.
				if len(ifs.Body) > 0 {
					add(s, lastLine(ifs.Body[len(ifs.Body)-1]), FoldCode)
				}
				return true
			}
			add(s, lastLine(n), FoldCode)
		}
		return true
	})
	// Runs of imports.
	var first, last ast.Node
	flush := func() {
		if first != nil {
			s, _ := nodeOffsets(f, first)
			add(s, lastLine(last), FoldImports)
		}
		first, last = nil, nil
	}
	for _, s := range f.AST.Body {
		if imp, ok := s.(*ast.ImportStmt); ok {
			if first == nil {
				first = imp
			}
			last = imp
			continue
		}
		flush()
	}
	flush()
	// Runs of comments on consecutive lines.
	startLine, prevLine := 0, -2
	var startOff, prevEnd int
	for _, c := range f.AST.Comments {
		l, _ := f.Tok.LineCol(f.Offset(c.Pos()))
		if l != prevLine+1 {
			if prevLine > startLine {
				add(startOff, prevEnd, FoldComment)
			}
			startLine, startOff = l, f.Offset(c.Pos())
		}
		prevLine, prevEnd = l, f.Offset(c.End())
	}
	if prevLine > startLine {
		add(startOff, prevEnd, FoldComment)
	}
	return out
}
