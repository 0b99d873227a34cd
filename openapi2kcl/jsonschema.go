package openapi2kcl

import (
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/syntax"
	"github.com/kclx-dev/kclx/x2kcl"
)

// JSON Schema conversion follows upstream's (kcl-go) algorithm: keywords
// are handled in a fixed order (JSON Schema 2019-09 registry order),
// $ref and allOf merge the referenced keywords into the schema at hand,
// objects become schemas named after their path (Root + Property +
// Items0 ...) or, for references, after the referenced name, and
// constraints become check lines.

// keyword order: (evaluation order, registration order)
var jsKeywordRank = func() map[string][2]int {
	reg := []string{
		"$schema", "$id", "description", "title", "$comment", "examples", "readOnly", "writeOnly",
		"$ref", "$recursiveRef", "$anchor", "$recursiveAnchor", "$defs", "definitions", "default",
		"type", "enum", "const",
		"multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
		"maxLength", "minLength", "pattern",
		"allOf", "anyOf", "oneOf", "not",
		"properties", "patternProperties", "additionalProperties", "required", "propertyNames",
		"maxProperties", "minProperties", "dependentSchemas", "dependentRequired", "unevaluatedProperties",
		"items", "additionalItems", "maxItems", "minItems", "uniqueItems", "contains", "maxContains",
		"minContains", "unevaluatedItems",
		"if", "then", "else",
		"format",
	}
	order := map[string]int{
		"$ref": 0, "$recursiveRef": 0, "allOf": -1,
		// (upstream's registry of the corpus era gives patternProperties
		// no order of its own, so it runs before properties)
		"properties": 2, "additionalProperties": 3, "unevaluatedProperties": 4,
		"maxContains": 2, "minContains": 2, "additionalItems": 3, "unevaluatedItems": 4,
		"then": 2, "else": 2,
	}
	m := map[string][2]int{}
	for i, k := range reg {
		o, ok := order[k]
		if !ok {
			o = 1
		}
		m[k] = [2]int{o, i}
	}
	return m
}()

func keywordOrder(k string) int {
	if r, ok := jsKeywordRank[k]; ok {
		return r[0]
	}
	return 1
}

// jsSchema is a JSON Schema object. Conversion merges keywords of
// referenced schemas into it, as upstream does.
type jsSchema struct {
	node   *x2kcl.Node
	ptr    string
	isBool bool
	keys   []string // keywords in evaluation order
	kw     map[string]*x2kcl.Node
	props  []jsProp // "properties"
	// items: one schema, or several for a tuple (items: [...]); merging
	// references appends further schemas, which upstream then unions
	items      []*jsSchema
	itemsTuple bool
}

type jsProp struct {
	key string
	s   *jsSchema
}

type jsConv struct {
	file      string
	root      *jsSchema
	rootNode  *x2kcl.Node
	cache     map[*x2kcl.Node]*jsSchema
	imports   map[string]bool
	results   map[string]*jsResult
	paths     []string
	pathObjs  []*jsSchema
	warnings  []string
	refErrors error
}

func (c *jsConv) errorf(ptr string, n *x2kcl.Node, format string, args ...any) error {
	return x2kcl.Errorf(c.file, ptr, n, format, args...)
}

// schemaOf returns the (shared) schema object of n.
func (c *jsConv) schemaOf(n *x2kcl.Node, ptr string) (*jsSchema, error) {
	if s, ok := c.cache[n]; ok {
		return s, nil
	}
	s := &jsSchema{node: n, ptr: ptr, kw: map[string]*x2kcl.Node{}}
	c.cache[n] = s
	switch n.Kind {
	case x2kcl.Bool:
		s.isBool = true
		return s, nil
	case x2kcl.Map:
	default:
		return nil, c.errorf(ptr, n, "a schema must be an object or a boolean, not %s", n.Kind)
	}
	for _, p := range n.Pairs {
		if _, ok := jsKeywordRank[p.Key]; !ok {
			continue
		}
		s.keys = append(s.keys, p.Key)
		s.kw[p.Key] = p.Value
	}
	sort.SliceStable(s.keys, func(i, j int) bool {
		a, b := jsKeywordRank[s.keys[i]], jsKeywordRank[s.keys[j]]
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		return a[1] < b[1]
	})
	if it := s.kw["items"]; it != nil {
		if it.Kind == x2kcl.List {
			s.itemsTuple = true
			for i, x := range it.Items {
				xs, err := c.schemaOf(x, child(ptr, "items", strconv.Itoa(i)))
				if err != nil {
					return nil, err
				}
				s.items = append(s.items, xs)
			}
		} else {
			xs, err := c.schemaOf(it, child(ptr, "items"))
			if err != nil {
				return nil, err
			}
			s.items = []*jsSchema{xs}
		}
	}
	if pn := s.kw["properties"]; pn != nil {
		if pn.Kind != x2kcl.Map {
			return nil, c.errorf(child(ptr, "properties"), pn, "properties must be an object")
		}
		for _, p := range pn.Pairs {
			ps, err := c.schemaOf(p.Value, child(ptr, "properties", p.Key))
			if err != nil {
				return nil, err
			}
			s.props = append(s.props, jsProp{key: p.Key, s: ps})
		}
	}
	return s, nil
}

