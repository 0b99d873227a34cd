package parser

import (
	"os"
	"path/filepath"
	"testing"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"a = 1\n", "schema A[x](B) for P:\n    \"\"\"d\"\"\"\n    mixin [M]\n    x?: int = 1\n    [k: str]: any\n    check:\n        x > 0, \"m\"\n",
		"x = [if a: 1 elif b: 2 else: 3, *y, z for z in w]\n", "x = {if a:\n    b = 1\nc: 2, **d}\n",
		"f = lambda x: int -> int {\n    if x:\n        y = 1\n    y\n}\n", "a = \"${x: #json} ${\"\n",
		"rule R:\n    a\n", "import .a.b as c\n", "@d(a=1)\nschema S:\n    @e\n    x: int\n",
		"((((((((((", "[[[[[{{{{", "a = (1,\nschema A:\n", "all x in y { x if z }", "-----1",
	} {
		f.Add([]byte(s))
	}
	root := filepath.Join("..", "..", "..", "shared", "corpus")
	n := 0
	filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || n >= 300 {
			return filepath.SkipDir
		}
		if !d.IsDir() && filepath.Ext(path) == ".k" {
			if src, err := os.ReadFile(path); err == nil && len(src) < 4096 {
				f.Add(src)
				n++
			}
		}
		return nil
	})
	f.Fuzz(func(t *testing.T, src []byte) {
		file, fset, _ := ParseSource("fuzz.k", src)
		checkTree(t, fset, file, src)
	})
}

// TestDeepNesting checks that hostile nesting produces an error, not a
// stack overflow.
func TestDeepNesting(t *testing.T) {
	for _, s := range []string{"(", "[", "{a:", "-", "not ", "lambda {", "a if b else "} {
		src := []byte("x = ")
		for i := 0; i < 100000; i++ {
			src = append(src, s...)
		}
		_, _, errs := ParseSource("deep.k", src)
		if len(errs) == 0 {
			t.Errorf("%q x 100000: no error", s)
		}
	}
}
