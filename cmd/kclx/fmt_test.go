package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

const (
	unformatted = "a=1\nschema  A:\n  x:int\n"
	formatted   = "a = 1\nschema A:\n    x: int\n"
)

// fmtTree writes files (relative path -> content) under a new folder.
func fmtTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, s := range files {
		p = filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestFmtFileInPlace(t *testing.T) {
	dir := fmtTree(t, map[string]string{"a.k": unformatted, "ok.k": formatted})
	a := filepath.Join(dir, "a.k")
	if err := os.Chmod(a, 0o640); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runKclx(t, "fmt", a, filepath.Join(dir, "ok.k"))
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if stdout != a+"\n" {
		t.Errorf("stdout %q, want the changed path only", stdout)
	}
	if got := readFile(t, a); got != formatted {
		t.Errorf("file content %q", got)
	}
	if st, _ := os.Stat(a); runtime.GOOS != "windows" && st.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640", st.Mode().Perm())
	}
	// no temporary files left behind
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("folder holds %d entries, want 2", len(entries))
	}
	// a second run changes nothing and prints nothing
	if code, stdout, _ := runKclx(t, "fmt", a); code != 0 || stdout != "" {
		t.Errorf("second run: exit %d, stdout %q", code, stdout)
	}
}

func TestFmtDirectoryModes(t *testing.T) {
	files := map[string]string{"if.k": unformatted, "sub/test.k": unformatted, "ok.k": formatted, "notes.txt": "x=1"}
	dir := fmtTree(t, files)
	code, stdout, _ := runKclx(t, "fmt", dir)
	if code != 0 || strings.TrimSpace(stdout) != filepath.Join(dir, "if.k") {
		t.Fatalf("fmt DIR: exit %d, stdout %q", code, stdout)
	}
	if readFile(t, filepath.Join(dir, "sub", "test.k")) != unformatted {
		t.Error("fmt DIR descended into a sub-folder")
	}
	code, stdout, _ = runKclx(t, "fmt", filepath.Join(dir, "..."))
	if code != 0 || strings.TrimSpace(stdout) != filepath.Join(dir, "sub", "test.k") {
		t.Fatalf("fmt DIR/...: exit %d, stdout %q", code, stdout)
	}
	if readFile(t, filepath.Join(dir, "sub", "test.k")) != formatted || readFile(t, filepath.Join(dir, "notes.txt")) != "x=1" {
		t.Error("recursive formatting wrong")
	}
}

func TestFmtCheckDiffDryRun(t *testing.T) {
	dir := fmtTree(t, map[string]string{"a.k": unformatted, "ok.k": formatted})
	a := filepath.Join(dir, "a.k")
	for _, flag := range []string{"--check", "--dry-run", "-d"} {
		code, stdout, _ := runKclx(t, "fmt", flag, dir)
		if code != fmtExitChanges || stdout != a+"\n" {
			t.Errorf("%s: exit %d, stdout %q", flag, code, stdout)
		}
	}
	code, stdout, _ := runKclx(t, "fmt", "--diff", a)
	if code != 0 || !strings.HasPrefix(stdout, "--- "+a+".orig\n+++ "+a+"\n@@ ") || !strings.Contains(stdout, "\n-a=1\n") || !strings.Contains(stdout, "\n+a = 1\n") {
		t.Errorf("--diff: exit %d, stdout %q", code, stdout)
	}
	if code, _, _ := runKclx(t, "fmt", "--check", "--diff", a); code != fmtExitChanges {
		t.Errorf("--check --diff: exit %d", code)
	}
	if readFile(t, a) != unformatted {
		t.Error("a flag that writes nothing wrote the file")
	}
	if code, stdout, _ := runKclx(t, "fmt", "--check", filepath.Join(dir, "ok.k")); code != 0 || stdout != "" {
		t.Errorf("--check of a formatted file: exit %d, stdout %q", code, stdout)
	}
}

func TestFmtSyntaxError(t *testing.T) {
	bad := "a = \nb=1\n"
	dir := fmtTree(t, map[string]string{"bad.k": bad, "a.k": unformatted})
	p := filepath.Join(dir, "bad.k")
	code, stdout, stderr := runKclx(t, "fmt", dir)
	if code != fmtExitError {
		t.Errorf("exit %d, want %d", code, fmtExitError)
	}
	if !strings.HasPrefix(stderr, p+":1:5: ") {
		t.Errorf("stderr %q, want %s:1:5: message", stderr, p)
	}
	if readFile(t, p) != bad {
		t.Error("a file with a syntax error was modified")
	}
	// the other files are still formatted
	if readFile(t, filepath.Join(dir, "a.k")) != formatted || !strings.Contains(stdout, "a.k") {
		t.Error("a syntax error stopped the other files")
	}
}

func TestFmtCRLFAndEditorconfig(t *testing.T) {
	dir := fmtTree(t, map[string]string{
		".editorconfig": "root = true\n[*.k]\nindent_style = space\nindent_size = 2\n",
		"a.k":           strings.ReplaceAll(unformatted, "\n", "\r\n"),
	})
	a := filepath.Join(dir, "a.k")
	if code, _, stderr := runKclx(t, "fmt", a); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := "a = 1\r\nschema A:\r\n  x: int\r\n"
	if got := readFile(t, a); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestFmtStdin(t *testing.T) {
	var out, errb bytes.Buffer
	if err := runFmt(strings.NewReader(unformatted), &out, &errb, []string{"-"}, fmtFlags{}); err != nil {
		t.Fatal(err)
	}
	if out.String() != formatted {
		t.Errorf("stdout %q", out.String())
	}
	out.Reset()
	err := runFmt(strings.NewReader("a = \n"), &out, &errb, []string{"-"}, fmtFlags{})
	if ee, ok := errors.AsType[*ExitError](err); !ok || ee.Code != fmtExitError || out.Len() != 0 {
		t.Errorf("syntax error on stdin: err %v, stdout %q", err, out.String())
	}
	if !strings.HasPrefix(errb.String(), "<stdin>:1:5: ") {
		t.Errorf("stderr %q", errb.String())
	}
	out.Reset()
	err = runFmt(strings.NewReader(unformatted), &out, &errb, []string{"-"}, fmtFlags{check: true})
	if ee, ok := errors.AsType[*ExitError](err); !ok || ee.Code != fmtExitChanges || out.Len() != 0 {
		t.Errorf("--check on stdin: err %v, stdout %q", err, out.String())
	}
	if err := runFmt(strings.NewReader(formatted), &out, &errb, []string{"-"}, fmtFlags{check: true}); err != nil {
		t.Errorf("--check of formatted stdin: %v", err)
	}
}

func TestFmtMissingPath(t *testing.T) {
	code, _, stderr := runKclx(t, "fmt", filepath.Join(t.TempDir(), "nope.k"))
	if code != fmtExitError || !strings.Contains(stderr, "nope.k") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestFmtHelpDocumentsExitStatus(t *testing.T) {
	code, stdout, _ := runKclx(t, "fmt", "--help")
	if code != 0 || !strings.Contains(stdout, "Exit status:") || !strings.Contains(stdout, "DIR/...") {
		t.Errorf("help: exit %d\n%s", code, stdout)
	}
}
