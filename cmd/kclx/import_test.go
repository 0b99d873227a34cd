package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	return out
}

const petSwagger = `swagger: "2.0"
info: {title: t, version: v}
paths: {}
definitions:
  Pet:
    type: object
    properties:
      name: {type: string}
`

func TestImportDataAndForce(t *testing.T) {
	t.Chdir(t.TempDir())
	writeFile(t, "data.yaml", "a: 1\nb: [x, y]\n")
	code, _, stderr := runKclx(t, "import", "data.yaml")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	first, err := os.ReadFile("data.k")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(first), "a = 1") {
		t.Errorf("unexpected output:\n%s", first)
	}
	// no overwrite without --force
	writeFile(t, "data.yaml", "a: 2\n")
	code, _, stderr = runKclx(t, "import", "data.yaml")
	if code == 0 || !strings.Contains(stderr, "already exists") || !strings.Contains(stderr, "--force") {
		t.Fatalf("expected a refusal, got exit %d: %s", code, stderr)
	}
	if again, _ := os.ReadFile("data.k"); string(again) != string(first) {
		t.Errorf("data.k changed without --force")
	}
	code, _, stderr = runKclx(t, "import", "--force", "data.yaml")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if again, _ := os.ReadFile("data.k"); !strings.Contains(string(again), "a = 2") {
		t.Errorf("--force did not overwrite:\n%s", again)
	}
	if got := listFiles(t, "."); len(got) != 2 {
		t.Errorf("stray files left behind: %v", got)
	}
}

func TestImportStdoutAndOutputFile(t *testing.T) {
	t.Chdir(t.TempDir())
	writeFile(t, "c.toml", "name = \"kcl\"\n")
	code, stdout, stderr := runKclx(t, "import", "-o", "-", "c.toml")
	if code != 0 || !strings.Contains(stdout, `name = "kcl"`) {
		t.Fatalf("exit %d: %s %s", code, stdout, stderr)
	}
	code, _, stderr = runKclx(t, "import", "-m", "toml", "-o", "out/x.k", "c.toml")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat("out/x.k"); err != nil {
		t.Error(err)
	}
	writeFile(t, "d.toml", "a = 1\n")
	if code, _, _ := runKclx(t, "import", "-o", "y.k", "c.toml", "d.toml"); code == 0 {
		t.Error("one -o file for two inputs must fail")
	}
}

func TestImportAllOrNothing(t *testing.T) {
	t.Chdir(t.TempDir())
	writeFile(t, "in/a.json", `{"a": 1}`)
	writeFile(t, "in/b.json", `{"b": }`)
	code, _, stderr := runKclx(t, "import", "in")
	if code == 0 {
		t.Fatal("expected failure")
	}
	if !strings.Contains(stderr, "b.json:1") {
		t.Errorf("error does not name the file and line: %s", stderr)
	}
	if got := listFiles(t, "."); len(got) != 2 {
		t.Errorf("files written although an input failed: %v", got)
	}
	// a glob and a folder select inputs
	writeFile(t, "in/b.json", `{"b": 2}`)
	if code, _, stderr := runKclx(t, "import", "in/*.json"); code != 0 {
		t.Fatalf("glob: exit %d: %s", code, stderr)
	}
	for _, f := range []string{"a.k", "b.k"} {
		if _, err := os.Stat(f); err != nil {
			t.Error(err)
		}
	}
}

func TestImportModels(t *testing.T) {
	t.Chdir(t.TempDir())
	writeFile(t, "pet.yaml", petSwagger)
	code, _, stderr := runKclx(t, "import", "-m", "openapi", "-o", "gen", "-p", "pkg", "pet.yaml")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got := listFiles(t, "gen"); len(got) != 1 || got[0] != "pkg/pet.k" {
		t.Fatalf("files: %v", got)
	}
	if code, _, stderr := runKclx(t, "import", "-m", "openapi", "-o", "gen", "-p", "pkg", "pet.yaml"); code == 0 || !strings.Contains(stderr, "already exists") {
		t.Errorf("expected a refusal, got %d %s", code, stderr)
	}
	if code, _, stderr := runKclx(t, "import", "-m", "openapi", "-o", "gen", "-p", "pkg", "--force", "pet.yaml"); code != 0 {
		t.Errorf("--force: exit %d: %s", code, stderr)
	}
	if got := listFiles(t, "gen"); len(got) != 1 {
		t.Errorf("temporary files left behind: %v", got)
	}
	// name order
	writeFile(t, "two.yaml", petSwagger+"      age: {type: integer}\n")
	if code, stdout, stderr := runKclx(t, "import", "-m", "openapi", "--sort-properties", "-o", "s", "two.yaml"); code != 0 {
		t.Fatalf("exit %d: %s %s", code, stdout, stderr)
	}
	data, _ := os.ReadFile("s/models/pet.k")
	if i, j := strings.Index(string(data), "age?: int"), strings.Index(string(data), "name?: str"); i < 0 || j < 0 || i > j {
		t.Errorf("--sort-properties did not sort:\n%s", data)
	}
}

