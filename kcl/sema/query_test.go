package sema

import (
	"strings"
	"testing"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/syntax"
)

// posOf returns the position of the n-th (0-based) occurrence of sub in
// the main file, plus off bytes.
func posOf(t *testing.T, prog *loader.Program, sub string, n, off int) syntax.Pos {
	t.Helper()
	f := prog.Main.Files[0]
	src := string(f.Src)
	i := -1
	for k := 0; k <= n; k++ {
		j := strings.Index(src[i+1:], sub)
		if j < 0 {
			t.Fatalf("%q #%d not in source", sub, n)
		}
		i += j + 1
	}
	return f.AST.FileStart + syntax.Pos(i+off)
}

func TestQueries(t *testing.T) {
	src := `import pkg as p
import math

schema Person:
    name: str
    nick = name
    @deprecated(version="1")
    age?: int

alice = Person {
    name = "a"
}
f = lambda x: int {
    y = x + 1
    y
}
l = [v for v in [1]]
`
	res, prog := checkMem(t, map[string]string{"/w/main.k": src, "/w/pkg/p.k": "value = 1\n"})
	in := res.Main
	file := prog.Main.Files[0]
	f := file.AST

	// IdentAt: inside a name, at its end, and on no name.
	id, o := in.IdentAt(f, posOf(t, prog, "Person {", 0, 2))
	if id == nil || id.Name != "Person" || o == nil || o.Kind != ObjSchema {
		t.Errorf("IdentAt(Person) = %v %v", id, o)
	}
	if id, _ := in.IdentAt(f, posOf(t, prog, "alice", 0, 5)); id == nil || id.Name != "alice" {
		t.Errorf("IdentAt(end of alice) = %v", id)
	}
	if id, _ := in.IdentAt(f, posOf(t, prog, "[1]", 0, 1)); id != nil {
		t.Errorf("IdentAt(1) = %v", id)
	}
	// A config key names the schema attribute.
	if _, o := in.IdentAt(f, posOf(t, prog, "name = ", 0, 0)); o == nil || o.Kind != ObjAttr || o.Attr == nil {
		t.Errorf("config key object = %+v", o)
	}
	// A decorator names the builtin decorator.
	if _, o := in.IdentAt(f, posOf(t, prog, "deprecated", 0, 1)); o == nil || o.Kind != ObjBuiltin || !o.Type.IsFunc() {
		t.Errorf("decorator object = %+v", o)
	}
	// A name assigned in a schema body is defined by its assignment.
	if _, o := in.IdentAt(f, posOf(t, prog, "nick", 0, 0)); o == nil || !o.Pos.IsValid() || o.Pos != posOf(t, prog, "nick", 0, 0) {
		t.Errorf("schema body variable = %+v", o)
	}

	// PathAt: innermost first, the file last.
	path := PathAt(f, posOf(t, prog, "x + 1", 0, 0))
	if len(path) < 3 || path[len(path)-1] != ast.Node(f) {
		t.Fatalf("PathAt = %v", path)
	}
	if _, ok := path[0].(*ast.Ident); !ok {
		t.Errorf("PathAt innermost = %T", path[0])
	}

	// ScopeAt and NamesAt.
	if sc := in.ScopeAt(posOf(t, prog, "x + 1", 0, 0)); sc.Kind != ScopeLambda {
		t.Errorf("scope in lambda = %v", sc.Kind)
	}
	if sc := in.ScopeAt(posOf(t, prog, "v for", 0, 0)); sc.Kind != ScopeLoop {
		t.Errorf("scope in comprehension = %v", sc.Kind)
	}
	names := map[string]ObjKind{}
	var order []string
	for _, b := range in.NamesAt(file.Path, posOf(t, prog, "    y\n", 0, 4)) {
		names[b.Name] = b.Object.Kind
		order = append(order, b.Name)
	}
	for name, kind := range map[string]ObjKind{"x": ObjParam, "y": ObjVar, "alice": ObjVar, "Person": ObjSchema, "p": ObjModule, "math": ObjModule, "print": ObjBuiltin} {
		if k, ok := names[name]; !ok || k != kind {
			t.Errorf("NamesAt: %s = %v, %v (names %v)", name, k, ok, order)
		}
	}
	if _, ok := names["pkg"]; ok {
		t.Errorf("NamesAt lists the package path: %v", order)
	}
	if order[0] != "x" && order[0] != "y" {
		t.Errorf("NamesAt does not start with the locals: %v", order)
	}
	if imps := in.FileImports(file.Path); len(imps) != 2 || imps[0].Name != "p" || imps[1].Name != "math" {
		t.Errorf("FileImports = %v", imps)
	}

	// ExpectedType of a schema's config.
	var cfg *ast.SchemaExpr
	ast.Inspect(f, func(n ast.Node) bool {
		if se, ok := n.(*ast.SchemaExpr); ok {
			cfg = se
		}
		return n != nil
	})
	if et := in.ExpectedType(cfg); et == nil || !et.IsSchema() || et.Schema.Name != "Person" {
		t.Errorf("ExpectedType = %v", et)
	}
}

