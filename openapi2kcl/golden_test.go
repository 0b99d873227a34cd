package openapi2kcl

import (
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/kclx-dev/kclx/internal/testutil"
	"github.com/kclx-dev/kclx/x2kcl"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/golden")

// golden compares got with testdata/golden/<name>.golden, or rewrites it
// with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	testutil.Golden(t, filepath.Join("testdata", "golden", name+".golden"), got, *update)
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
