package eval

import (
	"slices"
	"strings"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/builtins"
	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/syntax"
	"github.com/kclx-dev/kclx/kcl/value"
)

type schemaKind uint8

const (
	kindSchema schemaKind = iota
	kindMixin
	kindProtocol
	kindRule
)

type attrInfo struct {
	name     string
	typeNode ast.Type
	typ      *rtype
	optional bool
	stmt     *ast.SchemaAttr
	owner    *schemaType
}

// schemaType is a schema, mixin, protocol or rule definition.
type schemaType struct {
	name string
	kind schemaKind
	file *fileState
	stmt *ast.SchemaStmt
	rule *ast.RuleStmt
	fn   *value.Func

	resolved bool
	parent   *schemaType
	parents  []*schemaType // rules
	mixins   []*schemaType
	protocol *schemaType
	attrs    []*attrInfo
	attrIdx  map[string]*attrInfo
	indexSig *ast.IndexSignature
	order    []*schemaType // body order: parent chain, self, mixins
	layout   *schemaLayout
}

func (e *Evaluator) newSchemaType(fs *fileState, st *ast.SchemaStmt, rs *ast.RuleStmt) *schemaType {
	t := &schemaType{file: fs, stmt: st, rule: rs, attrIdx: map[string]*attrInfo{}}
	if st != nil {
		t.name = st.Name.Name
		switch st.Kind {
		case syntax.MIXIN:
			t.kind = kindMixin
		case syntax.PROTOCOL:
			t.kind = kindProtocol
		}
		for _, b := range st.Body {
			switch b := b.(type) {
			case *ast.SchemaAttr:
				a := &attrInfo{name: attrName(b), typeNode: b.Type, optional: b.Optional, stmt: b, owner: t}
				t.attrs = append(t.attrs, a)
				t.attrIdx[a.name] = a
			case *ast.IndexSignature:
				t.indexSig = b
			}
		}
	} else {
		t.name = rs.Name.Name
		t.kind = kindRule
	}
	t.fn = &value.Func{Name: t.name, Impl: t, IsType: true}
	t.fn.Call = func(args []value.Value, kwargs *value.Dict) (value.Value, error) {
		return e.instantiate(t, nil, args, kwargs, nil, nil), nil
	}
	return t
}

func (t *schemaType) pkgpath() string { return t.file.pkg.path }

// fullName is pkg.Name, or Name in the main package.
func (t *schemaType) fullName() string {
	if p := t.pkgpath(); p != "__main__" && p != "" {
		return p + "." + t.name
	}
	return t.name
}

// resolveSchema looks up parents, mixins and the protocol of t.
func (e *Evaluator) resolveSchema(t *schemaType) {
	if t.resolved {
		return
	}
	t.resolved = true
	en := t.file.env
	resolve := func(x ast.Expr, what string) *schemaType {
		var v value.Value
		e.withPos(x.Pos(), func() {
			e.pos, e.posOK = x.Pos(), true
			v = e.expr(en, x)
		})
		if f, ok := v.(*value.Func); ok {
			if st, ok := f.Impl.(*schemaType); ok {
				return st
			}
		}
		fail(e.errAtNode(value.IllegalInheritError, x, sprintf("invalid %s object type, expect schema, got '%s'", what, value.TypeName(v))))
		return nil
	}
	if t.stmt != nil {
		if t.stmt.Parent != nil {
			t.parent = resolve(t.stmt.Parent, "schema inherit")
			e.resolveSchema(t.parent)
			for p := t.parent; p != nil; p = p.parent {
				if p == t {
					fail(e.errAtNode(value.IllegalInheritError, t.stmt.Parent, sprintf("There is a circular reference between schema %s and %s", t.name, t.parent.name)))
				}
			}
		}
		for _, m := range t.stmt.Mixins {
			mt := resolve(m, "schema mixin")
			e.resolveSchema(mt)
			t.mixins = append(t.mixins, mt)
		}
		if t.stmt.For != nil {
			t.protocol = resolve(t.stmt.For, "protocol")
		}
	} else {
		for _, p := range t.rule.Parents {
			pt := resolve(p, "rule inherit")
			e.resolveSchema(pt)
			t.parents = append(t.parents, pt)
		}
		if t.rule.For != nil {
			t.protocol = resolve(t.rule.For, "protocol")
			e.resolveSchema(t.protocol)
		}
	}
}

