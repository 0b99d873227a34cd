package source

import (
	"path/filepath"
	"strconv"
	"strings"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/sema"
	"github.com/kclx-dev/kclx/kcl/syntax"
	"github.com/kclx-dev/kclx/kcl/types"
	"github.com/kclx-dev/kclx/kcl/workspace"
)

// The semantic features answer from the type checker's results
// (kcl/sema): a file is analysed together with its compile unit
// (workspace.Unit), whose check is computed once and shared by every
// request on the unit, in this snapshot and in later ones that the edit
// did not touch.

// Location is a byte range of a file.
type Location struct {
	Path       string
	Start, End int
}

// view is a file of a checked compile unit: what a feature needs to
// answer a question about a position in it.
type view struct {
	snap *workspace.Snapshot
	unit *workspace.Unit
	res  *sema.Result
	info *sema.Info // the file's package
	file *workspace.File
	idx  *fileIndex // built on first use
}

// fileIndex maps the names of a file to the syntax around them that the
// features ask about, built by one walk of the file.
type fileIndex struct {
	sel  map[*ast.Ident]*ast.SelectorExpr // a selector's name → the selector
	keys map[*ast.Ident]ast.Node          // the first name of a config key → the literal (or if/else branch) holding it
}

// index returns the file's index.
func (v *view) index() *fileIndex {
	if v.idx != nil {
		return v.idx
	}
	idx := &fileIndex{sel: map[*ast.Ident]*ast.SelectorExpr{}, keys: map[*ast.Ident]ast.Node{}}
	entries := func(container ast.Node, list []*ast.ConfigEntry) {
		for _, e := range list {
			if e != nil {
				if id := keyRoot(e.Key); id != nil {
					idx.keys[id] = container
				}
			}
		}
	}
	ast.Inspect(v.file.AST, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if n.Sel != nil {
				idx.sel[n.Sel] = n
			}
		case *ast.ConfigExpr:
			entries(n, n.Entries)
		case *ast.ConfigIfEntry:
			entries(n, n.Entries)
		case *ast.ConfigElse:
			entries(n, n.Entries)
		}
		return n != nil
	})
	v.idx = idx
	return idx
}

// containerEntries returns the entries of a config literal or branch.
func containerEntries(n ast.Node) []*ast.ConfigEntry {
	switch c := n.(type) {
	case *ast.ConfigExpr:
		return c.Entries
	case *ast.ConfigIfEntry:
		return c.Entries
	case *ast.ConfigElse:
		return c.Entries
	}
	return nil
}

// analyze returns the view of the file at path, or nil when the file
// cannot be analysed (unreadable, or not part of its unit).
func analyze(snap *workspace.Snapshot, path string) *view {
	path = filepath.Clean(path)
	unit := snap.Unit(path)
	if unit == nil || unit.Program == nil {
		return nil
	}
	f := unit.File(path)
	if f == nil || f.Tok == nil {
		return nil
	}
	pkg := packageOf(unit.Program, path)
	if pkg == nil {
		return nil
	}
	res := unit.Check()
	info := res.Infos[pkg.PkgPath]
	if info == nil {
		return nil
	}
	return &view{snap: snap, unit: unit, res: res, info: info, file: f}
}

// packageOf returns the package of prog holding the file at path.
func packageOf(prog *loader.Program, path string) *loader.Package {
	if prog.Main != nil {
		for _, f := range prog.Main.Files {
			if f.Path == path {
				return prog.Main
			}
		}
	}
	for _, pkg := range prog.Packages {
		for _, f := range pkg.Files {
			if f.Path == path {
				return pkg
			}
		}
	}
	return nil
}

// pos returns the Pos of a byte offset of the file.
func (v *view) pos(offset int) syntax.Pos { return v.file.Pos(offset) }

// offset returns the byte offset of p in the file.
func (v *view) offset(p syntax.Pos) int { return v.file.Offset(p) }

// span returns the byte range of a node of the file.
func (v *view) span(n ast.Node) (int, int) { return nodeOffsets(v.file, n) }

