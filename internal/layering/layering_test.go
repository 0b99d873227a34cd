package layering

import (
	"bufio"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// modulePath is the module these rules are written for; the test checks that
// go.mod agrees.
const modulePath = "github.com/kclx-dev/kclx"

// mod turns a module-relative package pattern into an import path pattern.
func mod(pattern string) string { return modulePath + "/" + pattern }

// kclOSAllowlist lists the files under kcl/ (module-relative, slash separated)
// that may import the OS packages denied by the "kcl is OS-free" rule. The
// intended single exception is the loader's OS-backed file-system
// implementation; everything else in kcl/ reaches files through an FS
// interface so it runs in the LSP, in tests and in-memory.
var kclOSAllowlist = map[string]bool{
	"kcl/loader/osfs.go": true,
}

// rule denies imports matching any deny pattern in the files of packages
// matching an in pattern but no notIn pattern.
//
// Package patterns are module-relative directories in `go list` style:
// "kcl/..." is kcl and everything below it, "kcl" is that package alone,
// "..." is the whole module. Deny patterns are import paths in the same
// style: "os" is exactly os, "go.lsp.dev/..." is that tree; use mod() for
// packages of this module.
type rule struct {
	why   string
	in    []string
	notIn []string
	deny  []string
	allow map[string]bool // exempt files, module-relative
}

var rules = []rule{
	{why: "the language core must not depend on tools built on it", in: []string{"kcl/..."}, deny: []string{mod("formatter/..."), mod("linter/..."), mod("lsp/..."), mod("openapi2kcl/..."), mod("x2kcl/..."), mod("deploy/..."), mod("cmd/...")}},
	{why: "the language core reaches the OS only through the loader's FS", in: []string{"kcl/..."}, deny: []string{"os", "os/exec", "io/ioutil", "net", "net/http", "syscall"}, allow: kclOSAllowlist},
	{why: "only the language server speaks LSP", in: []string{"..."}, notIn: []string{"lsp/...", "cmd/..."}, deny: []string{"go.lsp.dev/..."}},
	{why: "deploy works on values, not syntax", in: []string{"deploy/..."}, deny: []string{mod("kcl/ast/..."), mod("kcl/parser/...")}},
	{why: "converters build KCL through the AST and formatter, not text templates", in: []string{"openapi2kcl/...", "x2kcl/..."}, deny: []string{"text/template/..."}},
}

// match reports whether path matches a `go list` style pattern.
func match(pattern, path string) bool {
	if pattern == "..." {
		return true
	}
	if prefix, ok := strings.CutSuffix(pattern, "/..."); ok {
		return path == prefix || strings.HasPrefix(path, prefix+"/")
	}
	return path == pattern
}

func matchAny(patterns []string, path string) bool {
	for _, p := range patterns {
		if match(p, path) {
			return true
		}
	}
	return false
}

// violated reports whether file, in module-relative package directory pkg,
// breaks r by importing imp.
func (r rule) violated(pkg, file, imp string) bool {
	return matchAny(r.in, pkg) && !matchAny(r.notIn, pkg) && !r.allow[file] && matchAny(r.deny, imp)
}

// goFile is one scanned source file.
type goFile struct {
	rel     string // module-relative path, slash separated
	pkg     string // module-relative package directory ("." for the root)
	imports []string
}

func TestLayering(t *testing.T) {
	root := moduleRoot(t)
	files := scan(t, root)

	// The scan must have seen the module, not an empty or wrong directory.
	const minFiles = 4
	if len(files) < minFiles {
		t.Fatalf("scanned only %d files under %s, want at least %d", len(files), root, minFiles)
	}
	seen := map[string]bool{}
	for _, f := range files {
		seen[f.rel] = true
	}
	for _, must := range []string{"cmd/kclx/main.go", "cmd/kclx/root.go", "internal/version/version.go", "internal/layering/doc.go"} {
		if !seen[must] {
			t.Errorf("scan missed %s", must)
		}
	}
	for _, r := range rules {
		for file := range r.allow {
			if !seen[file] {
				t.Errorf("allowlist of rule %q names %s, which is not a scanned file; remove it", r.why, file)
			}
		}
	}

	for _, f := range files {
		for _, imp := range f.imports {
			for _, r := range rules {
				if r.violated(f.pkg, f.rel, imp) {
					t.Errorf("%s imports %q: %s", f.rel, imp, r.why)
				}
			}
		}
	}
	t.Logf("checked %d files against %d rules", len(files), len(rules))
}

// TestRules checks the matcher and the rule table on hand-made imports, so a
// broken matcher cannot make TestLayering pass vacuously.
func TestRules(t *testing.T) {
	tests := []struct {
		pkg, file, imp string
		want           bool
	}{
		{"kcl/parser", "kcl/parser/parser.go", mod("linter"), true},
		{"kcl/eval", "kcl/eval/eval.go", mod("cmd/kclx"), true},
		{"kcl", "kcl/doc.go", mod("formatter/printer"), true},
		{"kcl/parser", "kcl/parser/parser.go", mod("kcl/ast"), false},
		{"kcl/eval", "kcl/eval/eval.go", "os", true},
		{"kcl/eval", "kcl/eval/exec.go", "os/exec", true},
		{"kcl/builtins", "kcl/builtins/net.go", "net", true},
		{"kcl/builtins", "kcl/builtins/net.go", "net/netip", false},
		{"kcl/syntax", "kcl/syntax/scanner.go", "io/fs", false},
		{"formatter", "formatter/format.go", "os", false},
		{"linter", "linter/lint.go", "go.lsp.dev/protocol", true},
		{"kcl/sema", "kcl/sema/sema.go", "go.lsp.dev/uri", true},
		{".", "doc.go", "go.lsp.dev/protocol", true},
		{"lsp", "lsp/server.go", "go.lsp.dev/protocol", false},
		{"lsp/handlers", "lsp/handlers/h.go", "go.lsp.dev/jsonrpc2", false},
		{"cmd/kcl-language-server", "cmd/kcl-language-server/main.go", "go.lsp.dev/jsonrpc2", false},
		{"lspx", "lspx/x.go", "go.lsp.dev/protocol", true},
		{"deploy", "deploy/apply.go", mod("kcl/ast"), true},
		{"deploy/k8s", "deploy/k8s/apply.go", mod("kcl/parser"), true},
		{"deploy", "deploy/apply.go", mod("kcl/value"), false},
		{"openapi2kcl", "openapi2kcl/gen.go", "text/template", true},
		{"x2kcl/yaml", "x2kcl/yaml/gen.go", "text/template/parse", true},
		{"x2kcl", "x2kcl/gen.go", "html/template", false},
		{"formatter", "formatter/format.go", "text/template", false},
	}
	for _, tt := range tests {
		got := false
		for _, r := range rules {
			got = got || r.violated(tt.pkg, tt.file, tt.imp)
		}
		if got != tt.want {
			t.Errorf("%s importing %q: violation = %v, want %v", tt.file, tt.imp, got, tt.want)
		}
	}

	allow := rule{in: []string{"kcl/..."}, deny: []string{"os"}, allow: map[string]bool{"kcl/loader/osfs.go": true}}
	if allow.violated("kcl/loader", "kcl/loader/osfs.go", "os") {
		t.Error("allowlisted file reported")
	}
	if !allow.violated("kcl/loader", "kcl/loader/loader.go", "os") {
		t.Error("allowlist exempts a file it does not name")
	}
}

// moduleRoot walks up from the test's directory to go.mod and checks that it
// declares modulePath.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		gomod := filepath.Join(dir, "go.mod")
		if _, err := os.Stat(gomod); err == nil {
			if got := modulePathOf(t, gomod); got != modulePath {
				t.Fatalf("%s declares module %q, the rules are written for %q", gomod, got, modulePath)
			}
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod found above the test directory")
		}
		dir = parent
	}
}

func modulePathOf(t *testing.T, gomod string) string {
	t.Helper()
	f, err := os.Open(gomod)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module"); ok {
			rest = strings.TrimSpace(rest)
			if uq, err := strconv.Unquote(rest); err == nil {
				rest = uq
			}
			return rest
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Fatalf("%s has no module line", gomod)
	return ""
}

// scan parses the imports of every non-test .go file of the module at root.
func scan(t *testing.T, root string) []goFile {
	t.Helper()
	var files []goFile
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path == root {
				return nil
			}
			if name == "testdata" || name == "bin" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir // a nested module has its own rules
			}
			return nil
		}
		if !d.Type().IsRegular() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return fmt.Errorf("parsing imports: %w", err)
		}
		gf := goFile{rel: rel, pkg: filepath.ToSlash(filepath.Dir(rel))}
		for _, spec := range f.Imports {
			imp, err := strconv.Unquote(spec.Path.Value)
			if err != nil {
				return fmt.Errorf("%s: bad import path %s", rel, spec.Path.Value)
			}
			gf.imports = append(gf.imports, imp)
		}
		files = append(files, gf)
		return nil
	})
	if err != nil {
		t.Fatalf("scanning %s: %v", root, err)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].rel < files[j].rel })
	return files
}
