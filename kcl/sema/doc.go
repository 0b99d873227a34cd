// Package sema resolves names and checks types in a loaded KCL program
// (kcl/loader.Program), following upstream KCL's resolver so that it
// reports the same diagnostics with the same kinds: undefined names
// (CompileError), type mismatches and unknown attributes (TypeError),
// immutable globals (ImmutableError), duplicate definitions
// (UniqueKeyError), unknown config members (CompileError "Cannot add
// member"), illegal inheritance and mixins (IllegalInheritError,
// NameError), index signature errors, parameter order errors, missing
// modules (CannotFindModule) and import cycles.
//
// # Usage
//
//	prog, _ := loader.Load(files, loader.OSOptions())
//	res := sema.Check(prog, nil)
//	for _, d := range res.Diagnostics { ... }       // loader + checker
//	info := res.Main                                // or res.Infos[pkgpath]
//	obj := info.ObjectOf(ident)                     // go to definition
//	t := info.TypeOf(expr)                          // hover
//	scope := info.Scope.Innermost(pos)              // completion
//
// Check walks packages dependencies first (loader.Program.Order). For
// each package it binds imports per file, declares schemas and top-level
// variables, builds schema types (parents first; inheritance cycles are
// reported and broken), then checks every statement. The result of each
// package is an immutable Info: definitions and uses of identifiers, the
// type of every expression, scopes, schema types with attribute tables
// and doc strings, and per-import usage (for the linter). With a Cache,
// the Info of a package whose files and dependencies are unchanged is
// reused (keys are content hashes), so re-checking after an edit costs
// only the edited package and its importers.
//
// The cache keeps only the latest result of each package (its path and
// file names), so that a long-lived client checking version after version
// does not grow it, and a key covers the parse itself (an Info refers to
// AST nodes), not only the content.
//
// # Queries
//
// For interactive tools, an Info answers by position: IdentAt (the name
// at a position and its object), PathAt (the enclosing nodes), ScopeAt,
// NamesAt (the names visible, with the file's imports), FileImports,
// ExpectedType (the type a config literal's context expects, also where
// the checker itself does not check, as through unions or for call
// arguments; see Info.Expected) and KeyType (the type a config key's
// value may have). Diagnostics carry Related places (the first
// declaration of a variable assigned again) for such clients.
//
// Invariants: Check never panics (an internal failure becomes a
// diagnostic) and recursion over nested syntax is depth-bounded. The
// checker reads ASTs and never modifies them.
//
// The package imports kcl/ast, kcl/syntax, kcl/types and kcl/loader; it
// must not import kcl/eval, kcl/value, any tool package (linter,
// formatter, lsp, cmd) or os.
package sema
