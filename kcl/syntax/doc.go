// Package syntax holds KCL's lexical layer: tokens, positions and the
// scanner.
//
// Positions: a Pos is an offset into a FileSet (each File owns the range
// [Base, Base+Size]); NoPos (0) means "none". Line and column are computed
// on demand from a lazily built line table; UTF-16 conversion is not done
// here but at the language-server edge.
//
// The scanner produces NEWLINE, INDENT and DEDENT for KCL's logical-line
// structure outside brackets (with upstream's tab/space rules and error
// messages), one NEWLINE per run of line breaks directly inside [] and {}
// (where newlines separate items) and none inside (). Token texts are views
// of the source (no copies), so a File's source must never be modified.
// Soft keywords (type, rule, mixin, protocol, check) are returned as IDENT;
// the parser recognises them in statement position.
//
// Invariants: Scan always makes progress and ends with EOF; every token
// lies inside its file; errors never stop scanning.
//
// This package imports only the standard library (no os) and must not
// import any other kclx package.
package syntax
