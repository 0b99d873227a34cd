package eval

import (
	"strings"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/syntax"
	"github.com/kclx-dev/kclx/kcl/value"
)

type rkind uint8

const (
	tAny rkind = iota
	tBool
	tInt
	tFloat
	tStr
	tList
	tDict
	tUnion
	tSchema
	tLit
	tFunc
	tUnit
	tNone
)

// rtype is a runtime type used for attribute/variable type checks and
// dict-to-schema conversion.
type rtype struct {
	kind    rkind
	elem    *rtype
	key     *rtype
	val     *rtype
	members []*rtype
	schema  *schemaType
	lit     value.Value
	text    string
	// schemaMemo caches hasSchema: 0 unknown, 1 yes, 2 no.
	schemaMemo uint8
}

var anyType = &rtype{kind: tAny, text: "any"}

// hasSchema reports whether t mentions a schema type (only then can a
// value need conversion).
func (t *rtype) hasSchema() bool {
	if t.schemaMemo == 0 {
		t.schemaMemo = 2
		switch t.kind {
		case tSchema:
			t.schemaMemo = 1
		case tList:
			if t.elem.hasSchema() {
				t.schemaMemo = 1
			}
		case tDict:
			if t.val.hasSchema() {
				t.schemaMemo = 1
			}
		case tUnion:
			for _, m := range t.members {
				if m.hasSchema() {
					t.schemaMemo = 1
				}
			}
		}
	}
	return t.schemaMemo == 1
}

// resolveType turns a type annotation into a runtime type, resolving
// schema names and type aliases in en.
func (e *Evaluator) resolveType(en *env, t ast.Type) *rtype {
	if t == nil {
		return anyType
	}
	return e.resolveType1(en, t, 0)
}

func (e *Evaluator) resolveType1(en *env, t ast.Type, depth int) *rtype {
	if depth > 100 {
		return anyType
	}
	switch t := t.(type) {
	case *ast.NamedType:
		return e.namedType(en, t, depth)
	case *ast.ListType:
		r := &rtype{kind: tList, elem: anyType}
		if t.Elem != nil {
			r.elem = e.resolveType1(en, t.Elem, depth+1)
			r.text = "[" + r.elem.text + "]"
		} else {
			r.text = "[]"
		}
		return r
	case *ast.DictType:
		r := &rtype{kind: tDict, key: anyType, val: anyType}
		ks, vs := "", ""
		if t.Key != nil {
			r.key = e.resolveType1(en, t.Key, depth+1)
			ks = r.key.text
		}
		if t.Value != nil {
			r.val = e.resolveType1(en, t.Value, depth+1)
			vs = r.val.text
		}
		r.text = "{" + ks + ":" + vs + "}"
		return r
	case *ast.UnionType:
		r := &rtype{kind: tUnion}
		var parts []string
		for _, m := range t.Types {
			mt := e.resolveType1(en, m, depth+1)
			r.members = append(r.members, mt)
			parts = append(parts, mt.text)
		}
		r.text = strings.Join(parts, " | ")
		return r
	case *ast.LiteralType:
		var v value.Value
		text := ""
		switch l := t.Lit.(type) {
		case *ast.StringLit:
			v = value.Str(l.Value())
			text = `"` + l.Value() + `"`
		case *ast.BasicLit:
			v = e.numberLit(l)
			text = l.Value
		case *ast.NameConstant:
			switch l.Value {
			case syntax.TRUE:
				v, text = value.True, "True"
			case syntax.FALSE:
				v, text = value.False, "False"
			default:
				v, text = value.None, "None"
			}
		case *ast.UnaryExpr:
			if b, ok := l.X.(*ast.BasicLit); ok && l.Op == syntax.SUB {
				n := e.numberLit(b)
				switch x := n.(type) {
				case value.Int:
					v = -x
				case value.Float:
					v = -x
				}
				text = "-" + b.Value
			}
		}
		if v == nil {
			return anyType
		}
		return &rtype{kind: tLit, lit: v, text: text}
	case *ast.FuncType:
		return &rtype{kind: tFunc, text: "function"}
	}
	return anyType
}

