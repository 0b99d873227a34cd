package lsp

import (
	"context"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/kclx-dev/kclx/kcl/workspace"
	"github.com/kclx-dev/kclx/lsp/source"
)

// requestHandler answers one request on the snapshot current when it was
// read. Handlers are thin: they decode params, convert positions with a
// mapper and call a function of package source.
type requestHandler func(ctx context.Context, s *Server, r *request) (any, error)

// requestHandlers maps each supported request method to its handler (one
// file per LSP area).
var requestHandlers map[string]requestHandler

func init() {
	requestHandlers = map[string]requestHandler{
		"textDocument/documentSymbol":            documentSymbol,
		"textDocument/foldingRange":              foldingRange,
		"textDocument/selectionRange":            selectionRange_,
		"textDocument/formatting":                formatting,
		"textDocument/rangeFormatting":           rangeFormatting,
		"textDocument/documentLink":              documentLink,
		"textDocument/codeLens":                  codeLens,
		"workspace/executeCommand":               executeCommand,
		"textDocument/semanticTokens/full":       semanticTokensFull,
		"textDocument/semanticTokens/full/delta": semanticTokensDelta,
		"textDocument/semanticTokens/range":      semanticTokensRange,
	}
}

// handlerFor returns the handler of a request method.
func handlerFor(method string) (requestHandler, bool) {
	if h, ok := requestHandlers[method]; ok {
		return h, true
	}
	h, ok := semanticHandlers[method]
	return h, ok
}

// semanticHandlers are the handlers that need name resolution (see
// navigation.go and friends).
var semanticHandlers = map[string]requestHandler{}

// uriOf returns the URI to report for path: the client's own URI for an
// open document, else a file URI.
func (s *Server) uriOf(path string) protocol.DocumentURI {
	s.mu.Lock()
	d := s.docs[path]
	s.mu.Unlock()
	if d != nil {
		return d.uri
	}
	return pathToURI(path)
}

// mapperFor returns the position mapper of path's content in snap.
func (s *Server) mapperFor(snap *workspace.Snapshot, path string) (*mapper, error) {
	f, err := snap.Parse(path)
	if err != nil {
		return nil, err
	}
	return newMapper(f.Tok), nil
}

// fileFor returns the parsed document and its mapper.
func fileFor(snap *workspace.Snapshot, uri protocol.DocumentURI) (*workspace.File, *mapper, error) {
	path := uriToPath(uri)
	f, err := snap.Parse(path)
	if err != nil {
		return nil, nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "cannot read %s: %v", uri, err)
	}
	return f, newMapper(f.Tok), nil
}

// textEdits converts byte edits of the file behind m.
func textEdits(m *mapper, edits []source.Edit) []protocol.TextEdit {
	out := make([]protocol.TextEdit, 0, len(edits))
	for _, e := range edits {
		out = append(out, protocol.TextEdit{Range: m.rangeOf(e.Start, e.End), NewText: e.New})
	}
	return out
}
