// Package layering holds no code: its test (layering_test.go) enforces the
// dependency rules between kclx's packages, described in ARCHITECTURE.md.
//
// The test walks the module from its root, parses the import declarations of
// every non-test .go file (skipping testdata, bin, hidden and _-prefixed
// directories and nested modules) and checks each import against a table of
// rules. Adding a rule is one line in that table.
//
// Invariants: the test fails when it scans too few files (so it cannot pass
// by scanning nothing) and when an allowlist entry names a file that no
// longer exists. This package must not be imported by anything.
package layering