// bodyOrder returns the schemas whose bodies run for an instance of t, in
// order: the parent's order, t, then each mixin's order.
func (e *Evaluator) bodyOrder(t *schemaType) []*schemaType {
	if t.order != nil {
		return t.order
	}
	e.resolveSchema(t)
	var out []*schemaType
	if t.parent != nil {
		out = append(out, e.bodyOrder(t.parent)...)
	}
	out = append(out, t)
	for _, m := range t.mixins {
		out = append(out, e.bodyOrder(m)...)
	}
	t.order = out
	return out
}

// attr returns the declaration of attribute name in t or its ancestors
// and mixins (the most derived one).
func (t *schemaType) attr(name string) *attrInfo {
	for s := t; s != nil; s = s.parent {
		if a, ok := s.attrIdx[name]; ok {
			return a
		}
		for _, m := range s.mixins {
			if a := m.attr(name); a != nil {
				return a
			}
		}
	}
	return nil
}

// hasAttr reports whether name is declared by t or a parent.
func (t *schemaType) hasAttr(name string) bool {
	for s := t; s != nil; s = s.parent {
		if _, ok := s.attrIdx[name]; ok {
			return true
		}
	}
	return false
}

func (t *schemaType) indexSignature() (*ast.IndexSignature, *schemaType) {
	for s := t; s != nil; s = s.parent {
		if s.indexSig != nil {
			return s.indexSig, s
		}
	}
	return nil, nil
}

// allAttrs returns the declared attributes of t's parent chain and t, in
// declaration order (parents first), the most derived declaration winning.
func (e *Evaluator) allAttrs(t *schemaType) []*attrInfo {
	var out []*attrInfo
	idx := map[string]int{}
	for _, s := range e.bodyOrder(t) {
		for _, a := range s.attrs {
			if i, ok := idx[a.name]; ok {
				out[i] = a
				continue
			}
			idx[a.name] = len(out)
			out = append(out, a)
		}
	}
	return out
}

// schemaLayout is the per-type data every instance shares.
type schemaLayout struct {
	setters  map[string][]setter
	names    []string       // setter names in first-appearance order
	index    map[string]int // name → lazy slot (names' positions)
	initial  *value.Dict    // names, all Undefined: copied for each instance
	attrs    map[string]*attrInfo
	optional map[string]bool
}

func (e *Evaluator) layout(t *schemaType) *schemaLayout {
	if t.layout != nil {
		return t.layout
	}
	lay := &schemaLayout{setters: map[string][]setter{}, attrs: map[string]*attrInfo{}, optional: map[string]bool{}}
	for _, s := range e.bodyOrder(t) {
		if s.stmt == nil {
			continue
		}
		for i, st := range s.stmt.Body {
			_, isIf := st.(*ast.IfStmt)
			collectSetNames(st, func(name string, inner ast.Stmt) {
				if _, ok := lay.setters[name]; !ok {
					lay.names = append(lay.names, name)
				}
				se := setter{body: s.stmt.Body, idx: i, file: s.file, owner: s}
				if isIf {
					se.stopped = inner
				}
				lay.setters[name] = append(lay.setters[name], se)
			})
		}
		for _, a := range s.attrs {
			lay.attrs[a.name] = a
			lay.optional[a.name] = a.optional
		}
	}
	lay.index = make(map[string]int, len(lay.names))
	lay.initial = value.NewDictCap(len(lay.names))
	for i, n := range lay.names {
		lay.index[n] = i
		lay.initial.Set(n, value.Undefined)
	}
	t.layout = lay
	return lay
}

// envList maps the schemas of an instance's body order to their envs (a
// few entries: searched linearly).
type envList []struct {
	t  *schemaType
	en *env
}

func (l envList) get(t *schemaType) *env {
	for _, x := range l {
		if x.t == t {
			return x.en
		}
	}
	return nil
}

func (l *envList) set(t *schemaType, en *env) {
	for i := range *l {
		if (*l)[i].t == t {
			(*l)[i].en = en
			return
		}
	}
	*l = append(*l, struct {
		t  *schemaType
		en *env
	}{t, en})
}

