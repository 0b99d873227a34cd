package eval

import (
	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/builtins"
	"github.com/kclx-dev/kclx/kcl/value"
)

type envKind uint8

const (
	envModule envKind = iota // top level of a file
	envSchema                // a schema/rule body (one per schema of the chain)
	envLambda                // a lambda call
	envComp                  // a comprehension or quantifier
)

// env is a lexical scope. Lookups walk parent links up to the module
// env, then the package globals, the file's imports and the builtins.
type env struct {
	parent *env
	kind   envKind
	vars   varTable
	file   *fileState
	inst   *instCtx    // envSchema: the instance being built
	owner  *schemaType // envSchema: the schema whose body this is
	// isConfig marks the scope of a config literal (its keys are visible
	// as variables, but are not "local variables").
	isConfig bool
	// params are the parameter names of a lambda env.
	params map[string]bool
}

func (en *env) child(kind envKind) *env {
	return &env{parent: en, kind: kind, file: en.file, inst: en.inst, owner: en.owner}
}

func (en *env) set(name string, v value.Value) { en.vars.set(name, v) }

// varTable holds the variables of one env. Most envs hold a few names (a
// comprehension's loop variables, a config literal's keys), so they are a
// slice searched linearly; a map index is added past varTableLinear.
type varTable struct {
	list  []varEntry
	index map[string]int
}

type varEntry struct {
	name string
	v    value.Value
}

const varTableLinear = 12

func (t *varTable) find(name string) int {
	if t.index != nil {
		if i, ok := t.index[name]; ok {
			return i
		}
		return -1
	}
	for i := range t.list {
		if t.list[i].name == name {
			return i
		}
	}
	return -1
}

// get returns the value of name.
func (t *varTable) get(name string) (value.Value, bool) {
	if i := t.find(name); i >= 0 {
		return t.list[i].v, true
	}
	return nil, false
}

// has reports whether name is defined.
func (t *varTable) has(name string) bool { return t.find(name) >= 0 }

// update sets an existing name and reports whether it existed.
func (t *varTable) update(name string, v value.Value) bool {
	if i := t.find(name); i >= 0 {
		t.list[i].v = v
		return true
	}
	return false
}

// set defines or updates name.
func (t *varTable) set(name string, v value.Value) {
	if t.update(name, v) {
		return
	}
	if t.list == nil {
		t.list = make([]varEntry, 0, 2)
	}
	t.list = append(t.list, varEntry{name, v})
	if t.index != nil {
		t.index[name] = len(t.list) - 1
	} else if len(t.list) > varTableLinear {
		t.index = make(map[string]int, 2*len(t.list))
		for i, e := range t.list {
			t.index[e.name] = i
		}
	}
}

// assignEnv returns the env an assignment in en writes to: the nearest
// module, schema or lambda env.
func (en *env) assignEnv() *env {
	for x := en; x != nil; x = x.parent {
		if x.kind != envComp {
			return x
		}
	}
	return en
}

// inSchema returns the nearest schema env (nil outside schema bodies).
func (en *env) schemaEnv() *env {
	for x := en; x != nil; x = x.parent {
		if x.kind == envSchema {
			return x
		}
		if x.kind == envModule {
			return nil
		}
	}
	return nil
}

// setter is one statement that assigns a name: body[idx]; for an if
// statement, stopped is the assignment inside it at which a backtracking
// run stops.
type setter struct {
	body    []ast.Stmt
	idx     int
	stopped ast.Stmt
	file    *fileState
	owner   *schemaType // nil for module setters
}

// lazyScope implements upstream's order-independent evaluation of a module
// or schema body: a read of a name that is not final yet runs the last
// statement that sets it (recursively the previous one for
// self-references), and caches the result.
//
// The per-name state lives in slots: the instances of one schema share
// the setters and the name → slot index (from the schema layout) and
// allocate their slots at once; names outside the index (module scopes)
// get slots on demand.
type lazyScope struct {
	setters map[string][]setter
	index   map[string]int // shared; nil for module scopes
	slots   []lazySlot     // per scope, allocated on first write
	extra   map[string]*lazySlot
}

// lazySlot is the state of one name of a lazy scope.
type lazySlot struct {
	cache    value.Value
	cached   bool // the value is final
	level    int  // backtracking depth (> 0 while a setter is re-run)
	calTimes int  // setters run in normal order
}

// newLazyScope returns an empty scope; its state is allocated on first
// write.
func newLazyScope() *lazyScope {
	return &lazyScope{setters: map[string][]setter{}}
}

// slot returns the state of name, nil when it has none and create is
// false.
func (s *lazyScope) slot(name string, create bool) *lazySlot {
	if i, ok := s.index[name]; ok {
		if s.slots == nil {
			if !create {
				return nil
			}
			s.slots = make([]lazySlot, len(s.index))
		}
		return &s.slots[i]
	}
	if sl := s.extra[name]; sl != nil || !create {
		return sl
	}
	if s.extra == nil {
		s.extra = map[string]*lazySlot{}
	}
	sl := &lazySlot{}
	s.extra[name] = sl
	return sl
}

