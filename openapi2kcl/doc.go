// Package openapi2kcl converts schema documents to KCL schemas: OpenAPI
// (Swagger 2.0 and OpenAPI 3.x), Kubernetes CustomResourceDefinitions and
// JSON Schema. It backs `kclx import -m openapi|crd|jsonschema`.
//
// The output matches upstream's generators (kcl-openapi for OpenAPI and
// CRDs, kcl-go for JSON Schema) file for file: names of schemas and files,
// doc strings with their Attributes sections, optional attributes,
// defaults, literal and union types, and check blocks for the
// constraints. By default schema attributes (and the keys of default and
// example values) keep the order of the document; Options.SortProperties
// orders them by name.
//
// # Invariants
//
// Converters build KCL syntax trees and print them with the formatter
// package; they never assemble KCL from text templates. Every error names
// the input file and, where it applies, the JSON pointer (and line) of the
// offending value; the converters never panic on bad input and return
// either every file or an error, so callers write nothing half-done.
// Cyclic $refs between definitions end in named schema references (KCL
// handles recursive schemas) or, for non-schema aliases, in an error.
//
// Deliberate departures from upstream, where upstream's output would not
// be a valid package: definitions that would share a schema name in one
// package (io.k8s.api.a.v1.X and io.k8s.api.b.v1.X without x-kcl-type)
// are renamed after the shortest distinguishing tail of their names, with
// a warning through Options.Warn. One upstream form is kept although KCL
// rejects it: allOf over several discriminated parents prints as
// `schema Dog (Animal, Pet)`, exactly as the corpus expects.
//
// Unless Options.SkipValidation is set, the whole OpenAPI document is
// validated with kin-openapi (concurrently with the conversion; a
// validation error wins). Reference-only schemas under "paths" are
// checked to resolve and then stubbed in the validator's copy, so that
// definitions are validated once rather than once per operation.
//
// # Dependencies
//
// openapi2kcl uses x2kcl (the ordered JSON/YAML data tree and KCL literal
// helpers), kcl/ast, kcl/syntax, formatter, and kin-openapi to validate
// OpenAPI documents. It must not import cmd, lsp, linter, kcl/loader or
// text/template, and it does no file I/O (the CLI reads and writes).
package openapi2kcl
