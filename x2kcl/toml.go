package x2kcl

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// ParseTOML decodes a TOML document into a Node tree. Keys keep the order
// in which the document first defines them (a table's keys, then keys
// added by later [a.b] headers); keys whose position the decoder does not
// report are sorted after them by name. Dates and times become strings.
func ParseTOML(file string, src []byte) (*Node, error) {
	var data map[string]any
	md, err := toml.Decode(string(src), &data)
	if err != nil {
		e := &Error{File: file, Msg: "invalid TOML: " + err.Error()}
		var pe toml.ParseError
		if ok := asParseError(err, &pe); ok {
			e.Line = pe.Position.Line
			e.Msg = "invalid TOML: " + pe.Message
		}
		return nil, e
	}
	order := map[string]int{}
	// a table's position is that of the first key defined in it (tables
	// created implicitly by a dotted header are not listed themselves)
	for i, k := range md.Keys() {
		for l := 1; l <= len(k); l++ {
			p := strings.Join(k[:l], "\x00")
			if _, ok := order[p]; !ok {
				order[p] = i
			}
		}
	}
	return tomlValue(file, data, nil, order)
}

func asParseError(err error, pe *toml.ParseError) bool {
	if e, ok := err.(toml.ParseError); ok {
		*pe = e
		return true
	}
	return false
}

// tomlList converts the elements of a TOML array (of tables or of any
// values) into a list node.
func tomlList[E any](file string, v []E, path []string, order map[string]int) (*Node, error) {
	n := &Node{Kind: List, Items: []*Node{}}
	for _, e := range v {
		c, err := tomlValue(file, e, path, order)
		if err != nil {
			return nil, err
		}
		n.Items = append(n.Items, c)
	}
	return n, nil
}

func tomlValue(file string, v any, path []string, order map[string]int) (*Node, error) {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		pos := func(k string) int {
			p := strings.Join(append(append([]string(nil), path...), k), "\x00")
			if i, ok := order[p]; ok {
				return i
			}
			return math.MaxInt
		}
		sort.SliceStable(keys, func(i, j int) bool {
			pi, pj := pos(keys[i]), pos(keys[j])
			if pi != pj {
				return pi < pj
			}
			return keys[i] < keys[j]
		})
		n := &Node{Kind: Map, Pairs: make([]Pair, 0, len(keys))}
		for _, k := range keys {
			c, err := tomlValue(file, v[k], append(path, k), order)
			if err != nil {
				return nil, err
			}
			n.Pairs = append(n.Pairs, Pair{Key: k, Value: c})
		}
		return n, nil
	case []map[string]any:
		return tomlList(file, v, path, order)
	case []any:
		return tomlList(file, v, path, order)
	case string:
		return NewString(v), nil
	case bool:
		return NewBool(v), nil
	case int64:
		return NewInt(v), nil
	case float64:
		return &Node{Kind: Float, Text: strconv.FormatFloat(v, 'g', -1, 64), Num: v}, nil
	case time.Time:
		layout := time.RFC3339Nano
		switch v.Location().String() { // the decoder marks local values so
		case "date-local":
			layout = "2006-01-02"
		case "time-local":
			layout = "15:04:05.999999999"
		case "datetime-local":
			layout = "2006-01-02T15:04:05.999999999"
		}
		return NewString(v.Format(layout)), nil
	case nil:
		return &Node{Kind: Null}, nil
	}
	return nil, &Error{File: file, Pointer: Pointer(path...), Msg: fmt.Sprintf("unsupported TOML value of type %T", v)}
}
