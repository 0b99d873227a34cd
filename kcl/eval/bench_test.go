package eval_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kclx-dev/kclx/kcl/eval"
	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/value"
)

// resourceFixture returns a program with n Kubernetes-like resources built
// from schemas with inheritance, defaults, checks, comprehensions and
// string interpolation.
func resourceFixture(n int) string {
	var b strings.Builder
	b.WriteString(`schema Metadata:
    name: str
    namespace: str = "default"
    labels: {str:str} = {}
    annotations?: {str:str}

schema Container:
    name: str
    image: str
    ports: [int] = [80]
    env: {str:str} = {}
    resources: {str:str} = {cpu = "100m", memory = "128Mi"}
    check:
        len(name) > 0, "container name required"

schema Resource:
    apiVersion: str
    kind: str
    metadata: Metadata

schema Deployment(Resource):
    apiVersion = "apps/v1"
    kind = "Deployment"
    replicas: int = 1
    containers: [Container]
    selector: {str:str} = {app = metadata.name}
    check:
        0 <= replicas <= 100

_envs = ["dev", "staging", "prod"]
resources = [
    Deployment {
        metadata = {
            name = "app-${i}"
            labels = {app = "app-${i}", tier = "backend", env = _envs[i % 3]}
        }
        replicas = i % 5 + 1
        containers = [Container {
            name = "main"
            image = "registry.example.com/app-${i}:v${i % 7}"
            env = {"INDEX" = str(i), "ENV" = _envs[i % 3]}
            ports = [8080, 9090] if i % 2 == 0 else [8080]
        }]
    } for i in range(`)
	fmt.Fprintf(&b, "%d", n)
	b.WriteString(`)
]
total = sum([r.replicas for r in resources])
`)
	return b.String()
}

func loadFixture(b *testing.B, n int) *loader.Program {
	fs := loader.NewMemFS(map[string]string{"/ws/main.k": resourceFixture(n)})
	prog, err := loader.Load([]string{"/ws/main.k"}, loader.Options{FS: fs, WorkDir: "/ws"})
	if err != nil || prog.HasErrors() {
		b.Fatalf("load: %v %v", err, prog.Diagnostics)
	}
	return prog
}

// BenchmarkEval500 evaluates the 500-resource fixture (already parsed) and
// renders its YAML output.
func BenchmarkEval500(b *testing.B) {
	prog := loadFixture(b, 500)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := eval.Run(prog, eval.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if out := value.PlanYAML(res.Value, value.PlanOptions{}); len(out) < 1000 {
			b.Fatal("short output")
		}
	}
}

// BenchmarkRun500 loads (parses), evaluates and renders the fixture.
func BenchmarkRun500(b *testing.B) {
	src := resourceFixture(500)
	for i := 0; i < b.N; i++ {
		fs := loader.NewMemFS(map[string]string{"/ws/main.k": src})
		prog, err := loader.Load([]string{"/ws/main.k"}, loader.Options{FS: fs, WorkDir: "/ws"})
		if err != nil {
			b.Fatal(err)
		}
		res, err := eval.Run(prog, eval.Options{})
		if err != nil {
			b.Fatal(err)
		}
		_ = value.PlanYAML(res.Value, value.PlanOptions{})
	}
}

func TestResourceFixture(t *testing.T) {
	got, err := runSource(t, map[string]string{"/ws/main.k": resourceFixture(3)}, []string{"/ws/main.k"}, eval.Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, got)
	}
	for _, want := range []string{"name: app-2", "image: registry.example.com/app-1:v1", "total: 6", "kind: Deployment", "app: app-0"} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
}

// BenchmarkYAML500 renders the evaluated 500-resource fixture as YAML;
// throughput is over the output text.
func BenchmarkYAML500(b *testing.B) {
	prog := loadFixture(b, 500)
	res, err := eval.Run(prog, eval.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(value.PlanYAML(res.Value, value.PlanOptions{}))))
	b.ReportAllocs()
	for b.Loop() {
		value.PlanYAML(res.Value, value.PlanOptions{})
	}
}
