// Package testutil holds helpers shared by tests: locating the repository
// root and the read-only shared corpora beside the checkout (skipping a
// test when they are absent), listing corpus files, and comparing output
// with golden files.
//
// Only _test.go files import it; it must not import any kclx package.
package testutil
