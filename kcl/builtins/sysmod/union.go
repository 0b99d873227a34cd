package sysmod

import (
	"github.com/kclx-dev/kclx/kcl/value"
)

// maxUnionDepth bounds recursion on deeply nested or cyclic values.
const maxUnionDepth = 1000

// UnionAll implements collection.union_all: the first value deep-copied,
// then each following value merged into it with the `|` operator's rules
// (configs merge key by key honouring each entry's `:`, `=` or `+=`
// operator, lists merge item by item, ints combine with bitwise or, any
// other value replaces). Schema instances merge their attributes; the
// result is not re-checked against the schema (that needs the evaluator).
func UnionAll(items []value.Value) (value.Value, error) {
	if len(items) == 0 {
		return value.NewDict(), nil
	}
	result := value.DeepCopy(items[0])
	for _, it := range items[1:] {
		var err error
		if result, err = union(result, it, 0); err != nil {
			return nil, err
		}
	}
	return result, nil
}

func isListOrConfig(v value.Value) bool {
	switch v.(type) {
	case *value.List, *value.Dict, *value.Schema:
		return true
	}
	return false
}

// union merges b into a (a may be modified) and returns the result.
func union(a, b value.Value, depth int) (value.Value, error) {
	if depth > maxUnionDepth {
		return nil, value.Errorf(value.RecursionError, "maximum recursion depth exceeded in union")
	}
	switch {
	case value.IsNullish(a):
		return b, nil
	case value.IsNullish(b):
		return a, nil
	case isListOrConfig(a) && isListOrConfig(b):
		return unionConfig(a, b, depth)
	}
	if x, ok := a.(value.Int); ok {
		if y, ok := b.(value.Int); ok {
			return x | y, nil
		}
	}
	return b, nil
}

func unionConfig(a, b value.Value, depth int) (value.Value, error) {
	if la, ok := a.(*value.List); ok {
		lb, ok := b.(*value.List)
		if !ok {
			return nil, unionFailure(a, b)
		}
		n := max(len(la.Items), len(lb.Items))
		for i := 0; i < n; i++ {
			switch {
			case i >= len(la.Items):
				la.Items = append(la.Items, lb.Items[i])
			case i < len(lb.Items):
				v, err := union(la.Items[i], lb.Items[i], depth+1)
				if err != nil {
					return nil, err
				}
				la.Items[i] = v
			}
		}
		return la, nil
	}
	da, db := value.ConfigDict(a), value.ConfigDict(b)
	if da == nil || db == nil {
		return nil, unionFailure(a, b)
	}
	if err := unionDict(da, db, depth); err != nil {
		return nil, err
	}
	// A dict merged with a schema becomes that schema.
	if sb, ok := b.(*value.Schema); ok {
		if _, aIsSchema := a.(*value.Schema); !aIsSchema {
			s := *sb
			s.Attrs = da
			return &s, nil
		}
	}
	return a, nil
}

func unionFailure(a, b value.Value) error {
	return value.EvalErrorf("union failure, expect %q, got %q", value.TypeName(a), value.TypeName(b))
}

// unionDict merges the entries of delta into obj following each entry's
// operator.
func unionDict(obj, delta *value.Dict, depth int) error {
	if obj == delta {
		return nil
	}
	for _, e := range delta.Entries() {
		cur, exists := obj.Get(e.Key)
		// Only `+=` entries carry a meaningful insert index.
		hasIndex := e.Op == value.OpInsert && e.Index >= 0
		if !exists && !hasIndex {
			obj.SetEntry(e.Key, e.Value, e.Op, e.Index)
			continue
		}
		switch e.Op {
		case value.OpOverride:
			obj.SetEntry(e.Key, e.Value, e.Op, e.Index)
		case value.OpInsert:
			if value.IsNullish(cur) {
				cur = value.NewList()
				obj.SetEntry(e.Key, cur, e.Op, -1)
			}
			l, ok1 := cur.(*value.List)
			add, ok2 := e.Value.(*value.List)
			if !ok1 || !ok2 {
				return value.EvalErrorf("only list attribute can be inserted value, the origin value type is %s and got value type is %s",
					value.TypeName(cur), value.TypeName(e.Value))
			}
			if l == add {
				continue
			}
			items := append([]value.Value(nil), add.Items...)
			if hasIndex && e.Index <= len(l.Items) {
				rest := append(items, l.Items[e.Index:]...)
				l.Items = append(l.Items[:e.Index], rest...)
			} else {
				l.Items = append(l.Items, items...)
			}
		default:
			v, err := union(cur, e.Value, depth+1)
			if err != nil {
				return err
			}
			obj.SetValue(e.Key, v)
		}
	}
	return nil
}

// MergePatch implements json.merge(src, patch), RFC 7396 JSON Merge Patch:
// a config patch merges key by key into src (a None or Undefined value
// removes the key), any other patch replaces src. The inputs are not
// modified.
func MergePatch(src, patch value.Value) value.Value {
	return mergePatch(src, patch, 0)
}

func mergePatch(src, patch value.Value, depth int) value.Value {
	pd := value.ConfigDict(patch)
	if pd == nil || depth > maxUnionDepth {
		return patch
	}
	var out *value.Dict
	if sd := value.ConfigDict(src); sd != nil {
		out = sd.Copy()
	} else {
		out = value.NewDict()
	}
	for _, e := range pd.Entries() {
		if value.IsNullish(e.Value) {
			out.Delete(e.Key)
			continue
		}
		cur, ok := out.Get(e.Key)
		if !ok {
			cur = value.None
		}
		out.Set(e.Key, mergePatch(cur, e.Value, depth+1))
	}
	return out
}
