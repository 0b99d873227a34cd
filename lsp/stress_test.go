package lsp

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/kclx-dev/kclx/internal/testutil"
)

// fragments are inserted at random places: half-typed constructs of
// every kind.
var fragments = []string{
	"schema ", "schema X:\n    a: int\n", "p.", ".", "{", "}", "[", "]", "(", ")", ":", "=", "+= ",
	"lambda x {", "lambda", "import ", "import .", "\"", "'", "\"\"\"", "${", "${x}", "#", "\n", "\n    ",
	"\t", "if ", "elif", "else:", "for x in ", "all x in y {", "@deprecated", "check:\n", "?.", "**",
	"x = ", "a: str = 1\n", "[i for i in", "{k: v for k, v in", "r\"", "$if", "1Ki", "0x", "not ", "->",
	"mixin ", "protocol ", "rule R:\n", "type T = ", "é", "😀", "\\", "...",
}

// TestStress applies random edits (10,000, or 1,000 with -short) to
// corpus files while issuing requests of every kind at random positions:
// the server must not panic, hang or leak goroutines, and its view of
// each document must match the client's.
func TestStress(t *testing.T) {
	dir := testutil.CorpusDir(t, "kcl-lsp")
	edits := 10000
	if testing.Short() {
		edits = 1000
	}
	var paths []string
	for _, p := range testutil.KFiles(t, filepath.Join(dir, "files")) {
		if fi, err := os.Stat(p); err == nil && fi.Size() < 4000 {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	rng := rand.New(rand.NewSource(42))
	rng.Shuffle(len(paths), func(i, j int) { paths[i], paths[j] = paths[j], paths[i] })
	if len(paths) > 24 {
		paths = paths[:24]
	}
	files := map[string]string{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.Join("/ws", rel)] = string(b)
	}
	before := runtime.NumGoroutine()
	c, logs, srv := startServerWith(t, memFS(files), "/ws")
	type doc struct {
		uri     protocol.DocumentURI
		path    string
		text    string
		version int32
	}
	var docs []*doc
	for p, text := range files {
		docs = append(docs, &doc{uri: c.open(p, text), path: p, text: text, version: 1})
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].path < docs[j].path })

	methods := []string{
		"textDocument/hover", "textDocument/definition", "textDocument/completion", "textDocument/references",
		"textDocument/documentSymbol", "textDocument/semanticTokens/full", "textDocument/inlayHint",
		"textDocument/signatureHelp", "textDocument/formatting", "textDocument/foldingRange",
		"textDocument/selectionRange", "textDocument/documentHighlight", "textDocument/prepareRename",
		"textDocument/rename", "textDocument/codeAction", "textDocument/documentLink", "textDocument/codeLens",
		"textDocument/typeDefinition", "textDocument/semanticTokens/range", "textDocument/rangeFormatting",
	}
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	var failMu sync.Mutex
	var failures []string
	request := func(method string, params any) {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			start := time.Now()
			var res json.RawMessage
			err := c.call(method, params, &res)
			if err != nil && os.Getenv("STRESS_DEBUG") != "" {
				fmt.Println(method, err)
			}
			if time.Since(start) > 15*time.Second || (err != nil && strings.Contains(err.Error(), "deadline")) {
				failMu.Lock()
				failures = append(failures, fmt.Sprintf("%s hung: %v", method, err))
				failMu.Unlock()
			}
		}()
	}
	for i := 0; i < edits; i++ {
		d := docs[rng.Intn(len(docs))]
		start := 0
		if len(d.text) > 0 {
			start = rng.Intn(len(d.text) + 1)
		}
		end := start
		var newText string
		switch rng.Intn(3) {
		case 0: // insert
			newText = fragments[rng.Intn(len(fragments))]
		case 1: // delete
			end = min(len(d.text), start+rng.Intn(8))
		case 2: // replace
			end = min(len(d.text), start+rng.Intn(8))
			newText = fragments[rng.Intn(len(fragments))]
		}
		start, end = runeBoundary(d.text, start), runeBoundary(d.text, end)
		if len(d.text) > 20000 { // keep documents small: reset
			start, end, newText = 0, len(d.text), files[d.path]
		}
		r := protocol.Range{Start: utf16Pos(d.text, start), End: utf16Pos(d.text, end)}
		d.text = d.text[:start] + newText + d.text[end:]
		d.version++
		c.notify("textDocument/didChange", didChangeTextDocumentParams{
			TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: d.uri}, Version: d.version},
			ContentChanges: []contentChangeEvent{{Range: &r, Text: newText}},
		})
		if i%5 == 0 {
			q := docs[rng.Intn(len(docs))]
			p := utf16Pos(q.text, runeBoundary(q.text, rng.Intn(len(q.text)+1)))
			p2 := utf16Pos(q.text, len(q.text))
			td := protocol.TextDocumentIdentifier{URI: q.uri}
			method := methods[rng.Intn(len(methods))]
			params := map[string]any{
				"textDocument": td, "position": p, "positions": []protocol.Position{p},
				"range":   protocol.Range{Start: p, End: p2},
				"context": map[string]any{"includeDeclaration": true, "triggerKind": 2, "triggerCharacter": ".", "diagnostics": []any{}},
				"options": map[string]any{"tabSize": 4, "insertSpaces": true},
				"newName": "renamed",
			}
			request(method, params)
		}
	}
	wg.Wait()
	// Every document's final version gets diagnostics, and the server's
	// text is the client's.
	for _, d := range docs {
		c.waitDiagnostics(d.uri, d.version)
		o, ok := srv.session.Snapshot().Overlay(d.path)
		if !ok || string(o.Content) != d.text {
			t.Errorf("%s: server text differs from client text", d.path)
		}
	}
	// Superseded versions do not accumulate: the parses and checks kept
	// are those of the current versions (plus the few the last requests
	// may still hold).
	deadline := time.Now().Add(10 * time.Second)
	nfiles, checks := srv.session.Stats()
	for nfiles > 3*len(docs) && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
		nfiles, checks = srv.session.Stats()
		if os.Getenv("STRESS_DEBUG") != "" {
			fmt.Println("stats", nfiles, checks)
		}
	}
	if nfiles > 3*len(docs) || checks > 3*len(docs) {
		t.Errorf("after %d edits the session holds %d parsed files and %d package checks (%d documents)", edits, nfiles, checks, len(docs))
	}
	c.shutdown()
	for _, f := range failures {
		t.Error(f)
	}
	if l := logs.String(); strings.Contains(l, "panic") {
		t.Errorf("server log has panics:\n%s", l)
	}
	waitGoroutines(t, before)
}

// runeBoundary moves an offset back to the start of a UTF-8 sequence.
func runeBoundary(s string, off int) int {
	for off > 0 && off < len(s) && s[off]&0xC0 == 0x80 {
		off--
	}
	return off
}

// utf16Pos is the test's own (independent) offset → LSP position.
func utf16Pos(s string, off int) protocol.Position {
	line := strings.Count(s[:off], "\n")
	ls := strings.LastIndexByte(s[:off], '\n') + 1
	n := 0
	for _, r := range s[ls:off] {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return protocol.Position{Line: uint32(line), Character: uint32(n)}
}