func (c *jsConv) sub(s *jsSchema, key string) (*jsSchema, error) {
	n := s.kw[key]
	if n == nil {
		return nil, nil
	}
	return c.schemaOf(n, child(s.ptr, key))
}

func (c *jsConv) subList(s *jsSchema, key string) ([]*jsSchema, error) {
	n := s.kw[key]
	if n == nil {
		return nil, nil
	}
	if n.Kind != x2kcl.List {
		return nil, c.errorf(child(s.ptr, key), n, "%s must be a list of schemas", key)
	}
	out := make([]*jsSchema, 0, len(n.Items))
	for i, it := range n.Items {
		si, err := c.schemaOf(it, child(s.ptr, key, strconv.Itoa(i)))
		if err != nil {
			return nil, err
		}
		out = append(out, si)
	}
	return out, nil
}

// resolve follows a $ref. Local references (#...) must resolve; a
// reference to another document is not loaded (upstream warns and types
// the value any) and yields nil.
func (c *jsConv) resolve(s *jsSchema, ref *x2kcl.Node) (*jsSchema, error) {
	r := ref.Str()
	ptr := child(s.ptr, "$ref")
	if !strings.HasPrefix(r, "#") {
		c.warnings = append(c.warnings, fmt.Sprintf("%s: %s: $ref %q points to another document, which is not loaded; the value is typed any", c.file, ptr, r))
		return nil, nil
	}
	frag := strings.TrimPrefix(r, "#")
	if frag != "" && !strings.HasPrefix(frag, "/") {
		return nil, c.errorf(ptr, ref, "unresolvable $ref %q: only JSON pointers (#/...) are supported", r)
	}
	n := resolvePointer(c.rootNode, frag)
	if n == nil {
		return nil, c.errorf(ptr, ref, "unresolvable $ref %q", r)
	}
	return c.schemaOf(n, frag)
}

// jsResult is the conversion of one schema.
type jsResult struct {
	isSchema bool
	isNull   bool
	name     string
	desc     string
	schema   *x2kcl.SchemaDef
	prop     *x2kcl.PropDef
	vals     []*jsValidation
	typ      *x2kcl.Type
}

// jsValidation is one constraint of a named value.
type jsValidation struct {
	name     string
	required bool

	minimum, maximum     *float64
	exclMin, exclMax     bool
	minLength, maxLength *int64
	regex                string
	multipleOf           *int64
	unique               bool
	constValue           *x2kcl.Node
	anyOfFields          []string
	anyOf                []*jsValidation
	not                  *jsValidation
}

// formats with a regular expression upstream checks.
var formatPatterns = map[string]string{
	"date-time": `^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$`,
	"email":     `^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}$`,
	"hostname":  `^([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]{0,61}[a-zA-Z0-9])(\.([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]{0,61}[a-zA-Z0-9]))*$`,
	"ipv4":      `^(?:(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\.){3}(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)$`,
	"ipv6":      `^(([0-9a-fA-F]{1,4}:){7,7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:((:[0-9a-fA-F]{1,4}){1,6})|:((:[0-9a-fA-F]{1,4}){1,7}|:)|fe80:(:[0-9a-fA-F]{0,4}){0,4}%[0-9a-zA-Z]{1,}|::(ffff(:0{1,4}){0,1}:){0,1}((25[0-5]|(2[0-4]|1{0,1}[0-9]){0,1}[0-9])\.){3,3}(25[0-5]|(2[0-4]|1{0,1}[0-9]){0,1}[0-9])|([0-9a-fA-F]{1,4}:){1,4}:((25[0-5]|(2[0-4]|1{0,1}[0-9])\.){3,3}(25[0-5]|(2[0-4]|1{0,1}[0-9]){0,1}[0-9])))$`,
	"uri":       `^[a-zA-Z][a-zA-Z0-9+-.]*://[^/?#]+(?:/[^?#]*)?(?:\?[^#]*)?(?:#.*)?$`,
	"uuid":      `^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`,
}

// anyOf members that are only a format check
var anyOfFormatPatterns = map[string]string{
	"hostname": formatPatterns["hostname"],
	"f5ip":     `^[a-fA-F0-9]{1,3}\.[a-fA-F0-9]{1,3}\.[a-fA-F0-9]{1,3}\.[a-fA-F0-9]{1,3}$`,
}

