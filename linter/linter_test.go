package linter

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/kclx-dev/kclx/internal/testutil"
	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/sema"
)

// lintMem lints in-memory files (path → source) with main entry files.
func lintMem(t *testing.T, files map[string]string, entries []string, cfg *Config) *Result {
	t.Helper()
	prog, err := loader.Load(entries, loader.Options{FS: loader.NewMemFS(files), WorkDir: "/w"})
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return Lint(sema.Check(prog, nil), cfg)
}

func summary(r *Result) []string {
	var out []string
	for _, d := range r.Diagnostics {
		out = append(out, fmt.Sprintf("%s:%d:%s:%s", filepath.Base(d.File), d.Line, d.Severity, d.Rule))
	}
	sort.Strings(out)
	return out
}

type expectedFile struct {
	Tests []struct {
		Name        string   `json:"name"`
		LintArgs    []string `json:"lint_args"`
		ProgramRoot string   `json:"program_root"`
		Warnings    []expDiag
		Errors      []expDiag
	} `json:"tests"`
}

type expDiag struct {
	File     *string `json:"file"`
	Line     *int    `json:"line"`
	Severity string  `json:"severity"`
	Kind     string  `json:"kind"`
	Code     string  `json:"code"`
}

// TestUpstreamExpected checks every diagnostic of the kcl-lint corpus's
// expected.json, compared as a multiset keyed by (file, line, code).
func TestUpstreamExpected(t *testing.T) {
	dir := testutil.CorpusDir(t, "kcl-lint")
	b, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var exp expectedFile
	if err := json.Unmarshal(b, &exp); err != nil {
		t.Fatal(err)
	}
	if len(exp.Tests) == 0 {
		t.Fatal("no tests in expected.json")
	}
	for _, tc := range exp.Tests {
		t.Run(tc.Name, func(t *testing.T) {
			var entries []string
			for _, a := range tc.LintArgs {
				entries = append(entries, filepath.Join(dir, a))
			}
			prog, _ := loader.Load(entries, loader.Options{FS: loader.OSFS{}, WorkDir: dir})
			if want := filepath.Join(dir, tc.ProgramRoot); prog.Root != filepath.Clean(want) {
				t.Errorf("program root %s, want %s", prog.Root, want)
			}
			res := Lint(sema.Check(prog, nil), nil)
			key := func(file string, line int, code string) string {
				return fmt.Sprintf("%s:%d:%s", file, line, code)
			}
			got := map[string]int{}
			gotKinds := map[string]string{}
			for _, d := range res.Diagnostics {
				if d.Severity == Info {
					got["suggestion:"+d.Rule]++
					continue
				}
				rel := ""
				if d.File != "" {
					rel, _ = filepath.Rel(dir, d.File)
				}
				k := key(rel, d.Line, d.Rule)
				got[k]++
				gotKinds[k] = d.Kind.String()
			}
			want := map[string]int{}
			for _, e := range append(tc.Warnings, tc.Errors...) {
				if e.Severity == "suggestion" {
					want["suggestion:"+e.Code]++
					continue
				}
				k := key(*e.File, *e.Line, e.Code)
				want[k]++
				if gk, ok := gotKinds[k]; ok && gk != e.Kind {
					t.Errorf("%s: kind %s, want %s", k, gk, e.Kind)
				}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("diagnostics\n got %v\nwant %v", got, want)
			}
		})
	}
}

func TestRules(t *testing.T) {
	for _, c := range []struct {
		name string
		src  string
		want []string
	}{
		{"unused-variable", "_a = 1\n_b = 2\nc = _b\nf = lambda x {\n    y = 1\n    x\n}\n", []string{"main.k:1:warning:unused-variable", "main.k:5:warning:unused-variable"}},
		{"shadowing", "k = 1\nm = [k for k in [1, 2]]\nf = lambda len { len }\n", []string{"main.k:2:warning:shadowing", "main.k:3:warning:shadowing"}},
		{"deprecated", "schema Old:\n    @deprecated(version=\"1.2\", reason=\"use New\", strict=False)\n    name?: str\n    age?: int\n\n@deprecated(reason=\"gone\", strict=False)\nschema Gone:\n    x?: int\n\no = Old {name = \"a\", age = 1}\ng = Gone {}\n", []string{"main.k:10:warning:deprecated", "main.k:11:warning:deprecated"}},
		{"naming", "schema bad_name:\n    x?: int\n\nschema Good:\n    y?: int\n\ncamelCase = 1\nsnake_case = 2\nCONST_X = 3\n", []string{"main.k:1:info:naming", "main.k:7:info:naming"}},
		{"duplicate-key", "a = {\n    x = 1\n    x = 2\n    y: 1\n    y: 2\n    l += [1]\n    l += [2]\n}\n", []string{"main.k:3:warning:duplicate-key"}},
		{"none-comparison", "a = 1\nb = a == None\nc = a != None\nd = a is None\n", []string{"main.k:2:warning:none-comparison", "main.k:3:warning:none-comparison"}},
		{"unreachable", "a = 1\nassert False, \"stop\"\nb = 2\nc = 3\nif a:\n    assert True\n    d = 1\n", []string{"main.k:3:warning:unreachable"}},
		{"import-position", "\"\"\"doc\"\"\"\nimport math\na = math.log10(10)\nimport units\nb = units.Ki\n", []string{"main.k:4:warning:import-position"}},
		{"clean", "import math\n\nschema Person:\n    name: str\n    age?: int\n\nalice = Person {name = \"alice\"}\nroot = math.sqrt(4)\n", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := lintMem(t, map[string]string{"/w/main.k": c.src}, []string{"/w/main.k"}, nil)
			if got := summary(r); !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %v\nwant %v", got, c.want)
				for _, d := range r.Diagnostics {
					t.Logf("  %s:%d: %s", d.Rule, d.Line, d.Message)
				}
			}
		})
	}
}

