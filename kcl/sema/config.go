package sema

import (
	"strconv"
	"strings"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/syntax"
	"github.com/kclx-dev/kclx/kcl/types"
)

// The config expression context is a stack of expected types: the type
// a config literal (or list) being checked must have, or nil when
// unknown. Keys of config entries switch it to the key's expected type.
//
// A second stack, kept in step, records for the language server what
// the context allows even where the checker does not check (the members
// of a union, the parameters a call's arguments are passed to): see
// Info.Expected.

func (c *checker) pushCfg(t *types.Type) {
	c.cfg = append(c.cfg, t)
	c.wide = append(c.wide, t)
}

func (c *checker) popCfg(n int) {
	if n > len(c.cfg) {
		n = len(c.cfg)
	}
	c.cfg = c.cfg[:len(c.cfg)-n]
	c.wide = c.wide[:len(c.cfg)]
}

func (c *checker) topCfg() *types.Type {
	if len(c.cfg) == 0 {
		return nil
	}
	return c.cfg[len(c.cfg)-1]
}

func (c *checker) topWide() *types.Type {
	if len(c.wide) == 0 {
		return nil
	}
	return c.wide[len(c.wide)-1]
}

// setWide replaces the recorded context of the top of the stack.
func (c *checker) setWide(t *types.Type) {
	if len(c.wide) > 0 {
		c.wide[len(c.wide)-1] = t
	}
}

// findWide returns what a value under key name of a value of type t may
// be: like findCfg, through the members of unions too.
func findWide(t *types.Type, name string, depth int) *types.Type {
	if t == nil || name == "" || depth > 16 {
		return nil
	}
	switch t.Kind {
	case types.KList:
		return t.ListElem()
	case types.KDict:
		return t.DictVal()
	case types.KSchema:
		if a := t.Schema.AttrOf(name); a != nil {
			return a.Type
		}
		if t.Schema.Index != nil {
			return t.Schema.Index.Value
		}
	case types.KUnion:
		var ms []*types.Type
		for _, m := range t.Types {
			if w := findWide(m, name, depth+1); w != nil && !w.IsAny() {
				ms = append(ms, w)
			}
		}
		switch len(ms) {
		case 0:
			return nil
		case 1:
			return ms[0]
		}
		return types.UnionOf(ms...)
	}
	return nil
}

// findCfg returns the expected type of key name under the top context.
func (c *checker) findCfg(name string) *types.Type {
	if name == "" {
		return nil
	}
	top := c.topCfg()
	if top == nil {
		return nil
	}
	switch top.Kind {
	case types.KList:
		return top.ListElem()
	case types.KDict:
		return top.DictVal()
	case types.KSchema:
		if a := top.Schema.AttrOf(name); a != nil {
			return a.Type
		}
		if top.Schema.Index != nil {
			return top.Schema.Index.Value
		}
	}
	return nil
}

func (c *checker) switchCfgByName(name string) int {
	c.cfg = append(c.cfg, c.findCfg(name))
	c.wide = append(c.wide, findWide(c.topWide(), name, 0))
	return 1
}

func (c *checker) switchListCtx() int { return c.switchCfgByName("[]") }

// keyNames returns the names a config key addresses: a, a.b.c, a[0]
// (hasIndex) or "a.b" (a string key is one name); ok is false for other
// keys.
func keyNames(key ast.Expr) (names []*ast.Ident, str string, isStr, hasIndex, ok bool) {
	switch k := key.(type) {
	case *ast.Ident, *ast.SelectorExpr:
		names = selectorNames(k)
		return names, "", false, false, names != nil
	case *ast.IndexExpr:
		if isNumberLit(k.Index) {
			if id, isID := k.X.(*ast.Ident); isID {
				return []*ast.Ident{id}, "", false, true, true
			}
			if names = selectorNames(k.X); names != nil {
				return names, "", false, true, true
			}
		}
	case *ast.StringLit:
		return nil, k.Value(), true, false, true
	}
	return nil, "", false, false, false
}

