// Package loader turns command-line inputs into a KCL program: it finds
// the module root and its kcl.mod, parses the main package and,
// transitively, every package it imports, resolving imports the way
// upstream KCL does.
//
// # Usage
//
//	prog, err := loader.Load([]string{"main.k"}, loader.OSOptions())
//	// err != nil only when an input cannot be read at all;
//	// prog is never nil and prog.Diagnostics holds syntax and load errors.
//	for _, pkgpath := range prog.Order { // dependencies first, "__main__" last
//		pkg := prog.Packages[pkgpath]
//		for _, f := range pkg.Files { _ = f.AST }
//	}
//	imp := prog.Imports[importStmt] // how an *ast.ImportStmt resolved
//
// # Files
//
// All file access goes through the FS interface (ReadFile, ReadDir,
// Stat) with absolute OS paths. OSFS (the one file of the language core
// that imports os) reads the disk; Overlay lays unsaved editor buffers
// over another FS; MemFS holds files in memory for tests and tools.
//
// # Modules and packages
//
// The module root is the nearest directory holding kcl.mod at or above
// the first input (else that input's directory). kcl.mod and kcl.mod.lock
// are parsed by ParseModFile and ParseLockFile. A package is the .k files
// of one directory, sorted, without *_test.k and _-prefixed files, or a
// single file a/b.k; a directory wins over a same-named .k file. The main
// package (pkgpath "__main__") is formed by all inputs together, in
// order; a directory input contributes its package files; ${KCL_MOD} and
// ${name:KCL_MOD} are expanded in inputs; with no inputs the kcl.mod
// [profile] entries are used, else the work directory.
//
// # Import resolution
//
// In upstream order: relative paths (.x, ..x) are rewritten against the
// importing file's directory; kcl_plugin.* are plugins (an error unless
// Options.LoadPlugins); the 15 SystemModules are built in; then the path
// is looked up under the current module's root (internal) and as an
// external package whose first segment names a dependency (declared in a
// kcl.mod, found through Options.PackageMaps, a path dependency, or the
// package cache Options.PkgPath as <name>_<version> or the lock file's
// full_name, or vendor directories as <name>). Found in both places is an
// error. Packages inside a dependency get the dependency's name as prefix
// (k8s' own `import api.core.v1` is "k8s.api.core.v1"), so one package
// has one path however it is imported. A missing package yields
// CannotFindModule "pkgpath x not found in the program" (pinned, as
// upstream does, to the start of the importing file) plus two
// suggestions, and the import's Kind is ImportNotFound; a directory with
// no .k files yields ImportEmpty and no error: like upstream, the checker
// and the evaluator treat it as an empty package. An import closing a
// cycle of packages yields RecursiveLoad.
//
// # Caching
//
// Parsing is the expensive part of loading. A Cache keeps parse results
// keyed by path and content hash: loading again after an edit re-parses
// only the changed files. Programs loaded through one Cache share its
// FileSet. SourceFile values and their ASTs are immutable after loading:
// no consumer may modify them. A releasing cache (NewReleasingCache), for
// editor sessions, lets the FileSet drop a file once its SourceFile is no
// longer referenced, so that superseded versions do not accumulate.
// Reload loads a program again after only file contents changed, patching
// the earlier program (its package graph and import resolution) instead
// of resolving every import anew.
//
// # Diagnostics
//
// Diagnostic, Kind (upstream error and warning kinds with their codes) and
// Severity are shared by the loader, the type checker (kcl/sema) and the
// linter.
//
// # Imports
//
// The loader imports kcl/syntax, kcl/ast and kcl/parser, and must not
// import kcl/sema, kcl/eval or any tool package (formatter, linter, lsp,
// cmd). Only osfs.go may import os.
package loader