func TestRelated(t *testing.T) {
	res, prog := checkMem(t, map[string]string{"/w/main.k": "d = 1\nd = 2\n"})
	var d *loader.Diagnostic
	for i := range res.Diagnostics {
		if res.Diagnostics[i].Kind == loader.ImmutableError {
			d = &res.Diagnostics[i]
		}
	}
	if d == nil || len(d.Related) != 1 {
		t.Fatalf("immutable error = %+v", d)
	}
	r := d.Related[0]
	if p := prog.FileSet.Position(r.Pos); p.Line != 1 || p.Column != 1 || r.End != r.Pos+1 || !strings.Contains(r.Msg, "declared here") {
		t.Errorf("related = %+v at %v", r, p)
	}
}

// TestCacheVersions checks that the cache keeps few versions of an
// edited package, and that a re-parse of the same content is not
// mistaken for the earlier parse.
func TestCacheVersions(t *testing.T) {
	mem := loader.NewMemFS(map[string]string{"/w/main.k": "a = 1\n"})
	o := loader.NewOverlay(mem)
	lc, sc := loader.NewCache(), NewCache()
	check := func(src string) *Result {
		o.Set("/w/main.k", []byte(src))
		prog, _ := loader.Load([]string{"/w/main.k"}, loader.Options{FS: o, Cache: lc})
		return Check(prog, &Options{Cache: sc})
	}
	first := check("a = 1\n")
	for i := 0; i < 20; i++ {
		check("a = " + strings.Repeat("1", i+2) + "\n")
	}
	if n := sc.Len(); n > cacheVersions {
		t.Errorf("cache holds %d results of one package", n)
	}
	// The content of the first version again: parsed anew, checked anew
	// (the old Info refers to the old parse's nodes).
	again := check("a = 1\n")
	if again.Main == first.Main {
		t.Error("Info of an earlier parse reused")
	}
	id := again.Program.Main.Files[0].AST.Body[0].(*ast.AssignStmt).Targets[0].(*ast.Ident)
	if again.Main.ObjectOf(id) == nil {
		t.Error("no object for the new parse's identifier")
	}
}

// TestImportEmptyPackage: importing a directory without .k files is an
// empty package, as upstream's loader records it, not a missing module.
func TestImportEmptyPackage(t *testing.T) {
	res, prog := checkMem(t, map[string]string{"/w/main.k": "import empty\n", "/w/empty/sub/x.k": "x = 1\n"})
	if prog.Main.Imports[0].Kind != loader.ImportEmpty {
		t.Fatalf("import kind = %v", prog.Main.Imports[0].Kind)
	}
	for _, d := range res.Diagnostics {
		if d.Severity == loader.Error {
			t.Errorf("error: %s", d.Format(prog.FileSet))
		}
	}
}

// TestCacheSharedAcrossPrograms: a dependency checked for one program is
// reused by another program with other main files.
func TestCacheSharedAcrossPrograms(t *testing.T) {
	mem := loader.NewMemFS(map[string]string{
		"/w/a/main.k": "import lib\na = lib.v\n",
		"/w/b/main.k": "import lib\nb = lib.v\n",
		"/w/lib/l.k":  "v = 1\n",
		"/w/kcl.mod":  "[package]\nname = \"w\"\n",
	})
	lc, sc := loader.NewCache(), NewCache()
	pa, _ := loader.Load([]string{"/w/a"}, loader.Options{FS: mem, Cache: lc})
	pb, _ := loader.Load([]string{"/w/b"}, loader.Options{FS: mem, Cache: lc})
	ra, rb := Check(pa, &Options{Cache: sc}), Check(pb, &Options{Cache: sc})
	if ra.Infos["lib"] == nil || ra.Infos["lib"] != rb.Infos["lib"] {
		t.Errorf("dependency checked twice")
	}
}
