package types

import "strings"

// maxDepth bounds recursion over (possibly cyclic through schemas) types.
const maxDepth = 64

// Subsume reports whether a value of type lhs may be used where rhs is
// expected (upstream `subsume`). With checkLeftAny an any lhs is accepted.
func Subsume(lhs, rhs *Type, checkLeftAny bool) bool {
	return subsume(lhs, rhs, checkLeftAny, 0)
}

func subsume(lhs, rhs *Type, checkLeftAny bool, depth int) bool {
	if depth > maxDepth {
		return true
	}
	switch {
	case (checkLeftAny && lhs.IsAny()) || rhs.IsAny() || lhs.IsNone():
		return true
	case lhs.IsUnion():
		for _, t := range lhs.Types {
			if !subsume(t, rhs, false, depth+1) {
				return false
			}
		}
		return true
	case rhs.IsUnion():
		for _, t := range rhs.Types {
			if subsume(lhs, t, false, depth+1) {
				return true
			}
		}
		return false
	case lhs.IsSchema():
		return rhs.IsSchema() && lhs.Schema.IsSubOf(rhs.Schema)
	case lhs.IsInt() && rhs.IsFloat():
		return true
	case lhs.IsNumberMultiplier() && rhs.IsNumberMultiplier():
		l, r := lhs.NM, rhs.NM
		switch {
		case l.Literal && r.Literal:
			return l.Raw == r.Raw && l.Suffix == r.Suffix
		case l.Literal && !r.Literal:
			return true
		}
		return l.Literal || !r.Literal
	case lhs.IsPrimitive() && rhs.IsPrimitive():
		return lhs.Kind == rhs.Kind
	case lhs.IsLiteral():
		switch {
		case rhs.IsLiteral():
			return sameLiteral(lhs, rhs)
		case rhs.IsPrimitive():
			if rhs.IsFloat() && !lhs.IsStr() {
				return true
			}
			// Upstream compares the printed forms: int(1) contains int.
			return strings.Contains(lhs.String(), rhs.String())
		}
		return false
	case lhs.IsList() && rhs.IsList():
		return subsume(lhs.ListElem(), rhs.ListElem(), checkLeftAny, depth+1)
	case lhs.IsDict() && rhs.IsDict():
		return subsume(lhs.DictKey(), rhs.DictKey(), checkLeftAny, depth+1) &&
			subsume(lhs.DictVal(), rhs.DictVal(), checkLeftAny, depth+1)
	case lhs.IsStr() && rhs.IsLiteral() && rhs.IsStr():
		return true
	case lhs.IsFunc() && rhs.IsFunc():
		lf, rf := lhs.Func, rhs.Func
		ok := len(lf.Params) == len(rf.Params)
		for i := 0; ok && i < len(lf.Params); i++ {
			ok = subsume(rf.Params[i].Type, lf.Params[i].Type, checkLeftAny, depth+1)
		}
		return ok && subsume(lf.Ret, rf.Ret, checkLeftAny, depth+1)
	}
	return Equal(lhs, rhs)
}

func sameLiteral(a, b *Type) bool {
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case KBoolLit:
		return a.BoolVal == b.BoolVal
	case KIntLit:
		return a.IntVal == b.IntVal
	case KFloatLit:
		return a.FloatVal == b.FloatVal
	case KStrLit:
		return a.StrVal == b.StrVal
	}
	return false
}

// Equal reports whether two types are structurally the same.
func Equal(a, b *Type) bool { return equal(a, b, 0) }

func equal(a, b *Type, depth int) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil {
		return a.IsAny() && b.IsAny()
	}
	if depth > maxDepth {
		return true
	}
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case KBoolLit, KIntLit, KFloatLit, KStrLit:
		return sameLiteral(a, b)
	case KList:
		return equal(a.ListElem(), b.ListElem(), depth+1)
	case KDict:
		return equal(a.DictKey(), b.DictKey(), depth+1) && equal(a.DictVal(), b.DictVal(), depth+1)
	case KUnion:
		if len(a.Types) != len(b.Types) {
			return false
		}
		for i := range a.Types {
			if !equal(a.Types[i], b.Types[i], depth+1) {
				return false
			}
		}
		return true
	case KSchema:
		return a.Instance == b.Instance && (a.Schema == b.Schema || a.Schema.FullName() == b.Schema.FullName())
	case KNumberMultiplier:
		return *a.NM == *b.NM
	case KFunc:
		if len(a.Func.Params) != len(b.Func.Params) || a.Func.Variadic != b.Func.Variadic {
			return false
		}
		for i := range a.Func.Params {
			if !equal(a.Func.Params[i].Type, b.Func.Params[i].Type, depth+1) {
				return false
			}
		}
		return equal(a.Func.Ret, b.Func.Ret, depth+1)
	case KModule:
		return a.Module.PkgPath == b.Module.PkgPath
	case KNamed:
		return a.StrVal == b.StrVal
	}
	return true
}

