// Package workspace is the language core's view of a set of files for
// long-lived clients such as the language server: an editor session whose
// unsaved buffers shadow the files on disk, seen through immutable
// snapshots.
//
// # Sessions and snapshots
//
// A Session owns the mutable state: the open buffers (overlays), the
// workspace folders, a caching view of the disk and the parse cache.
// Every change (an edit, a file opened or closed, a file changed on disk,
// new folders) produces a new Snapshot; a Snapshot never changes after it
// is made, so any number of requests may read one concurrently while the
// session moves on. Results computed lazily for a snapshot (parses, loaded
// compile units) are memoised in it, and results that a change cannot
// have affected are carried over to the next snapshot.
//
// # Caches
//
// Parses are keyed by path and content hash (loader.Cache), so an edit
// re-parses only the edited file. Disk reads are cached until the client
// reports a change of the file (Session.Apply with a disk change).
// Loaded compile units (a package and everything it imports, see Unit)
// are reused by later snapshots unless a file they read changed or a
// file was created or deleted; when only contents changed, the unit is
// loaded again by patching its previous program (loader.Reload). A
// unit's type check (Unit.Check) goes
// through the session's sema.Cache: after an edit, only the edited
// package and the packages importing it are checked again; results
// derived from a unit (diagnostics, lint findings) live in Unit.Memo as
// long as the unit does.
//
// Editing does not grow memory: the parse cache is a releasing one
// (loader.NewReleasingCache), so a superseded version of a file leaves
// the FileSet once no snapshot, unit or check result refers to it, and
// the check cache keeps only the latest result of each package.
// Session.Stats reports the sizes of both.
//
// # Compile units
//
// Like upstream's language server, a file is analysed together with its
// package: the .k files of its directory (kcl.mod and the package cache
// are found by the loader). A file that the loader would exclude from its
// directory's package (a _test.k or _-prefixed file, or a file without the
// .k extension) forms a unit of its own.
//
// # Dependencies
//
// workspace imports kcl/syntax, kcl/ast, kcl/parser, kcl/loader and
// kcl/sema. Like the rest of kcl/ it never touches the operating
// system itself: the disk is a loader.FS given by the client (loader.OSFS
// in the server). It must not import lsp, formatter, linter or cmd, and
// knows nothing of URIs, JSON-RPC or UTF-16.
package workspace