// src returns the source text of a node of the file.
func (v *view) src(n ast.Node) string {
	if n == nil {
		return ""
	}
	s, e := v.span(n)
	return string(v.file.Src[s:e])
}

// identAt returns the identifier at offset and the object it denotes.
func (v *view) identAt(offset int) (*ast.Ident, *sema.Object) {
	id := sema.IdentAt(v.file.AST, v.pos(offset))
	if id == nil {
		return nil, nil
	}
	return id, v.objectOf(id)
}

// objectOf returns the object an identifier of the file denotes. A key
// of a config literal whose type the checker left open (a union of
// schemas, an argument) denotes the attribute of the schema that the
// literal's keys select.
func (v *view) objectOf(id *ast.Ident) *sema.Object {
	o := v.info.ObjectOf(id)
	if o == nil {
		// A module's name alone (the checker reports it undefined).
		for _, b := range v.info.FileImports(v.file.Path) {
			if b.Name == id.Name {
				return b.Object
			}
		}
		// A decorator the parser could not attach (being typed).
		if t := types.Decorators().M[id.Name]; t != nil {
			if off := v.offset(id.Pos()); off > 0 && v.file.Src[off-1] == '@' {
				return &sema.Object{Name: id.Name, Kind: sema.ObjBuiltin, Type: t}
			}
		}
	}
	if o == nil || o.Kind == sema.ObjAttr && o.Attr == nil && o.Node == nil && o.Pos == id.Pos() {
		if a := v.configKeyAttr(id); a != nil {
			return &sema.Object{Name: a.Name, Kind: sema.ObjAttr, Type: a.Type, Pos: a.Pos, End: a.End, Doc: a.Doc, Attr: a}
		}
	}
	return o
}

// configKeyAttr returns the schema attribute a config key names, found
// through the type the config's context expects.
func (v *view) configKeyAttr(id *ast.Ident) *types.Attr {
	container, ok := v.index().keys[id]
	if !ok {
		return nil
	}
	for _, s := range v.configSchemas(container, containerEntries(container)) {
		if a := attrOf(s, id.Name); a != nil {
			return a
		}
	}
	return nil
}

// keyValueType returns the type the context expects for the value of a
// config entry whose key is id (nil when unknown).
func (v *view) keyValueType(id *ast.Ident) *types.Type {
	container, ok := v.index().keys[id]
	if !ok {
		return nil
	}
	return sema.KeyType(v.info.ExpectedType(container), id.Name)
}

// keyRoot returns the first name of a config key (a in a.b.c).
func keyRoot(key ast.Expr) *ast.Ident {
	for d := 0; d < 1000; d++ {
		switch k := key.(type) {
		case *ast.Ident:
			return k
		case *ast.SelectorExpr:
			key = k.X
		default:
			return nil
		}
	}
	return nil
}

// configSchemas returns the schemas a config literal (or an if/else
// branch of one) instantiates, according to the type its context
// expects: the first schema of a union that accepts every key the
// literal sets, else all of them.
func (v *view) configSchemas(node ast.Node, entries []*ast.ConfigEntry) []*types.Schema {
	schemas := schemasOf(v.info.ExpectedType(node))
	if len(schemas) <= 1 {
		return schemas
	}
	keys := configKeys(entries)
	for _, s := range schemas {
		if accepts(s, keys) {
			return []*types.Schema{s}
		}
	}
	return schemas
}

// location returns where a position range of the unit's program lies.
func (v *view) location(pos, end syntax.Pos) (Location, bool) {
	if !pos.IsValid() {
		return Location{}, false
	}
	tok := v.unit.Program.FileSet.File(pos)
	if tok == nil {
		return Location{}, false
	}
	loc := Location{Path: tok.Name(), Start: tok.Offset(pos), End: tok.Offset(pos)}
	if end.IsValid() && tok.Contains(end) && end >= pos {
		loc.End = tok.Offset(end)
	}
	return loc, true
}

