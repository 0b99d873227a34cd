package sysmod

import (
	"errors"
	"fmt"
	"math"
)

// This file implements the `math` system module on plain numbers.

// Num is a KCL number argument: an int or a float.
type Num struct {
	IsInt bool
	I     int64
	F     float64
}

// IntNum and FloatNum build Num values.
func IntNum(i int64) Num     { return Num{IsInt: true, I: i} }
func FloatNum(f float64) Num { return Num{F: f} }

// Float returns the number as a float64.
func (n Num) Float() float64 {
	if n.IsInt {
		return float64(n.I)
	}
	return n.F
}

// String renders the number for messages.
func (n Num) String() string {
	if n.IsInt {
		return fmt.Sprint(n.I)
	}
	return fmt.Sprint(n.F)
}

// rustF64ToI64 converts like Rust's `f64 as i64`: truncation toward zero,
// saturating at the bounds, NaN becomes 0.
func rustF64ToI64(f float64) int64 {
	switch {
	case math.IsNaN(f):
		return 0
	case f >= 9223372036854775807.0:
		return math.MaxInt64
	case f <= -9223372036854775808.0:
		return math.MinInt64
	}
	return int64(f)
}

// MathCeil implements math.ceil(x) -> int.
func MathCeil(x Num) int64 {
	if x.IsInt {
		return x.I
	}
	return rustF64ToI64(math.Ceil(x.F))
}

// MathFloor implements math.floor(x) -> int.
func MathFloor(x Num) int64 {
	if x.IsInt {
		return x.I
	}
	return rustF64ToI64(math.Floor(x.F))
}

var errFactorialOverflow = errors.New("factorial() result overflow")

func factorial(n int64) (int64, error) {
	if n >= 21 {
		return 0, errFactorialOverflow
	}
	r := int64(1)
	for i := int64(2); i <= n; i++ {
		r *= i
	}
	return r, nil
}

// MathFactorial implements math.factorial(x): an int for int input, a float
// for an integral float input.
func MathFactorial(x Num) (Num, error) {
	if x.IsInt && x.I >= 0 {
		r, err := factorial(x.I)
		return IntNum(r), err
	}
	if !x.IsInt && x.F >= 0 && float64(rustF64ToI64(x.F)) == x.F {
		r, err := factorial(rustF64ToI64(x.F))
		return FloatNum(float64(r)), err
	}
	return Num{}, errors.New("factorial() only accepts integral values")
}

// MathGcd implements math.gcd(a, b) for ints; the result is non-negative.
func MathGcd(a, b int64) int64 {
	// Work on magnitudes in uint64 so that MinInt64 does not overflow.
	ua, ub := absU64(a), absU64(b)
	for ub != 0 {
		ua, ub = ub, ua%ub
	}
	return int64(ua)
}

func absU64(v int64) uint64 {
	if v < 0 {
		return uint64(-(v + 1)) + 1
	}
	return uint64(v)
}

// MathIsfinite implements math.isfinite(x).
func MathIsfinite(x Num) bool { return x.IsInt || !math.IsInf(x.F, 0) && !math.IsNaN(x.F) }

// MathIsinf implements math.isinf(x).
func MathIsinf(x Num) bool { return !x.IsInt && math.IsInf(x.F, 0) }

// MathIsnan implements math.isnan(x).
func MathIsnan(x Num) bool { return !x.IsInt && math.IsNaN(x.F) }

// MathModf implements math.modf(x) -> [fractional part, integer part].
func MathModf(x Num) [2]float64 {
	if x.IsInt {
		return [2]float64{0, float64(x.I)}
	}
	f := x.F
	switch {
	case math.IsInf(f, 0):
		return [2]float64{math.Copysign(0, f), f}
	case math.IsNaN(f):
		return [2]float64{f, f}
	}
	t := math.Trunc(f)
	return [2]float64{f - t, t}
}

// MathExp implements math.exp(x).
func MathExp(x Num) float64 { return math.Exp(x.Float()) }

// MathExpm1 implements math.expm1(x).
func MathExpm1(x Num) float64 { return math.Expm1(x.Float()) }

// MathLog implements math.log(x, e=math.e): the logarithm of x to the given
// base, computed as ln(x)/ln(base) like Rust's f64::log.
func MathLog(x Num, base float64) float64 {
	return math.Log(x.Float()) / math.Log(base)
}

// MathLog1p implements math.log1p(x). Upstream computes ln_1p(x + 1), that
// is ln(x + 2); the quirk is kept.
func MathLog1p(x Num) float64 {
	if x.IsInt {
		return math.Log1p(float64(x.I + 1))
	}
	return math.Log1p(x.F + 1)
}

// MathLog2 implements math.log2(x).
func MathLog2(x Num) float64 { return math.Log2(x.Float()) }

// MathLog10 implements math.log10(x).
func MathLog10(x Num) float64 { return math.Log10(x.Float()) }

// MathPow implements math.pow(x, y) -> float.
func MathPow(x, y Num) float64 {
	if !x.IsInt && y.IsInt {
		// Rust powi with an i32 exponent.
		return powi(x.F, int64(int32(y.I)))
	}
	return math.Pow(x.Float(), y.Float())
}

// powi raises x to an integer power by repeated squaring, as LLVM's powi.
func powi(x float64, n int64) float64 {
	neg := n < 0
	if neg {
		n = -n
	}
	r := 1.0
	for b := x; n > 0; n >>= 1 {
		if n&1 == 1 {
			r *= b
		}
		b *= b
	}
	if neg {
		return 1 / r
	}
	return r
}

// MathSqrt implements math.sqrt(x).
func MathSqrt(x Num) float64 { return math.Sqrt(x.Float()) }
