package openapi2kcl

import (
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/kclx-dev/kclx/x2kcl"
)

// Options control the OpenAPI and CRD converters.
type Options struct {
	// Package is the folder the models are written to, relative to the
	// output folder (default "models"); CRD output names its kcl.mod
	// after it.
	Package string
	// SkipValidation skips validating the OpenAPI document with
	// kin-openapi before converting it.
	SkipValidation bool
	// SortProperties writes schema attributes (and the keys of default and
	// example values) in name order instead of document order.
	SortProperties bool
	// Warn, when set, receives warnings: input the converter accepts but
	// cannot represent exactly. Each names the file and JSON pointer.
	Warn func(msg string)

	crd bool // models are grouped by version later (GroupByVersion)
}

func (o Options) warn(msg string) {
	if o.Warn != nil {
		o.Warn(msg)
	}
}

// defInfo describes one definition of the document.
type defInfo struct {
	name   string  // definition name
	s      *schema // its schema, after following alias $refs
	emit   bool    // generates a KCL schema
	kcl    string  // KCL schema name
	pkg    string  // package path, "" for the package root
	module string  // module name shown in the file header
	path   string  // file path inside the package folder

	visiting bool // resolving a $ref to it (cycle guard)
}

// generator converts the definitions of one document.
type generator struct {
	file   string
	opts   Options
	defs   map[string]*defInfo
	order  []string // definition names in document order
	models map[string]*model
	// aliases[p][q] is the name package q is imported as in package p
	aliases map[string]map[string]string
}

// model is one generated file.
type model struct {
	path    string
	pkg     string
	module  string
	root    *kschema
	extras  map[string]*kschema
	imports map[string]importSpec // package path -> import written
	regex   bool
}

// importSpec is one import statement: path [as alias].
type importSpec struct{ path, alias string }

// kschema is one generated KCL schema.
type kschema struct {
	name        string
	human       string // doc text when there is no description
	description string
	example     *x2kcl.Node
	parents     []*ktype
	props       []*kprop
	indexSig    *ktype // [...str]: T, or nil
}

// kprop is one attribute.
type kprop struct {
	name        string
	typ         *ktype // declared type (shown in the doc string)
	attrType    *ktype // type written on the attribute (enum / read-only literal)
	required    bool
	def         *x2kcl.Node
	title       string
	description string
	extURL      string
	order       int
	checks      []check
	// validates says whether upstream counts the attribute as validated:
	// a schema prints its check block only when one of them is.
	validates bool
}

// ctx is the place a schema is being built in: the model (file) that
// receives lifted schemas, and the name nested schema names start with.
type ctx struct {
	m    *model
	name string // name of the schema being built, as upstream composes it
}

func (g *generator) errorf(ptr string, n *x2kcl.Node, format string, args ...any) error {
	return x2kcl.Errorf(g.file, ptr, n, format, args...)
}

// classify decides, for every definition, whether it becomes a KCL schema
// and where it is written.
func (g *generator) classify() error {
	for _, name := range g.order {
		d := g.defs[name]
		s, err := g.deref(d.s, map[string]bool{name: true})
		if err != nil {
			return err
		}
		d.s = s
		d.emit = isObjectLike(s)
		d.kcl = modelName(name)
		if s.KclName != "" {
			d.kcl = s.KclName
		}
		d.path = fileName(toGoName(name)) + ".k"
		if s.KclType != nil {
			if t := s.KclType.Get("type").Str(); t != "" {
				d.kcl = modelName(t)
			}
			if imp := s.KclType.Get("import"); imp != nil {
				pkg := imp.Get("package").Str()
				newPkg := pkg
				if i := strings.LastIndex(pkg, "."); i >= 0 {
					newPkg = pkg[:i]
				}
				module := imp.Get("alias").Str()
				if module == "" {
					module = path.Base(pkg)
					if i := strings.LastIndex(module, "."); i >= 0 {
						module = module[i+1:]
					}
				}
				d.pkg, d.module = newPkg, module
				d.path = strings.ReplaceAll(newPkg, ".", "/") + "/" + module + ".k"
			}
		}
	}
	g.disambiguate()
	return nil
}

