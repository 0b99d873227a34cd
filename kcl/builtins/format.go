package builtins

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kclx-dev/kclx/kcl/value"
)

// FormatString implements str.format with Python's format mini-language:
// {} / {0} / {name} fields (with .attr and [index] parts), {{ and }}
// escapes and specs [[fill]align][sign][#][0][width][,|_][.precision][type].
func FormatString(tmpl string, args []value.Value, kwargs *value.Dict) (string, error) {
	var b strings.Builder
	auto := 0
	manual := false
	for i := 0; i < len(tmpl); {
		c := tmpl[i]
		if c == '}' {
			if i+1 < len(tmpl) && tmpl[i+1] == '}' {
				b.WriteByte('}')
				i += 2
				continue
			}
			return "", value.EvalErrorf("Single '}' encountered in format string")
		}
		if c != '{' {
			b.WriteByte(c)
			i++
			continue
		}
		if i+1 < len(tmpl) && tmpl[i+1] == '{' {
			b.WriteByte('{')
			i += 2
			continue
		}
		// find the matching '}' (one level of nesting in the spec)
		depth, j := 1, i+1
		for ; j < len(tmpl) && depth > 0; j++ {
			switch tmpl[j] {
			case '{':
				depth++
			case '}':
				depth--
			}
		}
		if depth != 0 {
			return "", value.EvalErrorf("expected '}' before end of string")
		}
		field := tmpl[i+1 : j-1]
		i = j
		name, spec, _ := strings.Cut(field, ":")
		if k := strings.IndexByte(name, '!'); k >= 0 {
			name = name[:k]
		}
		// nested replacement fields in the spec
		if strings.Contains(spec, "{") {
			s, err := FormatString(spec, args, kwargs)
			if err != nil {
				return "", err
			}
			spec = s
		}
		// split name into head and accessors
		head := name
		rest := ""
		if k := strings.IndexAny(name, ".["); k >= 0 {
			head, rest = name[:k], name[k:]
		}
		var arg value.Value
		switch {
		case head == "":
			if manual {
				return "", value.EvalErrorf("cannot switch from manual field specification to automatic field numbering")
			}
			if auto >= len(args) {
				return "", value.EvalErrorf("Replacement index %d out of range for positional args tuple", auto)
			}
			arg = args[auto]
			auto++
		case isDigits(head):
			if auto > 0 {
				return "", value.EvalErrorf("cannot switch from automatic field numbering to manual field specification")
			}
			manual = true
			n, _ := strconv.Atoi(head)
			if n >= len(args) {
				return "", value.EvalErrorf("Replacement index %d out of range for positional args tuple", n)
			}
			arg = args[n]
		default:
			v, ok := kwargs.Get(head)
			if !ok {
				return "", value.EvalErrorf("KeyError: '%s'", head)
			}
			arg = v
		}
		for rest != "" {
			if rest[0] == '.' {
				k := strings.IndexAny(rest[1:], ".[")
				attr := rest[1:]
				if k >= 0 {
					attr, rest = rest[1:k+1], rest[k+1:]
				} else {
					rest = ""
				}
				arg = getKey(arg, attr)
			} else if rest[0] == '[' {
				k := strings.IndexByte(rest, ']')
				if k < 0 {
					return "", value.EvalErrorf("Missing ']' in format string")
				}
				idx := rest[1:k]
				rest = rest[k+1:]
				if isDigits(idx) {
					n, _ := strconv.Atoi(idx)
					if l, ok := arg.(*value.List); ok && n < len(l.Items) {
						arg = l.Items[n]
						continue
					}
				}
				arg = getKey(arg, idx)
			} else {
				break
			}
		}
		s, err := FormatValue(arg, spec)
		if err != nil {
			return "", err
		}
		b.WriteString(s)
	}
	return b.String(), nil
}

