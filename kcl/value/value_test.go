package value

import (
	"math"
	"strings"
	"testing"
)

func dict(kv ...any) *Dict {
	d := NewDict()
	for i := 0; i+1 < len(kv); i += 2 {
		d.Set(kv[i].(string), FromGo(kv[i+1]))
	}
	return d
}

func TestEncodeYAML(t *testing.T) {
	tests := []struct {
		name string
		v    Value
		want string
	}{
		{"empty dict", NewDict(), "{}\n"},
		{"empty list", NewList(), "[]\n"},
		{"scalar root", Str("hello"), "hello\n"},
		{"ints and floats", dict("a", 1, "b", 1.0, "c", 0.5, "d", 1e-9, "e", 1e20, "f", 1e16, "g", 1e15),
			"a: 1\nb: 1.0\nc: 0.5\nd: 1e-9\ne: 1e20\nf: 1e16\ng: 1000000000000000.0\n"},
		{"bool and null", dict("t", true, "f", false, "n", nil), "t: true\nf: false\n'n': null\n"},
		{"ambiguous strings quoted", dict("a", "1", "b", "true", "c", "null", "d", "on", "e", "", "f", "1.5e-3", "g", "~", "h", "-p", "i", "yes"),
			"a: '1'\nb: 'true'\nc: 'null'\nd: 'on'\ne: ''\nf: '1.5e-3'\ng: '~'\nh: '-p'\ni: 'yes'\n"},
		{"plain strings", dict("a", "hello world", "b", "a:b", "c", "x-y"), "a: hello world\nb: a:b\nc: x-y\n"},
		{"indicators quoted", dict("a", "key: value", "b", "# c", "c", "a #b", "d", "*x", "e", "it's"),
			"a: 'key: value'\nb: '# c'\nc: 'a #b'\nd: '*x'\ne: it's\n"},
		{"special chars double quoted", dict("a", "tab\there", "b", "cr\r"), "a: \"tab\\there\"\nb: \"cr\\r\"\n"},
		{"literal blocks", dict("a", "x\ny", "b", "x\n", "c", "\n"), "a: |-\n  x\n  y\nb: |\n  x\nc: |2+\n\n...\n"},
		{"sequences in mappings are not indented", dict("l", []any{1, "a", []any{2, 3}, map[string]any{"k": "v", "z": 1}}),
			"l:\n- 1\n- a\n- - 2\n  - 3\n- k: v\n  z: 1\n"},
		{"nested mappings", dict("a", map[string]any{"b": map[string]any{"c": 1}}, "e", map[string]any{}, "f", []any{}),
			"a:\n  b:\n    c: 1\ne: {}\nf: []\n"},
		{"unit values are floats", dict("u", NewUnit(1, "Ki")), "u: 1024.0\n"},
		{"undefined and functions dropped", dict("a", Undefined, "b", &Func{Name: "f"}, "c", 1), "c: 1\n"},
		{"long plain strings fold", dict("s", strings.Repeat("word ", 20)+"end"),
			"s: word word word word word word word word word word word word word word word word\n  word word word word end\n"},
		{"long keys are complex", dict(strings.Repeat("k", 130), 1), "? " + strings.Repeat("k", 130) + "\n: 1\n"},
	}
	for _, tt := range tests {
		got := EncodeYAML(tt.v, EncodeOptions{})
		if got != tt.want {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", tt.name, got, tt.want)
		}
	}
}

