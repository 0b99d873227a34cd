package value

import (
	"math"
	"strconv"
	"strings"
	"sync"
)

// ToString returns str(v): KCL's string conversion used by str(), print()
// and string interpolation. Strings are returned unquoted; inside dicts and
// schemas keys and string values are quoted (QuoteString), list items are
// not.
func ToString(v Value) string {
	var b strings.Builder
	writeString(&b, v, 0)
	return b.String()
}

const maxStringDepth = 500

func writeString(b *strings.Builder, v Value, depth int) {
	if depth > maxStringDepth {
		b.WriteString("...")
		return
	}
	switch v := v.(type) {
	case nil:
		b.WriteString("Undefined")
	case undefinedValue:
		b.WriteString("Undefined")
	case noneValue:
		b.WriteString("None")
	case Bool:
		if v {
			b.WriteString("True")
		} else {
			b.WriteString("False")
		}
	case Int:
		b.WriteString(strconv.FormatInt(int64(v), 10))
	case Float:
		b.WriteString(FloatString(float64(v)))
	case Unit:
		b.WriteString(strconv.FormatInt(v.Raw, 10))
		b.WriteString(v.Suffix)
	case Str:
		b.WriteString(string(v))
	case *List:
		b.WriteByte('[')
		for i, e := range v.Items {
			if i > 0 {
				b.WriteString(", ")
			}
			writeString(b, e, depth+1)
		}
		b.WriteByte(']')
	case *Dict:
		writeDictString(b, v, depth)
	case *Schema:
		writeDictString(b, v.Attrs, depth)
	case *Func:
		b.WriteString("function")
	default:
		b.WriteString("<unknown>")
	}
}

func writeDictString(b *strings.Builder, d *Dict, depth int) {
	b.WriteByte('{')
	for i, e := range d.entries {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(QuoteString(e.Key))
		b.WriteString(": ")
		if s, ok := e.Value.(Str); ok {
			b.WriteString(QuoteString(string(s)))
		} else {
			writeString(b, e.Value, depth+1)
		}
	}
	b.WriteByte('}')
}

// QuoteString quotes s the way upstream prints dict keys and string values
// inside str(): single quotes unless s contains a double quote, then double
// quotes (escaping double quotes when s contains both kinds).
func QuoteString(s string) string {
	hasDouble := strings.Contains(s, `"`)
	if !hasDouble {
		return "'" + s + "'"
	}
	if !strings.Contains(s, "'") {
		return `"` + s + `"`
	}
	return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
}

// FloatString formats f like upstream's str(float): the shortest decimal
// that round-trips, never in exponent notation, with ".0" appended when it
// has no decimal point ("1.0", "0.000001", "100000000000000000000.0").
// NaN and infinities print as "NaN.0", "inf.0", "-inf.0" as upstream does.
func FloatString(f float64) string {
	var s string
	switch {
	case math.IsNaN(f):
		s = "NaN"
	case math.IsInf(f, 1):
		s = "inf"
	case math.IsInf(f, -1):
		s = "-inf"
	default:
		s = strconv.FormatFloat(f, 'f', -1, 64)
	}
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// FloatRepr formats a finite f as the shortest round-trip representation in
// the style of the Rust ryu crate, which upstream's JSON and YAML output use:
// "1.0", "0.5", "1e-7", "1.5e20", "1e16". Non-finite values are formatted
// as YAML does (".nan", ".inf", "-.inf").
func FloatRepr(f float64) string {
	switch {
	case math.IsNaN(f):
		return ".nan"
	case math.IsInf(f, 1):
		return ".inf"
	case math.IsInf(f, -1):
		return "-.inf"
	}
	if f == 0 {
		if math.Signbit(f) {
			return "-0.0"
		}
		return "0.0"
	}
	// Shortest digits and exponent: d.ddddde±x
	e := strconv.FormatFloat(f, 'e', -1, 64)
	neg := false
	if e[0] == '-' {
		neg = true
		e = e[1:]
	}
	mant, expStr, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expStr)
	digits := strings.Replace(mant, ".", "", 1)
	n := len(digits)
	// value = 0.digits * 10^kk
	kk := exp + 1
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	k := kk - n // value = digits * 10^k
	switch {
	case 0 <= k && kk <= 16:
		b.WriteString(digits)
		for i := 0; i < k; i++ {
			b.WriteByte('0')
		}
		b.WriteString(".0")
	case 0 < kk && kk <= 16:
		b.WriteString(digits[:kk])
		b.WriteByte('.')
		b.WriteString(digits[kk:])
	case -5 < kk && kk <= 0:
		b.WriteString("0.")
		for i := 0; i < -kk; i++ {
			b.WriteByte('0')
		}
		b.WriteString(digits)
	case n == 1:
		b.WriteString(digits)
		b.WriteByte('e')
		b.WriteString(strconv.Itoa(kk - 1))
	default:
		b.WriteString(digits[:1])
		b.WriteByte('.')
		b.WriteString(digits[1:])
		b.WriteByte('e')
		b.WriteString(strconv.Itoa(kk - 1))
	}
	return b.String()
}

