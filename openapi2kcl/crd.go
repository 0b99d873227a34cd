package openapi2kcl

import (
	_ "embed"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/kclx-dev/kclx/x2kcl"
)

// k8sMeta holds the Kubernetes object metadata definitions CRD models
// refer to (ObjectMeta and the types it uses, from the Kubernetes API
// documentation) and the descriptions of apiVersion and kind.
//
//go:embed k8s_meta.json
var k8sMeta []byte

const objectMetaDef = "k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"

// FromCRD converts every CustomResourceDefinition of a (multi-document)
// YAML or JSON file, apiextensions.k8s.io v1 or v1beta1, to KCL schemas:
// one module per CRD version (all versions that carry a schema), plus the
// Kubernetes metadata modules they import. Paths are relative to the
// package folder; see GroupByVersion for the per-version layout.
func FromCRD(file string, src []byte, opts Options) (map[string][]byte, error) {
	var docs []*x2kcl.Node
	if n, err := ParseDocument(file, src); err == nil && n.Kind == x2kcl.Map && strings.HasSuffix(strings.ToLower(file), ".json") {
		docs = []*x2kcl.Node{n}
	} else {
		if docs, err = x2kcl.ParseYAML(file, src); err != nil {
			return nil, err
		}
	}
	defs := &x2kcl.Node{Kind: x2kcl.Map}
	found := 0
	for i, d := range docs {
		ptr := ""
		if len(docs) > 1 {
			ptr = fmt.Sprintf("(document %d)", i+1)
		}
		if d.Kind == x2kcl.Null {
			continue
		}
		n, err := crdDefinitions(file, ptr, d, defs)
		if err != nil {
			return nil, err
		}
		found += n
	}
	if found == 0 {
		return nil, &x2kcl.Error{File: file, Msg: "no CustomResourceDefinition with an OpenAPI v3 schema found"}
	}
	meta, err := x2kcl.ParseJSON("k8s_meta.json", k8sMeta)
	if err != nil {
		return nil, err
	}
	for _, p := range meta.Get("definitions").Pairs {
		setPair(defs, p.Key, p.Value)
	}
	doc := &x2kcl.Node{Kind: x2kcl.Map, Pairs: []x2kcl.Pair{
		{Key: "swagger", Value: x2kcl.NewString("2.0")},
		{Key: "definitions", Value: defs},
	}}
	opts.SkipValidation = true // the CRD was checked structurally above
	opts.crd = true
	return fromDocument(file, doc, opts)
}

func setPair(m *x2kcl.Node, key string, v *x2kcl.Node) {
	for i := range m.Pairs {
		if m.Pairs[i].Key == key {
			m.Pairs[i].Value = v
			return
		}
	}
	m.Pairs = append(m.Pairs, x2kcl.Pair{Key: key, Value: v})
}

// crdDefinitions adds the definitions of one CRD document to defs.
func crdDefinitions(file, docPtr string, crd *x2kcl.Node, defs *x2kcl.Node) (int, error) {
	errf := func(ptr string, n *x2kcl.Node, format string, args ...any) error {
		return x2kcl.Errorf(file, strings.TrimSpace(docPtr+" "+ptr), n, format, args...)
	}
	if crd.Kind != x2kcl.Map {
		return 0, errf("", crd, "not a CustomResourceDefinition: the document is not an object")
	}
	if k := crd.Get("kind").Str(); k != "CustomResourceDefinition" {
		return 0, errf("/kind", crd.Get("kind"), "not a CustomResourceDefinition (kind %q)", k)
	}
	apiVersion := crd.Get("apiVersion").Str()
	if apiVersion != "apiextensions.k8s.io/v1" && apiVersion != "apiextensions.k8s.io/v1beta1" {
		return 0, errf("/apiVersion", crd.Get("apiVersion"), "unsupported CRD apiVersion %q (want apiextensions.k8s.io/v1 or v1beta1)", apiVersion)
	}
	spec := crd.Get("spec")
	if spec.Kind != x2kcl.Map {
		return 0, errf("/spec", spec, "missing spec")
	}
	group := spec.Get("group").Str()
	kind := spec.Get("names").Get("kind").Str()
	if group == "" {
		return 0, errf("/spec/group", spec, "missing spec.group")
	}
	if kind == "" {
		return 0, errf("/spec/names/kind", spec.Get("names"), "missing spec.names.kind")
	}
	// v1beta1: spec.validation applies to every version without its own
	shared := spec.Get("validation").Get("openAPIV3Schema")
	type version struct {
		name   string
		schema *x2kcl.Node
		ptr    string
	}
	var versions []version
	if vs := spec.Get("versions"); vs != nil && vs.Kind == x2kcl.List && len(vs.Items) > 0 {
		for i, v := range vs.Items {
			name := v.Get("name").Str()
			if name == "" {
				return 0, errf(fmt.Sprintf("/spec/versions/%d/name", i), v, "missing version name")
			}
			s := v.Get("schema").Get("openAPIV3Schema")
			ptr := fmt.Sprintf("/spec/versions/%d/schema/openAPIV3Schema", i)
			if s == nil {
				s, ptr = shared, "/spec/validation/openAPIV3Schema"
			}
			if s == nil {
				continue
			}
			versions = append(versions, version{name, s, ptr})
		}
	} else if shared != nil {
		name := spec.Get("version").Str()
		if name == "" {
			return 0, errf("/spec/version", spec, "missing spec.version")
		}
		versions = append(versions, version{name, shared, "/spec/validation/openAPIV3Schema"})
	}
	meta, _ := x2kcl.ParseJSON("k8s_meta.json", k8sMeta)
	tm := meta.Get("typeMeta")
	for _, v := range versions {
		if v.schema.Kind != x2kcl.Map {
			return 0, errf(v.ptr, v.schema, "the schema must be an object")
		}
		s := jsonForm(v.schema)
		props := s.Get("properties")
		if props == nil {
			props = &x2kcl.Node{Kind: x2kcl.Map}
			setPair(s, "properties", props)
		}
		str := func(desc, def string) *x2kcl.Node {
			return &x2kcl.Node{Kind: x2kcl.Map, Pairs: []x2kcl.Pair{
				{Key: "default", Value: x2kcl.NewString(def)},
				{Key: "description", Value: x2kcl.NewString(desc)},
				{Key: "readOnly", Value: x2kcl.NewBool(true)},
				{Key: "type", Value: x2kcl.NewString("string")},
			}}
		}
		setPair(props, "apiVersion", str(tm.Get("apiVersion").Str(), group+"/"+v.name))
		setPair(props, "kind", str(tm.Get("kind").Str(), kind))
		setPair(props, "metadata", &x2kcl.Node{Kind: x2kcl.Map, Pairs: []x2kcl.Pair{
			{Key: "$ref", Value: x2kcl.NewString("#/definitions/" + objectMetaDef)},
			// upstream bundles this reference from a second file, which
			// drops the property's place in the property order
			{Key: markUnordered, Value: x2kcl.NewBool(true)},
		}})
		sort.SliceStable(props.Pairs, func(i, j int) bool { return props.Pairs[i].Key < props.Pairs[j].Key })
		setPair(defs, group+"."+v.name+"."+kind, s)
	}
	return len(versions), nil
}

