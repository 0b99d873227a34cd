package lsp

import (
	"context"
	"regexp"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/kclx-dev/kclx/kcl/syntax"
	"github.com/kclx-dev/kclx/lsp/source"
)

func init() {
	semanticHandlers["textDocument/definition"] = definition
	semanticHandlers["textDocument/typeDefinition"] = typeDefinition
	semanticHandlers["textDocument/references"] = references
	semanticHandlers["textDocument/documentHighlight"] = documentHighlight
	semanticHandlers["textDocument/prepareRename"] = prepareRename
	semanticHandlers["textDocument/rename"] = rename
}

// positionArgs decodes TextDocumentPositionParams-like params and returns
// the path and byte offset.
func positionArgs(r *request, p any, doc func() (protocol.TextDocumentIdentifier, protocol.Position)) (string, int, error) {
	if err := decode(r, p); err != nil {
		return "", 0, err
	}
	td, pos := doc()
	_, m, err := fileFor(r.snap, td.URI)
	if err != nil {
		return "", 0, err
	}
	return uriToPath(td.URI), m.offset(pos), nil
}

// locations converts source locations.
func (s *Server) locations(r *request, locs []source.Location) []protocol.Location {
	out := make([]protocol.Location, 0, len(locs))
	for _, l := range locs {
		m, err := s.mapperFor(r.snap, l.Path)
		if err != nil {
			continue
		}
		out = append(out, protocol.Location{URI: s.uriOf(l.Path), Range: m.rangeOf(l.Start, l.End)})
	}
	return out
}

func definition(ctx context.Context, s *Server, r *request) (any, error) {
	var p protocol.DefinitionParams
	path, off, err := positionArgs(r, &p, func() (protocol.TextDocumentIdentifier, protocol.Position) { return p.TextDocument, p.Position })
	if err != nil {
		return nil, err
	}
	locs := source.Definition(ctx, r.snap, path, off)
	if len(locs) == 0 {
		return nil, nil
	}
	return s.locations(r, locs), nil
}

func typeDefinition(ctx context.Context, s *Server, r *request) (any, error) {
	var p protocol.TypeDefinitionParams
	path, off, err := positionArgs(r, &p, func() (protocol.TextDocumentIdentifier, protocol.Position) { return p.TextDocument, p.Position })
	if err != nil {
		return nil, err
	}
	locs := source.TypeDefinition(ctx, r.snap, path, off)
	if len(locs) == 0 {
		return nil, nil
	}
	return s.locations(r, locs), nil
}

func references(ctx context.Context, s *Server, r *request) (any, error) {
	var p protocol.ReferenceParams
	path, off, err := positionArgs(r, &p, func() (protocol.TextDocumentIdentifier, protocol.Position) { return p.TextDocument, p.Position })
	if err != nil {
		return nil, err
	}
	locs := source.References(ctx, r.snap, path, off, p.Context.IncludeDeclaration)
	if len(locs) == 0 {
		return nil, nil
	}
	return s.locations(r, locs), nil
}

func documentHighlight(ctx context.Context, s *Server, r *request) (any, error) {
	var p protocol.DocumentHighlightParams
	path, off, err := positionArgs(r, &p, func() (protocol.TextDocumentIdentifier, protocol.Position) { return p.TextDocument, p.Position })
	if err != nil {
		return nil, err
	}
	m, _ := s.mapperFor(r.snap, path)
	out := []protocol.DocumentHighlight{}
	for _, l := range source.Highlights(ctx, r.snap, path, off) {
		out = append(out, protocol.DocumentHighlight{Range: m.rangeOf(l.Start, l.End), Kind: protocol.DocumentHighlightKindText})
	}
	return out, nil
}

func prepareRename(ctx context.Context, s *Server, r *request) (any, error) {
	var p protocol.PrepareRenameParams
	path, off, err := positionArgs(r, &p, func() (protocol.TextDocumentIdentifier, protocol.Position) { return p.TextDocument, p.Position })
	if err != nil {
		return nil, err
	}
	loc, placeholder, ok := source.PrepareRename(ctx, r.snap, path, off)
	if !ok {
		return nil, nil
	}
	m, _ := s.mapperFor(r.snap, path)
	return prepareRenameResult{Range: m.rangeOf(loc.Start, loc.End), Placeholder: placeholder}, nil
}

var identRE = regexp.MustCompile(`^\$?[A-Za-z_][A-Za-z0-9_]*$`)

// validName reports whether name can be written as a KCL identifier.
func validName(name string) bool {
	if !identRE.MatchString(name) {
		return false
	}
	return name[0] == '$' || !syntax.IsKeywordName(name)
}

func rename(ctx context.Context, s *Server, r *request) (any, error) {
	var p protocol.RenameParams
	path, off, err := positionArgs(r, &p, func() (protocol.TextDocumentIdentifier, protocol.Position) { return p.TextDocument, p.Position })
	if err != nil {
		return nil, err
	}
	if !validName(p.NewName) {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%q is not a valid KCL name", p.NewName)
	}
	edits, ok := source.Rename(ctx, r.snap, path, off, p.NewName)
	if !ok {
		return nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, "no renamable name at this position")
	}
	changes := map[protocol.DocumentURI][]protocol.TextEdit{}
	for file, es := range edits {
		m, err := s.mapperFor(r.snap, file)
		if err != nil {
			continue
		}
		changes[s.uriOf(file)] = textEdits(m, es)
	}
	return protocol.WorkspaceEdit{Changes: changes}, nil
}