func (c *checker) switchCfgByKey(key ast.Expr) int {
	if key == nil {
		return 0
	}
	names, str, isStr, _, ok := keyNames(key)
	if !ok {
		if _, js := key.(*ast.JoinedString); js {
			return c.switchCfgByName("")
		}
		return 0
	}
	if isStr {
		return c.switchCfgByName(str)
	}
	n := 0
	for _, id := range names {
		n += c.switchCfgByName(id.Name)
	}
	return n
}

// checkAttrTy reports a config key that is not a string.
func (c *checker) checkAttrTy(t *types.Type, at ast.Node) {
	if !t.IsAny() && !t.IsKey() {
		c.errorAt(at, loader.IllegalAttributeError, "illegal-attribute", "A attribute must be string type, got '%s'", t)
	}
}

// mustCheckConfigAttr checks that attr may be set on a value of type t.
func (c *checker) mustCheckConfigAttr(attr string, at ast.Node, t *types.Type) {
	if t == nil || attr == "" {
		return
	}
	switch t.Kind {
	case types.KSchema:
		c.checkConfigAttr(attr, at, t.Schema)
	case types.KUnion:
		var names, suggs []string
		for _, m := range t.Types {
			if !m.IsSchema() {
				continue
			}
			s := m.Schema
			if s.AttrOf(attr) == nil && !s.IsMixin && s.Index == nil {
				suggs = append(suggs, suggest(attr, s.Attrs.Names())...)
				names = append(names, s.Name)
			} else {
				return
			}
		}
		if len(names) > 0 {
			target := "schema " + names[0]
			if len(names) > 1 {
				target = "schemas " + debugList(names)
			}
			sugg := ""
			if len(suggs) > 0 {
				sugg = ", did you mean '" + debugList(suggs) + "'?"
			}
			c.compileError(at, "unknown-attribute", "Cannot add member '%s' to '%s'%s", attr, target, sugg)
		}
	}
}

func (c *checker) checkConfigAttr(attr string, at ast.Node, s *types.Schema) {
	if a := s.AttrOf(attr); a != nil {
		if id, ok := at.(*ast.Ident); ok && id.Name == attr {
			c.info.Uses[id] = c.attrObject(a, s)
		}
		return
	}
	if s.IsMixin || s.Index != nil {
		return
	}
	sugg := ""
	if ss := suggest(attr, s.Attrs.Names()); len(ss) > 0 {
		sugg = ", did you mean '" + debugList(ss) + "'?"
	}
	c.compileError(at, "unknown-attribute", "Cannot add member '%s' to schema '%s'%s", attr, s.Name, sugg)
}

// configEntries checks the entries of a config literal and returns its
// dict type.
func (c *checker) configEntries(entries []*ast.ConfigEntry, node ast.Node) *types.Type {
	t := c.configEntriesDict(entries, node)
	if top := c.topCfg(); top != nil && top.IsSchema() {
		// Checked entry by entry against the schema already.
		cp := *t
		cp.ConfigOf = top.Schema
		return &cp
	}
	return t
}

