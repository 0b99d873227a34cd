package builtins

import (
	"bytes"
	"strings"
	"testing"

	"github.com/kclx-dev/kclx/kcl/value"
)

func call(t *testing.T, name string, args ...value.Value) value.Value {
	t.Helper()
	f, ok := Lookup(name)
	if !ok {
		t.Fatalf("no builtin %s", name)
	}
	v, err := f(&Context{}, args, value.NewDict())
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return v
}

func callErr(name string, args ...value.Value) error {
	f, _ := Lookup(name)
	_, err := f(&Context{}, args, value.NewDict())
	return err
}

func list(vs ...value.Value) *value.List { return value.NewList(vs...) }

func TestBuiltinFunctions(t *testing.T) {
	I, S, F := func(n int64) value.Value { return value.Int(n) }, func(s string) value.Value { return value.Str(s) }, func(f float64) value.Value { return value.Float(f) }
	tests := []struct {
		name string
		args []value.Value
		want string
	}{
		{"len", []value.Value{S("héllo")}, "5"},
		{"abs", []value.Value{I(-3)}, "3"},
		{"hex", []value.Value{I(-42)}, "-0x2a"},
		{"bin", []value.Value{I(5)}, "0b101"},
		{"oct", []value.Value{I(8)}, "0o10"},
		{"ord", []value.Value{S("a")}, "97"},
		{"sorted", []value.Value{list(I(3), I(1), I(2))}, "[1, 2, 3]"},
		{"range", []value.Value{I(1), I(10), I(3)}, "[1, 4, 7]"},
		{"range", []value.Value{I(5), I(0), I(-2)}, "[5, 3, 1]"},
		{"max", []value.Value{I(1), I(5), I(3)}, "5"},
		{"min", []value.Value{list(I(4), I(2))}, "2"},
		{"sum", []value.Value{list(I(1), I(2), I(3))}, "6"},
		{"sum", []value.Value{list(list(I(1)), list(I(2))), list()}, "[1, 2]"},
		{"pow", []value.Value{I(2), I(10)}, "1024"},
		{"pow", []value.Value{I(2), I(10), I(1000)}, "24"},
		{"round", []value.Value{F(2.5)}, "3"},
		{"round", []value.Value{F(1.5555), I(2)}, "1.56"},
		{"round", []value.Value{F(80.264), I(2)}, "80.26"},
		{"round", []value.Value{F(-100.000056), I(3)}, "-100.0"},
		{"zip", []value.Value{list(I(1), I(2)), list(S("a"))}, "[[1, a]]"},
		{"int", []value.Value{S("1024Mi")}, "1073741824"},
		{"int", []value.Value{S("ff"), I(16)}, "255"},
		{"int", []value.Value{F(3.9)}, "3"},
		{"float", []value.Value{S("1.5")}, "1.5"},
		{"bool", []value.Value{list()}, "False"},
		{"str", []value.Value{list(I(1), S("a"))}, "[1, a]"},
		{"list", []value.Value{S("ab")}, "[a, b]"},
		{"typeof", []value.Value{value.None}, "None"},
		{"typeof", []value.Value{F(1)}, "float"},
		{"isunique", []value.Value{list(I(1), I(1))}, "False"},
		{"isnullish", []value.Value{value.Undefined}, "True"},
		{"multiplyof", []value.Value{I(9), I(3)}, "True"},
		{"all_true", []value.Value{list()}, "True"},
		{"any_true", []value.Value{list(I(0), I(1))}, "True"},
	}
	for _, tt := range tests {
		if got := value.ToString(call(t, tt.name, tt.args...)); got != tt.want {
			t.Errorf("%s(%v) = %s, want %s", tt.name, tt.args, got, tt.want)
		}
	}
	for _, bad := range [][]any{{"range", I(1), I(2), I(0)}, {"ord", S("ab")}, {"int", S("x")}, {"max", list()}} {
		args := make([]value.Value, len(bad)-1)
		for i, a := range bad[1:] {
			args[i] = a.(value.Value)
		}
		if err := callErr(bad[0].(string), args...); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
}

func TestPrintAndOption(t *testing.T) {
	var out bytes.Buffer
	ctx := &Context{Stdout: &out, Option: func(k string) (value.Value, bool) {
		if k == "n" {
			return value.Str("12"), true
		}
		return nil, false
	}}
	f, _ := Lookup("print")
	kw := value.NewDict()
	kw.Set("end", value.Str("!\n"))
	if _, err := f(ctx, []value.Value{value.Str("a"), value.Int(1), value.None}, kw); err != nil {
		t.Fatal(err)
	}
	if out.String() != "a 1 None!\n" {
		t.Errorf("print wrote %q", out.String())
	}
	opt, _ := Lookup("option")
	kw = value.NewDict()
	kw.Set("type", value.Str("int"))
	if v, err := opt(ctx, []value.Value{value.Str("n")}, kw); err != nil || v != value.Int(12) {
		t.Errorf("option = %v, %v", v, err)
	}
	kw = value.NewDict()
	kw.Set("required", value.True)
	if _, err := opt(ctx, []value.Value{value.Str("missing")}, kw); err == nil || !strings.Contains(err.Error(), "must be initialized") {
		t.Errorf("required option: %v", err)
	}
}

func TestStringMethods(t *testing.T) {
	tests := []struct {
		s, method string
		args      []value.Value
		want      string
	}{
		{"hello world", "title", nil, "Hello World"},
		{"Hello", "capitalize", nil, "Hello"},
		{"a,b,,c", "split", []value.Value{value.Str(",")}, "[a, b, , c]"},
		{" a  b ", "split", nil, "[a, b]"},
		{"a,b,c", "rsplit", []value.Value{value.Str(","), value.Int(1)}, "[a,b, c]"},
		{"a\nb\r\nc", "splitlines", nil, "[a, b, c]"},
		{"xxhixx", "strip", []value.Value{value.Str("x")}, "hi"},
		{"banana", "count", []value.Value{value.Str("a")}, "3"},
		{"banana", "find", []value.Value{value.Str("na")}, "2"},
		{"banana", "rfind", []value.Value{value.Str("na")}, "4"},
		{"banana", "replace", []value.Value{value.Str("a"), value.Str("o"), value.Int(2)}, "bonona"},
		{"prefix_x", "removeprefix", []value.Value{value.Str("prefix_")}, "x"},
		{"abc", "startswith", []value.Value{value.Str("ab")}, "True"},
		{"ABC", "isupper", nil, "True"},
		{"123", "isdigit", nil, "True"},
		{"-", "join", []value.Value{list(value.Str("a"), value.Str("b"))}, "a-b"},
		{"{} {name} {0}", "format", nil, ""},
		{"{:>6.2f}|{:<4}|{:^5}|{:05d}|{:,}", "format", []value.Value{value.Float(3.14159), value.Str("ab"), value.Str("c"), value.Int(42), value.Int(1234567)}, "  3.14|ab  |  c  |00042|1,234,567"},
		{"{0}{1}{0}", "format", []value.Value{value.Str("a"), value.Str("b")}, "aba"},
		{"{{}}", "format", nil, "{}"},
	}
	for _, tt := range tests {
		m, ok := StrMethod(tt.method)
		if !ok {
			t.Fatalf("no method %s", tt.method)
		}
		v, err := m(&Context{}, value.Str(tt.s), tt.args, value.NewDict())
		if tt.want == "" {
			if err == nil {
				t.Errorf("%q.%s: expected an error", tt.s, tt.method)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q.%s: %v", tt.s, tt.method, err)
			continue
		}
		if got := value.ToString(v); got != tt.want {
			t.Errorf("%q.%s(%v) = %q, want %q", tt.s, tt.method, tt.args, got, tt.want)
		}
	}
	kw := value.NewDict()
	kw.Set("name", value.Str("kcl"))
	if s, err := FormatString("hi {name}!", nil, kw); err != nil || s != "hi kcl!" {
		t.Errorf("keyword format: %q %v", s, err)
	}
}

func TestDecorators(t *testing.T) {
	kw := value.NewDict()
	kw.Set("version", value.Str("1.16"))
	kw.Set("reason", value.Str("use x"))
	if _, err := RunDecorator("deprecated", nil, kw, "name", false, true); err == nil || err.Error() != "name was deprecated since version 1.16, use x" {
		t.Errorf("strict: %v", err)
	}
	if _, err := RunDecorator("deprecated", nil, kw, "name", false, false); err != nil {
		t.Errorf("unset attribute: %v", err)
	}
	kw.Set("strict", value.False)
	if w, err := RunDecorator("deprecated", nil, kw, "S", true, false); err != nil || w == "" {
		t.Errorf("non-strict: %q %v", w, err)
	}
	if _, err := RunDecorator("info", nil, value.NewDict(), "x", false, true); err != nil {
		t.Error(err)
	}
	if _, err := RunDecorator("nope", nil, value.NewDict(), "x", false, true); err == nil {
		t.Error("unknown decorator accepted")
	}
}

func TestRegistry(t *testing.T) {
	RegisterModule("zz_test", map[string]Member{
		"one": {Value: value.Int(1)},
		"id": {Func: func(_ *Context, args []value.Value, _ *value.Dict) (value.Value, error) {
			return args[0], nil
		}},
	})
	m, ok := LookupModule("zz_test")
	if !ok || m.Members["one"].Value != value.Int(1) {
		t.Fatal("module not registered")
	}
	if v, _ := m.Members["id"].Func(nil, []value.Value{value.Str("x")}, value.NewDict()); v != value.Str("x") {
		t.Errorf("id = %v", v)
	}
	if !IsSystemModule("json") || IsSystemModule("zz_test") {
		t.Error("IsSystemModule")
	}
}
