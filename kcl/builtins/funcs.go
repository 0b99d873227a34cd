package builtins

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kclx-dev/kclx/kcl/value"
)

// Lookup returns the builtin function name (print, len, option, ...).
func Lookup(name string) (Func, bool) {
	f, ok := builtinFuncs[name]
	return f, ok
}

// Names returns the names of the builtin functions.
func Names() []string {
	names := make([]string, 0, len(builtinFuncs))
	for n := range builtinFuncs {
		names = append(names, n)
	}
	return names
}

var builtinFuncs map[string]Func

func init() {
	builtinFuncs = map[string]Func{
		"option":     bOption,
		"print":      bPrint,
		"multiplyof": bMultiplyof,
		"isunique":   bIsunique,
		"isnullish":  bIsnullish,
		"len":        bLen,
		"abs":        bAbs,
		"all_true":   bAllTrue,
		"any_true":   bAnyTrue,
		"hex": func(c *Context, a []value.Value, k *value.Dict) (value.Value, error) {
			return intBase(a, k, "hex", 16, "0x")
		},
		"bin": func(c *Context, a []value.Value, k *value.Dict) (value.Value, error) {
			return intBase(a, k, "bin", 2, "0b")
		},
		"oct": func(c *Context, a []value.Value, k *value.Dict) (value.Value, error) {
			return intBase(a, k, "oct", 8, "0o")
		},
		"ord":    bOrd,
		"sorted": bSorted,
		"range":  bRange,
		"max":    func(c *Context, a []value.Value, k *value.Dict) (value.Value, error) { return minMax(a, k, "max", 1) },
		"min":    func(c *Context, a []value.Value, k *value.Dict) (value.Value, error) { return minMax(a, k, "min", -1) },
		"sum":    bSum,
		"pow":    bPow,
		"round":  bRound,
		"zip":    bZip,
		"int":    bInt,
		"float":  bFloat,
		"bool":   bBool,
		"str":    bStr,
		"list":   bList,
		"dict":   bDict,
		"typeof": bTypeof,
		"reduce": bReduce,
	}
}

func missingArg(fn, name string) error {
	return value.EvalErrorf("%s() missing 1 required positional argument: '%s'", fn, name)
}

func bOption(c *Context, args []value.Value, kwargs *value.Dict) (value.Value, error) {
	key, ok, err := StrArg("option", args, kwargs, 0, "key")
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, missingArg("option", "key")
	}
	typ, _, _ := StrArg("option", args, kwargs, 1, "type")
	required := BoolArg(args, kwargs, 2, "required", false)
	def, hasDef := Arg(args, kwargs, 3, "default")
	var v value.Value
	found := false
	if c != nil && c.Option != nil {
		v, found = c.Option(key)
	}
	if !found {
		if required {
			return nil, value.EvalErrorf("option('%s') must be initialized, try '-D %s=?' argument", key, key)
		}
		if hasDef {
			if typ != "" && !value.IsNullish(def) {
				return convertOption(def, typ)
			}
			return def, nil
		}
		return value.None, nil
	}
	if typ == "" {
		return v, nil
	}
	return convertOption(v, typ)
}

