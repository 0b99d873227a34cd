package source

import (
	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/sema"
	"github.com/kclx-dev/kclx/kcl/workspace"
)

// Span is a byte range.
type Span struct{ Start, End int }

// SelectionRanges returns, for each offset, the ranges of the syntax
// nodes enclosing it, innermost first, ending with the whole file.
func SelectionRanges(f *workspace.File, offsets []int) [][]Span {
	out := make([][]Span, len(offsets))
	for i, off := range offsets {
		p := f.Pos(off)
		var spans []Span
		for _, n := range sema.PathAt(f.AST, p) {
			s, e := nodeOffsets(f, n)
			if _, ok := n.(*ast.File); ok {
				s, e = 0, len(f.Src)
			}
			if len(spans) > 0 {
				last := spans[len(spans)-1]
				if s == last.Start && e == last.End {
					continue
				}
				if s > last.Start || e < last.End {
					continue // a child's range must be inside its parent's
				}
			}
			spans = append(spans, Span{s, e})
		}
		if len(spans) == 0 {
			spans = []Span{{0, len(f.Src)}}
		}
		out[i] = spans
	}
	return out
}
