package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/kclx-dev/kclx/kcl/workspace"
)

// initialize answers the initialize request (on the read loop, so that
// nothing else is processed before it).
func (s *Server) initialize(params json.RawMessage) (any, error) {
	var p initializeParams
	if len(params) > 0 {
		if err := json.Unmarshal(params, &p); err != nil {
			return nil, invalidParams(err)
		}
	}
	s.mu.Lock()
	if s.state != stateNew {
		s.mu.Unlock()
		return nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "initialize sent twice")
	}
	s.state = stateInitialized
	s.client = p.Capabilities
	s.mu.Unlock()

	var folders []string
	for _, f := range p.WorkspaceFolders {
		folders = append(folders, uriToPath(protocol.DocumentURI(f.URI)))
	}
	if len(folders) == 0 {
		switch {
		case p.RootURI != "":
			folders = append(folders, uriToPath(protocol.DocumentURI(p.RootURI)))
		case p.RootPath != "":
			folders = append(folders, filepath.Clean(p.RootPath))
		}
	}
	s.session.SetFolders(folders)

	return initializeResult{
		Capabilities: s.capabilities(),
		ServerInfo:   &serverInfo{Name: s.opts.Name, Version: s.opts.Version},
	}, nil
}

// capabilities lists what the server offers.
func (s *Server) capabilities() serverCapabilities {
	return serverCapabilities{
		PositionEncoding: "utf-16",
		TextDocumentSync: textDocumentSyncOptions{
			OpenClose: true,
			Change:    protocol.TextDocumentSyncKindIncremental,
			Save:      &protocol.SaveOptions{IncludeText: false},
		},
		CompletionProvider: &protocol.CompletionOptions{
			TriggerCharacters: []string{".", "=", ":", " ", "\n"},
			ResolveProvider:   true,
		},
		HoverProvider: true,
		SignatureHelpProvider: &protocol.SignatureHelpOptions{
			TriggerCharacters:   []string{"(", ","},
			RetriggerCharacters: []string{","},
		},
		DefinitionProvider:        true,
		TypeDefinitionProvider:    true,
		ReferencesProvider:        true,
		DocumentHighlightProvider: true,
		DocumentSymbolProvider:    true,
		CodeActionProvider: &protocol.CodeActionOptions{
			CodeActionKinds: []protocol.CodeActionKind{protocol.QuickFix, protocol.SourceOrganizeImports},
		},
		CodeLensProvider:                &protocol.CodeLensOptions{},
		DocumentLinkProvider:            &protocol.DocumentLinkOptions{},
		WorkspaceSymbolProvider:         true,
		DocumentFormattingProvider:      true,
		DocumentRangeFormattingProvider: true,
		RenameProvider:                  &protocol.RenameOptions{PrepareProvider: true},
		FoldingRangeProvider:            true,
		SelectionRangeProvider:          true,
		ExecuteCommandProvider:          &protocol.ExecuteCommandOptions{Commands: []string{commandRun}},
		SemanticTokensProvider: &semanticTokensOptions{
			Legend: semanticTokensLegend{TokenTypes: tokenTypeNames, TokenModifiers: tokenModifierNames},
			Range:  true,
			Full:   semanticTokensFullOptions{Delta: true},
		},
		InlayHintProvider: true,
		Workspace: &workspaceCapabilities{
			WorkspaceFolders: &workspaceFoldersCapabilities{Supported: true, ChangeNotifications: true},
		},
	}
}

// initialized completes the handshake: file watchers, configuration and
// the initial workspace load run in the background.
func (s *Server) initialized(json.RawMessage) error {
	s.goBackground(func(ctx context.Context) {
		s.registerWatchers(ctx)
		s.fetchConfiguration(ctx)
		s.loadWorkspace(ctx, s.session.Snapshot())
	})
	return nil
}

// registerWatchers asks the client to report changes of KCL files and
// module manifests.
func (s *Server) registerWatchers(ctx context.Context) {
	s.mu.Lock()
	dyn := s.client.Workspace.DidChangeWatchedFiles.DynamicRegistration
	s.mu.Unlock()
	if !dyn {
		return
	}
	type watcher struct {
		GlobPattern string `json:"globPattern"`
	}
	params := map[string]any{
		"registrations": []map[string]any{{
			"id":     "kclx-watch-files",
			"method": "workspace/didChangeWatchedFiles",
			"registerOptions": map[string]any{
				"watchers": []watcher{
					{GlobPattern: "**/*.k"},
					{GlobPattern: "**/kcl.mod"},
					{GlobPattern: "**/kcl.mod.lock"},
					{GlobPattern: "**/kcl.yaml"},
					{GlobPattern: "**/kcl.work"},
				},
			},
		}},
	}
	if err := s.call(ctx, "client/registerCapability", params, nil); err != nil {
		s.log.Printf("registering file watchers: %v", err)
	}
}

