package eval

import (
	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/syntax"
	"github.com/kclx-dev/kclx/kcl/value"
)

// keyPositions finds where a config key was written, for diagnostics.
type keyPositions struct{ cfg *ast.ConfigExpr }

// find returns the key node of the entry for key, or nil.
func (kp *keyPositions) find(key string) ast.Node {
	if kp == nil || kp.cfg == nil {
		return nil
	}
	return findKey(kp.cfg.Entries, key)
}

func findKey(entries []*ast.ConfigEntry, key string) ast.Node {
	for _, ent := range entries {
		switch k := ent.Key.(type) {
		case *ast.Ident:
			if k.Name == key {
				return k
			}
		case *ast.StringLit:
			if k.Value() == key {
				return k
			}
		case *ast.SelectorExpr:
			if p := selectorPath(k); p != nil && p[0] == key {
				return k
			}
		case nil:
			if ifx, ok := ent.Value.(*ast.ConfigIfEntry); ok {
				if n := findKey(ifx.Entries, key); n != nil {
					return n
				}
			}
		}
	}
	return nil
}

// configExpr evaluates a config literal into a dict that remembers each
// key's operator. Entry keys become local variables of the literal's
// scope, so later entries can refer to earlier ones.
func (e *Evaluator) configExpr(en *env, x *ast.ConfigExpr, kp *keyPositions) *value.Dict {
	ce := en.child(envComp)
	ce.isConfig = true
	d := value.NewDictCap(len(x.Entries))
	for _, ent := range x.Entries {
		e.configEntry(ce, d, ent, kp)
	}
	return d
}

func opOf(t syntax.Token) value.Op {
	switch t {
	case syntax.ASSIGN:
		return value.OpOverride
	case syntax.ADD_ASSIGN:
		return value.OpInsert
	}
	return value.OpUnion
}

// configEntry evaluates one entry into d.
func (e *Evaluator) configEntry(ce *env, d *value.Dict, ent *ast.ConfigEntry, kp *keyPositions) {
	if ent.Key == nil {
		if ifx, ok := ent.Value.(*ast.ConfigIfEntry); ok {
			if sub := e.configIf(ce, ifx, kp); sub != nil {
				e.unpackInto(d, sub)
			}
			return
		}
		v := e.expr(ce, ent.Value)
		e.unpackInto(d, v)
		return
	}
	v := e.expr(ce, ent.Value)
	op := opOf(ent.Op)
	index := -1
	var name string
	hasName := false
	key := ent.Key
	switch k := key.(type) {
	case *ast.Ident:
		name, hasName = k.Name, true
	case *ast.StringLit:
		name, hasName = k.Value(), true
	case *ast.SelectorExpr:
		// a.b.c = v  →  a: {b: {c = v}}
		path := selectorPath(k)
		if path != nil && !e.isLocalVar(ce, path[0]) {
			for i := len(path) - 1; i >= 1; i-- {
				inner := value.NewDict()
				inner.SetEntry(path[i], v, op, index)
				v = inner
				op, index = value.OpUnion, -1
			}
			name, hasName = path[0], true
		}
	case *ast.IndexExpr:
		if id, ok := k.X.(*ast.Ident); ok {
			if n, ok := intLiteral(k.Index); ok {
				index = int(n)
				if index < 0 {
					// negative indexes count from the end of the current list
					l, ok := d.GetOr(id.Name, nil).(*value.List)
					if !ok {
						e.failf("index out of bounds")
					}
					index += len(l.Items)
					if index < 0 {
						e.failf("index out of bounds")
					}
				}
				name, hasName = id.Name, true
			}
		}
	}
	var keyStr string
	if hasName {
		if _, isIdent := key.(*ast.Ident); isIdent && e.isLocalVar(ce, name) {
			keyStr = keyString(e.expr(ce, key))
		} else {
			keyStr = name
		}
	} else {
		keyStr = keyString(e.expr(ce, key))
	}
	e.dictInsert(d, keyStr, v, op, index)
	if hasName {
		nv, _ := d.Get(keyStr)
		e.setConfigLocal(ce, name, nv)
	}
}

