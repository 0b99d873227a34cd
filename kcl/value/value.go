package value

import (
	"math"
	"strings"
)

// Kind identifies the dynamic kind of a Value.
type Kind uint8

// The value kinds, in upstream's order.
const (
	UndefinedKind Kind = iota
	NoneKind
	BoolKind
	IntKind
	FloatKind
	UnitKind // number with a multiplier suffix (1Ki)
	StrKind
	ListKind
	DictKind
	SchemaKind
	FuncKind
)

var kindNames = [...]string{
	UndefinedKind: "UndefinedType",
	NoneKind:      "NoneType",
	BoolKind:      "bool",
	IntKind:       "int",
	FloatKind:     "float",
	UnitKind:      "number_multiplier",
	StrKind:       "str",
	ListKind:      "list",
	DictKind:      "dict",
	SchemaKind:    "schema",
	FuncKind:      "function",
}

// String returns upstream's type name of the kind as used in runtime error
// messages ("NoneType", "int", "dict", ...).
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Value is a KCL runtime value. The concrete types are:
//
//	Undefined, None   singletons of unexported types
//	Bool, Int, Float  plain Go scalars
//	Unit              a number with a multiplier suffix (1Ki)
//	Str               a string
//	*List, *Dict      mutable containers (reference semantics)
//	*Schema           a schema instance
//	*Func             a callable (lambda, builtin, schema type, rule)
//
// Scalars are immutable; *List and *Dict are shared by reference, so code
// that must not alias (assignment of a schema attribute, union) copies
// explicitly.
type Value interface {
	Kind() Kind
}

type undefinedValue struct{}
type noneValue struct{}

func (undefinedValue) Kind() Kind { return UndefinedKind }
func (noneValue) Kind() Kind      { return NoneKind }

// Undefined is KCL's Undefined; None is KCL's None. Compare with ==.
var (
	Undefined Value = undefinedValue{}
	None      Value = noneValue{}
)

// Bool is a KCL bool.
type Bool bool

// Int is a KCL int (64-bit).
type Int int64

// Float is a KCL float (64-bit).
type Float float64

// Str is a KCL string (UTF-8).
type Str string

// True and False are the two Bool values.
const (
	True  Bool = true
	False Bool = false
)

func (Bool) Kind() Kind  { return BoolKind }
func (Int) Kind() Kind   { return IntKind }
func (Float) Kind() Kind { return FloatKind }
func (Str) Kind() Kind   { return StrKind }

// Unit is a number written with a multiplier suffix, e.g. 1Ki. Value is the
// multiplied number, Raw the literal's integer part and Suffix the suffix.
// str(1Ki) is "1Ki"; in JSON and YAML output a Unit is the float Value.
type Unit struct {
	Value  float64
	Raw    int64
	Suffix string
}

func (Unit) Kind() Kind { return UnitKind }

// UnitMultiplier returns the multiplier of a unit suffix (n u m k K M G T P
// Ki Mi Gi Ti Pi, also E and Ei) and whether the suffix is known.
func UnitMultiplier(suffix string) (float64, bool) {
	switch suffix {
	case "n":
		return 1e-9, true
	case "u":
		return 1e-6, true
	case "m":
		return 1e-3, true
	case "k", "K":
		return 1e3, true
	case "M":
		return 1e6, true
	case "G":
		return 1e9, true
	case "T":
		return 1e12, true
	case "P":
		return 1e15, true
	case "E":
		return 1e18, true
	case "Ki":
		return 1 << 10, true
	case "Mi":
		return 1 << 20, true
	case "Gi":
		return 1 << 30, true
	case "Ti":
		return 1 << 40, true
	case "Pi":
		return 1 << 50, true
	case "Ei":
		return 1 << 60, true
	case "":
		return 1, true
	}
	return 0, false
}

// NewUnit returns raw*multiplier(suffix) as a Unit.
func NewUnit(raw int64, suffix string) Unit {
	m, _ := UnitMultiplier(suffix)
	return Unit{Value: float64(raw) * m, Raw: raw, Suffix: suffix}
}

// List is a KCL list. Items may be appended or replaced in place.
type List struct {
	Items []Value
}

func (*List) Kind() Kind { return ListKind }

// NewList returns a list holding items (not copied).
func NewList(items ...Value) *List { return &List{Items: items} }

// Len returns the number of items.
func (l *List) Len() int { return len(l.Items) }

// Append appends v.
func (l *List) Append(v ...Value) { l.Items = append(l.Items, v...) }

// Copy returns a shallow copy.
func (l *List) Copy() *List {
	return &List{Items: append([]Value(nil), l.Items...)}
}

// Func is a callable value: a lambda, a builtin or system-module function,
// a schema type or a rule. Call runs it; Impl is the evaluator's payload
// (e.g. its closure or schema type) and is opaque to other packages.
// Calling a Func with a nil Call reports an error instead of panicking.
type Func struct {
	Name string
	// IsType marks a schema or rule type (typeof() is "type").
	IsType bool
	// ParamTypes are the declared parameter types of a lambda ("" when
	// none), for builtins that check them (reduce).
	ParamTypes []string
	Call       func(args []Value, kwargs *Dict) (Value, error)
	Impl       any
}

func (*Func) Kind() Kind { return FuncKind }

// Invoke calls f with args and kwargs (kwargs may be nil).
func (f *Func) Invoke(args []Value, kwargs *Dict) (Value, error) {
	if f == nil || f.Call == nil {
		return nil, Errorf(TypeError, "'%s' object is not callable", "NoneType")
	}
	return f.Call(args, kwargs)
}

