package types

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseTypeString parses a type written in KCL annotation syntax: any,
// bool, int, float, str, None, [T], {K:V}, A | B, (T1, T2) -> R, literal
// types ("a", 1, 1.5, True, False) and names (Name, pkg.Name), which are
// returned as unresolved named types.
func ParseTypeString(s string) (*Type, error) {
	p := &typeParser{src: s}
	t := p.union(0)
	p.skipSpace()
	if p.err == nil && p.pos < len(p.src) {
		p.err = fmt.Errorf("unexpected %q at offset %d in type %q", p.src[p.pos:], p.pos, s)
	}
	if p.err != nil {
		return Any, p.err
	}
	return t, nil
}

// MustParseType is ParseTypeString for trusted tables; it panics on error.
func MustParseType(s string) *Type {
	t, err := ParseTypeString(s)
	if err != nil {
		panic(err)
	}
	return t
}

type typeParser struct {
	src string
	pos int
	err error
}

func (p *typeParser) skipSpace() {
	for p.pos < len(p.src) && (p.src[p.pos] == ' ' || p.src[p.pos] == '\t') {
		p.pos++
	}
}

func (p *typeParser) peek() byte {
	p.skipSpace()
	if p.pos < len(p.src) {
		return p.src[p.pos]
	}
	return 0
}

func (p *typeParser) expect(c byte) {
	if p.peek() != c {
		if p.err == nil {
			p.err = fmt.Errorf("expected %q at offset %d in type %q", c, p.pos, p.src)
		}
		return
	}
	p.pos++
}

func (p *typeParser) union(depth int) *Type {
	if depth > maxDepth {
		p.err = fmt.Errorf("type nested too deeply")
		return Any
	}
	t := p.primary(depth)
	if p.peek() != '|' {
		return t
	}
	ts := []*Type{t}
	for p.err == nil && p.peek() == '|' {
		p.pos++
		ts = append(ts, p.primary(depth))
	}
	return UnionOf(ts...)
}

func (p *typeParser) primary(depth int) *Type {
	if p.err != nil {
		return Any
	}
	switch c := p.peek(); {
	case c == '[':
		p.pos++
		if p.peek() == ']' {
			p.pos++
			return ListOf(Any)
		}
		elem := p.union(depth + 1)
		p.expect(']')
		return ListOf(elem)
	case c == '{':
		p.pos++
		key, val := Any, Any
		if p.peek() != ':' {
			key = p.union(depth + 1)
		}
		p.expect(':')
		if p.peek() != '}' {
			val = p.union(depth + 1)
		}
		p.expect('}')
		return DictOf(key, val)
	case c == '(':
		p.pos++
		var params []Param
		for p.err == nil && p.peek() != ')' {
			params = append(params, Param{Type: p.union(depth + 1)})
			if p.peek() == ',' {
				p.pos++
			} else {
				break
			}
		}
		p.expect(')')
		ret := Any
		p.skipSpace()
		if strings.HasPrefix(p.src[p.pos:], "->") {
			p.pos += 2
			ret = p.union(depth + 1)
		}
		return FuncOf(params, ret, false)
	case c == '"' || c == '\'':
		end := strings.IndexByte(p.src[p.pos+1:], c)
		if end < 0 {
			p.err = fmt.Errorf("unterminated string in type %q", p.src)
			return Any
		}
		s := p.src[p.pos+1 : p.pos+1+end]
		p.pos += end + 2
		return StrLitOf(s)
	case c == '-' || c >= '0' && c <= '9':
		start := p.pos
		p.pos++
		for p.pos < len(p.src) && (p.src[p.pos] >= '0' && p.src[p.pos] <= '9' || p.src[p.pos] == '.' || p.src[p.pos] == 'e' || p.src[p.pos] == 'E') {
			p.pos++
		}
		lit := p.src[start:p.pos]
		if i, err := strconv.ParseInt(lit, 10, 64); err == nil {
			return IntLitOf(i)
		}
		if f, err := strconv.ParseFloat(lit, 64); err == nil {
			return FloatLitOf(f)
		}
		p.err = fmt.Errorf("bad number %q in type", lit)
		return Any
	case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '@':
		start := p.pos
		for p.pos < len(p.src) {
			c := p.src[p.pos]
			if c == '_' || c == '.' || c == '@' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
				p.pos++
				continue
			}
			break
		}
		return basicOrNamed(p.src[start:p.pos])
	}
	p.err = fmt.Errorf("unexpected %q at offset %d in type %q", p.src[p.pos:], p.pos, p.src)
	return Any
}

// basicOrNamed returns the builtin type called name, or a named type.
func basicOrNamed(name string) *Type {
	switch name {
	case "any":
		return Any
	case "bool":
		return Bool
	case "int":
		return Int
	case "float":
		return Float
	case "str":
		return Str
	case "None", "Undefined":
		return None
	case "True":
		return BoolLitOf(true)
	case "False":
		return BoolLitOf(false)
	case "NumberMultiplier", "units.NumberMultiplier":
		return NumberMultiplierType
	}
	return NamedOf(name)
}

// BuiltinTypeNames are the names reserved for builtin types.
var BuiltinTypeNames = []string{"any", "int", "float", "bool", "str"}

// IsBuiltinTypeName reports whether name is a reserved builtin type name.
func IsBuiltinTypeName(name string) bool {
	for _, n := range BuiltinTypeNames {
		if n == name {
			return true
		}
	}
	return false
}