// FromJSONSchema converts a JSON Schema document (drafts 4 to 2020-12,
// JSON or YAML) to one KCL module. The root object is named after its
// $id (or the file name); nested objects, list items, pattern properties
// and combinations become further schemas.
func FromJSONSchema(file string, src []byte, opts Options) ([]byte, error) {
	doc, err := ParseDocument(file, src)
	if err != nil {
		return nil, err
	}
	c := &jsConv{file: file, rootNode: doc, cache: map[*x2kcl.Node]*jsSchema{}, imports: map[string]bool{}, results: map[string]*jsResult{}}
	root, err := c.schemaOf(doc, "")
	if err != nil {
		return nil, err
	}
	c.root = root
	base := filepath.Base(file)
	res, err := c.convert(root, strings.TrimSuffix(base, filepath.Ext(base)))
	if err != nil {
		return nil, err
	}
	for _, w := range c.warnings {
		opts.warn(w)
	}
	var schemas []*x2kcl.SchemaDef
	if res.isSchema {
		schemas = append(schemas, res.schema)
	}
	names := make([]string, 0, len(c.results))
	for n := range c.results {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if r := c.results[n]; r.isSchema {
			schemas = append(schemas, r.schema)
		}
	}
	var imports []string
	for imp := range c.imports {
		imports = append(imports, imp)
	}
	sort.Strings(imports)
	return x2kcl.PrintSchemas(file, imports, schemas)
}

// onPath reports whether a schema equal to s is being converted already
// (a recursive schema). Upstream compares the schema objects
// structurally, after the merges done so far.
func (c *jsConv) onPath(s *jsSchema) bool {
	for _, o := range c.pathObjs {
		if o == s || c.sameSchema(o, s, map[[2]*jsSchema]bool{}) {
			return true
		}
	}
	return false
}

// schemaKeys are keywords whose values are schemas or lists of schemas.
var schemaKeys = map[string]bool{
	"additionalProperties": true, "not": true, "if": true, "then": true, "else": true,
	"propertyNames": true, "contains": true, "additionalItems": true, "unevaluatedItems": true,
	"unevaluatedProperties": true, "allOf": true, "anyOf": true, "oneOf": true,
}

func (c *jsConv) sameSchema(a, b *jsSchema, seen map[[2]*jsSchema]bool) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil || a.isBool != b.isBool || len(a.keys) != len(b.keys) ||
		len(a.props) != len(b.props) || len(a.items) != len(b.items) || a.itemsTuple != b.itemsTuple {
		return false
	}
	if a.isBool {
		return x2kcl.Equal(a.node, b.node)
	}
	pair := [2]*jsSchema{a, b}
	if seen[pair] {
		return true
	}
	seen[pair] = true
	for i, k := range a.keys {
		if b.keys[i] != k {
			return false
		}
	}
	for _, k := range a.keys {
		va, vb := a.kw[k], b.kw[k]
		switch {
		case k == "properties" || k == "items":
			continue // compared below
		case schemaKeys[k]:
			if !c.sameSub(va, vb, seen) {
				return false
			}
		default:
			if !x2kcl.Equal(va, vb) {
				return false
			}
		}
	}
	for i := range a.props {
		if a.props[i].key != b.props[i].key || !c.sameSchema(a.props[i].s, b.props[i].s, seen) {
			return false
		}
	}
	for i := range a.items {
		if !c.sameSchema(a.items[i], b.items[i], seen) {
			return false
		}
	}
	return true
}

// sameSub compares two schema-valued keyword values through their schema
// objects (which conversion may have changed).
func (c *jsConv) sameSub(va, vb *x2kcl.Node, seen map[[2]*jsSchema]bool) bool {
	if va == vb {
		return true
	}
	if va.Kind != vb.Kind {
		return false
	}
	if va.Kind == x2kcl.List {
		if len(va.Items) != len(vb.Items) {
			return false
		}
		for i := range va.Items {
			if !c.sameSub(va.Items[i], vb.Items[i], seen) {
				return false
			}
		}
		return true
	}
	sa, errA := c.schemaOf(va, "")
	sb, errB := c.schemaOf(vb, "")
	if errA != nil || errB != nil {
		return x2kcl.Equal(va, vb)
	}
	return c.sameSchema(sa, sb, seen)
}

func idName(id string) string {
	if i := strings.LastIndex(id, "/"); i >= 0 {
		id = id[i+1:]
	}
	return strings.ReplaceAll(id, ".json", "")
}

