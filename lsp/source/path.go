package source

import (
	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/syntax"
)

// enclosingPath returns the nodes of f whose range contains [pos, end],
// innermost first, the *ast.File last. A node's end position counts as
// inside (so that a cursor right after an identifier finds it).
func enclosingPath(f *ast.File, pos, end syntax.Pos) []ast.Node {
	var stack []ast.Node
	var best []ast.Node
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		if !n.Pos().IsValid() || n.Pos() > pos || n.End() < end {
			if _, isFile := n.(*ast.File); !isFile {
				return false
			}
		}
		stack = append(stack, n)
		if len(stack) > len(best) {
			best = append(best[:0], stack...)
		}
		return true
	})
	// Reverse: innermost first.
	out := make([]ast.Node, len(best))
	for i, n := range best {
		out[len(best)-1-i] = n
	}
	return out
}
