package sema

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kclx-dev/kclx/kcl/loader"
)

// FuzzCheck loads and checks arbitrary sources (seeded from the grammar
// corpus and mutated): the checker must neither panic nor hang.
func FuzzCheck(f *testing.F) {
	seeds := []string{
		"a = 1\n",
		"schema A(B):\n    x: int = 1\nschema B(A):\n    y?: str\na = A {x = 1, z = 2}\n",
		"import math\nf = lambda x: int -> str { \"${x}\" }\nb = [f(i) for i in range(3) if i]\n",
		"c: {str:[int]} = {a += [1], a[0] += [2]}\nd = c.a.b.c[0]\n",
		"mixin AMixin for AProtocol:\n    x = 1\nprotocol AProtocol:\n    x: int\nrule R for AProtocol:\n    x > 0\n",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	if dir := os.Getenv("KCLX_FUZZ_SEED_DIR"); dir == "" {
		root := filepath.Join("..", "..", "..", "shared", "corpus", "kcl-grammar")
		n := 0
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && d.Name() == "main.k" && n < 200 {
				if b, err := os.ReadFile(p); err == nil {
					f.Add(string(b))
					n++
				}
			}
			return nil
		})
	}
	f.Fuzz(func(t *testing.T, src string) {
		done := make(chan struct{})
		go func() {
			defer close(done)
			fsys := loader.NewMemFS(map[string]string{"/w/main.k": src, "/w/pkg/p.k": src})
			prog, _ := loader.Load([]string{"/w/main.k"}, loader.Options{FS: fsys})
			res := Check(prog, nil)
			for _, d := range res.Diagnostics {
				if d.Code == "internal" || strings.Contains(d.Msg, "internal error") {
					t.Errorf("internal error on %q: %s", src, d.Msg)
				}
			}
			for _, in := range res.Infos {
				for x := range in.Types {
					_ = in.TypeOf(x).String()
				}
			}
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("check did not finish in 10s on %q", src)
		}
	})
}
