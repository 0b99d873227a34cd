package value

import "strings"

// PlanOptions controls how the evaluated top-level value becomes `kcl run`
// output (upstream's PlanOptions).
type PlanOptions struct {
	SortKeys              bool // sort mapping keys
	ShowHidden            bool // keep `_`-prefixed keys
	DisableNone           bool // drop None values
	IncludeSchemaTypePath bool // add `_type: pkg.Schema` to schema instances
	// Stream forces a top-level list to be printed as a stream of
	// documents even when not every item is a config (set by
	// manifests.yaml_stream).
	Stream bool
	// Sep is the document separator (default "---").
	Sep string
	// MaxBytes > 0 bounds the length of the text PlanYAMLLimit produces.
	MaxBytes int
}

const listTempKey = "$"

// Plan filters v into the documents `kcl run` prints: hidden keys,
// Undefined values and functions are removed at every level (None values
// too with DisableNone); a list whose items are all configs (or any list
// with Stream) becomes one document per item.
func Plan(v Value, opts PlanOptions) []Value {
	switch v.(type) {
	case *List, *Dict, *Schema:
		return planResults(v, &opts, 0)
	}
	return []Value{v}
}

// PlanYAML plans v and encodes the documents as YAML joined by the
// separator line; the result ends with a newline.
//
// The documents are written straight from v: the filtering Plan does is
// applied while writing, without building filtered copies.
func PlanYAML(v Value, opts PlanOptions) string {
	opts.MaxBytes = 0
	s, _ := PlanYAMLLimit(v, opts)
	return s
}

// PlanYAMLLimit is PlanYAML failing with an EvaluationError, instead of
// building the whole text, when it would be longer than opts.MaxBytes (a
// value that shares sub-values prints them in full each time, so its text
// can be exponentially larger than the value).
func PlanYAMLLimit(v Value, opts PlanOptions) (string, error) {
	docs := planDocs(v, &opts, 0)
	sep := opts.Sep
	if sep == "" {
		sep = "---"
	}
	e := yamlEmitter{maxBytes: opts.MaxBytes, filter: yamlFilter{sortKeys: opts.SortKeys, ignorePrivate: !opts.ShowHidden, ignoreNone: opts.DisableNone, typePath: opts.IncludeSchemaTypePath}}
	for i, d := range docs {
		if i > 0 {
			e.b.WriteString(sep)
			e.b.WriteByte('\n')
		}
		e.document(d)
		if e.overflow {
			return "", EvalErrorf("the output is too large: more than %d MiB of text", opts.MaxBytes>>20)
		}
	}
	if len(docs) == 0 {
		e.b.WriteByte('\n')
	}
	return e.b.String(), nil
}

// planDocs splits v into documents as Plan does, without filtering them:
// a list whose items are all configs (or any list with Stream) gives one
// document per item; another list is one document.
func planDocs(v Value, opts *PlanOptions, depth int) []Value {
	l, ok := v.(*List)
	if !ok {
		return []Value{v}
	}
	if depth > maxEncodeDepth {
		return nil
	}
	allConfigs := true
	for _, it := range l.Items {
		if !isConfig(it) {
			allConfigs = false
			break
		}
	}
	var results []Value
	if allConfigs || opts.Stream {
		for _, it := range l.Items {
			results = append(results, planDocs(it, opts, depth+1)...)
		}
		return results
	}
	return []Value{l}
}

// PlanJSON plans v and encodes each document as JSON with 4-space
// indentation (kcl-lang/cli's --format json), several documents joined by
// ",\n"; the result ends with a newline.
func PlanJSON(v Value, opts PlanOptions) string {
	docs := Plan(v, opts)
	enc := EncodeOptions{SortKeys: opts.SortKeys, Indent: 4}
	parts := make([]string, len(docs))
	for i, d := range docs {
		parts[i] = EncodeJSON(d, enc)
	}
	return strings.Join(parts, ",\n") + "\n"
}

func isConfig(v Value) bool {
	switch v.(type) {
	case *Dict, *Schema:
		return true
	}
	return false
}

