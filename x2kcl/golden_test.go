package x2kcl

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/kclx-dev/kclx/internal/testutil"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/golden")

// golden compares got with testdata/golden/<name>.golden, or rewrites it
// with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	testutil.Golden(t, filepath.Join("testdata", "golden", name+".golden"), got, *update)
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct{ name, input, kind string }{
		{"anchors", "anchors.yaml", "yaml"},
		{"tables", "tables.toml", "toml"},
		{"nested", "nested.proto", "proto"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata", "golden", tc.input))
			if err != nil {
				t.Fatal(err)
			}
			var out []byte
			layout := Layout("data")
			if tc.kind == "proto" {
				out, err = Proto(tc.input, src)
				layout = Layout("proto")
			} else {
				out, err = DataFromSource(tc.kind, tc.input, src)
			}
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Check(tc.input, out, layout); err != nil {
				t.Error(err)
			}
			golden(t, tc.name, out)
		})
	}
}
