// Command kclx is the kclx command-line tool: a KCL toolchain (run, fmt,
// lint, import, lsp) in one binary.
//
// Structure: root.go builds the cobra command tree; every subcommand lives in
// its own file (fmt.go, lint.go, run.go, ...) with a newXxxCmd() constructor
// that root.go registers. main.go only turns the result of executing the tree
// into an exit status.
//
// Conventions for subcommands:
//   - Write to cmd.OutOrStdout() / cmd.ErrOrStderr(), never os.Stdout directly,
//     so tests can run commands in-process (see main_test.go).
//   - Return errors instead of printing them: main prints "kclx: <err>" to
//     stderr and exits 1. A command that has already reported its problem
//     (lint findings, fmt --check differences, evaluation errors rendered as
//     diagnostics) returns &ExitError{Code: n} to exit with n and print nothing.
//   - Start-up must stay fast (`kclx version` well under 10 ms): no package
//     level initialisation work, no eager loading; do expensive set-up inside
//     RunE.
//
// `kclx run` (run.go) loads, checks and evaluates a program. It runs with a
// relaxed garbage collector target (GOGC 400 unless GOGC is set) and
// bounds untrusted programs: the evaluator's depth, size, step and memory
// limits come from --max-* flags, and a watchdog (watchdog.go) ends a run
// whose live heap passes --max-memory or that outlasts --timeout.
//
// This is the composition root: it may import every kclx package. Nothing in
// the module may import it (enforced by internal/layering).
package main
