package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/kclx-dev/kclx/kcl/loader"
)

// testClient is an LSP client talking to an in-process server over a
// pipe.
type testClient struct {
	t    *testing.T
	conn jsonrpc2.Conn
	done chan error
	log  *bytes.Buffer

	mu    sync.Mutex
	diags map[protocol.DocumentURI][]publishDiagnosticsParams
	cond  *sync.Cond
}

// syncBuffer is a goroutine-safe log sink.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startServer runs a server on files (path → content, under /ws) and
// returns a connected, initialized client.
func startServer(t *testing.T, fsys loader.FS, folder string) (*testClient, *syncBuffer) {
	c, logs, _ := startServerWith(t, fsys, folder)
	return c, logs
}

// startServerWith also returns the server, for tests that look inside.
func startServerWith(t *testing.T, fsys loader.FS, folder string) (*testClient, *syncBuffer, *Server) {
	t.Helper()
	serverSide, clientSide := net.Pipe()
	logs := &syncBuffer{}
	c := &testClient{t: t, done: make(chan error, 1), diags: map[protocol.DocumentURI][]publishDiagnosticsParams{}}
	c.cond = sync.NewCond(&c.mu)
	srv := newServer(Options{FS: fsys, Log: logs, DiagnosticsDelay: 5 * time.Millisecond, PkgPath: "/nonexistent"})
	go func() {
		c.done <- srv.run(context.Background(), serverSide)
	}()
	c.conn = jsonrpc2.NewConn(jsonrpc2.NewStream(clientSide))
	c.conn.Go(context.Background(), c.handle)
	var res json.RawMessage
	params := map[string]any{
		"processId": nil,
		"rootUri":   string(pathToURI(folder)),
		"capabilities": map[string]any{
			"textDocument": map[string]any{
				"completion":     map[string]any{"completionItem": map[string]any{"snippetSupport": true}},
				"documentSymbol": map[string]any{"hierarchicalDocumentSymbolSupport": true},
			},
			"workspace": map[string]any{"configuration": true, "didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}},
			"window":    map[string]any{"workDoneProgress": true},
		},
	}
	if err := c.call("initialize", params, &res); err != nil {
		t.Fatalf("initialize: %v", err)
	}
	c.notify("initialized", map[string]any{})
	return c, logs, srv
}

func (c *testClient) handle(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
	switch req.Method() {
	case "textDocument/publishDiagnostics":
		var p publishDiagnosticsParams
		if err := json.Unmarshal(req.Params(), &p); err == nil {
			c.mu.Lock()
			c.diags[p.URI] = append(c.diags[p.URI], p)
			c.cond.Broadcast()
			c.mu.Unlock()
		}
		return reply(ctx, nil, nil)
	case "workspace/configuration":
		return reply(ctx, []any{nil}, nil)
	}
	if _, isCall := req.(*jsonrpc2.Call); isCall {
		return reply(ctx, nil, nil)
	}
	return nil
}

func (c *testClient) call(method string, params, result any) error {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, err := c.conn.Call(ctx, method, params, result)
	return err
}

func (c *testClient) notify(method string, params any) {
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("notify %s: %v", method, err)
	}
}

// waitDiagnostics waits for a publication for uri with at least version.
func (c *testClient) waitDiagnostics(uri protocol.DocumentURI, version int32) publishDiagnosticsParams {
	deadline := time.Now().Add(10 * time.Second)
	c.mu.Lock()
	defer c.mu.Unlock()
	for {
		for _, p := range c.diags[uri] {
			if p.Version != nil && *p.Version >= version {
				return p
			}
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("no diagnostics for %s version %d", uri, version)
		}
		go func() { time.Sleep(20 * time.Millisecond); c.cond.Broadcast() }()
		c.cond.Wait()
	}
}

// shutdown ends the session and checks that Serve returned cleanly.
func (c *testClient) shutdown() {
	if err := c.call("shutdown", nil, nil); err != nil {
		c.t.Fatalf("shutdown: %v", err)
	}
	c.notify("exit", nil)
	select {
	case err := <-c.done:
		if err != nil {
			c.t.Fatalf("Serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		c.t.Fatal("server did not exit")
	}
	c.conn.Close()
}

func (c *testClient) open(path, text string) protocol.DocumentURI {
	uri := pathToURI(path)
	c.notify("textDocument/didOpen", protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{URI: uri, LanguageID: "kcl", Version: 1, Text: text}})
	return uri
}

func pos(line, char uint32) protocol.Position { return protocol.Position{Line: line, Character: char} }

func rng(l1, c1, l2, c2 uint32) *protocol.Range {
	return &protocol.Range{Start: pos(l1, c1), End: pos(l2, c2)}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

var _ = fmt.Sprint
