package lsp

import (
	"encoding/json"
	"fmt"

	"go.lsp.dev/protocol"

	"github.com/kclx-dev/kclx/kcl/workspace"
)

// notificationHandlers are applied on the read loop, in order.
var notificationHandlers = map[string]func(s *Server, params json.RawMessage) error{
	"initialized":                         (*Server).initialized,
	"textDocument/didOpen":                didOpen,
	"textDocument/didChange":              didChange,
	"textDocument/didClose":               didClose,
	"textDocument/didSave":                didSave,
	"workspace/didChangeWatchedFiles":     didChangeWatchedFiles,
	"workspace/didChangeConfiguration":    didChangeConfiguration,
	"workspace/didChangeWorkspaceFolders": didChangeWorkspaceFolders,
}

func didOpen(s *Server, params json.RawMessage) error {
	var p protocol.DidOpenTextDocumentParams
	if err := json.Unmarshal(params, &p); err != nil {
		return err
	}
	path := uriToPath(p.TextDocument.URI)
	s.mu.Lock()
	s.docs[path] = &document{uri: p.TextDocument.URI, path: path, languageID: string(p.TextDocument.LanguageID), version: p.TextDocument.Version}
	s.mu.Unlock()
	s.session.Apply([]workspace.Change{{
		Kind: workspace.SetOverlay, Path: path, Content: []byte(p.TextDocument.Text),
		Version: p.TextDocument.Version, LanguageID: string(p.TextDocument.LanguageID),
	}})
	s.diags.schedule(path)
	return nil
}

func didChange(s *Server, params json.RawMessage) error {
	var p didChangeTextDocumentParams
	if err := json.Unmarshal(params, &p); err != nil {
		return err
	}
	path := uriToPath(p.TextDocument.URI)
	snap := s.session.Snapshot()
	o, ok := snap.Overlay(path)
	if !ok {
		return fmt.Errorf("didChange for a document that is not open: %s", p.TextDocument.URI)
	}
	text := o.Content
	for _, c := range p.ContentChanges {
		if c.Range == nil {
			text = []byte(c.Text)
			continue
		}
		text = applyContentChange(text, *c.Range, c.Text)
	}
	s.mu.Lock()
	if d := s.docs[path]; d != nil {
		d.version = p.TextDocument.Version
	}
	s.mu.Unlock()
	s.session.Apply([]workspace.Change{{
		Kind: workspace.SetOverlay, Path: path, Content: text,
		Version: p.TextDocument.Version, LanguageID: o.LanguageID,
	}})
	s.diags.schedule(path)
	return nil
}

func didClose(s *Server, params json.RawMessage) error {
	var p protocol.DidCloseTextDocumentParams
	if err := json.Unmarshal(params, &p); err != nil {
		return err
	}
	path := uriToPath(p.TextDocument.URI)
	s.mu.Lock()
	delete(s.docs, path)
	s.mu.Unlock()
	s.session.Apply([]workspace.Change{{Kind: workspace.DropOverlay, Path: path}})
	s.tokens.forget(path)
	s.diags.closed(path, p.TextDocument.URI)
	return nil
}

func didSave(s *Server, params json.RawMessage) error {
	var p protocol.DidSaveTextDocumentParams
	if err := json.Unmarshal(params, &p); err != nil {
		return err
	}
	path := uriToPath(p.TextDocument.URI)
	s.session.Apply([]workspace.Change{{Kind: workspace.DiskChanged, Path: path}})
	s.diags.scheduleAll()
	return nil
}

func didChangeWatchedFiles(s *Server, params json.RawMessage) error {
	var p protocol.DidChangeWatchedFilesParams
	if err := json.Unmarshal(params, &p); err != nil {
		return err
	}
	var changes []workspace.Change
	for _, e := range p.Changes {
		kind := workspace.DiskChanged
		switch e.Type {
		case protocol.FileChangeTypeCreated:
			kind = workspace.DiskCreated
		case protocol.FileChangeTypeDeleted:
			kind = workspace.DiskDeleted
		}
		changes = append(changes, workspace.Change{Kind: kind, Path: uriToPath(e.URI)})
	}
	s.session.Apply(changes)
	s.diags.scheduleAll()
	return nil
}