// disambiguate renames schemas that would share a name in one package
// (e.g. io.k8s.api.admissionregistration.v1.ServiceReference and
// io.k8s.api.apiextensions.v1.ServiceReference without x-kcl-type, which
// upstream writes as two `schema ServiceReference` in one package). Each
// gets the shortest tail of its dotted definition name that tells the
// group apart, so the package stays valid; a warning names the renames.
func (g *generator) disambiguate() {
	type key struct{ pkg, name string }
	groups := map[key][]*defInfo{}
	var keys []key
	for _, name := range g.order {
		d := g.defs[name]
		if !d.emit {
			continue
		}
		k := key{d.pkg, d.kcl}
		if g.opts.crd {
			k.pkg = versionDir(d.path)
		}
		if len(groups[k]) == 0 {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], d)
	}
	taken := map[key]bool{}
	for _, k := range keys {
		taken[k] = true
	}
	for _, k := range keys {
		group := groups[k]
		if len(group) < 2 {
			continue
		}
		segs := make([][]string, len(group))
		most := 0
		for i, d := range group {
			segs[i] = strings.Split(d.name, ".")
			most = max(most, len(segs[i]))
		}
		for n := 2; n <= most+1; n++ {
			names := map[string]bool{}
			cand := make([]string, len(group))
			for i, sg := range segs {
				tail := sg[max(0, len(sg)-n):]
				c := toGoName(strings.Join(tail, "."))
				if n > len(sg) {
					c = fmt.Sprintf("%s%d", toGoName(strings.Join(sg, ".")), i+1)
				}
				cand[i] = c
				names[c] = true
			}
			ok := len(names) == len(group)
			for _, c := range cand {
				if !isPlainName(c) || reservedWords[c] || taken[key{k.pkg, c}] {
					ok = false
				}
			}
			if !ok {
				continue
			}
			var renames []string
			for i, d := range group {
				renames = append(renames, fmt.Sprintf("%s -> %s", d.name, cand[i]))
				d.kcl = cand[i]
				taken[key{k.pkg, cand[i]}] = true
			}
			g.opts.warn(fmt.Sprintf("%s: definitions share the schema name %s in one package; renamed %s", g.file, k.name, strings.Join(renames, ", ")))
			break
		}
	}
}

// deref follows a definition that is only a $ref to another one.
func (g *generator) deref(s *schema, seen map[string]bool) (*schema, error) {
	for s.Ref != "" && len(s.node.Pairs) == 1 {
		target := refName(s.Ref)
		d, ok := g.defs[target]
		if !ok {
			return nil, g.errorf(child(s.ptr, "$ref"), s.node.Get("$ref"), "unresolvable $ref %q", s.Ref)
		}
		if seen[target] {
			return nil, g.errorf(child(s.ptr, "$ref"), s.node.Get("$ref"), "cyclic $ref %q", s.Ref)
		}
		seen[target] = true
		s = d.s
	}
	return s, nil
}

// isObjectLike reports whether a definition becomes a KCL schema: objects
// (except pure maps) and tuples.
func isObjectLike(s *schema) bool {
	if s.Ref != "" {
		return false
	}
	if s.ItemsTuple != nil {
		return true
	}
	if formatType(s) != nil || s.IntOrString {
		return false
	}
	if s.firstType() != "object" {
		return false
	}
	if len(s.Props) == 0 && len(s.AllOf) == 0 && s.AdditionalProperties != nil {
		return false // a map: references use {str:T}
	}
	return true
}

// formatType returns the type a format maps to (int-or-string, integer
// and number formats), or nil.
func formatType(s *schema) *ktype {
	if s.Format == "" {
		return nil
	}
	t := "string"
	if len(s.Types) > 0 {
		t = s.Types[0]
	}
	f := strings.ReplaceAll(s.Format, "-", "")
	switch t {
	case "number":
		switch f {
		case "float":
			return basic("float")
		case "int", "int8", "int16", "int32":
			return basic("int")
		}
	case "integer":
		switch f {
		case "int", "int8", "int16", "int32":
			return basic("int")
		}
	}
	switch f {
	case "string", "str":
		return basic("str")
	case "boolean":
		return basic("bool")
	case "integer":
		return basic("int")
	case "number":
		return basic("float")
	case "intorstring":
		return tIntOrStr
	}
	return nil
}

// modelFor returns the file a definition is written to.
func (g *generator) modelFor(d *defInfo) *model {
	m := g.models[d.path]
	if m == nil {
		m = &model{path: d.path, pkg: d.pkg, module: d.module, extras: map[string]*kschema{}, imports: map[string]importSpec{}}
		g.models[d.path] = m
	}
	return m
}

// run generates every emitted definition.
func (g *generator) run() error {
	for _, name := range g.order {
		d := g.defs[name]
		if !d.emit {
			continue
		}
		m := g.modelFor(d)
		ks, err := g.buildSchema(ctx{m: m, name: name}, d.s, d.kcl, name)
		if err != nil {
			return err
		}
		m.root = ks
	}
	return nil
}