func convertOption(v value.Value, typ string) (value.Value, error) {
	bad := func() (value.Value, error) {
		return nil, value.EvalErrorf("cannot use '%s' as type '%s'", value.ToString(v), typ)
	}
	switch typ {
	case "bool":
		switch x := v.(type) {
		case value.Bool:
			return x, nil
		case value.Str:
			switch string(x) {
			case "True", "true":
				return value.True, nil
			case "False", "false", "":
				return value.False, nil
			}
			return bad()
		case value.Int, value.Float:
			return value.Bool(value.Truthy(x)), nil
		}
		return value.Bool(value.Truthy(v)), nil
	case "int":
		switch x := v.(type) {
		case value.Int:
			return x, nil
		case value.Float:
			return value.Int(int64(x)), nil
		case value.Bool:
			if x {
				return value.Int(1), nil
			}
			return value.Int(0), nil
		case value.Str:
			n, err := strconv.ParseInt(strings.TrimSpace(string(x)), 10, 64)
			if err != nil {
				return bad()
			}
			return value.Int(n), nil
		}
		return bad()
	case "float":
		switch x := v.(type) {
		case value.Int:
			return value.Float(x), nil
		case value.Float:
			return x, nil
		case value.Str:
			f, err := strconv.ParseFloat(strings.TrimSpace(string(x)), 64)
			if err != nil {
				return bad()
			}
			return value.Float(f), nil
		}
		return bad()
	case "str":
		return value.Str(value.ToString(v)), nil
	case "list":
		if _, ok := v.(*value.List); ok {
			return v, nil
		}
		return bad()
	case "dict":
		if _, ok := v.(*value.Dict); ok {
			return v, nil
		}
		return bad()
	}
	return v, nil
}

func bPrint(c *Context, args []value.Value, kwargs *value.Dict) (value.Value, error) {
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = value.ToString(a)
	}
	end := "\n"
	if e, ok := kwargs.Get("end"); ok {
		end = value.ToString(e)
	}
	c.Printf("%s%s", strings.Join(parts, " "), end)
	return value.None, nil
}

func bMultiplyof(c *Context, args []value.Value, kwargs *value.Dict) (value.Value, error) {
	a, err := IntArg("multiplyof", args, kwargs, 0, "a", 0)
	if err != nil {
		return nil, err
	}
	b, err := IntArg("multiplyof", args, kwargs, 1, "b", 0)
	if err != nil {
		return nil, err
	}
	if b == 0 {
		return nil, value.EvalErrorf("integer division or modulo by zero")
	}
	return value.Bool(a%b == 0), nil
}

func bIsunique(c *Context, args []value.Value, kwargs *value.Dict) (value.Value, error) {
	v, _ := Arg(args, kwargs, 0, "inval")
	items, err := value.Iterate(v)
	if err != nil {
		return nil, err
	}
	for i := range items {
		for j := 0; j < i; j++ {
			if value.Equal(items[i], items[j]) {
				return value.False, nil
			}
		}
	}
	return value.True, nil
}

func bIsnullish(c *Context, args []value.Value, kwargs *value.Dict) (value.Value, error) {
	if len(args) > 0 {
		return value.Bool(value.IsNullish(args[0])), nil
	}
	v, ok := kwargs.Get("inval")
	return value.Bool(!ok || value.IsNullish(v)), nil
}

func bLen(c *Context, args []value.Value, kwargs *value.Dict) (value.Value, error) {
	v, ok := Arg(args, kwargs, 0, "inval")
	if !ok {
		return nil, missingArg("len", "inval")
	}
	n, err := value.Len(v)
	if err != nil {
		return nil, err
	}
	return value.Int(n), nil
}

func bAbs(c *Context, args []value.Value, kwargs *value.Dict) (value.Value, error) {
	v, _ := Arg(args, kwargs, 0, "inval")
	switch x := v.(type) {
	case value.Int:
		if x < 0 {
			return -x, nil
		}
		return x, nil
	case value.Float:
		return value.Float(math.Abs(float64(x))), nil
	case value.Bool:
		if x {
			return value.Int(1), nil
		}
		return value.Int(0), nil
	}
	return nil, value.EvalErrorf("bad operand type for abs(): '%s'", value.TypeName(v))
}

func bAllTrue(c *Context, args []value.Value, kwargs *value.Dict) (value.Value, error) {
	v, _ := Arg(args, kwargs, 0, "inval")
	items, err := value.Iterate(v)
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		if !value.Truthy(it) {
			return value.False, nil
		}
	}
	return value.True, nil
}

func bAnyTrue(c *Context, args []value.Value, kwargs *value.Dict) (value.Value, error) {
	v, _ := Arg(args, kwargs, 0, "inval")
	items, err := value.Iterate(v)
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		if value.Truthy(it) {
			return value.True, nil
		}
	}
	return value.False, nil
}