// declaration returns the location of an object's declaring name.
func (v *view) declaration(o *sema.Object) (Location, bool) {
	if o == nil {
		return Location{}, false
	}
	return v.location(o.Pos, o.End)
}

// packageFiles returns the start of every file of a package.
func (v *view) packageFiles(pkgpath string) []Location {
	pkg := v.unit.Program.Packages[pkgpath]
	if pkg == nil {
		return nil
	}
	var out []Location
	for _, sf := range pkg.Files {
		out = append(out, Location{Path: sf.Path})
	}
	return out
}

// importAt returns the import statement whose path holds offset.
func (v *view) importAt(offset int) *ast.ImportStmt {
	p := v.pos(offset)
	for _, s := range v.file.AST.Body {
		if imp, ok := s.(*ast.ImportStmt); ok && imp.Pos() <= p && p <= imp.PathPos+syntax.Pos(len(imp.Path)) {
			return imp
		}
	}
	return nil
}

// moduleOf returns the package path of a module object.
func moduleOf(o *sema.Object) string {
	if o != nil && o.Type.IsModule() {
		return o.Type.Module.PkgPath
	}
	return ""
}

// ----------------------------------------------------------------------------
// Types as the editor shows them

// typeStr renders a type for hovers, hints and completion details: as
// the checker prints it, except that literal types are written as the
// literals of a type annotation ("A" | "B", 1 | 2, True).
func typeStr(t *types.Type) string {
	var b strings.Builder
	writeType(&b, t, 0)
	return b.String()
}

func writeType(b *strings.Builder, t *types.Type, depth int) {
	if t == nil {
		b.WriteString("any")
		return
	}
	if depth > 32 {
		b.WriteString("...")
		return
	}
	switch t.Kind {
	case types.KBoolLit:
		if t.BoolVal {
			b.WriteString("True")
		} else {
			b.WriteString("False")
		}
	case types.KIntLit:
		b.WriteString(strconv.FormatInt(t.IntVal, 10))
	case types.KFloatLit:
		b.WriteString(types.FormatFloat(t.FloatVal))
	case types.KStrLit:
		b.WriteString(strconv.Quote(t.StrVal))
	case types.KList:
		b.WriteByte('[')
		writeType(b, t.ListElem(), depth+1)
		b.WriteByte(']')
	case types.KDict:
		b.WriteByte('{')
		writeType(b, t.DictKey(), depth+1)
		b.WriteByte(':')
		writeType(b, t.DictVal(), depth+1)
		b.WriteByte('}')
	case types.KUnion:
		for i, m := range t.Types {
			if i > 0 {
				b.WriteString(" | ")
			}
			writeType(b, m, depth+1)
		}
	case types.KFunc:
		b.WriteByte('(')
		for i, p := range t.Func.Params {
			if i > 0 {
				b.WriteString(", ")
			}
			writeType(b, p.Type, depth+1)
		}
		b.WriteString(") -> ")
		writeType(b, t.Func.Ret, depth+1)
	case types.KModule:
		b.WriteString("module " + t.Module.PkgPath)
	default:
		b.WriteString(t.String())
	}
}

// schemasOf returns the schemas a type allows: the schema of a schema
// type, the schemas of a union's members.
func schemasOf(t *types.Type) []*types.Schema {
	var out []*types.Schema
	var walk func(t *types.Type, depth int)
	walk = func(t *types.Type, depth int) {
		if t == nil || depth > 16 {
			return
		}
		switch t.Kind {
		case types.KSchema:
			out = append(out, t.Schema)
		case types.KUnion:
			for _, m := range t.Types {
				walk(m, depth+1)
			}
		}
	}
	walk(t, 0)
	return out
}

