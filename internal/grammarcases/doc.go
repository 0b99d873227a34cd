// Package grammarcases lists the cases of the kcl-grammar corpus (shared
// test data) for tests of the loader, checker and linter. It is test
// support: only tests import it.
//
// It imports only the standard library and must not be imported by
// non-test code.
package grammarcases