func (c *checker) configEntriesDict(entries []*ast.ConfigEntry, node ast.Node) *types.Type {
	if top := c.topWide(); top != nil && node != nil {
		c.info.Expected[node] = top
	}
	c.enterScope(ScopeConfig, node)
	defer c.leaveScope()
	var keyTypes, valTypes []*types.Type
	attrs := types.NewAttrList()
	for _, e := range entries {
		if e == nil {
			continue
		}
		key, value := e.Key, e.Value
		var valTy *types.Type
		hasInsertIndex := false
		pushed := 0
		names, str, isStr, hasIndex, keyOK := keyNames(key)
		if key != nil && keyOK && c.topCfg() != nil {
			// check_config_entry: check each key name against the
			// context, then the value against the addressed type.
			var target *types.Type
			var chain []*types.Type
			if isStr {
				c.mustCheckConfigAttr(str, key, c.topCfg())
				pushed += c.switchCfgByName(str)
			} else {
				for _, id := range names {
					c.mustCheckConfigAttr(id.Name, id, c.topCfg())
					pushed += c.switchCfgByName(id.Name)
					chain = append(chain, c.topCfg())
				}
			}
			target = c.topCfg()
			valTy = c.expr(value)
			// A dotted key a.b.c = v is checked as nested configs
			// (upstream rewrites it so before checking): the first level
			// that is not a config type gets the nested value.
			checked := valTy
			if hasIndex && e.Op != syntax.ADD_ASSIGN {
				checked = types.ListOf(checked)
			}
			for i := 0; i+1 < len(chain); i++ {
				if t := chain[i]; t != nil && !isConfigLike(t) {
					target, checked = t, nestedDict(names[i+1:], checked)
					break
				}
			}
			if target != nil {
				c.mustAssignable(checked, target, key, nil)
			}
		} else {
			pushed += c.switchCfgByKey(key)
		}
		switch {
		case key == nil:
			if valTy == nil {
				valTy = c.expr(value)
			}
			switch valTy.Kind {
			case types.KNone, types.KAny:
				valTypes = append(valTypes, valTy)
			case types.KDict, types.KSchema:
				keyTypes = append(keyTypes, valTy.ConfigKey())
				valTypes = append(valTypes, valTy.ConfigVal())
			default:
				if valTy.IsUnion() && types.IsConfigOrUnion(valTy) {
					var ks, vs []*types.Type
					for _, m := range valTy.Types {
						ks = append(ks, m.ConfigKey())
						vs = append(vs, m.ConfigVal())
					}
					keyTypes = append(keyTypes, types.Sup(ks...))
					valTypes = append(valTypes, types.Sup(vs...))
				} else {
					c.compileError(value, "unpack", "only dict and schema can be used ** unpack, got '%s'", valTy)
				}
			}
		case isIdentKey(key):
			if valTy == nil {
				valTy = c.expr(value)
			}
			vt := valTy
			for i := 1; i < len(names); i++ {
				vt = types.DictOf(types.Str, vt)
			}
			var kt *types.Type
			id := names[0]
			if len(names) == 1 {
				if c.isLocalVar(id.Name) {
					kt = c.expr(key)
				} else {
					kt = types.StrLitOf(id.Name)
				}
				c.checkAttrTy(kt, key)
			} else {
				// a.b.c = v is a: {b: {c = v}}
				kt = types.Str
			}
			t := vt
			if len(names) > 1 {
				t = nestedDict(names[1:], valTy)
			}
			if old := attrs.Get(id.Name); old != nil {
				t = types.Sup(old.Type, t)
			}
			attrs.Set(&types.Attr{Name: id.Name, Type: types.InferToVariable(t), Pos: key.Pos(), End: key.End()})
			o := &Object{Name: id.Name, Kind: ObjAttr, Type: t, PkgPath: c.pkg.PkgPath, Pos: id.Pos(), End: id.End()}
			c.insert(o)
			if _, used := c.info.Uses[id]; !used {
				c.info.Defs[id] = o
			}
			keyTypes = append(keyTypes, kt)
			valTypes = append(valTypes, vt)
		case isIndexKey(key):
			hasInsertIndex = true
			if valTy == nil {
				valTy = c.expr(value)
			}
			if ix, ok := key.(*ast.IndexExpr); ok {
				c.quiet++
				c.expr(ix.Index)
				c.quiet--
			}
			keyTypes = append(keyTypes, types.Str)
			if e.Op == syntax.ADD_ASSIGN && valTy.IsList() {
				valTypes = append(valTypes, valTy)
			} else {
				valTypes = append(valTypes, types.ListOf(valTy))
			}
		default:
			kt := c.expr(key)
			if valTy == nil {
				valTy = c.expr(value)
			}
			c.checkAttrTy(kt, key)
			if sl, ok := key.(*ast.StringLit); ok {
				name := sl.Value()
				t := valTy
				if old := attrs.Get(name); old != nil {
					t = types.Sup(old.Type, valTy)
				}
				attrs.Set(&types.Attr{Name: name, Type: types.InferToVariable(t), Pos: key.Pos(), End: key.End()})
				c.insert(&Object{Name: name, Kind: ObjAttr, Type: t, PkgPath: c.pkg.PkgPath, Pos: key.Pos(), End: key.End()})
			}
			keyTypes = append(keyTypes, kt)
			valTypes = append(valTypes, valTy)
		}
		if e.Op == syntax.ADD_ASSIGN && !hasInsertIndex && !valTy.IsAny() && !valTy.IsList() {
			c.errorAt(value, loader.IllegalAttributeError, "illegal-insert", "only list type can in inserted, got '%s'", valTy)
		}
		c.popCfg(pushed)
	}
	return types.DictWithAttrs(types.Sup(keyTypes...), types.Sup(valTypes...), attrs)
}

