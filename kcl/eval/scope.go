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
	vars   map[string]value.Value
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

func (en *env) set(name string, v value.Value) {
	if en.vars == nil {
		en.vars = make(map[string]value.Value, 4)
	}
	en.vars[name] = v
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
type lazyScope struct {
	setters  map[string][]setter
	cache    map[string]value.Value
	levels   map[string]int
	calTimes map[string]int
}

// newLazyScope returns an empty scope; its maps are allocated on first
// write (most schema instances never backtrack).
func newLazyScope() *lazyScope {
	return &lazyScope{setters: map[string][]setter{}}
}

func (s *lazyScope) setCache(name string, v value.Value) {
	if s.cache == nil {
		s.cache = map[string]value.Value{}
	}
	s.cache[name] = v
}

func (s *lazyScope) setLevel(name string, l int) {
	if s.levels == nil {
		s.levels = map[string]int{}
	}
	s.levels[name] = l
}

func (s *lazyScope) backtracking(name string) bool { return s.levels[name] > 0 }

// get returns the value of name: current() when name is the assignment
// target being computed or has no setters, the cached final value, or the
// value after running its last pending setter.
func (e *Evaluator) lazyGet(s *lazyScope, name string, current func() value.Value, run func(setter)) value.Value {
	setters := s.setters[name]
	if t := e.target(); t.name == name && t.scope == s && (!s.backtracking(name) || len(setters) <= 1) {
		return current()
	}
	if v, ok := s.cache[name]; ok {
		return v
	}
	if len(setters) == 0 {
		return current()
	}
	level := s.levels[name]
	next := level + 1
	if next > len(setters) {
		return current()
	}
	s.setLevel(name, next)
	run(setters[len(setters)-next])
	s.setLevel(name, level)
	v := current()
	s.setCache(name, v)
	return v
}

// lazySet records that a statement assigned name in normal order; once
// every setter ran the value is final and cached.
func lazySet(s *lazyScope, name string, v value.Value) {
	if s.backtracking(name) {
		return
	}
	if s.calTimes == nil {
		s.calTimes = map[string]int{}
	}
	s.calTimes[name]++
	if s.calTimes[name] >= len(s.setters[name]) {
		if _, ok := s.cache[name]; !ok {
			s.setCache(name, v)
		}
	}
}

// runSetter executes a setter statement in env en.
func (e *Evaluator) runSetter(s setter, en *env) {
	oldStop, oldBreak := e.btStop, e.btBreak
	e.btStop, e.btBreak = s.stopped, false
	defer func() { e.btStop, e.btBreak = oldStop, oldBreak }()
	oldPos, oldOK := e.pos, e.posOK
	e.execStmt(en, s.body[s.idx])
	e.pos, e.posOK = oldPos, oldOK
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
	v := e.lazyGet(ps.lazy, name, cur, func(s setter) { e.runSetter(s, s.file.env) })
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
		if x.vars != nil {
			if v, ok := x.vars[name]; ok {
				return v, true
			}
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
