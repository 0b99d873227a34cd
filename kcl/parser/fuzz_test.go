package parser

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
		start := time.Now()
		file, fset, _ := ParseSource("fuzz.k", src)
		if d := time.Since(start); d > time.Second {
			t.Fatalf("parsing %d bytes took %v", len(src), d)
		}
		checkTree(t, fset, file, src)
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("parsing and checking %d bytes took %v", len(src), d)
		}
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

// TestLinearTime guards against quadratic recovery paths: parsing ten
// times more repetitions of a hostile fragment must take well under a
// hundred times longer (a ratio, so machine noise matters less).
func TestLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	frags := []string{"lambda {", "x = lambda {\n", "[", "{", "a if b else ", "[x for x in ", "\"${", "all x in y {", "f(", "a.b.", "@d\n", "if a:\n", "x: A(", "\n    [str]: int\n", "schema A:\n"}
	parseTime := func(src []byte) time.Duration {
		st := time.Now()
		ParseSource("x.k", src)
		return time.Since(st)
	}
	for _, s := range frags {
		smallSrc := []byte(strings.Repeat(s, 2000))
		largeSrc := []byte(strings.Repeat(s, 20000))
		// Interleave the runs and keep the best of each, so that a burst
		// of load on a shared machine does not skew the ratio.
		small, large := time.Duration(1<<62), time.Duration(1<<62)
		for i := 0; i < 5; i++ {
			small = min(small, parseTime(smallSrc))
			large = min(large, parseTime(largeSrc))
		}
		if small < 100*time.Microsecond {
			small = 100 * time.Microsecond
		}
		// linear is 10x; quadratic would be 100x
		if ratio := float64(large) / float64(small); ratio > 60 {
			t.Errorf("%q: 10x input took %.0fx longer (%v vs %v)", s, ratio, large, small)
		}
	}
}
