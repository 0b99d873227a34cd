package lsp

import (
	"context"
	"errors"

	"go.lsp.dev/protocol"

	"github.com/kclx-dev/kclx/lsp/source"
)

func formatting(ctx context.Context, s *Server, r *request) (any, error) {
	var p protocol.DocumentFormattingParams
	if err := decode(r, &p); err != nil {
		return nil, err
	}
	f, m, err := fileFor(r.snap, p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	edits, err := source.Format(f, source.FormatOptions{TabSize: int(p.Options.TabSize), InsertSpaces: p.Options.InsertSpaces})
	if err != nil {
		return formatFailure(s, err)
	}
	return textEdits(m, edits), nil
}

func rangeFormatting(ctx context.Context, s *Server, r *request) (any, error) {
	var p protocol.DocumentRangeFormattingParams
	if err := decode(r, &p); err != nil {
		return nil, err
	}
	f, m, err := fileFor(r.snap, p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	start, end := m.offsets(p.Range)
	edits, err := source.FormatRange(f, start, end, source.FormatOptions{TabSize: int(p.Options.TabSize), InsertSpaces: p.Options.InsertSpaces})
	if err != nil {
		return formatFailure(s, err)
	}
	return textEdits(m, edits), nil
}

// formatFailure answers a formatting request that cannot be honoured:
// broken code is left alone (null result, as upstream), other failures
// are logged.
func formatFailure(s *Server, err error) (any, error) {
	if !errors.Is(err, source.ErrSyntax) {
		s.log.Printf("formatting: %v", err)
	}
	return nil, nil
}
