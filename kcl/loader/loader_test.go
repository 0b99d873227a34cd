package loader

import (
	"errors"
	"io/fs"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestMemFS(t *testing.T) {
	m := NewMemFS(map[string]string{"/a/b.k": "x = 1", "/a/c/d.k": "y = 2", "/z.k": ""})
	if b, err := m.ReadFile("/a/b.k"); err != nil || string(b) != "x = 1" {
		t.Fatalf("ReadFile = %q, %v", b, err)
	}
	if _, err := m.ReadFile("/a/missing.k"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: err = %v, want ErrNotExist", err)
	}
	ents, err := m.ReadDir("/a")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		n := e.Name()
		if e.IsDir() {
			n += "/"
		}
		names = append(names, n)
	}
	if want := []string{"b.k", "c/"}; !reflect.DeepEqual(names, want) {
		t.Errorf("ReadDir(/a) = %v, want %v", names, want)
	}
	if fi, err := m.Stat("/a/c"); err != nil || !fi.IsDir() {
		t.Errorf("Stat(/a/c) = %v, %v; want a directory", fi, err)
	}
	if _, err := m.Stat("/nope"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Stat(/nope) err = %v", err)
	}
	root, err := m.ReadDir("/")
	if err != nil || len(root) != 2 {
		t.Errorf("ReadDir(/) = %v, %v; want a/ and z.k", root, err)
	}
}

func TestOverlay(t *testing.T) {
	base := NewMemFS(map[string]string{"/p/a.k": "disk", "/p/b.k": "b"})
	o := NewOverlay(base)
	o.Set("/p/a.k", []byte("buffer"))
	o.Set("/p/new.k", []byte("new"))
	o.Set("/q/only.k", []byte("q"))
	if b, _ := o.ReadFile("/p/a.k"); string(b) != "buffer" {
		t.Errorf("overlay does not win: %q", b)
	}
	if b, _ := o.ReadFile("/p/b.k"); string(b) != "b" {
		t.Errorf("base not visible: %q", b)
	}
	ents, err := o.ReadDir("/p")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	if want := []string{"a.k", "b.k", "new.k"}; !reflect.DeepEqual(names, want) {
		t.Errorf("ReadDir = %v, want %v", names, want)
	}
	if fi, err := o.Stat("/q"); err != nil || !fi.IsDir() {
		t.Errorf("overlay-only directory not visible: %v %v", fi, err)
	}
	if fi, err := o.Stat("/p/new.k"); err != nil || fi.Size() != 3 {
		t.Errorf("Stat(new.k) = %v, %v", fi, err)
	}
	o.Delete("/p/a.k")
	if b, _ := o.ReadFile("/p/a.k"); string(b) != "disk" {
		t.Errorf("after Delete: %q, want disk content", b)
	}
}