// jsonType maps a JSON type name.
func jsonType(t string) *x2kcl.Type {
	switch t {
	case "string":
		return x2kcl.Prim("str")
	case "boolean", "bool":
		return x2kcl.Prim("bool")
	case "integer":
		return x2kcl.Prim("int")
	case "number":
		return x2kcl.Prim("float")
	case "array":
		return x2kcl.ListOf(x2kcl.Prim("any"))
	}
	return x2kcl.Prim("any")
}

func typeNames(n *x2kcl.Node) []string {
	switch n.Kind {
	case x2kcl.String:
		return []string{n.Text}
	case x2kcl.List:
		var out []string
		for _, t := range n.Items {
			out = append(out, t.Str())
		}
		return out
	}
	return nil
}

func numPtr(n *x2kcl.Node) *float64 {
	if n == nil || !n.IsNumber() {
		return nil
	}
	f := n.Num
	return &f
}

func intPtr(n *x2kcl.Node) *int64 {
	if n == nil || !n.IsNumber() {
		return nil
	}
	i := int64(n.Num)
	return &i
}

// merge copies the keywords of from into s (those s lacks) and merges
// properties, required and items, as upstream's $ref/allOf handling does.
// refFirst puts from's required names first.
func (c *jsConv) merge(s, from *jsSchema, refFirst bool, refs *[]*jsSchema) error {
	for _, key := range from.keys {
		if _, ok := s.kw[key]; !ok {
			s.keys = append(s.keys, key)
			s.kw[key] = from.kw[key]
			switch key {
			case "properties":
				s.props = append([]jsProp(nil), from.props...)
			case "items":
				s.items, s.itemsTuple = append([]*jsSchema(nil), from.items...), from.itemsTuple
			}
			continue
		}
		switch key {
		case "$ref":
			r, err := c.resolve(from, from.kw[key])
			if err != nil {
				return err
			}
			if r != nil {
				*refs = append(*refs, r)
			}
		case "properties":
			props := append([]jsProp(nil), s.props...)
			for _, p := range from.props {
				found := -1
				for i := range props {
					if props[i].key == p.key {
						found = i
						break
					}
				}
				switch {
				case found < 0:
					props = append(props, p)
				case props[found].s.node.Kind == x2kcl.Map && len(props[found].s.keys) == 0:
					// an empty placeholder takes the member's schema
					props[found] = p
				}
			}
			s.props = props
		case "required":
			a, b := s.kw[key], from.kw[key]
			if refFirst {
				a, b = b, a
			}
			s.kw[key] = &x2kcl.Node{Kind: x2kcl.List, Items: append(append([]*x2kcl.Node(nil), a.Items...), b.Items...)}
		case "items":
			// the member's items come first, then the schema's own
			s.items = append(append([]*jsSchema(nil), from.items...), s.items...)
		}
	}
	return nil
}

func sortRemaining(keys []string) {
	sort.SliceStable(keys, func(a, b int) bool { return keywordOrder(keys[a]) < keywordOrder(keys[b]) })
}

// validationKeys fills v from the numeric, string and array constraints
// of s.
func constraintOf(key string, n *x2kcl.Node) *jsValidation {
	v := &jsValidation{}
	switch key {
	case "minimum":
		v.minimum = numPtr(n)
	case "maximum":
		v.maximum = numPtr(n)
	case "exclusiveMinimum":
		if !n.IsNumber() {
			return nil // draft 4 boolean form
		}
		v.minimum, v.exclMin = numPtr(n), true
	case "exclusiveMaximum":
		if !n.IsNumber() {
			return nil
		}
		v.maximum, v.exclMax = numPtr(n), true
	case "minLength", "minItems":
		v.minLength = intPtr(n)
	case "maxLength", "maxItems":
		v.maxLength = intPtr(n)
	case "pattern":
		v.regex = n.Str()
	case "multipleOf":
		if !n.IsNumber() || n.Num != float64(int64(n.Num)) {
			return nil
		}
		v.multipleOf = intPtr(n)
	case "uniqueItems":
		if !n.IsTrue() {
			return nil
		}
		v.unique = true
	default:
		return nil
	}
	return v
}

