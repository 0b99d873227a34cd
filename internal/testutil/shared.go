package testutil

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// RepoRoot returns the repository root (the directory holding go.mod),
// found by walking up from the working directory.
func RepoRoot(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("go.mod not found above the working directory")
		}
		dir = parent
	}
}

// SharedDir returns ../shared beside the repository (or $KCLX_SHARED),
// skipping the test when it does not exist.
func SharedDir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("KCLX_SHARED")
	if dir == "" {
		dir = filepath.Join(RepoRoot(tb), "..", "shared")
	}
	if st, err := os.Stat(filepath.Join(dir, "corpus")); err != nil || !st.IsDir() {
		tb.Skipf("shared corpus not found at %s", dir)
	}
	return dir
}

// CorpusDir returns ../shared/corpus/<name>, skipping when absent.
func CorpusDir(tb testing.TB, name string) string {
	tb.Helper()
	dir := filepath.Join(SharedDir(tb), "corpus", name)
	if _, err := os.Stat(dir); err != nil {
		tb.Skipf("corpus %s not found", name)
	}
	return dir
}

// KFiles returns every .k file under root, sorted.
func KFiles(tb testing.TB, root string) []string {
	tb.Helper()
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".k") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	sort.Strings(files)
	return files
}

// PackageDirs returns, in walk order, each directory under root that
// directly holds a file ending in ext (a package of .k or .go files).
func PackageDirs(tb testing.TB, root, ext string) []string {
	tb.Helper()
	var dirs []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ext) {
			if n := len(dirs); n == 0 || dirs[n-1] != filepath.Dir(path) {
				dirs = append(dirs, filepath.Dir(path))
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return dirs
}
