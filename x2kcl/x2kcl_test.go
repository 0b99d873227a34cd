package x2kcl

import (
	"strings"
	"testing"

	"github.com/kclx-dev/kclx/formatter"
)

func TestStringExpr(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", `"plain"`},
		{"ünïcode", `"ünïcode"`},
		{`say "hi"`, `r"""say "hi" """`},
		{"a\nb", "r\"\"\"a\nb\"\"\""},
		{"${x}", `r"""${x}"""`},
		{`C:\dir`, `r"""C:\dir"""`},
		{`ends\`, `"ends\\"`},
		{`x"""y`, `"x\"\"\"y"`},
		{"tab\there", `"tab\there"`},
		{"bell\x07", `"bell\a"`},
	} {
		if got := StringExpr(tc.in).Raw; got != tc.want {
			t.Errorf("StringExpr(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestKeyExpr(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"name", "name"},
		{"if", "$if"},
		{"a-b", `"a-b"`},
		{`a\\b`, `"a\\b"`},
		{`a"b`, `"a\"b"`},
		{"a${b}", `"a\${b}"`},
		{"", `""`},
	} {
		out, err := formatter.Node(KeyExpr(tc.in))
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != tc.want {
			t.Errorf("KeyExpr(%q) = %s, want %s", tc.in, out, tc.want)
		}
	}
}

func TestToCamel(t *testing.T) {
	for in, want := range map[string]string{
		"alicloud_db_instance": "AlicloudDbInstance",
		"my-order":             "MyOrder",
		"monaco.manifest.x":    "MonacoManifestX",
		"items0":               "Items0",
		"complianceItem":       "ComplianceItem",
		"HTTPServer":           "Httpserver",
		"a1b":                  "A1B",
	} {
		if got := ToCamel(in); got != want {
			t.Errorf("ToCamel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseJSON(t *testing.T) {
	n, err := ParseJSON("x.json", []byte(`{"b": 1, "a": [true, null, -2.5e3, "\u00e9\ud83d\ude00"], "big": 123456789012345678901234567890}`))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(n.Keys(), ","); got != "b,a,big" {
		t.Errorf("key order: %s", got)
	}
	a := n.Get("a")
	if a.Items[2].Kind != Float || a.Items[2].Num != -2500 || a.Items[3].Text != "é😀" {
		t.Errorf("values: %+v", a.Items)
	}
	if n.Get("big").Kind != Int || n.Get("big").Text != "123456789012345678901234567890" {
		t.Errorf("big int: %+v", n.Get("big"))
	}
	for src, want := range map[string]string{
		"{\n\"a\": 1,\n\"a\": 2}":  `x.json:3: invalid JSON: duplicate key "a"`,
		"[1, 2":                    "x.json:1: invalid JSON: unexpected end of input in array",
		"{} x":                     "unexpected 'x' after the JSON value",
		`"a\q"`:                    `invalid escape '\q'`,
		strings.Repeat("[", 20000): "nesting deeper than",
	} {
		_, err := ParseJSON("x.json", []byte(src))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseJSON(%.20q): %v, want %q", src, err, want)
		}
	}
}

func TestParseYAMLMergeAndLimits(t *testing.T) {
	docs, err := ParseYAML("x.yaml", []byte("a: &a {x: 1, y: 2}\nb:\n  <<: *a\n  y: 3\n---\n---\nc: 0o17\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("%d documents", len(docs))
	}
	b := docs[0].Get("b")
	if got := strings.Join(b.Keys(), ","); got != "x,y" || b.Get("y").Text != "3" {
		t.Errorf("merge: keys %s, y=%s", got, b.Get("y").Text)
	}
	if docs[1].Get("c").Text != "15" {
		t.Errorf("octal: %s", docs[1].Get("c").Text)
	}
	if _, err := ParseYAML("x.yaml", []byte("a: 1\na: 2\n")); err == nil || !strings.Contains(err.Error(), "x.yaml") {
		t.Errorf("duplicate key: %v", err)
	}
}

func TestDataErrors(t *testing.T) {
	if _, err := DataFromSource("yaml", "x.yaml", []byte("a: .nan\n")); err == nil || !strings.Contains(err.Error(), "no KCL literal") {
		t.Errorf("NaN: %v", err)
	}
	if _, err := DataFromSource("toml", "x.toml", []byte("a = \n")); err == nil || !strings.Contains(err.Error(), "x.toml") {
		t.Errorf("toml: %v", err)
	}
}
