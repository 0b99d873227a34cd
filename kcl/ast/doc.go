// Package ast declares the syntax tree of KCL: statements (Stmt),
// expressions (Expr), type annotations (Type), and File, which also keeps
// every comment in source order so the formatter and converters can keep
// them.
//
// Every node reports [Pos, End) in a syntax.FileSet; the parser guarantees
// that each node's range lies inside its parent's. Nodes built by programs
// (converters) may carry NoPos positions; the formatter prints them in
// canonical layout. String literals keep their source text (Raw) and
// decode their value on demand (StringLit.Value). Walk and Inspect visit a
// tree in source order; Fprint dumps it without positions (for golden tests
// and "the AST did not change" checks).
//
// This package depends only on kcl/syntax and must not import the parser or
// anything above it.
package ast
