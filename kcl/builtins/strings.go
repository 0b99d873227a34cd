package builtins

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kclx-dev/kclx/kcl/value"
)

// StrMethodFunc is a string method: s is the receiver.
type StrMethodFunc func(ctx *Context, s value.Str, args []value.Value, kwargs *value.Dict) (value.Value, error)

// StrMethod returns the string method name ("upper", "split", ...).
func StrMethod(name string) (StrMethodFunc, bool) {
	f, ok := strMethods[name]
	return f, ok
}

var strMethods map[string]StrMethodFunc

func init() {
	strMethods = map[string]StrMethodFunc{
		"capitalize": func(_ *Context, s value.Str, _ []value.Value, _ *value.Dict) (value.Value, error) {
			r := []rune(string(s))
			if len(r) == 0 {
				return s, nil
			}
			return value.Str(strings.ToUpper(string(r[0])) + strings.ToLower(string(r[1:]))), nil
		},
		"chars": func(_ *Context, s value.Str, _ []value.Value, _ *value.Dict) (value.Value, error) {
			items, _ := value.Iterate(s)
			return &value.List{Items: items}, nil
		},
		"count": func(_ *Context, s value.Str, a []value.Value, k *value.Dict) (value.Value, error) {
			sub, sl, err := subRange("count", s, a, k, "sub")
			if err != nil {
				return nil, err
			}
			if sub == "" {
				return value.Int(utf8.RuneCountInString(sl) + 1), nil
			}
			return value.Int(strings.Count(sl, sub)), nil
		},
		"endswith": func(_ *Context, s value.Str, a []value.Value, k *value.Dict) (value.Value, error) {
			sub, sl, err := subRange("endswith", s, a, k, "val")
			if err != nil {
				return nil, err
			}
			return value.Bool(strings.HasSuffix(sl, sub)), nil
		},
		"startswith": func(_ *Context, s value.Str, a []value.Value, k *value.Dict) (value.Value, error) {
			sub, sl, err := subRange("startswith", s, a, k, "val")
			if err != nil {
				return nil, err
			}
			return value.Bool(strings.HasPrefix(sl, sub)), nil
		},
		"find": func(_ *Context, s value.Str, a []value.Value, k *value.Dict) (value.Value, error) {
			return findImpl("find", s, a, k, false, false)
		},
		"rfind": func(_ *Context, s value.Str, a []value.Value, k *value.Dict) (value.Value, error) {
			return findImpl("rfind", s, a, k, true, false)
		},
		"index": func(_ *Context, s value.Str, a []value.Value, k *value.Dict) (value.Value, error) {
			return findImpl("index", s, a, k, false, true)
		},
		"rindex": func(_ *Context, s value.Str, a []value.Value, k *value.Dict) (value.Value, error) {
			return findImpl("rindex", s, a, k, true, true)
		},
		"format": func(c *Context, s value.Str, a []value.Value, k *value.Dict) (value.Value, error) {
			r, err := FormatString(string(s), a, k)
			if err != nil {
				return nil, err
			}
			if err := c.checkStrLen(int64(len(r))); err != nil {
				return nil, err
			}
			return value.Str(r), nil
		},
		"isalnum": strPred(func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsNumber(r) }),
		"isalpha": strPred(unicode.IsLetter),
		"isdigit": strPred(func(r rune) bool { return unicode.IsDigit(r) || unicode.Is(unicode.No, r) }),
		"isspace": strPred(unicode.IsSpace),
		"islower": func(_ *Context, s value.Str, _ []value.Value, _ *value.Dict) (value.Value, error) {
			return value.Bool(caseCheck(string(s), unicode.IsLower, unicode.IsUpper)), nil
		},
		"isupper": func(_ *Context, s value.Str, _ []value.Value, _ *value.Dict) (value.Value, error) {
			return value.Bool(caseCheck(string(s), unicode.IsUpper, unicode.IsLower)), nil
		},
		"istitle": func(_ *Context, s value.Str, _ []value.Value, _ *value.Dict) (value.Value, error) {
			return value.Bool(isTitle(string(s))), nil
		},
		"join": func(c *Context, s value.Str, a []value.Value, k *value.Dict) (value.Value, error) {
			v, _ := Arg(a, k, 0, "iter")
			items, err := value.Iterate(v)
			if err != nil {
				return nil, err
			}
			parts := make([]string, len(items))
			total := int64(len(s)) * int64(max(len(items)-1, 0))
			for i, it := range items {
				str, ok := it.(value.Str)
				if !ok {
					return nil, value.EvalErrorf("sequence item %d: expected str instance, %s found", i, value.TypeName(it))
				}
				parts[i] = string(str)
				total += int64(len(str))
			}
			if err := c.checkStrLen(total); err != nil {
				return nil, err
			}
			return value.Str(strings.Join(parts, string(s))), nil
		},
		"lower": func(_ *Context, s value.Str, _ []value.Value, _ *value.Dict) (value.Value, error) {
			return value.Str(strings.ToLower(string(s))), nil
		},
		"upper": func(_ *Context, s value.Str, _ []value.Value, _ *value.Dict) (value.Value, error) {
			return value.Str(strings.ToUpper(string(s))), nil
		},
		"lstrip": stripFn(strings.TrimLeftFunc, strings.TrimLeft),
		"rstrip": stripFn(strings.TrimRightFunc, strings.TrimRight),
		"strip":  stripFn(strings.TrimFunc, strings.Trim),
		"replace": func(c *Context, s value.Str, a []value.Value, k *value.Dict) (value.Value, error) {
			old, _, err := StrArg("replace", a, k, 0, "old")
			if err != nil {
				return nil, err
			}
			nw, _, err := StrArg("replace", a, k, 1, "new")
			if err != nil {
				return nil, err
			}
			n, err := IntArg("replace", a, k, 2, "count", -1)
			if err != nil {
				return nil, err
			}
			if len(nw) > len(old) {
				m := int64(strings.Count(string(s), old))
				if n >= 0 && n < m {
					m = n
				}
				if m > 0 && int64(len(nw)-len(old)) > (1<<62)/m {
					m = 1 << 62 / int64(len(nw)-len(old)) // overflow: surely too large
				}
				if err := c.checkStrLen(int64(len(s)) + m*int64(len(nw)-len(old))); err != nil {
					return nil, err
				}
			}
			return value.Str(strings.Replace(string(s), old, nw, int(n))), nil
		},
		"removeprefix": func(_ *Context, s value.Str, a []value.Value, k *value.Dict) (value.Value, error) {
			p, _, err := StrArg("removeprefix", a, k, 0, "prefix")
			if err != nil {
				return nil, err
			}
			return value.Str(strings.TrimPrefix(string(s), p)), nil
		},
		"removesuffix": func(_ *Context, s value.Str, a []value.Value, k *value.Dict) (value.Value, error) {
			p, _, err := StrArg("removesuffix", a, k, 0, "suffix")
			if err != nil {
				return nil, err
			}
			return value.Str(strings.TrimSuffix(string(s), p)), nil
		},
		"split": func(_ *Context, s value.Str, a []value.Value, k *value.Dict) (value.Value, error) {
			return splitImpl(s, a, k, false)
		},
		"rsplit": func(_ *Context, s value.Str, a []value.Value, k *value.Dict) (value.Value, error) {
			return splitImpl(s, a, k, true)
		},
		"splitlines": func(_ *Context, s value.Str, a []value.Value, k *value.Dict) (value.Value, error) {
			keep := BoolArg(a, k, 0, "keepends", false)
			return strList(splitLines(string(s), keep)), nil
		},
		"title": func(_ *Context, s value.Str, _ []value.Value, _ *value.Dict) (value.Value, error) {
			return value.Str(title(string(s))), nil
		},
	}
}

