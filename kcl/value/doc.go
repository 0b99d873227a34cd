// Package value is KCL's runtime value representation, shared by the
// evaluator (kcl/eval), the builtin functions and system modules
// (kcl/builtins, kcl/builtins/sysmod) and tools that consume evaluated
// configuration (deploy, the CLI).
//
// # Values
//
// Value is an interface with these concrete types:
//
//	value.Undefined, value.None  singletons; compare with ==
//	value.Bool                   True / False
//	value.Int                    int64
//	value.Float                  float64
//	value.Unit                   a number with a multiplier suffix (1Ki): Value
//	                             is the multiplied number, Raw and Suffix the
//	                             literal; str(1Ki) == "1Ki", JSON/YAML print Value
//	value.Str                    a UTF-8 string
//	*value.List                  Items []Value (mutable, reference semantics)
//	*value.Dict                  insertion-ordered map[string]Value (mutable)
//	*value.Schema                a schema instance: Name, PkgPath, Attrs *Dict
//	*value.Func                  a callable: Call(args, kwargs); Impl is private
//	                             to the evaluator
//
// Switch on the concrete type (`switch v := v.(type)`) or on v.Kind().
// TypeName(v) gives upstream's runtime type name ("int", "str", "NoneType",
// "UndefinedType", "dict", the schema name, ...) for messages. A nil Value
// interface is treated as Undefined by every function here, but code should
// not produce one.
//
// Dict keys are always strings. Each key also remembers the config operator
// it was written with (Op: OpUnion for `k: v`, OpOverride for `k = v`,
// OpInsert for `k += v`) so that merging configs replays them; plain code
// just uses Get/Set/Keys/Entries. Building a result:
//
//	d := value.NewDict()
//	d.Set("ip", value.Str("10.0.0.1"))
//	d.Set("mask", value.Int(24))
//	l := value.NewList(value.Str("a"), value.Str("b"))
//
// FromGo/ToGo convert to and from plain Go data (ToGo loses key order).
//
// # Operations
//
// Truthy, Equal, Compare, Contains, Len, Iterate, SortValues and DeepCopy
// implement KCL's semantics for truthiness, ==, ordering, `in`, len(),
// iteration and copying. ToString is str(v) (used by print and string
// interpolation); FloatString/FloatRepr/PyFloatString are the three float
// spellings upstream uses (str(), JSON/YAML, format specs).
//
// # Errors
//
// Operations and builtins report failures as *value.Error{Kind, Msg}
// (Errorf, EvalErrorf). Kind is an upstream diagnostic kind such as
// EvaluationError (the default for runtime failures) or TypeError. The
// evaluator adds the source position; builtins never format positions.
//
// # Encoding and decoding
//
// EncodeJSON(v, opts) and EncodeYAML(v, opts) produce exactly upstream's
// text (json.encode / yaml.encode and `kcl run` output): key order kept
// unless opts.SortKeys, Undefined and functions dropped, units as floats,
// IgnorePrivate drops `_`-prefixed keys, IgnoreNone drops None values,
// opts.Indent selects JSON pretty-printing (0 = one line with ", " and ": ").
// YAML follows serde_yaml 0.9 + libyaml: block style, two-space indent,
// sequences inside mappings not indented, single quotes for strings that
// would read back as another type (and YAML 1.1 words such as 'on', 'n'),
// literal blocks for multi-line strings, shortest round-trip floats.
// ToData converts to the plain tree the encoders work on.
//
// DecodeJSON, DecodeYAML and DecodeYAMLAll parse text into values keeping
// mapping key order, with upstream's scalar resolution (YAML: null/~/empty,
// true/True/TRUE, ints incl. 0x/0o/0b, floats incl. .inf/.nan; quoted
// scalars stay strings).
//
// The YAML output reproduces a lossy step of upstream, which renders YAML
// by writing JSON and parsing it back: a float is read as the integer of
// its shortest digits, converted to float64 and scaled by a power of ten,
// so a few values print one ulp away (JSON output is exact). The YAML
// emitter writes values directly, filtering as it goes (no converted
// copy).
//
// Plan(v, opts) turns the evaluated top-level dict into the output
// documents of `kcl run` (hidden `_` keys and functions removed at every
// level, None too with DisableNone, a list of configs becomes a stream of
// documents, optional `_type` paths); PlanYAML and PlanJSON render them
// (PlanYAMLLimit fails past PlanOptions.MaxBytes instead of building a
// huge text) and SelectPaths applies `-S` path selectors.
//
// # Invariants and dependencies
//
// Values never hold positions or AST nodes. This package must not import
// any other kclx package except the standard library and go.yaml.in/yaml/v3
// (decoding only), and never os, net or other OS access: it is used by the
// LSP and tests in memory. Functions here never panic on any input; deep or
// cyclic structures are cut off at fixed depth limits.
package value
