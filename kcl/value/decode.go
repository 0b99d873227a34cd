package value

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// DecodeJSON parses JSON text into a Value, keeping object key order.
// Integers that fit int64 become Int, other numbers Float; null is None.
func DecodeJSON(data string) (Value, error) {
	dec := json.NewDecoder(strings.NewReader(data))
	dec.UseNumber()
	v, err := decodeJSONValue(dec, 0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		if err == nil {
			return nil, errors.New("trailing characters after JSON value")
		}
		return nil, err
	}
	return v, nil
}

const maxDecodeDepth = 10000

func decodeJSONValue(dec *json.Decoder, depth int) (Value, error) {
	if depth > maxDecodeDepth {
		return nil, errors.New("JSON nesting too deep")
	}
	tok, err := dec.Token()
	if err != nil {
		if err == io.EOF {
			return nil, errors.New("EOF while parsing a value")
		}
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			d := NewDict()
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				key, ok := kt.(string)
				if !ok {
					return nil, fmt.Errorf("expected object key, got %v", kt)
				}
				v, err := decodeJSONValue(dec, depth+1)
				if err != nil {
					return nil, err
				}
				d.Set(key, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return d, nil
		case '[':
			l := NewList()
			for dec.More() {
				v, err := decodeJSONValue(dec, depth+1)
				if err != nil {
					return nil, err
				}
				l.Items = append(l.Items, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return l, nil
		}
		return nil, fmt.Errorf("unexpected %v", t)
	case nil:
		return None, nil
	case bool:
		return Bool(t), nil
	case string:
		return Str(t), nil
	case json.Number:
		return jsonNumber(string(t)), nil
	}
	return nil, fmt.Errorf("unexpected token %v", tok)
}

func jsonNumber(s string) Value {
	if !strings.ContainsAny(s, ".eE") {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return Int(n)
		}
	}
	f, _ := strconv.ParseFloat(s, 64)
	return Float(f)
}

// DecodeYAML parses one YAML document into a Value, keeping mapping key
// order. Plain scalars resolve like upstream (serde_yaml): null/~/empty →
// None, true/false (three spellings) → Bool, integers (also 0x/0o/0b) → Int,
// floats (also .inf/.nan) → Float, everything else → Str. Quoted scalars are
// strings. An empty input is None. More than one document is an error.
func DecodeYAML(data string) (Value, error) {
	docs, err := DecodeYAMLAll(data)
	if err != nil {
		return nil, err
	}
	switch len(docs) {
	case 0:
		return None, nil
	case 1:
		return docs[0], nil
	}
	return nil, errors.New("deserializing from YAML containing more than one document is not supported")
}

// DecodeYAMLAll parses every document of a YAML stream.
func DecodeYAMLAll(data string) ([]Value, error) {
	dec := yaml.NewDecoder(bytes.NewReader([]byte(data)))
	var out []Value
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		v, err := yamlNodeValue(&n, 0)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func yamlNodeValue(n *yaml.Node, depth int) (Value, error) {
	if depth > maxDecodeDepth {
		return nil, errors.New("YAML nesting too deep")
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return None, nil
		}
		return yamlNodeValue(n.Content[0], depth+1)
	case yaml.AliasNode:
		if n.Alias == nil {
			return None, nil
		}
		return yamlNodeValue(n.Alias, depth+1)
	case yaml.SequenceNode:
		l := &List{Items: make([]Value, 0, len(n.Content))}
		for _, c := range n.Content {
			v, err := yamlNodeValue(c, depth+1)
			if err != nil {
				return nil, err
			}
			l.Items = append(l.Items, v)
		}
		return l, nil
	case yaml.MappingNode:
		d := NewDictCap(len(n.Content) / 2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			for k.Kind == yaml.AliasNode && k.Alias != nil {
				k = k.Alias
			}
			if k.Kind != yaml.ScalarNode {
				return nil, errors.New("invalid type: mapping key must be a string")
			}
			v, err := yamlNodeValue(n.Content[i+1], depth+1)
			if err != nil {
				return nil, err
			}
			d.Set(k.Value, v)
		}
		return d, nil
	case yaml.ScalarNode:
		return yamlScalarValue(n), nil
	}
	return None, nil
}

func yamlScalarValue(n *yaml.Node) Value {
	s := n.Value
	if n.Style&yaml.TaggedStyle != 0 {
		switch n.Tag {
		case "!!str", "!!binary":
			return Str(s)
		case "!!null":
			return None
		case "!!bool", "!!int", "!!float":
			return resolvePlainScalar(s)
		}
	}
	if n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return Str(s)
	}
	return resolvePlainScalar(s)
}

// resolvePlainScalar applies serde_yaml's untagged scalar resolution.
func resolvePlainScalar(s string) Value {
	switch s {
	case "", "~", "null", "Null", "NULL":
		return None
	case "true", "True", "TRUE":
		return True
	case "false", "False", "FALSE":
		return False
	}
	if n, ok := parseYAMLInt(s); ok {
		if n == 0 && !isZeroInt(s) {
			// beyond int64
			f, _ := strconv.ParseFloat(strings.TrimPrefix(s, "+"), 64)
			return Float(f)
		}
		return Int(n)
	}
	if !digitsButNotNumber(s) {
		if f, ok := parseYAMLFloat(s); ok {
			if math.IsNaN(f) {
				return Float(math.NaN())
			}
			return Float(f)
		}
	}
	return Str(s)
}

func isZeroInt(s string) bool {
	s = strings.TrimLeft(s, "+-")
	s = strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0o"), "0b")
	return strings.Trim(s, "0") == ""
}
