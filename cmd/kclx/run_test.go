package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// writeRunFiles creates files (relative path → content) in a temp dir, makes
// it the working directory and returns it.
func writeRunFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	return dir
}

func TestRunBasic(t *testing.T) {
	writeRunFiles(t, map[string]string{"main.k": "schema P:\n    name: str\n    n?: int\np = P {name = \"a\"}\n_h = 1\nx = None\n"})
	code, stdout, stderr := runKclx(t, "run", "main.k")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if want := "p:\n  name: a\nx: null\n"; stdout != want {
		t.Errorf("stdout %q, want %q", stdout, want)
	}
	_, stdout, _ = runKclx(t, "run", "main.k", "--disable-none", "--show-hidden", "--sort-keys")
	if want := "_h: 1\np:\n  name: a\n"; stdout != want {
		t.Errorf("flags: stdout %q, want %q", stdout, want)
	}
	_, stdout, _ = runKclx(t, "run", "main.k", "--format", "json")
	if want := "{\n    \"p\": {\n        \"name\": \"a\"\n    },\n    \"x\": null\n}\n"; stdout != want {
		t.Errorf("json: stdout %q, want %q", stdout, want)
	}
	_, stdout, _ = runKclx(t, "run", "main.k", "-S", ":p.name")
	if stdout != "a\n" {
		t.Errorf("selector: %q", stdout)
	}
}

func TestRunArguments(t *testing.T) {
	writeRunFiles(t, map[string]string{"main.k": `a = option("a")
b = option("b")
c = option("c")
d = option("d")
e = option("e")
f = option("f")
`})
	code, stdout, stderr := runKclx(t, "run", "main.k", "-D", "a=1", "-D", "b=[1, 2]", "-D", "c=True", "-D", "d=12e1", "-D", "e=text", "-D", `f={"k": "v"}`)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := "a: 1\nb:\n- 1\n- 2\nc: true\nd: '12e1'\ne: text\nf:\n  k: v\n"
	if stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout, want)
	}
	code, _, stderr = runKclx(t, "run", "main.k", "-D", "=1")
	if code != 1 || !strings.Contains(stderr, "Invalid value for top level arguments") {
		t.Errorf("bad -D: exit %d, %q", code, stderr)
	}
}

func TestRunSettingsFile(t *testing.T) {
	writeRunFiles(t, map[string]string{
		"conf/main.k":        "a = option(\"key\")\nb = 1\n",
		"conf/settings.yaml": "kcl_cli_configs:\n  files:\n  - main.k\n  sort_keys: true\nkcl_options:\n- key: key\n  value: [1, 2]\n",
	})
	code, stdout, stderr := runKclx(t, "run", "-Y", "conf/settings.yaml")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if want := "a:\n- 1\n- 2\nb: 1\n"; stdout != want {
		t.Errorf("stdout %q, want %q", stdout, want)
	}
}

func TestRunPackage(t *testing.T) {
	writeRunFiles(t, map[string]string{
		"kcl.mod":   "[package]\nname = \"app\"\n\n[profile]\nentries = [\"b.k\", \"a.k\"]\n",
		"a.k":       "a = b + 1\n",
		"b.k":       "import sub\nb = sub.x\n",
		"sub/sub.k": "x = 41\n",
	})
	code, stdout, stderr := runKclx(t, "run")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if want := "b: 41\na: 42\n"; stdout != want {
		t.Errorf("stdout %q, want %q", stdout, want)
	}
}

func TestRunOutputFile(t *testing.T) {
	dir := writeRunFiles(t, map[string]string{"main.k": "a = 1\n"})
	code, stdout, stderr := runKclx(t, "run", "main.k", "-o", "out.yaml")
	if code != 0 || stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, "out.yaml"))
	if err != nil || string(b) != "a: 1\n" {
		t.Errorf("out.yaml = %q, %v", b, err)
	}
}

func TestRunErrors(t *testing.T) {
	dir := writeRunFiles(t, map[string]string{"main.k": "schema P:\n    age: int\n    check:\n        age > 0, \"age must be positive\"\n\np = P {age = -1}\n"})
	code, stdout, stderr := runKclx(t, "run", "main.k")
	if code != 1 || stdout != "" {
		t.Fatalf("exit %d, stdout %q", code, stdout)
	}
	file := filepath.Join(dir, "main.k")
	want := "error[E3M38]: EvaluationError\n" +
		" --> " + file + ":6:5\n" +
		"  |\n" +
		"6 | p = P {age = -1}\n" +
		"  |     ^ Instance check failed\n" +
		"  |\n" +
		" --> " + file + ":4:1\n" +
		"  |\n" +
		"4 |         age > 0, \"age must be positive\"\n" +
		"  |  Check failed on the condition: age must be positive\n" +
		"  |\n"
	if stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}
	// syntax errors come from the loader in the same shape
	writeRunFiles(t, map[string]string{"main.k": "a = (1\n"})
	code, _, stderr = runKclx(t, "run", "main.k")
	if code != 1 || !strings.HasPrefix(stderr, "error[E1001]: InvalidSyntax\n") {
		t.Errorf("syntax error: exit %d, %q", code, stderr)
	}
	if strings.Contains(stderr, "goroutine") {
		t.Errorf("stack trace leaked: %s", stderr)
	}
}

