package parser

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kclx-dev/kclx/internal/testutil"
	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/syntax"
)

// brokenOnPurpose lists corpus files that are not valid KCL, with the
// reason. Everything else in the shared corpus must parse cleanly.
var brokenOnPurpose = map[string]string{
	"kcl-format/fail_format_data/syntax_err.k": "formatter failure fixture (`a = `)",
	// Language-server fixtures that hold half-typed code on purpose.
	"kcl-lsp/files/diagnostics/diagnostics.k": "diagnostics fixture with a syntax error",
	"kcl-lsp/files/sema_token/sema_token.k":   "semantic-token fixture with `[name: str] = \"\"`",
	// Converter outputs that upstream itself gets wrong (kept as data).
	"import/openapi/subtype_0/expected/dog.k":                            "multiple inheritance emitted by upstream kcl-openapi",
	"import/openapi/subtype_1/expected/dog.k":                            "multiple inheritance emitted by upstream kcl-openapi",
	"import/openapi-fixme/relaxed_schema_0/expected/extensible_object.k": "upstream's known-wrong output",
	"import/openapi-fixme/relaxed_schema_1/expected/extensible_object.k": "upstream's known-wrong output",
	"import/openapi-fixme/relaxed_schema_2/expected/extensible_object.k": "upstream's known-wrong output",
}

// brokenDirs are corpus folders whose files are half-typed on purpose.
var brokenDirs = []string{
	"kcl-lsp/files/completion_test/", // completion requests on incomplete code
}

// knownGaps lists valid corpus files the parser does not accept yet.
var knownGaps = map[string]string{}

func isErrorCase(path string) bool {
	_, err := os.Stat(filepath.Join(filepath.Dir(path), "stderr.golden"))
	return err == nil && filepath.Base(path) == "main.k"
}

// TestCorpusParses parses every .k file of the shared corpus: all valid
// files must parse with zero diagnostics, and every file must satisfy the
// tree invariants.
func TestCorpusParses(t *testing.T) {
	root := filepath.Join(testutil.SharedDir(t), "corpus")
	files := testutil.KFiles(t, root)
	if len(files) < 1000 {
		t.Fatalf("only %d corpus files found", len(files))
	}
	clean := 0
	for _, path := range files {
		rel := filepath.ToSlash(strings.TrimPrefix(path, root+string(filepath.Separator)))
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, fset, errs := ParseSource(rel, src)
		checkTree(t, fset, f, src)
		expectBroken := brokenOnPurpose[rel] != "" || knownGaps[rel] != "" || isErrorCase(path) || hasPrefixAny(rel, brokenDirs)
		if expectBroken {
			continue
		}
		if len(errs) > 0 {
			t.Errorf("%s: %s", fset.Position(errs[0].Pos), errs[0].Msg)
			continue
		}
		clean++
	}
	t.Logf("%d files, %d parsed cleanly", len(files), clean)
	for rel := range brokenOnPurpose {
		if _, err := os.Stat(filepath.Join(root, rel)); err != nil {
			t.Errorf("brokenOnPurpose entry %s does not exist", rel)
		}
	}
}

func hasPrefixAny(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// checkTree verifies the structural invariants: every node has Pos <= End,
// lies inside the file and inside its parent.
func checkTree(t *testing.T, fset *syntax.FileSet, f *ast.File, src []byte) {
	t.Helper()
	var stack []ast.Node
	bad := 0
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		pos, end := n.Pos(), n.End()
		if pos > end || pos < f.FileStart || end > f.FileEnd {
			if bad++; bad <= 3 {
				t.Errorf("%s: %T has range [%d,%d) outside the file [%d,%d)", fset.Position(pos), n, pos, end, f.FileStart, f.FileEnd)
			}
		}
		if len(stack) > 0 {
			parent := stack[len(stack)-1]
			if pos < parent.Pos() || end > parent.End() {
				if bad++; bad <= 3 {
					t.Errorf("%s: %T [%d,%d) is not inside its parent %T [%d,%d)", fset.Position(pos), n, pos, end, parent, parent.Pos(), parent.End())
				}
			}
		}
		stack = append(stack, n)
		return true
	})
	for _, c := range f.Comments {
		if !strings.HasPrefix(c.Text, "#") || !bytes.HasPrefix(src[int(c.Pos()-f.FileStart):], []byte(c.Text)) {
			t.Errorf("%s: comment %q does not match the source", fset.Position(c.Pos()), c.Text)
		}
	}
}

var (
	goldenKind = regexp.MustCompile(`^error\[(E\w+)\]: (\w+)`)
	goldenLoc  = regexp.MustCompile(`^\s*--> \$\{CWD\}/(\S+?):(\d+)(?::(\d+))?`)
)

// TestGrammarSyntaxErrors checks, for every grammar case whose golden
// reports InvalidSyntax first, that the parser reports an error on the
// golden's line.
func TestGrammarSyntaxErrors(t *testing.T) {
	root := testutil.CorpusDir(t, "kcl-grammar")
	var cases, hits int
	for _, path := range testutil.KFiles(t, root) {
		if !isErrorCase(path) {
			continue
		}
		golden, err := os.ReadFile(filepath.Join(filepath.Dir(path), "stderr.golden"))
		if err != nil {
			t.Fatal(err)
		}
		kind, file, line := firstGoldenError(golden)
		if kind != "InvalidSyntax" || file != "main.k" {
			continue
		}
		cases++
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		_, fset, errs := ParseSource(path, src)
		found := false
		for _, e := range errs {
			if fset.Position(e.Pos).Line == line {
				found = true
				break
			}
		}
		if found {
			hits++
			continue
		}
		msg := "no error"
		if len(errs) > 0 {
			msg = fmt.Sprintf("first error at %s: %s", fset.Position(errs[0].Pos), errs[0].Msg)
		}
		if gap, ok := syntaxGaps[rel(root, path)]; ok {
			t.Logf("known gap %s (%s): %s", rel(root, path), gap, msg)
			continue
		}
		t.Errorf("%s: golden expects InvalidSyntax at line %d; %s", rel(root, path), line, msg)
	}
	t.Logf("%d/%d InvalidSyntax cases reported at the golden's line", hits, cases)
	if cases < 15 {
		t.Fatalf("only %d InvalidSyntax cases found", cases)
	}
}

// syntaxGaps are InvalidSyntax goldens that upstream reports from a later
// phase (the resolver), not from the parser.
var syntaxGaps = map[string]string{}

func rel(root, path string) string {
	r, _ := filepath.Rel(root, path)
	return filepath.ToSlash(r)
}

func firstGoldenError(golden []byte) (kind, file string, line int) {
	sc := bufio.NewScanner(bytes.NewReader(golden))
	for sc.Scan() {
		l := sc.Text()
		if kind == "" {
			if m := goldenKind.FindStringSubmatch(l); m != nil {
				kind = m[2]
			}
			continue
		}
		if m := goldenLoc.FindStringSubmatch(l); m != nil {
			line, _ = strconv.Atoi(m[2])
			return kind, m[1], line
		}
	}
	return kind, "", 0
}
