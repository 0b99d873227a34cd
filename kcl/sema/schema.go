package sema

import (
	"strings"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/syntax"
	"github.com/kclx-dev/kclx/kcl/types"
)

type schemaDef struct {
	st   ast.Stmt
	s    *types.Schema
	file *loader.SourceFile
}

// schemaBuilder fills schema types, parents first, detecting
// inheritance cycles.
type schemaBuilder struct {
	c      *checker
	state  map[*types.Schema]int // 1 building, 2 done
	defs   map[*types.Schema]schemaDef
	cycles [][]*types.Schema
	stack  []*types.Schema
}

func (b *schemaBuilder) build(s *types.Schema) {
	switch b.state[s] {
	case 2:
		return
	case 1:
		// an inheritance cycle: report it once
		i := len(b.stack) - 1
		for i > 0 && b.stack[i] != s {
			i--
		}
		b.cycles = append(b.cycles, append([]*types.Schema(nil), b.stack[i:]...))
		return
	}
	d, ok := b.defs[s]
	if !ok {
		return // a schema of another package: built already
	}
	b.state[s] = 1
	b.stack = append(b.stack, s)
	c := b.c
	savedFile := c.file
	c.file = d.file
	switch st := d.st.(type) {
	case *ast.SchemaStmt:
		c.buildSchema(b, st, s)
	case *ast.RuleStmt:
		c.buildRule(b, st, s)
	}
	c.file = savedFile
	b.stack = b.stack[:len(b.stack)-1]
	b.state[s] = 2
}

func (b *schemaBuilder) reportCycles() {
	c := b.c
	for _, cyc := range b.cycles {
		// order the members by definition position, as upstream lists them
		members := append([]*types.Schema(nil), cyc...)
		for i := 1; i < len(members); i++ {
			for j := i; j > 0 && members[j].Pos < members[j-1].Pos; j-- {
				members[j], members[j-1] = members[j-1], members[j]
			}
		}
		var names []string
		for _, m := range members {
			if m.PkgPath == loader.MainPkg {
				names = append(names, m.Name)
			} else {
				names = append(names, m.PkgPath+"."+m.Name)
			}
		}
		for _, m := range members {
			c.report(loader.CompileError, "inherit-cycle", m.Pos, m.End, "There is a circular reference between schemas %s", strings.Join(names, ", "))
			// break the cycle so that later walks terminate
			if m.Base != nil && inCycle(members, m.Base) {
				m.Base = nil
			}
		}
	}
}

func inCycle(ms []*types.Schema, s *types.Schema) bool {
	for _, m := range ms {
		if m == s {
			return true
		}
	}
	return false
}

// schemaOfExpr resolves a parent, mixin or protocol reference.
func (c *checker) schemaRefType(x ast.Expr) *types.Type {
	return c.exprType(x)
}

