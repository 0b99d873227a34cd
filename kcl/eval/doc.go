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
//   - Packages are evaluated once, on first import, dependencies first; the
//     main package last. Within a package all files share one namespace.
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
// Go stack trace reaches the user. Options.MaxDepth bounds recursion
// (function calls, schema instantiation, nesting) and Options.MaxItems the
// size of values built by repetition or range(), so hostile input fails with
// a clear error instead of exhausting memory or the stack.
//
// # Dependencies
//
// eval imports kcl/ast, kcl/syntax, kcl/loader (for the program model),
// kcl/value and kcl/builtins (and links kcl/builtins/sysmod so the system
// modules are registered). It never imports os, net or os/exec (file access
// goes through Options.FS), nor any tool package (formatter, linter, lsp,
// cmd).
package eval
