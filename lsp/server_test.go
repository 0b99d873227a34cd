package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/kclx-dev/kclx/kcl/loader"
)

func memFS(files map[string]string) *loader.MemFS {
	m := &loader.MemFS{}
	for p, s := range files {
		m.WriteFile(p, []byte(s))
	}
	return m
}

func TestLifecycleAndIncrementalSync(t *testing.T) {
	before := runtime.NumGoroutine()
	fs := memFS(map[string]string{
		"/ws/kcl.mod": "[package]\nname = \"t\"\n",
		"/ws/main.k":  "schema P:\n    name: str\n\np = P {name: \"x\"}\n",
	})
	c, logs := startServer(t, fs, "/ws")
	uri := c.open("/ws/main.k", "schema P:\n    name: str\n\np = P {name: \"x\"}\n")
	if d := c.waitDiagnostics(uri, 1); len(d.Diagnostics) != 0 {
		t.Fatalf("unexpected diagnostics: %s", mustJSON(d.Diagnostics))
	}
	// An incremental edit that breaks the file: diagnostics follow with
	// the new version.
	c.notify("textDocument/didChange", didChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: uri}, Version: 2},
		ContentChanges: []contentChangeEvent{{Range: rng(3, 4, 3, 5), Text: "P {name: }"}},
	})
	d := c.waitDiagnostics(uri, 2)
	if len(d.Diagnostics) == 0 || d.Diagnostics[0].Code != "InvalidSyntax" {
		t.Fatalf("want a syntax error, got %s", mustJSON(d.Diagnostics))
	}
	// Hover sees the edited text.
	var h protocol.Hover
	if err := c.call("textDocument/hover", protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri}, Position: pos(3, 0)}}, &h); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(h.Contents.Value, "p: P") {
		t.Errorf("hover: %q", h.Contents.Value)
	}
	// A full-text change repairs it.
	c.notify("textDocument/didChange", didChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: uri}, Version: 3},
		ContentChanges: []contentChangeEvent{{Text: "a = 1\n"}},
	})
	if d := c.waitDiagnostics(uri, 3); len(d.Diagnostics) != 0 {
		t.Fatalf("unexpected diagnostics: %s", mustJSON(d.Diagnostics))
	}
	c.shutdown()
	if strings.Contains(logs.String(), "panic") {
		t.Errorf("server log: %s", logs)
	}
	waitGoroutines(t, before)
}

// waitGoroutines fails when goroutines started by the test are still
// running shortly after the server stopped.
func waitGoroutines(t *testing.T, before int) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Second)
	for runtime.NumGoroutine() > before+2 {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			n := runtime.Stack(buf, true)
			t.Fatalf("goroutines leaked: %d before, %d after\n%s", before, runtime.NumGoroutine(), buf[:n])
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestRequestsBeforeInitializeAndAfterShutdown(t *testing.T) {
	c, _ := startServer(t, memFS(nil), "/ws")
	err := c.call("initialize", map[string]any{}, nil)
	var je *jsonrpc2.Error
	if !errors.As(err, &je) || je.Code != jsonrpc2.InvalidRequest {
		t.Errorf("second initialize: %v", err)
	}
	if err := c.call("shutdown", nil, nil); err != nil {
		t.Fatal(err)
	}
	err = c.call("textDocument/hover", map[string]any{}, nil)
	if !errors.As(err, &je) || je.Code != jsonrpc2.InvalidRequest {
		t.Errorf("hover after shutdown: %v", err)
	}
	c.notify("exit", nil)
	if err := <-c.done; err != nil {
		t.Fatal(err)
	}
}

func TestExitWithoutShutdown(t *testing.T) {
	c, _ := startServer(t, memFS(nil), "/ws")
	c.notify("exit", nil)
	if err := <-c.done; !errors.Is(err, ErrNoShutdown) {
		t.Fatalf("got %v", err)
	}
}

func TestPanicInRequestIsRecovered(t *testing.T) {
	semanticHandlers["kclx/testPanic"] = func(ctx context.Context, s *Server, r *request) (any, error) {
		panic("boom")
	}
	defer delete(semanticHandlers, "kclx/testPanic")
	c, logs := startServer(t, memFS(nil), "/ws")
	err := c.call("kclx/testPanic", map[string]any{}, nil)
	var je *jsonrpc2.Error
	if !errors.As(err, &je) || je.Code != jsonrpc2.InternalError {
		t.Fatalf("got %v", err)
	}
	// The server is still alive.
	var syms json.RawMessage
	uri := c.open("/ws/a.k", "a = 1\n")
	if err := c.call("textDocument/documentSymbol", protocol.DocumentSymbolParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri}}, &syms); err != nil {
		t.Fatal(err)
	}
	c.shutdown()
	if !strings.Contains(logs.String(), "panic in kclx/testPanic: boom") {
		t.Errorf("panic not logged: %s", logs)
	}
}

func TestCancelRunningRequest(t *testing.T) {
	semanticHandlers["kclx/testSlow"] = func(ctx context.Context, s *Server, r *request) (any, error) {
		select {
		case <-ctx.Done():
		case <-time.After(10 * time.Second):
		}
		return "done", nil
	}
	defer delete(semanticHandlers, "kclx/testSlow")
	c, _ := startServer(t, memFS(nil), "/ws")
	errc := make(chan error, 1)
	go func() { errc <- c.call("kclx/testSlow", map[string]any{}, nil) }()
	time.Sleep(50 * time.Millisecond)
	// The client's ids start at 1 (initialize); this is its second call.
	c.notify("$/cancelRequest", map[string]any{"id": 2})
	var je *jsonrpc2.Error
	select {
	case err := <-errc:
		if !errors.As(err, &je) || je.Code != codeRequestCancelled {
			t.Fatalf("got %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("cancelled request not answered")
	}
	c.shutdown()
}

func TestMapperUTF16(t *testing.T) {
	src := "a = \"😀x\"\r\nb = 1\n"
	tok := loaderFileSet(src)
	m := newMapper(tok)
	// "😀" is two UTF-16 units and four bytes.
	if got := m.offset(pos(0, 7)); got != 9 {
		t.Errorf("offset after emoji: %d", got)
	}
	if got := m.position(9); got != pos(0, 7) {
		t.Errorf("position after emoji: %v", got)
	}
	// Inside the surrogate pair: stay before the character.
	if got := m.offset(pos(0, 6)); got != 5 {
		t.Errorf("offset inside pair: %d", got)
	}
	// Past the end of the line: the end of the line, before \r\n.
	if got := m.offset(pos(0, 99)); got != 11 {
		t.Errorf("past end of line: %d", got)
	}
	if got := m.offset(pos(1, 2)); got != 15 {
		t.Errorf("second line: %d", got)
	}
	if got := m.offset(pos(9, 0)); got != len(src) {
		t.Errorf("past last line: %d", got)
	}
	edited := applyContentChange([]byte(src), protocol.Range{Start: pos(0, 5), End: pos(0, 7)}, "y")
	if string(edited) != "a = \"yx\"\r\nb = 1\n" {
		t.Errorf("edit: %q", edited)
	}
}