// instCtx is the state of one schema instantiation.
type instCtx struct {
	typ      *schemaType
	val      *value.Dict
	config   *value.Dict
	lazy     *lazyScope
	envs     envList // the env of each body (schema of the chain)
	optional map[string]bool
	attrs    map[string]*attrInfo
	args     []value.Value
	kwargs   *value.Dict
	node     ast.Node // schema expression, for diagnostics
	result   *value.Schema
	created  syntax.Pos // where the instance was created (diagnostics)
}

// instGet reads attribute name of the instance being built.
func (e *Evaluator) instGet(inst *instCtx, name string) (value.Value, bool) {
	if _, ok := inst.val.Get(name); !ok {
		return nil, false
	}
	cur := func() value.Value { v, _ := inst.val.Get(name); return v }
	v := e.lazyGet(inst.lazy, name, cur, func(s setter) bool {
		return e.runSetter(s, inst.envs.get(s.owner))
	})
	return v, true
}

// schemaExpr evaluates `S {config}` / `S(args) {config}`.
func (e *Evaluator) schemaExpr(en *env, x *ast.SchemaExpr) value.Value {
	e.schemaExprDepth++
	defer func() { e.schemaExprDepth-- }()
	inSchema := en.schemaEnv() != nil || e.schemaExprDepth > 1
	cfg := e.configExpr(en, x.Config, nil)
	kp := &keyPositions{cfg: x.Config}
	tv := e.expr(en, x.Name)
	var args []value.Value
	for _, a := range x.Args {
		args = append(args, e.expr(en, a))
	}
	var kwargs *value.Dict
	if len(x.Keywords) > 0 {
		kwargs = value.NewDict()
		for _, k := range x.Keywords {
			kwargs.Set(k.Name.Name, e.expr(en, k.Value))
		}
	}
	var result value.Value
	if f, ok := tv.(*value.Func); ok {
		if t, ok := f.Impl.(*schemaType); ok {
			e.callerPkg = en.file.pkg.path
			result = e.instantiate(t, cfg, args, kwargs, kp, x)
		}
	}
	if result == nil {
		if isConfigValue(tv) {
			result = e.union(value.DeepCopy(tv), cfg, unionOpts{or: true})
		} else {
			fail(e.errAtNode(value.EvaluationError, x.Name, sprintf("'%s' object is not callable", value.TypeName(tv))))
		}
	}
	if !inSchema {
		e.checkOptionalDeep(result)
	}
	return result
}