// convert converts s, found under name.
func (c *jsConv) convert(s *jsSchema, name string) (*jsResult, error) {
	if s.isBool {
		// true/false schemas: upstream makes an unnamed, untyped attribute
		return &jsResult{prop: &x2kcl.PropDef{Type: x2kcl.Prim("any")}}, nil
	}
	if id := s.kw["$id"]; id != nil && id.Kind == x2kcl.String {
		name = idName(id.Text)
	}
	if name == "" {
		name = "AnonymousType"
	}
	res := &jsResult{name: name, prop: &x2kcl.PropDef{}, schema: &x2kcl.SchemaDef{}}
	if c.onPath(s) {
		res.typ = x2kcl.Prim("any")
		res.prop.Name, res.prop.Type = name, res.typ
		return res, nil
	}
	c.paths = append(c.paths, name)
	c.pathObjs = append(c.pathObjs, s)
	defer func() {
		c.paths = c.paths[:len(c.paths)-1]
		c.pathObjs = c.pathObjs[:len(c.pathObjs)-1]
	}()

	isArray := false
	reference := ""
	var typeList []*x2kcl.Type
	required := map[string]bool{}
	hasType := false
	var indexSig *x2kcl.Type
	indexAlias := ""
	var indexVals []*jsValidation

	for i := 0; i < len(s.keys); i++ {
		k := s.keys[i]
		v := s.kw[k]
		switch k {
		case "description":
			res.desc = v.Str()
		case "type":
			hasType = true
			names := typeNames(v)
			if len(names) == 1 {
				switch names[0] {
				case "object":
					res.isSchema = true
					continue
				case "array":
					isArray = true
					continue
				case "null":
					res.isNull = true
				}
			}
			var members []*x2kcl.Type
			for _, t := range names {
				if t != "null" {
					members = append(members, jsonType(t))
				}
			}
			if len(members) == 0 {
				typeList = append(typeList, x2kcl.Prim("any"))
			} else {
				typeList = append(typeList, x2kcl.UnionOf(members...))
			}
		case "items":
			if s.itemsTuple {
				c.warnings = append(c.warnings, fmt.Sprintf("%s: %s: tuple items are not supported", c.file, child(s.ptr, "items")))
				continue
			}
			for idx, it := range s.items {
				item, err := c.convert(it, "items"+strconv.Itoa(idx))
				if err != nil {
					return nil, err
				}
				if item.isSchema {
					c.results[item.schema.Name] = item
					typeList = append(typeList, x2kcl.Named(item.schema.Name))
				} else {
					typeList = append(typeList, item.typeOrAny())
				}
			}
		case "required":
			for _, r := range v.Items {
				required[r.Str()] = true
			}
		case "properties":
			res.isSchema = true
			for _, p := range s.props {
				ps, err := c.convert(p.s, p.key)
				if err != nil {
					return nil, err
				}
				ps.prop.Required = required[p.key]
				if ps.isSchema {
					c.results[ps.schema.Name] = ps
				}
				res.schema.Props = append(res.schema.Props, ps.prop)
				if !ps.isSchema {
					for _, val := range ps.vals {
						val.name = ps.prop.Name
						val.required = ps.prop.Required
						res.vals = append(res.vals, val)
					}
				}
			}
		case "patternProperties":
			res.isSchema = true
			if v.Kind != x2kcl.Map {
				return nil, c.errorf(child(s.ptr, k), v, "patternProperties must be an object")
			}
			canConvert := indexSig == nil && len(v.Pairs) == 1
			if indexSig != nil {
				c.warnings = append(c.warnings, fmt.Sprintf("%s: %s: patternProperties not converted: there is an index signature already", c.file, child(s.ptr, k)))
			} else if len(v.Pairs) != 1 {
				c.warnings = append(c.warnings, fmt.Sprintf("%s: %s: several patternProperties are not supported", c.file, child(s.ptr, k)))
			}
			if indexSig == nil {
				indexSig = x2kcl.Prim("any")
			}
			pairs := append([]x2kcl.Pair(nil), v.Pairs...)
			sort.SliceStable(pairs, func(a, b int) bool { return pairs[a].Key < pairs[b].Key })
			for idx, p := range pairs {
				if _, err := regexp.Compile(p.Key); err != nil {
					return nil, c.errorf(child(s.ptr, k, p.Key), v, "invalid pattern %q: %v", p.Key, err)
				}
				pss, err := c.schemaOf(p.Value, child(s.ptr, k, p.Key))
				if err != nil {
					return nil, err
				}
				ps, err := c.convert(pss, "patternProperties"+strconv.Itoa(idx))
				if err != nil {
					return nil, err
				}
				if ps.isSchema {
					c.results[ps.schema.Name] = ps
				}
				if canConvert {
					indexSig, indexAlias = ps.prop.Type, "key"
					indexVals = []*jsValidation{{name: "key", required: true, regex: p.Key}}
					c.imports["regex"] = true
				}
			}
		case "default":
			res.prop.Default = v
		case "enum":
			if v.Kind != x2kcl.List {
				return nil, c.errorf(child(s.ptr, k), v, "enum must be a list")
			}
			typeList = nil
			for _, e := range v.Items {
				typeList = append(typeList, x2kcl.ValueType(e))
			}
		case "const":
			typeList = []*x2kcl.Type{x2kcl.ValueType(v)}
			res.prop.Default = v
			if hasType {
				res.vals = append(res.vals, &jsValidation{name: name, constValue: v})
			}
		case "$ref":
			ref, err := c.resolve(s, v)
			if err != nil {
				return nil, err
			}
			if ref == nil || ref.isBool {
				continue
			}
			schs := []*jsSchema{ref}
			for j := 0; j < len(schs); j++ {
				if err := c.merge(s, schs[j], true, &schs); err != nil {
					return nil, err
				}
			}
			reference = v.Str()
			sortRemaining(s.keys[i+1:])
		case "additionalProperties":
			ap, err := c.schemaOf(v, child(s.ptr, k))
			if err != nil {
				return nil, err
			}
			if !ap.isBool || v.IsTrue() {
				// replaces an index signature from patternProperties
				indexAlias, indexVals = "", nil
			}
			switch {
			case ap.isBool && v.IsTrue():
				indexSig = x2kcl.Prim("any")
			case ap.isBool:
			default:
				r, err := c.convert(ap, "additionalProperties")
				if err != nil {
					return nil, err
				}
				if r.isSchema {
					c.results[r.schema.Name] = r
				}
				indexSig = r.typeOrAny()
			}
		case "propertyNames":
			if indexSig == nil || indexAlias == "" {
				continue
			}
			pn, err := c.schemaOf(v, child(s.ptr, k))
			if err != nil {
				return nil, err
			}
			for _, key := range pn.keys {
				if cv := constraintOf(key, pn.kw[key]); cv != nil {
					cv.name, cv.required = indexAlias, true
					if cv.regex != "" {
						c.imports["regex"] = true
					}
					if cv.multipleOf != nil || cv.unique || key == "minItems" || key == "maxItems" {
						res.vals = append(res.vals, cv)
					} else {
						indexVals = append(indexVals, cv)
					}
				}
			}
		case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength",
			"pattern", "multipleOf", "uniqueItems", "minItems", "maxItems":
			if cv := constraintOf(k, v); cv != nil {
				if cv.regex != "" {
					c.imports["regex"] = true
				}
				res.vals = append(res.vals, cv)
			}
		case "oneOf":
			list, err := c.subList(s, k)
			if err != nil {
				return nil, err
			}
			for idx, m := range list {
				item, err := c.convert(m, "oneOf"+strconv.Itoa(idx))
				if err != nil {
					return nil, err
				}
				if item.isSchema {
					c.results[item.schema.Name] = item
					typeList = append(typeList, x2kcl.Named(item.schema.Name))
				} else if !item.isNull {
					typeList = append(typeList, item.typeOrAny())
				}
			}
		case "allOf":
			list, err := c.subList(s, k)
			if err != nil {
				return nil, err
			}
			req := required[name]
			schs := append([]*jsSchema(nil), list...)
			for j := 0; j < len(schs); j++ {
				m := schs[j]
				for _, key := range m.keys {
					mv := m.kw[key]
					if cv := constraintOf(key, mv); cv != nil {
						cv.name, cv.required = name, req
						if cv.regex != "" {
							c.imports["regex"] = true
						}
						res.vals = append(res.vals, cv)
						continue
					}
					if key == "$ref" {
						r, err := c.resolve(m, mv)
						if err != nil {
							return nil, err
						}
						if r != nil && !r.isBool {
							schs = append(schs, r)
						}
						continue
					}
					if _, ok := jsConstraintKeys[key]; ok {
						continue // a constraint of a form not converted
					}
					one := &jsSchema{keys: []string{key}, kw: map[string]*x2kcl.Node{key: mv}, props: m.props, items: m.items, itemsTuple: m.itemsTuple}
					if err := c.merge(s, one, false, &schs); err != nil {
						return nil, err
					}
				}
			}
			sortRemaining(s.keys[i+1:])
		case "anyOf":
			if err := c.anyOf(s, name, required, res, &typeList); err != nil {
				return nil, err
			}
		case "not":
			nt, err := c.sub(s, k)
			if err != nil {
				return nil, err
			}
			if nt.isBool {
				continue
			}
			var notVal *jsValidation
			for _, key := range nt.keys {
				if key == "multipleOf" || key == "uniqueItems" || key == "minItems" || key == "maxItems" {
					continue
				}
				if cv := constraintOf(key, nt.kw[key]); cv != nil {
					if cv.regex != "" {
						c.imports["regex"] = true
					}
					notVal = cv
				}
			}
			if notVal != nil {
				notVal.name, notVal.required = name, required[name]
				res.vals = append(res.vals, &jsValidation{name: name, required: notVal.required, not: notVal})
			}
		case "format":
			if re, ok := formatPatterns[v.Str()]; ok {
				vname := name
				if len(c.paths) >= 2 {
					vname = c.paths[len(c.paths)-1]
				}
				res.vals = append(res.vals, &jsValidation{name: vname, required: len(c.paths) < 2, regex: re})
				res.typ = x2kcl.Prim("str")
				c.imports["regex"] = true
			} else {
				c.warnings = append(c.warnings, fmt.Sprintf("%s: %s: format %q is not checked", c.file, child(s.ptr, k), v.Str()))
			}
		}
	}

	if res.isSchema {
		if reference != "" {
			res.schema.Name = x2kcl.ToCamel(idName(reference[strings.LastIndex(reference, "/")+1:]))
		} else {
			var b strings.Builder
			for _, p := range c.paths {
				b.WriteString(x2kcl.ToCamel(p))
			}
			res.schema.Name = b.String()
		}
		res.schema.Description = res.desc
		typeList = append(typeList, x2kcl.Named(res.schema.Name))
		if len(res.schema.Props) == 0 && indexSig == nil {
			indexSig = x2kcl.Prim("any")
		}
		res.schema.IndexSig, res.schema.IndexAlias = indexSig, indexAlias
	}
	if len(typeList) != 0 {
		if isArray {
			res.typ = x2kcl.ListOf(x2kcl.UnionOf(typeList...))
		} else {
			res.typ = x2kcl.UnionOf(typeList...)
		}
	} else {
		res.typ = x2kcl.Prim("any")
	}
	if indexSig != nil && len(indexVals) > 0 && res.isSchema {
		res.vals = append(res.vals, indexVals...)
	}
	res.prop.Name = name
	res.prop.Description = res.desc
	res.prop.Type = res.typ
	if res.isSchema {
		for _, val := range res.vals {
			res.schema.Checks = append(res.schema.Checks, c.checkLines(val)...)
		}
	}
	return res, nil
}

