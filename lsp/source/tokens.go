package source

import (
	"context"
	"sort"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/sema"
	"github.com/kclx-dev/kclx/kcl/syntax"
	"github.com/kclx-dev/kclx/kcl/workspace"
)

// TokenType is a semantic token type (an index into TokenTypes).
type TokenType int

// Semantic token types, in legend order.
const (
	TokNamespace TokenType = iota
	TokType
	TokStruct
	TokProperty
	TokVariable
	TokParameter
	TokFunction
	TokMacro
)

// TokenTypes is the legend: the LSP names of the token types.
var TokenTypes = []string{"namespace", "type", "struct", "property", "variable", "parameter", "function", "macro"}

// Token is one classified identifier (byte range in its file).
type Token struct {
	Start, End int
	Type       TokenType
	// Declaration marks the declaring occurrence.
	Declaration bool
}

// SemanticTokens classifies the names of a file between the byte offsets
// start and end (end < 0 for the whole file) by what they denote.
func SemanticTokens(ctx context.Context, snap *workspace.Snapshot, path string, start, end int) []Token {
	v := analyze(snap, path)
	if v == nil {
		return nil
	}
	inRange := func(s, e int) bool { return e >= start && (end < 0 || s <= end) }
	var out []Token
	// Import paths without alias bind their last segment.
	for _, st := range v.file.AST.Body {
		if imp, ok := st.(*ast.ImportStmt); ok && imp.Alias == nil && imp.Path != "" {
			e := v.offset(imp.PathPos) + len(imp.Path)
			s := e - len(imp.Name())
			if inRange(s, e) {
				out = append(out, Token{Start: s, End: e, Type: TokNamespace, Declaration: true})
			}
		}
	}
	keys := map[*ast.Ident]bool{}      // config keys
	keywords := map[*ast.Ident]bool{}  // keyword argument names
	typeNames := map[*ast.Ident]bool{} // names in type annotations
	var walk func(n ast.Node) bool
	walk = func(n ast.Node) bool {
		if n == nil {
			return false
		}
		if !n.Pos().IsValid() || !inRange(v.offset(clampPos(v, n.Pos())), v.offset(clampPos(v, n.End()))) {
			if _, isFile := n.(*ast.File); !isFile {
				return false
			}
		}
		switch n := n.(type) {
		case *ast.ConfigEntry:
			if id, ok := n.Key.(*ast.Ident); ok {
				keys[id] = true
			}
		case *ast.Keyword:
			if n.Name != nil {
				keywords[n.Name] = true
			}
		case ast.Type:
			ast.Inspect(n, func(m ast.Node) bool {
				if id, ok := m.(*ast.Ident); ok {
					typeNames[id] = true
				}
				return m != nil
			})
		case *ast.Ident:
			if n.Name == "" {
				return false
			}
			if t, ok := v.tokenType(n, keys[n], keywords[n], typeNames[n]); ok {
				s, e := v.span(n)
				_, def := v.info.Defs[n]
				out = append(out, Token{Start: s, End: e, Type: t, Declaration: def})
			}
		}
		return true
	}
	ast.Inspect(v.file.AST, walk)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	dedup := out[:0]
	for i, t := range out {
		if i > 0 && t.Start == out[i-1].Start {
			continue
		}
		dedup = append(dedup, t)
	}
	return dedup
}

// clampPos keeps p inside the view's file.
func clampPos(v *view, p syntax.Pos) syntax.Pos {
	base := syntax.Pos(v.file.Tok.Base())
	if p < base {
		return base
	}
	if max := base + syntax.Pos(v.file.Tok.Size()); p > max {
		return max
	}
	return p
}

// tokenType classifies an identifier.
func (v *view) tokenType(id *ast.Ident, key, keyword, inType bool) (TokenType, bool) {
	o := v.objectOf(id)
	if o == nil {
		switch {
		case inType && id.Name == "any":
			return TokType, true
		case keyword:
			return TokVariable, true
		}
		if m := v.memberOf(id); m != nil {
			if m.typ.IsFunc() {
				return TokFunction, true
			}
			return TokVariable, true
		}
		return 0, false
	}
	switch o.Kind {
	case sema.ObjModule:
		return TokNamespace, true
	case sema.ObjSchema:
		return TokStruct, true
	case sema.ObjTypeAlias:
		return TokType, true
	case sema.ObjAttr:
		if key && o.Attr == nil && o.Pos == id.Pos() {
			return TokVariable, true // a key of a dict literal
		}
		return TokProperty, true
	case sema.ObjBuiltin:
		if isDecorator(o) {
			return TokMacro, true
		}
		return TokFunction, true
	}
	if o.Type.IsFunc() {
		return TokFunction, true
	}
	return TokVariable, true
}