func strList(parts []string) *value.List {
	l := &value.List{Items: make([]value.Value, len(parts))}
	for i, p := range parts {
		l.Items[i] = value.Str(p)
	}
	return l
}

func strPred(f func(rune) bool) StrMethodFunc {
	return func(_ *Context, s value.Str, _ []value.Value, _ *value.Dict) (value.Value, error) {
		if s == "" {
			return value.False, nil
		}
		for _, r := range string(s) {
			if !f(r) {
				return value.False, nil
			}
		}
		return value.True, nil
	}
}

func caseCheck(s string, want, other func(rune) bool) bool {
	cased := false
	for _, r := range s {
		if other(r) {
			return false
		}
		if want(r) {
			cased = true
		}
	}
	return cased
}

func isTitle(s string) bool {
	cased, prevCased := false, false
	for _, r := range s {
		switch {
		case unicode.IsUpper(r) || unicode.IsTitle(r):
			if prevCased {
				return false
			}
			prevCased, cased = true, true
		case unicode.IsLower(r):
			if !prevCased {
				return false
			}
			prevCased, cased = true, true
		default:
			prevCased = false
		}
	}
	return cased
}

func title(s string) string {
	var b strings.Builder
	prevCased := false
	for _, r := range s {
		if unicode.IsLetter(r) {
			if prevCased {
				b.WriteRune(unicode.ToLower(r))
			} else {
				b.WriteRune(unicode.ToTitle(r))
			}
			prevCased = true
		} else {
			b.WriteRune(r)
			prevCased = false
		}
	}
	return b.String()
}

func stripFn(fnFunc func(string, func(rune) bool) string, fnSet func(string, string) string) StrMethodFunc {
	return func(_ *Context, s value.Str, a []value.Value, k *value.Dict) (value.Value, error) {
		v, ok := Arg(a, k, 0, "chars")
		if !ok || v == value.None {
			return value.Str(fnFunc(string(s), unicode.IsSpace)), nil
		}
		chars, isStr := v.(value.Str)
		if !isStr {
			return nil, value.EvalErrorf("strip arg must be None or str")
		}
		return value.Str(fnSet(string(s), string(chars))), nil
	}
}

