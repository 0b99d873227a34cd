package formatter

import (
	"errors"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSourceBasics(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"empty", "", ""},
		{"blank", "\n\n  \n", ""},
		{"comment only", "# c", "# c\n"},
		{"trailing newlines", "a = 1\n\n\n", "a = 1\n"},
		{"no final newline", "a=1", "a = 1\n"},
		{"crlf", "a=1\r\nb =  2\r\n", "a = 1\r\nb = 2\r\n"},
		{"crlf multiline string", "s = '''\r\nx\r\n'''\r\n", "s = '''\r\nx\r\n'''\r\n"},
		{"module doc", "\"\"\"doc\"\"\"\na = 1\n", "\"\"\"doc\"\"\"\n\na = 1\n"},
		{"trailing comment moves up", "a = 1  # one\nb = 2\n", "# one\na = 1\nb = 2\n"},
		{"comment inside call args moves below", "x = f(\n    # c\n    1)\ny = 1\n", "x = f(1)\n# c\ny = 1\n"},
		{"final comments", "a = 1\n# end\n", "a = 1\n# end\n"},
		{"if without else", "if a:\n  b = 1\nc = 2\n", "if a:\n    b = 1\n\nc = 2\n"},
		{"index signature first", "schema A:\n    a: int\n    [str]: int\n", "schema A:\n    [str]: int\n    a: int\n"},
		{"float keeps point", "a = 1.0\nb = 1e3\nc = 0.5\n", "a = 1.0\nb = 1000.0\nc = 0.5\n"},
		{"numbers", "a = 0x11\nb = 0o17\nc = 0b11\nd = 1_000\ne = 2Ki\n", "a = 17\nb = 15\nc = 3\nd = 1000\ne = 2Ki\n"},
		{"quoted attr", "schema A:\n    \"x-y\": int\n", "schema A:\n    \"x-y\": int\n"},
		{"escaped name", "$if = 1\nx = {$schema: 1}\n", "$if = 1\nx = {$schema: 1}\n"},
		{"soft keyword name", "type = 1\nx = option(type=\"a\")\n", "type = 1\nx = option(type=\"a\")\n"},
		{"rule", "rule R ( A,B ) for P:\n  a>1\n  b\n", "rule R(A, B) for P:\n    a > 1\n    b\n"},
		{"decorators", "@deprecated\n@info(a=1)\nschema A:\n    @deprecated ( )\n    x: int\n", "@deprecated\n@info(a=1)\nschema A:\n    @deprecated()\n    x: int\n"},
		{"compare chain", "a = 1<b<=  3\n", "a = 1 < b <= 3\n"},
		{"is not / not in", "a = b  is  not  c\nd = e  not  in  f\n", "a = b is not c\nd = e not in f\n"},
		{"as", "a = b as  int\n", "a = b as int\n"},
		{"dict comp", "a = {k : v for k,v in x}\n", "a = {k: v for k, v in x}\n"},
		{"optional chains", "a = b?.c?[0]\n", "a = b?.c?[0]\n"},
		{"unification", "a:A{x=1}\n", "a: A {x = 1}\n"},
		{"string prefixes", "a = r'x\\n'\nb = \"\"\"\n  y\n\"\"\"\n", "a = r'x\\n'\nb = \"\"\"\n  y\n\"\"\"\n"},
		{"interpolation kept", "a = \"${x: #json} ${y}\"\n", "a = \"${x: #json} ${y}\"\n"},
		{"config single block entry breaks", "a = {b = {c = 1}}\n", "a = {\n    b = {c = 1}\n}\n"},
		{"nested break keeps idempotent", "a = [{b = {c = 1}}, 2]\n", "a = [\n    {\n        b = {c = 1}\n    }\n    2\n]\n"},
		{"quant one line", "a = all x in y {x > 0}\n", "a = all x in y {x > 0}\n"},
		{"type alias", "type  A=int|str\n", "type A = int | str\n"},
		{"literal type quotes", "a: 'x' | \"y\" = 'x'\n", "a: \"x\" | \"y\" = 'x'\n"},
		{"function type", "a: (int,str)->bool = f\n", "a: (int, str) -> bool = f\n"},
		{"relative import", "import .a.b as c\nx = 1\n", "import .a.b as c\n\nx = 1\n"},
	} {
		got, err := Source("t.k", []byte(tc.in), Options{})
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if string(got) != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
			continue
		}
		again, _ := Source("t.k", got, Options{})
		if string(again) != string(got) {
			t.Errorf("%s: not idempotent: %q", tc.name, again)
		}
	}
}

func TestSyntaxError(t *testing.T) {
	_, err := Source("dir/bad.k", []byte("a = 1\nb = \nc = é(\n"), Options{})
	var se SyntaxErrors
	if !errors.As(err, &se) || len(se) == 0 {
		t.Fatalf("got %v, want SyntaxErrors", err)
	}
	if msg := se[0].Error(); !strings.HasPrefix(msg, "dir/bad.k:2:5: ") {
		t.Errorf("first error %q, want dir/bad.k:2:5: ...", msg)
	}
	for _, l := range strings.Split(err.Error(), "\n") {
		if !strings.HasPrefix(l, "dir/bad.k:") {
			t.Errorf("error line %q is not file:line:col: message", l)
		}
	}
}

