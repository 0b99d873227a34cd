// Package lsp is the KCL language server: LSP 3.17 over JSON-RPC on a
// byte stream (standard input and output for `kclx lsp` and
// kcl-language-server).
//
// # Architecture
//
// The server owns a workspace.Session. Notifications (didOpen,
// didChange, didClose, didSave, didChangeWatchedFiles, folder and
// configuration changes) are applied on the read loop, in order, each
// producing a new immutable workspace.Snapshot. Requests are read on the
// same loop, take the snapshot current at that moment and run in their
// own goroutines, so a slow request never delays the ones behind it and
// always sees every edit sent before it. A request starts only once the
// client's burst of messages has been read (see stream), so a
// $/cancelRequest sent right behind a request cancels it before it runs;
// a request cancelled later is answered with RequestCancelled. A panic in
// a request is recovered, logged and answered with InternalError.
//
// Handlers are thin, one file per LSP area: they decode parameters,
// convert positions and call plain functions of package lsp/source, which
// work on byte offsets of a snapshot. The mapper (mapper.go) is the only
// place that converts between LSP's UTF-16 positions and byte offsets;
// uri.go the only place that converts URIs and paths.
//
// Diagnostics are computed by one goroutine, debounced (Options.
// DiagnosticsDelay after the last change), on the latest snapshot, and
// published per open file with the document version; files whose
// diagnostics did not change are not republished unless edited. Edited
// files come first; the other open files are rechecked in the
// background, giving way to requests in flight, and a newer change
// interrupts the run.
//
// Writes to the client go through a queue, so the read loop never blocks
// on a client that is not reading.
//
// # Features
//
// Text sync (incremental), diagnostics (those of `kclx lint`: syntax,
// load and type errors with related information, lint findings),
// document symbols, folding and selection ranges, semantic tokens (full,
// delta, range), formatting (whole file and range, minimal edits),
// document links for imports, a Run code lens on entry files,
// definition, type definition, references, rename with prepareRename,
// document highlight, hover, completion (long lists are cut to the word
// being typed and their schema details resolved on demand,
// completionItem/resolve), signature help, inlay hints, workspace
// symbols and quick fixes. Multi-root workspaces, kcl.mod discovery,
// file watching (registered dynamically), workspace/configuration
// ("kcl.inlayHints") and work-done progress while the workspace folders
// are indexed. The semantic features answer from kcl/sema through
// package source.
//
// # Dependencies
//
// lsp is the only package of kclx that knows JSON-RPC, LSP types
// (go.lsp.dev/jsonrpc2, go.lsp.dev/protocol, and the 3.17 additions in
// protocol.go), URIs and UTF-16. It imports kcl/workspace, kcl/loader and
// lsp/source; nothing but cmd imports it. Analysis never executes KCL
// code, plugins or file and network side effects; only the explicit
// kclx.run command runs `kclx run` in a child process.
package lsp
