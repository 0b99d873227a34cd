package lsp

import (
	"encoding/json"

	"go.lsp.dev/protocol"
)

// This file defines the LSP 3.17 structures that go.lsp.dev/protocol
// lacks or gets wrong for this server (inlay hints, position encodings,
// semantic-token options with a legend, incremental change events whose
// range may be absent, request ids of either JSON type).

// serverCapabilities is what the server announces in initialize.
type serverCapabilities struct {
	PositionEncoding                string                          `json:"positionEncoding,omitempty"`
	TextDocumentSync                textDocumentSyncOptions         `json:"textDocumentSync"`
	CompletionProvider              *protocol.CompletionOptions     `json:"completionProvider,omitempty"`
	HoverProvider                   bool                            `json:"hoverProvider,omitempty"`
	SignatureHelpProvider           *protocol.SignatureHelpOptions  `json:"signatureHelpProvider,omitempty"`
	DefinitionProvider              bool                            `json:"definitionProvider,omitempty"`
	TypeDefinitionProvider          bool                            `json:"typeDefinitionProvider,omitempty"`
	ReferencesProvider              bool                            `json:"referencesProvider,omitempty"`
	DocumentHighlightProvider       bool                            `json:"documentHighlightProvider,omitempty"`
	DocumentSymbolProvider          bool                            `json:"documentSymbolProvider,omitempty"`
	CodeActionProvider              *protocol.CodeActionOptions     `json:"codeActionProvider,omitempty"`
	CodeLensProvider                *protocol.CodeLensOptions       `json:"codeLensProvider,omitempty"`
	DocumentLinkProvider            *protocol.DocumentLinkOptions   `json:"documentLinkProvider,omitempty"`
	WorkspaceSymbolProvider         bool                            `json:"workspaceSymbolProvider,omitempty"`
	DocumentFormattingProvider      bool                            `json:"documentFormattingProvider,omitempty"`
	DocumentRangeFormattingProvider bool                            `json:"documentRangeFormattingProvider,omitempty"`
	RenameProvider                  *protocol.RenameOptions         `json:"renameProvider,omitempty"`
	FoldingRangeProvider            bool                            `json:"foldingRangeProvider,omitempty"`
	SelectionRangeProvider          bool                            `json:"selectionRangeProvider,omitempty"`
	ExecuteCommandProvider          *protocol.ExecuteCommandOptions `json:"executeCommandProvider,omitempty"`
	SemanticTokensProvider          *semanticTokensOptions          `json:"semanticTokensProvider,omitempty"`
	InlayHintProvider               bool                            `json:"inlayHintProvider,omitempty"`
	Workspace                       *workspaceCapabilities          `json:"workspace,omitempty"`
}

type textDocumentSyncOptions struct {
	OpenClose bool                          `json:"openClose"`
	Change    protocol.TextDocumentSyncKind `json:"change"`
	Save      *protocol.SaveOptions         `json:"save,omitempty"`
}

type semanticTokensOptions struct {
	Legend semanticTokensLegend      `json:"legend"`
	Range  bool                      `json:"range"`
	Full   semanticTokensFullOptions `json:"full"`
}

type semanticTokensLegend struct {
	TokenTypes     []string `json:"tokenTypes"`
	TokenModifiers []string `json:"tokenModifiers"`
}

type semanticTokensFullOptions struct {
	Delta bool `json:"delta"`
}

type workspaceCapabilities struct {
	WorkspaceFolders *workspaceFoldersCapabilities `json:"workspaceFolders,omitempty"`
}

type workspaceFoldersCapabilities struct {
	Supported           bool `json:"supported"`
	ChangeNotifications bool `json:"changeNotifications"`
}

type initializeResult struct {
	Capabilities serverCapabilities `json:"capabilities"`
	ServerInfo   *serverInfo        `json:"serverInfo,omitempty"`
}

type serverInfo struct {
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
}

// initializeParams holds what the server reads from initialize.
type initializeParams struct {
	ProcessID             *int                       `json:"processId"`
	RootURI               string                     `json:"rootUri"`
	RootPath              string                     `json:"rootPath"`
	WorkspaceFolders      []protocol.WorkspaceFolder `json:"workspaceFolders"`
	InitializationOptions json.RawMessage            `json:"initializationOptions"`
	Capabilities          clientCapabilities         `json:"capabilities"`
}