func TestEncodeYAMLOptions(t *testing.T) {
	d := dict("b", 1, "_a", 2, "n", nil, "a", map[string]any{"z": 1, "y": 2})
	if got, want := EncodeYAML(d, EncodeOptions{SortKeys: true, IgnorePrivate: true, IgnoreNone: true}), "a:\n  'y': 2\n  z: 1\nb: 1\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestEncodeJSON(t *testing.T) {
	d := dict("a", 1, "b", []any{1.5, "x\"y", true, nil}, "c", map[string]any{}, "d", "é\n", "u", Undefined)
	if got, want := EncodeJSON(d, EncodeOptions{}), `{"a": 1, "b": [1.5, "x\"y", true, null], "c": {}, "d": "é\n"}`; got != want {
		t.Errorf("compact: got %s, want %s", got, want)
	}
	want := "{\n    \"a\": 1,\n    \"b\": [\n        1.5,\n        \"x\\\"y\",\n        true,\n        null\n    ],\n    \"c\": {},\n    \"d\": \"é\\n\"\n}"
	if got := EncodeJSON(d, EncodeOptions{Indent: 4}); got != want {
		t.Errorf("indented: got\n%s\nwant\n%s", got, want)
	}
	if got := EncodeJSON(Float(math.NaN()), EncodeOptions{}); got != "null" {
		t.Errorf("NaN: %s", got)
	}
}

func TestFloatFormats(t *testing.T) {
	tests := []struct {
		f             float64
		repr, str, py string
	}{
		{1, "1.0", "1.0", "1.0"},
		{0.1, "0.1", "0.1", "0.1"},
		{-2.5, "-2.5", "-2.5", "-2.5"},
		{1e-7, "1e-7", "0.0000001", "1e-07"},
		{1.5e20, "1.5e20", "150000000000000000000.0", "1.5e+20"},
		{123456.789, "123456.789", "123456.789", "123456.789"},
		{0.00001, "0.00001", "0.00001", "1e-05"},
	}
	for _, tt := range tests {
		if got := FloatRepr(tt.f); got != tt.repr {
			t.Errorf("FloatRepr(%v) = %s, want %s", tt.f, got, tt.repr)
		}
		if got := FloatString(tt.f); got != tt.str {
			t.Errorf("FloatString(%v) = %s, want %s", tt.f, got, tt.str)
		}
		if got := PyFloatString(tt.f); got != tt.py {
			t.Errorf("PyFloatString(%v) = %s, want %s", tt.f, got, tt.py)
		}
	}
}