func TestFixes(t *testing.T) {
	src := "import math\nimport units\nimport units\na = units.Ki\nb = a == None\nc = a != None\n"
	r := lintMem(t, map[string]string{"/w/main.k": src}, []string{"/w/main.k"}, nil)
	out, n := ApplyFixes("/w/main.k", []byte(src), r.Diagnostics)
	want := "import units\na = units.Ki\nb = a is None\nc = a is not None\n"
	if string(out) != want || n != 4 {
		t.Errorf("fixed (%d fixes):\n%s\nwant:\n%s", n, out, want)
	}
	// The fixed program lints clean.
	r2 := lintMem(t, map[string]string{"/w/main.k": string(out)}, []string{"/w/main.k"}, nil)
	if got := summary(r2); len(got) != 0 {
		t.Errorf("after fixing: %v", got)
	}
}

func TestIgnoreComments(t *testing.T) {
	src := "import math  # kclx:ignore unused-import\n# kclx:ignore\nimport units\nb = 1 == None  # kclx:ignore unused-import\nc = d\n"
	r := lintMem(t, map[string]string{"/w/main.k": src}, []string{"/w/main.k"}, nil)
	want := []string{"main.k:4:warning:none-comparison", "main.k:5:error:undefined-name"}
	if got := summary(r); !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	src2 := "# kclx:ignore-file none-comparison,unused-import\nimport math\nb = 1 == None\n"
	if got := summary(lintMem(t, map[string]string{"/w/main.k": src2}, []string{"/w/main.k"}, nil)); len(got) != 0 {
		t.Errorf("file-wide ignore: %v", got)
	}
}

func TestConfig(t *testing.T) {
	cfg, err := ParseConfigFile([]byte("[lint]\ndisable = [\"unused-import\"]\n[lint.severity]\nnone-comparison = \"error\"\nnaming = \"off\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	src := "import math\nschema bad_name:\n    x?: int\nb = 1 == None\n"
	r := lintMem(t, map[string]string{"/w/main.k": src}, []string{"/w/main.k"}, cfg)
	if got, want := summary(r), []string{"main.k:4:error:none-comparison"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	// kcl.mod [lint] table.
	files := map[string]string{"/w/kcl.mod": "[package]\nname = \"x\"\n[lint]\ndisable = [\"none-comparison\"]\n", "/w/main.k": "b = 1 == None\n"}
	prog, _ := loader.Load([]string{"/w/main.k"}, loader.Options{FS: loader.NewMemFS(files)})
	raw, _ := prog.Mod.Raw["lint"].(map[string]any)
	mc, err := ConfigFromMap(raw)
	if err != nil {
		t.Fatal(err)
	}
	if got := summary(Lint(sema.Check(prog, nil), mc)); len(got) != 0 {
		t.Errorf("kcl.mod config ignored: %v", got)
	}
	for _, bad := range []string{"disable = [\"nope\"]", "[severity]\nnaming = \"loud\"", "disable = 3"} {
		if _, err := ParseConfigFile([]byte(bad)); err == nil {
			t.Errorf("config %q: no error", bad)
		}
	}
}

func TestFormats(t *testing.T) {
	r := lintMem(t, map[string]string{"/w/main.k": "import math\nx = y\n"}, []string{"/w/main.k"}, nil)
	var sb strings.Builder
	if err := WriteJSON(&sb, r.Diagnostics, "/w"); err != nil {
		t.Fatal(err)
	}
	var js []JSONDiagnostic
	if err := json.Unmarshal([]byte(sb.String()), &js); err != nil {
		t.Fatalf("json: %v\n%s", err, sb.String())
	}
	if len(js) != 2 || js[0].File != "main.k" || js[0].Line != 1 || js[0].Rule != "unused-import" || js[1].Severity != "error" || js[1].EndColumn != 6 {
		t.Errorf("json = %+v", js)
	}
	sb.Reset()
	if err := WriteSARIF(&sb, r.Diagnostics, "/w", "test"); err != nil {
		t.Fatal(err)
	}
	var sarif map[string]any
	if err := json.Unmarshal([]byte(sb.String()), &sarif); err != nil || sarif["version"] != "2.1.0" {
		t.Errorf("sarif: %v %v", err, sarif["version"])
	}
	sb.Reset()
	WriteText(&sb, r.Diagnostics, "/w")
	if !strings.Contains(sb.String(), "main.k:2:5: error[CompileError, undefined-name]: name 'y' is not defined") {
		t.Errorf("text:\n%s", sb.String())
	}
}

// TestCorporaNoErrors lints every konfig package against the package
// cache: no error may be reported.
func TestCorporaNoErrors(t *testing.T) {
	konfig := testutil.CorpusDir(t, "konfig")
	pkgs := testutil.CorpusDir(t, "kcl-pkgs")
	var dirs []string
	filepath.WalkDir(konfig, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".k") && !strings.HasSuffix(p, "_test.k") {
			if n := len(dirs); n == 0 || dirs[n-1] != filepath.Dir(p) {
				dirs = append(dirs, filepath.Dir(p))
			}
		}
		return nil
	})
	lc, sc := loader.NewCache(), sema.NewCache()
	for _, d := range dirs {
		prog, _ := loader.Load([]string{d}, loader.Options{FS: loader.OSFS{}, PkgPath: pkgs, Cache: lc})
		r := Lint(sema.Check(prog, &sema.Options{Cache: sc}), nil)
		for _, x := range r.Diagnostics {
			if x.Severity == Error {
				t.Errorf("%s: %s:%d: %s", d, x.File, x.Line, x.Message)
			}
		}
	}
}
