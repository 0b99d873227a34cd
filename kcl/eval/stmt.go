package eval

import (
	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/syntax"
	"github.com/kclx-dev/kclx/kcl/value"
)

func (e *Evaluator) execStmts(en *env, body []ast.Stmt) {
	for _, st := range body {
		if e.btBreak {
			return
		}
		e.execStmt(en, st)
	}
}

// execStmt executes one statement in en.
func (e *Evaluator) execStmt(en *env, st ast.Stmt) {
	if e.btBreak {
		return
	}
	if e.btStop != nil && st == e.btStop {
		// the stopped statement runs; the ones after it do not
		e.btHit = true
		defer func() { e.btBreak = true }()
	}
	e.pos, e.posOK = st.Pos(), true
	if en.file != nil {
		e.curFile = en.file.path
	}
	switch st := st.(type) {
	case *ast.ExprStmt:
		e.execExprStmt(en, st)
	case *ast.AssignStmt:
		e.execAssign(en, st)
	case *ast.AugAssignStmt:
		e.execAugAssign(en, st)
	case *ast.UnificationStmt:
		e.execUnification(en, st)
	case *ast.AssertStmt:
		e.execAssert(en, st)
	case *ast.IfStmt:
		e.execIf(en, st)
	case *ast.ElseStmt:
		e.execStmts(en, st.Body)
	case *ast.SchemaAttr:
		e.execSchemaAttr(en, st)
	case *ast.ImportStmt, *ast.TypeAliasStmt, *ast.SchemaStmt, *ast.RuleStmt, *ast.IndexSignature:
		// handled when the package or schema is set up
	case *ast.BadStmt:
		fail(e.errAtNode(value.InvalidSyntax, st, "invalid syntax"))
	}
}

func (e *Evaluator) execIf(en *env, st *ast.IfStmt) {
	// A top-level (module or schema) if statement counts once for every
	// assignment inside it, taken or not, so that a name is final after
	// the statement ran in normal order.
	var lz *lazyScope
	var before map[string]int
	if e.btStop == nil {
		switch ae := en.assignEnv(); ae.kind {
		case envModule:
			lz = ae.file.pkg.lazy
		case envSchema:
			lz = ae.inst.lazy
		}
	}
	if lz != nil {
		before = map[string]int{}
		collectSetNames(st, func(name string, _ ast.Stmt) {
			if _, ok := before[name]; !ok {
				before[name] = lz.calTimes(name)
			}
		})
	}
	e.execIfBranches(en, st)
	if lz != nil && len(before) > 0 {
		counts := map[string]int{}
		collectSetNames(st, func(name string, _ ast.Stmt) { counts[name]++ })
		for name, n := range counts {
			if lz.backtracking(name) {
				continue
			}
			done := lz.calTimes(name) - before[name]
			for ; done < n; done++ {
				cur := e.currentValue(en.assignEnv(), name)
				lazySet(lz, name, cur)
			}
		}
	}
}

func (e *Evaluator) execIfBranches(en *env, st *ast.IfStmt) {
	if e.btStop != nil && !containsStmt(st, e.btStop) {
		return
	}
	cond := value.Truthy(e.expr(en, st.Cond))
	if e.btStop != nil {
		// backtracking: only the branch holding the stopped statement matters
		if cond && !stmtsContain(st.Body, e.btStop) {
			return
		}
		if !cond && (st.Else == nil || !containsStmt(st.Else, e.btStop)) {
			return
		}
	}
	if cond {
		e.execStmts(en, st.Body)
		return
	}
	if st.Else != nil {
		e.execStmt(en, st.Else)
	}
}

// currentValue returns the current value of name in the assignment env.
func (e *Evaluator) currentValue(ae *env, name string) value.Value {
	switch ae.kind {
	case envModule:
		v, _ := ae.file.pkg.global.Get(name)
		return v
	case envSchema:
		v, _ := ae.inst.val.Get(name)
		return v
	}
	return nil
}

