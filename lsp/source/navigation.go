package source

import (
	"bytes"
	"context"
	"sort"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/sema"
	"github.com/kclx-dev/kclx/kcl/types"
	"github.com/kclx-dev/kclx/kcl/workspace"
)

// Definition returns where the name at offset is declared. For an import
// path, or a name bound by an import, it is every file of the package.
func Definition(ctx context.Context, snap *workspace.Snapshot, path string, offset int) []Location {
	v := analyze(snap, path)
	if v == nil {
		return nil
	}
	id, o := v.identAt(offset)
	if imp := v.importAt(offset); imp != nil && (id == nil || o == nil || o.Kind == sema.ObjModule) {
		if res := v.unit.Program.Imports[imp]; res != nil && res.Kind == loader.ImportPackage {
			return v.packageFiles(res.PkgPath)
		}
		return nil
	}
	if o == nil {
		return nil
	}
	if o.Kind == sema.ObjModule {
		return v.packageFiles(moduleOf(o))
	}
	if loc, ok := v.declaration(o); ok {
		return []Location{loc}
	}
	return nil
}

// TypeDefinition returns the declarations of the schemas in the type of
// the name at offset.
func TypeDefinition(ctx context.Context, snap *workspace.Snapshot, path string, offset int) []Location {
	v := analyze(snap, path)
	if v == nil {
		return nil
	}
	id, o := v.identAt(offset)
	if id == nil {
		return nil
	}
	t := v.info.TypeOf(id)
	if o != nil && o.Type != nil {
		t = o.Type
	}
	var out []Location
	seen := map[*types.Schema]bool{}
	var collect func(t *types.Type, depth int)
	collect = func(t *types.Type, depth int) {
		if t == nil || depth > 16 {
			return
		}
		switch t.Kind {
		case types.KList:
			collect(t.ListElem(), depth+1)
		case types.KDict:
			collect(t.DictVal(), depth+1)
		case types.KUnion:
			for _, m := range t.Types {
				collect(m, depth+1)
			}
		case types.KSchema:
			if s := t.Schema; s != nil && !seen[s] {
				seen[s] = true
				if loc, ok := v.location(s.Pos, s.End); ok {
					out = append(out, loc)
				}
			}
		}
	}
	collect(t, 0)
	return out
}

// target is what references, highlights and rename look for: the
// declaration of an object (its declaring name's location).
type target struct {
	name string
	decl Location
	obj  *sema.Object // for objects without declaration (builtins)
}

// targetAt returns the target under offset, with the identifier there.
func (v *view) targetAt(offset int) (*ast.Ident, target, bool) {
	id, o := v.identAt(offset)
	if id == nil || o == nil || o.Kind == sema.ObjModule {
		return nil, target{}, false
	}
	t := target{name: o.Name, obj: o}
	if loc, ok := v.declaration(o); ok {
		t.decl = loc
	}
	return id, t, true
}

// matches reports whether o is the target.
func (t target) matches(v *view, o *sema.Object) bool {
	if o == nil || o.Name != t.name {
		return false
	}
	if t.decl.Path == "" {
		return o == t.obj
	}
	loc, ok := v.declaration(o)
	return ok && loc == t.decl
}

// occurrences returns the identifiers of v's file that denote the
// target.
func (v *view) occurrences(t target, includeDecl bool) []*ast.Ident {
	var out []*ast.Ident
	ast.Inspect(v.file.AST, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || id.Name != t.name {
			return n != nil
		}
		if o, isDef := v.info.Defs[id]; isDef && !includeDecl && (o == nil || o.Pos == id.Pos()) {
			return true
		}
		if t.matches(v, v.objectOf(id)) {
			out = append(out, id)
		}
		return true
	})
	return out
}