func planResults(v Value, opts *PlanOptions, depth int) []Value {
	if depth > maxEncodeDepth {
		return nil
	}
	switch x := v.(type) {
	case *List:
		allConfigs := true
		for _, it := range x.Items {
			if !isConfig(it) {
				allConfigs = false
				break
			}
		}
		var results []Value
		if allConfigs || opts.Stream {
			for _, it := range x.Items {
				results = append(results, planResults(it, opts, depth+1)...)
			}
			return results
		}
		var items []Value
		for _, it := range x.Items {
			if isConfig(it) {
				f := planResults(it, opts, depth+1)
				if len(f) == 1 {
					items = append(items, f[0])
				} else {
					results = append(results, f...)
				}
			} else {
				items = append(items, it)
			}
		}
		if len(items) > 0 {
			results = append(results, &List{Items: items})
		}
		return results
	case *Dict:
		return planConfig(x, nil, opts, depth)
	case *Schema:
		return planConfig(x.Attrs, x, opts, depth)
	}
	return []Value{v}
}

func planConfig(d *Dict, schema *Schema, opts *PlanOptions, depth int) []Value {
	result := NewDictCap(d.Len())
	results := []Value{result}
	for _, e := range d.entries {
		key, val := e.Key, e.Value
		if val == None && opts.DisableNone {
			continue
		}
		if IsHidden(key) && !opts.ShowHidden {
			continue
		}
		switch x := val.(type) {
		case nil, undefinedValue, *Func:
			continue
		case *Schema, *Dict:
			f := planResults(x, opts, depth+1)
			if len(f) > 0 {
				if s, ok := x.(*Schema); ok && opts.IncludeSchemaTypePath {
					if fd, ok := f[0].(*Dict); ok {
						fd.Set("_type", Str(s.FullName()))
					}
				}
				result.Set(key, f[0])
				results = append(results, f[1:]...)
			}
		case *List:
			var items []Value
			for _, it := range x.Items {
				switch iv := it.(type) {
				case *Schema, *Dict:
					f := planResults(iv, opts, depth+1)
					if s, ok := iv.(*Schema); ok && opts.IncludeSchemaTypePath && len(f) > 0 {
						if fd, ok := f[0].(*Dict); ok {
							fd.Set("_type", Str(s.FullName()))
						}
					}
					items = append(items, f...)
				case nil, undefinedValue:
				case noneValue:
					if !opts.DisableNone {
						items = append(items, iv)
					}
				default:
					tmp := NewDict()
					tmp.Set(listTempKey, iv)
					f := planConfig(tmp, nil, opts, depth+1)
					if len(f) > 0 {
						if v, ok := f[0].(*Dict).Get(listTempKey); ok {
							items = append(items, v)
						}
						results = append(results, f[1:]...)
					}
				}
			}
			if items == nil {
				items = []Value{}
			}
			result.Set(key, &List{Items: items})
		default:
			result.Set(key, val)
		}
	}
	_ = schema
	return results
}

// SelectPaths applies `kcl run -S` path selectors to v: one selector
// yields the selected value, several a list of them. A selector is
// `[pkg:]a.b.c`; numeric segments index lists.
func SelectPaths(v Value, paths []string) (Value, error) {
	if len(paths) == 0 || !isConfig(v) {
		return v, nil
	}
	var out []Value
	for _, p := range paths {
		sel, ok := GetByPath(v, p)
		if !ok {
			return nil, EvalErrorf("invalid path select operand %s, value not found", p)
		}
		out = append(out, sel)
	}
	if len(out) == 1 {
		return out[0], nil
	}
	return &List{Items: out}, nil
}

// GetByPath returns the value at a dotted path ([pkg:]a.b.0.c).
func GetByPath(v Value, path string) (Value, bool) {
	if i := strings.IndexByte(path, ':'); i >= 0 {
		path = path[i+1:]
	}
	if path == "" {
		return v, true
	}
	cur := v
	for _, seg := range strings.Split(path, ".") {
		switch c := cur.(type) {
		case *Dict:
			x, ok := c.Get(seg)
			if !ok {
				return nil, false
			}
			cur = x
		case *Schema:
			x, ok := c.Attrs.Get(seg)
			if !ok {
				return nil, false
			}
			cur = x
		case *List:
			n := 0
			for _, r := range seg {
				if r < '0' || r > '9' {
					return nil, false
				}
				n = n*10 + int(r-'0')
				if n > len(c.Items) {
					return nil, false
				}
			}
			if seg == "" || n >= len(c.Items) {
				return nil, false
			}
			cur = c.Items[n]
		default:
			return nil, false
		}
	}
	return cur, true
}