func intBase(args []value.Value, kwargs *value.Dict, fn string, base int, prefix string) (value.Value, error) {
	v, _ := Arg(args, kwargs, 0, "number")
	n, ok := value.AsInt(v)
	if !ok {
		return nil, value.EvalErrorf("'%s' object cannot be interpreted as an integer", value.TypeName(v))
	}
	if n < 0 {
		return value.Str("-" + prefix + strconv.FormatUint(uint64(-n), base)), nil
	}
	return value.Str(prefix + strconv.FormatInt(n, base)), nil
}

func bOrd(c *Context, args []value.Value, kwargs *value.Dict) (value.Value, error) {
	s, ok, err := StrArg("ord", args, kwargs, 0, "c")
	if err != nil {
		return nil, err
	}
	if !ok || utf8.RuneCountInString(s) != 1 {
		return nil, value.EvalErrorf("ord() expected a character, but string of length %d found", utf8.RuneCountInString(s))
	}
	r, _ := utf8.DecodeRuneInString(s)
	return value.Int(r), nil
}

func bSorted(c *Context, args []value.Value, kwargs *value.Dict) (value.Value, error) {
	v, _ := Arg(args, kwargs, 0, "inval")
	items, err := value.Iterate(v)
	if err != nil {
		return nil, err
	}
	out := append([]value.Value(nil), items...)
	if err := value.SortValues(out); err != nil {
		return nil, err
	}
	if BoolArg(args, kwargs, 1, "reverse", false) {
		for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
			out[i], out[j] = out[j], out[i]
		}
	}
	return &value.List{Items: out}, nil
}

// MaxRangeItems bounds range() results and, without Settings.MaxItems,
// the length of strings built by string methods (join, replace, format).
var MaxRangeItems = 10_000_000

// maxPowBits bounds the bit length of an exact integer power pow(x, y).
const maxPowBits = 1 << 14

// MaxFormatWidth bounds the width of a format spec ("{:>N}").
const MaxFormatWidth = 1 << 24

// checkStrLen fails when a string method would build a string of n bytes
// beyond the size limit (Settings.MaxItems, else MaxRangeItems).
func (c *Context) checkStrLen(n int64) error {
	limit := int64(MaxRangeItems)
	if c != nil && c.Options != nil && c.Options.MaxItems > 0 {
		limit = int64(c.Options.MaxItems)
	}
	if n > limit || n < 0 {
		return value.EvalErrorf("value too large: a string of %d bytes exceeds the limit of %d", n, limit)
	}
	return nil
}

func bRange(c *Context, args []value.Value, kwargs *value.Dict) (value.Value, error) {
	var nums []int64
	for i, name := range []string{"start", "stop", "step"} {
		v, ok := Arg(args, kwargs, i, name)
		if !ok {
			break
		}
		n, isInt := value.AsInt(v)
		if !isInt {
			return nil, value.EvalErrorf("'%s' object cannot be interpreted as an integer", value.TypeName(v))
		}
		nums = append(nums, n)
	}
	var start, stop, step int64 = 0, 0, 1
	switch len(nums) {
	case 0:
		return nil, value.EvalErrorf("range expected at least 1 argument, got 0")
	case 1:
		stop = nums[0]
	case 2:
		start, stop = nums[0], nums[1]
	default:
		start, stop, step = nums[0], nums[1], nums[2]
	}
	if step == 0 {
		return nil, value.EvalErrorf("range() arg 3 must not be zero")
	}
	var n int64
	if step > 0 && stop > start {
		n = (stop - start + step - 1) / step
	} else if step < 0 && stop < start {
		n = (start - stop - step - 1) / -step
	}
	limit := int64(MaxRangeItems)
	if c != nil && c.Options != nil && c.Options.MaxItems > 0 {
		limit = int64(c.Options.MaxItems)
	}
	if n > limit {
		return nil, value.EvalErrorf("range() result too large: %d items", n)
	}
	out := make([]value.Value, 0, n)
	for i := int64(0); i < n; i++ {
		out = append(out, value.Int(start+i*step))
	}
	return &value.List{Items: out}, nil
}