// AssignableTo reports whether a value of type t can be assigned where
// expected is declared.
func AssignableTo(t, expected *Type) bool {
	if !t.IsAssignable() {
		return false
	}
	return Subsume(t, expected, true)
}

// IsUpperBound reports whether upper is an upper bound of t.
func IsUpperBound(upper, t *Type) bool { return Subsume(t, upper, false) }

// HasAny reports whether one of ts is any.
func HasAny(ts ...*Type) bool {
	for _, t := range ts {
		if t.IsAny() {
			return true
		}
	}
	return false
}

// Sup returns the least upper bound of ts as upstream computes it: unions
// flattened, void dropped, duplicates and subtypes removed; any for none,
// the single type for one, else a union.
func Sup(ts ...*Type) *Type { return typeOf(ts, true) }

// Union returns the flattened union of ts without removing subtypes.
func Union(ts ...*Type) *Type { return typeOf(ts, false) }

func typeOf(ts []*Type, removeSub bool) *Type {
	var set []*Type
	var add func(t *Type, depth int)
	add = func(t *Type, depth int) {
		if t == nil {
			t = Any
		}
		if t.IsUnion() && depth < maxDepth {
			for _, m := range t.Types {
				add(m, depth+1)
			}
			return
		}
		if t.IsVoid() {
			return
		}
		for _, s := range set {
			if s == t {
				return
			}
		}
		set = append(set, t)
	}
	for _, t := range ts {
		add(t, 0)
	}
	if removeSub && len(set) > 1 {
		remove := make([]bool, len(set))
		for i := range set {
			for j := i + 1; j < len(set); j++ {
				if subsume(set[i], set[j], false, 0) {
					remove[i] = true
				} else if subsume(set[j], set[i], false, 0) {
					remove[j] = true
				}
			}
		}
		kept := set[:0:0]
		for i, t := range set {
			if !remove[i] {
				kept = append(kept, t)
			}
		}
		set = kept
	}
	switch len(set) {
	case 0:
		return Any
	case 1:
		return set[0]
	}
	return UnionOf(set...)
}

// InferToVariable widens a value type to the type of a variable holding
// it: None → any, literals → their base type, recursively through lists,
// dicts and unions.
func InferToVariable(t *Type) *Type { return infer(t, 0) }

func infer(t *Type, depth int) *Type {
	if t == nil || depth > maxDepth {
		return Any
	}
	switch t.Kind {
	case KNone:
		return Any
	case KBoolLit:
		return Bool
	case KIntLit:
		return Int
	case KFloatLit:
		return Float
	case KStrLit:
		return Str
	case KList:
		return ListOf(infer(t.ListElem(), depth+1))
	case KDict:
		return DictWithAttrs(infer(t.DictKey(), depth+1), infer(t.DictVal(), depth+1), t.Attrs)
	case KUnion:
		ms := make([]*Type, len(t.Types))
		for i, m := range t.Types {
			ms[i] = infer(m, depth+1)
		}
		return Sup(ms...)
	}
	return t
}

// LiteralUnionToVariable widens unions of literals (1|2 → int); other
// types are returned unchanged.
func LiteralUnionToVariable(t *Type) *Type {
	if t.IsUnion() {
		return InferToVariable(t)
	}
	return t
}

// allOf reports whether t (or every member of a union t) satisfies pred.
func allOf(t *Type, pred func(*Type) bool) bool {
	if t.IsUnion() {
		for _, m := range t.Types {
			if !pred(m) {
				return false
			}
		}
		return true
	}
	return pred(t)
}

// IsNumberOrUnion reports whether t is int/float or a union of them.
func IsNumberOrUnion(t *Type) bool { return allOf(t, (*Type).IsNumber) }

// IsNumberBoolOrUnion reports whether t is int/float/bool or a union of them.
func IsNumberBoolOrUnion(t *Type) bool {
	return allOf(t, func(t *Type) bool { return t.IsNumber() || t.IsBool() })
}

// IsConfigOrUnion reports whether t is dict/schema or a union of them.
func IsConfigOrUnion(t *Type) bool { return allOf(t, (*Type).IsDictOrSchema) }

// IsStrOrUnion reports whether t is str or a union of strs.
func IsStrOrUnion(t *Type) bool { return allOf(t, (*Type).IsStr) }

// IsPrimitiveOrUnion reports whether t is int/float/bool/str or a union of them.
func IsPrimitiveOrUnion(t *Type) bool {
	return allOf(t, func(t *Type) bool { return t.IsNumber() || t.IsBool() || t.IsStr() })
}

// IsMulValOrUnion reports whether t is int/float/str/list or a union of them.
func IsMulValOrUnion(t *Type) bool {
	return allOf(t, func(t *Type) bool { return t.IsNumber() || t.IsStr() || t.IsList() })
}