// buildSchema builds the KCL schema kclName for s. cname is the name
// nested schemas are derived from, human the doc fallback.
func (g *generator) buildSchema(c ctx, s *schema, kclName, human string) (*kschema, error) {
	ks := &kschema{name: kclName, human: humanize(human), description: s.Description, example: g.value(s.Example)}
	if s.ItemsTuple != nil {
		for i, it := range s.ItemsTuple {
			t, err := g.typeOf(c, it, "Items"+strconv.Itoa(i), "items"+strconv.Itoa(i))
			if err != nil {
				return nil, err
			}
			p := &kprop{name: "p" + strconv.Itoa(i), typ: t, attrType: t, required: true, order: i, description: it.Description, title: it.Title}
			p.checks = g.checks(c, it, p.name, true)
			p.validates = g.validates(it)
			ks.props = append(ks.props, p)
		}
		return ks, nil
	}
	// allOf: references to polymorphic definitions become parent schemas;
	// other members contribute their properties.
	var inherited []*kprop
	for i, m := range s.AllOf {
		if m.Ref != "" {
			target := refName(m.Ref)
			d, ok := g.defs[target]
			if !ok {
				return nil, g.errorf(child(m.ptr, "$ref"), m.node.Get("$ref"), "unresolvable $ref %q", m.Ref)
			}
			if d.s.Discriminator != "" && d.emit {
				ks.parents = append(ks.parents, g.schemaRef(c, d))
				continue
			}
			if d.emit {
				props, err := g.buildProps(ctx{m: c.m, name: c.name}, d.s, true)
				if err != nil {
					return nil, err
				}
				inherited = append(inherited, props...)
			}
			continue
		}
		props, err := g.buildProps(ctx{m: c.m, name: c.name + "AO" + strconv.Itoa(i)}, m, true)
		if err != nil {
			return nil, err
		}
		inherited = append(inherited, props...)
	}
	g.sortProps(inherited)
	props, err := g.buildProps(c, s, false)
	if err != nil {
		return nil, err
	}
	ks.props = append(inherited, props...)
	if s.Props != nil && (s.AdditionalProperties != nil || s.AdditionalAllowed) {
		var t *ktype = tAny
		if s.AdditionalProperties != nil && !s.AdditionalProperties.isEmpty() {
			t, err = g.typeOf(c, s.AdditionalProperties, "AdditionalProperties", "additionalProperties")
			if err != nil {
				return nil, err
			}
		}
		ks.indexSig = t
	}
	return ks, nil
}

// buildProps builds the attributes of s, sorted.
func (g *generator) buildProps(c ctx, s *schema, fromAllOf bool) ([]*kprop, error) {
	var out []*kprop
	for _, pr := range s.Props {
		ps := pr.Schema
		p := &kprop{name: pr.Name, order: ps.Order, required: s.isRequired(pr.Name)}
		if g.opts.SortProperties {
			p.order = -1
		}
		if isAnonObject(ps) {
			// an inline object becomes a schema of its own; the attribute
			// refers to it (and, like upstream, loses its description and
			// its place in the property order)
			name := toGoName(c.name + toGoName(pr.Name))
			if _, err := g.lift(c, ps, name); err != nil {
				return nil, err
			}
			t := &ktype{kind: tSchema, name: name}
			p.typ, p.attrType, p.order = t, t, -1
			out = append(out, p)
			continue
		}
		p.description, p.title, p.extURL = ps.Description, ps.Title, ps.ExternalURL
		if ps.Default != nil && ps.ReadOnly {
			p.required = true
		}
		t, err := g.propType(c, ps, pr.Name)
		if err != nil {
			return nil, err
		}
		p.typ, p.attrType = t, t
		if len(ps.Enum) > 0 {
			var lits []*ktype
			for _, e := range ps.Enum {
				if e.Kind == x2kcl.Null || !literalable(e) {
					continue
				}
				lits = append(lits, &ktype{kind: tLit, lit: g.value(e)})
			}
			switch len(lits) {
			case 0:
			case 1:
				p.attrType = lits[0]
			default:
				p.attrType = &ktype{kind: tUnion, union: lits}
			}
		} else if ps.ReadOnly && ps.Default != nil && literalable(ps.Default) {
			p.attrType = &ktype{kind: tLit, lit: g.value(ps.Default)}
		}
		if ps.Default != nil {
			p.def = g.value(ps.Default)
		}
		p.checks = g.checks(c, ps, pr.Name, p.required)
		p.validates = g.validates(ps)
		out = append(out, p)
	}
	g.sortProps(out)
	return out, nil
}