func minMax(args []value.Value, kwargs *value.Dict, fn string, sign int) (value.Value, error) {
	items := args
	if len(args) == 1 {
		var err error
		items, err = value.Iterate(args[0])
		if err != nil {
			return nil, err
		}
	}
	if len(items) == 0 {
		return nil, value.EvalErrorf("%s() arg is an empty sequence", fn)
	}
	best := items[0]
	for _, it := range items[1:] {
		cmp, err := value.Compare(it, best, "<")
		if err != nil {
			return nil, err
		}
		if cmp*sign > 0 {
			best = it
		}
	}
	return best, nil
}

func bSum(c *Context, args []value.Value, kwargs *value.Dict) (value.Value, error) {
	v, _ := Arg(args, kwargs, 0, "iterable")
	items, err := value.Iterate(v)
	if err != nil {
		return nil, err
	}
	var acc value.Value = value.Int(0)
	if s, ok := Arg(args, kwargs, 1, "start"); ok {
		acc = s
	}
	for _, it := range items {
		acc, err = Add(acc, it)
		if err != nil {
			return nil, err
		}
	}
	return acc, nil
}

// Add implements `a + b` for numbers, strings and lists.
func Add(a, b value.Value) (value.Value, error) {
	switch x := a.(type) {
	case value.Int:
		switch y := b.(type) {
		case value.Int:
			r := new(big.Int).Add(big.NewInt(int64(x)), big.NewInt(int64(y)))
			if !r.IsInt64() {
				return nil, value.EvalErrorf("%s: A 64 bit integer overflow", r.String())
			}
			return value.Int(r.Int64()), nil
		case value.Float:
			return value.Float(float64(x) + float64(y)), nil
		}
	case value.Float:
		switch y := b.(type) {
		case value.Int:
			return value.Float(float64(x) + float64(y)), nil
		case value.Float:
			return x + y, nil
		}
	case value.Str:
		if y, ok := b.(value.Str); ok {
			return x + y, nil
		}
	case *value.List:
		if y, ok := b.(*value.List); ok {
			out := make([]value.Value, 0, len(x.Items)+len(y.Items))
			out = append(out, x.Items...)
			out = append(out, y.Items...)
			return &value.List{Items: out}, nil
		}
	}
	return nil, value.EvalErrorf("unsupported operand type(s) for +: '%s' and '%s'", value.TypeName(a), value.TypeName(b))
}

func bPow(c *Context, args []value.Value, kwargs *value.Dict) (value.Value, error) {
	x, _ := Arg(args, kwargs, 0, "x")
	y, _ := Arg(args, kwargs, 1, "y")
	z, hasZ := Arg(args, kwargs, 2, "z")
	xi, xInt := x.(value.Int)
	yi, yInt := y.(value.Int)
	if xInt && yInt && yi >= 0 {
		var m *big.Int
		if hasZ && !value.IsNullish(z) {
			if zi, ok := z.(value.Int); ok && zi != 0 {
				m = new(big.Int).Abs(big.NewInt(int64(zi)))
			}
		} else if bits := big.NewInt(int64(xi)).BitLen() - 1; bits > 0 && int64(yi) > int64(maxPowBits/bits) {
			// the exact power would be huge (and overflows 64 bits anyway)
			return nil, value.EvalErrorf("%d ** %d: A 64 bit integer overflow", int64(xi), int64(yi))
		}
		r := new(big.Int).Exp(big.NewInt(int64(xi)), big.NewInt(int64(yi)), m)
		if hasZ && !value.IsNullish(z) {
			zi, ok := z.(value.Int)
			if !ok || zi == 0 {
				return nil, value.EvalErrorf("pow() 3rd argument must be a non-zero integer")
			}
			r.Mod(r, big.NewInt(int64(zi)))
			if zi < 0 && r.Sign() != 0 {
				r.Add(r, big.NewInt(int64(zi)))
			}
		}
		if !r.IsInt64() {
			return nil, value.EvalErrorf("%s: A 64 bit integer overflow", r.String())
		}
		return value.Int(r.Int64()), nil
	}
	fx, ok1 := value.AsFloat(x)
	fy, ok2 := value.AsFloat(y)
	if !ok1 || !ok2 {
		return nil, value.EvalErrorf("unsupported operand type(s) for pow(): '%s' and '%s'", value.TypeName(x), value.TypeName(y))
	}
	return value.Float(math.Pow(fx, fy)), nil
}

