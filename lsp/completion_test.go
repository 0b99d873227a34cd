package lsp

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
)

// TestCompletionResolve: a long completion list is incomplete and its
// schema items are resolved on demand.
func TestCompletionResolve(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 600; i++ {
		fmt.Fprintf(&b, "schema S%d:\n    a%d: int\n\n", i, i)
	}
	src := b.String() + "x = S7\n"
	c, _ := startServer(t, memFS(map[string]string{"/ws/main.k": src}), "/ws")
	uri := c.open("/ws/main.k", src)
	line := uint32(strings.Count(src, "\n") - 1)
	var list protocol.CompletionList
	if err := c.call("textDocument/completion", protocol.CompletionParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri}, Position: pos(line, 6)}}, &list); err != nil {
		t.Fatal(err)
	}
	if !list.IsIncomplete || len(list.Items) == 0 || len(list.Items) > 1000 {
		t.Fatalf("incomplete %v, %d items", list.IsIncomplete, len(list.Items))
	}
	var item *protocol.CompletionItem
	for i := range list.Items {
		if list.Items[i].Label == "S7" {
			item = &list.Items[i]
		}
	}
	if item == nil || item.Detail != "" || item.Data == nil {
		t.Fatalf("S7 item: %s", mustJSON(item))
	}
	var resolved protocol.CompletionItem
	if err := c.call("completionItem/resolve", item, &resolved); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(resolved.Detail, "schema S7:") || !strings.Contains(resolved.Detail, "a7: int") {
		t.Errorf("resolved detail %q", resolved.Detail)
	}
	c.shutdown()
}

// TestDiagnosticsAreLintAndChecker: the published diagnostics are the
// checker's errors, with the places they refer to, and the lint
// findings.
func TestDiagnosticsAreLintAndChecker(t *testing.T) {
	src := "import math\nd = 1\nd = 2\n_unused = 3\n"
	c, _ := startServer(t, memFS(map[string]string{"/ws/main.k": src}), "/ws")
	uri := c.open("/ws/main.k", src)
	d := c.waitDiagnostics(uri, 1)
	codes := map[string]int{}
	for _, x := range d.Diagnostics {
		codes[fmt.Sprint(x.Code)]++
		if x.Code == "ImmutableError" && len(x.RelatedInformation) != 1 {
			t.Errorf("ImmutableError without its related place: %s", mustJSON(x))
		}
	}
	want := map[string]int{"ImmutableError": 2, "UnusedImportWarning": 1, "unused-variable": 1}
	raw, _ := json.Marshal(codes)
	for k, n := range want {
		if codes[k] != n {
			t.Errorf("diagnostic codes %s, want %v", raw, want)
			break
		}
	}
	c.shutdown()
}
