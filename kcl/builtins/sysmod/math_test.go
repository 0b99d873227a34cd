package sysmod

import (
	"math"
	"strconv"
	"testing"
)

func fstr(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func TestMathGrammarCases(t *testing.T) {
	// Expected values from builtins/math/*/stdout.golden.
	if MathCeil(FloatNum(-45.17)) != -45 || MathCeil(FloatNum(100.12)) != 101 || MathCeil(FloatNum(2.4)) != 3 {
		t.Error("ceil")
	}
	if MathFloor(FloatNum(-45.17)) != -46 || MathFloor(FloatNum(100.12)) != 100 || MathFloor(FloatNum(2.4)) != 2 {
		t.Error("floor")
	}
	if r, err := MathFactorial(IntNum(5)); err != nil || r != IntNum(120) {
		t.Errorf("factorial(5) = %v, %v", r, err)
	}
	if MathGcd(60, 48) != 12 {
		t.Error("gcd")
	}
	if MathIsnan(IntNum(1)) || MathIsnan(IntNum(0)) || !MathIsnan(FloatNum(math.NaN())) {
		t.Error("isnan")
	}
	checks := []struct {
		name string
		got  float64
		want string
	}{
		{"expm1(32)", MathExpm1(IntNum(32)), "7.896296018267969e+13"},
		{"log(2.7183)", MathLog(FloatNum(2.7183), math.E), "1.0000066849139877"},
		{"log(2.0)", MathLog(FloatNum(2.0), math.E), "0.6931471805599453"},
		{"log(1.0)", MathLog(FloatNum(1.0), math.E), "0"},
		{"log10(2.7183)", MathLog10(FloatNum(2.7183)), "0.43429738512450866"},
		{"log10(2)", MathLog10(IntNum(2)), "0.3010299956639812"},
		{"log10(1)", MathLog10(IntNum(1)), "0"},
		{"log2(2.7183)", MathLog2(FloatNum(2.7183)), "1.4427046851812222"},
		{"log2(2)", MathLog2(IntNum(2)), "1"},
		{"log2(1)", MathLog2(IntNum(1)), "0"},
		{"pow(9, 3)", MathPow(IntNum(9), IntNum(3)), "729"},
		{"pow(2, -1)", MathPow(IntNum(2), IntNum(-1)), "0.5"},
		{"pow(1.5, 2)", MathPow(FloatNum(1.5), IntNum(2)), "2.25"},
		{"pow(4, 0.5)", MathPow(IntNum(4), FloatNum(0.5)), "2"},
		{"sqrt(9)", MathSqrt(IntNum(9)), "3"},
		{"exp(0)", MathExp(IntNum(0)), "1"},
	}
	for _, c := range checks {
		if fstr(c.got) != c.want {
			t.Errorf("%s = %s, want %s", c.name, fstr(c.got), c.want)
		}
	}
	// log1p is compared with lower bounds in the grammar case.
	if !(1.3132665 < MathLog1p(FloatNum(2.7183)) && 1.0986122 < MathLog1p(IntNum(2)) && 0.6931471 < MathLog1p(IntNum(1))) {
		t.Error("log1p bounds")
	}
	m := MathModf(FloatNum(100.12))
	if fstr(m[0]) != "0.12000000000000455" || m[1] != 100 {
		t.Errorf("modf(100.12) = %v", m)
	}
	m = MathModf(FloatNum(100.72))
	if fstr(m[0]) != "0.7199999999999989" || m[1] != 100 {
		t.Errorf("modf(100.72) = %v", m)
	}
}

func TestMathEdges(t *testing.T) {
	if _, err := MathFactorial(IntNum(21)); err == nil || err.Error() != "factorial() result overflow" {
		t.Errorf("factorial(21) error = %v", err)
	}
	if _, err := MathFactorial(IntNum(-1)); err == nil || err.Error() != "factorial() only accepts integral values" {
		t.Errorf("factorial(-1) error = %v", err)
	}
	if _, err := MathFactorial(FloatNum(2.5)); err == nil {
		t.Error("factorial(2.5) gave no error")
	}
	if r, err := MathFactorial(FloatNum(4)); err != nil || r != FloatNum(24) {
		t.Errorf("factorial(4.0) = %v, %v", r, err)
	}
	if r, _ := MathFactorial(IntNum(20)); r.I != 2432902008176640000 {
		t.Errorf("factorial(20) = %v", r)
	}
	if MathGcd(-4, 6) != 2 || MathGcd(0, 0) != 0 || MathGcd(0, -5) != 5 {
		t.Error("gcd signs")
	}
	if MathCeil(FloatNum(math.NaN())) != 0 || MathFloor(FloatNum(math.Inf(1))) != math.MaxInt64 {
		t.Error("Rust saturating float->int conversion")
	}
	if !MathIsinf(FloatNum(math.Inf(-1))) || MathIsinf(IntNum(3)) || !MathIsfinite(IntNum(3)) || MathIsfinite(FloatNum(math.NaN())) {
		t.Error("isinf / isfinite")
	}
	m := MathModf(FloatNum(math.Inf(-1)))
	if !math.Signbit(m[0]) || m[0] != 0 || !math.IsInf(m[1], -1) {
		t.Errorf("modf(-inf) = %v", m)
	}
	m = MathModf(IntNum(7))
	if m != [2]float64{0, 7} {
		t.Errorf("modf(7) = %v", m)
	}
	if fstr(MathLog(IntNum(8), 2)) != "3" {
		t.Errorf("log(8, 2) = %v", MathLog(IntNum(8), 2))
	}
}