func bRound(c *Context, args []value.Value, kwargs *value.Dict) (value.Value, error) {
	v, _ := Arg(args, kwargs, 0, "number")
	nd, hasNd := Arg(args, kwargs, 1, "ndigits")
	if hasNd && value.IsNullish(nd) {
		hasNd = false
	}
	if b, ok := v.(value.Bool); ok {
		v = value.Int(boolInt(b))
	}
	if !hasNd {
		switch x := v.(type) {
		case value.Int:
			return x, nil
		case value.Float:
			// Rust f64::round: half away from zero
			return value.Int(int64(math.Round(float64(x)))), nil
		}
		return nil, value.EvalErrorf("type %s doesn't define __round__ method", value.TypeName(v))
	}
	n, ok := nd.(value.Int)
	if !ok {
		return nil, value.EvalErrorf("'%s' object cannot be interpreted as an integer", value.TypeName(nd))
	}
	switch x := v.(type) {
	case value.Int:
		return value.Float(float64(x)), nil
	case value.Float:
		return value.Float(roundDigits(float64(x), int(n))), nil
	}
	return nil, value.EvalErrorf("type %s doesn't define __round__ method", value.TypeName(v))
}

func boolInt(b value.Bool) int64 {
	if b {
		return 1
	}
	return 0
}