// cached returns the final value of name, if it has one.
func (s *lazyScope) cached(name string) (value.Value, bool) {
	if sl := s.slot(name, false); sl != nil && sl.cached {
		return sl.cache, true
	}
	return nil, false
}

func (s *lazyScope) setCache(name string, v value.Value) {
	sl := s.slot(name, true)
	sl.cache, sl.cached = v, true
}

func (s *lazyScope) level(name string) int {
	if sl := s.slot(name, false); sl != nil {
		return sl.level
	}
	return 0
}

func (s *lazyScope) setLevel(name string, l int) { s.slot(name, true).level = l }

// calTimes returns how many setters of name ran in normal order.
func (s *lazyScope) calTimes(name string) int {
	if sl := s.slot(name, false); sl != nil {
		return sl.calTimes
	}
	return 0
}

func (s *lazyScope) backtracking(name string) bool { return s.level(name) > 0 }

// get returns the value of name: current() when name is the assignment
// target being computed or has no setters, the cached final value, or the
// value after running its last pending setter.
func (e *Evaluator) lazyGet(s *lazyScope, name string, current func() value.Value, run func(setter) bool) value.Value {
	setters := s.setters[name]
	if t := e.target(); t.name == name && t.scope == s && (!s.backtracking(name) || len(setters) <= 1) {
		return current()
	}
	if v, ok := s.cached(name); ok {
		return v
	}
	if len(setters) == 0 {
		return current()
	}
	level := s.level(name)
	if level+1 > len(setters) {
		return current()
	}
	// Run the last setter not run yet at this level; a setter inside an
	// if statement whose branch is not taken assigns nothing, and the one
	// before it is tried.
	for next := level + 1; next <= len(setters); next++ {
		s.setLevel(name, next)
		if run(setters[len(setters)-next]) {
			break
		}
	}
	s.setLevel(name, level)
	v := current()
	s.setCache(name, v)
	return v
}

// lazySet records that a statement assigned name in normal order; once
// every setter ran the value is final and cached.
func lazySet(s *lazyScope, name string, v value.Value) {
	sl := s.slot(name, true)
	if sl.level > 0 {
		return
	}
	sl.calTimes++
	if sl.calTimes >= len(s.setters[name]) && !sl.cached {
		sl.cache, sl.cached = v, true
	}
}

// runSetter executes a setter statement in env en and reports whether it
// assigned (an if statement's setter does not when the branch holding its
// assignment is not taken).
func (e *Evaluator) runSetter(s setter, en *env) bool {
	oldStop, oldBreak, oldHit := e.btStop, e.btBreak, e.btHit
	e.btStop, e.btBreak, e.btHit = s.stopped, false, false
	defer func() { e.btStop, e.btBreak, e.btHit = oldStop, oldBreak, oldHit }()
	oldPos, oldOK, oldFile := e.pos, e.posOK, e.curFile
	st := s.body[s.idx]
	if s.owner == nil && s.file != nil && en.kind == envModule {
		if ps := s.file.pkg; ps.stmtState != nil {
			if d, ok := ps.stmtState[st]; ok && d.state == stmtPending {
				ps.runDeferred(st, func() { e.execStmt(en, st) })
				e.pos, e.posOK, e.curFile = oldPos, oldOK, oldFile
				return true
			}
		}
	}
	e.execStmt(en, st)
	e.pos, e.posOK, e.curFile = oldPos, oldOK, oldFile
	return s.stopped == nil || e.btHit
}

// targets is the stack of assignment target names.
var _ = 0

// targetRef is an assignment target: a name in a lazy scope.
type targetRef struct {
	name  string
	scope *lazyScope
}

func (e *Evaluator) target() targetRef {
	if n := len(e.targets); n > 0 {
		return e.targets[n-1]
	}
	return targetRef{}
}

// pushTarget records that an assignment to name in en is being evaluated.
func (e *Evaluator) pushTarget(en *env, name string) {
	var s *lazyScope
	switch ae := en.assignEnv(); ae.kind {
	case envModule:
		s = ae.file.pkg.lazy
	case envSchema:
		s = ae.inst.lazy
	}
	e.targets = append(e.targets, targetRef{name, s})
}
func (e *Evaluator) popTarget() {
	if n := len(e.targets); n > 0 {
		e.targets = e.targets[:n-1]
	}
}

// globalGet reads a global of package ps lazily.
func (e *Evaluator) globalGet(ps *pkgState, name string) (value.Value, bool) {
	if _, ok := ps.global.Get(name); !ok {
		return nil, false
	}
	cur := func() value.Value { v, _ := ps.global.Get(name); return v }
	v := e.lazyGet(ps.lazy, name, cur, func(s setter) bool { return e.runSetter(s, s.file.env) })
	return v, true
}

