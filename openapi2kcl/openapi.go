package openapi2kcl

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"

	"github.com/kclx-dev/kclx/x2kcl"
)

// ParseDocument decodes a JSON or YAML document (the first document of a
// YAML stream) into an ordered tree.
func ParseDocument(file string, src []byte) (*x2kcl.Node, error) {
	trimmed := bytes.TrimLeft(src, " \t\r\n\xef\xbb\xbf")
	if strings.EqualFold(filepath.Ext(file), ".json") || len(trimmed) > 0 && trimmed[0] == '{' {
		n, err := x2kcl.ParseJSON(file, src)
		if err == nil || strings.EqualFold(filepath.Ext(file), ".json") {
			return n, err
		}
	}
	docs, err := x2kcl.ParseYAML(file, src)
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		return nil, &x2kcl.Error{File: file, Msg: "the document is empty"}
	}
	return docs[0], nil
}

// FromOpenAPI converts the definitions of a Swagger 2.0 or OpenAPI 3.x
// document (JSON or YAML) to KCL schemas, one module per definition. The
// result maps file paths (slash-separated, relative to the package folder)
// to their content.
func FromOpenAPI(file string, src []byte, opts Options) (map[string][]byte, error) {
	doc, err := ParseDocument(file, src)
	if err != nil {
		return nil, err
	}
	return fromDocument(file, doc, opts)
}

func fromDocument(file string, doc *x2kcl.Node, opts Options) (map[string][]byte, error) {
	if doc.Kind != x2kcl.Map {
		return nil, x2kcl.Errorf(file, "", doc, "an OpenAPI document must be an object")
	}
	var defsNode *x2kcl.Node
	var defsPtr string
	switch {
	case doc.Has("swagger"):
		if v := doc.Get("swagger"); v.Kind != x2kcl.String || v.Text != "2.0" {
			return nil, x2kcl.Errorf(file, "/swagger", v, "unsupported Swagger version %s (want \"2.0\")", v.AppendJSON(nil))
		}
		defsNode, defsPtr = doc.Get("definitions"), "/definitions"
	case doc.Has("openapi"):
		if v := doc.Get("openapi"); v.Kind != x2kcl.String || !strings.HasPrefix(v.Text, "3.") {
			return nil, x2kcl.Errorf(file, "/openapi", v, "unsupported OpenAPI version %s (want 3.x)", v.AppendJSON(nil))
		}
		defsNode, defsPtr = doc.Get("components").Get("schemas"), "/components/schemas"
	default:
		return nil, x2kcl.Errorf(file, "", doc, "not an OpenAPI document: neither \"swagger\" nor \"openapi\" is set")
	}
	if defsNode != nil && defsNode.Kind != x2kcl.Map {
		return nil, x2kcl.Errorf(file, defsPtr, defsNode, "must be an object")
	}
	g := &generator{file: file, opts: opts, defs: map[string]*defInfo{}, models: map[string]*model{}, aliases: map[string]map[string]string{}}
	p := &parser{file: file, keepOrder: !opts.SortProperties}
	if defsNode != nil {
		for _, kv := range defsNode.Pairs {
			s, err := p.parse(kv.Value, child(defsPtr, kv.Key), !opts.SortProperties)
			if err != nil {
				return nil, err
			}
			g.defs[kv.Key] = &defInfo{name: kv.Key, s: s}
			g.order = append(g.order, kv.Key)
		}
	}
	// structural checks (with JSON pointers) first, then the validator
	if err := g.classify(); err != nil {
		return nil, err
	}
	if err := g.checkRefs(); err != nil {
		return nil, err
	}
	if opts.SkipValidation {
		return g.generate()
	}
	// the validator only reads doc; the generator only reads g's own
	// parsed copy, so both run at once and a validation error wins
	done := make(chan error, 1)
	go func() { done <- validate(file, doc) }()
	out, err := g.generate()
	if verr := <-done; verr != nil {
		return nil, verr
	}
	return out, err
}

// generate runs the conversion and prints every model.
func (g *generator) generate() (map[string][]byte, error) {
	if err := g.run(); err != nil {
		return nil, err
	}
	out := make(map[string][]byte, len(g.models))
	for p, m := range g.models {
		if m.root == nil {
			continue
		}
		data, err := g.print(m)
		if err != nil {
			return nil, err
		}
		out[p] = data
	}
	return out, nil
}