// instantiate creates an instance of schema (or rule) t from config.
func (e *Evaluator) instantiate(t *schemaType, config *value.Dict, args []value.Value, kwargs *value.Dict, kp *keyPositions, node ast.Node) value.Value {
	e.resolveSchema(t)
	if t.kind == kindRule {
		return e.runRule(t, config, args, kwargs, node)
	}
	e.depth++
	if e.depth > e.opts.MaxDepth {
		e.depth = 0
		fail(e.errAt(value.RecursionError, "maximum recursion depth exceeded"))
	}
	defer func() { e.depth-- }()
	e.schemaDepth++
	defer func() { e.schemaDepth-- }()
	if e.opts.Debug {
		e.frames = append(e.frames, frame{name: t.name, call: e.pos})
		defer func() { e.frames = e.frames[:len(e.frames)-1] }()
	}
	callerPkg := e.callerPkg
	if callerPkg == "" {
		callerPkg = "__main__"
	}
	if config == nil {
		config = value.NewDict()
	}
	if kwargs == nil {
		kwargs = value.NewDict()
	}
	savedPos, savedOK := e.pos, e.posOK
	savedTargets := e.targets
	savedStop, savedBreak := e.btStop, e.btBreak
	e.targets, e.btStop, e.btBreak = nil, nil, false
	defer func() { e.targets, e.btStop, e.btBreak = savedTargets, savedStop, savedBreak }()
	inst := &instCtx{
		typ: t, config: config, lazy: &lazyScope{},
		args: args, kwargs: kwargs, node: node,
	}
	if node != nil {
		inst.created = node.Pos()
	} else if e.posOK {
		inst.created = e.pos
	}
	order := e.bodyOrder(t)
	// environments (with arguments) for every body
	for _, s := range order {
		if inst.envs.get(s) != nil {
			continue
		}
		en := &env{kind: envSchema, file: s.file, inst: inst, owner: s}
		inst.envs.set(s, en)
		if s.stmt != nil && len(s.stmt.Params) > 0 {
			if inst.val == nil {
				inst.val = value.NewDict() // no attributes while binding
			}
			e.bindParams(en, s.stmt.Params, args, kwargs, s.name, true)
		}
	}
	// setters, attribute declarations and the initial attribute keys are
	// the same for every instance of t
	lay := e.layout(t)
	inst.lazy.setters = lay.setters
	inst.lazy.index = lay.index
	inst.attrs = lay.attrs
	inst.optional = lay.optional
	inst.val = lay.initial.Copy()
	// schema-level decorators
	for _, s := range order {
		if s.stmt != nil {
			e.runDecorators(inst.envs.get(s), s.stmt.Decorators, s.name, true, inst)
		}
	}
	// run the bodies
	for _, s := range order {
		if s.stmt == nil {
			continue
		}
		e.execStmts(inst.envs.get(s), s.stmt.Body)
	}
	// relaxed attributes and checks (reported at the last position in
	// the bodies, as upstream does)
	isig, isigOwner := t.indexSignature()
	keyName := ""
	if isig != nil && isig.KeyName != nil {
		keyName = isig.KeyName.Name
	}
	topLevel := !(e.schemaDepth > 1 || e.schemaExprDepth > 1)
	if keyName == "" {
		e.updateRelaxed(inst, isig, isigOwner, kp)
		e.recordInstance(t, order, callerPkg, inst)
		if topLevel {
			e.checkOptional(inst.val, inst, t.name, true)
		}
		e.pos, e.posOK = savedPos, savedOK
		e.runChecks(inst, order)
	} else {
		for _, k := range config.Keys() {
			if inst.attrs[k] != nil {
				continue
			}
			inst.val.Set(keyName, value.Str(k))
			e.updateRelaxed(inst, isig, isigOwner, kp)
			e.runChecks(inst, order)
		}
		inst.val.Delete(keyName)
		if config.Len() == 0 {
			e.updateRelaxed(inst, isig, isigOwner, kp)
		}
		e.recordInstance(t, order, callerPkg, inst)
		if topLevel {
			e.checkOptional(inst.val, inst, t.name, true)
		}
	}
	e.pos, e.posOK = savedPos, savedOK
	return inst.result
}

func (e *Evaluator) recordInstance(t *schemaType, order []*schemaType, callerPkg string, inst *instCtx) {
	var keys []string
	if inst.config.Len() > 0 {
		keys = inst.config.Keys()
	}
	var argsCopy []value.Value
	if len(inst.args) > 0 {
		argsCopy = append([]value.Value(nil), inst.args...)
	}
	s := &value.Schema{Name: t.name, PkgPath: t.pkgpath(), Attrs: inst.val, Type: t, ConfigKeys: keys, ArgValues: argsCopy, KwargValues: inst.kwargs}
	inst.result = s
	if inst.created.IsValid() {
		if e.createdAt == nil {
			e.createdAt = map[*value.Schema]syntax.Pos{}
		}
		e.createdAt[s] = inst.created
	}
	seen := map[*schemaType]bool{}
	for _, o := range order {
		if !seen[o] {
			seen[o] = true
			e.instances[o] = append(e.instances[o], instRecord{pkgpath: callerPkg, value: s})
		}
	}
}

