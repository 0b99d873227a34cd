package eval_test

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kclx-dev/kclx/kcl/eval"
	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/value"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/")

// runSource evaluates the given files (path → source) held in memory and
// returns the printed output (stdout then YAML) or the formatted error.
func runSource(t testing.TB, files map[string]string, entries []string, opts eval.Options) (string, error) {
	t.Helper()
	fs := loader.NewMemFS(files)
	prog, err := loader.Load(entries, loader.Options{FS: fs, WorkDir: "/ws"})
	if err != nil {
		return "", err
	}
	if prog.HasErrors() {
		var b strings.Builder
		for _, d := range prog.Diagnostics {
			b.WriteString(d.Format(prog.FileSet) + "\n")
		}
		return b.String(), errors.New("load errors")
	}
	var stdout bytes.Buffer
	opts.Stdout = &stdout
	res, err := eval.Run(prog, opts)
	if err != nil {
		var ee *eval.Error
		if errors.As(err, &ee) {
			return stdout.String() + ee.Format(prog.FileSet), err
		}
		return "", err
	}
	out := stdout.String()
	if res.Stream != nil {
		var parts []string
		for _, v := range res.Stream.Values {
			parts = append(parts, strings.TrimSuffix(value.EncodeYAML(v, res.Stream.Opts), "\n"))
		}
		return out + strings.Join(parts, "\n"+res.Stream.Sep+"\n") + "\n", nil
	}
	return out + value.PlanYAML(res.Value, value.PlanOptions{}), nil
}