// checkRefs reports the first $ref that names no definition, with its
// JSON pointer, before anything is generated.
func (g *generator) checkRefs() error {
	var walk func(s *schema) error
	seen := map[*schema]bool{}
	walk = func(s *schema) error {
		if s == nil || seen[s] {
			return nil
		}
		seen[s] = true
		if s.Ref != "" {
			if !strings.HasPrefix(s.Ref, "#/") {
				return g.errorf(child(s.ptr, "$ref"), s.node.Get("$ref"), "unsupported $ref %q: only local references (#/definitions/... or #/components/schemas/...) are supported", s.Ref)
			}
			if _, ok := g.defs[refName(s.Ref)]; !ok {
				return g.errorf(child(s.ptr, "$ref"), s.node.Get("$ref"), "unresolvable $ref %q", s.Ref)
			}
		}
		for _, p := range s.Props {
			if err := walk(p.Schema); err != nil {
				return err
			}
		}
		for _, l := range [][]*schema{s.ItemsTuple, s.AllOf, s.AnyOf, s.OneOf, {s.Items, s.AdditionalProperties}} {
			for _, x := range l {
				if err := walk(x); err != nil {
					return err
				}
			}
		}
		return nil
	}
	for _, n := range g.order {
		if err := walk(g.defs[n].s); err != nil {
			return err
		}
	}
	return nil
}

// validate checks the document with kin-openapi. Tuple items (items given
// as a list, which upstream's generator accepts) are replaced by an empty
// schema for the check only.
func validate(file string, doc *x2kcl.Node) error {
	if err := checkPathRefs(file, doc); err != nil {
		return err
	}
	doc = stubPathRefs(normalizeTuples(doc))
	ctx := context.Background()
	var doc3 *openapi3.T
	if doc.Has("swagger") {
		doc2, err := unmarshalSwagger(doc)
		if err != nil {
			return &x2kcl.Error{File: file, Msg: "invalid Swagger 2.0 document: " + err.Error()}
		}
		if doc3, err = openapi2conv.ToV3(doc2); err != nil {
			return &x2kcl.Error{File: file, Msg: "invalid Swagger 2.0 document: " + err.Error()}
		}
		if doc3.Paths == nil {
			doc3.Paths = openapi3.NewPaths() // `paths: {}` converts to nothing
		}
	} else {
		loader := openapi3.NewLoader()
		var err error
		if doc3, err = loader.LoadFromData(doc.AppendJSON(nil)); err != nil {
			return &x2kcl.Error{File: file, Msg: "invalid OpenAPI document: " + err.Error()}
		}
	}
	if err := validateDoc(ctx, doc3); err != nil {
		return &x2kcl.Error{File: file, Msg: fmt.Sprintf("invalid OpenAPI document (use --skip-validation to convert it anyway): %v", err)}
	}
	return nil
}

// unmarshalSwagger decodes a Swagger 2.0 document with kin-openapi,
// decoding "paths" (the bulk of large API descriptions) and the rest of
// the document concurrently.
func unmarshalSwagger(doc *x2kcl.Node) (*openapi2.T, error) {
	paths := doc.Get("paths")
	if paths == nil {
		var doc2 openapi2.T
		if err := json.Unmarshal(doc.AppendJSON(nil), &doc2); err != nil {
			return nil, err
		}
		return &doc2, nil
	}
	rest := &x2kcl.Node{Kind: x2kcl.Map}
	for _, kv := range doc.Pairs {
		if kv.Key != "paths" {
			rest.Pairs = append(rest.Pairs, kv)
		}
	}
	// paths split in halves: three decoders for two or more cores
	chunks := []*x2kcl.Node{paths}
	if paths.Kind == x2kcl.Map && len(paths.Pairs) > 1 {
		h := len(paths.Pairs) / 2
		chunks = []*x2kcl.Node{{Kind: x2kcl.Map, Pairs: paths.Pairs[:h]}, {Kind: x2kcl.Map, Pairs: paths.Pairs[h:]}}
	}
	parts := make([]openapi2.T, len(chunks))
	errs := make(chan error, len(chunks))
	for i, c := range chunks {
		go func() {
			only := &x2kcl.Node{Kind: x2kcl.Map, Pairs: []x2kcl.Pair{{Key: "paths", Value: c}}}
			errs <- json.Unmarshal(only.AppendJSON(nil), &parts[i])
		}()
	}
	var doc2 openapi2.T
	err := json.Unmarshal(rest.AppendJSON(nil), &doc2)
	for range chunks {
		if errP := <-errs; err == nil {
			err = errP
		}
	}
	if err != nil {
		return nil, err
	}
	for _, part := range parts {
		if part.Paths == nil {
			continue
		}
		if doc2.Paths == nil {
			doc2.Paths = make(map[string]*openapi2.PathItem, len(part.Paths))
		}
		maps.Copy(doc2.Paths, part.Paths)
	}
	return &doc2, nil
}

