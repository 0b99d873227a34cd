// Package source holds the language features of the KCL language server
// as plain functions of a workspace snapshot: diagnostics, symbols,
// folding and selection ranges, semantic tokens, inlay hints, formatting,
// links, code lenses and code actions, navigation (definition, type
// definition, references, highlights, rename), hover, completion and
// signature help.
//
// # One analysis core
//
// Every semantic answer comes from the type checker (kcl/sema): a file
// is analysed with its compile unit (workspace.Unit), whose check result
// is computed once and shared by all requests, in this snapshot and in
// later ones the edits did not touch. The features read the checker's
// facts — the objects identifiers denote (Info.Defs, Info.Uses), the
// types of expressions, scopes, schema types with their attributes and
// docs, the types config literals are expected to have — through the
// queries of kcl/sema (IdentAt, PathAt, ScopeAt, NamesAt, FileImports,
// ExpectedType, KeyType); this package has no resolver or checks of its
// own. Diagnostics are exactly what `kclx lint` reports: syntax, load
// and type errors (with the places they refer to as related information)
// and the findings of the lint rules (package linter), configured by the
// [lint] table of kcl.mod.
//
// Positions here are byte offsets into a file's current content (or
// syntax.Pos values of the snapshot's FileSet); the lsp package converts
// them to and from LSP's UTF-16 positions. source knows nothing of
// JSON-RPC, URIs or UTF-16.
//
// Analysis never executes KCL code: nothing here evaluates a program,
// runs a plugin or touches the disk except through the snapshot's file
// system.
//
// # Dependencies
//
// source imports kcl/syntax, kcl/ast, kcl/types, kcl/loader, kcl/sema,
// kcl/workspace, linter and formatter. It must not import the lsp
// package, cmd or go.lsp.dev.
package source
