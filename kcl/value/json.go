package value

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// EncodeOptions controls JSON and YAML encoding (upstream's
// JsonEncodeOptions/YamlEncodeOptions).
type EncodeOptions struct {
	SortKeys      bool // sort mapping keys
	IgnorePrivate bool // drop keys starting with '_'
	IgnoreNone    bool // drop None values
	Indent        int  // JSON only: spaces per level; 0 = one line with ", " and ": "
}

// ToData converts v to the plain data tree upstream serializes: *Dict,
// *List, Int, Float, Str, Bool and None only. Undefined values and
// functions are dropped from dicts and lists, units become floats, schema
// instances become dicts; options filter private keys and None values and
// sort keys. A top-level Undefined or function becomes None.
func ToData(v Value, opts EncodeOptions) Value {
	return toData(v, &opts, 0)
}

const maxEncodeDepth = 1000

func toData(v Value, opts *EncodeOptions, depth int) Value {
	if depth > maxEncodeDepth {
		return None
	}
	switch v := v.(type) {
	case Bool, Int, Float, Str:
		return v
	case Unit:
		return Float(v.Value)
	case *List:
		out := &List{Items: make([]Value, 0, len(v.Items))}
		for _, e := range v.Items {
			switch e.(type) {
			case nil, undefinedValue, *Func:
				continue
			case noneValue:
				if opts.IgnoreNone {
					continue
				}
			}
			out.Items = append(out.Items, toData(e, opts, depth+1))
		}
		return out
	case *Dict:
		return dictData(v, opts, depth)
	case *Schema:
		return dictData(v.Attrs, opts, depth)
	}
	return None
}

func dictData(d *Dict, opts *EncodeOptions, depth int) *Dict {
	entries := d.entries
	if opts.SortKeys {
		c := d.Copy()
		c.SortKeys()
		entries = c.entries
	}
	out := NewDictCap(len(entries))
	for _, e := range entries {
		if opts.IgnorePrivate && IsHidden(e.Key) {
			continue
		}
		switch e.Value.(type) {
		case nil, undefinedValue, *Func:
			continue
		case noneValue:
			if opts.IgnoreNone {
				continue
			}
		}
		out.Set(e.Key, toData(e.Value, opts, depth+1))
	}
	return out
}

// EncodeJSON returns v as JSON text the way upstream's json.encode and
// `kcl run --format json` build it: key order kept (unless SortKeys),
// strings with only '"', '\\' and control characters escaped, floats in
// shortest round-trip form with ".0" for integral values, NaN/Inf as null.
// With Indent 0 the output is one line using ", " and ": " separators.
func EncodeJSON(v Value, opts EncodeOptions) string {
	var b strings.Builder
	w := jsonWriter{b: &b, indent: opts.Indent}
	w.write(ToData(v, opts), 0)
	return b.String()
}

// EncodeDataJSON encodes an already converted data tree (see ToData).
func EncodeDataJSON(data Value, indent int) string {
	var b strings.Builder
	w := jsonWriter{b: &b, indent: indent}
	w.write(data, 0)
	return b.String()
}

type jsonWriter struct {
	b      *strings.Builder
	indent int
}

func (w *jsonWriter) newline(level int) {
	w.b.WriteByte('\n')
	for i := 0; i < level*w.indent; i++ {
		w.b.WriteByte(' ')
	}
}

// itemStart writes what precedes the i-th item of a list or dict whose
// items are at level: a comma after the first item, then a new indented
// line or, without indentation, a space.
func (w *jsonWriter) itemStart(i, level int) {
	if i > 0 {
		w.b.WriteByte(',')
	}
	if w.indent > 0 {
		w.newline(level)
	} else if i > 0 {
		w.b.WriteByte(' ')
	}
}

func (w *jsonWriter) write(v Value, level int) {
	switch v := v.(type) {
	case Bool:
		if v {
			w.b.WriteString("true")
		} else {
			w.b.WriteString("false")
		}
	case Int:
		w.b.WriteString(strconv.FormatInt(int64(v), 10))
	case Float:
		f := float64(v)
		if f != f || f > 1.7976931348623157e308 || f < -1.7976931348623157e308 {
			w.b.WriteString("null")
		} else {
			w.b.WriteString(FloatRepr(f))
		}
	case Str:
		writeJSONString(w.b, string(v))
	case *List:
		w.b.WriteByte('[')
		for i, e := range v.Items {
			w.itemStart(i, level+1)
			w.write(e, level+1)
		}
		if len(v.Items) > 0 && w.indent > 0 {
			w.newline(level)
		}
		w.b.WriteByte(']')
	case *Dict:
		w.b.WriteByte('{')
		for i, e := range v.entries {
			w.itemStart(i, level+1)
			writeJSONString(w.b, e.Key)
			w.b.WriteString(": ")
			w.write(e.Value, level+1)
		}
		if len(v.entries) > 0 && w.indent > 0 {
			w.newline(level)
		}
		w.b.WriteByte('}')
	case *Schema:
		w.write(v.Attrs, level)
	default:
		w.b.WriteString("null")
	}
}

const hexDigits = "0123456789abcdef"

func writeJSONString(b *strings.Builder, s string) {
	b.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			if c < utf8.RuneSelf {
				i++
				continue
			}
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
			continue
		}
		b.WriteString(s[start:i])
		switch c {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			b.WriteString(`\u00`)
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&0xf])
		}
		i++
		start = i
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
}