// intLiteral returns the value of an integer literal (or its negation).
func intLiteral(x ast.Expr) (int64, bool) {
	switch x := x.(type) {
	case *ast.BasicLit:
		if x.Kind == syntax.INT {
			return parseIntLit(x.Value)
		}
	case *ast.UnaryExpr:
		if x.Op == syntax.SUB {
			if n, ok := intLiteral(x.X); ok {
				return -n, true
			}
		}
	case *ast.ParenExpr:
		return intLiteral(x.X)
	}
	return 0, false
}

// selectorPath returns [a b c] for the key a.b.c.
func selectorPath(x ast.Expr) []string {
	switch x := x.(type) {
	case *ast.Ident:
		return []string{x.Name}
	case *ast.SelectorExpr:
		p := selectorPath(x.X)
		if p == nil {
			return nil
		}
		return append(p, x.Sel.Name)
	}
	return nil
}

// isLocalVar reports whether name is a comprehension/lambda local (not a
// config key variable).
func (e *Evaluator) isLocalVar(en *env, name string) bool {
	for x := en; x != nil; x = x.parent {
		if x.kind == envComp && !x.isConfig && x.vars.has(name) {
			return true
		}
		if x.kind == envModule || x.kind == envSchema {
			return false
		}
	}
	return false
}

// setConfigLocal makes a config key visible as a variable: an existing
// variable of an enclosing config scope is updated, else it is defined in
// the innermost config scope.
func (e *Evaluator) setConfigLocal(ce *env, name string, v value.Value) {
	for x := ce; x != nil; x = x.parent {
		if x.kind == envModule || x.kind == envSchema {
			break
		}
		if x.isConfig && x.vars.update(name, v) {
			return
		}
	}
	ce.set(name, v)
}

func (e *Evaluator) configIf(ce *env, x *ast.ConfigIfEntry, kp *keyPositions) value.Value {
	if value.Truthy(e.expr(ce, x.Cond)) {
		sub := ce.child(envComp)
		sub.isConfig = true
		d := value.NewDict()
		for _, ent := range x.Entries {
			e.configEntry(sub, d, ent, kp)
		}
		return d
	}
	switch el := x.Else.(type) {
	case *ast.ConfigIfEntry:
		return e.configIf(ce, el, kp)
	case *ast.ConfigElse:
		sub := ce.child(envComp)
		sub.isConfig = true
		d := value.NewDict()
		for _, ent := range el.Entries {
			e.configEntry(sub, d, ent, kp)
		}
		return d
	}
	return nil
}

// unpackInto merges `**v` (or an if-entry's dict) into d, replaying each
// key's operator.
func (e *Evaluator) unpackInto(d *value.Dict, v value.Value) {
	switch t := v.(type) {
	case *value.Dict:
		e.union(d, value.DeepCopy(t), unionOpts{noResolve: true})
	case *value.Schema:
		e.union(d, value.DeepCopy(t.Attrs), unionOpts{noResolve: true})
	case nil:
	default:
		if value.IsNullish(v) {
			return
		}
		e.failf("only list, dict and schema object can be used with unpack operators * and **, got %s", value.TypeName(v))
	}
}

