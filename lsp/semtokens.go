package lsp

import (
	"context"
	"strconv"
	"sync"

	"go.lsp.dev/protocol"

	"github.com/kclx-dev/kclx/lsp/source"
)

var (
	tokenTypeNames     = source.TokenTypes
	tokenModifierNames = []string{"declaration"}
)

// tokenCache remembers the last semantic tokens sent per document, for
// delta requests.
type tokenCache struct {
	mu   sync.Mutex
	seq  int
	last map[string]tokenResult
}

type tokenResult struct {
	id   string
	data []uint32
}

func newTokenCache() *tokenCache { return &tokenCache{last: map[string]tokenResult{}} }

func (c *tokenCache) store(path string, data []uint32) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seq++
	id := strconv.Itoa(c.seq)
	c.last[path] = tokenResult{id: id, data: data}
	return id
}

func (c *tokenCache) get(path string) (tokenResult, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.last[path]
	return r, ok
}

func (c *tokenCache) forget(path string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.last, path)
}

// encodeTokens encodes tokens in LSP's relative form (UTF-16 columns).
func encodeTokens(m *mapper, toks []source.Token) []uint32 {
	data := make([]uint32, 0, 5*len(toks))
	var prevLine, prevChar uint32
	for _, t := range toks {
		start, end := m.position(t.Start), m.position(t.End)
		if start.Line != end.Line || end.Character <= start.Character {
			continue // tokens never span lines
		}
		dl := start.Line - prevLine
		dc := start.Character
		if dl == 0 {
			dc -= prevChar
		}
		var mods uint32
		if t.Declaration {
			mods = 1
		}
		data = append(data, dl, dc, end.Character-start.Character, uint32(t.Type), mods)
		prevLine, prevChar = start.Line, start.Character
	}
	return data
}

func semanticTokensFull(ctx context.Context, s *Server, r *request) (any, error) {
	var p protocol.SemanticTokensParams
	if err := decode(r, &p); err != nil {
		return nil, err
	}
	path := uriToPath(p.TextDocument.URI)
	_, m, err := fileFor(r.snap, p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	data := encodeTokens(m, source.SemanticTokens(ctx, r.snap, path, 0, -1))
	id := s.tokens.store(path, data)
	return protocol.SemanticTokens{ResultID: id, Data: data}, nil
}

func semanticTokensDelta(ctx context.Context, s *Server, r *request) (any, error) {
	var p semanticTokensDeltaParams
	if err := decode(r, &p); err != nil {
		return nil, err
	}
	path := uriToPath(p.TextDocument.URI)
	_, m, err := fileFor(r.snap, p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	data := encodeTokens(m, source.SemanticTokens(ctx, r.snap, path, 0, -1))
	prev, ok := s.tokens.get(path)
	id := s.tokens.store(path, data)
	if !ok || prev.id != p.PreviousResultID {
		return protocol.SemanticTokens{ResultID: id, Data: data}, nil
	}
	return protocol.SemanticTokensDelta{ResultID: id, Edits: diffTokens(prev.data, data)}, nil
}

// diffTokens returns one edit turning old into new (common prefix and
// suffix kept), or none when they are equal.
func diffTokens(old, new []uint32) []protocol.SemanticTokensEdit {
	pre := 0
	for pre < len(old) && pre < len(new) && old[pre] == new[pre] {
		pre++
	}
	if pre == len(old) && pre == len(new) {
		return []protocol.SemanticTokensEdit{}
	}
	suf := 0
	for suf < len(old)-pre && suf < len(new)-pre && old[len(old)-1-suf] == new[len(new)-1-suf] {
		suf++
	}
	return []protocol.SemanticTokensEdit{{
		Start:       uint32(pre),
		DeleteCount: uint32(len(old) - pre - suf),
		Data:        append([]uint32{}, new[pre:len(new)-suf]...),
	}}
}

func semanticTokensRange(ctx context.Context, s *Server, r *request) (any, error) {
	var p protocol.SemanticTokensRangeParams
	if err := decode(r, &p); err != nil {
		return nil, err
	}
	path := uriToPath(p.TextDocument.URI)
	_, m, err := fileFor(r.snap, p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	start, end := m.offsets(p.Range)
	return protocol.SemanticTokens{Data: encodeTokens(m, source.SemanticTokens(ctx, r.snap, path, start, end))}, nil
}
