package sysmod

import (
	"math"
	"time"

	"github.com/kclx-dev/kclx/kcl/builtins"
	"github.com/kclx-dev/kclx/kcl/value"
)

// numArg reads a number argument: an int, a float, or a unit value (its
// multiplied value, as a float).
func numArg(c call, i int, name string) (Num, bool) {
	v, ok := c.arg(i, name)
	if !ok {
		return Num{}, false
	}
	switch v := v.(type) {
	case value.Int:
		return IntNum(int64(v)), true
	case value.Float:
		return FloatNum(float64(v)), true
	case value.Unit:
		return FloatNum(v.Value), true
	}
	return Num{}, false
}

// oneNum registers a math function of one number `x`.
func oneNum(name string, f func(Num) (value.Value, error)) builtins.Member {
	return fn(name, []string{"x"}, func(_ *builtins.Context, c call) (value.Value, error) {
		x, ok := numArg(c, 0, "x")
		if !ok {
			if v, given := c.arg(0, "x"); given {
				if _, isBool := v.(value.Bool); isBool && name == "isinf" {
					return value.False, nil
				}
			}
			return nil, value.EvalErrorf("%s() takes exactly one argument (0 given)", name)
		}
		return f(x)
	})
}

func floatResult(f func(Num) float64) func(Num) (value.Value, error) {
	return func(x Num) (value.Value, error) { return value.Float(f(x)), nil }
}

func numValue(n Num) value.Value {
	if n.IsInt {
		return value.Int(n.I)
	}
	return value.Float(n.F)
}

func registerMath() {
	builtins.RegisterModule("math", map[string]builtins.Member{
		"ceil":  oneNum("ceil", func(x Num) (value.Value, error) { return value.Int(MathCeil(x)), nil }),
		"floor": oneNum("floor", func(x Num) (value.Value, error) { return value.Int(MathFloor(x)), nil }),
		"factorial": fn("factorial", []string{"x"}, func(_ *builtins.Context, c call) (value.Value, error) {
			x, ok := numArg(c, 0, "x")
			if !ok {
				if len(c.args) > 0 {
					return nil, value.EvalErrorf("factorial() only accepts integral values")
				}
				return nil, value.EvalErrorf("factorial() takes exactly one argument (0 given)")
			}
			r, err := MathFactorial(x)
			if err != nil {
				return nil, err
			}
			return numValue(r), nil
		}),
		"gcd": fn("gcd", []string{"a", "b"}, func(_ *builtins.Context, c call) (value.Value, error) {
			a, ok1 := numArg(c, 0, "a")
			b, ok2 := numArg(c, 1, "b")
			if !ok1 || !ok2 || !a.IsInt || !b.IsInt {
				return nil, value.EvalErrorf("gcd() takes exactly two arguments (%d given)", len(c.args))
			}
			return value.Int(MathGcd(a.I, b.I)), nil
		}),
		"isfinite": oneNum("isfinite", func(x Num) (value.Value, error) { return value.Bool(MathIsfinite(x)), nil }),
		"isinf":    oneNum("isinf", func(x Num) (value.Value, error) { return value.Bool(MathIsinf(x)), nil }),
		"isnan":    oneNum("isnan", func(x Num) (value.Value, error) { return value.Bool(MathIsnan(x)), nil }),
		"modf": oneNum("modf", func(x Num) (value.Value, error) {
			m := MathModf(x)
			return value.NewList(value.Float(m[0]), value.Float(m[1])), nil
		}),
		"exp":   oneNum("exp", floatResult(MathExp)),
		"expm1": oneNum("expm1", floatResult(MathExpm1)),
		"log": fn("log", []string{"x", "e"}, func(_ *builtins.Context, c call) (value.Value, error) {
			x, ok := numArg(c, 0, "x")
			if !ok {
				return nil, value.EvalErrorf("log() takes exactly one argument (0 given)")
			}
			base := math.E
			if b, ok := numArg(c, 1, "e"); ok {
				base = b.Float()
			}
			return value.Float(MathLog(x, base)), nil
		}),
		"log1p": oneNum("log1p", floatResult(MathLog1p)),
		"log2":  oneNum("log2", floatResult(MathLog2)),
		"log10": oneNum("log10", floatResult(MathLog10)),
		"pow": fn("pow", []string{"x", "y"}, func(_ *builtins.Context, c call) (value.Value, error) {
			x, ok1 := numArg(c, 0, "x")
			y, ok2 := numArg(c, 1, "y")
			if !ok2 {
				y, ok2 = numArg(c, 1, "n")
			}
			if !ok1 || !ok2 {
				return nil, value.EvalErrorf("pow() takes exactly two arguments (%d given)", len(c.args))
			}
			return value.Float(MathPow(x, y)), nil
		}),
		"sqrt": oneNum("sqrt", floatResult(MathSqrt)),
	})
}

