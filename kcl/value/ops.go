package value

import (
	"math"
	"sort"
	"strings"
	"unicode/utf8"
)

// Truthy reports KCL truthiness: None, Undefined, False, 0, 0.0, "", [],
// {} and empty schemas are false.
func Truthy(v Value) bool {
	switch v := v.(type) {
	case nil, undefinedValue, noneValue:
		return false
	case Bool:
		return bool(v)
	case Int:
		return v != 0
	case Float:
		return v != 0
	case Unit:
		return v.Value != 0
	case Str:
		return v != ""
	case *List:
		return len(v.Items) > 0
	case *Dict:
		return v.Len() > 0
	case *Schema:
		return v.Attrs.Len() > 0
	case *Func:
		return true
	}
	return true
}

// Equal reports deep equality (==): numbers compare across int/float/unit,
// lists element-wise, dicts and schemas key-wise ignoring order, None ==
// None, Undefined == Undefined.
func Equal(a, b Value) bool { return equal(a, b, 0) }

func equal(a, b Value, depth int) bool {
	if depth > maxStringDepth {
		return false
	}
	if a == nil {
		a = Undefined
	}
	if b == nil {
		b = Undefined
	}
	switch x := a.(type) {
	case Int, Float, Unit:
		if _, isBool := b.(Bool); isBool {
			return false
		}
		if xi, ok := x.(Int); ok {
			if yi, ok := b.(Int); ok {
				return xi == yi
			}
		}
		fa, _ := AsFloat(a)
		fb, ok := AsFloat(b)
		return ok && fa == fb
	case Bool:
		y, ok := b.(Bool)
		return ok && x == y
	case Str:
		y, ok := b.(Str)
		return ok && x == y
	case *List:
		y, ok := b.(*List)
		if !ok || len(x.Items) != len(y.Items) {
			return false
		}
		for i := range x.Items {
			if !equal(x.Items[i], y.Items[i], depth+1) {
				return false
			}
		}
		return true
	case *Dict:
		return dictEqual(x, b, depth)
	case *Schema:
		return dictEqual(x.Attrs, b, depth)
	case *Func:
		y, ok := b.(*Func)
		return ok && x == y
	}
	return a == b
}

func dictEqual(x *Dict, b Value, depth int) bool {
	y := ConfigDict(b)
	if y == nil {
		return false
	}
	if x.Len() != y.Len() {
		return false
	}
	for _, e := range x.entries {
		v, ok := y.Get(e.Key)
		if !ok || !equal(e.Value, v, depth+1) {
			return false
		}
	}
	return true
}

// Compare orders a and b for <, <=, >, >=: numbers (not bools) with
// numbers, strings lexicographically, lists lexicographically. It returns
// -1, 0 or 1, or an error for unorderable operands (op names the operator
// for the message).
func Compare(a, b Value, op string) (int, error) {
	if xb, ok := a.(Bool); ok {
		if _, isBool := b.(Bool); !isBool {
			if _, isNum := numberAsFloat(b); isNum {
				a = Int(boolToInt(bool(xb)))
			}
		}
	}
	if yb, ok := b.(Bool); ok {
		if _, isBool := a.(Bool); !isBool {
			if _, isNum := numberAsFloat(a); isNum {
				b = Int(boolToInt(bool(yb)))
			}
		}
	}
	switch x := a.(type) {
	case Int:
		if y, ok := b.(Int); ok {
			return compare(int64(x), int64(y)), nil
		}
		if y, ok := numberAsFloat(b); ok {
			return compare(float64(x), y), nil
		}
	case Float, Unit:
		fx, _ := AsFloat(x)
		if y, ok := numberAsFloat(b); ok {
			return compare(fx, y), nil
		}
	case Bool:
		if y, ok := b.(Bool); ok {
			bx, by := 0, 0
			if x {
				bx = 1
			}
			if y {
				by = 1
			}
			return compare(int64(bx), int64(by)), nil
		}
	case Str:
		if y, ok := b.(Str); ok {
			return strings.Compare(string(x), string(y)), nil
		}
	case *List:
		if y, ok := b.(*List); ok {
			for i := 0; i < len(x.Items) && i < len(y.Items); i++ {
				if Equal(x.Items[i], y.Items[i]) {
					continue
				}
				return Compare(x.Items[i], y.Items[i], op)
			}
			return compare(int64(len(x.Items)), int64(len(y.Items))), nil
		}
	}
	return 0, EvalErrorf("'%s' not supported between instances of '%s' and '%s'", op, TypeName(a), TypeName(b))
}

func boolToInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func numberAsFloat(v Value) (float64, bool) {
	switch v := v.(type) {
	case Int:
		return float64(v), true
	case Float:
		return float64(v), true
	case Unit:
		return v.Value, true
	}
	return 0, false
}

// compare returns -1, 0 or 1 as a is less than, equal to or greater
// than b; unlike cmp.Compare, a NaN compares equal to everything.
func compare[T int64 | float64](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Contains implements `x in y`: substring for strings, element for lists,
// key for dicts and schemas. Other containers report false.
func Contains(container, x Value) bool {
	switch c := container.(type) {
	case Str:
		s, ok := x.(Str)
		return ok && strings.Contains(string(c), string(s))
	case *List:
		for _, e := range c.Items {
			if Equal(e, x) {
				return true
			}
		}
		return false
	case *Dict:
		k, ok := x.(Str)
		return ok && c.Has(string(k))
	case *Schema:
		k, ok := x.(Str)
		return ok && c.Attrs.Has(string(k))
	}
	return false
}

// Len returns len(v) for strings (characters), lists, dicts and schemas.
func Len(v Value) (int, error) {
	switch v := v.(type) {
	case Str:
		return utf8.RuneCountInString(string(v)), nil
	case *List:
		return len(v.Items), nil
	case *Dict:
		return v.Len(), nil
	case *Schema:
		return v.Attrs.Len(), nil
	}
	return 0, EvalErrorf("object of type '%s' has no len()", TypeName(v))
}

// Iterate returns the items iterated by `for x in v`: list items,
// string characters, dict/schema keys. A None or Undefined iterates
// nothing.
func Iterate(v Value) ([]Value, error) {
	switch v := v.(type) {
	case *List:
		return v.Items, nil
	case *Dict:
		return strValues(v.Keys()), nil
	case *Schema:
		return strValues(v.Attrs.Keys()), nil
	case Str:
		out := make([]Value, 0, len(v))
		for _, r := range string(v) {
			out = append(out, Str(string(r)))
		}
		return out, nil
	case nil, undefinedValue, noneValue:
		return nil, nil
	}
	return nil, EvalErrorf("'%s' object is not iterable", TypeName(v))
}

func strValues(keys []string) []Value {
	out := make([]Value, len(keys))
	for i, k := range keys {
		out[i] = Str(k)
	}
	return out
}

// SortValues sorts vs in place in ascending order (numbers, strings, lists
// compare as Compare; mixed incomparable kinds are an error).
func SortValues(vs []Value) error {
	var err error
	sort.SliceStable(vs, func(i, j int) bool {
		c, e := Compare(vs[i], vs[j], "<")
		if e != nil && err == nil {
			err = e
		}
		return c < 0
	})
	return err
}

// DeepCopy copies lists, dicts and schema instances recursively; scalars
// and functions are shared.
func DeepCopy(v Value) Value { return deepCopy(v, 0) }

func deepCopy(v Value, depth int) Value {
	if depth > maxEncodeDepth {
		return v
	}
	switch v := v.(type) {
	case *List:
		out := &List{Items: make([]Value, len(v.Items))}
		for i, e := range v.Items {
			out.Items[i] = deepCopy(e, depth+1)
		}
		return out
	case *Dict:
		out := v.Copy()
		for i := range out.entries {
			out.entries[i].Value = deepCopy(out.entries[i].Value, depth+1)
		}
		return out
	case *Schema:
		c := *v
		c.Attrs = deepCopy(v.Attrs, depth+1).(*Dict)
		return &c
	}
	return v
}

// FloatIsInt reports whether f is integral.
func FloatIsInt(f float64) bool { return f == math.Trunc(f) && !math.IsInf(f, 0) }
