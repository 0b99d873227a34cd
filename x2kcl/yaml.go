package x2kcl

import (
	"bytes"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// MaxYAMLNodes bounds the number of values a YAML stream may expand to
// once its aliases are resolved: a "billion laughs" document is rejected
// instead of exhausting memory. A document may expand to 100 times its own
// size (at least 100,000 values), never to more than MaxYAMLNodes.
var MaxYAMLNodes = 5_000_000

// isEmptyDoc reports whether a document has no content at all (as between
// two "---" lines); an explicit null is content.
func isEmptyDoc(y *yaml.Node) bool {
	return y.Kind == yaml.ScalarNode && y.ShortTag() == "!!null" && y.Value == "" && y.Style == 0
}

// countYAML counts the nodes of a document without following aliases.
func countYAML(y *yaml.Node) int {
	n := 1
	for _, c := range y.Content {
		n += countYAML(c)
	}
	return n
}

// ParseYAML decodes every document of a YAML stream into Node trees,
// keeping the order of mapping keys. Aliases are expanded (with a bound on
// the total size), merge keys (<<) are applied, and timestamps, binary
// values and other non-JSON scalars are kept as strings. Empty documents
// are skipped.
func ParseYAML(file string, src []byte) ([]*Node, error) {
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	dec := yaml.NewDecoder(bytes.NewReader(src))
	c := &yamlConv{file: file}
	var docs []*Node
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, &Error{File: file, Msg: "invalid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}
		}
		if len(doc.Content) == 0 || isEmptyDoc(doc.Content[0]) {
			continue
		}
		c.count = 0
		c.limit = min(MaxYAMLNodes, max(100_000, 100*countYAML(&doc)))
		n, err := c.node(doc.Content[0], 0)
		if err != nil {
			return nil, err
		}
		docs = append(docs, n)
	}
	return docs, nil
}

type yamlConv struct {
	file  string
	count int
	limit int
}

func (c *yamlConv) errorf(y *yaml.Node, format string, args ...any) error {
	e := Errorf(c.file, "", nil, format, args...)
	e.Line = y.Line
	return e
}

func (c *yamlConv) node(y *yaml.Node, depth int) (*Node, error) {
	c.count++
	if c.count > c.limit {
		return nil, c.errorf(y, "aliases expand the document to more than %d values (an alias bomb?)", c.limit)
	}
	if depth > maxDepth {
		return nil, c.errorf(y, "nesting deeper than %d levels (recursive alias?)", maxDepth)
	}
	switch y.Kind {
	case yaml.DocumentNode:
		if len(y.Content) == 0 {
			return &Node{Kind: Null, Line: y.Line}, nil
		}
		return c.node(y.Content[0], depth+1)
	case yaml.AliasNode:
		if y.Alias == nil {
			return nil, c.errorf(y, "unknown alias %q", y.Value)
		}
		return c.node(y.Alias, depth+1)
	case yaml.SequenceNode:
		n := &Node{Kind: List, Line: y.Line, Items: make([]*Node, 0, len(y.Content))}
		for _, it := range y.Content {
			v, err := c.node(it, depth+1)
			if err != nil {
				return nil, err
			}
			n.Items = append(n.Items, v)
		}
		return n, nil
	case yaml.MappingNode:
		return c.mapping(y, depth)
	case yaml.ScalarNode:
		return c.scalar(y)
	}
	return nil, c.errorf(y, "unsupported YAML node")
}

