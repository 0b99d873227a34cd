package source

import (
	"bytes"
	"context"
	"path/filepath"
	"sort"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/syntax"
	"github.com/kclx-dev/kclx/kcl/workspace"
)

// Location is a byte range of a file.
type Location struct {
	Path       string
	Start, End int
}

// resolved is the resolution of one file, with the model lock held until
// release is called.
type resolved struct {
	m   *Model
	res *fileResult
	f   *workspace.File
}

// resolve locks the model of path's unit and resolves the file. It
// returns nil when the file cannot be analysed.
func resolve(snap *workspace.Snapshot, path string) *resolved {
	path = filepath.Clean(path)
	m := ModelFor(snap, path)
	if m == nil {
		return nil
	}
	f := m.unit.File(path)
	if f == nil {
		return nil
	}
	m.mu.Lock()
	res := m.resolveFile(path)
	if res == nil {
		m.mu.Unlock()
		return nil
	}
	return &resolved{m: m, res: res, f: f}
}

func (r *resolved) release() { r.m.mu.Unlock() }

// refAt returns the reference under offset (an identifier containing it
// or ending at it).
func (r *resolved) refAt(offset int) *ref {
	p := r.f.Pos(offset)
	refs := r.res.refs
	i := sort.Search(len(refs), func(i int) bool { return refs[i].end >= p })
	var best *ref
	for ; i < len(refs) && refs[i].pos <= p; i++ {
		if refs[i].end >= p {
			if best == nil || refs[i].pos == p || (best.end == p && refs[i].end > p) {
				best = &refs[i]
			}
		}
	}
	return best
}

// location returns the location of an object's declaring name.
func (m *Model) location(o *Object) (Location, bool) {
	if o == nil || !o.HasDecl() {
		return Location{}, false
	}
	tok := m.prog.FileSet.File(o.NamePos)
	if tok == nil {
		return Location{}, false
	}
	return Location{Path: tok.Name(), Start: tok.Offset(o.NamePos), End: tok.Offset(o.NameEnd)}, true
}

// importAt returns the import statement whose path covers offset.
func importAt(f *workspace.File, offset int) *ast.ImportStmt {
	p := f.Pos(offset)
	for _, s := range f.AST.Body {
		if imp, ok := s.(*ast.ImportStmt); ok && imp.Pos() <= p && p <= imp.PathPos+syntax.Pos(len(imp.Path)) {
			return imp
		}
	}
	return nil
}

// packageFiles returns the start of every file of an imported package.
func (m *Model) packageFiles(imp *loader.Import) []Location {
	if imp == nil || imp.Kind != loader.ImportPackage {
		return nil
	}
	pkg := m.prog.Packages[imp.PkgPath]
	if pkg == nil {
		return nil
	}
	var out []Location
	for _, sf := range pkg.Files {
		out = append(out, Location{Path: sf.Path})
	}
	return out
}

// Definition returns where the name at offset is declared. For an import
// path (or a name bound by an import) it is every file of the package.
func Definition(ctx context.Context, snap *workspace.Snapshot, path string, offset int) []Location {
	r := resolve(snap, path)
	if r == nil {
		return nil
	}
	defer r.release()
	if imp := importAt(r.f, offset); imp != nil {
		if ref := r.refAt(offset); ref == nil || ref.obj.Kind == objImport {
			return r.m.packageFiles(r.m.prog.Imports[imp])
		}
	}
	ref := r.refAt(offset)
	if ref == nil {
		return nil
	}
	o := ref.obj
	if o.Kind == objImport {
		return r.m.packageFiles(o.imp)
	}
	if loc, ok := r.m.location(o); ok {
		return []Location{loc}
	}
	return nil
}