func stmtsContain(body []ast.Stmt, target ast.Stmt) bool {
	for _, s := range body {
		if containsStmt(s, target) {
			return true
		}
	}
	return false
}

// containsStmt reports whether target is st or nested in st's branches.
func containsStmt(st, target ast.Stmt) bool {
	if st == target {
		return true
	}
	switch s := st.(type) {
	case *ast.IfStmt:
		if stmtsContain(s.Body, target) {
			return true
		}
		if s.Else != nil {
			return containsStmt(s.Else, target)
		}
	case *ast.ElseStmt:
		return stmtsContain(s.Body, target)
	}
	return false
}

func (e *Evaluator) execExprStmt(en *env, st *ast.ExprStmt) {
	if e.btStop != nil {
		return
	}
	v := e.expr(en, st.X)
	if en.kind != envModule {
		return
	}
	if _, isCall := unparen(st.X).(*ast.CallExpr); isCall {
		return
	}
	ps := en.file.pkg
	if _, isSchema := st.X.(*ast.SchemaExpr); isSchema {
		if ps.schemaScalarIx >= 0 && ps.schemaScalarIx < len(ps.scalars) {
			ps.scalars = append(ps.scalars[:ps.schemaScalarIx], ps.scalars[ps.schemaScalarIx+1:]...)
		}
		ps.scalars = append(ps.scalars, scalarRec{v: v, pos: st.Pos()})
		ps.schemaScalarIx = len(ps.scalars) - 1
		return
	}
	ps.scalars = append(ps.scalars, scalarRec{v: v, pos: st.Pos()})
}

// mergedValue returns the merged schema expression of a top-level
// statement of the main package, if the config merge replaced it.
func (e *Evaluator) mergedValue(en *env, st ast.Stmt) ast.Expr {
	if en.kind != envModule {
		return nil
	}
	if m := en.file.pkg.merge; m != nil {
		if x, ok := m.value[st]; ok {
			return x
		}
	}
	return nil
}

func unparen(x ast.Expr) ast.Expr {
	for {
		p, ok := x.(*ast.ParenExpr)
		if !ok {
			return x
		}
		x = p.X
	}
}

func (e *Evaluator) execAssign(en *env, st *ast.AssignStmt) {
	for _, t := range st.Targets {
		e.pushTarget(en, targetName(t))
	}
	var v value.Value
	if mx := e.mergedValue(en, st); mx != nil {
		v = e.expr(en, mx)
	} else {
		v = e.expr(en, st.Value)
	}
	if st.Type != nil {
		v = e.convertAndCheck(en, v, st.Type, st)
		if en.schemaEnv() == nil && e.schemaExprDepth == 0 {
			e.checkOptionalDeep(v)
		}
	}
	for i, t := range st.Targets {
		tv := v
		if len(st.Targets) > 1 && i > 0 {
			tv = value.DeepCopy(v)
		}
		e.assign(en, t, tv, st)
	}
	for range st.Targets {
		e.popTarget()
	}
}

func (e *Evaluator) execAugAssign(en *env, st *ast.AugAssignStmt) {
	e.pushTarget(en, targetName(st.Target))
	defer e.popTarget()
	right := e.expr(en, st.Value)
	left := e.expr(en, st.Target)
	v := e.binaryOp(st.Op.BinaryOf(), left, right, st)
	e.assign(en, st.Target, v, st)
}

func (e *Evaluator) execUnification(en *env, st *ast.UnificationStmt) {
	name := targetName(st.Target)
	e.pushTarget(en, name)
	defer e.popTarget()
	var v value.Value
	if mx := e.mergedValue(en, st); mx != nil {
		v = e.expr(en, mx)
	} else {
		v = e.expr(en, st.Value)
	}
	ae := en.assignEnv()
	switch ae.kind {
	case envModule, envLambda:
		if old, ok := e.lookupExisting(en, st.Target); ok && !value.IsNullish(old) {
			v = e.union(old, v, unionOpts{or: true})
		}
	case envSchema:
		if old, ok := e.lookupExisting(en, st.Target); ok {
			v = e.bitOr(old, v, st)
		}
	}
	e.assign(en, st.Target, v, st)
}

