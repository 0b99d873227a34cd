package types

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/kclx-dev/kclx/kcl/syntax"
)

// Kind is the kind of a type.
type Kind uint8

const (
	KAny Kind = iota
	KNone
	KVoid // the bottom type
	KBool
	KBoolLit
	KInt
	KIntLit
	KFloat
	KFloatLit
	KStr
	KStrLit
	KList
	KDict
	KUnion
	KSchema
	KNumberMultiplier
	KFunc
	KModule
	KNamed // an unresolved named type (schema or alias name)
)

// Type is a KCL type. Types are immutable once built: share them freely.
type Type struct {
	Kind Kind

	BoolVal  bool
	IntVal   int64
	FloatVal float64
	StrVal   string // StrLit value; Named name

	Elem  *Type     // List item type; Dict value type
	Key   *Type     // Dict key type
	Attrs *AttrList // Dict: per-key types of a dict literal (may be nil)
	Types []*Type   // Union members

	Schema   *Schema // KSchema
	Instance bool    // KSchema: an instance (value) of the schema rather than the schema itself

	Func   *Func   // KFunc
	Module *Module // KModule
	NM     *NumberMultiplier

	IsAlias bool // built from a type alias

	// ConfigOf is set on the dict type of a config literal whose entries
	// were already checked one by one against this schema; assigning it
	// to the schema needs no further check.
	ConfigOf *Schema
}

// Basic shared types.
var (
	Any   = &Type{Kind: KAny}
	None  = &Type{Kind: KNone}
	Void  = &Type{Kind: KVoid}
	Bool  = &Type{Kind: KBool}
	Int   = &Type{Kind: KInt}
	Float = &Type{Kind: KFloat}
	Str   = &Type{Kind: KStr}
	// NumberMultiplierType is units.NumberMultiplier (not a literal).
	NumberMultiplierType = &Type{Kind: KNumberMultiplier, NM: &NumberMultiplier{}}
	AnyList              = ListOf(Any)
	AnyDict              = DictOf(Any, Any)
	StrList              = ListOf(Str)
	IntList              = ListOf(Int)
	StrAnyDict           = DictOf(Str, Any)
)

// NumberMultiplier describes a number-multiplier type; Literal ones are
// the type of a literal such as 1Ki.
type NumberMultiplier struct {
	Value   float64
	Raw     int64
	Suffix  string
	Literal bool
}

// ModuleKind is the kind of an imported module.
type ModuleKind uint8

const (
	ModUser ModuleKind = iota
	ModSystem
	ModPlugin
)

// Module is the type of an imported module.
type Module struct {
	PkgPath string
	Kind    ModuleKind
}

// Param is a function or schema parameter.
type Param struct {
	Name       string
	Type       *Type
	HasDefault bool
}

// Func is a function type.
type Func struct {
	Params   []Param
	Ret      *Type
	Variadic bool
	// KwOnlyIndex is the index of the first keyword-only parameter, or -1.
	KwOnlyIndex int
	Self        *Type // receiver type for member functions, or nil
	Doc         string
	Name        string // for builtins; "" for lambdas
}

// Attr is a schema attribute or a dict literal key.
type Attr struct {
	Name       string
	Type       *Type
	Optional   bool
	HasDefault bool
	Doc        string
	Pos, End   syntax.Pos
	Decorators []Decorator
	// Node is the declaring AST node (*ast.SchemaAttr, *ast.AssignStmt,
	// ...) or nil.
	Node any
}

// AttrList is an ordered map of attributes.
type AttrList struct {
	names []string
	m     map[string]*Attr
}

// NewAttrList returns an empty list.
func NewAttrList() *AttrList { return &AttrList{m: map[string]*Attr{}} }

// NewAttrListSize returns an empty list with room for n attributes.
func NewAttrListSize(n int) *AttrList {
	return &AttrList{names: make([]string, 0, n), m: make(map[string]*Attr, n)}
}

