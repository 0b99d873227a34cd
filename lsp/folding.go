package lsp

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/kclx-dev/kclx/lsp/source"
)

func foldingRange(ctx context.Context, s *Server, r *request) (any, error) {
	var p protocol.FoldingRangeParams
	if err := decode(r, &p); err != nil {
		return nil, err
	}
	f, _, err := fileFor(r.snap, p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	out := []protocol.FoldingRange{}
	for _, fr := range source.FoldingRanges(f) {
		out = append(out, protocol.FoldingRange{
			StartLine: uint32(fr.StartLine - 1),
			EndLine:   uint32(fr.EndLine - 1),
			Kind:      protocol.FoldingRangeKind(fr.Kind),
		})
	}
	return out, nil
}

type selectionRangeParams struct {
	TextDocument protocol.TextDocumentIdentifier `json:"textDocument"`
	Positions    []protocol.Position             `json:"positions"`
}

type selectionRange struct {
	Range  protocol.Range  `json:"range"`
	Parent *selectionRange `json:"parent,omitempty"`
}

func selectionRange_(ctx context.Context, s *Server, r *request) (any, error) {
	var p selectionRangeParams
	if err := decode(r, &p); err != nil {
		return nil, err
	}
	f, m, err := fileFor(r.snap, p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	offsets := make([]int, len(p.Positions))
	for i, pos := range p.Positions {
		offsets[i] = m.offset(pos)
	}
	out := make([]*selectionRange, len(offsets))
	for i, spans := range source.SelectionRanges(f, offsets) {
		var parent *selectionRange
		for j := len(spans) - 1; j >= 0; j-- {
			parent = &selectionRange{Range: m.rangeOf(spans[j].Start, spans[j].End), Parent: parent}
		}
		out[i] = parent
	}
	return out, nil
}