func TestRunPrintBeforeOutput(t *testing.T) {
	writeRunFiles(t, map[string]string{"main.k": "print(\"hello\")\na = 1\n"})
	_, stdout, _ := runKclx(t, "run", "main.k")
	if stdout != "hello\na: 1\n" {
		t.Errorf("stdout %q", stdout)
	}
}

func TestRunOverrides(t *testing.T) {
	writeRunFiles(t, map[string]string{"main.k": "schema A:\n    x: int = 1\n    y: int = 2\na = A {x = 5}\nb = 3\nc = {d = 1}\n"})
	code, stdout, stderr := runKclx(t, "run", "main.k", "-O", ":a.y=10", "-O", "c.e=2", "-O", ":b-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if want := "a:\n  x: 5\n  'y': 10\nc:\n  d: 1\n  e: 2\n"; stdout != want {
		t.Errorf("stdout %q, want %q", stdout, want)
	}
}

// TestRunImportCycle checks that an import cycle is reported as upstream's
// CLI does: a CompileError at the imports, not the loader's RecursiveLoad.
func TestRunImportCycle(t *testing.T) {
	writeRunFiles(t, map[string]string{
		"kcl.mod": "[package]\nname = \"cyc\"\n",
		"main.k":  "import a\nx = a.v\n",
		"a/a.k":   "import b\nv = 1\n",
		"b/b.k":   "import a\nw = 2\n",
	})
	code, _, stderr := runKclx(t, "run", "main.k")
	if code != 1 || !strings.HasPrefix(stderr, "error[E2L23]: CompileError\n") ||
		!strings.Contains(stderr, "There is a circular reference between modules") || strings.Contains(stderr, "RecursiveLoad") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
}

// TestRunLimits checks the resource-limit flags of kclx run.
func TestRunLimits(t *testing.T) {
	writeRunFiles(t, map[string]string{"main.k": "a = sum([1 for i in range(1000) for j in range(1000)])\n"})
	code, _, stderr := runKclx(t, "run", "main.k", "--max-steps", "10000")
	if code != 1 || !strings.Contains(stderr, "step limit exceeded") {
		t.Errorf("--max-steps: exit %d, %q", code, stderr)
	}
	code, stdout, _ := runKclx(t, "run", "main.k")
	if code != 0 || stdout != "a: 1000000\n" {
		t.Errorf("default limits: exit %d, %q", code, stdout)
	}
	writeRunFiles(t, map[string]string{"main.k": "a = [0] * 1000\n"})
	code, _, stderr = runKclx(t, "run", "main.k", "--max-items", "100")
	if code != 1 || !strings.Contains(stderr, "value too large") {
		t.Errorf("--max-items: exit %d, %q", code, stderr)
	}
	// output that shares values is exponentially larger than the value
	var b strings.Builder
	b.WriteString("a0 = {x = 'x'}\n")
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&b, "a%d = {k = [a%d, a%d]}\n", i+1, i, i)
	}
	writeRunFiles(t, map[string]string{"main.k": b.String()})
	code, _, stderr = runKclx(t, "run", "main.k", "--max-memory", "64")
	if code != 1 || !strings.Contains(stderr, "the output is too large") {
		t.Errorf("exponential output: exit %d, %q", code, stderr)
	}
}

// TestWatchdog checks that the watchdog ends a run that holds too much
// memory or runs too long.
func TestWatchdog(t *testing.T) {
	exited := make(chan int, 1)
	old := watchdogExit
	watchdogExit = func(code int) { exited <- code }
	defer func() { watchdogExit = old }()

	var stderr syncBuffer
	stop := startWatchdog(&stderr, 0, 20*time.Millisecond)
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		t.Fatal("timeout not enforced")
	}
	stop()
	if !strings.Contains(stderr.String(), "timeout") {
		t.Errorf("timeout message: %q", stderr.String())
	}

	stderr = syncBuffer{}
	stop = startWatchdog(&stderr, 32<<20, 0)
	hold := make([][]byte, 0, 64)
	for i := 0; i < 64; i++ {
		hold = append(hold, make([]byte, 1<<20)) // 64 MiB, live
	}
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		t.Fatal("memory limit not enforced")
	}
	stop()
	runtime.KeepAlive(hold)
	if !strings.Contains(stderr.String(), "memory limit exceeded") {
		t.Errorf("memory message: %q", stderr.String())
	}
}

// syncBuffer is a bytes.Buffer safe for the watchdog goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestRunHelloExample checks the README's Quick start: the bundled
// example evaluates to the output shown there.
func TestRunHelloExample(t *testing.T) {
	example, err := filepath.Abs(filepath.Join("..", "..", "examples", "hello", "main.k"))
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runKclx(t, "run", example)
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if want := "alice:\n  name: Alice\n  age: 30\n"; stdout != want {
		t.Errorf("stdout %q, want %q", stdout, want)
	}
	indented := "    " + strings.ReplaceAll(strings.TrimSuffix(stdout, "\n"), "\n", "\n    ")
	if !strings.Contains(string(readme), "go run ./cmd/kclx run examples/hello/main.k") || !strings.Contains(string(readme), indented) {
		t.Errorf("README.md's Quick start does not show the command and its output:\n%s", indented)
	}
}