// jsConstraintKeys are keywords allOf members contribute as constraints.
var jsConstraintKeys = map[string]bool{
	"minimum": true, "maximum": true, "exclusiveMinimum": true, "exclusiveMaximum": true,
	"minLength": true, "maxLength": true, "pattern": true, "multipleOf": true, "uniqueItems": true,
	"minItems": true, "maxItems": true,
}

func (r *jsResult) typeOrAny() *x2kcl.Type {
	if r.typ == nil {
		return x2kcl.Prim("any")
	}
	return r.typ
}

// anyOf handles the anyOf keyword: "one of these fields is required", a
// union of the member types, or (when every member only constrains the
// value) an or-ed check.
func (c *jsConv) anyOf(s *jsSchema, name string, required map[string]bool, res *jsResult, typeList *[]*x2kcl.Type) error {
	list, err := c.subList(s, "anyOf")
	if err != nil {
		return err
	}
	// "field1 or field2 is required"
	var fields []string
	allRequired := true
	for _, m := range list {
		hasReq, other := false, false
		for _, key := range m.keys {
			if r := m.kw[key]; key == "required" && r.Kind == x2kcl.List && len(r.Items) == 1 {
				fields = append(fields, r.Items[0].Str())
				hasReq = true
			} else if key != "description" && key != "title" && key != "$comment" {
				other = true
			}
		}
		if !hasReq || other {
			allRequired = false
			break
		}
	}
	if allRequired && len(fields) > 0 {
		res.vals = append(res.vals, &jsValidation{anyOfFields: fields})
		return nil
	}
	req := required[name]
	allValidations := true
	var anyVals []*jsValidation
	for idx, m := range list {
		onlyValidation := false
		kind := ""
		var value *x2kcl.Node
		hasTypeKw := false
		for _, key := range m.keys {
			switch key {
			case "format":
				if !hasTypeKw {
					onlyValidation, kind, value = true, "format", m.kw[key]
				}
			case "pattern":
				if !hasTypeKw {
					onlyValidation, kind, value = true, "pattern", m.kw[key]
				}
			case "const":
				onlyValidation = false
			case "type":
				hasTypeKw, onlyValidation = true, false
			case "description", "title", "$comment":
				continue
			default:
				onlyValidation = false
			}
			if !onlyValidation && kind == "" && !hasTypeKw {
				break
			}
		}
		if onlyValidation {
			switch kind {
			case "format":
				if re, ok := anyOfFormatPatterns[value.Str()]; ok {
					anyVals = append(anyVals, &jsValidation{name: name, regex: re})
					c.imports["regex"] = true
				} else {
					onlyValidation = false
				}
			case "pattern":
				anyVals = append(anyVals, &jsValidation{name: name, regex: value.Str()})
				c.imports["regex"] = true
			}
		}
		if onlyValidation {
			continue
		}
		item, err := c.convert(m, "anyOf"+strconv.Itoa(idx))
		if err != nil {
			return err
		}
		switch {
		case item.isSchema:
			allValidations = false
			c.results[item.schema.Name] = item
			*typeList = append(*typeList, x2kcl.Named(item.schema.Name))
		case item.isNull:
		default:
			if len(item.vals) > 0 && item.typ != nil && item.typ.Kind == x2kcl.TPrim && item.typ.Name == "any" {
				for _, v := range item.vals {
					v.name, v.required = name, req
					anyVals = append(anyVals, v)
				}
				continue
			}
			if !isOnlyValue(item.typ) {
				allValidations = false
			}
			*typeList = append(*typeList, item.typeOrAny())
		}
	}
	if allValidations && len(anyVals) > 0 {
		res.vals = append(res.vals, &jsValidation{name: name, required: req, anyOf: anyVals})
	}
	return nil
}