func (g *generator) sortProps(ps []*kprop) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		switch {
		case a.order >= 0 && b.order >= 0:
			return a.order < b.order
		case a.order >= 0:
			return true
		case b.order >= 0:
			return false
		}
		return a.name < b.name
	})
}

// validates reports whether a property schema makes upstream print the
// schema's check block: constraints of its own, of its list items or of
// inline allOf members, or of the schema it refers to.
func (g *generator) validates(s *schema) bool {
	if direct(s) || nested(s) {
		return true
	}
	for _, m := range s.AllOf {
		if m.Ref == "" && (direct(m) || nested(m)) {
			return true
		}
	}
	if s.Ref != "" {
		if d, ok := g.defs[refName(s.Ref)]; ok && direct(d.s) {
			return true
		}
	}
	return false
}

// isAnonObject reports whether s is an inline object with properties,
// which upstream turns into a schema of its own.
func isAnonObject(s *schema) bool {
	return s.Ref == "" && formatType(s) == nil && !s.IntOrString && s.firstType() == "object" &&
		len(s.Props) > 0 && s.ItemsTuple == nil
}

// lift builds an inline schema as a schema of its own in the current
// file.
func (g *generator) lift(c ctx, s *schema, name string) (*kschema, error) {
	if ks, ok := c.m.extras[name]; ok && ks != nil {
		return ks, nil
	}
	c.m.extras[name] = nil // guards against recursion
	ks, err := g.buildSchema(ctx{m: c.m, name: name}, s, name, name)
	if err != nil {
		return nil, err
	}
	c.m.extras[name] = ks
	return ks, nil
}

// propType resolves the type of a property schema, following
// upstream's allOf simplifications.
func (g *generator) propType(c ctx, s *schema, prop string) (*ktype, error) {
	if len(s.AllOf) > 0 && s.Ref == "" && len(s.Types) == 0 && len(s.Props) == 0 && formatType(s) == nil && !s.IntOrString {
		// a property whose type comes from its allOf members
		var typed []*schema
		for _, m := range s.AllOf {
			if m.Ref != "" || len(m.Types) > 0 || len(m.Props) > 0 || len(m.AllOf) > 0 {
				typed = append(typed, m)
			}
		}
		if len(typed) == 1 {
			return g.typeOf(c, typed[0], toGoName(prop), prop)
		}
		if len(typed) > 1 {
			return tAny, nil
		}
	}
	return g.typeOf(c, s, toGoName(prop), prop)
}

// typeOf resolves the KCL type of s. part names s inside the schema being
// built (for names of lifted schemas), prop is the raw property name.
func (g *generator) typeOf(c ctx, s *schema, part, prop string) (*ktype, error) {
	if s == nil {
		return tAny, nil
	}
	if s.Ref != "" {
		return g.refType(c, s)
	}
	if t := formatType(s); t != nil {
		return t, nil
	}
	if s.IntOrString {
		return tIntOrStr, nil
	}
	switch s.firstType() {
	case "intorstring":
		return tIntOrStr, nil
	case "string", "file":
		return basic("str"), nil
	case "integer":
		return basic("int"), nil
	case "number":
		return basic("float"), nil
	case "boolean":
		return basic("bool"), nil
	case "null":
		return tAny, nil
	case "array":
		if s.ItemsTuple != nil || s.Items == nil {
			return listOf(tAny), nil
		}
		it := s.Items
		if isAnonObject(it) || it.Ref == "" && len(it.AllOf) > 0 && it.firstType() == "object" && len(it.Types) == 0 {
			name := toGoName(c.name + " " + toGoName(prop+" items0"))
			if _, err := g.lift(c, it, name); err != nil {
				return nil, err
			}
			return listOf(&ktype{kind: tSchema, name: name}), nil
		}
		e, err := g.typeOf(c, it, part, prop)
		if err != nil {
			return nil, err
		}
		return listOf(e), nil
	case "object":
		if len(s.Props) > 0 {
			// an inline object in a position upstream does not lift
			name := toGoName(c.name + " " + toGoName(prop))
			if _, err := g.lift(c, s, name); err != nil {
				return nil, err
			}
			return &ktype{kind: tSchema, name: name}, nil
		}
		if ap := s.AdditionalProperties; ap != nil {
			if isAnonObject(ap) {
				name := toGoName(c.name + " " + toGoName(prop+" Anon"))
				if _, err := g.lift(c, ap, name); err != nil {
					return nil, err
				}
				return dictOf(&ktype{kind: tSchema, name: name}), nil
			}
			if ap.isEmpty() {
				return dictOf(tAny), nil
			}
			e, err := g.typeOf(c, ap, part, prop)
			if err != nil {
				return nil, err
			}
			return dictOf(e), nil
		}
		if s.AdditionalAllowed {
			return dictOf(tAny), nil
		}
		if len(s.AllOf) == 1 && s.AllOf[0].Ref != "" {
			return g.refType(c, s.AllOf[0])
		}
		return tAny, nil
	}
	return tAny, nil
}

