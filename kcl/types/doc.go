// Package types is KCL's static type lattice: basic, literal, list,
// dict, union, schema, function, module and number-multiplier types, the
// subsumption relation (Subsume, AssignableTo), least upper bounds (Sup)
// and the widening of value types to variable types (InferToVariable),
// all following upstream KCL's sema/ty so that diagnostics print types
// exactly as upstream does (Type.String: int(1), str(a), [int], {str:any},
// A | B, module 'pkg').
//
// It also holds, written once as signature strings, the types of the
// builtin functions, str methods, system-module functions and decorators
// (BuiltinFuncSigs, StringMethodSigs, SystemModuleSigs, DecoratorSigs),
// shared by the type checker, the evaluator and the language server.
//
// Invariants: a *Type is immutable once built and may be shared; Schema
// values are filled by the type checker while it builds a package and
// are read-only afterwards. Every recursive walk is depth-bounded, so
// cyclic schema graphs cannot overflow the stack.
//
// The package imports only kcl/syntax (for positions); it must not import
// the parser, loader, checker, evaluator or any tool package, nor os.
package types