func isOnlyValue(t *x2kcl.Type) bool {
	if t == nil {
		return false
	}
	if t.Kind == x2kcl.TValue {
		return true
	}
	return t.Kind == x2kcl.TUnion && len(t.Union) == 1 && t.Union[0].Kind == x2kcl.TValue
}

// checkLines renders one validation as upstream's check lines.
func (c *jsConv) checkLines(v *jsValidation) []*ast.CheckExpr {
	x := x2kcl.NameExpr(v.name)
	guard := func() ast.Expr {
		if v.required {
			return nil
		}
		return x2kcl.NameExpr(v.name)
	}
	var out []*ast.CheckExpr
	add := func(test ast.Expr) { out = append(out, &ast.CheckExpr{Test: test, If: guard()}) }
	for _, t := range c.tests(v, x) {
		add(t)
	}
	if v.constValue != nil && x2kcl.Truthy(v.constValue) {
		add(cmp(x, syntax.EQL, x2kcl.ValueExpr2(v.constValue, true)))
	}
	if len(v.anyOfFields) > 0 {
		var e ast.Expr
		for _, f := range v.anyOfFields {
			t := &ast.UnaryExpr{Op: syntax.NOT, X: call("isnullish", x2kcl.NameExpr(f))}
			if e == nil {
				e = t
			} else {
				e = &ast.BinaryExpr{X: e, Op: syntax.OR, Y: t}
			}
		}
		out = append(out, &ast.CheckExpr{Test: e})
	}
	if len(v.anyOf) > 0 {
		var e ast.Expr
		for _, a := range v.anyOf {
			for _, t := range c.tests(a, x2kcl.NameExpr(a.name)) {
				if e == nil {
					e = t
				} else {
					e = &ast.BinaryExpr{X: e, Op: syntax.OR, Y: t}
				}
			}
		}
		if e != nil {
			add(e)
		}
	}
	if v.not != nil {
		for _, t := range c.tests(v.not, x) {
			var nt ast.Expr = &ast.UnaryExpr{Op: syntax.NOT, X: t}
			if _, ok := t.(*ast.CallExpr); !ok {
				nt = &ast.UnaryExpr{Op: syntax.NOT, X: &ast.ParenExpr{X: t}}
			}
			out = append(out, &ast.CheckExpr{Test: nt, If: func() ast.Expr {
				if v.not.required {
					return nil
				}
				return x2kcl.NameExpr(v.name)
			}()})
		}
	}
	return out
}