// jsonForm returns a copy of a CRD schema as the Kubernetes API server
// would hand it on: the keys of properties and of default/example values
// in name order and every number of a value a float (JSON decoding).
func jsonForm(n *x2kcl.Node) *x2kcl.Node { return jsonFormAt(n, modeSchema) }

const (
	modeSchema = iota // a schema object (keys are keywords)
	modeProps         // a map of names to schemas
	modeValue         // a default, example or enum value
)

func jsonFormAt(n *x2kcl.Node, mode int) *x2kcl.Node {
	switch n.Kind {
	case x2kcl.Map:
		c := &x2kcl.Node{Kind: x2kcl.Map, Line: n.Line, Pairs: make([]x2kcl.Pair, len(n.Pairs))}
		for i, p := range n.Pairs {
			m := modeSchema
			switch {
			case mode == modeValue:
				m = modeValue
			case mode == modeProps:
				m = modeSchema
			case p.Key == "default" || p.Key == "example" || p.Key == "enum":
				m = modeValue
			case p.Key == "properties" || p.Key == "patternProperties" || p.Key == "definitions" || p.Key == "dependencies":
				m = modeProps
			}
			c.Pairs[i] = x2kcl.Pair{Key: p.Key, Value: jsonFormAt(p.Value, m)}
		}
		if mode != modeSchema {
			sort.SliceStable(c.Pairs, func(i, j int) bool { return c.Pairs[i].Key < c.Pairs[j].Key })
		}
		return c
	case x2kcl.List:
		if mode == modeProps {
			mode = modeSchema
		}
		c := &x2kcl.Node{Kind: x2kcl.List, Line: n.Line, Items: make([]*x2kcl.Node, len(n.Items))}
		for i, it := range n.Items {
			c.Items[i] = jsonFormAt(it, mode)
		}
		return c
	case x2kcl.Int:
		if mode == modeValue {
			return &x2kcl.Node{Kind: x2kcl.Float, Text: n.Text, Num: n.Num, Line: n.Line}
		}
	}
	return n
}

// knownAPIVersions are the version folder names of the CRD layout.
var knownAPIVersions = func() map[string]bool {
	m := map[string]bool{}
	for i := 1; i <= 10; i++ {
		m["v"+strconv.Itoa(i)] = true
	}
	for _, stage := range []string{"alpha", "beta"} {
		for major := 1; major <= 3; major++ {
			for minor := 1; minor <= 5; minor++ {
				m[fmt.Sprintf("v%d%s%d", major, stage, minor)] = true
			}
		}
	}
	return m
}()

var versionInName = regexp.MustCompile(`_v([0-9a-zA-Z]+)`)

// GroupByVersion lays CRD models out as `kcl import -m crd` does: every
// module at the top of the package folder moves into a folder named after
// the API version in its file name (v1, v1beta1, ...; "unknown" when there
// is none), and the package gets a kcl.mod named after its folder.
// versionDir is the folder GroupByVersion moves the model file p to.
func versionDir(p string) string {
	if m := versionInName.FindStringSubmatch(p); m != nil && knownAPIVersions["v"+m[1]] {
		return "v" + m[1]
	}
	return "unknown"
}

func GroupByVersion(files map[string][]byte, pkg string) map[string][]byte {
	out := make(map[string][]byte, len(files)+1)
	for p, data := range files {
		if strings.Contains(p, "/") || !strings.HasSuffix(p, ".k") {
			out[p] = data
			continue
		}
		out[versionDir(p)+"/"+p] = data
	}
	name := path.Base(strings.TrimSuffix(pkg, "/"))
	if name == "" || name == "." || name == "/" {
		name = "models"
	}
	out["kcl.mod"] = []byte("[package]\nname = " + strconv.Quote(name) + "\nedition = \"v0.11.0\"\nversion = \"0.0.1\"\n")
	return out
}
