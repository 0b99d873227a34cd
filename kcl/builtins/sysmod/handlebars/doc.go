// Package handlebars renders Handlebars templates the way the Rust
// handlebars crate (non-strict mode) does, for KCL's template.execute:
// {{path}} with HTML escaping, {{{path}}} and {{&path}} without, comments,
// whitespace control (~), standalone block lines, raw blocks {{{{raw}}}},
// block helpers (if, unless, each, with, and blocks on plain paths), inline
// helpers (lookup, eq, ne, gt, gte, lt, lte, and, or, not, len, log) and
// KCL's raw helper ({{raw value}}, unescaped), subexpressions, literals,
// hash arguments, @index/@key/@first/@last/@root, ../ paths and block
// parameters.
//
// Data is a kcl/value plain data tree (value.ToData): *value.Dict,
// *value.List, value.Str, value.Int, value.Float, value.Bool and value.None.
// Values render like serde_json values in handlebars: strings as is, numbers
// in JSON spelling, null as nothing, arrays as "[a, b]" and objects as
// "[object]".
//
// The package depends on kcl/value and the standard library only.
package handlebars
