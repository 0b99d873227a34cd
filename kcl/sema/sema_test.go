package sema

import (
	"strings"
	"testing"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/syntax"
)

func checkMem(t *testing.T, files map[string]string) (*Result, *loader.Program) {
	t.Helper()
	prog, err := loader.Load([]string{"/w/main.k"}, loader.Options{FS: loader.NewMemFS(files)})
	if err != nil {
		t.Fatal(err)
	}
	return Check(prog, nil), prog
}

// identAt returns the identifier whose text starts at the n-th occurrence
// (0-based) of name in the main file.
func identAt(t *testing.T, prog *loader.Program, name string, n int) *ast.Ident {
	t.Helper()
	var found []*ast.Ident
	ast.Inspect(prog.Main.Files[0].AST, func(x ast.Node) bool {
		if id, ok := x.(*ast.Ident); ok && id.Name == name {
			found = append(found, id)
		}
		return true
	})
	if n >= len(found) {
		t.Fatalf("identifier %s #%d not found (%d)", name, n, len(found))
	}
	return found[n]
}

func TestDefsUsesTypes(t *testing.T) {
	src := `import pkg

schema Person:
    """A person.

    Attributes
    ----------
    name : str
        The full name.
    """
    name: str
    age?: int = 1

alice = Person {name = "alice"}
n = alice.name
p = pkg.value
l = [x * 2 for x in [1, 2]]
`
	res, prog := checkMem(t, map[string]string{"/w/main.k": src, "/w/pkg/p.k": "value = 1\n"})
	if len(res.Diagnostics) != 0 {
		t.Fatalf("diagnostics: %v", res.Diagnostics[0].Format(prog.FileSet))
	}
	in := res.Main
	// schema definition and its use
	def := in.ObjectOf(identAt(t, prog, "Person", 0))
	use := in.ObjectOf(identAt(t, prog, "Person", 1))
	if def == nil || def != use || def.Kind != ObjSchema || def.Doc != "A person." {
		t.Errorf("Person def %+v use %+v", def, use)
	}
	// config key → schema attribute, attribute doc
	key := in.ObjectOf(identAt(t, prog, "name", 1))
	if key == nil || key.Kind != ObjAttr || key.Doc != "The full name." || prog.FileSet.Position(key.Pos).Line != 11 {
		t.Errorf("config key object = %+v", key)
	}
	// selector on an instance → attribute; its type
	sel := identAt(t, prog, "name", 2)
	if o := in.ObjectOf(sel); o == nil || o.Kind != ObjAttr {
		t.Errorf("alice.name object = %+v", o)
	}
	if o := in.ObjectOf(identAt(t, prog, "n", 0)); o == nil || o.Type.String() != "str" {
		t.Errorf("n = %+v", o)
	}
	// module member
	if o := in.ObjectOf(identAt(t, prog, "value", 0)); o == nil || o.PkgPath != "pkg" || o.Type.String() != "int" {
		t.Errorf("pkg.value = %+v", o)
	}
	// loop variable type and scope
	x := identAt(t, prog, "x", 1)
	if o := in.ObjectOf(x); o == nil || o.Kind != ObjLoopVar || o.Type.String() != "int" {
		t.Errorf("x = %+v", o)
	}
	if sc := in.Scope.Innermost(x.Pos()); sc.Kind != ScopeLoop || sc.LookupLocal("x") == nil {
		t.Errorf("innermost scope of x: %v", sc.Kind)
	}
	if o := in.ObjectOf(identAt(t, prog, "l", 0)); o == nil || o.Type.String() != "[int]" {
		t.Errorf("l type = %v", o.Type)
	}
	for is, used := range in.ImportUsed {
		if !used {
			t.Errorf("import %s not marked used", is.Path)
		}
	}
}