func registerUnits() {
	members := map[string]builtins.Member{}
	for _, suffix := range UnitSuffixes {
		suffix := suffix
		name := "to_" + suffix
		members[name] = fn(name, []string{"num"}, func(_ *builtins.Context, c call) (value.Value, error) {
			v, ok := c.arg(0, "num")
			if !ok {
				return nil, value.EvalErrorf("%s() missing 1 required positional argument: 'num'", name)
			}
			f, isNum := value.AsFloat(v)
			if !isNum {
				if s, isStr := v.(value.Str); isStr {
					if g, err := parseRustFloat(string(s)); err == nil {
						f, isNum = g, true
					}
				}
			}
			if !isNum {
				return nil, value.EvalErrorf("%s() argument 'num' must be int or float, not %s", name, value.TypeName(v))
			}
			return value.Str(ToUnit(f, suffix)), nil
		})
	}
	for _, k := range UnitConstants {
		if k.IsInt {
			members[k.Name] = builtins.Member{Value: value.Int(k.Int)}
		} else {
			members[k.Name] = builtins.Member{Value: value.Float(k.Float)}
		}
	}
	builtins.RegisterModule("units", members)
}

func registerDatetime() {
	builtins.RegisterModule("datetime", map[string]builtins.Member{
		"ticks": fn("ticks", nil, func(ctx *builtins.Context, _ call) (value.Value, error) {
			return value.Float(DatetimeTicks(now(ctx))), nil
		}),
		"date": fn("date", nil, func(ctx *builtins.Context, _ call) (value.Value, error) {
			return value.Str(DatetimeDate(now(ctx).Local())), nil
		}),
		"today": fn("today", nil, func(ctx *builtins.Context, _ call) (value.Value, error) {
			return value.Str(DatetimeToday(now(ctx).Local())), nil
		}),
		"now": fn("now", []string{"format", "ticks"}, func(ctx *builtins.Context, c call) (value.Value, error) {
			format, ok, err := c.str(0, "format")
			if err != nil {
				return nil, err
			}
			if !ok {
				format = DefaultNowFormat
			}
			t := now(ctx)
			if tv, ok := c.arg(1, "ticks"); ok && tv != value.None {
				secs, isNum := value.AsFloat(tv)
				if !isNum {
					return nil, value.EvalErrorf("now() argument 'ticks' must be float, not %s", value.TypeName(tv))
				}
				whole := math.Floor(secs)
				t = time.Unix(int64(whole), int64((secs-whole)*1e9))
			}
			s, err := DatetimeNow(t.Local(), format)
			return value.Str(s), err
		}),
		"validate": fn("validate", []string{"date", "format"}, func(_ *builtins.Context, c call) (value.Value, error) {
			date, ok1, err := c.str(0, "date")
			if err != nil {
				return nil, err
			}
			format, ok2, err := c.str(1, "format")
			if err != nil {
				return nil, err
			}
			switch {
			case !ok1:
				return nil, value.EvalErrorf("validate() takes 2 positional arguments (0 given)")
			case !ok2:
				return nil, value.EvalErrorf("validate() takes 2 positional arguments (1 given)")
			}
			return value.Bool(DatetimeValidate(date, format)), nil
		}),
		"is_rfc3339": fn("is_rfc3339", []string{"date"}, func(_ *builtins.Context, c call) (value.Value, error) {
			date, err := c.mustStr(0, "date", "is_rfc3339() takes 1 positional argument (0 given)")
			if err != nil {
				return nil, err
			}
			return value.Bool(DatetimeIsRFC3339(date)), nil
		}),
		"is_iso8601": fn("is_iso8601", []string{"date"}, func(_ *builtins.Context, c call) (value.Value, error) {
			date, err := c.mustStr(0, "date", "is_iso8601() takes 1 positional argument (0 given)")
			if err != nil {
				return nil, err
			}
			return value.Bool(DatetimeIsISO8601(date)), nil
		}),
	})
}
