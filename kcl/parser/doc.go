// Package parser builds kcl/ast trees from KCL source.
//
// The parser never fails: for any input it returns a *ast.File and the
// syntax errors found (upstream kinds and messages where upstream has
// them: InvalidSyntax, TabError, IndentationError). Skipped or missing
// text becomes Bad* nodes; every node's range lies inside its parent's;
// progress is guaranteed (a token budget proportional to the input ends
// any recovery loop) and nesting depth is bounded, so hostile input cannot
// hang the parser or overflow the stack.
//
// It is a recursive-descent parser over the streaming kcl/syntax scanner;
// it keeps no token array, and identifiers and literals share the source's
// memory, so a parsed file costs about one allocation per token.
//
// This package depends on kcl/syntax and kcl/ast only; it must not touch the
// file system (callers pass the source).
package parser
