package source

import (
	"context"
	"sort"

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

// SemanticTokens classifies the identifiers of a file between the byte
// offsets start and end (end < 0 for the whole file) by what they
// resolve to.
func SemanticTokens(ctx context.Context, snap *workspace.Snapshot, path string, start, end int) []Token {
	r := resolve(snap, path)
	if r == nil {
		return nil
	}
	defer r.release()
	var out []Token
	for _, rf := range r.res.refs {
		s, e := r.f.Offset(rf.pos), r.f.Offset(rf.end)
		if e < start || (end >= 0 && s > end) {
			continue
		}
		t, ok := r.m.tokenType(rf)
		if !ok {
			continue
		}
		out = append(out, Token{Start: s, End: e, Type: t, Declaration: rf.def})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	// Drop duplicates (the same identifier recorded twice).
	dedup := out[:0]
	for i, t := range out {
		if i > 0 && t.Start == out[i-1].Start {
			continue
		}
		dedup = append(dedup, t)
	}
	return dedup
}

func (m *Model) tokenType(rf ref) (TokenType, bool) {
	o := rf.obj
	switch o.Kind {
	case objImport:
		return TokNamespace, true
	case objSchema, objRule:
		return TokStruct, true
	case objTypeAlias:
		return TokType, true
	case objAttr:
		return TokProperty, true
	case objBuiltin:
		if rf.role == roleDecorator {
			return TokMacro, true
		}
		return TokFunction, true
	case objMember:
		if _, ok := o.typ.(*funcType); ok {
			return TokFunction, true
		}
		return TokVariable, true
	}
	if _, ok := m.typeOf(o).(*funcType); ok {
		return TokFunction, true
	}
	return TokVariable, true
}

// InlayHint is a hint shown at a byte offset.
type InlayHint struct {
	Offset int
	Label  string
	// Kind is 1 for a type hint, 2 for a parameter-name hint.
	Kind int
	// Insert is set when accepting the hint should insert Label.
	Insert bool
}

// InlayHints returns the hints of a file between the byte offsets start
// and end: the inferred types of variables declared without annotation,
// the declared types of schema attributes set in configs, and parameter
// names of positional arguments.
func InlayHints(ctx context.Context, snap *workspace.Snapshot, path string, start, end int) []InlayHint {
	r := resolve(snap, path)
	if r == nil {
		return nil
	}
	defer r.release()
	var out []InlayHint
	for _, h := range r.res.hints {
		off := r.f.Offset(h.pos)
		if off < start || off > end {
			continue
		}
		out = append(out, InlayHint{Offset: off, Label: h.label, Kind: h.kind, Insert: h.edit})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Offset < out[j].Offset })
	return out
}
