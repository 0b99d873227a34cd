package syntax

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kclx-dev/kclx/internal/testutil"
)

type tok struct {
	pos Pos
	tok Token
	lit string
}

func scanAll(src string, mode Mode) ([]tok, ErrorList) {
	fset := NewFileSet()
	f := fset.AddFile("t.k", []byte(src))
	var errs ErrorList
	var s Scanner
	s.Init(f, func(pos, end Pos, kind ErrorKind, msg string) { errs.Add(pos, end, kind, msg) }, mode)
	var out []tok
	for i := 0; i < 10*len(src)+10; i++ {
		p, t, l := s.Scan()
		out = append(out, tok{p, t, l})
		if t == EOF {
			break
		}
	}
	return out, errs
}

func kinds(toks []tok) string {
	var b []string
	for _, t := range toks {
		switch t.tok {
		case IDENT, INT, FLOAT, STRING, COMMENT:
			b = append(b, t.lit)
		default:
			b = append(b, t.tok.String())
		}
	}
	return strings.Join(b, " ")
}

func TestScanTokens(t *testing.T) {
	tests := []struct{ src, want string }{
		{"a = 1\n", "a = 1 newline EOF"},
		{"a = 1", "a = 1 newline EOF"},
		{"", "EOF"},
		{"\n\n# c\n", "EOF"},
		{"schema A:\n    x: int\n\n    y: str\nb = 1\n",
			"schema A : newline indent x : int newline y : str newline dedent b = 1 newline EOF"},
		{"if a:\n    if b:\n        c = 1\nd = 2\n",
			"if a : newline indent if b : newline indent c = 1 newline dedent dedent d = 2 newline EOF"},
		{"x = [\n    1\n\n    2\n]\n", "x = [ newline 1 newline 2 newline ] newline EOF"},
		{"f(a,\n  b)\n", "f ( a , b ) newline EOF"},
		{"a = 1 + \\\n    2\n", "a = 1 + 2 newline EOF"},
		{"x = 1Ki + 0x1F + 0o17 + 017 + 0b10 + 1_000 + 1.5 + 1e3 + 2.\n", "x = 1Ki + 0x1F + 0o17 + 017 + 0b10 + 1_000 + 1.5 + 1e3 + 2. newline EOF"},
		{"a.b?.c?[0]\n", "a . b ? . c ? [ 0 ] newline EOF"},
		{"$if = r'a\\'b' + \"\"\"x\ny\"\"\"\n", "$if = r'a\\'b' + \"\"\"x\ny\"\"\" newline EOF"},
		{"a **= 2; b //= 3\n", "a **= 2 b //= 3 newline EOF"},
		{"lambda x -> int {x}\n", "lambda x -> int { x } newline EOF"},
		{"[...str]: int\n", "[ ... str ] : int newline EOF"},
		{"type rule check mixin protocol schema\n", "type rule check mixin protocol schema newline EOF"},
		{"a not in b is not c\n", "a not in b is not c newline EOF"},
	}
	for _, tt := range tests {
		toks, _ := scanAll(tt.src, 0)
		if got := kinds(toks); got != tt.want {
			t.Errorf("scan %q:\n got  %s\n want %s", tt.src, got, tt.want)
		}
	}
	// soft keywords are identifiers, schema is a keyword
	toks, _ := scanAll("type schema", 0)
	if toks[0].tok != IDENT || toks[1].tok != SCHEMA {
		t.Errorf("soft keyword scanning: %v", toks[:2])
	}
}

