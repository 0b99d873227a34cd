package openapi2kcl

import (
	"strconv"
	"strings"

	"github.com/kclx-dev/kclx/x2kcl"
)

// schema is a JSON-Schema-like object of an OpenAPI/Swagger document, read
// from the ordered data tree: property order and the order of keys inside
// default and example values are kept.
type schema struct {
	node *x2kcl.Node
	ptr  string // JSON pointer of the object in its document

	Ref         string
	Types       []string
	Format      string
	Title       string
	Description string

	Props    []property
	Required []string

	Items      *schema   // items: {...}
	ItemsTuple []*schema // items: [...]

	AdditionalProperties *schema // additionalProperties: {...}
	AdditionalAllowed    bool    // additionalProperties: true
	HasAdditional        bool    // the keyword is present

	AllOf []*schema
	AnyOf []*schema
	OneOf []*schema

	Enum    []*x2kcl.Node
	Default *x2kcl.Node
	Example *x2kcl.Node

	Maximum, Minimum                   *float64
	ExclusiveMaximum, ExclusiveMinimum bool
	MaxLength, MinLength               *int64
	MaxItems, MinItems                 *int64
	Pattern                            string
	UniqueItems                        bool
	MultipleOf                         *float64

	ReadOnly      bool
	Discriminator string
	ExternalURL   string

	IntOrString bool        // x-kubernetes-int-or-string
	KclType     *x2kcl.Node // x-kcl-type
	KclName     string      // x-kcl-name
	Order       int         // position in the parent's properties when spec order applies, else -1
}

type property struct {
	Name   string
	Schema *schema
}

func (s *schema) hasType(t string) bool {
	for _, x := range s.Types {
		if x == t {
			return true
		}
	}
	return false
}

func (s *schema) isRequired(name string) bool {
	for _, r := range s.Required {
		if r == name {
			return true
		}
	}
	return false
}

// firstType returns the main type of s: "object" when none is given,
// "intorstring" for [string, integer].
func (s *schema) firstType() string {
	if len(s.Types) == 0 || s.Types[0] == "" {
		return "object"
	}
	if len(s.Types) == 2 && (s.Types[0] == "string" && s.Types[1] == "integer" || s.Types[0] == "integer" && s.Types[1] == "string") {
		return "intorstring"
	}
	return s.Types[0]
}

// markUnordered is an internal keyword that keeps a property out of the
// spec order (it sorts after the ordered ones, by name).
const markUnordered = "x-kclx-unordered"

// parser reads schema objects from a document, reporting errors with the
// file name and the JSON pointer of the offending value.
type parser struct {
	file string
	// keepOrder marks properties with their spec position the way
	// upstream's x-order preprocessing does.
	keepOrder bool
	cache     map[*x2kcl.Node]*schema
}

func (p *parser) errorf(ptr string, n *x2kcl.Node, format string, args ...any) error {
	return x2kcl.Errorf(p.file, ptr, n, format, args...)
}

func child(ptr string, segs ...string) string { return ptr + x2kcl.Pointer(segs...) }

