package x2kcl

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Kind is the kind of a data Node.
type Kind uint8

// Node kinds.
const (
	Null Kind = iota
	Bool
	Int
	Float
	String
	Map
	List
)

func (k Kind) String() string {
	switch k {
	case Null:
		return "null"
	case Bool:
		return "boolean"
	case Int:
		return "integer"
	case Float:
		return "number"
	case String:
		return "string"
	case Map:
		return "object"
	case List:
		return "array"
	}
	return "unknown"
}

// Node is one value of a decoded data document (JSON, YAML or TOML) with
// the order of map keys kept and the source line of the value.
//
// Scalars keep their value as text: a String its decoded value, a Bool
// "true" or "false", an Int its value in decimal, a Float the literal as
// written (or as normalised by the decoder). Int and Float also carry the
// numeric value in Num.
type Node struct {
	Kind  Kind
	Text  string
	Num   float64
	Pairs []Pair  // Map entries in document order
	Items []*Node // List elements
	Line  int     // 1-based source line, 0 when unknown

	index map[string]int // lazily built key index for large maps
}

// Pair is one key/value entry of a Map node.
type Pair struct {
	Key   string
	Value *Node
}

// Get returns the value of key in a Map node, or nil.
func (n *Node) Get(key string) *Node {
	if n == nil || n.Kind != Map {
		return nil
	}
	if len(n.Pairs) > 16 {
		if n.index == nil {
			n.index = make(map[string]int, len(n.Pairs))
			for i, p := range n.Pairs {
				n.index[p.Key] = i
			}
		}
		if i, ok := n.index[key]; ok {
			return n.Pairs[i].Value
		}
		return nil
	}
	for i := range n.Pairs {
		if n.Pairs[i].Key == key {
			return n.Pairs[i].Value
		}
	}
	return nil
}

// Has reports whether a Map node has key.
func (n *Node) Has(key string) bool { return n.Get(key) != nil }

// Str returns the text of a String node, or "" for any other node.
func (n *Node) Str() string {
	if n == nil || n.Kind != String {
		return ""
	}
	return n.Text
}

// IsTrue reports whether n is the boolean true.
func (n *Node) IsTrue() bool { return n != nil && n.Kind == Bool && n.Text == "true" }

// IsNumber reports whether n is an Int or a Float.
func (n *Node) IsNumber() bool { return n != nil && (n.Kind == Int || n.Kind == Float) }

// Keys returns the keys of a Map node in order.
func (n *Node) Keys() []string {
	if n == nil || n.Kind != Map {
		return nil
	}
	keys := make([]string, len(n.Pairs))
	for i, p := range n.Pairs {
		keys[i] = p.Key
	}
	return keys
}

// NewString returns a String node.
func NewString(s string) *Node { return &Node{Kind: String, Text: s} }

// NewBool returns a Bool node.
func NewBool(b bool) *Node {
	if b {
		return &Node{Kind: Bool, Text: "true"}
	}
	return &Node{Kind: Bool, Text: "false"}
}

// NewInt returns an Int node.
func NewInt(i int64) *Node {
	return &Node{Kind: Int, Text: strconv.FormatInt(i, 10), Num: float64(i)}
}

// NewFloat returns a Float node.
func NewFloat(f float64) *Node {
	return &Node{Kind: Float, Text: strconv.FormatFloat(f, 'g', -1, 64), Num: f}
}

