// Package eval evaluates a loaded KCL program (kcl/loader.Program) the way
// upstream KCL's evaluator does and returns its output value.
//
// # Usage
//
//	prog, _ := loader.Load(files, loader.OSOptions())
//	res, err := eval.Run(prog, eval.Options{Stdout: os.Stdout, Args: args})
//	// err is an *eval.Error (print it with err.Format(prog.FileSet))
//	text := value.PlanYAML(res.Value, value.PlanOptions{})
//
// # Semantics
//
//   - Values nothing reads are not computed (upstream #1758). An imported
//     package is set up on import (its schemas, rules and names), but its
//     top-level assignments run only when a name they set is read, and
//     its other top-level statements (assert, if, expression statements)
//     run in order when the package is first used. In the main package,
//     whose public variables are all output, a hidden variable (_x) set
//     by a single plain assignment is lazy the same way; every other
//     statement runs in order (a lazy one read by a forward reference
//     runs again at its position, as upstream's evaluator does).
//     S.instances() first runs the lazy statements that would have
//     created instances by then (all of them for full_pkg=True, whose
//     result is grouped by package in evaluation order). Within a package
//     all files share one namespace.
//   - Top-level names and schema attributes are order-independent: every
//     statement that assigns a name is a "setter"; reading a name whose
//     value is not final runs its last pending setter (backtracking, as
//     upstream's lazy scopes). Forward references to later globals,
//     lambdas and attributes therefore work, and `_x = 1; y = _x; _x = 2`
//     gives y == 2.
//   - Schema instantiation runs the bodies of the parent chain, the schema
//     and its mixins in order on one attribute dict; each assignment is
//     followed by a re-merge of the instance config's entry for that name
//     (config wins over defaults, `=` replaces, `+=` inserts); then index
//     signatures / relaxed keys, the required-attribute check and the check
//     blocks run. Values assigned to typed attributes and variables are
//     converted (dicts to schema instances) and checked ("expect T, got U").
//   - Config literals keep the operator of each key (`:`, `=`, `+=`) so that
//     merging replays them; `|` and unification merge dicts and schemas and
//     report conflicting scalars like upstream.
//   - Top-level `x: S {...}` / `x = S {...}` statements for one name in the
//     main package are merged into the last one before evaluation, as
//     upstream's config merge does.
//   - Output: the main package's top-level variables in first-definition
//     order (Result.Value, filtered by value.Plan), or the merge of top-level
//     scalar expressions, or the stream set by manifests.yaml_stream.
//
// # Errors and limits
//
// Evaluation errors are *Error values with upstream's kind and code and one
// or more labelled source locations; Format prints upstream's diagnostic
// layout. Internal panics are recovered and reported as EvaluationError: no
// Go stack trace reaches the user.
//
// Hostile input fails with a clear error instead of exhausting the stack,
// memory or time (limits.go): Options.MaxDepth bounds recursion (function
// calls, schema instantiation, nesting); Options.MaxItems the size of a
// list or string built by repetition, concatenation, unpacking,
// comprehension, interpolation, join, replace, format or range(), checked
// before it is built (without integer overflow); exact integer powers are
// bounded; Options.MaxSteps bounds the number of expressions evaluated
// and Options.MaxMemory the live heap, both checked every 4096
// expressions and before large allocations. A host that must also bound
// work done inside one step (printing a value that shares sub-values
// exponentially often, say) adds a watchdog, as `kclx run` does.
//
// # Dependencies
//
// eval imports kcl/ast, kcl/syntax, kcl/loader (for the program model),
// kcl/value and kcl/builtins (and links kcl/builtins/sysmod so the system
// modules are registered). It never imports os, net or os/exec (file access
// goes through Options.FS), nor any tool package (formatter, linter, lsp,
// cmd).
package eval