// Clone returns a copy of l holding the same attributes; setting an
// attribute of the copy leaves l unchanged.
func (l *AttrList) Clone() *AttrList {
	if l == nil {
		return NewAttrList()
	}
	m := maps.Clone(l.m)
	if m == nil {
		m = map[string]*Attr{}
	}
	return &AttrList{names: slices.Clip(slices.Clone(l.names)), m: m}
}

// Get returns the attribute called name, or nil.
func (l *AttrList) Get(name string) *Attr {
	if l == nil {
		return nil
	}
	return l.m[name]
}

// Set adds or replaces an attribute (keeping its first position).
func (l *AttrList) Set(a *Attr) {
	if _, ok := l.m[a.Name]; !ok {
		l.names = append(l.names, a.Name)
	}
	l.m[a.Name] = a
}

// Names returns the attribute names in order.
func (l *AttrList) Names() []string {
	if l == nil {
		return nil
	}
	return l.names
}

// Len returns the number of attributes.
func (l *AttrList) Len() int {
	if l == nil {
		return 0
	}
	return len(l.names)
}

// Decorator is a decorator applied to a schema or attribute.
type Decorator struct {
	Name     string
	Target   string // "schema" or "attribute"
	Key      string // schema or attribute name
	Keywords map[string]string
}

// IndexSignature is a schema index signature [key: K]: V.
type IndexSignature struct {
	KeyName  string
	Key      *Type
	Value    *Type
	AnyOther bool // [...str]: V
}

// String returns the upstream notation ([name: ...str]: V).
func (s *IndexSignature) String() string {
	b := "["
	if s.KeyName != "" {
		b += s.KeyName + ": "
	}
	if s.AnyOther {
		b += "..."
	}
	return b + s.Key.String() + "]: " + s.Value.String()
}

// Schema is a schema, mixin, protocol or rule definition.
type Schema struct {
	Name     string
	PkgPath  string
	Filename string
	Doc      string

	IsMixin, IsProtocol, IsRule bool

	Base     *Schema
	Protocol *Schema
	Mixins   []*Schema // for rules: parent rules
	Attrs    *AttrList // own attributes (and mixin attributes)
	Params   []Param
	Index    *IndexSignature
	// Decorators of the schema itself.
	Decorators []Decorator

	Pos, End syntax.Pos // the name
	Node     any        // *ast.SchemaStmt or *ast.RuleStmt
}

// FullName is the name with the package path for non-main packages
// ("@pkg.Name" as upstream prints it), the bare name in the main package.
func (s *Schema) FullName() string {
	if s.PkgPath == "" || s.PkgPath == "__main__" {
		return s.Name
	}
	return "@" + s.PkgPath + "." + s.Name
}

// AttrOf looks attr up in s, its bases and its protocol.
func (s *Schema) AttrOf(name string) *Attr {
	for depth, t := 0, s; t != nil && depth < 256; depth++ {
		if a := t.Attrs.Get(name); a != nil {
			return a
		}
		if t.Base == nil {
			if t.Protocol != nil {
				return t.Protocol.AttrOf(name)
			}
			return nil
		}
		t = t.Base
	}
	return nil
}