// updateRelaxed adds config keys that are not attributes: through the
// index signature when there is one, else it is an error.
func (e *Evaluator) updateRelaxed(inst *instCtx, isig *ast.IndexSignature, owner *schemaType, kp *keyPositions) {
	var sigDefault value.Value = value.Undefined
	var sigType *rtype
	keyName := ""
	if isig != nil {
		oen := inst.envs.get(owner)
		if oen == nil {
			oen = &env{kind: envSchema, file: owner.file, inst: inst, owner: owner}
		}
		if isig.Value != nil {
			sigDefault = e.expr(oen, isig.Value)
		}
		if isig.ValueType != nil {
			sigType = e.resolveType(oen, isig.ValueType)
		}
		if isig.KeyName != nil {
			keyName = isig.KeyName.Name
		}
	}
	var keyType *rtype
	if isig != nil && isig.KeyType != nil {
		keyType = e.resolveType(inst.envs.get(owner), isig.KeyType)
		if keyType.kind == tStr || keyType.kind == tAny {
			keyType = nil
		}
	}
	for _, ent := range inst.config.Entries() {
		key := ent.Key
		if inst.val.Has(key) {
			continue
		}
		if keyType != nil && !e.checkType(value.Str(key), keyType) {
			msg := sprintf("Cannot add member '%s' to schema '%s'", key, inst.typ.name)
			if s := suggest(key, literalStrings(keyType)); s != "" {
				msg += sprintf(", did you mean '%s'?", s)
			}
			if n := kp.find(key); n != nil {
				fail(e.errAtNode(value.CompileError, n, msg))
			}
			fail(e.errAt(value.CompileError, msg))
		}
		if isig == nil {
			msg := sprintf("Cannot add member '%s' to schema '%s'", key, inst.typ.name)
			if s := suggest(key, inst.val.Keys()); s != "" {
				msg += sprintf(", did you mean '%s'?", s)
			}
			if n := kp.find(key); n != nil {
				fail(e.errAtNode(value.CompileError, n, msg))
			}
			fail(e.errAt(value.CompileError, msg))
		}
		if keyName != "" {
			if kv, ok := inst.val.Get(keyName); ok {
				if s, isStr := kv.(value.Str); !isStr || string(s) != key {
					continue
				}
			}
		}
		inst.val.SetEntry(key, value.DeepCopy(sigDefault), value.OpOverride, -1)
		tmp := value.NewDict()
		tmp.SetEntry(key, ent.Value, ent.Op, ent.Index)
		e.unionInto(inst.val, tmp)
		if sigType != nil {
			v, _ := inst.val.Get(key)
			inst.val.SetValue(key, e.convertAndCheckType(v, sigType, isig))
		}
	}
}

// literalStrings lists the string literals of a (union) literal type.
func literalStrings(t *rtype) []string {
	var out []string
	switch t.kind {
	case tLit:
		if s, ok := t.lit.(value.Str); ok {
			out = append(out, string(s))
		}
	case tUnion:
		for _, m := range t.members {
			out = append(out, literalStrings(m)...)
		}
	}
	return out
}

// unionInto merges delta's entries into d replaying their operators.
func (e *Evaluator) unionInto(d *value.Dict, delta *value.Dict) {
	e.union(d, delta, unionOpts{})
}