// PyFloatString formats f like upstream's float_to_string (a Python-like
// repr): plain decimals for exponents in (-5, 16), integers with ".0", and
// otherwise mantissa plus a signed, two-digit exponent ("1e-09", "1e+20").
func PyFloatString(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return FloatString(f)
	}
	e := strconv.FormatFloat(f, 'e', -1, 64)
	mant, expStr, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expStr)
	if exp < 16 && exp > -5 {
		if f == math.Trunc(f) {
			return strconv.FormatFloat(f, 'f', 1, 64)
		}
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	sign := "+"
	if exp < 0 {
		sign = "-"
		exp = -exp
	}
	es := strconv.Itoa(exp)
	if len(es) < 2 {
		es = "0" + es
	}
	return mant + "e" + sign + es
}

// pow10 holds the powers of ten 1e0 .. 1e308, each correctly rounded (as
// decimal literals are).
var pow10 = sync.OnceValue(func() *[309]float64 {
	var t [309]float64
	for i := range t {
		t[i], _ = strconv.ParseFloat("1e"+strconv.Itoa(i), 64)
	}
	return &t
})

// jsonRoundTrip returns f as upstream's YAML output sees it: upstream
// renders YAML by writing the value as JSON and reading that text back
// with a fast, slightly lossy float parser. The parser takes the decimal
// digits as an unsigned integer, converts it to float64 (rounding when it
// has more than 53 bits) and then multiplies or divides by a power of ten
// (a second rounding), so a few values come back one ulp away from f.
// Infinities and NaN are returned unchanged.
func jsonRoundTrip(f float64) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) || f == 0 {
		return f
	}
	// shortest round-trip digits d.ddd and exponent
	var buf [32]byte
	text := strconv.AppendFloat(buf[:0], math.Abs(f), 'e', -1, 64)
	var sig uint64
	digits := 0
	i := 0
	for ; i < len(text) && text[i] != 'e'; i++ {
		if c := text[i]; c >= '0' && c <= '9' {
			sig = sig*10 + uint64(c-'0') // at most 17 digits: no overflow
			digits++
		}
	}
	exp, err := strconv.Atoi(string(text[i+1:]))
	if err != nil {
		return f
	}
	exp -= digits - 1 // value = sig * 10^exp
	r := float64(sig)
	for {
		a := exp
		if a < 0 {
			a = -a
		}
		if p := pow10(); a < len(p) {
			if exp >= 0 {
				r *= p[a]
			} else {
				r /= p[a]
			}
			break
		}
		if exp >= 0 {
			return f // out of range: the reader would fail; keep f
		}
		r /= 1e308
		exp += 308
	}
	if f < 0 {
		r = -r
	}
	return r
}