func (e *Evaluator) namedType(en *env, t *ast.NamedType, depth int) *rtype {
	switch n := t.Name.(type) {
	case *ast.Ident:
		switch n.Name {
		case "any":
			return anyType
		case "bool":
			return &rtype{kind: tBool, text: "bool"}
		case "int":
			return &rtype{kind: tInt, text: "int"}
		case "float":
			return &rtype{kind: tFloat, text: "float"}
		case "str":
			return &rtype{kind: tStr, text: "str"}
		case "NumberMultiplier":
			return &rtype{kind: tUnit, text: "NumberMultiplier"}
		}
		file := en.file
		if file != nil {
			if ta, tf := file.pkg.alias(n.Name); ta != nil {
				r := e.resolveType1(tf.env, ta.Type, depth+1)
				return r
			}
			if st, ok := file.pkg.types[n.Name]; ok {
				return &rtype{kind: tSchema, schema: st, text: n.Name}
			}
		}
		if v, ok := e.lookup(en, n.Name); ok {
			if f, ok := v.(*value.Func); ok {
				if st, ok := f.Impl.(*schemaType); ok {
					return &rtype{kind: tSchema, schema: st, text: n.Name}
				}
			}
		}
		return &rtype{kind: tAny, text: n.Name}
	case *ast.SelectorExpr:
		id, ok := n.X.(*ast.Ident)
		if !ok {
			return anyType
		}
		text := id.Name + "." + n.Sel.Name
		if id.Name == "units" && n.Sel.Name == "NumberMultiplier" {
			return &rtype{kind: tUnit, text: "units.NumberMultiplier"}
		}
		if imp := en.file.imports[id.Name]; imp != nil && imp.kind == impPackage && imp.pkg != nil {
			if ta, tf := imp.pkg.alias(n.Sel.Name); ta != nil {
				return e.resolveType1(tf.env, ta.Type, depth+1)
			}
			if st, ok := imp.pkg.types[n.Sel.Name]; ok {
				return &rtype{kind: tSchema, schema: st, text: text}
			}
		}
		return &rtype{kind: tAny, text: text}
	}
	return anyType
}

// alias returns the type alias name of the package and its file.
func (ps *pkgState) alias(name string) (*ast.TypeAliasStmt, *fileState) {
	if ps.aliases == nil {
		ps.aliases = map[string]aliasRef{}
		for _, f := range ps.files {
			for _, st := range f.ast.Body {
				if ta, ok := st.(*ast.TypeAliasStmt); ok {
					if _, dup := ps.aliases[ta.Name.Name]; !dup {
						ps.aliases[ta.Name.Name] = aliasRef{ta, f}
					}
				}
			}
		}
	}
	a, ok := ps.aliases[name]
	if !ok {
		return nil, nil
	}
	return a.stmt, a.file
}

type aliasRef struct {
	stmt *ast.TypeAliasStmt
	file *fileState
}

// checkType reports whether v conforms to t. Like upstream's runtime
// check, any schema instance satisfies a schema type (schema types are
// checked statically); castAs is strict.
func (e *Evaluator) checkType(v value.Value, t *rtype) bool {
	return e.checkType1(v, t, false)
}

func (e *Evaluator) checkType1(v value.Value, t *rtype, strict bool) bool {
	if t == nil || t.kind == tAny || value.IsNullish(v) {
		return true
	}
	switch t.kind {
	case tBool:
		_, ok := v.(value.Bool)
		return ok
	case tInt:
		_, ok := v.(value.Int)
		return ok
	case tFloat:
		switch v.(type) {
		case value.Int, value.Float:
			return true
		}
		return false
	case tStr:
		_, ok := v.(value.Str)
		return ok
	case tUnit:
		_, ok := v.(value.Unit)
		return ok
	case tLit:
		switch t.lit.(type) {
		case value.Bool:
			if _, ok := v.(value.Bool); !ok {
				return false
			}
		case value.Str:
			if _, ok := v.(value.Str); !ok {
				return false
			}
		case value.Int:
			if _, ok := v.(value.Int); !ok {
				return false
			}
		case value.Float:
			if _, ok := v.(value.Float); !ok {
				return false
			}
		}
		return value.Equal(v, t.lit)
	case tList:
		l, ok := v.(*value.List)
		if !ok {
			return false
		}
		for _, it := range l.Items {
			if !e.checkType1(it, t.elem, strict) {
				return false
			}
		}
		return true
	case tDict:
		d := value.ConfigDict(v)
		if d == nil {
			return false
		}
		for _, ent := range d.Entries() {
			if !e.checkType1(ent.Value, t.val, strict) {
				return false
			}
		}
		return true
	case tUnion:
		for _, m := range t.members {
			if e.checkType1(v, m, strict) {
				return true
			}
		}
		return false
	case tSchema:
		s, ok := v.(*value.Schema)
		if !ok {
			return false
		}
		if !strict {
			return true
		}
		st, _ := s.Type.(*schemaType)
		if st == nil {
			return s.Name == t.schema.name
		}
		if t.schema.kind == kindProtocol {
			return true
		}
		for x := st; x != nil; x = x.parent {
			if sameSchema(x, t.schema) {
				return true
			}
			for _, m := range x.mixins {
				if sameSchema(m, t.schema) {
					return true
				}
			}
		}
		return false
	case tFunc:
		_, ok := v.(*value.Func)
		return ok
	}
	return true
}

// sameSchema reports whether two schema types are one definition (a file
// reachable through two package paths yields two types of one statement).
func sameSchema(a, b *schemaType) bool {
	if a == b {
		return true
	}
	return a != nil && b != nil && a.name == b.name && a.kind == b.kind && a.file.path == b.file.path
}