// TypeDefinition returns the declaration of the schema that is the type
// of the name at offset.
func TypeDefinition(ctx context.Context, snap *workspace.Snapshot, path string, offset int) []Location {
	r := resolve(snap, path)
	if r == nil {
		return nil
	}
	defer r.release()
	ref := r.refAt(offset)
	if ref == nil {
		return nil
	}
	t := r.m.typeOf(ref.obj)
	var out []Location
	seen := map[*schemaInfo]bool{}
	var collect func(t Type)
	collect = func(t Type) {
		switch t := t.(type) {
		case *listType:
			collect(t.elem)
		case *dictType:
			collect(t.val)
		case *unionType:
			for _, x := range t.types {
				collect(x)
			}
		case *schemaType:
			if t.info != nil && !seen[t.info] {
				seen[t.info] = true
				if loc, ok := r.m.location(t.info.obj); ok {
					out = append(out, loc)
				}
			}
		}
	}
	collect(t)
	return out
}

// objectKey identifies a declaration across models of different units.
type objectKey struct {
	file   string
	offset int
	name   string
}

func (m *Model) keyOf(o *Object) (objectKey, bool) {
	loc, ok := m.location(o)
	if !ok {
		return objectKey{}, false
	}
	return objectKey{file: loc.Path, offset: loc.Start, name: o.Name}, true
}

// References returns the occurrences of the name at offset in every
// compile unit that may see it: the file's own, the units already loaded
// and those of workspace files that mention the name.
func References(ctx context.Context, snap *workspace.Snapshot, path string, offset int, includeDecl bool) []Location {
	r := resolve(snap, path)
	if r == nil {
		return nil
	}
	ref := r.refAt(offset)
	if ref == nil {
		r.release()
		return nil
	}
	key, ok := r.m.keyOf(ref.obj)
	r.release()
	if !ok {
		return nil
	}
	seen := map[Location]bool{}
	var out []Location
	for _, unit := range candidateUnits(ctx, snap, path, key.name) {
		if ctx.Err() != nil {
			break
		}
		m := modelOf(unit)
		m.mu.Lock()
		for _, file := range unit.Files() {
			sf := unit.SourceFile(file)
			if sf == nil || !bytes.Contains(sf.Src, []byte(key.name)) {
				continue
			}
			res := m.resolveFile(file)
			if res == nil {
				continue
			}
			tok := m.prog.FileSet.File(sf.AST.FileStart)
			for _, rf := range res.refs {
				if rf.obj.Name != key.name {
					continue
				}
				k, ok := m.keyOf(rf.obj)
				if !ok || k != key {
					continue
				}
				if rf.def && !includeDecl {
					continue
				}
				loc := Location{Path: file, Start: tok.Offset(rf.pos), End: tok.Offset(rf.end)}
				if !seen[loc] {
					seen[loc] = true
					out = append(out, loc)
				}
			}
		}
		m.mu.Unlock()
	}
	if includeDecl {
		loc := Location{Path: key.file, Start: key.offset, End: key.offset + len(key.name)}
		if !seen[loc] {
			out = append(out, loc)
		}
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
	r := resolve(snap, path)
	if r == nil {
		return nil
	}
	defer r.release()
	ref := r.refAt(offset)
	if ref == nil {
		return nil
	}
	var out []Location
	for _, rf := range r.res.refs {
		if rf.obj == ref.obj {
			out = append(out, Location{Path: path, Start: r.f.Offset(rf.pos), End: r.f.Offset(rf.end)})
		}
	}
	return out
}

// PrepareRename reports the range of the renamable name at offset; ok is
// false for builtins, keywords and positions on no name.
func PrepareRename(ctx context.Context, snap *workspace.Snapshot, path string, offset int) (loc Location, placeholder string, ok bool) {
	r := resolve(snap, path)
	if r == nil {
		return Location{}, "", false
	}
	defer r.release()
	ref := r.refAt(offset)
	if ref == nil || !ref.obj.HasDecl() {
		return Location{}, "", false
	}
	return Location{Path: path, Start: r.f.Offset(ref.pos), End: r.f.Offset(ref.end)}, ref.obj.Name, true
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
