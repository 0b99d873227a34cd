package openapi2kcl

import (
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/kclx-dev/kclx/x2kcl"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/golden")

// golden compares got with testdata/golden/<name>.golden, or rewrites it
// with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from the golden file (run go test -update to accept):\n%s", name, firstDiff(string(got), string(want)))
	}
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return "line " + strconv.Itoa(i+1) + ":\n got: " + a + "\nwant: " + b
		}
	}
	return ""
}

// joinFiles concatenates generated files under "# path" lines.
func joinFiles(t *testing.T, files map[string][]byte) []byte {
	t.Helper()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		b.WriteString("# ---- " + n + "\n")
		b.Write(files[n])
		if strings.HasSuffix(n, ".k") {
			if _, err := x2kcl.Check(n, files[n], ModelLayout()); err != nil {
				t.Errorf("%v", err)
			}
		}
	}
	return []byte(b.String())
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name, input string
		opts        Options
		jsonschema  bool
	}{
		{name: "openapi3", input: "openapi3.yaml"},
		{name: "openapi3_sorted", input: "openapi3.yaml", opts: Options{SortProperties: true}},
		{name: "swagger_allof", input: "swagger_allof.yaml"},
		{name: "jsonschema", input: "jsonschema.json", jsonschema: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata", "golden", tc.input))
			if err != nil {
				t.Fatal(err)
			}
			if tc.jsonschema {
				out, err := FromJSONSchema(tc.input, src, tc.opts)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := x2kcl.Check(tc.input, out, x2kcl.Layout("schemas")); err != nil {
					t.Error(err)
				}
				golden(t, tc.name, out)
				return
			}
			files, err := FromOpenAPI(tc.input, src, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, tc.name, joinFiles(t, files))
		})
	}
}