// clientCapabilities is the part of the client's capabilities the server
// looks at.
type clientCapabilities struct {
	General struct {
		PositionEncodings []string `json:"positionEncodings"`
	} `json:"general"`
	Window struct {
		WorkDoneProgress bool `json:"workDoneProgress"`
	} `json:"window"`
	Workspace struct {
		Configuration         bool `json:"configuration"`
		WorkspaceFolders      bool `json:"workspaceFolders"`
		DidChangeWatchedFiles struct {
			DynamicRegistration bool `json:"dynamicRegistration"`
		} `json:"didChangeWatchedFiles"`
		SemanticTokens struct {
			RefreshSupport bool `json:"refreshSupport"`
		} `json:"semanticTokens"`
		InlayHint struct {
			RefreshSupport bool `json:"refreshSupport"`
		} `json:"inlayHint"`
	} `json:"workspace"`
	TextDocument struct {
		Completion struct {
			CompletionItem struct {
				SnippetSupport bool `json:"snippetSupport"`
			} `json:"completionItem"`
		} `json:"completion"`
		Hover struct {
			ContentFormat []string `json:"contentFormat"`
		} `json:"hover"`
		DocumentSymbol struct {
			HierarchicalDocumentSymbolSupport bool `json:"hierarchicalDocumentSymbolSupport"`
		} `json:"documentSymbol"`
		PublishDiagnostics struct {
			VersionSupport bool `json:"versionSupport"`
		} `json:"publishDiagnostics"`
	} `json:"textDocument"`
}

// didChangeTextDocumentParams has change events whose range may be
// absent (a whole-document replacement).
type didChangeTextDocumentParams struct {
	TextDocument   protocol.VersionedTextDocumentIdentifier `json:"textDocument"`
	ContentChanges []contentChangeEvent                     `json:"contentChanges"`
}

type contentChangeEvent struct {
	Range *protocol.Range `json:"range,omitempty"`
	Text  string          `json:"text"`
}

// cancelParams has an id that is a number or a string.
type cancelParams struct {
	ID json.RawMessage `json:"id"`
}

// inlayHintParams are the parameters of textDocument/inlayHint.
type inlayHintParams struct {
	TextDocument protocol.TextDocumentIdentifier `json:"textDocument"`
	Range        protocol.Range                  `json:"range"`
}

// Inlay hint kinds.
const (
	inlayHintType      = 1
	inlayHintParameter = 2
)

// inlayHint is one hint of textDocument/inlayHint.
type inlayHint struct {
	Position     protocol.Position   `json:"position"`
	Label        string              `json:"label"`
	Kind         int                 `json:"kind,omitempty"`
	TextEdits    []protocol.TextEdit `json:"textEdits,omitempty"`
	PaddingLeft  bool                `json:"paddingLeft,omitempty"`
	PaddingRight bool                `json:"paddingRight,omitempty"`
}

// semanticTokensDeltaParams are the parameters of
// textDocument/semanticTokens/full/delta.
type semanticTokensDeltaParams struct {
	TextDocument     protocol.TextDocumentIdentifier `json:"textDocument"`
	PreviousResultID string                          `json:"previousResultId"`
}

// prepareRenameResult is the range-and-placeholder form of a
// prepareRename answer.
type prepareRenameResult struct {
	Range       protocol.Range `json:"range"`
	Placeholder string         `json:"placeholder"`
}

// workDoneProgressReport and friends are the $/progress payloads.
type progressParams struct {
	Token string `json:"token"`
	Value any    `json:"value"`
}

type workDoneProgressBegin struct {
	Kind        string `json:"kind"` // "begin"
	Title       string `json:"title"`
	Message     string `json:"message,omitempty"`
	Percentage  *int   `json:"percentage,omitempty"`
	Cancellable bool   `json:"cancellable"`
}

type workDoneProgressReport struct {
	Kind       string `json:"kind"` // "report"
	Message    string `json:"message,omitempty"`
	Percentage *int   `json:"percentage,omitempty"`
}

type workDoneProgressEnd struct {
	Kind    string `json:"kind"` // "end"
	Message string `json:"message,omitempty"`
}

// publishDiagnosticsParams carries the document version (omitted when
// unknown).
type publishDiagnosticsParams struct {
	URI         protocol.DocumentURI  `json:"uri"`
	Version     *int32                `json:"version,omitempty"`
	Diagnostics []protocol.Diagnostic `json:"diagnostics"`
}
