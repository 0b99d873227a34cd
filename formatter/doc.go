// Package formatter prints KCL syntax trees as canonical KCL text: the
// layout of upstream `kcl fmt` (v0.12), and the printer every converter
// uses to emit code.
//
// # Formatting source
//
// Source(filename, src, opts) parses src and prints it. A file with
// syntax errors is never formatted: the error is a SyntaxErrors whose
// lines read `file:line:col: message`. Range formats the text of a byte
// range on its own and returns the edit that replaces it (upstream's
// language-server range formatting); Edits turns an old and a new text
// into minimal line-granular edits, UnifiedDiff into a unified diff. ForFile completes Options from the .editorconfig
// files that govern a path (indent_style, indent_size/tab_width of the
// sections matching the file); an explicit Options.Indent wins.
//
// The layout rules, all upstream's:
//
//   - four spaces (or Options.Indent) per block level; one space around
//     binary operators, `=`, `|` in types; `: ` after config keys, ` = `
//     and ` += ` around the other config operators; `{K:V}` dict types;
//   - a blank line after the imports, after a module doc string, after a
//     schema body and after a check block; elsewhere at most one blank
//     line, and only where the source had one (an `if` without `else`
//     also ends with a blank line);
//   - a list, config or schema config is written on one line when its
//     opening bracket and all its items were on one line (and not every
//     item has a comment above it); otherwise one item per line. A config
//     whose only entry holds a block is always broken;
//   - a lambda whose one-line signature is longer than 80 bytes, or whose
//     parameters carry comments, lists its parameters in braces, one per
//     line (`lambda {\n    x: int,\n} -> any {`);
//   - comments: every comment is kept, each on its own line. A comment is
//     printed before the first statement, config key, list item, check or
//     parameter that starts on or after its line, so a trailing comment
//     (`a = 1  # note`) moves above its statement; comments before a
//     closing bracket stay inside it;
//   - numbers are written in decimal (0x11 → 17), slices with both colons
//     (a[1:2] → a[1:2:]), a schema named *Mixin with the mixin keyword,
//     an index signature first in its schema body.
//
// Deliberate differences from upstream, where upstream would change the
// meaning or drop text: a float literal keeps a decimal point (upstream
// prints 1.0 as 1), a decorator without arguments stays without
// parentheses, and no comment is ever lost (upstream can drop comments
// inside lambda default values while measuring a signature).
//
// Output ends with exactly one newline; an empty file stays empty. A file
// whose first line ends with CRLF keeps CRLF.
//
// # Printing synthetic trees (converters)
//
// File(f, opts) and Node(n) / NodeWith(n, opts) print trees built in
// memory. With opts.Fset == nil positions are ignored and f.Comments is
// not used, and the layout is canonical:
//
//   - string literals are written from StringLit.Raw when it is set (use
//     Raw `"""doc"""` or `r"""..."""` for doc strings, exactly as they
//     should appear); an empty Raw writes Value double-quoted and escaped
//     (also `${`, so the text is never interpolated); JoinedString the
//     same way from its parts;
//   - numbers are written from BasicLit.Value (Kind INT or FLOAT);
//   - an Ident whose Name is a keyword (syntax.IsKeywordName, soft
//     keywords included) is written `$name`, as is any Ident with Escaped;
//   - the module doc string is File.Doc when it is also the first
//     statement (an *ast.ExprStmt holding the same *ast.StringLit), a
//     schema doc is SchemaStmt.Doc;
//   - schemas are separated by one blank line, imports by one blank line
//     from what follows, other statements are not separated;
//   - non-empty lists and configs are written one item per line, unless
//     Options.Layout.Inline says otherwise for that literal (then it and
//     everything inside it is on one line); quantifier bodies and lambda
//     bodies always get their own lines;
//   - Options.Layout.BlankLines can set the number of blank lines between
//     any two statements (or a doc string and the first statement), for
//     generators that must reproduce another tool's layout.
//
// # Invariants
//
// Formatting is idempotent, keeps the tree (up to the spelling of number
// literals and string literal types, slices, the mixin keyword, the place
// of the index signature and the `-> any` of a broken lambda signature)
// and keeps every comment. Where upstream's rules are not idempotent (two
// or more comments moved between statements without a blank line; a
// one-line list or config whose non-last item prints over several lines)
// the formatter makes the choice the second run would make. The package
// never panics on a tree the parser produced without errors.
//
// # Dependencies
//
// formatter uses kcl/syntax, kcl/ast and kcl/parser, and
// github.com/sergi/go-diff for Edits. It reads .editorconfig files in
// ForFile only; it writes no files (the CLI does). Nothing under kcl/
// may import it; it must not import cmd, lsp, linter or the converters.
package formatter