// lookupExisting loads the current value of an assignment target if it
// exists.
func (e *Evaluator) lookupExisting(en *env, t ast.Expr) (v value.Value, ok bool) {
	if id, isIdent := t.(*ast.Ident); isIdent {
		ae := en.assignEnv()
		switch ae.kind {
		case envModule:
			v, ok = ae.file.pkg.global.Get(id.Name)
			if ok && value.IsUndefined(v) {
				// the first unification statement defines the variable
				if s, cached := ae.file.pkg.lazy.cached(id.Name); cached {
					return s, true
				}
				return v, false
			}
			return v, ok
		case envSchema:
			return ae.inst.val.Get(id.Name)
		}
		return e.lookup(en, id.Name)
	}
	defer func() {
		if r := recover(); r != nil {
			v, ok = nil, false
		}
	}()
	return e.expr(en, t), true
}

func (e *Evaluator) execAssert(en *env, st *ast.AssertStmt) {
	if st.If != nil && !value.Truthy(e.expr(en, st.If)) {
		return
	}
	ok := value.Truthy(e.expr(en, st.Test))
	msg := ""
	if st.Msg != nil {
		msg = value.ToString(e.expr(en, st.Msg))
	}
	if !ok {
		fail(e.errAt(value.EvaluationError, msg))
	}
}

// assign stores v into target t in en.
func (e *Evaluator) assign(en *env, t ast.Expr, v value.Value, st ast.Stmt) {
	switch t := t.(type) {
	case *ast.Ident:
		e.assignName(en, t.Name, v, st)
	case *ast.ParenExpr:
		e.assign(en, t.X, v, st)
	case *ast.SelectorExpr:
		name := targetName(t)
		root := e.loadTargetRoot(en, t, name)
		e.setPath(en, root, t, v, st, name)
	case *ast.IndexExpr:
		name := targetName(t)
		root := e.loadTargetRoot(en, t, name)
		e.setPath(en, root, t, v, st, name)
	default:
		fail(e.errAtNode(value.CompileError, t, "illegal expression for assignment"))
	}
}

// loadTargetRoot loads the variable at the root of a dotted/subscript
// target, creating an empty dict when it is unset.
func (e *Evaluator) loadTargetRoot(en *env, t ast.Expr, name string) value.Value {
	var root value.Value
	ae := en.assignEnv()
	switch ae.kind {
	case envModule:
		root, _ = e.globalGet(ae.file.pkg, name)
	case envSchema:
		root, _ = e.instGet(ae.inst, name)
	default:
		root, _ = e.lookup(en, name)
	}
	if value.IsNullish(root) {
		if ae.kind == envSchema {
			attr := ""
			if s, ok := t.(*ast.SelectorExpr); ok {
				attr = firstSelector(s)
			}
			e.failf("failed to update the dict. An iterable of key-value pairs was expected, but got %s. Check if the syntax for updating the dictionary with the attribute '%s' is correct", value.TypeName(root), attr)
		}
		root = value.NewDict()
		e.assignName(en, name, root, nil)
		return root
	}
	if ae.kind == envModule {
		// assignments through a path do not change other references
		root = value.DeepCopy(root)
	}
	return root
}

// firstSelector returns the first attribute name after the root of a.b.c.
func firstSelector(s *ast.SelectorExpr) string {
	for {
		if _, ok := s.X.(*ast.Ident); ok {
			return s.Sel.Name
		}
		x, ok := s.X.(*ast.SelectorExpr)
		if !ok {
			return s.Sel.Name
		}
		s = x
	}
}