// roundDigits rounds f to n decimal digits the way upstream does (the
// CPython double-rounding algorithm: scale, round half away from zero,
// fix exact halves to even, scale back).
func roundDigits(f float64, n int) float64 {
	if n == 0 {
		return math.Round(f)
	}
	var y, pow1, pow2 float64
	if n >= 0 {
		if n > 22 {
			pow1, pow2 = math.Pow(10, float64(n-22)), 1e22
		} else {
			pow1, pow2 = math.Pow(10, float64(n)), 1
		}
		y = f * pow1 * pow2
		if math.IsInf(y, 0) || math.IsNaN(y) {
			return f
		}
	} else {
		pow1 = math.Pow(10, float64(-n))
		y = f / pow1
	}
	z := math.Round(y)
	if math.Abs(y-z) == 0.5 {
		z = 2 * math.Round(y/2)
	}
	if n >= 0 {
		return z / pow2 / pow1
	}
	return z * pow1
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func bZip(c *Context, args []value.Value, kwargs *value.Dict) (value.Value, error) {
	var lists [][]value.Value
	for _, a := range args {
		items, err := value.Iterate(a)
		if err != nil {
			return nil, err
		}
		lists = append(lists, items)
	}
	out := value.NewList()
	if len(lists) == 0 {
		return out, nil
	}
	n := len(lists[0])
	for _, l := range lists {
		if len(l) < n {
			n = len(l)
		}
	}
	for i := 0; i < n; i++ {
		row := make([]value.Value, len(lists))
		for j, l := range lists {
			row[j] = l[i]
		}
		out.Items = append(out.Items, &value.List{Items: row})
	}
	return out, nil
}

func bInt(c *Context, args []value.Value, kwargs *value.Dict) (value.Value, error) {
	v, ok := Arg(args, kwargs, 0, "number")
	if !ok {
		return value.Int(0), nil
	}
	base, err := IntArg("int", args, kwargs, 1, "base", 10)
	if err != nil {
		return nil, err
	}
	switch x := v.(type) {
	case value.Int:
		return x, nil
	case value.Bool:
		if x {
			return value.Int(1), nil
		}
		return value.Int(0), nil
	case value.Float:
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			return nil, value.EvalErrorf("cannot convert float %s to integer", value.FloatString(float64(x)))
		}
		return value.Int(int64(x)), nil
	case value.Unit:
		f := math.Trunc(x.Value)
		if f > math.MaxInt64 || f < math.MinInt64 {
			bf := new(big.Float).SetFloat64(f)
			bi, _ := bf.Int(nil)
			return nil, value.EvalErrorf("%s: A 64 bit integer overflow", bi.String())
		}
		return value.Int(int64(f)), nil
	case value.Str:
		s := strings.TrimSpace(strings.ReplaceAll(string(x), "_", ""))
		if f, ok := parseUnitString(s); ok {
			return value.Int(int64(f)), nil
		}
		b := int(base)
		neg := false
		if strings.HasPrefix(s, "-") {
			neg, s = true, s[1:]
		} else if strings.HasPrefix(s, "+") {
			s = s[1:]
		}
		ls := strings.ToLower(s)
		switch {
		case (b == 16 || b == 0) && strings.HasPrefix(ls, "0x"):
			b, s = 16, s[2:]
		case (b == 8 || b == 0) && strings.HasPrefix(ls, "0o"):
			b, s = 8, s[2:]
		case (b == 2 || b == 0) && strings.HasPrefix(ls, "0b"):
			b, s = 2, s[2:]
		case b == 0:
			b = 10
		}
		n, err := strconv.ParseInt(s, b, 64)
		if err != nil {
			return nil, value.EvalErrorf("invalid literal for int() with base %d: '%s'", base, string(x))
		}
		if neg {
			n = -n
		}
		return value.Int(n), nil
	}
	return nil, value.EvalErrorf("int() argument must be a string or a number, not '%s'", value.TypeName(v))
}

// parseUnitString parses a number with a unit suffix ("1024Mi", "1K").
func parseUnitString(s string) (float64, bool) {
	for _, n := range []int{2, 1} {
		if len(s) <= n {
			continue
		}
		suf := s[len(s)-n:]
		if n == 1 && suf == "i" {
			continue
		}
		m, ok := value.UnitMultiplier(suf)
		if !ok || suf == "" {
			continue
		}
		num := s[:len(s)-n]
		if i, err := strconv.ParseInt(num, 10, 64); err == nil {
			return float64(i) * m, true
		}
		if f, err := strconv.ParseFloat(num, 64); err == nil {
			return f * m, true
		}
	}
	return 0, false
}