// suggest returns the closest name to key among names (or "").
func suggest(key string, names []string) string {
	best, bestD := "", 1<<30
	for _, n := range names {
		if strings.HasPrefix(n, "_") {
			continue
		}
		d := levenshtein(key, n)
		if d < bestD {
			best, bestD = n, d
		}
	}
	if best == "" || bestD > (len(key)+1)/2 {
		return ""
	}
	return `["` + best + `"]`
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// recheck runs the check blocks of an existing instance again (after one
// of its attributes was assigned through a path).
func (e *Evaluator) recheck(s *value.Schema) {
	t, ok := s.Type.(*schemaType)
	if !ok || t.kind == kindRule {
		return
	}
	order := e.bodyOrder(t)
	has := false
	for _, o := range order {
		if o.stmt != nil && len(o.stmt.Checks) > 0 {
			has = true
		}
	}
	if !has {
		return
	}
	lay := e.layout(t)
	inst := &instCtx{typ: t, val: s.Attrs, config: value.NewDict(), lazy: newLazyScope(),
		attrs: lay.attrs, optional: lay.optional, kwargs: value.NewDict()}
	for _, o := range order {
		en := &env{kind: envSchema, file: o.file, inst: inst, owner: o}
		inst.envs.set(o, en)
		if o.stmt != nil && len(o.stmt.Params) > 0 {
			args, kwargs := s.Args()
			e.bindParams(en, o.stmt.Params, args, kwargs, o.name, true)
		}
	}
	if e.posOK {
		inst.node = posNode(e.pos)
	}
	e.runChecks(inst, order)
}

// posNode is an ast.Node at a position (for diagnostics).
type posNode syntax.Pos

func (p posNode) Pos() syntax.Pos { return syntax.Pos(p) }
func (p posNode) End() syntax.Pos { return syntax.Pos(p) }

// runChecks evaluates the check blocks of every schema in order.
func (e *Evaluator) runChecks(inst *instCtx, order []*schemaType) {
	for _, s := range order {
		if s.stmt == nil {
			continue
		}
		for _, c := range s.stmt.Checks {
			e.evalCheck(inst.envs.get(s), c, inst.node)
		}
	}
}

// evalCheck evaluates one check expression; a false result is an
// "Instance check failed" error.
func (e *Evaluator) evalCheck(en *env, c *ast.CheckExpr, node ast.Node) {
	if c.If != nil && !value.Truthy(e.expr(en, c.If)) {
		return
	}
	ok := value.Truthy(e.expr(en, c.Test))
	if ok {
		return
	}
	msg := ""
	var at ast.Node = c.Test
	if c.Msg != nil {
		msg = value.ToString(e.expr(en, c.Msg))
		at = c.Msg
	}
	text := "Check failed on the condition"
	if msg != "" {
		text += ": " + msg
	}
	err := &Error{Kind: value.EvaluationError, Raw: msg}
	if msg == "" {
		err.Raw = text
	}
	if node != nil {
		err.Labels = append(err.Labels, Label{Pos: node.Pos(), Msg: "Instance check failed"})
	} else if e.posOK {
		err.Labels = append(err.Labels, Label{Pos: e.pos, NoCaret: true, Msg: "Instance check failed"})
	}
	err.Labels = append(err.Labels, Label{Pos: at.Pos(), NoCaret: true, Msg: text})
	fail(err)
}

// failRequired reports a missing required attribute of an instance at
// the place the instance was created.
func (e *Evaluator) failRequired(attr, schema string, at syntax.Pos) {
	msg := sprintf("attribute '%s' of %s is required and can't be None or Undefined", attr, schema)
	if at.IsValid() {
		fail(e.withBacktrace(&Error{Kind: value.EvaluationError, Labels: []Label{{Pos: at, NoCaret: true, Msg: msg}}}))
	}
	e.failf("%s", msg)
}

// checkOptional reports required attributes that are None/Undefined.
func (e *Evaluator) checkOptional(val *value.Dict, inst *instCtx, name string, recursive bool) {
	for _, ent := range val.Entries() {
		opt, declared := inst.optional[ent.Key]
		if declared && !opt && value.IsNullish(ent.Value) {
			e.failRequired(ent.Key, name, inst.created)
		}
		if recursive {
			if s, ok := ent.Value.(*value.Schema); ok {
				e.checkOptionalDeep(s)
			}
		}
	}
}

// checkOptionalDeep runs the required-attribute check on every schema
// instance inside v.
func (e *Evaluator) checkOptionalDeep(v value.Value) {
	e.checkOptionalDepth(v, 0)
}

func (e *Evaluator) checkOptionalDepth(v value.Value, depth int) {
	if depth > 200 {
		return
	}
	switch x := v.(type) {
	case *value.Schema:
		if t, ok := x.Type.(*schemaType); ok {
			for _, a := range e.allAttrs(t) {
				if a.optional {
					continue
				}
				if av, ok := x.Attrs.Get(a.name); ok && value.IsNullish(av) {
					e.failRequired(a.name, x.Name, e.createdAt[x])
				}
			}
		}
		for _, ent := range x.Attrs.Entries() {
			e.checkOptionalDepth(ent.Value, depth+1)
		}
	case *value.List:
		for _, it := range x.Items {
			e.checkOptionalDepth(it, depth+1)
		}
	case *value.Dict:
		for _, ent := range x.Entries() {
			e.checkOptionalDepth(ent.Value, depth+1)
		}
	}
}

// setSchemaAttr assigns an attribute in a schema body: the value is
// stored with override semantics and the config entry for the name is
// merged again on top (config wins).
func (e *Evaluator) setSchemaAttr(en *env, name string, v value.Value, st ast.Stmt) {
	inst := en.inst
	if a := inst.attrs[name]; a != nil && a.typeNode != nil && v != nil {
		v = e.convertAndCheckType(v, e.attrType(a), a.stmt)
	}
	inst.val.SetEntry(name, v, value.OpOverride, -1)
	if ent, ok := inst.config.Lookup(name); ok {
		e.mergeConfigEntry(inst, name, ent)
	}
	cur, _ := inst.val.Get(name)
	lazySet(inst.lazy, name, cur)
}

// mergeConfigEntry unions the config entry for name into the instance.
func (e *Evaluator) mergeConfigEntry(inst *instCtx, name string, ent value.Entry) {
	old, exists := inst.val.Get(name)
	switch {
	case !exists, ent.Op == value.OpOverride && ent.Index < 0,
		ent.Op == value.OpUnion && (value.IsNullish(old) ||
			!value.IsNullish(ent.Value) && !(isListOrConfig(old) && isListOrConfig(ent.Value))):
		// what the union below does in these cases: the entry replaces
		inst.val.SetEntry(name, ent.Value, ent.Op, ent.Index)
	default:
		tmp := e.scratchDict()
		tmp.SetEntry(name, ent.Value, ent.Op, ent.Index)
		e.union(inst.val, tmp, unionOpts{})
		e.releaseDict(tmp)
	}
	if a := inst.attrs[name]; a != nil && a.typeNode != nil {
		v, _ := inst.val.Get(name)
		inst.val.SetValue(name, e.convertAndCheckType(v, e.attrType(a), a.stmt))
	}
}

func (e *Evaluator) attrType(a *attrInfo) *rtype {
	if a.typ == nil {
		a.typ = e.resolveType(a.owner.file.env, a.typeNode)
	}
	return a.typ
}

// execSchemaAttr runs an attribute declaration in a schema body.
func (e *Evaluator) execSchemaAttr(en *env, st *ast.SchemaAttr) {
	inst := en.inst
	if inst == nil {
		return
	}
	name := attrName(st)
	e.pushTarget(en, name)
	defer e.popTarget()
	e.runDecorators(en, st.Decorators, name, false, inst)
	if ent, ok := inst.config.Lookup(name); ok {
		isOverride := ent.Op == value.OpOverride && ent.Index < 0
		if !isOverride {
			e.assignAttrDefault(en, inst, name, st)
		}
		e.mergeConfigEntry(inst, name, ent)
	} else {
		if st.Value == nil {
			if lt, ok := st.Type.(*ast.LiteralType); ok {
				if cur, _ := inst.val.Get(name); value.IsUndefined(cur) {
					t := e.resolveType(en, lt)
					if t.kind == tLit {
						inst.val.SetEntry(name, t.lit, value.OpOverride, -1)
					}
				}
			} else if !inst.val.Has(name) {
				inst.val.Set(name, value.Undefined)
			}
		} else {
			e.assignAttrDefault(en, inst, name, st)
		}
	}
	cur, _ := inst.val.Get(name)
	lazySet(inst.lazy, name, cur)
}

func (e *Evaluator) assignAttrDefault(en *env, inst *instCtx, name string, st *ast.SchemaAttr) {
	var v value.Value = value.Undefined
	if st.Value != nil {
		v = e.expr(en, st.Value)
	}
	if st.Value == nil {
		return
	}
	if st.Op == syntax.OR_ASSIGN {
		old, _ := inst.val.Get(name)
		v = e.bitOr(old, v, st)
	}
	if a := inst.attrs[name]; a != nil && a.typeNode != nil {
		v = e.convertAndCheckType(v, e.attrType(a), a.stmt)
	}
	inst.val.SetEntry(name, v, value.OpOverride, -1)
}

// runDecorators applies @deprecated/@info decorators.
func (e *Evaluator) runDecorators(en *env, decs []*ast.Decorator, target string, isSchema bool, inst *instCtx) {
	for _, d := range decs {
		var name string
		var args []value.Value
		kwargs := value.NewDict()
		switch x := d.X.(type) {
		case *ast.Ident:
			name = x.Name
		case *ast.CallExpr:
			if id, ok := x.Fun.(*ast.Ident); ok {
				name = id.Name
			}
			for _, a := range x.Args {
				args = append(args, e.expr(en, a))
			}
			for _, k := range x.Keywords {
				kwargs.Set(k.Name.Name, e.expr(en, k.Value))
			}
		}
		configHas := false
		if inst != nil && !isSchema {
			configHas = inst.config.Has(target)
		}
		warn, err := builtins.RunDecorator(name, args, kwargs, target, isSchema, configHas)
		if err != nil {
			if inst != nil && inst.node != nil {
				fail(&Error{Kind: value.EvaluationError, Labels: []Label{{Pos: inst.node.Pos(), NoCaret: true, Msg: err.Error()}}})
			}
			fail(e.errAt(value.EvaluationError, err.Error()))
		}
		if warn != "" {
			e.warn(e.errAt(value.Deprecated, warn))
		}
	}
}

// instancesFunc returns S.instances.
func (e *Evaluator) instancesFunc(t *schemaType) value.Value {
	return &value.Func{Name: "instances", Call: func(args []value.Value, kwargs *value.Dict) (value.Value, error) {
		full := builtins.BoolArg(args, kwargs, 0, "full_pkg", false)
		// instances created by lazy statements not evaluated yet count too
		e.forceInstances(full)
		recs := e.instances[t]
		if full {
			// grouped by package in evaluation order, as upstream's eager
			// evaluation creates them
			recs = slices.Clone(recs)
			slices.SortStableFunc(recs, func(a, b instRecord) int {
				return e.pkgRank(a.pkgpath) - e.pkgRank(b.pkgpath)
			})
		}
		out := value.NewList()
		for _, r := range recs {
			if full || r.pkgpath == loader.MainPkg {
				out.Items = append(out.Items, r.value)
			}
		}
		return out, nil
	}}
}

// runRule instantiates a rule: its (and its parents') checks run against
// the config; the value holds the config.
func (e *Evaluator) runRule(t *schemaType, config *value.Dict, args []value.Value, kwargs *value.Dict, node ast.Node) value.Value {
	if config == nil {
		config = value.NewDict()
	}
	if kwargs == nil {
		kwargs = value.NewDict()
	}
	inst := &instCtx{typ: t, val: config.Copy(), config: config, lazy: newLazyScope(),
		optional: map[string]bool{}, attrs: map[string]*attrInfo{}, args: args, kwargs: kwargs, node: node}
	if t.protocol != nil {
		for _, a := range e.allAttrs(t.protocol) {
			inst.attrs[a.name] = a
			if v, ok := inst.val.Get(a.name); ok {
				inst.val.SetValue(a.name, e.convertAndCheckType(v, e.attrType(a), a.stmt))
			}
		}
	}
	var run func(r *schemaType)
	seen := map[*schemaType]bool{}
	run = func(r *schemaType) {
		if seen[r] {
			return
		}
		seen[r] = true
		e.resolveSchema(r)
		for _, p := range r.parents {
			run(p)
		}
		en := &env{kind: envSchema, file: r.file, inst: inst, owner: r}
		inst.envs.set(r, en)
		e.bindParams(en, r.rule.Params, args, kwargs, r.name, true)
		e.runDecorators(en, r.rule.Decorators, r.name, true, inst)
		for _, c := range r.rule.Checks {
			e.evalCheck(en, c, node)
		}
	}
	run(t)
	s := &value.Schema{Name: t.name, PkgPath: t.pkgpath(), Attrs: inst.val, Type: t, IsRule: true}
	return s
}

// scratchDict returns an empty dict for a short-lived use; give it back
// with releaseDict once nothing refers to it. Merging one config entry
// into an instance happens for most attributes of most instances.
func (e *Evaluator) scratchDict() *value.Dict {
	if n := len(e.freeDicts); n > 0 {
		d := e.freeDicts[n-1]
		e.freeDicts = e.freeDicts[:n-1]
		return d
	}
	return value.NewDictCap(1)
}

func (e *Evaluator) releaseDict(d *value.Dict) {
	if d.Len() <= 1 && len(e.freeDicts) < 64 {
		d.Reset()
		e.freeDicts = append(e.freeDicts, d)
	}
}
