package eval

import (
	"github.com/kclx-dev/kclx/kcl/ast"
)

// Upstream merges, before evaluation, the configs of every top-level
// `x: S {...}` unification and `x = S {...}` assignment of the same name
// in the main package into the last such statement and drops the others
// (its ConfigMergeTransformer). mergePlan reproduces that without touching
// the shared AST: skip lists the dropped statements and value gives the
// merged schema expression of the kept one.
type mergePlan struct {
	skip  map[ast.Stmt]bool
	value map[ast.Stmt]*ast.SchemaExpr
}

func planConfigMerge(files []*fileState) *mergePlan {
	type decl struct {
		st ast.Stmt
		sx *ast.SchemaExpr
	}
	groups := map[string][]decl{}
	var order []string
	add := func(name string, d decl) {
		if _, ok := groups[name]; !ok {
			order = append(order, name)
		}
		groups[name] = append(groups[name], d)
	}
	for _, f := range files {
		for _, st := range f.ast.Body {
			switch s := st.(type) {
			case *ast.UnificationStmt:
				if id, ok := s.Target.(*ast.Ident); ok && s.Value != nil {
					add(id.Name, decl{s, s.Value})
				}
			case *ast.AssignStmt:
				sx, ok := s.Value.(*ast.SchemaExpr)
				if !ok {
					continue
				}
				for _, t := range s.Targets {
					if id, ok := t.(*ast.Ident); ok {
						add(id.Name, decl{s, sx})
					}
				}
			}
		}
	}
	p := &mergePlan{skip: map[ast.Stmt]bool{}, value: map[ast.Stmt]*ast.SchemaExpr{}}
	for _, name := range order {
		ds := groups[name]
		if len(ds) < 2 {
			continue
		}
		var items []*ast.ConfigEntry
		for _, d := range ds {
			if d.sx.Config != nil {
				items = append(items, d.sx.Config.Entries...)
			}
		}
		last := ds[len(ds)-1]
		merged := *last.sx
		cfg := &ast.ConfigExpr{Entries: unifyConfigEntries(items, 0)}
		if last.sx.Config != nil {
			cfg.Lbrace, cfg.Rbrace = last.sx.Config.Lbrace, last.sx.Config.Rbrace
		}
		merged.Config = cfg
		p.value[last.st] = &merged
		for _, d := range ds[:len(ds)-1] {
			if d.st != last.st {
				p.skip[d.st] = true
			}
		}
	}
	return p
}

const noNameBucket = "$name_none"

func entryBucket(ent *ast.ConfigEntry) string {
	switch k := ent.Key.(type) {
	case *ast.Ident:
		return k.Name
	case *ast.StringLit:
		return k.Value()
	case *ast.SelectorExpr:
		if p := selectorPath(k); p != nil {
			return p[0]
		}
	}
	return noNameBucket
}

// unifyConfigEntries groups entries by key (first appearance order) and
// merges the configs of same-key entries into the first schema-valued one.
func unifyConfigEntries(entries []*ast.ConfigEntry, depth int) []*ast.ConfigEntry {
	if depth > 100 {
		return entries
	}
	buckets := map[string][]*ast.ConfigEntry{}
	var order []string
	for _, ent := range entries {
		name := entryBucket(ent)
		if _, ok := buckets[name]; !ok {
			order = append(order, name)
		}
		buckets[name] = append(buckets[name], ent)
	}
	var out []*ast.ConfigEntry
	for _, name := range order {
		items := buckets[name]
		if name == noNameBucket {
			out = append(out, items...)
			continue
		}
		schemaIdx := -1
		for i, it := range items {
			if _, ok := it.Value.(*ast.SchemaExpr); ok {
				schemaIdx = i
				break
			}
		}
		if schemaIdx < 0 {
			out = append(out, items...)
			continue
		}
		base := items[schemaIdx]
		bsx := base.Value.(*ast.SchemaExpr)
		var before, after, trailing []*ast.ConfigEntry
		for i, it := range items {
			if i == schemaIdx {
				continue
			}
			var sub []*ast.ConfigEntry
			switch v := it.Value.(type) {
			case *ast.SchemaExpr:
				if v.Config != nil {
					sub = v.Config.Entries
				}
			case *ast.ConfigExpr:
				sub = v.Entries
			default:
				if i < schemaIdx {
					out = append(out, it)
				} else {
					trailing = append(trailing, it)
				}
				continue
			}
			if i < schemaIdx {
				before = append(before, sub...)
			} else {
				after = append(after, sub...)
			}
		}
		var own []*ast.ConfigEntry
		if bsx.Config != nil {
			own = bsx.Config.Entries
		}
		all := make([]*ast.ConfigEntry, 0, len(before)+len(own)+len(after))
		all = append(all, before...)
		all = append(all, own...)
		all = append(all, after...)
		nsx := *bsx
		ncfg := &ast.ConfigExpr{Entries: all}
		if bsx.Config != nil {
			ncfg.Lbrace, ncfg.Rbrace = bsx.Config.Lbrace, bsx.Config.Rbrace
		}
		nsx.Config = ncfg
		nent := *base
		nent.Value = &nsx
		out = append(out, &nent)
		out = append(out, trailing...)
	}
	// recursively unify nested configs
	for i, ent := range out {
		switch v := ent.Value.(type) {
		case *ast.SchemaExpr:
			if v.Config != nil {
				nsx := *v
				ncfg := *v.Config
				ncfg.Entries = unifyConfigEntries(v.Config.Entries, depth+1)
				nsx.Config = &ncfg
				nent := *ent
				nent.Value = &nsx
				out[i] = &nent
			}
		case *ast.ConfigExpr:
			ncfg := *v
			ncfg.Entries = unifyConfigEntries(v.Entries, depth+1)
			nent := *ent
			nent.Value = &ncfg
			out[i] = &nent
		}
	}
	return out
}