func bFloat(c *Context, args []value.Value, kwargs *value.Dict) (value.Value, error) {
	v, ok := Arg(args, kwargs, 0, "number")
	if !ok {
		return value.Float(0), nil
	}
	switch x := v.(type) {
	case value.Int:
		return value.Float(x), nil
	case value.Float:
		return x, nil
	case value.Bool:
		if x {
			return value.Float(1), nil
		}
		return value.Float(0), nil
	case value.Unit:
		return value.Float(x.Value), nil
	case value.Str:
		s := strings.TrimSpace(string(x))
		if f, ok := parseUnitString(s); ok {
			return value.Float(f), nil
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil && !isRangeErr(err) {
			return nil, value.EvalErrorf("invalid literal for float(): '%s'", string(x))
		}
		return value.Float(f), nil
	}
	return nil, value.EvalErrorf("float() argument must be a string or a number, not '%s'", value.TypeName(v))
}

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

func bBool(c *Context, args []value.Value, kwargs *value.Dict) (value.Value, error) {
	v, ok := Arg(args, kwargs, 0, "x")
	if !ok {
		return value.False, nil
	}
	return value.Bool(value.Truthy(v)), nil
}

func bStr(c *Context, args []value.Value, kwargs *value.Dict) (value.Value, error) {
	if len(args) == 0 {
		if v, ok := kwargs.Get("x"); ok {
			return value.Str(value.ToString(v)), nil
		}
		return value.Str(""), nil
	}
	return value.Str(value.ToString(args[0])), nil
}

func bList(c *Context, args []value.Value, kwargs *value.Dict) (value.Value, error) {
	v, ok := Arg(args, kwargs, 0, "x")
	if !ok {
		return value.NewList(), nil
	}
	items, err := value.Iterate(v)
	if err != nil {
		return nil, err
	}
	return &value.List{Items: append([]value.Value(nil), items...)}, nil
}

func bDict(c *Context, args []value.Value, kwargs *value.Dict) (value.Value, error) {
	out := value.NewDict()
	if len(args) > 0 {
		switch x := args[0].(type) {
		case *value.Dict:
			for _, e := range x.Entries() {
				out.Set(e.Key, e.Value)
			}
		case *value.Schema:
			for _, e := range x.Attrs.Entries() {
				out.Set(e.Key, e.Value)
			}
		case *value.List:
			for _, it := range x.Items {
				pair, ok := it.(*value.List)
				if !ok || len(pair.Items) != 2 {
					return nil, value.EvalErrorf("dictionary update sequence element has wrong length")
				}
				out.Set(value.ToString(pair.Items[0]), pair.Items[1])
			}
		default:
			if !value.IsNullish(x) {
				return nil, value.EvalErrorf("'%s' object is not iterable", value.TypeName(x))
			}
		}
	}
	for _, e := range kwargs.Entries() {
		out.Set(e.Key, e.Value)
	}
	return out, nil
}

func bTypeof(c *Context, args []value.Value, kwargs *value.Dict) (value.Value, error) {
	v, ok := Arg(args, kwargs, 0, "x")
	if !ok {
		if len(args) == 0 {
			return nil, missingArg("typeof", "x")
		}
		v = value.Undefined
	}
	full := BoolArg(args, kwargs, 1, "full_name", false)
	switch x := v.(type) {
	case *value.Schema:
		if full {
			return value.Str(x.FullName()), nil
		}
		return value.Str(x.Name), nil
	case *value.Func:
		if x.Name == "module" {
			return value.Str("module"), nil
		}
		if x.IsType {
			return value.Str("type"), nil
		}
		return value.Str("function"), nil
	case value.Unit:
		return value.Str("number_multiplier"), nil
	}
	if v == value.None {
		return value.Str("None"), nil
	}
	if value.IsUndefined(v) {
		return value.Str("Undefined"), nil
	}
	return value.Str(value.TypeName(v)), nil
}

func bReduce(c *Context, args []value.Value, kwargs *value.Dict) (value.Value, error) {
	fn, ok := Arg(args, kwargs, 0, "reducer")
	if !ok {
		return nil, missingArg("reduce", "reducer")
	}
	lv, _ := Arg(args, kwargs, 1, "list")
	items, err := value.Iterate(lv)
	if err != nil {
		return nil, err
	}
	acc, hasInit := Arg(args, kwargs, 2, "initial")
	if !hasInit && len(args) > 2 {
		acc, hasInit = args[2], true
	}
	start := 0
	if !hasInit {
		if len(items) == 0 {
			if f, ok := fn.(*value.Func); ok && len(f.ParamTypes) > 0 {
				if t := f.ParamTypes[0]; t != "" && t != "any" && !strings.Contains(t, "None") {
					return nil, value.EvalErrorf("reduce() empty list with no initial value and non-nullable accumulator type '%s'", t)
				}
			}
			return value.None, nil
		}
		acc = items[0]
		start = 1
	}
	if c == nil || c.Call == nil {
		return nil, value.EvalErrorf("reduce() is not available")
	}
	for _, it := range items[start:] {
		acc, err = c.Call(fn, []value.Value{acc, it}, nil)
		if err != nil {
			return nil, err
		}
	}
	return acc, nil
}
