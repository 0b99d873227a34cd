package x2kcl

import (
	"sort"
	"strconv"

	"github.com/kclx-dev/kclx/kcl/ast"
)

// TerraformSchema converts a Terraform provider schema (the output of
// `terraform providers schema -json`) to KCL: one schema per resource
// type (named in CamelCase) and one per nested object type (<attr>Item),
// all sorted by name. Set attributes get an isunique check.
func TerraformSchema(file string, src []byte) ([]byte, error) {
	doc, err := ParseJSON(file, src)
	if err != nil {
		return nil, err
	}
	ps := doc.Get("provider_schemas")
	if ps == nil || ps.Kind != Map {
		return nil, Errorf(file, "/provider_schemas", doc, "not a Terraform provider schema: missing provider_schemas object")
	}
	c := &tfConv{file: file, schemas: map[string]*SchemaDef{}}
	for _, p := range ps.Pairs {
		rs := p.Value.Get("resource_schemas")
		if rs == nil {
			continue
		}
		if rs.Kind != Map {
			return nil, Errorf(file, Pointer("provider_schemas", p.Key, "resource_schemas"), rs, "must be an object")
		}
		for _, r := range rs.Pairs {
			ptr := Pointer("provider_schemas", p.Key, "resource_schemas", r.Key)
			if err := c.resource(ptr, r.Key, r.Value); err != nil {
				return nil, err
			}
		}
	}
	names := make([]string, 0, len(c.schemas))
	for n := range c.schemas {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]*SchemaDef, len(names))
	for i, n := range names {
		out[i] = c.schemas[n]
	}
	return PrintSchemas(file, nil, out)
}

type tfConv struct {
	file    string
	schemas map[string]*SchemaDef
}

func (c *tfConv) resource(ptr, name string, r *Node) error {
	block := r.Get("block")
	if block == nil || block.Kind != Map {
		return Errorf(c.file, ptr+"/block", r, "missing block object")
	}
	sch := &SchemaDef{Name: ToCamel(name), Description: block.Get("description").Str()}
	attrs := block.Get("attributes")
	if attrs != nil && attrs.Kind != Map {
		return Errorf(c.file, ptr+"/block/attributes", attrs, "must be an object")
	}
	if attrs != nil {
		for _, a := range attrs.Pairs {
			t, err := c.typeOf(ptr+"/block/attributes/"+a.Key+"/type", a.Key, a.Value.Get("type"))
			if err != nil {
				return err
			}
			sch.Props = append(sch.Props, &PropDef{
				Name:        a.Key,
				Description: a.Value.Get("description").Str(),
				Type:        t,
				Required:    a.Value.Get("required").IsTrue(),
			})
		}
	}
	c.finish(sch, attrs)
	c.schemas[sch.Name] = sch
	return nil
}

// finish sorts the attributes and adds a uniqueness check for sets.
func (c *tfConv) finish(sch *SchemaDef, attrs *Node) {
	sort.SliceStable(sch.Props, func(i, j int) bool { return sch.Props[i].Name < sch.Props[j].Name })
	for _, p := range sch.Props {
		var t *Node
		if v := attrs.Get(p.Name); v != nil {
			if v.Kind == Map {
				t = v.Get("type")
			} else {
				t = v
			}
		}
		if t == nil || t.Kind != List || len(t.Items) == 0 || t.Items[0].Str() != "set" {
			continue
		}
		x := NameExpr(p.Name)
		ch := &ast.CheckExpr{Test: &ast.CallExpr{Fun: &ast.Ident{Name: "isunique"}, Args: []ast.Expr{
			&ast.CallExpr{Fun: &ast.Ident{Name: "list"}, Args: []ast.Expr{x}},
		}}}
		if !p.Required {
			ch.If = x
		}
		sch.Checks = append(sch.Checks, ch)
	}
}

// typeOf converts a Terraform type: "string", ["list", T], ["set", T],
// ["map", T], ["object", {...}] or ["tuple", [...]].
func (c *tfConv) typeOf(ptr, attr string, t *Node) (*Type, error) {
	if t == nil {
		return Prim("any"), nil
	}
	switch t.Kind {
	case String:
		switch t.Text {
		case "string":
			return Prim("str"), nil
		case "number":
			return Prim("float"), nil
		case "bool":
			return Prim("bool"), nil
		}
		return Prim("any"), nil
	case List:
		if len(t.Items) < 2 {
			return nil, Errorf(c.file, ptr, t, "a collection type needs an element type")
		}
		switch t.Items[0].Str() {
		case "list", "set":
			e, err := c.typeOf(ptr+"/1", attr, t.Items[1])
			if err != nil {
				return nil, err
			}
			return ListOf(e), nil
		case "map":
			e, err := c.typeOf(ptr+"/1", attr, t.Items[1])
			if err != nil {
				return nil, err
			}
			return DictOf(e), nil
		case "object":
			return c.object(ptr+"/1", attr, t.Items[1])
		}
		return Prim("any"), nil
	}
	return nil, Errorf(c.file, ptr, t, "invalid type %s", t.Kind)
}

// object converts a nested object type to a schema named <attr>Item
// (<attr>Item1, ... when a different schema has the name already).
func (c *tfConv) object(ptr, attr string, fields *Node) (*Type, error) {
	if fields.Kind != Map {
		return nil, Errorf(c.file, ptr, fields, "object fields must be an object")
	}
	sch := &SchemaDef{}
	for _, f := range fields.Pairs {
		t, err := c.typeOf(ptr+"/"+f.Key, f.Key, f.Value)
		if err != nil {
			return nil, err
		}
		sch.Props = append(sch.Props, &PropDef{Name: f.Key, Type: t})
	}
	c.finish(sch, fields)
	base := ToCamel(attr + "Item")
	for i := 0; ; i++ {
		sch.Name = base
		if i > 0 {
			sch.Name += strconv.Itoa(i)
		}
		old, ok := c.schemas[sch.Name]
		if !ok || sameSchema(old, sch) {
			break
		}
	}
	c.schemas[sch.Name] = sch
	return Named(sch.Name), nil
}

func sameSchema(a, b *SchemaDef) bool {
	if len(a.Props) != len(b.Props) || len(a.Checks) != len(b.Checks) {
		return false
	}
	for i := range a.Props {
		if a.Props[i].Name != b.Props[i].Name || a.Props[i].Type.String() != b.Props[i].Type.String() {
			return false
		}
	}
	return true
}
