// Package version reports the kclx release version, the source commit and
// the Go toolchain it was built with.
//
// Release builds set [Version] and [Commit] with the linker:
//
//	go build -ldflags "-X github.com/kclx-dev/kclx/internal/version.Version=v0.1.0 \
//	    -X github.com/kclx-dev/kclx/internal/version.Commit=$(git rev-parse HEAD)" ./cmd/kclx
//
// (the Makefile's build target does this). When they are empty, [Get] falls
// back to the build information Go embeds in every binary: the main module
// version (set by `go install module@version`) and the vcs.revision setting,
// and finally to "devel" and "unknown".
//
// Invariants: the package has no init work and reads nothing but the
// embedded build information, so it is safe to call at start-up. It imports
// only the standard library (runtime, runtime/debug, strings) and no other
// kclx package; any package may import it.
package version