// numberNode classifies a numeric literal: integers (that fit no float
// rounding question) become Int, everything else Float. text must be a
// valid JSON-style number.
func numberNode(text string, line int) *Node {
	if !strings.ContainsAny(text, ".eE") {
		if _, err := strconv.ParseInt(text, 10, 64); err == nil {
			f, _ := strconv.ParseFloat(text, 64)
			return &Node{Kind: Int, Text: text, Num: f, Line: line}
		}
		// out of int64 range: keep the exact decimal
		if b, ok := new(big.Int).SetString(text, 10); ok {
			f, _ := new(big.Float).SetInt(b).Float64()
			return &Node{Kind: Int, Text: b.String(), Num: f, Line: line}
		}
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil && !math.IsInf(f, 0) {
		f = 0
	}
	return &Node{Kind: Float, Text: text, Num: f, Line: line}
}

// Pointer builds a JSON pointer (RFC 6901) from path segments.
func Pointer(segs ...string) string {
	if len(segs) == 0 {
		return ""
	}
	var b strings.Builder
	for _, s := range segs {
		b.WriteByte('/')
		s = strings.ReplaceAll(s, "~", "~0")
		s = strings.ReplaceAll(s, "/", "~1")
		b.WriteString(s)
	}
	return b.String()
}

// Error is a conversion error located in an input file: the file name, a
// JSON pointer to the offending value (empty for the whole document) and,
// when known, its line.
type Error struct {
	File    string
	Pointer string
	Line    int
	Msg     string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Pointer != "" {
		b.WriteString(e.Pointer)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Errorf returns an *Error for the value n (which may be nil) at pointer.
func Errorf(file, pointer string, n *Node, format string, args ...any) *Error {
	e := &Error{File: file, Pointer: pointer, Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.Line = n.Line
	}
	return e
}

// AppendJSON appends the JSON encoding of n to b (map keys in order).
func (n *Node) AppendJSON(b []byte) []byte {
	switch n.Kind {
	case Null:
		return append(b, "null"...)
	case Bool, Int:
		return append(b, n.Text...)
	case Float:
		if math.IsInf(n.Num, 0) || math.IsNaN(n.Num) {
			return append(b, "null"...)
		}
		return strconv.AppendFloat(b, n.Num, 'g', -1, 64)
	case String:
		return appendJSONString(b, n.Text)
	case List:
		b = append(b, '[')
		for i, it := range n.Items {
			if i > 0 {
				b = append(b, ',')
			}
			b = it.AppendJSON(b)
		}
		return append(b, ']')
	case Map:
		b = append(b, '{')
		for i, p := range n.Pairs {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, p.Key)
			b = append(b, ':')
			b = p.Value.AppendJSON(b)
		}
		return append(b, '}')
	}
	return append(b, "null"...)
}

func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case r == '\n':
			b = append(b, '\\', 'n')
		case r == '\r':
			b = append(b, '\\', 'r')
		case r == '\t':
			b = append(b, '\\', 't')
		case r < 0x20:
			b = append(b, fmt.Sprintf(`\u%04x`, r)...)
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return append(b, '"')
}

// Truthy reports whether a value is "true" for Go templates: not null,
// false, zero, "" or empty (upstream's generators print defaults and
// examples only then).
func Truthy(n *Node) bool {
	if n == nil {
		return false
	}
	switch n.Kind {
	case Bool:
		return n.IsTrue()
	case Int, Float:
		return n.Num != 0
	case String:
		return n.Text != ""
	case List:
		return len(n.Items) > 0
	case Map:
		return len(n.Pairs) > 0
	}
	return false
}

// Equal reports whether two values are equal (map keys in order).
func Equal(a, b *Node) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil || a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case Null:
		return true
	case Bool, String:
		return a.Text == b.Text
	case Int, Float:
		return a.Num == b.Num && a.Text == b.Text
	case List:
		if len(a.Items) != len(b.Items) {
			return false
		}
		for i := range a.Items {
			if !Equal(a.Items[i], b.Items[i]) {
				return false
			}
		}
		return true
	case Map:
		if len(a.Pairs) != len(b.Pairs) {
			return false
		}
		for i := range a.Pairs {
			if a.Pairs[i].Key != b.Pairs[i].Key || !Equal(a.Pairs[i].Value, b.Pairs[i].Value) {
				return false
			}
		}
		return true
	}
	return false
}