func isIdentKey(x ast.Expr) bool {
	switch x.(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return selectorNames(x) != nil
	}
	return false
}

func isIndexKey(x ast.Expr) bool {
	ix, ok := x.(*ast.IndexExpr)
	if !ok || !isNumberLit(ix.Index) {
		return false
	}
	_, isID := ix.X.(*ast.Ident)
	return isID || selectorNames(ix.X) != nil
}

// isNumberLit reports whether x is a number literal (possibly signed).
func isNumberLit(x ast.Expr) bool {
	switch x := x.(type) {
	case *ast.BasicLit:
		return true
	case *ast.UnaryExpr:
		_, ok := x.X.(*ast.BasicLit)
		return ok && (x.Op == syntax.SUB || x.Op == syntax.ADD)
	}
	return false
}

// isConfigLike reports whether values of t can hold nested keys.
func isConfigLike(t *types.Type) bool {
	switch t.Kind {
	case types.KAny, types.KDict, types.KSchema, types.KNone:
		return true
	case types.KUnion:
		for _, m := range t.Types {
			if isConfigLike(m) {
				return true
			}
		}
	}
	return false
}

// debugList formats names as Rust's Debug of a Vec<String>: ["a", "b"].
func debugList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// suggest returns the candidates close to name (edit distance), best first.
func suggest(name string, candidates []string) []string {
	if name == "" {
		return nil
	}
	limit := len(name) / 3
	if limit < 1 {
		limit = 1
	}
	type scored struct {
		s string
		d int
	}
	var out []scored
	seen := map[string]bool{}
	for _, cand := range candidates {
		if cand == name || seen[cand] || strings.HasPrefix(cand, "@") {
			continue
		}
		seen[cand] = true
		if d := editDistance(name, cand, limit); d <= limit {
			out = append(out, scored{cand, d})
		}
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].d < out[j-1].d; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	res := make([]string, 0, len(out))
	for _, s := range out {
		res = append(res, s.s)
		if len(res) == 3 {
			break
		}
	}
	return res
}

// editDistance is the optimal-string-alignment distance of a and b,
// giving up (returning limit+1) once it exceeds limit.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			best = min(best, v)
		}
		if best > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// nestedDict returns the type of {n1: {n2: ... v}} for a dotted key.
func nestedDict(names []*ast.Ident, v *types.Type) *types.Type {
	t := v
	for i := len(names) - 1; i >= 0; i-- {
		at := types.NewAttrList()
		at.Set(&types.Attr{Name: names[i].Name, Type: types.InferToVariable(t), Pos: names[i].Pos(), End: names[i].End()})
		t = types.DictWithAttrs(types.StrLitOf(names[i].Name), t, at)
	}
	return t
}