// parse reads the schema object n at ptr. ordered says whether its
// properties carry their spec order (upstream's x-order).
func (p *parser) parse(n *x2kcl.Node, ptr string, ordered bool) (*schema, error) {
	if n == nil {
		return nil, nil
	}
	if n.Kind == x2kcl.Bool {
		// true / false schemas: accept anything
		return &schema{node: n, ptr: ptr, Order: -1}, nil
	}
	if n.Kind != x2kcl.Map {
		return nil, p.errorf(ptr, n, "a schema must be an object, not %s", n.Kind)
	}
	s := &schema{node: n, ptr: ptr, Order: -1}
	for _, kv := range n.Pairs {
		k, v := kv.Key, kv.Value
		kp := child(ptr, k)
		switch k {
		case "$ref":
			if v.Kind != x2kcl.String {
				return nil, p.errorf(kp, v, "$ref must be a string")
			}
			s.Ref = v.Text
		case "type":
			switch v.Kind {
			case x2kcl.String:
				s.Types = []string{v.Text}
			case x2kcl.List:
				for i, t := range v.Items {
					if t.Kind != x2kcl.String {
						return nil, p.errorf(child(kp, strconv.Itoa(i)), t, "type names must be strings")
					}
					s.Types = append(s.Types, t.Text)
				}
			default:
				return nil, p.errorf(kp, v, "type must be a string or a list of strings")
			}
			for _, t := range s.Types {
				switch t {
				case "string", "integer", "number", "boolean", "object", "array", "null", "file":
				default:
					return nil, p.errorf(kp, v, "unknown type %q", t)
				}
			}
		case "format":
			s.Format = v.Str()
		case "title":
			s.Title = v.Str()
		case "description":
			s.Description = v.Str()
		case "required":
			if v.Kind == x2kcl.List {
				for _, r := range v.Items {
					if r.Kind == x2kcl.String {
						s.Required = append(s.Required, r.Text)
					}
				}
			}
		case "properties":
			if v.Kind != x2kcl.Map {
				return nil, p.errorf(kp, v, "properties must be an object")
			}
			// upstream numbers properties, and descends into a property's
			// own properties only when it says `type: object`
			for i, pv := range v.Pairs {
				nested := ordered && pv.Value.Kind == x2kcl.Map && pv.Value.Get("type").Str() == "object"
				ps, err := p.parse(pv.Value, child(kp, pv.Key), nested)
				if err != nil {
					return nil, err
				}
				if ordered && pv.Value.Kind == x2kcl.Map && !pv.Value.Get(markUnordered).IsTrue() {
					ps = ps.withOrder(i)
				}
				s.Props = append(s.Props, property{Name: pv.Key, Schema: ps})
			}
		case "items":
			if v.Kind == x2kcl.List {
				for i, it := range v.Items {
					is, err := p.parse(it, child(kp, strconv.Itoa(i)), false)
					if err != nil {
						return nil, err
					}
					s.ItemsTuple = append(s.ItemsTuple, is)
				}
				if s.ItemsTuple == nil {
					s.ItemsTuple = []*schema{}
				}
			} else {
				is, err := p.parse(v, kp, false)
				if err != nil {
					return nil, err
				}
				s.Items = is
			}
		case "additionalProperties":
			s.HasAdditional = true
			switch v.Kind {
			case x2kcl.Bool:
				s.AdditionalAllowed = v.IsTrue()
			default:
				as, err := p.parse(v, kp, false)
				if err != nil {
					return nil, err
				}
				s.AdditionalProperties = as
			}
		case "allOf", "anyOf", "oneOf":
			if v.Kind != x2kcl.List {
				return nil, p.errorf(kp, v, "%s must be a list", k)
			}
			var list []*schema
			for i, it := range v.Items {
				is, err := p.parse(it, child(kp, strconv.Itoa(i)), false)
				if err != nil {
					return nil, err
				}
				list = append(list, is)
			}
			switch k {
			case "allOf":
				s.AllOf = list
			case "anyOf":
				s.AnyOf = list
			default:
				s.OneOf = list
			}
		case "enum":
			if v.Kind != x2kcl.List {
				return nil, p.errorf(kp, v, "enum must be a list")
			}
			s.Enum = v.Items
		case "default":
			s.Default = v
		case "example":
			s.Example = v
		case "maximum", "minimum", "multipleOf":
			if !v.IsNumber() {
				return nil, p.errorf(kp, v, "%s must be a number", k)
			}
			f := v.Num
			switch k {
			case "maximum":
				s.Maximum = &f
			case "minimum":
				s.Minimum = &f
			default:
				s.MultipleOf = &f
			}
		case "exclusiveMaximum", "exclusiveMinimum":
			// Swagger 2.0 / OpenAPI 3.0 booleans; a number (OpenAPI 3.1)
			// is the bound itself.
			if v.IsNumber() {
				f := v.Num
				if k == "exclusiveMaximum" {
					s.Maximum, s.ExclusiveMaximum = &f, true
				} else {
					s.Minimum, s.ExclusiveMinimum = &f, true
				}
			} else if k == "exclusiveMaximum" {
				s.ExclusiveMaximum = v.IsTrue()
			} else {
				s.ExclusiveMinimum = v.IsTrue()
			}
		case "maxLength", "minLength", "maxItems", "minItems":
			if v.Kind != x2kcl.Int && !(v.Kind == x2kcl.Float && v.Num == float64(int64(v.Num))) {
				return nil, p.errorf(kp, v, "%s must be an integer", k)
			}
			i := int64(v.Num)
			switch k {
			case "maxLength":
				s.MaxLength = &i
			case "minLength":
				s.MinLength = &i
			case "maxItems":
				s.MaxItems = &i
			default:
				s.MinItems = &i
			}
		case "pattern":
			s.Pattern = v.Str()
		case "uniqueItems":
			s.UniqueItems = v.IsTrue()
		case "readOnly":
			s.ReadOnly = v.IsTrue()
		case "discriminator":
			switch v.Kind {
			case x2kcl.String:
				s.Discriminator = v.Text
			case x2kcl.Map: // OpenAPI 3
				s.Discriminator = v.Get("propertyName").Str()
			}
		case "externalDocs":
			s.ExternalURL = v.Get("url").Str()
		case "x-kubernetes-int-or-string":
			s.IntOrString = v.IsTrue()
		case "x-kcl-type":
			if v.Kind != x2kcl.Map || v.Get("type").Kind != x2kcl.String {
				return nil, p.errorf(kp, v, "x-kcl-type must be an object with a string \"type\"")
			}
			s.KclType = v
		case "x-kcl-name":
			s.KclName = v.Str()
		case "nullable":
			// OpenAPI 3.0: null allowed; KCL attributes accept None anyway
		}
	}
	return s, nil
}

// withOrder returns s marked with its spec position.
func (s *schema) withOrder(i int) *schema {
	s.Order = i
	return s
}

// isEmpty reports whether s has no keywords at all.
func (s *schema) isEmpty() bool { return s.node == nil || len(s.node.Pairs) == 0 }

// refName returns the definition name a local $ref points to, or "".
func refName(ref string) string {
	for _, prefix := range []string{"#/definitions/", "#/components/schemas/"} {
		if rest, ok := strings.CutPrefix(ref, prefix); ok {
			return unescapePointer(rest)
		}
	}
	return ""
}

func unescapePointer(s string) string {
	if !strings.Contains(s, "~") {
		return s
	}
	return strings.NewReplacer("~1", "/", "~0", "~").Replace(s)
}