// TestGolden evaluates each testdata/*.k program and compares its output
// (or error) with testdata/*.golden. Run with -update to rewrite them.
func TestGolden(t *testing.T) {
	paths, _ := filepath.Glob("testdata/*.k")
	if len(paths) == 0 {
		t.Fatal("no testdata")
	}
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".k")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			file := "/ws/" + name + ".k"
			got, err := runSource(t, map[string]string{file: string(src)}, []string{file}, eval.Options{})
			wantErr := strings.HasPrefix(name, "err_")
			if (err != nil) != wantErr {
				t.Fatalf("error = %v, want error: %v\n%s", err, wantErr, got)
			}
			golden := strings.TrimSuffix(p, ".k") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if got != string(want) {
				t.Errorf("output differs\ngot:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func TestOptionsAndArgs(t *testing.T) {
	files := map[string]string{"/ws/main.k": `
a = option("a")
b = option("b", type="int", default=1)
c = option("c", default="d")
`}
	got, err := runSource(t, files, []string{"/ws/main.k"}, eval.Options{Args: []eval.Arg{{Key: "a", Value: value.Str("x")}, {Key: "b", Value: value.Str("42")}}})
	if err != nil {
		t.Fatal(err)
	}
	if want := "a: x\nb: 42\nc: d\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	_, err = runSource(t, map[string]string{"/ws/main.k": `a = option("a", required=True)`}, []string{"/ws/main.k"}, eval.Options{})
	if err == nil || !strings.Contains(err.Error(), "must be initialized") {
		t.Errorf("required option: %v", err)
	}
}

func TestImports(t *testing.T) {
	files := map[string]string{
		"/ws/kcl.mod":     "[package]\nname = \"app\"\n",
		"/ws/main.k":      "import pkg\nimport math\nx = pkg.Person {name = \"a\"}\ny = pkg.CONST\nz = math.sqrt(16)\n",
		"/ws/pkg/pkg.k":   "schema Person:\n    name: str\n    greeting: str = \"hi \" + name\n",
		"/ws/pkg/const.k": "CONST = 42\n_private = 1\n",
	}
	got, err := runSource(t, files, []string{"/ws/main.k"}, eval.Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, got)
	}
	if want := "x:\n  name: a\n  greeting: hi a\n'y': 42\nz: 4.0\n"; got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestStrictRangeCheck(t *testing.T) {
	files := map[string]string{"/ws/main.k": "a = 2147483647 + 1\n"}
	if _, err := runSource(t, files, []string{"/ws/main.k"}, eval.Options{}); err != nil {
		t.Errorf("without -r: %v", err)
	}
	_, err := runSource(t, files, []string{"/ws/main.k"}, eval.Options{StrictRangeCheck: true})
	if err == nil || !strings.Contains(err.Error(), "32 bit integer overflow") {
		t.Errorf("with -r: %v", err)
	}
	files = map[string]string{"/ws/main.k": "a = 9223372036854775807 + 1\n"}
	_, err = runSource(t, files, []string{"/ws/main.k"}, eval.Options{})
	if err == nil || !strings.Contains(err.Error(), "64 bit integer overflow") {
		t.Errorf("i64 overflow: %v", err)
	}
}

// TestLimits runs hostile programs: each must fail quickly with a clear
// error instead of exhausting memory, the stack or time.
func TestLimits(t *testing.T) {
	doubling := func(name, step string) string {
		var b strings.Builder
		b.WriteString("a0 = " + name + "\n")
		for i := 0; i < 64; i++ {
			fmt.Fprintf(&b, "a%d = %s\n", i+1, strings.ReplaceAll(step, "X", fmt.Sprintf("a%d", i)))
		}
		return b.String()
	}
	tests := []struct {
		name, src string
		opts      eval.Options
		want      string
	}{
		{"list repetition", "a = [1] * 100000000\n", eval.Options{MaxItems: 1000}, "value too large"},
		{"list repetition overflowing int64", "a = [0, 1, 2, 3] * 4611686018427387904\n", eval.Options{}, "value too large"},
		{"string repetition", "s = 'a'\ns2 = s * 1000000\ns3 = s2 * 1000000\n", eval.Options{}, "value too large"},
		{"string repetition overflowing int64", "s = 'abcd' * 4611686018427387904\n", eval.Options{}, "value too large"},
		{"string doubling", doubling("'x'", "X + X"), eval.Options{}, "value too large"},
		{"list doubling", doubling("[0]", "X + X"), eval.Options{MaxItems: 100000}, "value too large"},
		{"unpacking doubling", doubling("[0]", "[*X, *X]"), eval.Options{MaxItems: 100000}, "value too large"},
		{"interpolation doubling", doubling("'x'", `"${X}${X}"`), eval.Options{}, "value too large"},
		{"join doubling", doubling("'x'", `"".join([X, X])`), eval.Options{}, "value too large"},
		{"format doubling", doubling("'x'", `"{}{}".format(X, X)`), eval.Options{}, "value too large"},
		{"replace growth", doubling("'x'", `X.replace("x", "xxxxxxxxxx")`), eval.Options{}, "value too large"},
		{"format width", "a = '{:>1000000000000}'.format('x')\n", eval.Options{}, "too large"},
		{"huge range", "a = range(10**12)\n", eval.Options{}, "too large"},
		{"huge power", "a = 2 ** 100000000\n", eval.Options{}, "64 bit integer overflow"},
		{"huge pow()", "a = pow(3, 100000000)\n", eval.Options{}, "64 bit integer overflow"},
		{"comprehension size", "a = len([1 for i in range(100000) for j in range(100000)])\n", eval.Options{MaxItems: 1000000}, "value too large"},
		{"step budget", "a = sum([1 for i in range(100000) for j in range(100000) if False])\n", eval.Options{MaxSteps: 1000000}, "step limit exceeded"},
		{"memory budget", "a = [[0] * 1000000 for _ in range(1000)]\n", eval.Options{MaxMemory: 64 << 20}, "memory limit exceeded"},
		{"recursive lambda", "f = lambda x { f(x) }\na = f(1)\n", eval.Options{MaxDepth: 200}, "maximum recursion depth exceeded"},
		{"mutually recursive lambdas", "f = lambda x { g(x) }\ng = lambda x { f(x) }\na = f(1)\n", eval.Options{}, "maximum recursion depth exceeded"},
		{"recursive schemas", "schema A:\n    b: B = B {}\nschema B:\n    a: A = A {}\nx = A {}\n", eval.Options{MaxDepth: 200}, "recursion"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			got, err := runSource(t, map[string]string{"/ws/main.k": tt.src}, []string{"/ws/main.k"}, tt.opts)
			if err == nil || !strings.Contains(got, tt.want) {
				t.Errorf("got %q, %v; want an error containing %q", got, err, tt.want)
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

func TestUnusedGlobalsAreLazy(t *testing.T) {
	// a schema body only runs for instances; an unused lambda is not called
	files := map[string]string{"/ws/main.k": "f = lambda { [][1] }\nschema S:\n    x: int = [][1]\nok = 1\n"}
	got, err := runSource(t, files, []string{"/ws/main.k"}, eval.Options{})
	if err != nil || got != "ok: 1\n" {
		t.Errorf("got %q, %v", got, err)
	}
}

// TestLazyHiddenValues checks that a hidden top-level value nothing reads
// is never evaluated (upstream #1758), while one that is read is.
func TestLazyHiddenValues(t *testing.T) {
	src := `_fails = [][1]
_huge = [0] * 1000000000
_slow = sum([i for i in range(9000000)])
_used = "used"
a = _used
`
	got, err := runSource(t, map[string]string{"/ws/main.k": src}, []string{"/ws/main.k"}, eval.Options{MaxItems: 1000})
	if err != nil || got != "a: used\n" {
		t.Fatalf("got %q, %v", got, err)
	}
	// read, the failing value fails
	got, err = runSource(t, map[string]string{"/ws/main.k": src + "b = _fails\n"}, []string{"/ws/main.k"}, eval.Options{})
	if err == nil || !strings.Contains(got, "list index out of range") {
		t.Errorf("read failing value: %q, %v", got, err)
	}
	// with --show-hidden every hidden value is output, so evaluated
	_, err = runSource(t, map[string]string{"/ws/main.k": src}, []string{"/ws/main.k"}, eval.Options{ShowHidden: true, MaxItems: 1000})
	if err == nil {
		t.Errorf("show hidden: no error")
	}
	// a hidden variable changed by later statements runs in order, as
	// upstream does (its failure is reported even if nothing reads it)
	_, err = runSource(t, map[string]string{"/ws/main.k": "_a = 9223372036854775807\n_a += 1\n"}, []string{"/ws/main.k"}, eval.Options{})
	if err == nil || !strings.Contains(err.Error(), "overflow") {
		t.Errorf("modified hidden variable: %v", err)
	}
	// forward references still work, and a lambda reads a lazy value
	got, err = runSource(t, map[string]string{"/ws/main.k": "f = lambda { _late + 1 }\nx = f()\n_late = 41\n"}, []string{"/ws/main.k"}, eval.Options{})
	if err != nil || got != "x: 42\n" {
		t.Errorf("forward reference: %q, %v", got, err)
	}
}

// TestLazyPackages checks that values of an imported package that
// nothing reads are not evaluated (the scenario of upstream #1758), that
// its statements other than assignments run once it is used, and that
// S.instances(True) still sees the instances it creates.
func TestLazyPackages(t *testing.T) {
	pkg := `show = lambda s -> str {
    print(s)
    s
}
foo = {
    name: "foo"
    value: show("foo")
}
bad = [][1]
good = show("good")
`
	files := map[string]string{
		"/ws/kcl.mod":         "[package]\nname = \"app\"\n",
		"/ws/main.k":          "import unused_pkg\n",
		"/ws/unused_pkg/a.k":  pkg,
		"/ws/checked/c.k":     "assert False, \"package check failed\"\nv = 1\n",
		"/ws/instances/i.k":   "schema P:\n    n: int\n_a = P {n = 1}\nb = P {n = 2}\n",
		"/ws/instances/use.k": "x = 0\n",
	}
	run := func(main string) (string, error) {
		files["/ws/main.k"] = main
		return runSource(t, files, []string{"/ws/main.k"}, eval.Options{})
	}
	if got, err := run("import unused_pkg\n"); err != nil || got != "{}\n" {
		t.Errorf("unused package: %q, %v", got, err)
	}
	if got, err := run("import unused_pkg\nx = unused_pkg.good\n"); err != nil || got != "good\nx: good\n" {
		t.Errorf("one value used: %q, %v", got, err)
	}
	if got, err := run("import checked\n"); err != nil || got != "{}\n" {
		t.Errorf("unused package with assert: %q, %v", got, err)
	}
	if got, err := run("import checked\ny = checked.v\n"); err == nil || !strings.Contains(got, "package check failed") {
		t.Errorf("used package with failing assert: %q, %v", got, err)
	}
	got, err := run("import instances as i\np = i.P {n = 3}\nevery = [x.n for x in i.P.instances(True)]\nhere = [x.n for x in i.P.instances()]\n")
	if want := "p:\n  'n': 3\nevery:\n- 1\n- 2\n- 3\nhere:\n- 3\n"; err != nil || got != want {
		t.Errorf("instances: %q, %v; want %q", got, err, want)
	}
}

// TestIntArithmeticOverflow checks the fast paths of +, - and * against
// the exact results at the int64 boundaries.
func TestIntArithmeticOverflow(t *testing.T) {
	ok := []string{
		"a = 9223372036854775806 + 1", "a = -9223372036854775807 - 1", "a = -9223372036854775807 + -1",
		"a = 9223372036854775807 - 9223372036854775807", "a = 3037000499 * 3037000499", "a = -5 * 7",
		"a = 9223372036854775807 + -9223372036854775807",
	}
	for _, src := range ok {
		if _, err := runSource(t, map[string]string{"/ws/main.k": src + "\n"}, []string{"/ws/main.k"}, eval.Options{}); err != nil {
			t.Errorf("%s: %v", src, err)
		}
	}
	overflow := []string{
		"a = 9223372036854775807 + 1", "a = -9223372036854775807 - 2", "a = -9223372036854775807 + -2",
		"a = 9223372036854775807 - -1", "a = 3037000500 * 3037000500", "a = -4611686018427387905 * 2",
	}
	for _, src := range overflow {
		_, err := runSource(t, map[string]string{"/ws/main.k": src + "\n"}, []string{"/ws/main.k"}, eval.Options{})
		if err == nil || !strings.Contains(err.Error(), "64 bit integer overflow") {
			t.Errorf("%s: %v", src, err)
		}
	}
	got, _ := runSource(t, map[string]string{"/ws/main.k": "a = 2147483647 + 1\nb = 3 - 5\nc = 46341 * 46341\n"}, []string{"/ws/main.k"}, eval.Options{})
	if got != "a: 2147483648\nb: -2\nc: 2147488281\n" {
		t.Errorf("got %q", got)
	}
	if _, err := runSource(t, map[string]string{"/ws/main.k": "c = 46341 * 46341\n"}, []string{"/ws/main.k"}, eval.Options{StrictRangeCheck: true}); err == nil {
		t.Errorf("strict range check: no 32-bit overflow")
	}
}