func getKey(v value.Value, k string) value.Value {
	switch x := v.(type) {
	case *value.Dict:
		return x.GetOr(k, value.Undefined)
	case *value.Schema:
		return x.Attrs.GetOr(k, value.Undefined)
	}
	return value.Undefined
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

type fmtSpec struct {
	fill      rune
	align     byte
	sign      byte
	alt       bool
	zero      bool
	width     int
	grouping  byte
	precision int
	typ       byte
}

func parseSpec(s string) (fmtSpec, error) {
	sp := fmtSpec{fill: ' ', precision: -1}
	rs := []rune(s)
	i := 0
	isAlign := func(r rune) bool { return r == '<' || r == '>' || r == '=' || r == '^' }
	if len(rs) >= 2 && isAlign(rs[1]) {
		sp.fill, sp.align = rs[0], byte(rs[1])
		i = 2
	} else if len(rs) >= 1 && isAlign(rs[0]) {
		sp.align = byte(rs[0])
		i = 1
	}
	if i < len(rs) && (rs[i] == '+' || rs[i] == '-' || rs[i] == ' ') {
		sp.sign = byte(rs[i])
		i++
	}
	if i < len(rs) && rs[i] == '#' {
		sp.alt = true
		i++
	}
	if i < len(rs) && rs[i] == '0' {
		sp.zero = true
		i++
	}
	st := i
	for i < len(rs) && rs[i] >= '0' && rs[i] <= '9' {
		i++
	}
	if i > st {
		w, err := strconv.Atoi(string(rs[st:i]))
		if err != nil || w > MaxFormatWidth {
			return sp, value.EvalErrorf("format width %s is too large (the limit is %d)", string(rs[st:i]), MaxFormatWidth)
		}
		sp.width = w
	}
	if i < len(rs) && (rs[i] == ',' || rs[i] == '_') {
		sp.grouping = byte(rs[i])
		i++
	}
	if i < len(rs) && rs[i] == '.' {
		i++
		st = i
		for i < len(rs) && rs[i] >= '0' && rs[i] <= '9' {
			i++
		}
		if i == st {
			return sp, value.EvalErrorf("Format specifier missing precision")
		}
		sp.precision, _ = strconv.Atoi(string(rs[st:i]))
	}
	if i < len(rs) {
		sp.typ = byte(rs[i])
		i++
	}
	if i != len(rs) {
		return sp, value.EvalErrorf("Invalid format specifier")
	}
	if sp.zero && sp.align == 0 {
		sp.fill, sp.align = '0', '='
	}
	return sp, nil
}

// FormatValue formats v with a format spec (the part after ':').
func FormatValue(v value.Value, spec string) (string, error) {
	if spec == "" {
		return value.ToString(v), nil
	}
	sp, err := parseSpec(spec)
	if err != nil {
		return "", err
	}
	switch x := v.(type) {
	case value.Int:
		return formatInt(int64(x), sp)
	case value.Bool:
		if sp.typ == 0 || sp.typ == 's' {
			return pad(value.ToString(x), sp, '<'), nil
		}
		n := int64(0)
		if x {
			n = 1
		}
		return formatInt(n, sp)
	case value.Float:
		return formatFloat(float64(x), sp)
	}
	s := value.ToString(v)
	if sp.precision >= 0 {
		r := []rune(s)
		if len(r) > sp.precision {
			s = string(r[:sp.precision])
		}
	}
	return pad(s, sp, '<'), nil
}

func pad(s string, sp fmtSpec, def byte) string {
	n := utf8.RuneCountInString(s)
	if n >= sp.width {
		return s
	}
	fill := strings.Repeat(string(sp.fill), sp.width-n)
	align := sp.align
	if align == 0 {
		align = def
	}
	switch align {
	case '<':
		return s + fill
	case '^':
		left := (sp.width - n) / 2
		return strings.Repeat(string(sp.fill), left) + s + strings.Repeat(string(sp.fill), sp.width-n-left)
	case '=':
		if len(s) > 0 && (s[0] == '-' || s[0] == '+' || s[0] == ' ') {
			return s[:1] + fill + s[1:]
		}
		return fill + s
	}
	return fill + s
}

func group(digits string, sep byte, every int) string {
	if sep == 0 {
		return digits
	}
	intPart, frac, hasFrac := strings.Cut(digits, ".")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%every == 0 {
			b.WriteByte(sep)
		}
		b.WriteRune(c)
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

func signed(neg bool, body string, sp fmtSpec) string {
	switch {
	case neg:
		return "-" + body
	case sp.sign == '+':
		return "+" + body
	case sp.sign == ' ':
		return " " + body
	}
	return body
}

func formatInt(n int64, sp fmtSpec) (string, error) {
	neg := n < 0
	u := uint64(n)
	if neg {
		u = uint64(-n)
	}
	var body, prefix string
	switch sp.typ {
	case 0, 'd', 'n':
		body = group(strconv.FormatUint(u, 10), sp.grouping, 3)
	case 'b':
		body, prefix = strconv.FormatUint(u, 2), "0b"
	case 'o':
		body, prefix = strconv.FormatUint(u, 8), "0o"
	case 'x':
		body, prefix = strconv.FormatUint(u, 16), "0x"
	case 'X':
		body, prefix = strings.ToUpper(strconv.FormatUint(u, 16)), "0X"
	case 'c':
		return pad(string(rune(n)), sp, '<'), nil
	case 'e', 'E', 'f', 'F', 'g', 'G', '%':
		return formatFloat(float64(n), sp)
	default:
		return "", value.EvalErrorf("Unknown format code '%c' for object of type 'int'", sp.typ)
	}
	if sp.alt {
		body = prefix + body
	}
	return pad(signed(neg, body, sp), sp, '>'), nil
}

func formatFloat(f float64, sp fmtSpec) (string, error) {
	neg := math.Signbit(f) && !math.IsNaN(f)
	a := math.Abs(f)
	prec := sp.precision
	var body string
	switch {
	case math.IsNaN(f):
		body = "nan"
	case math.IsInf(f, 0):
		body = "inf"
	default:
		switch sp.typ {
		case 'f', 'F':
			if prec < 0 {
				prec = 6
			}
			body = strconv.FormatFloat(a, 'f', prec, 64)
		case 'e', 'E':
			if prec < 0 {
				prec = 6
			}
			body = pyExp(strconv.FormatFloat(a, 'e', prec, 64))
		case '%':
			if prec < 0 {
				prec = 6
			}
			body = strconv.FormatFloat(a*100, 'f', prec, 64) + "%"
		case 'g', 'G':
			if prec < 0 {
				prec = 6
			}
			if prec == 0 {
				prec = 1
			}
			body = pyGeneral(a, prec, sp.alt)
		case 0:
			if prec < 0 {
				body = value.FloatString(a)
				if strings.Contains(body, "e") {
					body = value.PyFloatString(a)
				}
			} else {
				body = pyGeneral(a, prec, false)
				if !strings.ContainsAny(body, ".e") {
					body += ".0"
				}
			}
		case 'n':
			body = pyGeneral(a, 6, false)
		default:
			return "", value.EvalErrorf("Unknown format code '%c' for object of type 'float'", sp.typ)
		}
	}
	if sp.typ == 'E' || sp.typ == 'F' || sp.typ == 'G' {
		body = strings.ToUpper(body)
	}
	body = group(body, sp.grouping, 3)
	return pad(signed(neg, body, sp), sp, '>'), nil
}

// pyExp converts Go exponent form "1.5e+02" to Python's "1.5e+02"
// (already two digits) and "1e+100" unchanged.
func pyExp(s string) string { return s }

func pyGeneral(a float64, prec int, alt bool) string {
	if a == 0 {
		return "0"
	}
	exp := int(math.Floor(math.Log10(a)))
	// use the exponent after rounding
	es := strconv.FormatFloat(a, 'e', prec-1, 64)
	if k := strings.IndexByte(es, 'e'); k >= 0 {
		exp, _ = strconv.Atoi(es[k+1:])
	}
	var s string
	if exp < -4 || exp >= prec {
		s = strconv.FormatFloat(a, 'e', prec-1, 64)
		if !alt {
			m, e, _ := strings.Cut(s, "e")
			if strings.Contains(m, ".") {
				m = strings.TrimRight(strings.TrimRight(m, "0"), ".")
			}
			s = m + "e" + e
		}
	} else {
		s = strconv.FormatFloat(a, 'f', max(prec-1-exp, 0), 64)
		if !alt && strings.Contains(s, ".") {
			s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
		}
	}
	return s
}