func (c *checker) buildSchema(b *schemaBuilder, st *ast.SchemaStmt, s *types.Schema) {
	name := st.Name.Name
	if types.IsBuiltinTypeName(name) {
		c.compileError(st.Name, "reserved-name", "schema name '%s' cannot be the same as the built-in types (%s)", name, reservedList())
	}
	if st.Kind == syntax.PROTOCOL && !strings.HasSuffix(name, "Protocol") {
		c.compileError(st.Name, "protocol-name", "schema protocol name must end with 'Protocol'")
	}
	if s.IsProtocol {
		for _, x := range st.Body {
			switch x.(type) {
			case *ast.SchemaAttr, *ast.IndexSignature:
				continue
			}
			{
				c.compileError(st.Name, "protocol-body", "a protocol is only allowed to define attributes in it")
				break
			}
		}
	}
	// Parent.
	if st.Parent != nil {
		ty := c.schemaRefType(st.Parent)
		if ty.IsSchema() && !ty.Schema.IsProtocol && !ty.Schema.IsMixin && !ty.Instance {
			b.build(ty.Schema)
			if !inCycle(b.stack, ty.Schema) {
				s.Base = ty.Schema
			} else {
				s.Base = ty.Schema
			}
		} else {
			c.errorAt(st.Parent, loader.IllegalInheritError, "illegal-inherit", "invalid schema inherit object type, expect schema, got '%s'", ty)
		}
	}
	// Protocol.
	if st.For != nil {
		if !s.IsMixin {
			c.errorAt(st.For, loader.IllegalInheritError, "illegal-inherit", "only schema mixin can inherit from protocol")
		} else {
			ty := c.schemaRefType(st.For)
			if ty.IsSchema() && ty.Schema.IsProtocol && !ty.Instance {
				b.build(ty.Schema)
				s.Protocol = ty.Schema
			} else {
				c.errorAt(st.For, loader.IllegalInheritError, "illegal-inherit", "invalid schema inherit object type, expect protocol, got '%s'", ty)
			}
		}
	}
	if s.Base != nil && strings.HasSuffix(s.Base.Name, "Mixin") {
		c.errorAt(st.Name, loader.IllegalInheritError, "illegal-inherit", "mixin inheritance %s is prohibited", s.Base.Name)
	}
	attrNames := c.leftIdentifiers(st)
	// Index signature.
	var sigs []*ast.IndexSignature
	for _, x := range st.Body {
		if is, ok := x.(*ast.IndexSignature); ok {
			sigs = append(sigs, is)
		}
	}
	if len(sigs) > 1 {
		c.errorAt(sigs[1], loader.InvalidSyntax, "duplicate-index-signature", "duplicate schema index signature definitions, only one is allowed in the schema")
	}
	if len(sigs) > 0 {
		is := sigs[0]
		sig := &types.IndexSignature{AnyOther: is.Ellipsis}
		if is.KeyName != nil {
			sig.KeyName = is.KeyName.Name
			if containsStr(attrNames, sig.KeyName) {
				c.errorAt(is, loader.IndexSignatureError, "index-signature", "index signature attribute name '%s' cannot have the same name as schema attributes", sig.KeyName)
			}
		}
		sig.Key = c.resolveTypeExpr(is.KeyType)
		sig.Value = c.resolveTypeExpr(is.ValueType)
		if !types.IsStrOrUnion(sig.Key) {
			c.errorAt(st.Name, loader.IndexSignatureError, "index-signature", "invalid index signature key type: '%s'", sig.Key)
		}
		s.Index = sig
	} else if s.Base != nil && s.Base.Index != nil {
		// inherited index signature is visible through AttrOf lookups of
		// the base; keep the own field empty like upstream.
	}
	// Attributes.
	doc, parsed := c.docs[st]
	if !parsed && st.Doc != nil {
		doc = parseDoc(st.Doc.Value())
	}
	for _, x := range st.Body {
		var (
			aname      string
			nameNode   ast.Node
			ty         *types.Type
			optional   bool
			hasDefault bool
			decorators []types.Decorator
		)
		switch x := x.(type) {
		case *ast.SchemaAttr:
			aname = attrName(x.Name)
			nameNode = x.Name
			ty = c.resolveTypeExpr(x.Type)
			optional = x.Optional
			hasDefault = x.Value != nil
			decorators = c.resolveDecorators(x.Decorators, "attribute", aname)
		case *ast.UnificationStmt:
			root := rootIdent(x.Target)
			if root == nil {
				continue
			}
			aname = root.Name
			nameNode = root
			ty = c.exprTypeQuiet(x.Value.Name)
			if ty.IsSchema() {
				ty = ty.InstanceOf()
			}
			hasDefault = true
		default:
			continue
		}
		if aname == "" {
			continue
		}
		baseTy := types.Any
		var existed *types.Attr
		if s.Base != nil {
			if a := s.Base.AttrOf(aname); a != nil {
				baseTy, existed = a.Type, a
			}
		}
		attr := s.Attrs.Get(aname)
		if attr == nil {
			isOpt := optional
			if existed != nil {
				isOpt = existed.Optional
			}
			attr = &types.Attr{Name: aname, Type: ty, Optional: isOpt, HasDefault: hasDefault,
				Doc: doc.Attrs[aname], Pos: nameNode.Pos(), End: nameNode.End(), Decorators: decorators, Node: x}
			s.Attrs.Set(attr)
		}
		if !types.IsUpperBound(attr.Type, ty) || !types.IsUpperBound(baseTy, ty) {
			c.typeError(x, "attr-type-changed", "can't change schema field type of '%s' from %s to %s", aname, attr.Type, ty)
		}
		if optional && !attr.Optional {
			c.typeError(x, "attr-optional", "can't change the required schema attribute of '%s' to optional", aname)
		}
		if s.Index != nil && !s.Index.AnyOther && !types.IsUpperBound(s.Index.Value, ty) {
			c.errorAt(x, loader.IndexSignatureError, "index-signature", "the type '%s' of schema attribute '%s' does not meet the index signature definition %s", ty, aname, s.Index)
		}
	}
	// Mixins.
	for _, m := range st.Mixins {
		names := selectorNames(m)
		last := ""
		if len(names) > 0 {
			last = names[len(names)-1].Name
		}
		if !strings.HasSuffix(last, "Mixin") {
			c.errorAt(m, loader.NameError, "mixin-name", "a valid mixin name should end with 'Mixin', got '%s'", last)
		}
		ty := c.schemaRefType(m)
		if ty.IsSchema() && !ty.Schema.IsProtocol && ty.Schema.IsMixin && !ty.Instance {
			b.build(ty.Schema)
			for _, n := range ty.Schema.Attrs.Names() {
				if s.Attrs.Get(n) == nil {
					s.Attrs.Set(ty.Schema.Attrs.Get(n))
				}
			}
			s.Mixins = append(s.Mixins, ty.Schema)
		} else {
			c.errorAt(m, loader.IllegalInheritError, "illegal-mixin", "illegal schema mixin object type, expected mixin, got '%s'", ty)
		}
	}
	// Parameters.
	s.Params = nil
	for _, p := range st.Params {
		if p.Name == nil {
			continue
		}
		if containsStr(attrNames, p.Name.Name) {
			c.compileError(p, "param-name", "Unexpected parameter name '%s' with the same name as the schema attribute", p.Name.Name)
		}
		ty := types.Any
		if p.Type != nil {
			ty = c.resolveTypeExpr(p.Type)
		}
		s.Params = append(s.Params, types.Param{Name: p.Name.Name, Type: ty, HasDefault: p.Default != nil})
	}
	s.Decorators = c.resolveDecorators(st.Decorators, "schema", name)
}