// lookup resolves a name in en. ok is false when the name is not defined.
func (e *Evaluator) lookup(en *env, name string) (value.Value, bool) {
	var file *fileState
	inner := false
	for x := en; x != nil; x = x.parent {
		if x.kind == envSchema || x.kind == envLambda {
			inner = true
		}
		if v, ok := x.vars.get(name); ok {
			return v, true
		}
		if x.kind == envSchema && x.inst != nil {
			if v, ok := e.instGet(x.inst, name); ok {
				return v, true
			}
		}
		if file == nil {
			file = x.file
		}
		if x.kind == envModule {
			break
		}
	}
	if file == nil {
		file = en.file
	}
	if file != nil {
		if inner {
			// inside schemas and lambdas globals are read as they are;
			// only a not-yet-defined global is computed on demand
			if v, ok := file.pkg.global.Get(name); ok && !value.IsUndefined(v) {
				return v, true
			}
		}
		if v, ok := e.globalGet(file.pkg, name); ok {
			return v, true
		}
		if imp := packageImport(file, name); imp != nil {
			return e.moduleValue(imp), true
		}
		if ta, tf := file.pkg.alias(name); ta != nil {
			if t := e.resolveType(tf.env, ta.Type); t.kind == tSchema {
				return t.schema.fn, true
			}
		}
	}
	if f := builtinFunc(e, name); f != nil {
		return f, true
	}
	return nil, false
}

// packageImport returns the import bound to name in file, or in another
// file of the same package (upstream's import names are package-wide).
func packageImport(file *fileState, name string) *importRef {
	if imp, ok := file.imports[name]; ok {
		return imp
	}
	for _, f := range file.pkg.files {
		if imp, ok := f.imports[name]; ok {
			return imp
		}
	}
	return nil
}

// moduleRef is the value of an imported module name.
type moduleRef struct{ imp *importRef }

func (e *Evaluator) moduleValue(imp *importRef) value.Value {
	return &value.Func{Name: "module", Impl: &moduleRef{imp: imp}}
}

// moduleMember returns member name of an imported module.
func (e *Evaluator) moduleMember(imp *importRef, name string, node ast.Node) value.Value {
	switch imp.kind {
	case impPackage:
		if imp.pkg == nil {
			break
		}
		e.startPackage(imp.pkg)
		if v, ok := e.globalGet(imp.pkg, name); ok {
			return v
		}
		if ta, tf := imp.pkg.alias(name); ta != nil {
			if t := e.resolveType(tf.env, ta.Type); t.kind == tSchema {
				return t.schema.fn
			}
		}
		fail(e.errAtNode(value.AttributeError, node, sprintf("module '%s' has no attribute '%s'", imp.path, name)))
	case impSystem:
		return e.systemMember(imp.path, name, node)
	case impPlugin:
		fail(e.errAtNode(value.EvaluationError, node, sprintf("the plugin package `%s` is not found, please confirm if plugin mode is enabled", imp.path)))
	}
	fail(e.errAtNode(value.CannotFindModule, node, sprintf("pkgpath %s not found in the program", imp.path)))
	return nil
}

func isDoubleUnderscore(name string) bool { return len(name) > 1 && name[0] == '_' && name[1] == '_' }

// systemMember returns a member of a system module as a value.
func (e *Evaluator) systemMember(mod, name string, node ast.Node) value.Value {
	if mod == "units" {
		if v, ok := unitConstant(name); ok {
			return v
		}
	}
	m, ok := builtins.LookupModule(mod)
	if ok {
		if mem, ok := m.Members[name]; ok {
			if mem.Func == nil {
				if mem.Value == nil {
					return value.None
				}
				return mem.Value
			}
			fn := mem.Func
			return &value.Func{Name: mod + "." + name, Call: func(args []value.Value, kwargs *value.Dict) (value.Value, error) {
				if kwargs == nil {
					kwargs = value.NewDict()
				}
				ctx := e.ctxFor()
				ctx.CurrentFile = e.curFile
				return fn(ctx, args, kwargs)
			}}
		}
	}
	if f := e.internalModuleFunc(mod, name); f != nil {
		return f
	}
	fail(e.errAtNode(value.AttributeError, node, sprintf("module '%s' has no attribute '%s'", mod, name)))
	return nil
}

func unitConstant(name string) (value.Value, bool) {
	switch name {
	case "n", "u", "m":
		m, _ := value.UnitMultiplier(name)
		return value.Float(m), true
	case "k", "K", "M", "G", "T", "P", "Ki", "Mi", "Gi", "Ti", "Pi":
		m, _ := value.UnitMultiplier(name)
		return value.Int(int64(m)), true
	}
	return nil, false
}