// refType resolves a $ref: a schema (imported from its package when it
// lives in another one) or the structural type of a non-schema
// definition.
func (g *generator) refType(c ctx, s *schema) (*ktype, error) {
	target := refName(s.Ref)
	d, ok := g.defs[target]
	if !ok {
		return nil, g.errorf(child(s.ptr, "$ref"), s.node.Get("$ref"), "unresolvable $ref %q", s.Ref)
	}
	if d.emit {
		return g.schemaRef(c, d), nil
	}
	if d.visiting {
		return tAny, nil // a cyclic alias: give up on the type
	}
	d.visiting = true
	defer func() { d.visiting = false }()
	return g.typeOf(ctx{m: c.m, name: target}, d.s, toGoName(target), target)
}

// schemaRef returns the type naming d's schema, importing its package
// when needed.
func (g *generator) schemaRef(c ctx, d *defInfo) *ktype {
	t := &ktype{kind: tSchema, name: d.kcl}
	if d.pkg == "" || d.pkg == c.m.pkg {
		return t
	}
	imp := d.pkg
	if root(d.pkg) == root(c.m.pkg) {
		imp = d.pkg[strings.Index(d.pkg, ".")+1:]
	}
	alias := g.importAlias(c.m.pkg, d.pkg, imp)
	c.m.imports[d.pkg] = importSpec{path: imp, alias: alias}
	t.pkg, t.alias = d.pkg, alias
	return t
}

// importAlias returns the name package pkg (imported as path imp) is
// bound to in the files of package from. The last path segment is used
// unless another package of the same importing package has it already;
// then parent segments are prefixed (v1, coreV1, apiCoreV1, ...), so that
// two imports never bind the same name.
func (g *generator) importAlias(from, pkg, imp string) string {
	reg := g.aliases[from]
	if reg == nil {
		reg = map[string]string{}
		g.aliases[from] = reg
	}
	if a, ok := reg[pkg]; ok {
		return a
	}
	used := map[string]bool{}
	for _, a := range reg {
		used[a] = true
	}
	parts := strings.Split(imp, ".")
	alias := ""
	for i := len(parts) - 1; i >= 0; i-- {
		alias = parts[i] + strings.ToUpper(alias[:min(1, len(alias))]) + alias[min(1, len(alias)):]
		if !used[alias] {
			break
		}
	}
	for n := 2; used[alias]; n++ {
		alias = parts[len(parts)-1] + strconv.Itoa(n)
	}
	reg[pkg] = alias
	return alias
}

func root(pkg string) string {
	if i := strings.Index(pkg, "."); i >= 0 {
		return pkg[:i]
	}
	return pkg
}

// value returns a default or example value in the key order the output
// uses: document order, or name order with SortProperties.
func (g *generator) value(n *x2kcl.Node) *x2kcl.Node {
	if n == nil || !g.opts.SortProperties {
		return n
	}
	return sortedValue(n)
}

func sortedValue(n *x2kcl.Node) *x2kcl.Node {
	switch n.Kind {
	case x2kcl.Map:
		c := &x2kcl.Node{Kind: x2kcl.Map, Line: n.Line, Pairs: make([]x2kcl.Pair, len(n.Pairs))}
		for i, p := range n.Pairs {
			c.Pairs[i] = x2kcl.Pair{Key: p.Key, Value: sortedValue(p.Value)}
		}
		sort.SliceStable(c.Pairs, func(i, j int) bool { return c.Pairs[i].Key < c.Pairs[j].Key })
		return c
	case x2kcl.List:
		c := &x2kcl.Node{Kind: x2kcl.List, Line: n.Line, Items: make([]*x2kcl.Node, len(n.Items))}
		for i, it := range n.Items {
			c.Items[i] = sortedValue(it)
		}
		return c
	}
	return n
}

// formatFloat writes a float as Go's %v does.
func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
