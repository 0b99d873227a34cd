package x2kcl

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/golden")

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
		g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(g) && i < len(w); i++ {
			if g[i] != w[i] {
				t.Fatalf("%s: line %s differs (run go test -update to accept):\n got: %s\nwant: %s", name, strconv.Itoa(i+1), g[i], w[i])
			}
		}
		t.Fatalf("%s: length differs (run go test -update to accept)", name)
	}
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
