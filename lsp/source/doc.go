// Package source holds the language features of the KCL language server
// as plain functions of a workspace snapshot: diagnostics, symbols,
// folding and selection ranges, semantic tokens, formatting, links, code
// lenses and (through its own resolver until kcl/sema is available) name
// resolution for navigation, hover and completion.
//
// Positions here are byte offsets into a file's current content (or
// syntax.Pos values of the snapshot's FileSet); the lsp package converts
// them to and from LSP's UTF-16 positions. source knows nothing of
// JSON-RPC, URIs or UTF-16.
//
// Every function takes a context and stops early, returning what it has,
// when the context is cancelled.
//
// # Dependencies
//
// source imports kcl/syntax, kcl/ast, kcl/parser, kcl/loader,
// kcl/workspace and formatter. It must not import the lsp package, cmd or
// go.lsp.dev.
package source