// validateDoc is openapi3.T.Validate with the "paths" section, which
// re-validates every referenced schema per operation, checked
// concurrently with the rest of the document. Validation only reads the
// document. A failure outside "paths" is reported first.
func validateDoc(ctx context.Context, doc *openapi3.T) error {
	opts := []openapi3.ValidationOption{openapi3.DisableExamplesValidation(), openapi3.DisableSchemaDefaultsValidation()}
	if doc.Paths == nil || doc.Paths.Len() == 0 {
		return doc.Validate(ctx, opts...)
	}
	if doc.IsOpenAPI31OrLater() {
		opts = append(opts, openapi3.IsOpenAPI31OrLater())
	}
	if doc.IsOpenAPI32OrLater() {
		opts = append(opts, openapi3.IsOpenAPI32OrLater())
	}
	done := make(chan error, 1)
	go func() {
		if err := doc.Paths.Validate(ctx, opts...); err != nil {
			done <- &openapi3.SectionValidationError{Section: "paths", Cause: err}
			return
		}
		done <- nil
	}()
	rest := *doc
	rest.Paths = openapi3.NewPaths()
	err := rest.Validate(ctx, opts...)
	if errP := <-done; err == nil {
		err = errP
	}
	return err
}

// checkPathRefs reports, with its JSON pointer, the first local $ref under
// "paths" that does not resolve within the document.
func checkPathRefs(file string, doc *x2kcl.Node) error {
	var walk func(n *x2kcl.Node, ptr string) error
	walk = func(n *x2kcl.Node, ptr string) error {
		switch n.Kind {
		case x2kcl.Map:
			for _, kv := range n.Pairs {
				if kv.Key == "$ref" && kv.Value.Kind == x2kcl.String && strings.HasPrefix(kv.Value.Text, "#") {
					if resolvePointer(doc, strings.TrimPrefix(kv.Value.Text, "#")) == nil {
						return x2kcl.Errorf(file, child(ptr, "$ref"), kv.Value, "unresolvable $ref %q", kv.Value.Text)
					}
					continue
				}
				if err := walk(kv.Value, child(ptr, kv.Key)); err != nil {
					return err
				}
			}
		case x2kcl.List:
			for i, it := range n.Items {
				if err := walk(it, child(ptr, strconv.Itoa(i))); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if paths := doc.Get("paths"); paths != nil {
		return walk(paths, "/paths")
	}
	return nil
}

// resolvePointer returns the node at the JSON pointer ptr ("" or "/a/b")
// in doc, or nil.
func resolvePointer(doc *x2kcl.Node, ptr string) *x2kcl.Node {
	if ptr == "" {
		return doc
	}
	if !strings.HasPrefix(ptr, "/") {
		return nil
	}
	n := doc
	for _, seg := range strings.Split(ptr[1:], "/") {
		seg = unescapePointer(seg)
		switch n.Kind {
		case x2kcl.Map:
			n = n.Get(seg)
		case x2kcl.List:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(n.Items) {
				return nil
			}
			n = n.Items[i]
		default:
			return nil
		}
		if n == nil {
			return nil
		}
	}
	return n
}

// stubPathRefs returns doc with every schema under "paths" that is only a
// resolvable reference to a definition replaced by the empty schema. The
// validator checks each operation's schemas afresh, so a large API would
// have its definitions re-validated once per response; they are validated
// once as definitions anyway, and an empty schema is always valid, so the
// verdict is unchanged. Unresolvable references are kept for the
// validator to report.
func stubPathRefs(doc *x2kcl.Node) *x2kcl.Node {
	prefix, defs := "#/definitions/", doc.Get("definitions")
	if !doc.Has("swagger") {
		prefix, defs = "#/components/schemas/", doc.Get("components").Get("schemas")
	}
	paths := doc.Get("paths")
	if paths == nil || defs == nil || defs.Kind != x2kcl.Map {
		return doc
	}
	mapPairs := func(n *x2kcl.Node, f func(key string, v *x2kcl.Node) *x2kcl.Node) *x2kcl.Node {
		c := &x2kcl.Node{Kind: x2kcl.Map, Pairs: make([]x2kcl.Pair, len(n.Pairs))}
		for i, p := range n.Pairs {
			c.Pairs[i] = x2kcl.Pair{Key: p.Key, Value: f(p.Key, p.Value)}
		}
		return c
	}
	var schema func(n *x2kcl.Node) *x2kcl.Node
	schema = func(n *x2kcl.Node) *x2kcl.Node {
		if n.Kind != x2kcl.Map {
			return n
		}
		if len(n.Pairs) == 1 && n.Pairs[0].Key == "$ref" && n.Pairs[0].Value.Kind == x2kcl.String {
			name, ok := strings.CutPrefix(n.Pairs[0].Value.Text, prefix)
			if ok && !strings.Contains(name, "/") && defs.Has(unescapePointer(name)) {
				return &x2kcl.Node{Kind: x2kcl.Map}
			}
			return n
		}
		return mapPairs(n, func(key string, v *x2kcl.Node) *x2kcl.Node {
			switch key {
			case "items", "additionalProperties", "not":
				return schema(v)
			case "properties", "patternProperties":
				if v.Kind == x2kcl.Map {
					return mapPairs(v, func(_ string, p *x2kcl.Node) *x2kcl.Node { return schema(p) })
				}
			case "allOf", "anyOf", "oneOf":
				if v.Kind == x2kcl.List {
					c := &x2kcl.Node{Kind: x2kcl.List, Items: make([]*x2kcl.Node, len(v.Items))}
					for i, it := range v.Items {
						c.Items[i] = schema(it)
					}
					return c
				}
			}
			return v
		})
	}
	// everything under paths other than a schema is kept as it is
	var walk func(key string, n *x2kcl.Node) *x2kcl.Node
	walk = func(key string, n *x2kcl.Node) *x2kcl.Node {
		switch {
		case key == "schema":
			return schema(n)
		case n.Kind == x2kcl.Map:
			return mapPairs(n, walk)
		case n.Kind == x2kcl.List:
			c := &x2kcl.Node{Kind: x2kcl.List, Items: make([]*x2kcl.Node, len(n.Items))}
			for i, it := range n.Items {
				c.Items[i] = walk("", it)
			}
			return c
		}
		return n
	}
	stub := func(n *x2kcl.Node) *x2kcl.Node { return walk("", n) }
	c := &x2kcl.Node{Kind: x2kcl.Map, Pairs: make([]x2kcl.Pair, len(doc.Pairs))}
	for i, p := range doc.Pairs {
		if p.Key == "paths" {
			p.Value = stub(p.Value)
		}
		c.Pairs[i] = p
	}
	return c
}

func normalizeTuples(n *x2kcl.Node) *x2kcl.Node {
	switch n.Kind {
	case x2kcl.Map:
		c := &x2kcl.Node{Kind: x2kcl.Map, Pairs: make([]x2kcl.Pair, len(n.Pairs))}
		for i, p := range n.Pairs {
			v := p.Value
			if p.Key == "items" && v.Kind == x2kcl.List {
				v = &x2kcl.Node{Kind: x2kcl.Map}
			} else {
				v = normalizeTuples(v)
			}
			c.Pairs[i] = x2kcl.Pair{Key: p.Key, Value: v}
		}
		return c
	case x2kcl.List:
		c := &x2kcl.Node{Kind: x2kcl.List, Items: make([]*x2kcl.Node, len(n.Items))}
		for i, it := range n.Items {
			c.Items[i] = normalizeTuples(it)
		}
		return c
	}
	return n
}
