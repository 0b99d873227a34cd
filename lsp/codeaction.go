package lsp

import (
	"context"
	"encoding/json"
	"fmt"

	"go.lsp.dev/protocol"

	"github.com/kclx-dev/kclx/lsp/source"
)

func init() {
	semanticHandlers["textDocument/codeAction"] = codeAction
}

// codeAction offers quick fixes for the diagnostics the client sends
// back: unused and repeated imports, undefined names with suggestions.
func codeAction(ctx context.Context, s *Server, r *request) (any, error) {
	var p protocol.CodeActionParams
	if err := decode(r, &p); err != nil {
		return nil, err
	}
	path := uriToPath(p.TextDocument.URI)
	_, m, err := fileFor(r.snap, p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	out := []protocol.CodeAction{}
	for _, d := range p.Context.Diagnostics {
		code := fmt.Sprint(d.Code)
		var sugg []string
		if d.Data != nil {
			var data struct {
				Suggested []string `json:"suggested_replacement"`
			}
			if raw, err := json.Marshal(d.Data); err == nil && json.Unmarshal(raw, &data) == nil {
				sugg = data.Suggested
			}
		}
		start, end := m.offsets(d.Range)
		for _, a := range source.QuickFixes(path, code, start, end, sugg) {
			changes := map[protocol.DocumentURI][]protocol.TextEdit{}
			for file, es := range a.Edits {
				fm, err := s.mapperFor(r.snap, file)
				if err != nil {
					continue
				}
				changes[s.uriOf(file)] = textEdits(fm, es)
			}
			diag := d
			out = append(out, protocol.CodeAction{
				Title:       a.Title,
				Kind:        protocol.QuickFix,
				Diagnostics: []protocol.Diagnostic{diag},
				IsPreferred: true,
				Edit:        &protocol.WorkspaceEdit{Changes: changes},
			})
		}
	}
	return out, nil
}
