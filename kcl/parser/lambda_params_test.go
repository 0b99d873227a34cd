package parser

import (
	"strings"
	"testing"

	"github.com/kclx-dev/kclx/kcl/ast"
)

// TestBracedLambdaParams covers `lambda {params} -> T {body}`, the form
// kcl fmt writes for long lambda signatures.
func TestBracedLambdaParams(t *testing.T) {
	for _, tc := range []struct {
		src    string
		params []string
		ret    bool
		body   int
	}{
		{"f = lambda {x, y: int = 3} -> any {\n    x\n}\n", []string{"x", "y"}, true, 1},
		{"f = lambda {\n    # c\n    x: int = 5,\n} -> any {\n    1\n}\n", []string{"x"}, true, 1},
		{"f = lambda {\n    x: any = {\n        a = 1\n    },\n    y,\n} -> int {\n    5\n}\n", []string{"x", "y"}, true, 1},
		// a body is not a parameter list
		{"f = lambda {\n    1 + 1\n}\n", nil, false, 1},
		{"f = lambda {x}\n", nil, false, 1},
		{"f = lambda x -> int {x}\n", []string{"x"}, true, 1},
		{"f = lambda {lambda {x} }\n", nil, false, 1},
	} {
		f, _, errs := ParseSource("t.k", []byte(tc.src))
		if len(errs) > 0 {
			t.Errorf("%q: %v", tc.src, errs)
			continue
		}
		l := f.Body[0].(*ast.AssignStmt).Value.(*ast.LambdaExpr)
		var names []string
		for _, p := range l.Params {
			names = append(names, p.Name.Name)
		}
		if strings.Join(names, ",") != strings.Join(tc.params, ",") || (l.Ret != nil) != tc.ret || len(l.Body) != tc.body {
			t.Errorf("%q: params %v ret %v body %d", tc.src, names, l.Ret != nil, len(l.Body))
		}
	}
	// an unterminated parameter list is an error, not a hang
	if _, _, errs := ParseSource("t.k", []byte("f = lambda {x, y -> any {\n")); len(errs) == 0 {
		t.Error("no error for an unterminated lambda")
	}
}