// runeSlice returns s[start:end] by character positions with Python
// slice semantics for the optional start/end arguments at index i, i+1.
func runeSlice(s value.Str, a []value.Value, k *value.Dict, i int) (string, int) {
	runes := []rune(string(s))
	n := len(runes)
	start, end := 0, n
	if v, ok := Arg(a, k, i, "start"); ok && v != value.None {
		if x, ok := value.AsInt(v); ok {
			start = clampIdx(int(x), n)
		}
	}
	if v, ok := Arg(a, k, i+1, "end"); ok && v != value.None {
		if x, ok := value.AsInt(v); ok {
			end = clampIdx(int(x), n)
		}
	}
	if start > end {
		return "", start
	}
	return string(runes[start:end]), start
}

func clampIdx(i, n int) int {
	if i < 0 {
		i += n
		if i < 0 {
			i = 0
		}
	}
	if i > n {
		i = n
	}
	return i
}

func subRange(fn string, s value.Str, a []value.Value, k *value.Dict, name string) (string, string, error) {
	sub, ok, err := StrArg(fn, a, k, 0, name)
	if err != nil {
		return "", "", err
	}
	if !ok {
		return "", "", missingArg(fn, name)
	}
	sl, _ := runeSlice(s, a, k, 1)
	return sub, sl, nil
}

func findImpl(fn string, s value.Str, a []value.Value, k *value.Dict, reverse, raise bool) (value.Value, error) {
	sub, ok, err := StrArg(fn, a, k, 0, "sub")
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, missingArg(fn, "sub")
	}
	sl, start := runeSlice(s, a, k, 1)
	var idx int
	if reverse {
		idx = strings.LastIndex(sl, sub)
	} else {
		idx = strings.Index(sl, sub)
	}
	if idx < 0 {
		if raise {
			return nil, value.EvalErrorf("substring not found")
		}
		return value.Int(-1), nil
	}
	return value.Int(start + utf8.RuneCountInString(sl[:idx])), nil
}

func splitImpl(s value.Str, a []value.Value, k *value.Dict, reverse bool) (value.Value, error) {
	sepV, hasSep := Arg(a, k, 0, "sep")
	if hasSep && sepV == value.None {
		hasSep = false
	}
	maxsplit, err := IntArg("split", a, k, 1, "maxsplit", -1)
	if err != nil {
		return nil, err
	}
	str := string(s)
	if !hasSep {
		fields := strings.Fields(str)
		if maxsplit < 0 || int(maxsplit) >= len(fields)-1 {
			return strList(fields), nil
		}
		// whitespace split with a limit
		if !reverse {
			var out []string
			rest := strings.TrimLeftFunc(str, unicode.IsSpace)
			for i := 0; i < int(maxsplit) && rest != ""; i++ {
				j := strings.IndexFunc(rest, unicode.IsSpace)
				if j < 0 {
					break
				}
				out = append(out, rest[:j])
				rest = strings.TrimLeftFunc(rest[j:], unicode.IsSpace)
			}
			if rest != "" {
				out = append(out, rest)
			}
			return strList(out), nil
		}
		var out []string
		rest := strings.TrimRightFunc(str, unicode.IsSpace)
		for i := 0; i < int(maxsplit) && rest != ""; i++ {
			j := strings.LastIndexFunc(rest, unicode.IsSpace)
			if j < 0 {
				break
			}
			out = append([]string{rest[j+1:]}, out...)
			rest = strings.TrimRightFunc(rest[:j], unicode.IsSpace)
		}
		if rest != "" {
			out = append([]string{rest}, out...)
		}
		return strList(out), nil
	}
	sep, ok := sepV.(value.Str)
	if !ok {
		return nil, value.EvalErrorf("must be str or None, not %s", value.TypeName(sepV))
	}
	if sep == "" {
		return nil, value.EvalErrorf("empty separator")
	}
	if maxsplit < 0 {
		return strList(strings.Split(str, string(sep))), nil
	}
	if !reverse {
		return strList(strings.SplitN(str, string(sep), int(maxsplit)+1)), nil
	}
	var out []string
	rest := str
	for i := 0; i < int(maxsplit); i++ {
		j := strings.LastIndex(rest, string(sep))
		if j < 0 {
			break
		}
		out = append([]string{rest[j+len(sep):]}, out...)
		rest = rest[:j]
	}
	out = append([]string{rest}, out...)
	return strList(out), nil
}

func splitLines(s string, keep bool) []string {
	var out []string
	runes := []rune(s)
	start := 0
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		isBreak := false
		width := 1
		switch r {
		case '\n', '\v', '\f', '\x1c', '\x1d', '\x1e', 0x85, 0x2028, 0x2029:
			isBreak = true
		case '\r':
			isBreak = true
			if i+1 < len(runes) && runes[i+1] == '\n' {
				width = 2
			}
		}
		if !isBreak {
			continue
		}
		end := i
		if keep {
			end = i + width
		}
		out = append(out, string(runes[start:end]))
		i += width - 1
		start = i + 1
	}
	if start < len(runes) {
		out = append(out, string(runes[start:]))
	}
	return out
}