// fetchConfiguration reads the "kcl" settings section when the client
// supports workspace/configuration. The server has no required settings;
// unknown or null answers leave the defaults.
func (s *Server) fetchConfiguration(ctx context.Context) {
	s.mu.Lock()
	ok := s.client.Workspace.Configuration
	s.mu.Unlock()
	if !ok {
		return
	}
	var res []json.RawMessage
	params := map[string]any{"items": []map[string]string{{"section": "kcl"}}}
	if err := s.call(ctx, "workspace/configuration", params, &res); err != nil {
		s.log.Printf("workspace/configuration: %v", err)
		return
	}
	if len(res) > 0 {
		s.applyConfiguration(res[0])
	}
}

// loadWorkspace indexes the workspace folders in the background, with a
// progress report when the client supports it: every .k file is parsed
// (for workspace symbols and auto-import completion).
func (s *Server) loadWorkspace(ctx context.Context, snap *workspace.Snapshot) {
	if len(snap.Folders()) == 0 {
		return
	}
	p := s.startProgress(ctx, "Loading KCL workspace")
	defer p.end("done")
	n := 0
	snap.Walk(func(path string) bool {
		if ctx.Err() != nil {
			return false
		}
		snap.Parse(path)
		n++
		if n%200 == 0 {
			p.report(fmt.Sprintf("%d files", n))
		}
		return n < maxIndexedFiles
	})
}

// maxIndexedFiles bounds the background parse of a huge folder.
const maxIndexedFiles = 20000

// progress is one $/progress sequence; all methods are no-ops when the
// client does not support work-done progress.
type progress struct {
	s     *Server
	token string
}

var progressSeq int64

func (s *Server) startProgress(ctx context.Context, title string) *progress {
	s.mu.Lock()
	ok := s.client.Window.WorkDoneProgress
	s.mu.Unlock()
	if !ok {
		return &progress{}
	}
	s.mu.Lock()
	progressSeq++
	token := fmt.Sprintf("kclx-%d", progressSeq)
	s.mu.Unlock()
	if err := s.call(ctx, "window/workDoneProgress/create", map[string]string{"token": token}, nil); err != nil {
		return &progress{}
	}
	p := &progress{s: s, token: token}
	s.notify("$/progress", progressParams{Token: token, Value: workDoneProgressBegin{Kind: "begin", Title: title}})
	return p
}

func (p *progress) report(msg string) {
	if p.s == nil {
		return
	}
	p.s.notify("$/progress", progressParams{Token: p.token, Value: workDoneProgressReport{Kind: "report", Message: msg}})
}

func (p *progress) end(msg string) {
	if p.s == nil {
		return
	}
	p.s.notify("$/progress", progressParams{Token: p.token, Value: workDoneProgressEnd{Kind: "end", Message: msg}})
}

// config holds the user settings read from workspace/configuration.
type config struct {
	// InlayHints turns inlay hints on (default true).
	InlayHints bool
}

func (s *Server) applyConfiguration(raw json.RawMessage) {
	var c struct {
		InlayHints *bool `json:"inlayHints"`
	}
	if len(raw) == 0 || strings.TrimSpace(string(raw)) == "null" {
		return
	}
	if err := json.Unmarshal(raw, &c); err != nil {
		s.log.Printf("ignoring malformed configuration: %v", err)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if c.InlayHints != nil {
		s.cfg.InlayHints = *c.InlayHints
	}
}

func didChangeConfiguration(s *Server, params json.RawMessage) error {
	var p struct {
		Settings json.RawMessage `json:"settings"`
	}
	if err := json.Unmarshal(params, &p); err != nil {
		return err
	}
	var section struct {
		KCL json.RawMessage `json:"kcl"`
	}
	if json.Unmarshal(p.Settings, &section) == nil && len(section.KCL) > 0 {
		s.applyConfiguration(section.KCL)
	} else {
		s.goBackground(s.fetchConfiguration)
	}
	return nil
}

func didChangeWorkspaceFolders(s *Server, params json.RawMessage) error {
	var p protocol.DidChangeWorkspaceFoldersParams
	if err := json.Unmarshal(params, &p); err != nil {
		return err
	}
	cur := s.session.Snapshot().Folders()
	removed := map[string]bool{}
	for _, f := range p.Event.Removed {
		removed[uriToPath(protocol.DocumentURI(f.URI))] = true
	}
	var folders []string
	for _, f := range cur {
		if !removed[f] {
			folders = append(folders, f)
		}
	}
	for _, f := range p.Event.Added {
		folders = append(folders, uriToPath(protocol.DocumentURI(f.URI)))
	}
	snap := s.session.SetFolders(folders)
	s.goBackground(func(ctx context.Context) { s.loadWorkspace(ctx, snap) })
	return nil
}
