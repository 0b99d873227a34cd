package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, src := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLintCommand(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"ok/main.k":   "import math\na = math.sqrt(4)\n",
		"bad/main.k":  "import math\nb: int = \"s\"\n",
		"warn/main.k": "import math\nc = 1\n",
	})
	var out, errb bytes.Buffer
	if code := run([]string{"lint", filepath.Join(dir, "ok")}, &out, &errb); code != 0 {
		t.Errorf("clean program: exit %d\n%s%s", code, out.String(), errb.String())
	}
	out.Reset()
	if code := run([]string{"lint", filepath.Join(dir, "bad", "main.k")}, &out, &errb); code != 1 || !strings.Contains(out.String(), "expected int, got str(s)") {
		t.Errorf("type error: exit %d\n%s", code, out.String())
	}
	out.Reset()
	if code := run([]string{"lint", filepath.Join(dir, "warn")}, &out, &errb); code != 0 || !strings.Contains(out.String(), "unused-import") {
		t.Errorf("warning: exit %d\n%s", code, out.String())
	}
	out.Reset()
	if code := run([]string{"lint", "--strict", filepath.Join(dir, "warn")}, &out, &errb); code != 1 {
		t.Errorf("--strict with a warning: exit %d", code)
	}
	out.Reset()
	if code := run([]string{"lint", "--format", "json", filepath.Join(dir, "warn")}, &out, &errb); code != 0 {
		t.Errorf("json: exit %d", code)
	}
	var js []map[string]any
	if err := json.Unmarshal(out.Bytes(), &js); err != nil || len(js) != 1 || js[0]["rule"] != "unused-import" {
		t.Errorf("json output %v: %s", err, out.String())
	}
	out.Reset()
	if code := run([]string{"lint", "--fix", filepath.Join(dir, "warn")}, &out, &errb); code != 0 {
		t.Errorf("--fix: exit %d", code)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "warn", "main.k")); string(b) != "c = 1\n" {
		t.Errorf("after --fix: %q", b)
	}
	out.Reset()
	if code := run([]string{"lint", "--list-rules"}, &out, &errb); code != 0 || !strings.Contains(out.String(), "unused-import") {
		t.Errorf("--list-rules: %d %s", code, out.String())
	}
	if code := run([]string{"lint", "--format", "xml", dir}, &out, &errb); code == 0 {
		t.Error("bad --format accepted")
	}
}