func TestScanComments(t *testing.T) {
	toks, _ := scanAll("a = 1 # one\n# two\nb = 2\n", ScanComments)
	if got, want := kinds(toks), "a = 1 # one newline # two b = 2 newline EOF"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestScanErrors(t *testing.T) {
	tests := []struct {
		src  string
		kind ErrorKind
		msg  string
		line int
	}{
		{"schema P:\n    a: int\n\tb: int\n", TabError, "inconsistent use of tabs and spaces in indentation", 3},
		{"schema P:\n    a: int\n   b: int\n", IndentationError, "invalid indentation with 3 spaces", 3},
		{"ui = 1ui\n", InvalidSyntax, "invalid int binary suffix", 1},
		{"a = 1.5Ki\n", InvalidSyntax, "float literal can not be followed the unit suffix", 1},
		{"a = 'abc\n", InvalidSyntax, "unterminated string literal", 1},
		{"a = 1;\n", InvalidSyntax, "redundant semicolon", 1},
		{"a = !b\n", InvalidSyntax, "invalid token '!'", 1},
		{"a = (1]\n", InvalidSyntax, "mismatched closing bracket", 1},
	}
	for _, tt := range tests {
		fset := NewFileSet()
		f := fset.AddFile("t.k", []byte(tt.src))
		var errs ErrorList
		var s Scanner
		s.Init(f, func(pos, end Pos, kind ErrorKind, msg string) { errs.Add(pos, end, kind, msg) }, 0)
		for {
			if _, t, _ := s.Scan(); t == EOF {
				break
			}
		}
		if len(errs) == 0 {
			t.Errorf("%q: no error", tt.src)
			continue
		}
		e := errs[0]
		if e.Kind != tt.kind || !strings.Contains(e.Msg, tt.msg) || f.Line(e.Pos) != tt.line {
			t.Errorf("%q: got %s %q at line %d, want %s %q at line %d", tt.src, e.Kind, e.Msg, f.Line(e.Pos), tt.kind, tt.msg, tt.line)
		}
	}
}

func TestDecodeString(t *testing.T) {
	tests := []struct {
		body string
		raw  bool
		want string
	}{
		{`a\nb`, false, "a\nb"},
		{`a\nb`, true, `a\nb`},
		{`\x41\u00e9\101\t\\\'\"`, false, "Aé\x41\t\\'\""},
		{`\d\$`, false, `\d$`},
		{"a\\\nb", false, "ab"},
	}
	for _, tt := range tests {
		if got := DecodeString(tt.body, tt.raw); got != tt.want {
			t.Errorf("DecodeString(%q, %v) = %q, want %q", tt.body, tt.raw, got, tt.want)
		}
	}
	if got := DedentTriple("\n    a\n      b\n    "); got != "a\n  b\n" {
		t.Errorf("DedentTriple = %q", got)
	}
	if got := DedentTriple("a: 1\n---\n"); got != "a: 1\n---\n" {
		t.Errorf("DedentTriple keeps unindented text: %q", got)
	}
}

func TestPositions(t *testing.T) {
	fset := NewFileSet()
	a := fset.AddFile("a.k", []byte("x = 1\ny = 2\n"))
	b := fset.AddFile("b.k", []byte("é = 3\n"))
	p := a.Pos(8)
	if pos := fset.Position(p); pos.Line != 2 || pos.Column != 3 || pos.Filename != "a.k" {
		t.Errorf("Position = %v", pos)
	}
	if fset.File(b.Pos(0)) != b || fset.File(a.Pos(a.Size())) != a {
		t.Error("File lookup failed")
	}
	if got := b.RuneColumn(3); got != 3 {
		t.Errorf("RuneColumn = %d, want 3", got)
	}
	if a.LineText(2) != "y = 2" {
		t.Errorf("LineText = %q", a.LineText(2))
	}
}

// TestRoundTrip re-prints the token stream of every corpus file: tokens
// (comments included) must cover every byte that is not white space or a
// line continuation, in order, so positions and comments are complete.
func TestRoundTrip(t *testing.T) {
	root := filepath.Join(testutil.SharedDir(t), "corpus")
	n := 0
	for _, path := range testutil.KFiles(t, root) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := roundTrip(path, src); err != "" {
			t.Error(err)
		}
		n++
	}
	t.Logf("%d files re-printed", n)
}

func roundTrip(name string, src []byte) string {
	fset := NewFileSet()
	f := fset.AddFile(name, src)
	var s Scanner
	s.Init(f, nil, ScanComments)
	var out []byte
	prev := 0
	if len(src) >= 3 && string(src[:3]) == "\xEF\xBB\xBF" {
		out = append(out, src[:3]...)
		prev = 3
	}
	for i := 0; i < len(src)*4+16; i++ {
		pos, tk, lit := s.Scan()
		if tk == EOF {
			break
		}
		if tk == NEWLINE || tk == INDENT || tk == DEDENT {
			continue
		}
		off := f.Offset(pos)
		if off < prev {
			return fset.Position(pos).String() + ": token overlaps the previous one"
		}
		gap := src[prev:off]
		for j := 0; j < len(gap); j++ {
			c := gap[j]
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == ';' {
				continue
			}
			if c == '\\' && j+1 < len(gap) && (gap[j+1] == '\n' || gap[j+1] == '\r') {
				continue
			}
			if r, w := utf8.DecodeRune(gap[j:]); isExtraSpace(r) {
				j += w - 1
				continue
			}
			return fset.Position(f.Pos(prev+j)).String() + ": byte " + string(c) + " not covered by a token"
		}
		out = append(out, gap...)
		text := lit
		if text == "" {
			text = tk.String()
		}
		if string(src[off:off+len(text)]) != text {
			return fset.Position(pos).String() + ": token text " + text + " does not match the source"
		}
		out = append(out, text...)
		prev = off + len(text)
	}
	out = append(out, src[prev:]...)
	if string(out) != string(src) {
		return name + ": re-printed tokens differ from the source"
	}
	return ""
}
