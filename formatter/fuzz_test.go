package formatter

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/kclx-dev/kclx/internal/testutil"
)

// FuzzFormat checks that formatting never panics, and that whatever it
// produces parses again, keeps the tree and every comment.
func FuzzFormat(f *testing.F) {
	f.Add([]byte("a = 1  # c\nschema A:\n    x: int = 1\n"))
	f.Add([]byte("x = {a: [1, {b = 2}], **c, if d: e = 3}\n"))
	f.Add([]byte("f = lambda x: int, y -> int {\n    x + y\n}\n"))
	{
		if files, err := filepath.Glob(filepath.Join(testutil.RepoRoot(f), "..", "shared", "corpus", "kcl-format", "format_data", "*.input")); err == nil {
			for _, p := range files {
				if b, err := os.ReadFile(p); err == nil {
					f.Add(b)
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		before, nc, ok := fingerprint("f.k", src)
		if !ok {
			if _, err := Source("f.k", src, Options{}); err == nil {
				t.Fatal("a file with syntax errors was formatted")
			}
			return
		}
		out, err := Source("f.k", src, Options{})
		if err != nil {
			t.Fatalf("parsed cleanly but did not format: %v", err)
		}
		after, nc2, ok := fingerprint("f.k", out)
		if !ok {
			t.Fatalf("output does not parse:\n%s", out)
		}
		if after != before || nc != nc2 {
			t.Fatalf("tree or comments changed:\n%s\n---\n%s", src, out)
		}
	})
}
