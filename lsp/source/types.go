package source

import (
	"sort"
	"strings"
)

// Type is the resolver's view of a KCL type: enough for navigation,
// hover, completion and inlay hints (it is not a type checker).
type Type interface {
	String() string
}

// basicType is any, bool, int, float, str, None, number_multiplier...
type basicType struct{ name string }

func (t *basicType) String() string { return t.name }

var (
	tAny       = &basicType{"any"}
	tBool      = &basicType{"bool"}
	tInt       = &basicType{"int"}
	tFloat     = &basicType{"float"}
	tStr       = &basicType{"str"}
	tNone      = &basicType{"NoneType"}
	tUndefined = &basicType{"UndefinedType"}
)

// litType is a literal type: 1, "a", True (Base is the basic type).
type litType struct {
	base  *basicType
	value string // source spelling ("1", "\"A\"", "True")
}

func (t *litType) String() string { return t.value }

// unitType is a number with a unit suffix (1Ki).
type unitType struct{ value string }

func (t *unitType) String() string { return "number_multiplier(" + t.value + ")" }

// listType is [Elem].
type listType struct{ elem Type }

func (t *listType) String() string { return "[" + typeStr(t.elem) + "]" }

// dictType is {Key:Val}.
type dictType struct {
	key, val Type
	// attrs are the known keys of a dict literal with their value types,
	// in order (for completion on dict values).
	attrs []dictAttr
}

type dictAttr struct {
	name string
	typ  Type
	obj  *Object
}

func (t *dictType) String() string { return "{" + typeStr(t.key) + ":" + typeStr(t.val) + "}" }

// unionType is A | B.
type unionType struct{ types []Type }

func (t *unionType) String() string {
	parts := make([]string, len(t.types))
	for i, x := range t.types {
		parts[i] = typeStr(x)
	}
	return strings.Join(parts, " | ")
}

// schemaType is a schema: the type of its instances (instance) or of the
// schema name itself used as a value (not instance).
type schemaType struct {
	info     *schemaInfo
	instance bool
}

func (t *schemaType) String() string {
	if t.info == nil {
		return "any"
	}
	return t.info.name
}

// funcType is a function or lambda type.
type funcType struct {
	params   []funcParam
	ret      Type
	variadic bool
	// self is the receiver type for methods (str methods), shown in hover.
	self string
}

type funcParam struct {
	name     string
	typ      Type
	optional bool
	def      string // default value text, when known
	obj      *Object
	variadic bool // *args or **kwargs
}

func (t *funcType) String() string {
	parts := make([]string, len(t.params))
	for i, p := range t.params {
		parts[i] = typeStr(p.typ)
	}
	return "(" + strings.Join(parts, ", ") + ") -> " + typeStr(t.ret)
}

// moduleType is an imported package or system module.
type moduleType struct {
	pkgpath string
	system  bool
	plugin  bool
	pkg     *pkgInfo // user packages
}

func (t *moduleType) String() string { return "module " + t.pkgpath }

// typeAliasType wraps the target of a type alias (shown by alias name).
func typeStr(t Type) string {
	if t == nil {
		return "any"
	}
	return t.String()
}

// widen turns literal types into their basic types (for inferred
// variable types, as upstream's inlay hints show them).
func widen(t Type) Type {
	switch t := t.(type) {
	case *litType:
		return t.base
	case *listType:
		return &listType{elem: widen(t.elem)}
	case *dictType:
		return &dictType{key: widen(t.key), val: widen(t.val), attrs: t.attrs}
	case *unionType:
		return unionOf(mapTypes(t.types, widen)...)
	case *basicType:
		if t == tNone || t == tUndefined {
			return tAny
		}
	}
	return t
}

func mapTypes(ts []Type, f func(Type) Type) []Type {
	out := make([]Type, len(ts))
	for i, t := range ts {
		out[i] = f(t)
	}
	return out
}

// unionOf builds a union, flattening nested unions and dropping
// duplicates (by spelling); one member is returned as is, none is any.
func unionOf(ts ...Type) Type {
	var flat []Type
	seen := map[string]bool{}
	var add func(t Type)
	add = func(t Type) {
		if u, ok := t.(*unionType); ok {
			for _, x := range u.types {
				add(x)
			}
			return
		}
		if t == nil {
			t = tAny
		}
		s := t.String()
		if seen[s] {
			return
		}
		seen[s] = true
		flat = append(flat, t)
	}
	for _, t := range ts {
		add(t)
	}
	switch len(flat) {
	case 0:
		return tAny
	case 1:
		return flat[0]
	}
	return &unionType{types: flat}
}

// elemType returns the element type when iterating t.
func elemType(t Type) Type {
	switch t := t.(type) {
	case *listType:
		return t.elem
	case *dictType:
		return t.key
	case *basicType:
		if t == tStr {
			return tStr
		}
	case *litType:
		if t.base == tStr {
			return tStr
		}
	case *unionType:
		return unionOf(mapTypes(t.types, elemType)...)
	}
	return tAny
}

// isStr reports whether t is str or a string literal type.
func isStr(t Type) bool {
	switch t := t.(type) {
	case *basicType:
		return t == tStr
	case *litType:
		return t.base == tStr
	}
	return false
}

// schemasOf returns the schemas a type may hold (itself, union members,
// not list or dict elements).
func schemasOf(t Type) []*schemaInfo {
	switch t := t.(type) {
	case *schemaType:
		if t.info != nil {
			return []*schemaInfo{t.info}
		}
	case *unionType:
		var out []*schemaInfo
		for _, x := range t.types {
			out = append(out, schemasOf(x)...)
		}
		return out
	}
	return nil
}

// sortedNames returns the keys of m, sorted.
func sortedNames[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
