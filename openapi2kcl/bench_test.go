package openapi2kcl

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/kclx-dev/kclx/x2kcl"
)

// The Kubernetes swagger of the import corpus (bench/): the raw upstream
// spec and the preprocessed one the published k8s module is made from.
func k8sSwagger(tb testing.TB, name string) []byte {
	tb.Helper()
	p := filepath.Join("..", "..", "shared", "corpus", "import", "bench", name)
	src, err := os.ReadFile(p)
	if err != nil {
		tb.Skipf("bench input not found: %v", err)
	}
	return src
}

// TestK8sSwagger converts both Kubernetes specs and checks that every
// generated module parses and prints back unchanged with the model
// layout.
func TestK8sSwagger(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	for _, name := range []string{"k8s-1.31-swagger.json", "k8s-1.31-processed-swagger.json"} {
		src := k8sSwagger(t, name)
		files, err := FromOpenAPI(name, src, Options{SkipValidation: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(files) < 600 {
			t.Errorf("%s: only %d modules", name, len(files))
		}
		for p, data := range files {
			again, err := x2kcl.Check(p, data, ModelLayout())
			if err != nil {
				t.Error(err)
				continue
			}
			if string(again) != string(data) {
				t.Errorf("%s: %s does not print back unchanged", name, p)
			}
		}
	}
}

func BenchmarkK8sSwagger(b *testing.B) {
	src := k8sSwagger(b, "k8s-1.31-swagger.json")
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FromOpenAPI("k8s.json", src, Options{SkipValidation: true}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkK8sSwaggerValidated(b *testing.B) {
	src := k8sSwagger(b, "k8s-1.31-swagger.json")
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FromOpenAPI("k8s.json", src, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
