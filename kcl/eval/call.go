package eval

import (
	"fmt"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/builtins"
	"github.com/kclx-dev/kclx/kcl/value"
)

func sprintf(format string, args ...any) string {
	if len(args) == 0 {
		return format
	}
	return fmt.Sprintf(format, args...)
}

// call evaluates a call expression.
func (e *Evaluator) call(en *env, x *ast.CallExpr) value.Value {
	fn := e.expr(en, x.Fun)
	args := make([]value.Value, 0, len(x.Args))
	for _, a := range x.Args {
		args = append(args, e.expr(en, a))
	}
	var kwargs *value.Dict
	if len(x.Keywords) > 0 {
		kwargs = value.NewDictCap(len(x.Keywords))
		for _, k := range x.Keywords {
			var v value.Value = value.None
			if k.Value != nil {
				v = e.expr(en, k.Value)
			}
			kwargs.Set(k.Name.Name, v)
		}
	}
	f, ok := fn.(*value.Func)
	if !ok {
		if value.IsNullish(fn) {
			return value.None
		}
		fail(e.errAtNode(value.EvaluationError, x, sprintf("'%s' object is not callable", value.TypeName(fn))))
	}
	if t, ok := f.Impl.(*schemaType); ok {
		e.callerPkg = en.file.pkg.path
		e.schemaExprDepth++
		v := e.instantiate(t, nil, args, kwargs, nil, x)
		e.schemaExprDepth--
		if en.schemaEnv() == nil && e.schemaExprDepth == 0 {
			e.checkOptionalDeep(v)
		}
		return v
	}
	return e.invoke(f, args, kwargs)
}

// callValue calls a function value (used by builtins such as reduce).
func (e *Evaluator) callValue(fn value.Value, args []value.Value, kwargs *value.Dict) value.Value {
	f, ok := fn.(*value.Func)
	if !ok {
		e.failf("'%s' object is not callable", value.TypeName(fn))
	}
	return e.invoke(f, args, kwargs)
}

func (e *Evaluator) invoke(f *value.Func, args []value.Value, kwargs *value.Dict) value.Value {
	if f.Call == nil {
		e.failf("'%s' object is not callable", value.TypeName(f))
	}
	e.depth++
	if e.depth > e.opts.MaxDepth {
		e.depth = 0
		fail(e.errAt(value.RecursionError, "maximum recursion depth exceeded"))
	}
	v, err := f.Call(args, kwargs)
	e.depth--
	if err != nil {
		e.check(err)
	}
	if v == nil {
		return value.None
	}
	return v
}

// closure is a lambda value's payload.
type closure struct {
	x   *ast.LambdaExpr
	env *env
}

func (e *Evaluator) lambda(en *env, x *ast.LambdaExpr) value.Value {
	c := &closure{x: x, env: captureEnv(en)}
	f := &value.Func{Name: "lambda", Impl: c, ParamTypes: e.paramTypes(en, x)}
	f.Call = func(args []value.Value, kwargs *value.Dict) (value.Value, error) {
		return e.callLambda(c, args, kwargs), nil
	}
	return f
}

// captureEnv returns the environment a lambda closes over: local
// variables (comprehension, config and lambda scopes) are captured by
// value at creation time, as upstream's closure map does; schema
// attributes and globals stay live.
func captureEnv(en *env) *env {
	var base *env
	var chain []*env
	for x := en; x != nil; x = x.parent {
		if x.kind == envModule || x.kind == envSchema {
			base = x
			break
		}
		chain = append(chain, x)
	}
	if len(chain) == 0 {
		return en
	}
	snap := &env{parent: base, kind: envLambda, file: en.file, inst: en.inst, owner: en.owner}
	if base == nil {
		snap.kind = envModule
	}
	for i := len(chain) - 1; i >= 0; i-- {
		for _, ve := range chain[i].vars.list {
			snap.vars.set(ve.name, ve.v)
		}
	}
	return snap
}

// paramTypes returns the declared parameter type texts of a lambda.
func (e *Evaluator) paramTypes(en *env, x *ast.LambdaExpr) []string {
	if pt, ok := e.lambdaTypes[x]; ok {
		return pt
	}
	var out []string
	for _, p := range x.Params {
		if p.Type == nil {
			out = append(out, "")
		} else {
			out = append(out, e.resolveType(en, p.Type).text)
		}
	}
	if e.lambdaTypes == nil {
		e.lambdaTypes = map[*ast.LambdaExpr][]string{}
	}
	e.lambdaTypes[x] = out
	return out
}

func (e *Evaluator) callLambda(c *closure, args []value.Value, kwargs *value.Dict) value.Value {
	if e.opts.Debug {
		e.frames = append(e.frames, frame{name: "lambda", call: e.pos})
		defer func() { e.frames = e.frames[:len(e.frames)-1] }()
	}
	le := &env{parent: c.env, kind: envLambda, file: c.env.file, inst: c.env.inst, owner: c.env.owner, params: map[string]bool{}}
	e.bindParams(le, c.x.Params, args, kwargs, "lambda", false)
	savedPos, savedOK := e.pos, e.posOK
	savedTargets := e.targets
	savedStop, savedBreak := e.btStop, e.btBreak
	e.targets, e.btStop, e.btBreak = nil, nil, false
	defer func() { e.btStop, e.btBreak = savedStop, savedBreak }()
	var result value.Value = value.None
	body := c.x.Body
	for i, st := range body {
		if i == len(body)-1 {
			result = e.stmtResult(le, st)
		} else {
			e.execStmt(le, st)
		}
	}
	e.targets = savedTargets
	e.pos, e.posOK = savedPos, savedOK
	if c.x.Ret != nil {
		result = e.convertAndCheck(le, result, c.x.Ret, nil)
	}
	return result
}