// Schema is a schema instance: its type name, package path and attribute
// values in declaration/insertion order. Type is the evaluator's schema type
// (opaque here) and is used for runtime type checks, instances() and
// re-evaluation on merge.
type Schema struct {
	Name    string // "Person"
	PkgPath string // "__main__" for the main package, else "a.b"
	Attrs   *Dict
	Type    any
	// ConfigKeys records the attribute names set by instantiation config
	// (used when a schema is merged into another); see HasConfigKey and
	// AddConfigKey. Instances may share the slice: never modify it in
	// place.
	ConfigKeys []string
	// IsRule marks an instance of a rule.
	IsRule bool
	// ArgValues and KwargValues are the arguments the instance was
	// created with (Schema(args) {...}); merging re-evaluates with them.
	ArgValues   []Value
	KwargValues *Dict
}

// HasConfigKey reports whether attribute k was set by the instantiation
// config.
func (s *Schema) HasConfigKey(k string) bool {
	for _, c := range s.ConfigKeys {
		if c == k {
			return true
		}
	}
	return false
}

// AddConfigKey records that attribute k was set by config.
func (s *Schema) AddConfigKey(k string) {
	if !s.HasConfigKey(k) {
		s.ConfigKeys = append(s.ConfigKeys[:len(s.ConfigKeys):len(s.ConfigKeys)], k)
	}
}

// Args returns the instantiation arguments.
func (s *Schema) Args() ([]Value, *Dict) { return s.ArgValues, s.KwargValues }

func (*Schema) Kind() Kind { return SchemaKind }

// FullName returns "pkg.Name" or just "Name" in the main package.
func (s *Schema) FullName() string {
	if s.PkgPath == "" || s.PkgPath == MainPkg {
		return s.Name
	}
	return s.PkgPath + "." + s.Name
}

// MainPkg is the package path of the main package.
const MainPkg = "__main__"

// Get returns attribute name.
func (s *Schema) Get(name string) (Value, bool) { return s.Attrs.Get(name) }

// ---------------------------------------------------------------------------
// Constructors and accessors

// FromGo converts plain Go data (nil, bool, ints, floats, string, []any,
// map[string]any with sorted keys, []Value, Value) to a Value. Unknown types
// become None.
func FromGo(x any) Value {
	switch x := x.(type) {
	case nil:
		return None
	case Value:
		return x
	case bool:
		return Bool(x)
	case int:
		return Int(x)
	case int64:
		return Int(x)
	case int32:
		return Int(x)
	case uint64:
		if x > math.MaxInt64 {
			return Float(float64(x))
		}
		return Int(x)
	case float64:
		return Float(x)
	case float32:
		return Float(x)
	case string:
		return Str(x)
	case []string:
		l := &List{Items: make([]Value, len(x))}
		for i, s := range x {
			l.Items[i] = Str(s)
		}
		return l
	case []any:
		l := &List{Items: make([]Value, len(x))}
		for i, e := range x {
			l.Items[i] = FromGo(e)
		}
		return l
	case map[string]any:
		d := NewDict()
		for _, k := range sortedKeys(x) {
			d.Set(k, FromGo(x[k]))
		}
		return d
	}
	return None
}

// ToGo converts v to plain Go data: nil (None/Undefined), bool, int64,
// float64 (also for Unit), string, []any, and *OrderedMap-free
// map[string]any (key order is lost; use Dict directly to keep it).
// Functions become nil.
func ToGo(v Value) any {
	switch v := v.(type) {
	case Bool:
		return bool(v)
	case Int:
		return int64(v)
	case Float:
		return float64(v)
	case Unit:
		return v.Value
	case Str:
		return string(v)
	case *List:
		out := make([]any, len(v.Items))
		for i, e := range v.Items {
			out[i] = ToGo(e)
		}
		return out
	case *Dict:
		out := make(map[string]any, v.Len())
		for _, e := range v.entries {
			out[e.Key] = ToGo(e.Value)
		}
		return out
	case *Schema:
		return ToGo(v.Attrs)
	}
	return nil
}

// IsNullish reports whether v is None or Undefined (or a nil interface).
func IsNullish(v Value) bool {
	return v == nil || v == None || v == Undefined
}

// IsUndefined reports whether v is Undefined (or a nil interface).
func IsUndefined(v Value) bool { return v == nil || v == Undefined }

// IsHidden reports whether an attribute or variable name is hidden from
// output (starts with '_').
func IsHidden(name string) bool { return strings.HasPrefix(name, "_") }

// TypeName returns upstream's runtime type name of v as used in "expect T,
// got U" messages and by typeof(): "int", "float", "str", "bool", "list",
// "dict", "NoneType", "UndefinedType", "function", "number_multiplier" or
// the schema name.
func TypeName(v Value) string {
	switch v := v.(type) {
	case nil:
		return "UndefinedType"
	case *Schema:
		return v.Name
	}
	return v.Kind().String()
}

// AsInt returns v as int64 when v is an Int or Bool.
func AsInt(v Value) (int64, bool) {
	switch v := v.(type) {
	case Int:
		return int64(v), true
	case Bool:
		if v {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

// AsFloat returns v as float64 when v is a number (Int, Float, Unit, Bool).
func AsFloat(v Value) (float64, bool) {
	switch v := v.(type) {
	case Int:
		return float64(v), true
	case Float:
		return float64(v), true
	case Unit:
		return v.Value, true
	case Bool:
		if v {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

// AsStr returns v as a Go string when v is a Str.
func AsStr(v Value) (string, bool) {
	s, ok := v.(Str)
	return string(s), ok
}

// IsNumber reports whether v is an Int, Float or Unit.
func IsNumber(v Value) bool {
	switch v.(type) {
	case Int, Float, Unit:
		return true
	}
	return false
}