// dictInsert inserts key into d with operator op (config literal
// semantics): union merges with an existing value (conflicting scalars
// are an error), override replaces (or sets/removes a list item at
// index), insert appends (or inserts at index) to a list.
func (e *Evaluator) dictInsert(d *value.Dict, key string, v value.Value, op value.Op, index int) {
	old, exists := d.Get(key)
	if !exists {
		if index >= 0 {
			switch op {
			case value.OpOverride:
				e.failf("only list attribute can be override value with the index %d", index)
			case value.OpInsert:
				if index > 0 {
					e.failf("insertion index (is %d) should be <= len (is 0)", index)
				}
			}
		}
		d.SetEntry(key, v, op, index)
		return
	}
	if index >= 0 {
		if l, ok := old.(*value.List); ok && op != value.OpInsert {
			idx := index
			if idx >= len(l.Items) {
				e.failf("index out of bounds: the len is %d but the index is %d", len(l.Items), idx)
			}
			nl := l.Copy()
			switch {
			case op == value.OpUnion:
				nl.Items[idx] = e.union(value.DeepCopy(nl.Items[idx]), v, unionOpts{idempotent: true})
			case value.IsNullish(v):
				nl.Items = append(nl.Items[:idx], nl.Items[idx+1:]...)
			default:
				nl.Items[idx] = v
			}
			d.SetEntry(key, nl, op, -1)
			return
		}
	}
	switch op {
	case value.OpUnion:
		delta := value.NewDict()
		delta.SetEntry(key, v, op, index)
		tmp := value.NewDict()
		tmp.SetEntry(key, old, value.OpUnion, -1)
		_, oldSchema := old.(*value.Schema)
		_, newSchema := v.(*value.Schema)
		merged := e.union(tmp, delta, unionOpts{idempotent: !(oldSchema && newSchema)})
		nv, _ := merged.(*value.Dict).Get(key)
		d.SetEntry(key, nv, op, index)
	case value.OpOverride:
		if index < 0 {
			d.SetEntry(key, v, op, index)
			return
		}
		l, ok := old.(*value.List)
		if !ok {
			e.failf("only list attribute can be inserted value")
		}
		nl := l.Copy()
		if index >= len(nl.Items) {
			e.failf("index out of bounds")
		}
		if value.IsNullish(v) {
			nl.Items = append(nl.Items[:index], nl.Items[index+1:]...)
		} else {
			nl.Items[index] = v
		}
		d.SetEntry(key, nl, op, index)
	case value.OpInsert:
		nv := e.insertList(old, v, index)
		d.SetEntry(key, nv, op, index)
	}
}

func (e *Evaluator) insertList(old, v value.Value, index int) value.Value {
	var base *value.List
	switch o := old.(type) {
	case *value.List:
		base = o.Copy()
	default:
		if !value.IsNullish(old) {
			e.failf("only list attribute can be inserted value")
		}
		base = value.NewList()
	}
	add, ok := v.(*value.List)
	if !ok {
		if value.IsNullish(v) {
			return base
		}
		e.failf("only list attribute can be inserted value")
	}
	if index < -1 {
		index += len(base.Items)
		if index < 0 {
			index = 0
		}
	}
	if index < 0 || index >= len(base.Items) {
		if index > len(base.Items) {
			e.failf("insertion index (is %d) should be <= len (is %d)", index, len(base.Items))
		}
		base.Items = append(base.Items, add.Items...)
		return base
	}
	items := make([]value.Value, 0, len(base.Items)+len(add.Items))
	items = append(items, base.Items[:index]...)
	items = append(items, add.Items...)
	items = append(items, base.Items[index:]...)
	base.Items = items
	return base
}

// ---------------------------------------------------------------------------
// Union

type unionOpts struct {
	or           bool // `|` operator: int | int is bitwise or
	listOverride bool
	idempotent   bool // union entries of conflicting scalars are an error
	noResolve    bool // do not re-evaluate merged schema instances
}

type unionCtx struct {
	conflict  bool
	path      []string
	objJSON   string
	deltaJSON string
}