func (c *yamlConv) mapping(y *yaml.Node, depth int) (*Node, error) {
	n := &Node{Kind: Map, Line: y.Line}
	explicit := map[string]bool{}
	for i := 0; i+1 < len(y.Content); i += 2 {
		k := y.Content[i]
		if !isMergeKey(k) {
			key, err := c.key(k)
			if err != nil {
				return nil, err
			}
			if explicit[key] {
				return nil, c.errorf(k, "mapping key %q already defined", key)
			}
			explicit[key] = true
		}
	}
	// merged keys take the place of the merge key; an explicit key
	// overrides a merged one in place
	set := func(key string, v *Node, merged bool) {
		for i := range n.Pairs {
			if n.Pairs[i].Key == key {
				if !merged {
					n.Pairs[i].Value = v
				}
				return
			}
		}
		n.Pairs = append(n.Pairs, Pair{Key: key, Value: v})
	}
	for i := 0; i+1 < len(y.Content); i += 2 {
		k, v := y.Content[i], y.Content[i+1]
		if isMergeKey(k) {
			srcs := []*yaml.Node{v}
			if deref(v).Kind == yaml.SequenceNode {
				srcs = deref(v).Content
			}
			for _, s := range srcs {
				m, err := c.node(s, depth+1)
				if err != nil {
					return nil, err
				}
				if m.Kind != Map {
					return nil, c.errorf(s, "merge key (<<) needs a mapping or a list of mappings")
				}
				for _, p := range m.Pairs {
					set(p.Key, p.Value, true)
				}
			}
			continue
		}
		key, _ := c.key(k)
		val, err := c.node(v, depth+1)
		if err != nil {
			return nil, err
		}
		set(key, val, false)
	}
	return n, nil
}

func deref(y *yaml.Node) *yaml.Node {
	for y.Kind == yaml.AliasNode && y.Alias != nil {
		y = y.Alias
	}
	return y
}

func isMergeKey(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && k.Value == "<<" && (k.Tag == "!!merge" || k.Tag == "" || k.ShortTag() == "!!merge")
}

// key returns the text of a mapping key; keys must be scalars.
func (c *yamlConv) key(k *yaml.Node) (string, error) {
	k = deref(k)
	if k.Kind != yaml.ScalarNode {
		return "", c.errorf(k, "mapping keys must be scalars")
	}
	if k.ShortTag() == "!!null" && k.Value == "~" {
		return "null", nil
	}
	return k.Value, nil
}

func (c *yamlConv) scalar(y *yaml.Node) (*Node, error) {
	v := y.Value
	switch y.ShortTag() {
	case "!!null":
		return &Node{Kind: Null, Line: y.Line}, nil
	case "!!bool":
		b, err := strconv.ParseBool(strings.ToLower(v))
		if err != nil {
			return &Node{Kind: String, Text: v, Line: y.Line}, nil
		}
		n := NewBool(b)
		n.Line = y.Line
		return n, nil
	case "!!int":
		n := yamlInt(v)
		if n == nil {
			return &Node{Kind: String, Text: v, Line: y.Line}, nil
		}
		n.Line = y.Line
		return n, nil
	case "!!float":
		f, ok := yamlFloat(v)
		if !ok {
			return &Node{Kind: String, Text: v, Line: y.Line}, nil
		}
		return &Node{Kind: Float, Text: v, Num: f, Line: y.Line}, nil
	}
	return &Node{Kind: String, Text: v, Line: y.Line}, nil
}

// yamlInt parses a YAML integer (decimal, 0x, 0o, 0b, or a leading-zero
// octal as YAML 1.1 has it), returning nil when it is not one.
func yamlInt(v string) *Node {
	s := strings.ReplaceAll(v, "_", "")
	neg := false
	body := s
	if strings.HasPrefix(body, "-") || strings.HasPrefix(body, "+") {
		neg = body[0] == '-'
		body = body[1:]
	}
	base := 10
	switch {
	case strings.HasPrefix(body, "0x") || strings.HasPrefix(body, "0X"):
		base, body = 16, body[2:]
	case strings.HasPrefix(body, "0o") || strings.HasPrefix(body, "0O"):
		base, body = 8, body[2:]
	case strings.HasPrefix(body, "0b") || strings.HasPrefix(body, "0B"):
		base, body = 2, body[2:]
	case len(body) > 1 && body[0] == '0':
		base, body = 8, body[1:]
	}
	u, err := strconv.ParseUint(body, base, 64)
	if err != nil {
		return nil
	}
	if neg {
		if u > 1<<63 {
			return nil
		}
		i := -int64(u)
		return &Node{Kind: Int, Text: strconv.FormatInt(i, 10), Num: float64(i)}
	}
	return &Node{Kind: Int, Text: strconv.FormatUint(u, 10), Num: float64(u)}
}

func yamlFloat(v string) (float64, bool) {
	switch strings.ToLower(strings.TrimPrefix(v, "+")) {
	case ".inf":
		return math.Inf(1), true
	case "-.inf":
		return math.Inf(-1), true
	case ".nan":
		return math.NaN(), true
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(v, "_", ""), 64)
	return f, err == nil
}
