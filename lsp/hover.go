package lsp

import (
	"context"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/kclx-dev/kclx/lsp/source"
)

func init() {
	semanticHandlers["textDocument/hover"] = hover
	semanticHandlers["textDocument/signatureHelp"] = signatureHelp
}

func hover(ctx context.Context, s *Server, r *request) (any, error) {
	var p protocol.HoverParams
	path, off, err := positionArgs(r, &p, func() (protocol.TextDocumentIdentifier, protocol.Position) { return p.TextDocument, p.Position })
	if err != nil {
		return nil, err
	}
	h := source.HoverAt(ctx, r.snap, path, off)
	if h == nil {
		return nil, nil
	}
	m, _ := s.mapperFor(r.snap, path)
	rng := m.rangeOf(h.Start, h.End)
	return protocol.Hover{Contents: s.markup(h.Parts), Range: &rng}, nil
}

// markup renders hover parts as Markdown (code in kcl fences) or, for
// clients without Markdown, as plain text.
func (s *Server) markup(parts []source.HoverPart) protocol.MarkupContent {
	s.mu.Lock()
	formats := s.client.TextDocument.Hover.ContentFormat
	s.mu.Unlock()
	markdown := len(formats) == 0
	for _, f := range formats {
		if f == "markdown" {
			markdown = true
			break
		}
	}
	var b strings.Builder
	for i, part := range parts {
		if i > 0 {
			b.WriteString("\n\n")
		}
		switch {
		case part.Code && markdown:
			b.WriteString("```kcl\n" + strings.TrimRight(part.Text, "\n") + "\n```")
		default:
			b.WriteString(part.Text)
		}
	}
	kind := protocol.PlainText
	if markdown {
		kind = protocol.Markdown
	}
	return protocol.MarkupContent{Kind: kind, Value: b.String()}
}

type signatureHelpResult struct {
	Signatures      []signatureInformation `json:"signatures"`
	ActiveSignature uint32                 `json:"activeSignature"`
	ActiveParameter uint32                 `json:"activeParameter"`
}

type signatureInformation struct {
	Label           string                          `json:"label"`
	Documentation   *protocol.MarkupContent         `json:"documentation,omitempty"`
	Parameters      []protocol.ParameterInformation `json:"parameters"`
	ActiveParameter uint32                          `json:"activeParameter"`
}

func signatureHelp(ctx context.Context, s *Server, r *request) (any, error) {
	var p protocol.SignatureHelpParams
	path, off, err := positionArgs(r, &p, func() (protocol.TextDocumentIdentifier, protocol.Position) { return p.TextDocument, p.Position })
	if err != nil {
		return nil, err
	}
	sig := source.SignatureHelpAt(ctx, r.snap, path, off)
	if sig == nil {
		return nil, nil
	}
	info := signatureInformation{Label: sig.Label, ActiveParameter: uint32(sig.Active), Parameters: []protocol.ParameterInformation{}}
	if sig.Doc != "" {
		info.Documentation = &protocol.MarkupContent{Kind: protocol.Markdown, Value: sig.Doc}
	}
	for _, prm := range sig.Params {
		info.Parameters = append(info.Parameters, protocol.ParameterInformation{Label: prm})
	}
	return signatureHelpResult{Signatures: []signatureInformation{info}, ActiveParameter: uint32(sig.Active)}, nil
}
