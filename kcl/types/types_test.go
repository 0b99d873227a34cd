package types

import (
	"testing"
)

func TestString(t *testing.T) {
	s := &Schema{Name: "Person", PkgPath: "__main__"}
	for _, c := range []struct {
		t    *Type
		want string
	}{
		{IntLitOf(1), "int(1)"},
		{StrLitOf("Doe"), "str(Doe)"},
		{BoolLitOf(true), "bool(True)"},
		{FloatLitOf(0), "float(0)"},
		{FloatLitOf(1.5), "float(1.5)"},
		{FloatLitOf(1e20), "float(100000000000000000000)"},
		{None, "NoneType"},
		{ListOf(UnionOf(IntLitOf(1), StrLitOf("2"))), "[int(1) | str(2)]"},
		{DictOf(Str, Any), "{str:any}"},
		{ListOf(DictOf(Int, Any)), "[{int:any}]"},
		{SchemaOf(s, true), "Person"},
		{ModuleOf("pkg", ModUser), "module 'pkg'"},
		{NumberMultiplierLit(123000, 123, "K"), "number_multiplier(123K)"},
		{FuncOf([]Param{{Name: "a", Type: Int}}, Str, false), "(int) -> str"},
	} {
		if got := c.t.String(); got != c.want {
			t.Errorf("String() = %q, want %q", got, c.want)
		}
	}
}

func TestSubsume(t *testing.T) {
	base := &Schema{Name: "Base", PkgPath: "__main__"}
	child := &Schema{Name: "Child", PkgPath: "__main__", Base: base}
	other := &Schema{Name: "Other", PkgPath: "pkg"}
	for i, c := range []struct {
		lhs, rhs *Type
		want     bool
	}{
		{Int, Float, true},
		{IntLitOf(1), Int, true},
		{IntLitOf(1), Float, true},
		{BoolLitOf(true), Float, true},
		{StrLitOf("a"), Str, true},
		{StrLitOf("a"), Float, false},
		{Float, Int, false},
		{Str, Int, false},
		{None, Int, true},
		{Any, Int, false},
		{Int, Any, true},
		{IntLitOf(1), IntLitOf(1), true},
		{IntLitOf(1), IntLitOf(2), false},
		{UnionOf(Int, Str), UnionOf(Str, Int, Bool), true},
		{UnionOf(Int, Str), Int, false},
		{Int, UnionOf(Str, Int), true},
		{ListOf(IntLitOf(1)), ListOf(Int), true},
		{ListOf(Str), ListOf(Int), false},
		{DictOf(Str, IntLitOf(1)), DictOf(Str, Int), true},
		{SchemaOf(child, true), SchemaOf(base, true), true},
		{SchemaOf(base, true), SchemaOf(child, true), false},
		{SchemaOf(other, true), SchemaOf(base, true), false},
		{NumberMultiplierLit(1024, 1, "Ki"), NumberMultiplierType, true},
		{NumberMultiplierType, NumberMultiplierLit(1024, 1, "Ki"), false},
		{FuncOf([]Param{{Type: Any}}, Int, false), FuncOf([]Param{{Type: Int}}, Float, false), true},
		{FuncOf([]Param{{Type: Int}}, Int, false), FuncOf(nil, Int, false), false},
	} {
		if got := Subsume(c.lhs, c.rhs, false); got != c.want {
			t.Errorf("%d: Subsume(%s, %s) = %v, want %v", i, c.lhs, c.rhs, got, c.want)
		}
	}
	if !AssignableTo(Any, Int) {
		t.Error("any must be assignable to int")
	}
	if AssignableTo(ModuleOf("m", ModUser), Any) {
		t.Error("a module type is not assignable")
	}
}

func TestSup(t *testing.T) {
	one, two := IntLitOf(1), IntLitOf(2)
	if got := Sup(one, two, IntLitOf(3)).String(); got != "int(1) | int(2) | int(3)" {
		t.Errorf("Sup of literals = %s", got)
	}
	if got := Sup(IntLitOf(1), Int); got != Int {
		t.Errorf("Sup(int(1), int) = %s, want int", got)
	}
	if got := Sup(); got != Any {
		t.Errorf("Sup() = %s", got)
	}
	if got := Sup(Void, Str); got != Str {
		t.Errorf("Sup(void, str) = %s", got)
	}
	if got := Sup(UnionOf(Int, Str), IntLitOf(3)).String(); got != "int | str" {
		t.Errorf("Sup(int|str, int(3)) = %s, want int | str", got)
	}
	if got := InferToVariable(ListOf(UnionOf(IntLitOf(1), StrLitOf("a")))).String(); got != "[int | str]" {
		t.Errorf("InferToVariable = %s", got)
	}
	if got := InferToVariable(None); got != Any {
		t.Errorf("InferToVariable(None) = %s", got)
	}
}

func TestParseTypeString(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"int", "int"},
		{"[str]", "[str]"},
		{"{str:[int]}", "{str:[int]}"},
		{"{:}", "{any:any}"},
		{"str | int | None", "str | int | NoneType"},
		{`"TCP" | "UDP"`, "str(TCP) | str(UDP)"},
		{"(int, str) -> bool", "(int, str) -> bool"},
		{"pkg.Person", "pkg.Person"},
		{"True | 1 | 1.5", "bool(True) | int(1) | float(1.5)"},
	} {
		got, err := ParseTypeString(c.in)
		if err != nil {
			t.Errorf("ParseTypeString(%q): %v", c.in, err)
			continue
		}
		if got.String() != c.want {
			t.Errorf("ParseTypeString(%q) = %s, want %s", c.in, got, c.want)
		}
	}
	for _, bad := range []string{"[int", "{str:int", "int |", "$", `"abc`} {
		if _, err := ParseTypeString(bad); err == nil {
			t.Errorf("ParseTypeString(%q): no error", bad)
		}
	}
}

func TestTables(t *testing.T) {
	if n := len(Builtins().Names); n != 29 {
		t.Errorf("%d builtin functions, want 29", n)
	}
	if n := len(StringMethods().Names); n != 30 {
		t.Errorf("%d string methods, want 30", n)
	}
	if len(SystemModuleSigs) != 15 {
		t.Errorf("%d system modules, want 15", len(SystemModuleSigs))
	}
	opt := Builtins().M["option"].Func
	if len(opt.Params) != 5 || opt.Params[0].HasDefault || !opt.Params[1].HasDefault {
		t.Errorf("option params = %+v", opt.Params)
	}
	if !Builtins().M["print"].Func.Variadic {
		t.Error("print must be variadic")
	}
	if ty, ok := SystemModuleMember("math", "pow"); !ok || ty.Func.Ret != Float {
		t.Errorf("math.pow = %v, %v", ty, ok)
	}
	if _, ok := SystemModuleMember("math", "err_func"); ok {
		t.Error("math.err_func found")
	}
	if ty, ok := SystemModuleMember("units", "Ki"); !ok || ty != Int {
		t.Errorf("units.Ki = %v", ty)
	}
	if got := StringMethods().M["split"].String(); got != "(str, int) -> [str]" {
		t.Errorf("split = %s", got)
	}
}
