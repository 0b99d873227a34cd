package eval_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kclx-dev/kclx/kcl/eval"
	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/value"
)

// FuzzEval evaluates arbitrary programs with tight limits: evaluation must
// finish quickly and fail only with diagnostics, never with a Go panic
// reaching the caller or an internal error.
func FuzzEval(f *testing.F) {
	for _, s := range []string{
		"a = 1\nb = a + 1\n",
		"schema A:\n    x: int = 1\n    check:\n        x > 0\na = A {x = 2}\n",
		"f = lambda x { f(x) }\ny = f(1)\n",
		"a = [x * 2 for x in range(10) if x % 2]\nb = {k: v for k, v in {a = 1}}\n",
		"_a = {}\n_a.b.c = 1\nx = _a | {b.d = 2}\n",
		"s = \"${1 + 1}\".format()\nt = [1] * 3\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 2000 {
			return
		}
		fs := loader.NewMemFS(map[string]string{"/f/main.k": src})
		prog, err := loader.Load([]string{"/f/main.k"}, loader.Options{FS: fs, WorkDir: "/f"})
		if err != nil || prog.HasErrors() {
			return
		}
		done := make(chan struct{})
		var res *eval.Result
		go func() {
			defer close(done)
			res, err = eval.Run(prog, eval.Options{MaxDepth: 200, MaxItems: 10000})
		}()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("evaluation did not finish:\n%s", src)
		}
		if err != nil {
			ee, ok := err.(*eval.Error)
			if !ok {
				t.Fatalf("non-diagnostic error %T %v", err, err)
			}
			if strings.Contains(ee.Error(), "internal error") {
				t.Fatalf("%v\n%s", ee, src)
			}
			return
		}
		_ = value.PlanYAML(res.Value, value.PlanOptions{})
	})
}
