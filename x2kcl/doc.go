// Package x2kcl converts data files to KCL: JSON, YAML (multi-document)
// and TOML documents become KCL config literals, and Terraform provider
// schemas and protobuf files become KCL schemas. It backs `kclx import -m
// json|yaml|toml|terraformschema` and the auto mode.
//
// It also provides what the schema converters share: an ordered data tree
// (Node) decoded from JSON, YAML or TOML with source lines, literal and
// name helpers that write values the way upstream's generators do, and
// Print, which formats a synthetic module.
//
// # Invariants
//
// Output is built as a KCL syntax tree and printed by the formatter,
// never assembled from text templates. Map keys keep document order.
// Decoding is bounded: nesting depth is limited and YAML aliases may not
// expand beyond MaxYAMLNodes values, so hostile input fails with an error
// instead of exhausting memory. Errors name the file and, where known,
// the line and JSON pointer; nothing here panics on bad input.
//
// # Dependencies
//
// x2kcl uses kcl/ast, kcl/syntax and formatter, go.yaml.in/yaml/v3 and
// github.com/BurntSushi/toml. It must not import cmd, lsp, linter,
// openapi2kcl or text/template, and it does no file I/O.
package x2kcl