func TestDiagnosticsKinds(t *testing.T) {
	for _, c := range []struct{ src, kind, msg string }{
		{"a = b\n", "CompileError", "name 'b' is not defined"},
		{"a: int = \"s\"\n", "TypeError", "expected int, got str(s)"},
		{"a = 1\na = 2\n", "ImmutableError", "Can not change the value of 'a'"},
		{"schema A:\n    x: int\na = A {y = 1}\n", "CompileError", "Cannot add member 'y' to schema 'A'"},
		{"schema A:\n    x: int\nschema A:\n    y: int\n", "UniqueKeyError", "Unique key error name 'A'"},
		{"schema A(B):\n    x?: int\nschema B(A):\n    y?: int\n", "CompileError", "circular reference between schemas A, B"},
		{"schema A:\n    mixin [B]\nschema B:\n    x?: int\n", "NameError", "a valid mixin name should end with 'Mixin', got 'B'"},
		{"a = 1 + \"s\"\n", "TypeError", "unsupported operand type(s) for +: 'int(1)' and 'str(s)'"},
		{"import math\na = math.nope(1)\n", "TypeError", "attribute 'nope' not found in 'module 'math''"},
		{"f = lambda x, y = 1, z {x}\n", "IllegalParameterError", "non-default argument follows default argument"},
		{"schema A:\n    [str]: str\n    n: int\n", "IndexSignatureError", "does not meet the index signature"},
		{"a = {x = 1}\nb = {**a, [1]: 2}\n", "IllegalAttributeError", "A attribute must be string type"},
		{"a = [1]\na += [2]\n", "ImmutableError", "Immutable variable 'a' is modified during compiling"},
		{"schema A(int):\n    x?: int\n", "IllegalInheritError", "invalid schema inherit object type"},
		{"a = len(1, 2)\n", "CompileError", "takes 1 positional argument but 2 were given"},
		{"a = \"${1: #js}\"\n", "CompileError", "#js is a invalid format spec"},
		{"import nope\n", "CannotFindModule", "pkgpath nope not found in the program"},
	} {
		res, prog := checkMem(t, map[string]string{"/w/main.k": c.src})
		found := false
		var got []string
		for _, d := range res.Diagnostics {
			got = append(got, d.Format(prog.FileSet))
			if d.Kind.String() == c.kind && strings.Contains(d.Msg, c.msg) {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: want %s %q, got %v", c.src, c.kind, c.msg, got)
		}
	}
}

func TestCacheReuse(t *testing.T) {
	mem := loader.NewMemFS(map[string]string{"/w/main.k": "import pkg\na = pkg.v\n", "/w/pkg/p.k": "v = 1\n"})
	lc, sc := loader.NewCache(), NewCache()
	prog, _ := loader.Load([]string{"/w/main.k"}, loader.Options{FS: mem, Cache: lc})
	r1 := Check(prog, &Options{Cache: sc})
	o := loader.NewOverlay(mem)
	o.Set("/w/main.k", []byte("import pkg\na = pkg.v\nb = 2\n"))
	prog2, _ := loader.Load([]string{"/w/main.k"}, loader.Options{FS: o, Cache: lc})
	r2 := Check(prog2, &Options{Cache: sc})
	if r1.Infos["pkg"] != r2.Infos["pkg"] || sc.Hits() != 1 {
		t.Errorf("unchanged package not reused (hits %d)", sc.Hits())
	}
	if r1.Main == r2.Main {
		t.Error("edited package reused")
	}
	// A change in the dependency invalidates its importers.
	o.Set("/w/pkg/p.k", []byte("v = \"s\"\n"))
	prog3, _ := loader.Load([]string{"/w/main.k"}, loader.Options{FS: o, Cache: lc})
	r3 := Check(prog3, &Options{Cache: sc})
	if r3.Main == r2.Main || r3.Infos["pkg"] == r2.Infos["pkg"] {
		t.Error("dependency change did not invalidate")
	}
	if got := r3.Main.Scope.LookupLocal("a").Type.String(); got != "str" {
		t.Errorf("a after dependency change: %s", got)
	}
}

func TestDeepNesting(t *testing.T) {
	for _, src := range []string{
		"a = " + strings.Repeat("1 + ", 20000) + "1\n",
		"a = " + strings.Repeat("[", 3000) + strings.Repeat("]", 3000) + "\n",
		"a = " + strings.Repeat("{b: ", 3000) + "1" + strings.Repeat("}", 3000) + "\n",
		"a = " + strings.Repeat("not ", 5000) + "True\n",
	} {
		res, _ := checkMem(t, map[string]string{"/w/main.k": src})
		for _, d := range res.Diagnostics {
			if d.Code == "internal" {
				t.Errorf("internal error: %s", d.Msg)
			}
		}
	}
}

var _ = syntax.NoPos

// TestVariadicCalls checks that arguments taken by *args are not matched
// against the keyword-only parameters that follow it (print(*args, sep,
// end)).
func TestVariadicCalls(t *testing.T) {
	for _, src := range []string{
		"print(\"a\", 1)\n",
		"print(\"a\", 1, {k = 2}, end=\"\")\n",
		"a = max(1, 2, 3)\n",
	} {
		res, prog := checkMem(t, map[string]string{"/w/main.k": src})
		for _, d := range res.Diagnostics {
			t.Errorf("%q: unexpected %s", src, d.Format(prog.FileSet))
		}
	}
	res, _ := checkMem(t, map[string]string{"/w/main.k": "print(\"a\", end=1)\n"})
	if len(res.Diagnostics) == 0 {
		t.Error("print(end=1): keyword-only parameter types are still checked")
	}
}