// union merges delta into obj (modifying obj) and returns the result.
func (e *Evaluator) union(obj, delta value.Value, o unionOpts) value.Value {
	var uc unionCtx
	r := e.union1(obj, delta, o.or, o, &uc, 0)
	if uc.conflict {
		// reverse path
		for i, j := 0, len(uc.path)-1; i < j; i, j = i+1, j-1 {
			uc.path[i], uc.path[j] = uc.path[j], uc.path[i]
		}
		key := ""
		if len(uc.path) > 0 {
			key = uc.path[len(uc.path)-1]
		}
		if key == "" {
			e.failf("conflicting values between %s and %s", uc.deltaJSON, uc.objJSON)
		}
		note := sprintf("    {...} | {\n            ...\n            %s = %s\n            ...\n    }", key, uc.deltaJSON)
		e.failf("conflicting values on the attribute '%s' between :\n    %s\nand\n    %s\nwith union path :\n    %s\ntry operator '=' to override the attribute, like:\n%s",
			key, uc.objJSON, uc.deltaJSON, joinPath(uc.path), note)
	}
	return r
}

func joinPath(p []string) string {
	s := ""
	for i, x := range p {
		if i > 0 {
			s += "."
		}
		s += x
	}
	return s
}

func (e *Evaluator) union1(obj, delta value.Value, or bool, o unionOpts, uc *unionCtx, depth int) value.Value {
	if depth > e.opts.MaxDepth {
		e.failf("maximum recursion depth exceeded in union")
	}
	if value.IsNullish(obj) {
		return delta
	}
	if value.IsNullish(delta) {
		return obj
	}
	if isListOrConfig(obj) && isListOrConfig(delta) {
		return e.doUnion(obj, delta, o, uc, depth)
	}
	if or {
		if a, ok := obj.(value.Int); ok {
			if b, ok := delta.(value.Int); ok {
				return a | b
			}
		}
		e.failf("unsupported operand type(s) for |: '%s' and '%s'", value.TypeName(obj), value.TypeName(delta))
	}
	return delta
}

func isListOrConfig(v value.Value) bool {
	switch v.(type) {
	case *value.List, *value.Dict, *value.Schema:
		return true
	}
	return false
}

func conflictRepr(v value.Value) string {
	switch v.(type) {
	case *value.Dict, *value.Schema:
		return "{...}"
	case *value.List:
		return "[...]"
	}
	return value.EncodeJSON(v, value.EncodeOptions{})
}

func (e *Evaluator) doUnion(obj, delta value.Value, o unionOpts, uc *unionCtx, depth int) value.Value {
	if obj == delta {
		return obj
	}
	unionFn := func(od *value.Dict, dd *value.Dict) {
		for _, ent := range dd.Entries() {
			k, v := ent.Key, ent.Value
			old, exists := od.Get(k)
			if !exists {
				od.SetEntry(k, v, ent.Op, ent.Index)
				continue
			}
			switch ent.Op {
			case value.OpUnion:
				if o.idempotent && !subsume(v, old) {
					uc.conflict = true
					uc.path = append(uc.path, k)
					uc.objJSON = conflictRepr(old)
					uc.deltaJSON = conflictRepr(v)
					return
				}
				nv := e.union1(value.DeepCopy(old), v, false, o, uc, depth+1)
				od.SetEntry(k, nv, ent.Op, ent.Index)
				if uc.conflict {
					uc.path = append(uc.path, k)
					return
				}
			case value.OpOverride:
				if ent.Index < 0 {
					od.SetEntry(k, v, ent.Op, ent.Index)
					continue
				}
				l, ok := old.(*value.List)
				if !ok {
					e.failf("only list attribute can be inserted value")
				}
				l = l.Copy()
				if ent.Index >= len(l.Items) {
					e.failf("index out of bounds")
				}
				if value.IsNullish(v) {
					l.Items = append(l.Items[:ent.Index], l.Items[ent.Index+1:]...)
				} else {
					l.Items[ent.Index] = v
				}
				od.SetEntry(k, l, ent.Op, ent.Index)
			case value.OpInsert:
				if old == v {
					continue
				}
				od.SetEntry(k, e.insertList(old, v, ent.Index), ent.Op, ent.Index)
			}
		}
	}
	switch ob := obj.(type) {
	case *value.List:
		dl, ok := delta.(*value.List)
		if !ok {
			break
		}
		if !o.listOverride {
			for i := 0; i < len(dl.Items); i++ {
				if i >= len(ob.Items) {
					ob.Items = append(ob.Items, dl.Items[i])
					continue
				}
				ob.Items[i] = e.union1(value.DeepCopy(ob.Items[i]), dl.Items[i], false, o, uc, depth+1)
				if uc.conflict {
					uc.path = append(uc.path, sprintf("list[%d]", i))
					return obj
				}
			}
		}
		return ob
	case *value.Dict:
		switch dd := delta.(type) {
		case *value.Dict:
			unionFn(ob, dd)
			return ob
		case *value.Schema:
			unionFn(ob, dd.Attrs)
			if uc.conflict {
				return obj
			}
			keys := append(configKeys(dd), ob.Keys()...)
			return e.mergedSchema(ob, dd, dd, keys, o)
		}
	case *value.Schema:
		switch dd := delta.(type) {
		case *value.Dict:
			unionFn(ob.Attrs, dd)
			if uc.conflict {
				return obj
			}
			keys := append(configKeys(ob), dd.Keys()...)
			return e.mergedSchema(ob.Attrs, ob, ob, keys, o)
		case *value.Schema:
			unionFn(ob.Attrs, dd.Attrs)
			if uc.conflict {
				return obj
			}
			keys := append(configKeys(ob), configKeys(dd)...)
			return e.mergedSchema(ob.Attrs, ob, dd, keys, o)
		}
	}
	e.failf("union failure, expect %s, got %s", value.TypeName(obj), value.TypeName(delta))
	return nil
}

