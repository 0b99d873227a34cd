package loader

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestReloadMatchesLoad edits files of a program without touching their
// imports and checks that Reload returns what Load returns; edits of
// imports make Reload give up.
func TestReloadMatchesLoad(t *testing.T) {
	files := map[string]string{
		"/w/kcl.mod":      "[package]\nname = \"w\"\n",
		"/w/main.k":       "import lib\nimport .rel\nimport nothere\nimport lib.deep as d\nx = lib.v\n",
		"/w/other.k":      "import cyc\ny = 1\n",
		"/w/lib/a.k":      "import lib.deep\nv = deep.w\n",
		"/w/lib/b.k":      "z = 1\n",
		"/w/lib/deep/d.k": "w = 2\n",
		"/w/rel/r.k":      "r = 1\n",
		"/w/cyc/c.k":      "import cyc2\n",
		"/w/cyc2/c.k":     "import cyc\n",
	}
	mem := NewMemFS(files)
	o := NewOverlay(mem)
	cache := NewCache()
	opts := Options{FS: o, Cache: cache}
	prev, err := Load([]string{"/w"}, opts)
	if err != nil {
		t.Fatal(err)
	}
	edits := []struct {
		path, src string
		ok        bool
	}{
		{"/w/main.k", "import lib\nimport .rel\nimport nothere\nimport lib.deep as d\nx = lib.v + 1\n", true},
		{"/w/main.k", "# a comment moves the imports\n\nimport lib\nimport  .rel\nimport nothere\nimport lib.deep as d\nx = (\n", true},
		{"/w/lib/b.k", "z = \n", true},
		{"/w/lib/b.k", "z = 2\n", true},
		{"/w/other.k", "\n\nimport cyc\ny = 2\n", true},
		{"/w/cyc/c.k", "import cyc2\nc = 1\n", true},
		{"/w/lib/a.k", "import lib.deep\nimport lib\nv = deep.w\n", false},
		{"/w/main.k", "import lib\nimport .rel\nimport nothere\nimport lib.deep as e\nx = 1\n", false},
	}
	for i, e := range edits {
		o.Set(e.path, []byte(e.src))
		got := Reload(prev, opts)
		want, err := Load([]string{"/w"}, opts)
		if err != nil {
			t.Fatal(err)
		}
		if !e.ok {
			if got != nil {
				t.Errorf("edit %d (imports changed): Reload did not give up", i)
			}
			prev = want
			continue
		}
		if got == nil {
			t.Fatalf("edit %d: Reload gave up", i)
		}
		if diff := compareProgs(got, want); diff != "" {
			t.Fatalf("edit %d: Reload differs from Load: %s", i, diff)
		}
		if i == 1 {
			// The edit moved the imports and broke the file: the load
			// errors moved along, the syntax error is new.
			kinds := map[Kind]bool{}
			for _, d := range got.Diagnostics {
				kinds[d.Kind] = true
			}
			if !kinds[CannotFindModule] || !kinds[RecursiveLoad] || !kinds[InvalidSyntax] {
				t.Fatalf("edit %d: diagnostics %v", i, got.Diagnostics)
			}
		}
		prev = got
	}
	// Nothing changed: prev itself.
	if Reload(prev, opts) != prev {
		t.Error("Reload without changes made a new program")
	}
}

// compareProgs describes how two programs differ ("" when they do not).
func compareProgs(a, b *Program) string {
	if !reflect.DeepEqual(a.Order, b.Order) {
		return fmt.Sprintf("order %v vs %v", a.Order, b.Order)
	}
	if a.Root != b.Root || !reflect.DeepEqual(a.Deps, b.Deps) || a.Main != a.Packages[MainPkg] {
		return "root, deps or main"
	}
	if len(a.Packages) != len(b.Packages) {
		return "package count"
	}
	for pp, pa := range a.Packages {
		pb := b.Packages[pp]
		if pb == nil || pa.PkgPath != pb.PkgPath || pa.Name != pb.Name || pa.Root != pb.Root || pa.Dir != pb.Dir || pa.External != pb.External {
			return "package " + pp
		}
		if !reflect.DeepEqual(pa.Files, pb.Files) {
			return "files of " + pp
		}
		if len(pa.Imports) != len(pb.Imports) {
			return "imports of " + pp
		}
		for i := range pa.Imports {
			x, y := pa.Imports[i], pb.Imports[i]
			if x.File != y.File || x.Stmt.Path != y.Stmt.Path || x.Stmt.Pos() != y.Stmt.Pos() || x.Kind != y.Kind || x.PkgPath != y.PkgPath || x.Searched != y.Searched {
				return fmt.Sprintf("import %d of %s: %+v vs %+v", i, pp, x, y)
			}
			if a.Imports[x.Stmt] != x {
				return "program import map of " + pp
			}
		}
	}
	if len(a.Imports) != len(b.Imports) {
		return "import map size"
	}
	var da, db []string
	for _, d := range a.Diagnostics {
		da = append(da, fmt.Sprintf("%d-%d %s %v %s %s %v", d.Pos, d.End, d.File, d.Kind, d.Code, d.Msg, d.Notes))
	}
	for _, d := range b.Diagnostics {
		db = append(db, fmt.Sprintf("%d-%d %s %v %s %s %v", d.Pos, d.End, d.File, d.Kind, d.Code, d.Msg, d.Notes))
	}
	if strings.Join(da, "\n") != strings.Join(db, "\n") {
		return fmt.Sprintf("diagnostics\n%s\nvs\n%s", strings.Join(da, "\n"), strings.Join(db, "\n"))
	}
	return ""
}