// setPath performs `root.a.b[c] = v` for the selector/index chain t.
func (e *Evaluator) setPath(en *env, root value.Value, t ast.Expr, v value.Value, st ast.Stmt, name string) {
	// collect the chain below the root identifier
	var chain []ast.Expr
	for x := t; ; {
		switch y := x.(type) {
		case *ast.SelectorExpr:
			chain = append(chain, y)
			x = y.X
			continue
		case *ast.IndexExpr:
			chain = append(chain, y)
			x = y.X
			continue
		case *ast.ParenExpr:
			x = y.X
			continue
		}
		break
	}
	cur := root
	for i := len(chain) - 1; i >= 0; i-- {
		last := i == 0
		switch c := chain[i].(type) {
		case *ast.SelectorExpr:
			key := c.Sel.Name
			if last {
				e.setKey(cur, key, v, c)
			} else {
				next := e.getKeyForPath(cur, key, c)
				cur = next
			}
		case *ast.IndexExpr:
			idx := e.expr(en, c.Index)
			if last {
				e.setIndex(cur, idx, v, c)
			} else {
				cur = e.subscript(cur, idx, c)
				if value.IsNullish(cur) {
					d := value.NewDict()
					e.setIndex(cur, idx, d, c)
					cur = d
				}
			}
		}
	}
	// re-store the root so lazy bookkeeping and schema config see it
	e.assignName(en, name, root, st)
}

func (e *Evaluator) getKeyForPath(cur value.Value, key string, n ast.Node) value.Value {
	switch c := cur.(type) {
	case *value.Dict:
		v, ok := c.Get(key)
		if !ok || value.IsNullish(v) {
			d := value.NewDict()
			c.Set(key, d)
			return d
		}
		return v
	case *value.Schema:
		v, ok := c.Attrs.Get(key)
		if !ok || value.IsNullish(v) {
			d := value.NewDict()
			c.Attrs.Set(key, d)
			return d
		}
		return v
	}
	fail(e.errAtNode(value.EvaluationError, n, sprintf("'%s' object has no attribute '%s'", value.TypeName(cur), key)))
	return nil
}

func (e *Evaluator) setKey(cur value.Value, key string, v value.Value, n ast.Node) {
	switch c := cur.(type) {
	case *value.Dict:
		c.Set(key, v)
		return
	case *value.Schema:
		if t, ok := c.Type.(*schemaType); ok {
			if a := t.attr(key); a != nil && a.typ != nil {
				v = e.convertAndCheckType(v, a.typ, a.stmt)
			}
		}
		c.Attrs.Set(key, v)
		c.AddConfigKey(key)
		e.recheck(c)
		return
	}
	fail(e.errAtNode(value.EvaluationError, n, sprintf("'%s' object has no attribute '%s'", value.TypeName(cur), key)))
}

func (e *Evaluator) setIndex(cur, idx, v value.Value, n ast.Node) {
	switch c := cur.(type) {
	case *value.List:
		i, ok := idx.(value.Int)
		if !ok {
			fail(e.errAtNode(value.EvaluationError, n, sprintf("list indices must be integers, not %s", value.TypeName(idx))))
		}
		j := int(i)
		if j < 0 {
			j += len(c.Items)
		}
		if j < 0 || j >= len(c.Items) {
			fail(e.errAtNode(value.EvaluationError, n, "list assignment index out of range"))
		}
		c.Items[j] = v
		return
	case *value.Dict:
		c.Set(keyString(idx), v)
		return
	case *value.Schema:
		e.setKey(c, keyString(idx), v, n)
		return
	}
	fail(e.errAtNode(value.EvaluationError, n, sprintf("'%s' object does not support item assignment", value.TypeName(cur))))
}

// assignName binds name in the scope an assignment in en writes to.
func (e *Evaluator) assignName(en *env, name string, v value.Value, st ast.Stmt) {
	ae := en.assignEnv()
	switch ae.kind {
	case envModule:
		ps := ae.file.pkg
		ps.global.SetValue(name, v)
		lazySet(ps.lazy, name, v)
	case envSchema:
		e.setSchemaAttr(ae, name, v, st)
	default:
		// lambda locals: update an enclosing lambda's variable when it
		// exists, else define it here
		for x := en; x != nil && x.kind != envModule && x.kind != envSchema; x = x.parent {
			if x.kind == envLambda && x.vars.update(name, v) {
				return
			}
		}
		ae.set(name, v)
	}
}

var _ = syntax.NoPos