func TestParseModFile(t *testing.T) {
	src := `
[package]
name = "app"
edition = "v0.9.0"
version = "0.0.1"

[dependencies]
k8s = "1.31.2"
konfig = { path = "../konfig" }
helloworld = { oci = "oci://ghcr.io/kcl-lang/helloworld", tag = "0.1.0" }
flask = { git = "https://github.com/kcl-lang/flask-demo-kcl-manifests.git", commit = "ade147b" }

[profile]
entries = ["../base/base.k", "main.k", "${konfig:KCL_MOD}/models/kube/render/render.k"]
sort_keys = true

[lint]
disable = ["naming"]
`
	m, err := ParseModFile("/w/app/kcl.mod", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if m.Package.Name != "app" || m.Package.Version != "0.0.1" || m.Package.Edition != "v0.9.0" {
		t.Errorf("package = %+v", m.Package)
	}
	var names []string
	for _, d := range m.Dependencies {
		names = append(names, d.Name)
	}
	if want := []string{"flask", "helloworld", "k8s", "konfig"}; !reflect.DeepEqual(names, want) {
		t.Errorf("deps = %v, want %v", names, want)
	}
	if d := m.Dep("k8s"); d == nil || d.Version != "1.31.2" {
		t.Errorf("k8s dep = %+v", d)
	}
	if d := m.Dep("konfig"); d == nil || d.Path != "../konfig" {
		t.Errorf("konfig dep = %+v", d)
	}
	if d := m.Dep("helloworld"); d == nil || d.Oci == "" || d.Tag != "0.1.0" {
		t.Errorf("oci dep = %+v", d)
	}
	if d := m.Dep("flask"); d == nil || d.Git == "" || d.Commit != "ade147b" {
		t.Errorf("git dep = %+v", d)
	}
	if len(m.Profile.Entries) != 3 || !m.Profile.SortKeys {
		t.Errorf("profile = %+v", m.Profile)
	}
	if _, ok := m.Raw["lint"].(map[string]any); !ok {
		t.Errorf("raw [lint] section missing: %v", m.Raw)
	}
	if _, err := ParseModFile("bad/kcl.mod", []byte("[package\nname=")); err == nil {
		t.Error("malformed kcl.mod: no error")
	}
	if _, err := ParseModFile("bad/kcl.mod", []byte("[dependencies]\nx = 3\n")); err == nil {
		t.Error("dependency with a number: no error")
	}
}

func TestParseLockFile(t *testing.T) {
	src := `[dependencies]
  [dependencies.k8s]
    name = "k8s"
    full_name = "k8s_1.32.4"
    version = "1.32.4"
    sum = "abc="
    reg = "ghcr.io"
    repo = "kcl-lang/k8s"
    oci_tag = "1.32.4"
`
	l, err := ParseLockFile("kcl.mod.lock", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	d := l.Dependencies["k8s"]
	if d.FullName != "k8s_1.32.4" || d.OciTag != "1.32.4" || d.Repo != "kcl-lang/k8s" || d.Sum != "abc=" {
		t.Errorf("lock = %+v", d)
	}
}

func TestExpandModVars(t *testing.T) {
	dep := func(n string) string {
		if n == "konfig" {
			return "/k"
		}
		return ""
	}
	for _, c := range []struct{ in, want string }{
		{"${KCL_MOD}/pkg/pkg.k", "/mod/pkg/pkg.k"},
		{"${konfig:KCL_MOD}/models/render.k", "/k/models/render.k"},
		{"${nope:KCL_MOD}/x.k", "${nope:KCL_MOD}/x.k"},
		{"plain.k", "plain.k"},
		{"${OTHER}/a", "${OTHER}/a"},
		{"${unterminated", "${unterminated"},
	} {
		if got := ExpandModVars(c.in, "/mod", dep); got != c.want {
			t.Errorf("ExpandModVars(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestFixRelImport(t *testing.T) {
	for _, c := range []struct{ file, path, want string }{
		{"/r/path/to/app/file.k", ".sub", "path.to.app.sub"},
		{"/r/path/to/app/file.k", "..sub", "path.to.sub"},
		{"/r/path/to/app/file.k", "...sub", "path.sub"},
		{"/r/path/to/app/file.k", "....sub", "sub"},
		{"/r/path/to/app/file.k", ".....sub", ""},
		{"/r/main.k", ".mydir.mymodule", "mydir.mymodule"},
	} {
		if got := fixRelImport("/r", c.file, c.path); got != c.want {
			t.Errorf("fixRelImport(%q, %q) = %q, want %q", c.file, c.path, got, c.want)
		}
	}
}

func load(t *testing.T, files map[string]string, entries []string, opts Options) *Program {
	t.Helper()
	opts.FS = NewMemFS(files)
	if opts.WorkDir == "" {
		opts.WorkDir = "/w"
	}
	p, err := Load(entries, opts)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return p
}

func diagCodes(p *Program) []string {
	var out []string
	for _, d := range p.Diagnostics {
		pos := p.FileSet.Position(d.Pos)
		name := ""
		if d.File != "" {
			name = filepath.Base(d.File)
		}
		out = append(out, name+":"+itoa(pos.Line)+":"+d.Code)
	}
	return out
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	s := ""
	neg := i < 0
	if neg {
		i = -i
	}
	for i > 0 {
		s = string(rune('0'+i%10)) + s
		i /= 10
	}
	if neg {
		s = "-" + s
	}
	return s
}

func TestLoadImports(t *testing.T) {
	files := map[string]string{
		"/w/kcl.mod":       "[package]\nname = \"app\"\n",
		"/w/main.k":        "import pkg\nimport .rel.mod as m\nimport math\nimport sub.file\nx = 1\n",
		"/w/pkg/a.k":       "import ..sub.file\na = 1\n",
		"/w/pkg/b.k":       "b = 2\n",
		"/w/pkg/b_test.k":  "test = 1\n",
		"/w/pkg/_hidden.k": "hidden = 1\n",
		"/w/rel/mod.k":     "r = 1\n",
		"/w/sub/file.k":    "f = 1\n",
	}
	p := load(t, files, []string{"main.k"}, Options{})
	if len(p.Diagnostics) != 0 {
		t.Fatalf("diagnostics: %v", diagCodes(p))
	}
	if p.Root != "/w" || p.Mod == nil || p.Mod.Package.Name != "app" {
		t.Errorf("root = %q, mod = %+v", p.Root, p.Mod)
	}
	var keys []string
	for k := range p.Packages {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if want := []string{"__main__", "pkg", "rel.mod", "sub.file"}; !reflect.DeepEqual(keys, want) {
		t.Errorf("packages = %v, want %v", keys, want)
	}
	var pkgFiles []string
	for _, f := range p.Packages["pkg"].Files {
		pkgFiles = append(pkgFiles, filepath.Base(f.Path))
	}
	if want := []string{"a.k", "b.k"}; !reflect.DeepEqual(pkgFiles, want) {
		t.Errorf("pkg files = %v, want %v (no _test.k, no _ files)", pkgFiles, want)
	}
	if sf := p.Packages["sub.file"]; sf == nil {
		t.Fatal("sub.file missing")
	}
	if p.Order[len(p.Order)-1] != MainPkg {
		t.Errorf("order = %v: main must be last", p.Order)
	}
	if i, j := slices.Index(p.Order, "sub.file"), slices.Index(p.Order, "pkg"); i > j {
		t.Errorf("order = %v: sub.file must come before pkg, which imports it", p.Order)
	}
	kinds := map[string]ImportKind{}
	for _, imp := range p.Main.Imports {
		kinds[imp.Stmt.Path] = imp.Kind
		if p.Imports[imp.Stmt] != imp {
			t.Errorf("Program.Imports lacks %s", imp.Stmt.Path)
		}
	}
	want := map[string]ImportKind{"pkg": ImportPackage, ".rel.mod": ImportPackage, "math": ImportSystem, "sub.file": ImportPackage}
	if !reflect.DeepEqual(kinds, want) {
		t.Errorf("import kinds = %v, want %v", kinds, want)
	}
	if imp := p.Main.Imports[1]; imp.PkgPath != "rel.mod" {
		t.Errorf("relative import pkgpath = %q", imp.PkgPath)
	}
}

func TestLoadDirBeforeFile(t *testing.T) {
	files := map[string]string{
		"/w/main.k":    "import a\n",
		"/w/a/x.k":     "x = 1\n",
		"/w/a.k":       "y = 1\n",
		"/w/b/empty/z": "",
	}
	p := load(t, files, []string{"/w/main.k"}, Options{})
	// A directory without .k files shadows a same-named .k file: the
	// package is empty (the checker reports it).
	files["/w/main.k"] = "import b.empty\n"
	files["/w/b/empty.k"] = "e = 1\n"
	if q := load(t, files, []string{"/w/main.k"}, Options{}); q.Main.Imports[0].Kind != ImportEmpty {
		t.Errorf("b.empty kind = %v, want empty", q.Main.Imports[0].Kind)
	}
	a := p.Packages["a"]
	if a == nil || len(a.Files) != 1 || filepath.Base(a.Files[0].Path) != "x.k" {
		t.Errorf("package a = %+v, want the directory a/", a)
	}
}

func TestLoadMissing(t *testing.T) {
	files := map[string]string{
		"/w/main.k":  "import a\nimport abc\nimport empty\nimport kcl_plugin.hello\n",
		"/w/a.k":     "",
		"/w/empty/x": "",
	}
	p := load(t, files, []string{"/w/main.k"}, Options{})
	got := diagCodes(p)
	want := []string{"main.k:1:package-not-found", ":0:suggest-mod-add", ":0:suggest-browse", "main.k:4:plugin-not-found"}
	slices.Sort(got)
	slices.Sort(want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("diagnostics = %v, want %v", got, want)
	}
	byPath := map[string]*Import{}
	for _, imp := range p.Main.Imports {
		byPath[imp.Stmt.Path] = imp
	}
	if k := byPath["abc"].Kind; k != ImportNotFound {
		t.Errorf("abc kind = %v", k)
	}
	if s := byPath["abc"].Searched; s != "/w/abc" {
		t.Errorf("abc searched = %q", s)
	}
	if k := byPath["empty"].Kind; k != ImportEmpty {
		t.Errorf("empty kind = %v", k)
	}
	if k := byPath["a"].Kind; k != ImportPackage {
		t.Errorf("a (empty file) kind = %v", k)
	}
	p2 := load(t, files, []string{"/w/main.k"}, Options{LoadPlugins: true})
	for _, c := range diagCodes(p2) {
		if strings.HasSuffix(c, "plugin-not-found") {
			t.Errorf("plugins enabled but %s", c)
		}
	}
}

func TestLoadCycle(t *testing.T) {
	files := map[string]string{
		"/w/kcl.mod":  "",
		"/w/main.k":   "import module\n",
		"/w/module.k": "import main\n",
	}
	p := load(t, files, []string{"/w/main.k"}, Options{})
	got := diagCodes(p)
	if !reflect.DeepEqual(got, []string{"main.k:1:import-cycle"}) {
		t.Fatalf("diagnostics = %v", got)
	}
	if n := p.Diagnostics[0].Notes; !reflect.DeepEqual(n, []string{"module", "main", "module"}) {
		t.Errorf("cycle = %v", n)
	}
	if p.Packages["main"] == nil || p.Packages["module"] == nil {
		t.Errorf("packages = %v", p.Order)
	}
}

func TestLoadExternal(t *testing.T) {
	files := map[string]string{
		"/w/app/kcl.mod":                             "[package]\nname = \"app\"\n[dependencies]\nk8s = \"1.31.2\"\nkonfig = { path = \"../konfig\" }\n[profile]\nentries = [\"main.k\", \"${konfig:KCL_MOD}/render.k\"]\n",
		"/w/app/main.k":                              "import k8s.api.core.v1 as corev1\nimport konfig.models\n",
		"/w/konfig/kcl.mod":                          "[package]\nname = \"konfig\"\n[dependencies]\nk8s = \"1.31.2\"\n",
		"/w/konfig/render.k":                         "import models\n",
		"/w/konfig/models/m.k":                       "import k8s.api.core.v1\nimport .sub\n",
		"/w/konfig/models/sub/s.k":                   "s = 1\n",
		"/cache/k8s_1.31.2/kcl.mod":                  "[package]\nname = \"k8s\"\n",
		"/cache/k8s_1.31.2/api/core/v1/pod.k":        "import apimachinery.meta.v1\n",
		"/cache/k8s_1.31.2/apimachinery/meta/v1/o.k": "schema ObjectMeta:\n    name?: str\n",
	}
	p := load(t, files, nil, Options{WorkDir: "/w/app", PkgPath: "/cache"})
	if len(p.Diagnostics) != 0 {
		t.Fatalf("diagnostics: %v", diagCodes(p))
	}
	var keys []string
	for k := range p.Packages {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	want := []string{"__main__", "k8s.api.core.v1", "k8s.apimachinery.meta.v1", "konfig.models", "konfig.models.sub"}
	if !reflect.DeepEqual(keys, want) {
		t.Errorf("packages = %v, want %v", keys, want)
	}
	if len(p.Main.Files) != 2 {
		t.Errorf("main files = %d, want 2 (profile entries)", len(p.Main.Files))
	}
	if p.Deps["k8s"] != "/cache/k8s_1.31.2" || p.Deps["konfig"] != "/w/konfig" {
		t.Errorf("deps = %v", p.Deps)
	}
	if pkg := p.Packages["k8s.api.core.v1"]; !pkg.External || pkg.Name != "k8s" {
		t.Errorf("k8s package = %+v", pkg)
	}
	// PackageMaps (-E) override kcl.mod.
	files["/elsewhere/kcl.mod"] = ""
	files["/elsewhere/api/core/v1/x.k"] = "x = 1\n"
	p = load(t, files, []string{"/w/app/main.k"}, Options{PkgPath: "/cache", PackageMaps: map[string]string{"k8s": "/elsewhere"}})
	if pkg := p.Packages["k8s.api.core.v1"]; pkg == nil || pkg.Root != "/elsewhere" {
		t.Errorf("package map ignored: %+v", pkg)
	}
}

func TestLoadAmbiguous(t *testing.T) {
	files := map[string]string{
		"/w/kcl.mod":             "[dependencies]\nk8s = \"1.0\"\n",
		"/w/main.k":              "import k8s.x\n",
		"/w/k8s/x/a.k":           "",
		"/cache/k8s_1.0/kcl.mod": "",
		"/cache/k8s_1.0/x/a.k":   "",
	}
	p := load(t, files, []string{"/w/main.k"}, Options{PkgPath: "/cache"})
	if got := diagCodes(p); !reflect.DeepEqual(got, []string{"main.k:1:package-ambiguous"}) {
		t.Errorf("diagnostics = %v", got)
	}
}

func TestLoadEntries(t *testing.T) {
	files := map[string]string{
		"/w/main.k":    "a = 1\n",
		"/w/pkg/pkg.k": "b = 1\n",
		"/w/dir/x.k":   "c = 1\n",
		"/w/dir/y.k":   "d = 1\n",
	}
	p := load(t, files, []string{"main.k", "${KCL_MOD}/pkg/pkg.k", "dir"}, Options{})
	var names []string
	for _, f := range p.Main.Files {
		names = append(names, strings.TrimPrefix(f.Path, "/w/"))
	}
	if want := []string{"main.k", "pkg/pkg.k", "dir/x.k", "dir/y.k"}; !reflect.DeepEqual(names, want) {
		t.Errorf("main files = %v, want %v", names, want)
	}
	fsys := NewMemFS(files)
	_, err := Load([]string{"/w/nope.k"}, Options{FS: fsys})
	if err == nil {
		t.Error("missing entry: no error")
	}
	prog, err := Load([]string{"/w/main.k", "/w/main.k"}, Options{FS: fsys})
	if err != nil || len(prog.Main.Files) != 1 {
		t.Errorf("duplicate entry: %v, %d files", err, len(prog.Main.Files))
	}
}

func TestLoadSyntaxErrors(t *testing.T) {
	files := map[string]string{"/w/main.k": "import pkg\na = \n", "/w/pkg/p.k": "b = (\n"}
	p := load(t, files, []string{"/w/main.k"}, Options{})
	n := 0
	for _, d := range p.Diagnostics {
		if d.Kind == InvalidSyntax {
			n++
		}
	}
	if n < 2 {
		t.Errorf("want syntax errors of both files, got %v", p.Diagnostics)
	}
}

func TestCache(t *testing.T) {
	mem := NewMemFS(map[string]string{"/w/main.k": "import pkg\na = 1\n", "/w/pkg/p.k": "b = 1\n"})
	c := NewCache()
	p1, err := Load([]string{"/w/main.k"}, Options{FS: mem, Cache: c})
	if err != nil {
		t.Fatal(err)
	}
	o := NewOverlay(mem)
	o.Set("/w/main.k", []byte("import pkg\na = 2\n"))
	p2, err := Load([]string{"/w/main.k"}, Options{FS: o, Cache: c})
	if err != nil {
		t.Fatal(err)
	}
	if p1.Packages["pkg"].Files[0] != p2.Packages["pkg"].Files[0] {
		t.Error("unchanged file was parsed again")
	}
	if p1.Main.Files[0] == p2.Main.Files[0] {
		t.Error("changed file was not parsed again")
	}
	if p1.FileSet != p2.FileSet || p1.FileSet != c.FileSet() {
		t.Error("programs of one cache must share its FileSet")
	}
	hits, misses := c.Stats()
	if hits != 1 || misses != 3 {
		t.Errorf("hits, misses = %d, %d; want 1, 3", hits, misses)
	}
}

func TestKindCodes(t *testing.T) {
	for k, want := range map[Kind]string{
		TypeError: "E2G22", CompileError: "E2L23", ImmutableError: "E1001", CannotFindModule: "E2F04",
		IllegalInheritError: "E2D34", UniqueKeyError: "E2L28", IllegalAttributeError: "E2A31",
		EvaluationError: "E3M38", UnusedImportWarning: "W1001", NameError: "E1001",
	} {
		if got := k.Code(); got != want {
			t.Errorf("%v.Code() = %s, want %s", k, got, want)
		}
	}
	for k := Kind(0); k < numKinds; k++ {
		if got, ok := KindByName(k.String()); !ok || got != k {
			t.Errorf("KindByName(%s) = %v, %v", k, got, ok)
		}
	}
}