// AllAttrNames lists attribute names of s and its bases (bases first).
func (s *Schema) AllAttrNames() []string {
	var chain []*Schema
	for t, d := s, 0; t != nil && d < 256; t, d = t.Base, d+1 {
		chain = append(chain, t)
	}
	seen := map[string]bool{}
	var out []string
	for i := len(chain) - 1; i >= 0; i-- {
		for _, n := range chain[i].Attrs.Names() {
			if !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	return out
}

// IsSubOf reports whether s is t or inherits from it.
func (s *Schema) IsSubOf(t *Schema) bool {
	for x, d := s, 0; x != nil && d < 256; x, d = x.Base, d+1 {
		if x == t || x.FullName() == t.FullName() {
			return true
		}
	}
	return false
}

// ----------------------------------------------------------------------------
// Constructors

// ListOf returns [elem].
func ListOf(elem *Type) *Type { return &Type{Kind: KList, Elem: elem} }

// DictOf returns {key:val}.
func DictOf(key, val *Type) *Type { return &Type{Kind: KDict, Key: key, Elem: val} }

// DictWithAttrs returns {key:val} remembering per-key types.
func DictWithAttrs(key, val *Type, attrs *AttrList) *Type {
	return &Type{Kind: KDict, Key: key, Elem: val, Attrs: attrs}
}

// UnionOf returns a union of ts as given (no simplification; see Sup).
func UnionOf(ts ...*Type) *Type { return &Type{Kind: KUnion, Types: ts} }

// BoolLitOf returns the literal type of b.
func BoolLitOf(b bool) *Type { return &Type{Kind: KBoolLit, BoolVal: b} }

// IntLitOf returns the literal type of i.
func IntLitOf(i int64) *Type { return &Type{Kind: KIntLit, IntVal: i} }

// FloatLitOf returns the literal type of f.
func FloatLitOf(f float64) *Type { return &Type{Kind: KFloatLit, FloatVal: f} }

// StrLitOf returns the literal type of s.
func StrLitOf(s string) *Type { return &Type{Kind: KStrLit, StrVal: s} }

// NamedOf returns an unresolved named type.
func NamedOf(name string) *Type { return &Type{Kind: KNamed, StrVal: name} }

// NumberMultiplierLit returns the type of a literal such as 1Ki.
func NumberMultiplierLit(value float64, raw int64, suffix string) *Type {
	return &Type{Kind: KNumberMultiplier, NM: &NumberMultiplier{Value: value, Raw: raw, Suffix: suffix, Literal: true}}
}

// FuncOf returns a function type.
func FuncOf(params []Param, ret *Type, variadic bool) *Type {
	return &Type{Kind: KFunc, Func: &Func{Params: params, Ret: ret, Variadic: variadic, KwOnlyIndex: -1}}
}

// SchemaOf returns the type of schema s (the definition) or, with
// instance, of its instances.
func SchemaOf(s *Schema, instance bool) *Type {
	return &Type{Kind: KSchema, Schema: s, Instance: instance}
}

// ModuleOf returns the type of an imported module.
func ModuleOf(pkgpath string, kind ModuleKind) *Type {
	return &Type{Kind: KModule, Module: &Module{PkgPath: pkgpath, Kind: kind}}
}

// Number is int | float.
var Number = UnionOf(Int, Float)

// Iterable is str | {any:any} | [any].
var Iterable = UnionOf(Str, AnyDict, AnyList)

// ----------------------------------------------------------------------------
// Predicates (upstream's type flags: a literal type also has the flag of
// its base type)

func (t *Type) IsAny() bool       { return t == nil || t.Kind == KAny }
func (t *Type) IsNone() bool      { return t != nil && t.Kind == KNone }
func (t *Type) IsVoid() bool      { return t != nil && t.Kind == KVoid }
func (t *Type) IsBool() bool      { return t != nil && (t.Kind == KBool || t.Kind == KBoolLit) }
func (t *Type) IsInt() bool       { return t != nil && (t.Kind == KInt || t.Kind == KIntLit) }
func (t *Type) IsFloat() bool     { return t != nil && (t.Kind == KFloat || t.Kind == KFloatLit) }
func (t *Type) IsStr() bool       { return t != nil && (t.Kind == KStr || t.Kind == KStrLit) }
func (t *Type) IsList() bool      { return t != nil && t.Kind == KList }
func (t *Type) IsDict() bool      { return t != nil && t.Kind == KDict }
func (t *Type) IsSchema() bool    { return t != nil && t.Kind == KSchema }
func (t *Type) IsUnion() bool     { return t != nil && t.Kind == KUnion }
func (t *Type) IsFunc() bool      { return t != nil && t.Kind == KFunc }
func (t *Type) IsModule() bool    { return t != nil && t.Kind == KModule }
func (t *Type) IsNumber() bool    { return t.IsInt() || t.IsFloat() }
func (t *Type) IsNoneOrAny() bool { return t.IsNone() || t.IsAny() }

// IsNumberMultiplier reports whether t is a number-multiplier type.
func (t *Type) IsNumberMultiplier() bool { return t != nil && t.Kind == KNumberMultiplier }

// IsLiteral reports whether t is a literal type.
func (t *Type) IsLiteral() bool {
	if t == nil {
		return false
	}
	switch t.Kind {
	case KBoolLit, KIntLit, KFloatLit, KStrLit:
		return true
	}
	return false
}

// IsPrimitive reports whether t is bool, int, float or str (not literal).
func (t *Type) IsPrimitive() bool {
	if t == nil {
		return false
	}
	switch t.Kind {
	case KBool, KInt, KFloat, KStr:
		return true
	}
	return false
}

// IsDictOrSchema reports whether t is a dict or schema type.
func (t *Type) IsDictOrSchema() bool { return t.IsDict() || t.IsSchema() }

// IsIterable reports whether values of t can be iterated.
func (t *Type) IsIterable() bool { return t.IsStr() || t.IsList() || t.IsDict() || t.IsSchema() }

// IsKey reports whether t can be a config key type (str, str literal or a
// union of them).
func (t *Type) IsKey() bool {
	if t == nil {
		return false
	}
	switch t.Kind {
	case KStr, KStrLit:
		return true
	case KUnion:
		for _, m := range t.Types {
			if !m.IsKey() {
				return false
			}
		}
		return true
	}
	return false
}

// IsAssignable reports whether a value may have type t (modules, named
// and void types are not).
func (t *Type) IsAssignable() bool {
	if t == nil {
		return true
	}
	switch t.Kind {
	case KVoid, KModule, KNamed:
		return false
	}
	return true
}

// IsSchemaDef reports whether t is a schema definition (not an instance).
func (t *Type) IsSchemaDef() bool { return t.IsSchema() && !t.Instance }

// ListElem returns the item type of a list type (any otherwise).
func (t *Type) ListElem() *Type {
	if t.IsList() && t.Elem != nil {
		return t.Elem
	}
	return Any
}

// DictKey and DictVal return the entry types of a dict type.
func (t *Type) DictKey() *Type {
	if t.IsDict() && t.Key != nil {
		return t.Key
	}
	return Any
}

func (t *Type) DictVal() *Type {
	if t.IsDict() && t.Elem != nil {
		return t.Elem
	}
	return Any
}

// ConfigKey returns the key type of a dict or schema type.
func (t *Type) ConfigKey() *Type {
	switch {
	case t.IsDict():
		return t.DictKey()
	case t.IsSchema():
		return Str
	}
	return Any
}

// ConfigVal returns the value type of a dict or schema type.
func (t *Type) ConfigVal() *Type {
	switch {
	case t.IsDict():
		return t.DictVal()
	case t.IsSchema():
		return t.Schema.ValType()
	}
	return Any
}

// ValType is the value type of a schema's index signature, or any.
func (s *Schema) ValType() *Type {
	if s.Index != nil {
		return s.Index.Value
	}
	return Any
}

// InstanceOf returns t as an instance type (for schema types).
func (t *Type) InstanceOf() *Type {
	if t.IsSchema() && !t.Instance {
		c := *t
		c.Instance = true
		return &c
	}
	return t
}

// ----------------------------------------------------------------------------
// Printing

// String returns the type as upstream prints it in diagnostics
// (ty_str): int(1), str(a), [int], {str:any}, A | B, module 'pkg', ...
func (t *Type) String() string {
	var b strings.Builder
	t.write(&b, 0)
	return b.String()
}

func (t *Type) write(b *strings.Builder, depth int) {
	if t == nil {
		b.WriteString("any")
		return
	}
	if depth > 64 {
		b.WriteString("...")
		return
	}
	switch t.Kind {
	case KAny:
		b.WriteString("any")
	case KNone:
		b.WriteString("NoneType")
	case KVoid:
		b.WriteString("void")
	case KBool:
		b.WriteString("bool")
	case KBoolLit:
		if t.BoolVal {
			b.WriteString("bool(True)")
		} else {
			b.WriteString("bool(False)")
		}
	case KInt:
		b.WriteString("int")
	case KIntLit:
		b.WriteString("int(" + strconv.FormatInt(t.IntVal, 10) + ")")
	case KFloat:
		b.WriteString("float")
	case KFloatLit:
		b.WriteString("float(" + FormatFloat(t.FloatVal) + ")")
	case KStr:
		b.WriteString("str")
	case KStrLit:
		b.WriteString("str(" + t.StrVal + ")")
	case KList:
		b.WriteByte('[')
		t.ListElem().write(b, depth+1)
		b.WriteByte(']')
	case KDict:
		b.WriteByte('{')
		t.DictKey().write(b, depth+1)
		b.WriteByte(':')
		t.DictVal().write(b, depth+1)
		b.WriteByte('}')
	case KUnion:
		for i, m := range t.Types {
			if i > 0 {
				b.WriteString(" | ")
			}
			m.write(b, depth+1)
		}
	case KSchema:
		b.WriteString(t.Schema.Name)
	case KNumberMultiplier:
		if t.NM != nil && t.NM.Literal {
			b.WriteString("number_multiplier(" + strconv.FormatInt(t.NM.Raw, 10) + t.NM.Suffix + ")")
		} else {
			b.WriteString("number_multiplier")
		}
	case KFunc:
		b.WriteByte('(')
		for i, p := range t.Func.Params {
			if i > 0 {
				b.WriteString(", ")
			}
			p.Type.write(b, depth+1)
		}
		b.WriteString(") -> ")
		t.Func.Ret.write(b, depth+1)
	case KModule:
		b.WriteString("module '" + t.Module.PkgPath + "'")
	case KNamed:
		b.WriteString(t.StrVal)
	}
}

// FormatFloat formats f as Rust's Display for f64 does: the shortest
// round-trip digits, never an exponent ("0", "1.5", "100000000000000000000").
func FormatFloat(f float64) string {
	switch {
	case f != f:
		return "NaN"
	case f > 1.7976931348623157e308:
		return "inf"
	case f < -1.7976931348623157e308:
		return "-inf"
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// AnnotationString returns t as a type annotation (schema names with
// their package path).
func (t *Type) AnnotationString() string {
	switch t.Kind {
	case KNone:
		return "None"
	case KBoolLit:
		if t.BoolVal {
			return "True"
		}
		return "False"
	case KIntLit:
		return strconv.FormatInt(t.IntVal, 10)
	case KFloatLit:
		return FormatFloat(t.FloatVal)
	case KStrLit:
		return strconv.Quote(t.StrVal)
	case KList:
		return "[" + t.ListElem().AnnotationString() + "]"
	case KDict:
		return "{" + t.DictKey().AnnotationString() + ":" + t.DictVal().AnnotationString() + "}"
	case KUnion:
		parts := make([]string, len(t.Types))
		for i, m := range t.Types {
			parts[i] = m.AnnotationString()
		}
		return strings.Join(parts, " | ")
	case KSchema:
		return t.Schema.FullName()
	case KFunc:
		parts := make([]string, len(t.Func.Params))
		for i, p := range t.Func.Params {
			parts[i] = p.Type.AnnotationString()
		}
		return "(" + strings.Join(parts, ", ") + ") -> " + t.Func.Ret.AnnotationString()
	}
	return t.String()
}