func (c *checker) buildRule(b *schemaBuilder, st *ast.RuleStmt, s *types.Schema) {
	name := st.Name.Name
	if types.IsBuiltinTypeName(name) {
		c.compileError(st.Name, "reserved-name", "rule name '%s' cannot be the same as the built-in types (%s)", name, reservedList())
	}
	if st.For != nil {
		ty := c.schemaRefType(st.For)
		if ty.IsSchema() && ty.Schema.IsProtocol && !ty.Instance {
			b.build(ty.Schema)
			s.Protocol = ty.Schema
			s.Index = ty.Schema.Index
		} else {
			c.errorAt(st.For, loader.IllegalInheritError, "illegal-inherit", "invalid schema inherit object type, expect protocol, got '%s'", ty)
		}
	}
	for _, p := range st.Parents {
		ty := c.schemaRefType(p)
		if ty.IsSchema() && ty.Schema.IsRule && !ty.Instance {
			b.build(ty.Schema)
			s.Mixins = append(s.Mixins, ty.Schema)
		} else {
			c.errorAt(p, loader.IllegalInheritError, "illegal-rule", "illegal rule type '%s'", ty)
		}
	}
	s.Params = nil
	for _, p := range st.Params {
		if p.Name == nil {
			continue
		}
		ty := types.Any
		if p.Type != nil {
			ty = c.resolveTypeExpr(p.Type)
		}
		s.Params = append(s.Params, types.Param{Name: p.Name.Name, Type: ty, HasDefault: p.Default != nil})
	}
	s.Decorators = c.resolveDecorators(st.Decorators, "schema", name)
}

func reservedList() string { return `["any", "int", "float", "bool", "str"]` }

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// attrName returns the name of a schema attribute (*Ident or *StringLit).
func attrName(x ast.Expr) string {
	switch x := x.(type) {
	case *ast.Ident:
		return x.Name
	case *ast.StringLit:
		return x.Value()
	}
	return ""
}

// leftIdentifiers is leftIdentifiers(st), computed once per schema
// statement (buildSchema and resolveSchemaStmt both need it).
func (c *checker) leftIdentifiers(st *ast.SchemaStmt) []string {
	if out, ok := c.leftIdents[st]; ok {
		return out
	}
	out := leftIdentifiers(st)
	if c.leftIdents == nil {
		c.leftIdents = map[*ast.SchemaStmt][]string{}
	}
	c.leftIdents[st] = out
	return out
}