func configKeys(s *value.Schema) []string {
	keys := make([]string, 0, len(s.ConfigKeys))
	for _, ent := range s.Attrs.Entries() {
		if s.HasConfigKey(ent.Key) {
			keys = append(keys, ent.Key)
		}
	}
	return keys
}

// mergedSchema turns the merged attributes back into an instance of the
// schema of like and, unless noResolve, re-evaluates it with the merged
// config (upstream's resolve_schema).
func (e *Evaluator) mergedSchema(attrs *value.Dict, like, argsFrom *value.Schema, keys []string, o unionOpts) value.Value {
	cfgKeys := make(map[string]bool, len(keys))
	for _, k := range keys {
		cfgKeys[k] = true
	}
	t, _ := like.Type.(*schemaType)
	if t == nil || o.noResolve {
		s := &value.Schema{Name: like.Name, PkgPath: like.PkgPath, Attrs: attrs, Type: like.Type, ConfigKeys: keys}
		return s
	}
	cfg := value.NewDict()
	for _, ent := range attrs.Entries() {
		if cfgKeys[ent.Key] {
			op := ent.Op
			if op == value.OpInsert {
				op = value.OpOverride
			}
			cfg.SetEntry(ent.Key, ent.Value, op, -1)
		}
	}
	args, kwargs := argsFrom.Args()
	r := e.instantiate(t, cfg, args, kwargs, nil, nil)
	if p, ok := e.createdAt[like]; ok {
		if s, ok := r.(*value.Schema); ok {
			e.createdAt[s] = p
		}
	}
	return r
}

// subsume reports whether two values may be unified without conflict.
func subsume(a, b value.Value) bool {
	if value.IsNullish(a) || value.IsNullish(b) {
		return true
	}
	if isConfigValue(a) && isConfigValue(b) {
		return true
	}
	la, aList := a.(*value.List)
	lb, bList := b.(*value.List)
	if aList && bList {
		if len(la.Items) != len(lb.Items) {
			return false
		}
		for i := range la.Items {
			if !subsume(la.Items[i], lb.Items[i]) {
				return false
			}
		}
		return true
	}
	if a.Kind() != b.Kind() {
		_, an := a.(value.Int)
		_, bn := b.(value.Float)
		_, an2 := a.(value.Float)
		_, bn2 := b.(value.Int)
		if !(an && bn || an2 && bn2) {
			return false
		}
	}
	return value.Equal(a, b)
}