// References returns the occurrences of the name at offset in every
// compile unit that may see it: the file's own, the units already loaded
// and those of workspace files that mention the name.
func References(ctx context.Context, snap *workspace.Snapshot, path string, offset int, includeDecl bool) []Location {
	v := analyze(snap, path)
	if v == nil {
		return nil
	}
	_, t, ok := v.targetAt(offset)
	if !ok || t.decl.Path == "" {
		return nil
	}
	// Dependencies (the package cache) are searched only for names they
	// declare.
	searchExternal := true
	if pkg := packageOf(v.unit.Program, t.decl.Path); pkg != nil && !pkg.External {
		searchExternal = false
	}
	seen := map[Location]bool{}
	scanned := map[string]bool{}
	var out []Location
	for _, unit := range candidateUnits(ctx, snap, path, t.name) {
		if ctx.Err() != nil {
			break
		}
		res := unit.Check()
		for _, pkg := range unit.Program.Packages {
			info := res.Infos[pkg.PkgPath]
			if info == nil || pkg.External && !searchExternal {
				continue
			}
			for _, sf := range pkg.Files {
				if scanned[sf.Path] || !bytes.Contains(sf.Src, []byte(t.name)) {
					continue
				}
				scanned[sf.Path] = true
				f := unit.File(sf.Path)
				if f == nil {
					continue
				}
				uv := &view{snap: snap, unit: unit, res: res, info: info, file: f}
				for _, id := range uv.occurrences(t, includeDecl) {
					s, e := nodeOffsets(f, id)
					loc := Location{Path: sf.Path, Start: s, End: e}
					if !seen[loc] {
						seen[loc] = true
						out = append(out, loc)
					}
				}
			}
		}
	}
	if includeDecl && !seen[t.decl] {
		out = append(out, t.decl)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Start < out[j].Start
	})
	return out
}

// maxReferenceScan bounds the workspace files read to find units that
// mention a name.
const maxReferenceScan = 5000

// candidateUnits returns the compile units to search for references.
func candidateUnits(ctx context.Context, snap *workspace.Snapshot, path, name string) []*workspace.Unit {
	seen := map[string]bool{}
	var out []*workspace.Unit
	add := func(u *workspace.Unit) {
		if u != nil && u.Program != nil && !seen[u.Key] {
			seen[u.Key] = true
			out = append(out, u)
		}
	}
	add(snap.Unit(path))
	for _, u := range snap.LoadedUnits() {
		add(u)
	}
	for _, o := range snap.Overlays() {
		add(snap.Unit(o.Path))
	}
	n := 0
	snap.Walk(func(p string) bool {
		n++
		if ctx.Err() != nil || n > maxReferenceScan {
			return false
		}
		key, _ := workspace.UnitKey(p)
		if seen[key] {
			return true
		}
		src, err := snap.ReadFile(p)
		if err == nil && bytes.Contains(src, []byte(name)) {
			add(snap.Unit(p))
		}
		return true
	})
	return out
}

// Highlights returns the occurrences of the name at offset in its file.
func Highlights(ctx context.Context, snap *workspace.Snapshot, path string, offset int) []Location {
	v := analyze(snap, path)
	if v == nil {
		return nil
	}
	_, t, ok := v.targetAt(offset)
	if !ok {
		return nil
	}
	var out []Location
	for _, id := range v.occurrences(t, true) {
		s, e := v.span(id)
		out = append(out, Location{Path: v.file.Path, Start: s, End: e})
	}
	return out
}

// PrepareRename reports the range of the renamable name at offset; ok is
// false for builtins, imports, keywords and positions on no name.
func PrepareRename(ctx context.Context, snap *workspace.Snapshot, path string, offset int) (loc Location, placeholder string, ok bool) {
	v := analyze(snap, path)
	if v == nil {
		return Location{}, "", false
	}
	id, t, ok := v.targetAt(offset)
	if !ok || t.decl.Path == "" {
		return Location{}, "", false
	}
	s, e := v.span(id)
	return Location{Path: path, Start: s, End: e}, id.Name, true
}

// Rename returns the edits that rename the name at offset everywhere,
// grouped by file; ok is false when there is nothing to rename there.
func Rename(ctx context.Context, snap *workspace.Snapshot, path string, offset int, newName string) (map[string][]Edit, bool) {
	if _, _, ok := PrepareRename(ctx, snap, path, offset); !ok {
		return nil, false
	}
	edits := map[string][]Edit{}
	for _, loc := range References(ctx, snap, path, offset, true) {
		edits[loc.Path] = append(edits[loc.Path], Edit{Start: loc.Start, End: loc.End, New: newName})
	}
	return edits, true
}
