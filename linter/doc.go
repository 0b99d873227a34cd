// Package linter implements `kclx lint`: it reports a checked program's
// syntax, load and type errors together with lint findings.
//
// Rules (Rules) have an id, a one-line doc, a default severity and, when
// safe, an automatic fix. Upstream KCL's three passes are unused-import,
// reimport and import-position (printed by upstream as W1001 warnings
// of kinds UnusedImportWarning, ReimportWarning, ImportPositionWarning);
// kclx adds unused-variable, shadowing, deprecated, naming (info by
// default), duplicate-key, none-comparison and unreachable. Rules run
// over the main package's files only; errors come from every package.
//
// Configuration (Config) comes from the [lint] table of kcl.mod or a
// TOML file: disable/enable lists and per-rule severities. Findings can
// be suppressed with `# kclx:ignore [rule,...]` on their line (or alone
// on the line above) and `# kclx:ignore-file [rule,...]`; language
// errors cannot be suppressed. Output formats: text, JSON (an array of
// {file,line,column,endLine,endColumn,severity,rule,message}) and SARIF
// 2.1.0. ApplyFixes applies the fixes of findings to a file's content.
//
// The linter works on kcl/sema results and never modifies ASTs; it reads
// no files itself (the command does). It imports kcl/ast, kcl/syntax,
// kcl/loader, kcl/sema and kcl/types and must not import cmd, lsp or the
// formatter.
package linter
