package lsp

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/kclx-dev/kclx/lsp/source"
)

func documentSymbol(ctx context.Context, s *Server, r *request) (any, error) {
	var p protocol.DocumentSymbolParams
	if err := decode(r, &p); err != nil {
		return nil, err
	}
	f, m, err := fileFor(r.snap, p.TextDocument.URI)
	if err != nil {
		return []protocol.DocumentSymbol{}, nil // e.g. a new, empty buffer of another language
	}
	syms := source.DocumentSymbols(f)
	s.mu.Lock()
	hierarchical := s.client.TextDocument.DocumentSymbol.HierarchicalDocumentSymbolSupport
	s.mu.Unlock()
	if !hierarchical {
		var flat []protocol.SymbolInformation
		var walk func(list []source.Symbol, container string)
		walk = func(list []source.Symbol, container string) {
			for _, sym := range list {
				flat = append(flat, protocol.SymbolInformation{
					Name:          sym.Name,
					Kind:          protocol.SymbolKind(sym.Kind),
					Location:      protocol.Location{URI: p.TextDocument.URI, Range: m.rangeOf(sym.Start, sym.End)},
					ContainerName: container,
				})
				walk(sym.Children, sym.Name)
			}
		}
		walk(syms, "")
		if flat == nil {
			flat = []protocol.SymbolInformation{}
		}
		return flat, nil
	}
	return convertSymbols(m, syms), nil
}

func convertSymbols(m *mapper, syms []source.Symbol) []protocol.DocumentSymbol {
	out := make([]protocol.DocumentSymbol, 0, len(syms))
	for _, sym := range syms {
		out = append(out, protocol.DocumentSymbol{
			Name:           sym.Name,
			Detail:         sym.Detail,
			Kind:           protocol.SymbolKind(sym.Kind),
			Range:          m.rangeOf(sym.Start, sym.End),
			SelectionRange: m.rangeOf(sym.SelStart, sym.SelEnd),
			Children:       convertSymbols(m, sym.Children),
		})
	}
	return out
}

func init() {
	semanticHandlers["workspace/symbol"] = workspaceSymbol
}

func workspaceSymbol(ctx context.Context, s *Server, r *request) (any, error) {
	var p protocol.WorkspaceSymbolParams
	if err := decode(r, &p); err != nil {
		return nil, err
	}
	out := []protocol.SymbolInformation{}
	for _, sym := range source.WorkspaceSymbols(ctx, r.snap, p.Query) {
		m, err := s.mapperFor(r.snap, sym.Path)
		if err != nil {
			continue
		}
		out = append(out, protocol.SymbolInformation{
			Name:          sym.Name,
			Kind:          protocol.SymbolKind(sym.Kind),
			Location:      protocol.Location{URI: s.uriOf(sym.Path), Range: m.rangeOf(sym.SelStart, sym.SelEnd)},
			ContainerName: sym.Container,
		})
	}
	return out, nil
}
