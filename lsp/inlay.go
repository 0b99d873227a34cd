package lsp

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/kclx-dev/kclx/lsp/source"
)

func init() {
	semanticHandlers["textDocument/inlayHint"] = inlayHints
}

func inlayHints(ctx context.Context, s *Server, r *request) (any, error) {
	var p inlayHintParams
	if err := decode(r, &p); err != nil {
		return nil, err
	}
	s.mu.Lock()
	enabled := s.cfg.InlayHints
	s.mu.Unlock()
	out := []inlayHint{}
	if !enabled {
		return out, nil
	}
	_, m, err := fileFor(r.snap, p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	start, end := m.offsets(p.Range)
	for _, h := range source.InlayHints(ctx, r.snap, uriToPath(p.TextDocument.URI), start, end) {
		pos := m.position(h.Offset)
		ih := inlayHint{Position: pos, Label: h.Label, Kind: h.Kind}
		if h.Kind == inlayHintParameter {
			ih.PaddingRight = false
		}
		if h.Insert {
			ih.TextEdits = []protocol.TextEdit{{Range: protocol.Range{Start: pos, End: pos}, NewText: h.Label}}
		}
		out = append(out, ih)
	}
	return out, nil
}