// stmtResult executes st and returns the value it produces (the value of
// an expression statement, of the taken branch of an if, else None).
func (e *Evaluator) stmtResult(en *env, st ast.Stmt) value.Value {
	e.pos, e.posOK = st.Pos(), true
	switch st := st.(type) {
	case *ast.ExprStmt:
		return e.expr(en, st.X)
	case *ast.IfStmt:
		if value.Truthy(e.expr(en, st.Cond)) {
			return e.blockResult(en, st.Body)
		}
		switch el := st.Else.(type) {
		case *ast.IfStmt:
			return e.stmtResult(en, el)
		case *ast.ElseStmt:
			return e.blockResult(en, el.Body)
		}
		return value.None
	}
	switch st := st.(type) {
	case *ast.AssignStmt:
		e.execStmt(en, st)
		if len(st.Targets) > 0 {
			if v, ok := e.lookupTargetValue(en, st.Targets[0]); ok {
				return v
			}
		}
		return value.None
	case *ast.AugAssignStmt:
		e.execStmt(en, st)
		if v, ok := e.lookupTargetValue(en, st.Target); ok {
			return v
		}
		return value.None
	case *ast.UnificationStmt:
		e.execStmt(en, st)
		if v, ok := e.lookupTargetValue(en, st.Target); ok {
			return v
		}
		return value.None
	}
	e.execStmt(en, st)
	return value.None
}

// lookupTargetValue reads back an assignment target after the assignment.
func (e *Evaluator) lookupTargetValue(en *env, t ast.Expr) (v value.Value, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			v, ok = nil, false
		}
	}()
	return e.expr(en, t), true
}

func (e *Evaluator) blockResult(en *env, body []ast.Stmt) value.Value {
	var r value.Value = value.None
	for i, st := range body {
		if i == len(body)-1 {
			r = e.stmtResult(en, st)
		} else {
			e.execStmt(en, st)
		}
	}
	return r
}

// bindParams binds call arguments to parameters in en (defaults are
// evaluated in en). Extra positional or unknown keyword arguments are
// errors.
func (e *Evaluator) bindParams(en *env, params []*ast.Param, args []value.Value, kwargs *value.Dict, fname string, isSchema bool) {
	if len(args) > len(params) && !isSchema {
		e.failf("%s() takes %d positional argument%s but %d were given", fname, len(params), plural(len(params)), len(args))
	}
	if kwargs != nil && !isSchema {
		for _, k := range kwargs.Keys() {
			found := false
			for _, p := range params {
				if p.Name.Name == k {
					found = true
					break
				}
			}
			if !found {
				e.failf("%s() got an unexpected keyword argument '%s'", fname, k)
			}
		}
	}
	for i, p := range params {
		name := p.Name.Name
		var v value.Value
		have := false
		if i < len(args) {
			v, have = args[i], true
		}
		if kwargs != nil {
			if kv, ok := kwargs.Get(name); ok {
				v, have = kv, true
			}
		}
		if !have {
			if p.Default != nil {
				v = e.expr(en, p.Default)
			} else if isSchema {
				v = value.None
			} else {
				e.failf("%s() missing 1 required positional argument: '%s'", fname, name)
			}
		}
		if p.Type != nil {
			v = e.convertAndCheck(en, v, p.Type, nil)
		}
		en.set(name, v)
		if en.params != nil {
			en.params[name] = true
		}
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// ---------------------------------------------------------------------------
// Builtin functions

// builtinFunc returns the builtin function name as a value.
func builtinFunc(e *Evaluator, name string) value.Value {
	f, ok := builtins.Lookup(name)
	if !ok {
		return nil
	}
	return &value.Func{Name: name, Call: func(args []value.Value, kwargs *value.Dict) (value.Value, error) {
		if kwargs == nil {
			kwargs = value.NewDict()
		}
		return f(e.ctxFor(), args, kwargs)
	}}
}

// ctxFor returns the builtins context with the evaluator's hooks.
func (e *Evaluator) ctxFor() *builtins.Context {
	c := e.bctx
	if c.Option == nil {
		c.Option = func(key string) (value.Value, bool) {
			v, ok := e.argMap[key]
			return v, ok
		}
	}
	if c.SetStream == nil {
		c.SetStream = func(values []value.Value, opts value.EncodeOptions, sep string) {
			e.stream = &Stream{Values: values, Opts: opts, Sep: sep}
		}
	}
	if c.Union == nil {
		c.Union = func(a, b value.Value) value.Value { return e.bitOr(a, b, nil) }
	}
	return c
}

// strMethod returns the bound string method name of s.
func strMethod(e *Evaluator, s value.Str, name string) value.Value {
	m, ok := builtins.StrMethod(name)
	if !ok {
		return nil
	}
	return &value.Func{Name: name, Call: func(args []value.Value, kwargs *value.Dict) (value.Value, error) {
		if kwargs == nil {
			kwargs = value.NewDict()
		}
		return m(e.ctxFor(), s, args, kwargs)
	}}
}

// internalModuleFunc implements system-module members that need the
// evaluator when no registered implementation exists.
func (e *Evaluator) internalModuleFunc(mod, name string) value.Value {
	ctx := e.ctxFor()
	if f, ok := builtins.InternalModuleFunc(mod, name); ok {
		return &value.Func{Name: mod + "." + name, Call: func(args []value.Value, kwargs *value.Dict) (value.Value, error) {
			if kwargs == nil {
				kwargs = value.NewDict()
			}
			return f(ctx, args, kwargs)
		}}
	}
	return nil
}