func TestImportCRDLayout(t *testing.T) {
	t.Chdir(t.TempDir())
	writeFile(t, "crd.yaml", `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: crontabs.stable.example.com}
spec:
  group: stable.example.com
  names: {kind: CronTab, plural: crontabs}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec: {type: object, properties: {image: {type: string}}}
  - name: v2
    served: false
    storage: false
    schema:
      openAPIV3Schema: {type: object}
`)
	if code, _, stderr := runKclx(t, "import", "-m", "crd", "crd.yaml"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got := strings.Join(listFiles(t, "models"), " ")
	for _, want := range []string{"kcl.mod", "v1/stable_example_com_v1_cron_tab.k", "v2/stable_example_com_v2_cron_tab.k", "k8s/apimachinery/pkg/apis/meta/v1/object_meta.k"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in %s", want, got)
		}
	}
}

func TestImportErrors(t *testing.T) {
	for _, tc := range []struct {
		name, file, content string
		args                []string
		want                []string // substrings of the error
	}{
		{"bad json", "x.json", "{\n\"a\": [1,\n}", nil, []string{"x.json:3", "invalid JSON"}},
		{"bad yaml", "x.yaml", "a: [1\n", nil, []string{"x.yaml", "invalid YAML"}},
		{"alias bomb", "x.yaml", "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n", nil, []string{"x.yaml", "alias bomb"}},
		{"unresolvable ref", "x.yaml", petSwagger + "      owner: {$ref: '#/definitions/Owner'}\n", []string{"-m", "openapi", "-s"}, []string{"x.yaml:9", "/definitions/Pet/properties/owner/$ref", `unresolvable $ref "#/definitions/Owner"`}},
		{"remote ref", "x.yaml", petSwagger + "      owner: {$ref: 'other.yaml#/definitions/Owner'}\n", []string{"-m", "openapi", "-s"}, []string{"/definitions/Pet/properties/owner/$ref", "only local references"}},
		{"cyclic ref", "x.yaml", petSwagger + "  A: {$ref: '#/definitions/B'}\n  B: {$ref: '#/definitions/A'}\n", []string{"-m", "openapi", "-s"}, []string{"x.yaml:", "/definitions/", "cyclic $ref"}},
		{"not openapi", "x.yaml", "a: 1\n", []string{"-m", "openapi"}, []string{"x.yaml", "not an OpenAPI document"}},
		{"invalid openapi", "x.yaml", "swagger: \"2.0\"\ninfo: {title: t}\npaths: {}\ndefinitions:\n  Pet: {type: object, properties: {a: {type: string}}}\n", []string{"-m", "openapi"}, []string{"x.yaml", "invalid", "--skip-validation"}},
		{"bad type", "x.yaml", petSwagger + "      age: {type: integr}\n", []string{"-m", "openapi", "-s"}, []string{"/definitions/Pet/properties/age/type", `unknown type "integr"`}},
		{"not a crd", "x.yaml", "apiVersion: v1\nkind: ConfigMap\n", []string{"-m", "crd"}, []string{"x.yaml", "/kind", "not a CustomResourceDefinition"}},
		{"crd without schema", "x.yaml", "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec:\n  group: g\n  names: {kind: K}\n  versions: [{name: v1}]\n", []string{"-m", "crd"}, []string{"x.yaml", "no CustomResourceDefinition with an OpenAPI v3 schema"}},
		{"jsonschema local ref", "x.json", `{"$schema": "x", "type": "object", "properties": {"a": {"$ref": "#/$defs/missing"}}}`, nil, []string{"x.json", "/properties/a/$ref", "unresolvable $ref"}},
		{"terraform", "x.json", `{"provider_schemas": {"p": {"resource_schemas": {"r": {"block": {"attributes": {"a": {"type": ["list"]}}}}}}}}`, nil, []string{"x.json", "/provider_schemas/p/resource_schemas/r/block/attributes/a/type"}},
		{"proto", "x.proto", "message A {\n  string a = 1;\n", nil, []string{"x.proto", "unterminated message"}},
		{"unknown extension", "x.txt", "a", nil, []string{"x.txt", "cannot detect the import mode"}},
		{"bad mode", "x.json", "{}", []string{"-m", "xml"}, []string{`invalid mode "xml"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			writeFile(t, tc.file, tc.content)
			args := append(append([]string{"import"}, tc.args...), tc.file)
			code, _, stderr := runKclx(t, args...)
			if code == 0 {
				t.Fatalf("expected a failure")
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("error %q does not contain %q", stderr, w)
				}
			}
			if got := listFiles(t, "."); len(got) != 1 {
				t.Errorf("files written on error: %v", got)
			}
		})
	}
}

func TestImportWarnings(t *testing.T) {
	t.Chdir(t.TempDir())
	writeFile(t, "s.json", `{"type": "object", "properties": {"a": {"$ref": "other.json#/x"}}}`)
	code, _, stderr := runKclx(t, "import", "-m", "jsonschema", "s.json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "warning: s.json: /properties/a") || !strings.Contains(stderr, "other.json#/x") {
		t.Errorf("no warning for the external $ref: %q", stderr)
	}
	// two specs generating the same model file: the later one wins, with a warning
	writeFile(t, "a.yaml", "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  Pet: {type: object, properties: {a: {type: string}}}\n")
	writeFile(t, "b.yaml", "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  Pet: {type: object, properties: {b: {type: string}}}\n")
	code, _, stderr = runKclx(t, "import", "-m", "openapi", "a.yaml", "b.yaml")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "warning: b.yaml: pet.k replaces the one generated from a.yaml") {
		t.Errorf("no warning for the replaced model: %q", stderr)
	}
	if data, _ := os.ReadFile(filepath.Join("models", "pet.k")); !strings.Contains(string(data), "b?: str") {
		t.Errorf("models/pet.k is not from b.yaml:\n%s", data)
	}
}