// convert turns dicts (and lists/dicts of dicts) into instances of the
// schema types in t, as upstream's convert_collection_value does.
func (e *Evaluator) convert(v value.Value, t *rtype) value.Value {
	if t == nil || t.kind == tAny || value.IsNullish(v) || !t.hasSchema() {
		return v
	}
	switch v.(type) {
	case *value.List, *value.Dict:
	default:
		return v
	}
	switch t.kind {
	case tUnion:
		for _, m := range t.members {
			c := e.convert(v, m)
			if e.checkType(c, m) {
				return c
			}
		}
		return v
	case tDict:
		d, ok := v.(*value.Dict)
		if !ok {
			return v
		}
		out := value.NewDictCap(d.Len())
		for _, ent := range d.Entries() {
			out.SetEntry(ent.Key, e.convert(ent.Value, t.val), ent.Op, ent.Index)
		}
		return out
	case tList:
		l, ok := v.(*value.List)
		if !ok {
			return v
		}
		out := &value.List{Items: make([]value.Value, len(l.Items))}
		for i, it := range l.Items {
			out.Items[i] = e.convert(it, t.elem)
		}
		return out
	case tSchema:
		d, ok := v.(*value.Dict)
		if !ok {
			return v
		}
		if !e.fitsConfig(t.schema, d) {
			return v
		}
		if e.schemaDepth == 0 {
			return e.instantiate(t.schema, d, nil, nil, nil, nil)
		}
		// inside a schema body a conversion that fails keeps the dict
		// (the type check then reports it)
		var res value.Value
		if _, failed := e.catchPos(func() { res = e.instantiate(t.schema, d, nil, nil, nil, nil) }, false); failed {
			return v
		}
		return res
	}
	return v
}

// fitsConfig reports whether every key of d is an attribute of schema t
// (or t has an index signature).
func (e *Evaluator) fitsConfig(t *schemaType, d *value.Dict) bool {
	e.resolveSchema(t)
	if t.kind == kindRule {
		return true
	}
	if sig, _ := t.indexSignature(); sig != nil {
		return true
	}
	for _, k := range d.Keys() {
		if strings.HasPrefix(k, "_") {
			continue
		}
		if !t.hasAttr(k) && t.attr(k) == nil {
			return false
		}
	}
	return true
}

// convertAndCheckType converts v to t and checks it ("expect T, got U").
func (e *Evaluator) convertAndCheckType(v value.Value, t *rtype, at ast.Node) value.Value {
	if t == nil || t.kind == tAny || value.IsNullish(v) {
		return v
	}
	c := e.convertUnlessSchema(v, t)
	if e.checkType(c, t) {
		return c
	}
	e.failMismatch(v, t)
	return nil
}

// convertUnlessSchema converts v to t; schema instances are left as they
// are (they must already be of t).
func (e *Evaluator) convertUnlessSchema(v value.Value, t *rtype) value.Value {
	if _, isSchema := v.(*value.Schema); isSchema {
		return v
	}
	return e.convert(v, t)
}

// failMismatch fails with "expect T, got U" for v, explaining for a
// schema type why v does not fit.
func (e *Evaluator) failMismatch(v value.Value, t *rtype) {
	msg := sprintf("expect %s, got %s", t.text, valueTypeStr(v))
	if t.kind == tSchema {
		if d := e.fitDetails(t.schema, v); d != "" {
			msg += ". For details:\n" + d
		}
	}
	fail(e.errAt(value.EvaluationError, msg))
}

// convertAndCheck converts and checks v against the annotation tn.
func (e *Evaluator) convertAndCheck(en *env, v value.Value, tn ast.Type, at ast.Node) value.Value {
	t := e.resolveType(en, tn)
	return e.convertAndCheckType(v, t, at)
}

// fitDetails explains why v does not fit schema t.
func (e *Evaluator) fitDetails(t *schemaType, v value.Value) string {
	d := value.ConfigDict(v)
	if d == nil {
		return ""
	}
	var lines []string
	for _, k := range d.Keys() {
		if strings.HasPrefix(k, "_") {
			continue
		}
		if t.attr(k) == nil {
			lines = append(lines, sprintf("Schema %s does not contain attribute %s", t.name, k))
		}
	}
	for _, a := range e.allAttrs(t) {
		if a.optional {
			continue
		}
		if !d.Has(a.name) {
			lines = append(lines, sprintf("Schema %s's attribute %s is missing", t.name, a.name))
		}
	}
	return strings.Join(lines, "\n")
}

// valueTypeStr is the runtime type name used in "got U".
func valueTypeStr(v value.Value) string {
	if s, ok := v.(*value.Schema); ok {
		return s.FullName()
	}
	return value.TypeName(v)
}

// castAs implements `x as T`: like a type annotation, but schema
// instances must be of T (or a subtype).
func (e *Evaluator) castAs(v value.Value, t *rtype, n ast.Node) value.Value {
	c := e.convertUnlessSchema(v, t)
	if value.IsNullish(c) || e.checkType1(c, t, true) {
		return c
	}
	e.failMismatch(v, t)
	return nil
}