// tests returns the comparison tests of a validation, in upstream's order.
func (c *jsConv) tests(v *jsValidation, x ast.Expr) []ast.Expr {
	var out []ast.Expr
	if v.maximum != nil {
		op := syntax.LEQ
		if v.exclMax {
			op = syntax.LSS
		}
		out = append(out, cmp(x, op, number(*v.maximum)))
	}
	if v.minimum != nil {
		op := syntax.GEQ
		if v.exclMin {
			op = syntax.GTR
		}
		out = append(out, cmp(x, op, number(*v.minimum)))
	}
	if v.maxLength != nil {
		out = append(out, cmp(lenOf(x), syntax.LEQ, intLit(*v.maxLength)))
	}
	if v.minLength != nil {
		out = append(out, cmp(lenOf(x), syntax.GEQ, intLit(*v.minLength)))
	}
	if v.regex != "" {
		out = append(out, &ast.CallExpr{Fun: &ast.SelectorExpr{X: &ast.Ident{Name: "regex"}, Sel: &ast.Ident{Name: "match"}},
			Args: []ast.Expr{x, rawPattern(v.regex)}})
	}
	if v.multipleOf != nil {
		out = append(out, call("multiplyof", x, intLit(*v.multipleOf)))
	}
	if v.unique {
		out = append(out, call("isunique", call("list", x)))
	}
	return out
}
