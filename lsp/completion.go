package lsp

import (
	"context"
	"encoding/json"

	"go.lsp.dev/protocol"

	"github.com/kclx-dev/kclx/lsp/source"
)

func init() {
	semanticHandlers["textDocument/completion"] = completion
	semanticHandlers["completionItem/resolve"] = completionResolve
}

func completion(ctx context.Context, s *Server, r *request) (any, error) {
	var p protocol.CompletionParams
	if err := decode(r, &p); err != nil {
		return nil, err
	}
	_, m, err := fileFor(r.snap, p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	off := m.offset(p.Position)
	req := source.CompletionRequest{Offset: off}
	if p.Context != nil {
		req.Trigger = p.Context.TriggerCharacter
	}
	// A position beyond the end of its line: the client means the end
	// of the line, with the trigger character typed there.
	if back := m.position(off); back.Line == p.Position.Line && back.Character < p.Position.Character {
		req.PastEnd = true
	}
	s.mu.Lock()
	snippets := s.client.TextDocument.Completion.CompletionItem.SnippetSupport
	s.mu.Unlock()
	list := source.Completion(ctx, r.snap, uriToPath(p.TextDocument.URI), req)
	out := make([]protocol.CompletionItem, 0, len(list.Items))
	for i, it := range list.Items {
		ci := protocol.CompletionItem{
			Label:    it.Label,
			Kind:     protocol.CompletionItemKind(it.Kind),
			Detail:   it.Detail,
			SortText: sortKey(i),
		}
		if it.Doc != "" {
			ci.Documentation = protocol.MarkupContent{Kind: protocol.Markdown, Value: it.Doc}
		}
		if it.InsertText != "" {
			ci.InsertText = it.InsertText
			if it.Snippet {
				if snippets {
					ci.InsertTextFormat = protocol.InsertTextFormatSnippet
				} else {
					ci.InsertText = stripSnippet(it.InsertText)
				}
			}
		}
		if it.Resolve != nil {
			ci.Data = it.Resolve
		}
		for _, e := range it.Edits {
			ci.AdditionalTextEdits = append(ci.AdditionalTextEdits, protocol.TextEdit{Range: m.rangeOf(e.Start, e.End), NewText: e.New})
		}
		out = append(out, ci)
	}
	if list.Incomplete {
		return protocol.CompletionList{IsIncomplete: true, Items: out}, nil
	}
	return out, nil
}

// sortKey keeps the server's order in clients that sort by sortText.
func sortKey(i int) string {
	const digits = "0123456789"
	b := []byte("00000")
	for j := len(b) - 1; j >= 0 && i > 0; j-- {
		b[j] = digits[i%10]
		i /= 10
	}
	return string(b)
}

// stripSnippet turns a snippet into plain text: ${1:x} → x, $0 → "".
func stripSnippet(s string) string {
	var out []byte
	for i := 0; i < len(s); i++ {
		if s[i] != '$' {
			out = append(out, s[i])
			continue
		}
		if i+1 < len(s) && s[i+1] == '{' {
			end := i + 2
			for end < len(s) && s[end] != '}' {
				end++
			}
			body := s[i+2 : end]
			for k := 0; k < len(body); k++ {
				if body[k] == ':' {
					out = append(out, body[k+1:]...)
					break
				}
			}
			i = end
			continue
		}
		for i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
			i++
		}
	}
	return string(out)
}

// completionResolve fills in the details that a long completion list
// left out (see source.CompletionData).
func completionResolve(ctx context.Context, s *Server, r *request) (any, error) {
	var item protocol.CompletionItem
	if err := decode(r, &item); err != nil {
		return nil, err
	}
	raw, err := json.Marshal(item.Data)
	if err != nil || item.Data == nil {
		return item, nil
	}
	var data source.CompletionData
	if json.Unmarshal(raw, &data) != nil || data.Path == "" {
		return item, nil
	}
	detail, doc := source.ResolveCompletion(ctx, r.snap, data)
	if detail != "" {
		item.Detail = detail
	}
	if doc != "" {
		item.Documentation = protocol.MarkupContent{Kind: protocol.Markdown, Value: doc}
	}
	return item, nil
}