// schemaAttrs returns every attribute of s: its own and mixed-in ones
// first, then those of its bases and protocol not overridden, in order.
func schemaAttrs(s *types.Schema) []*types.Attr {
	var out []*types.Attr
	seen := map[string]bool{}
	visited := map[*types.Schema]bool{}
	var walk func(x *types.Schema, depth int)
	walk = func(x *types.Schema, depth int) {
		if x == nil || visited[x] || depth > 64 {
			return
		}
		visited[x] = true
		for _, n := range x.Attrs.Names() {
			if a := x.Attrs.Get(n); a != nil && !seen[n] {
				seen[n] = true
				out = append(out, a)
			}
		}
		for _, m := range x.Mixins {
			walk(m, depth+1)
		}
		walk(x.Base, depth+1)
		walk(x.Protocol, depth+1)
	}
	walk(s, 0)
	return out
}

// attrOf looks an attribute up in s, its mixins, bases and protocol.
func attrOf(s *types.Schema, name string) *types.Attr {
	for _, a := range schemaAttrs(s) {
		if a.Name == name {
			return a
		}
	}
	return nil
}

// indexSignatureOf returns the index signature of s or a base.
func indexSignatureOf(s *types.Schema) *types.IndexSignature {
	for x, d := s, 0; x != nil && d < 64; x, d = x.Base, d+1 {
		if x.Index != nil {
			return x.Index
		}
	}
	return nil
}

// schemaKeyword is the keyword that declares s.
func schemaKeyword(s *types.Schema) string {
	switch {
	case s.IsRule:
		return "rule"
	case s.IsProtocol:
		return "protocol"
	}
	if st, ok := s.Node.(*ast.SchemaStmt); ok && st.Kind == syntax.MIXIN {
		return "mixin"
	}
	return "schema"
}

// schemaHeader renders "schema Name[p: T](Base):".
func schemaHeader(s *types.Schema) string {
	var b strings.Builder
	b.WriteString(schemaKeyword(s) + " " + s.Name)
	if len(s.Params) > 0 {
		ps := make([]string, len(s.Params))
		for i, p := range s.Params {
			ps[i] = p.Name + ": " + typeStr(p.Type)
		}
		b.WriteString("[" + strings.Join(ps, ", ") + "]")
	}
	if s.Base != nil {
		b.WriteString("(" + s.Base.Name + ")")
	}
	b.WriteString(":")
	return b.String()
}

// declared reports whether an attribute is declared as one (name: T)
// rather than set by an assignment in a schema body.
func declared(a *types.Attr) bool {
	_, ok := a.Node.(*ast.SchemaAttr)
	return ok
}

// funcSignature renders "function name(p: T, ...) -> R"; variadic
// parameters (*args, **kwargs) are left out.
func funcSignature(name string, f *types.Func) string {
	return "function " + name + "(" + strings.Join(paramLabels(f), ", ") + ") -> " + typeStr(f.Ret)
}

// paramLabels renders the positional parameters of f as "p: T" (the
// type alone for the unnamed parameters of a function type).
func paramLabels(f *types.Func) []string {
	var out []string
	for _, p := range positionalParams(f) {
		if p.Name == "" {
			out = append(out, typeStr(p.Type))
		} else {
			out = append(out, p.Name+": "+typeStr(p.Type))
		}
	}
	return out
}

// namedParams returns the parameters of f that take a positional
// argument and have a name.
func namedParams(f *types.Func) []types.Param {
	var out []types.Param
	for _, p := range positionalParams(f) {
		if p.Name != "" {
			out = append(out, p)
		}
	}
	return out
}

// positionalParams returns the parameters of f that take a positional
// argument (not *args, **kwargs or the keyword-only ones after *args).
func positionalParams(f *types.Func) []types.Param {
	var out []types.Param
	for i, p := range f.Params {
		if strings.HasPrefix(p.Name, "*") {
			continue
		}
		if f.KwOnlyIndex >= 0 && i >= f.KwOnlyIndex {
			break
		}
		out = append(out, p)
	}
	return out
}

// schemaFunc is the signature of a schema's instantiation.
func schemaFunc(s *types.Schema) *types.Func {
	return &types.Func{Params: s.Params, Ret: types.SchemaOf(s, true), KwOnlyIndex: -1}
}