// leftIdentifiers lists the attribute names and assignment targets of a
// schema body (recursively through if statements), in order.
func leftIdentifiers(st *ast.SchemaStmt) []string {
	out := make([]string, 0, len(st.Body))
	var seen map[string]bool // built once the list is long enough
	add := func(n string) {
		if n == "" {
			return
		}
		if seen == nil {
			if !containsStr(out, n) {
				out = append(out, n)
				if len(out) > 16 {
					seen = make(map[string]bool, 2*len(out))
					for _, x := range out {
						seen[x] = true
					}
				}
			}
			return
		}
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	var walk func(stmts []ast.Stmt, depth int)
	walk = func(stmts []ast.Stmt, depth int) {
		if depth > maxDepth {
			return
		}
		for _, x := range stmts {
			switch x := x.(type) {
			case *ast.SchemaAttr:
				add(attrName(x.Name))
			case *ast.AssignStmt:
				for _, t := range x.Targets {
					if r := rootIdent(t); r != nil {
						add(r.Name)
					}
				}
			case *ast.AugAssignStmt:
				if r := rootIdent(x.Target); r != nil {
					add(r.Name)
				}
			case *ast.UnificationStmt:
				if r := rootIdent(x.Target); r != nil {
					add(r.Name)
				}
			case *ast.IfStmt:
				for _, body := range x.Branches() {
					walk(body, depth+1)
				}
			}
		}
	}
	walk(st.Body, 0)
	return out
}

// resolveDecorators checks decorators against the builtin ones.
func (c *checker) resolveDecorators(decs []*ast.Decorator, target, key string) []types.Decorator {
	var out []types.Decorator
	for _, d := range decs {
		fun := d.X
		var call *ast.CallExpr
		if ce, ok := fun.(*ast.CallExpr); ok {
			call = ce
			fun = ce.Fun
		}
		id, ok := fun.(*ast.Ident)
		if !ok {
			c.typeError(d, "decorator-name", "decorator name must be a single identifier")
			continue
		}
		ft := types.Decorators().M[id.Name]
		if ft == nil {
			c.compileError(d.X, "unknown-decorator", "UnKnown decorator %s", id.Name)
			continue
		}
		c.info.Uses[id] = decoratorObjects[id.Name]
		dec := types.Decorator{Name: id.Name, Target: target, Key: key, Keywords: map[string]string{}}
		if call != nil {
			c.argumentsCheck(call.Fun, call.Args, call.Keywords, ft.Func)
			for _, kw := range call.Keywords {
				if kw.Name != nil {
					dec.Keywords[kw.Name.Name] = literalText(kw.Value)
				}
			}
		}
		out = append(out, dec)
	}
	return out
}

// literalText returns the value of a literal argument as text (for
// decorator metadata such as the deprecation reason).
func literalText(x ast.Expr) string {
	switch x := x.(type) {
	case *ast.StringLit:
		return x.Value()
	case *ast.NameConstant:
		return x.Value.String()
	case *ast.BasicLit:
		return x.Value
	}
	return ""
}

// resolveSchemaStmt checks a schema body.
func (c *checker) resolveSchemaStmt(st *ast.SchemaStmt) *types.Type {
	if st.Name == nil {
		return types.Any
	}
	c.resolveUniqueKey(st.Name)
	s := c.info.Schemas[st]
	obj := c.scope.Lookup(st.Name.Name)
	if s == nil || obj == nil || !obj.Type.IsSchema() {
		return types.Any
	}
	// Work on a copy: attribute types set while walking the body stay
	// local to the body, as upstream does.
	work := *s
	// The copy shares the attribute table until the body sets one
	// (schemaSetAttr clones it then): most bodies set none.
	c.sharedAttrs = s.Attrs
	c.schema = &work
	for _, p := range st.Params {
		if p.Type != nil {
			c.resolveTypeExpr(p.Type)
		}
	}
	c.parametersCheck(st.Params)
	c.enterScope(ScopeSchema, st)
	c.scope.sizeFor(len(s.Params) + len(c.leftIdentifiers(st)))
	for i, p := range s.Params {
		o := &Object{Name: p.Name, Kind: ObjParam, Type: p.Type, PkgPath: c.pkg.PkgPath, Node: st}
		if i < len(st.Params) && st.Params[i].Name != nil {
			id := st.Params[i].Name
			o.Pos, o.End = id.Pos(), id.End()
			c.info.Defs[id] = o
		}
		c.insert(o)
	}
	for _, x := range st.Body {
		is, ok := x.(*ast.IndexSignature)
		if !ok || s.Index == nil {
			continue
		}
		if is.KeyName != nil {
			o := &Object{Name: is.KeyName.Name, Kind: ObjVar, Type: s.Index.Key, PkgPath: c.pkg.PkgPath, Pos: is.KeyName.Pos(), End: is.KeyName.End(), Node: is}
			c.insert(o)
			c.info.Defs[is.KeyName] = o
		}
		if is.Value != nil {
			vt := c.expr(is.Value)
			c.mustAssignable(vt, s.Index.Value, is, nil)
		}
		break
	}
	for _, n := range c.leftIdentifiers(st) {
		if !c.containsObject(n) {
			o := &Object{Name: n, Kind: ObjVar, Type: types.Any, PkgPath: c.pkg.PkgPath}
			if a := s.AttrOf(n); a != nil {
				// The body's name denotes the attribute (its own, or
				// one of a base that the body sets).
				o.Kind, o.Pos, o.End, o.Doc, o.Attr = ObjAttr, a.Pos, a.End, a.Doc, a
				if n, ok := a.Node.(ast.Node); ok {
					o.Node = n
				}
			}
			c.insert(o)
		}
	}
	c.stmts(st.Body)
	for _, ce := range st.Checks {
		c.checkExpr(ce)
	}
	c.leaveScope()
	c.schema, c.sharedAttrs = nil, nil
	return obj.Type
}

func (c *checker) resolveRuleStmt(st *ast.RuleStmt) *types.Type {
	if st.Name == nil {
		return types.Any
	}
	c.resolveUniqueKey(st.Name)
	s := c.info.Schemas[st]
	obj := c.scope.Lookup(st.Name.Name)
	if s == nil || obj == nil || !obj.Type.IsSchema() {
		return types.Any
	}
	work := *s
	work.Attrs = types.NewAttrList()
	c.schema = &work
	c.parametersCheck(st.Params)
	c.enterScope(ScopeSchema, st)
	for i, p := range s.Params {
		o := &Object{Name: p.Name, Kind: ObjParam, Type: p.Type, PkgPath: c.pkg.PkgPath, Node: st}
		if i < len(st.Params) && st.Params[i].Name != nil {
			o.Pos, o.End = st.Params[i].Name.Pos(), st.Params[i].Name.End()
			c.info.Defs[st.Params[i].Name] = o
		}
		c.insert(o)
	}
	for _, ce := range st.Checks {
		c.checkExpr(ce)
	}
	c.leaveScope()
	c.schema = nil
	return obj.Type
}

// resolveUniqueKey records a schema name among the global names,
// reporting a clash with an earlier one.
func (c *checker) resolveUniqueKey(id *ast.Ident) {
	if _, ok := c.globalNames[id.Name]; !ok && c.level == 0 {
		c.globalNames[id.Name] = id
		return
	}
	d := c.errorAt(id, loader.UniqueKeyError, "unique-key", "Unique key error name '%s'", id.Name)
	if old := c.globalNames[id.Name]; old != nil {
		c.note(d, "The variable '%s' is declared here (%s)", id.Name, c.posString(old.Pos()))
		c.related(d, old.Pos(), old.End(), "The variable '%s' is declared here", id.Name)
	}
}

// parametersCheck reports a parameter without default after one with.
func (c *checker) parametersCheck(params []*ast.Param) {
	mark := false
	for i := len(params) - 1; i >= 0; i-- {
		p := params[i]
		if p.Default != nil {
			if mark {
				d := c.errorAt(p.Default, loader.IllegalParameterError, "param-order", "non-default argument follows default argument")
				c.note(d, "A default argument")
			}
		} else {
			mark = true
		}
	}
}

// attrObject returns the object describing a schema attribute.
func (c *checker) attrObject(a *types.Attr, s *types.Schema) *Object {
	if o := c.g.attrObjs[a]; o != nil {
		return o
	}
	o := &Object{Name: a.Name, Kind: ObjAttr, Type: a.Type, PkgPath: s.PkgPath, Pos: a.Pos, End: a.End, Doc: a.Doc, Attr: a}
	if n, ok := a.Node.(ast.Node); ok {
		o.Node = n
	}
	c.g.attrObjs[a] = o
	return o
}

var _ = syntax.NoPos