func TestIndentOption(t *testing.T) {
	src := []byte("schema A:\n    a: int\n    if a:\n        b = {\n            c: 1\n        }\n")
	for _, tc := range []struct{ indent, want string }{
		{"", "schema A:\n    a: int\n    if a:\n        b = {\n            c: 1\n        }\n\n"},
		{SpaceIndent(2), "schema A:\n  a: int\n  if a:\n    b = {\n      c: 1\n    }\n\n"},
		{TabIndent, "schema A:\n\ta: int\n\tif a:\n\t\tb = {\n\t\t\tc: 1\n\t\t}\n\n"},
	} {
		got, err := Source("t.k", src, Options{Indent: tc.indent})
		if err != nil {
			t.Fatal(err)
		}
		want := strings.TrimRight(tc.want, "\n") + "\n"
		if string(got) != want {
			t.Errorf("indent %q: got %q, want %q", tc.indent, got, want)
		}
	}
}

func TestEditorconfig(t *testing.T) {
	dir := t.TempDir()
	write := func(p, s string) {
		t.Helper()
		p = filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(".editorconfig", "root = true\n\n[*]\nindent_style = space\nindent_size = 3\n\n[*.{k,kcl}]\nindent_size = 2\n")
	write("tab/.editorconfig", "[*.k]\nindent_style = tab\n")
	write("sub/.editorconfig", "root = true\n[*.py]\nindent_size = 8\n")
	write("deep/x/.editorconfig", "# comment\n[**.k]\nindent_size = tab\ntab_width = 6\n")
	for _, tc := range []struct{ file, want string }{
		{"a.k", "  "},
		{"a.py", "   "},
		{"tab/a.k", "\t"},
		{"sub/a.k", ""},
		{"deep/x/y/a.k", SpaceIndent(6)},
	} {
		got := ForFile(filepath.Join(dir, tc.file), Options{}).Indent
		if got != tc.want {
			t.Errorf("%s: indent %q, want %q", tc.file, got, tc.want)
		}
	}
	// an explicit option wins
	if got := ForFile(filepath.Join(dir, "a.k"), Options{Indent: "\t"}).Indent; got != "\t" {
		t.Errorf("explicit indent overridden: %q", got)
	}
}

func TestEdits(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	lines := []string{"a = 1\n", "b = 2\n", "# c\n", "\n", "schema A:\n", "    x: int\n", "d"}
	gen := func() string {
		var b strings.Builder
		for n := r.Intn(12); n > 0; n-- {
			b.WriteString(lines[r.Intn(len(lines))])
		}
		return b.String()
	}
	for i := 0; i < 500; i++ {
		old, new := gen(), gen()
		es := Edits([]byte(old), []byte(new))
		if got := string(Apply([]byte(old), es)); got != new {
			t.Fatalf("Apply(Edits(%q, %q)) = %q", old, new, got)
		}
		for j, e := range es {
			if e.Start > e.End || j > 0 && es[j-1].End > e.Start {
				t.Fatalf("bad edits %v", es)
			}
		}
	}
	if es := Edits([]byte("a\n"), []byte("a\n")); es != nil {
		t.Errorf("edits for equal texts: %v", es)
	}
	// unchanged lines stay out of the edits
	old := "a = 1\nb=2\nc = 3\n"
	es := Edits([]byte(old), []byte("a = 1\nb = 2\nc = 3\n"))
	if len(es) != 1 || old[es[0].Start:es[0].End] != "b=2\n" || es[0].New != "b = 2\n" {
		t.Errorf("edits %+v, want one edit of line 2", es)
	}
}

func TestRange(t *testing.T) {
	src := []byte("\na=1\n\n\nb= 2\n\n\nc =3\n\n\n\nd  =  4")
	end := strings.Index(string(src), "d  =")
	es, err := Range("t.k", src, 0, end, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 1 || es[0].Start != 0 || es[0].End != end || es[0].New != "a = 1\n\nb = 2\n\nc = 3\n" {
		t.Errorf("range edits %+v", es)
	}
	if _, err := Range("t.k", src, 0, 3, Options{}); err == nil {
		t.Error("a range cutting a statement formatted without error")
	}
	if _, err := Range("t.k", src, 5, 1, Options{}); err == nil {
		t.Error("an inverted range was accepted")
	}
}

func TestUnifiedDiff(t *testing.T) {
	old := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n"
	new := "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nK\nl"
	want := "--- x.orig\n+++ x\n@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n d\n e\n@@ -8,5 +8,5 @@\n h\n i\n j\n-k\n-l\n+K\n+l\n\\ No newline at end of file\n"
	if got := UnifiedDiff("x.orig", "x", []byte(old), []byte(new)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if UnifiedDiff("a", "b", []byte("x"), []byte("x")) != "" {
		t.Error("diff of equal texts")
	}
}

// TestDeepNesting guards against trial prints that nest: each node is
// measured once, so deep trees format in linear-ish time (exponential
// time would make this test hang).
func TestDeepNesting(t *testing.T) {
	const d = 200
	for _, src := range []string{
		"a = " + strings.Repeat("[", d) + "{b = {c = 1}}" + strings.Repeat(", 1]", d) + "\n",
		"a = " + strings.Repeat("{x = 1, y = ", d) + "{b = {c = 1}}" + strings.Repeat("}", d) + "\n",
		"a = " + strings.Repeat("lambda x = ", d) + "1 {1}" + strings.Repeat(" {1}", d-1) + "\n",
	} {
		out, err := Source("deep.k", []byte(src), Options{})
		if err != nil {
			t.Fatal(err)
		}
		again, err := Source("deep.k", out, Options{})
		if err != nil || string(again) != string(out) {
			t.Errorf("deep nesting not idempotent: %v", err)
		}
	}
}