func TestToString(t *testing.T) {
	tests := []struct {
		v    Value
		want string
	}{
		{None, "None"}, {Undefined, "Undefined"}, {True, "True"}, {Int(-3), "-3"},
		{Float(2), "2.0"}, {NewUnit(1, "Ki"), "1Ki"}, {Str("s"), "s"},
		{NewList(Int(1), Str("a"), None), "[1, a, None]"},
		{dict("k", "v", "n", 1, "q", `a"b`), `{'k': 'v', 'n': 1, 'q': "a"b"}`},
		{&Func{}, "function"},
	}
	for _, tt := range tests {
		if got := ToString(tt.v); got != tt.want {
			t.Errorf("ToString(%#v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestDecodeKeepsOrderAndTypes(t *testing.T) {
	v, err := DecodeYAML("b: 1\na: [1, 2.5, 'x', true, ~, yes, 0x1f, 010, 1e3]\nc: {z: 1, y: null}\n")
	if err != nil {
		t.Fatal(err)
	}
	d := v.(*Dict)
	if got := strings.Join(d.Keys(), ","); got != "b,a,c" {
		t.Errorf("key order %s", got)
	}
	want := NewList(Int(1), Float(2.5), Str("x"), True, None, Str("yes"), Int(31), Str("010"), Float(1000))
	if a, _ := d.Get("a"); !Equal(a, want) {
		t.Errorf("a = %s, want %s", ToString(a), ToString(want))
	}
	docs, err := DecodeYAMLAll("a: 1\n---\nb: 2\n")
	if err != nil || len(docs) != 2 {
		t.Fatalf("DecodeYAMLAll: %v %v", docs, err)
	}
	j, err := DecodeJSON(`{"z": 1, "a": [1.0, 2, "s", null, {"k": false}]}`)
	if err != nil {
		t.Fatal(err)
	}
	if got := EncodeJSON(j, EncodeOptions{}); got != `{"z": 1, "a": [1.0, 2, "s", null, {"k": false}]}` {
		t.Errorf("JSON round trip: %s", got)
	}
	if _, err := DecodeJSON(`{"a": 1,}`); err == nil {
		t.Error("trailing comma accepted")
	}
}

func TestOps(t *testing.T) {
	if !Equal(Int(1), Float(1)) || Equal(Int(1), True) || !Equal(dict("a", 1, "b", 2), dict("b", 2, "a", 1)) {
		t.Error("Equal")
	}
	if c, err := Compare(NewList(Int(1), Int(2)), NewList(Int(1), Int(3)), "<"); err != nil || c >= 0 {
		t.Error("list compare")
	}
	if _, err := Compare(Str("a"), Int(1), "<"); err == nil {
		t.Error("str < int accepted")
	}
	if !Contains(Str("hello"), Str("ell")) || !Contains(dict("k", 1), Str("k")) || Contains(NewList(Int(1)), Int(2)) {
		t.Error("Contains")
	}
	for _, v := range []Value{None, Undefined, False, Int(0), Float(0), Str(""), NewList(), NewDict()} {
		if Truthy(v) {
			t.Errorf("%s is truthy", ToString(v))
		}
	}
	orig := dict("a", []any{1, map[string]any{"b": 2}})
	cp := DeepCopy(orig).(*Dict)
	l, _ := cp.Get("a")
	l.(*List).Items[1].(*Dict).Set("b", Int(3))
	if o, _ := orig.Get("a"); ToString(o) != "[1, {'b': 2}]" {
		t.Errorf("DeepCopy shares: %s", ToString(o))
	}
}

func TestDictOrderAndIndex(t *testing.T) {
	d := NewDict()
	for i := 0; i < 20; i++ {
		d.Set(string(rune('a'+i)), Int(i))
	}
	d.Set("c", Int(100))
	d.Delete("b")
	if got := strings.Join(d.Keys()[:3], ""); got != "acd" {
		t.Errorf("order after delete: %s", got)
	}
	if v, _ := d.Get("c"); v != Int(100) {
		t.Errorf("c = %v", v)
	}
	if v, _ := d.Get("t"); v != Int(19) {
		t.Errorf("t = %v", v)
	}
}

func TestPlan(t *testing.T) {
	d := dict("a", 1, "_h", 2, "n", nil, "l", []any{nil, 1}, "f", &Func{}, "s", map[string]any{"_x": 1, "y": 2})
	if got, want := PlanYAML(d, PlanOptions{}), "a: 1\n'n': null\nl:\n- null\n- 1\ns:\n  'y': 2\n"; got != want {
		t.Errorf("plan:\n%s\nwant:\n%s", got, want)
	}
	if got, want := PlanYAML(d, PlanOptions{DisableNone: true, ShowHidden: true, SortKeys: true}), "_h: 2\na: 1\nl:\n- 1\ns:\n  _x: 1\n  'y': 2\n"; got != want {
		t.Errorf("plan options:\n%s\nwant:\n%s", got, want)
	}
	stream := NewList(dict("a", 1), dict("b", 2))
	if got, want := PlanYAML(stream, PlanOptions{}), "a: 1\n---\nb: 2\n"; got != want {
		t.Errorf("stream: %q", got)
	}
	sel, err := SelectPaths(dict("a", map[string]any{"b": []any{1, 2}}), []string{":a.b.1"})
	if err != nil || sel != Int(2) {
		t.Errorf("SelectPaths = %v, %v", sel, err)
	}
	if _, err := SelectPaths(dict("a", 1), []string{"x"}); err == nil {
		t.Error("missing path accepted")
	}
}

// TestYAMLFloatRoundTrip checks that YAML output shows floats as upstream
// does after its JSON round trip (one ulp off for some values), while
// JSON output keeps the exact shortest representation.
func TestYAMLFloatRoundTrip(t *testing.T) {
	tests := []struct {
		f         float64
		yaml      string
		unchanged bool
	}{
		{math.Float64frombits(4814898031483381228), "78962960182679.69", true},
		{0.7199999999999989, "0.7199999999999989", true},
		{0.12000000000000455, "0.12000000000000456", false},
		{0.1, "0.1", true},
		{1e300, "1e300", true},
		{-2.5, "-2.5", true},
		{5e-324, "5e-324", true},
	}
	for _, tt := range tests {
		got := strings.TrimSpace(EncodeYAML(Float(tt.f), EncodeOptions{}))
		if got != tt.yaml {
			t.Errorf("EncodeYAML(%v) = %s, want %s", tt.f, got, tt.yaml)
		}
		if j := EncodeJSON(Float(tt.f), EncodeOptions{}); j != FloatRepr(tt.f) {
			t.Errorf("EncodeJSON(%v) = %s, want %s", tt.f, j, FloatRepr(tt.f))
		}
		if (jsonRoundTrip(tt.f) == tt.f) != tt.unchanged {
			t.Errorf("jsonRoundTrip(%v) = %v", tt.f, jsonRoundTrip(tt.f))
		}
	}
}

// TestPlanYAMLMatchesPlan checks that PlanYAML, which filters while
// writing, prints exactly what encoding the documents of Plan prints.
func TestPlanYAMLMatchesPlan(t *testing.T) {
	inner := &Schema{Name: "S", PkgPath: "pkg", Attrs: NewDict()}
	inner.Attrs.Set("b", Int(2))
	inner.Attrs.Set("_h", Int(3))
	inner.Attrs.Set("n", None)
	mk := func() *Dict {
		d := NewDict()
		d.Set("z", Str("last"))
		d.Set("_hidden", Int(1))
		d.Set("u", Undefined)
		d.Set("f", &Func{Name: "f"})
		d.Set("none", None)
		d.Set("s", inner)
		d.Set("l", NewList(Int(1), None, Undefined, inner, NewList(None, Str("x")), NewDict()))
		d.Set("a", Unit{Value: 1024, Raw: 1, Suffix: "Ki"})
		return d
	}
	values := []Value{
		mk(),
		NewList(mk(), mk()),
		NewList(mk(), Int(1)),
		NewList(),
		Int(3),
		inner,
	}
	for i, v := range values {
		for _, o := range []PlanOptions{{}, {SortKeys: true}, {ShowHidden: true}, {DisableNone: true}, {IncludeSchemaTypePath: true, SortKeys: true}, {Stream: true}} {
			var parts []string
			for _, d := range Plan(v, o) {
				parts = append(parts, strings.TrimSuffix(EncodeYAML(d, EncodeOptions{SortKeys: o.SortKeys}), "\n"))
			}
			want := strings.Join(parts, "\n---\n") + "\n"
			if got := PlanYAML(v, o); got != want {
				t.Errorf("value %d, %+v:\ngot:\n%s\nwant:\n%s", i, o, got, want)
			}
		}
		// EncodeYAML writes values directly; it must match encoding the
		// converted data tree
		for _, o := range []EncodeOptions{{}, {SortKeys: true}, {IgnorePrivate: true, IgnoreNone: true}} {
			if got, want := EncodeYAML(v, o), EncodeDataYAML(ToData(v, o)); got != want {
				t.Errorf("EncodeYAML value %d, %+v:\ngot:\n%s\nwant:\n%s", i, o, got, want)
			}
		}
	}
}

// TestAnalyzeScalarFastPath checks the fast path of analyzeScalar against
// the full analysis.
func TestAnalyzeScalarFastPath(t *testing.T) {
	n := 0
	for _, s := range []string{"a", "app-1", "registry.example.com/app", "x_y", "1.5", "a+b=c", "(x)", "$HOME", "~", "^a;b", "a.b.c", "..a", "v1", "-a", "...", "a b", "a:b"} {
		if !plainSafe(s) {
			continue
		}
		n++
		if got, want := analyzeScalar(s), analyzeScalarSlow(s); got != want {
			t.Errorf("%q: fast %+v, full %+v", s, got, want)
		}
	}
	if n != 13 {
		t.Errorf("%d strings took the fast path, want 13", n)
	}
}
