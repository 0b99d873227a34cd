package loader

import (
	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/syntax"
)

// Reload loads a program again after the content of some of its files
// changed, reusing the package graph and import resolution of prev: it
// returns what Load would return for the same entries and options, or
// nil when it cannot tell and the caller must Load.
//
// prev must have been loaded with opts (same entries, same FS but for
// the changed contents, same Cache). Reload re-reads every file of prev
// through opts.FS; a file whose content changed must keep its import
// statements (the same paths and names, in the same order). It assumes
// that no file, directory or module file (kcl.mod, kcl.mod.lock) was
// created or deleted since, which only the caller can know (an editor
// buffer changed, say); when one was, the caller must Load.
func Reload(prev *Program, opts Options) *Program {
	if prev == nil || prev.Main == nil || opts.FS == nil || opts.Cache == nil || prev.FileSet != opts.Cache.FileSet() {
		return nil
	}
	changed := map[*SourceFile]*SourceFile{}
	for _, pp := range prev.Order {
		pkg := prev.Packages[pp]
		if pkg == nil {
			return nil
		}
		for _, f := range pkg.Files {
			if _, seen := changed[f]; seen {
				continue
			}
			src, err := opts.FS.ReadFile(f.Path)
			if err != nil {
				return nil
			}
			nf := opts.Cache.Parse(f.Path, src)
			if nf == f {
				continue
			}
			if !sameImports(f.AST, nf.AST) {
				return nil
			}
			changed[f] = nf
		}
	}
	if len(changed) == 0 {
		return prev
	}

	// The loader's own diagnostics come first, the syntax errors of every
	// file last (see load): keep the former, moved along with the import
	// statements they are about, and list the latter anew.
	nsyntax := 0
	for _, pp := range prev.Order {
		for _, f := range prev.Packages[pp].Files {
			nsyntax += len(f.Errors)
		}
	}
	if nsyntax > len(prev.Diagnostics) {
		return nil
	}
	np := *prev
	np.Diagnostics = nil
	for _, d := range prev.Diagnostics[:len(prev.Diagnostics)-nsyntax] {
		for old, nf := range changed {
			if !inFile(old, d.Pos) {
				continue
			}
			pos, ok := movePos(old, nf, d.Pos)
			if !ok {
				return nil
			}
			end := d.End
			if end.IsValid() {
				if end, ok = movePos(old, nf, d.End); !ok {
					return nil
				}
			}
			d.Pos, d.End = pos, end
			break
		}
		np.Diagnostics = append(np.Diagnostics, d)
	}

	np.Imports = make(map[*ast.ImportStmt]*Import, len(prev.Imports))
	for k, v := range prev.Imports {
		np.Imports[k] = v
	}
	np.Packages = make(map[string]*Package, len(prev.Packages))
	for pp, pkg := range prev.Packages {
		touched := false
		for _, f := range pkg.Files {
			if changed[f] != nil {
				touched = true
				break
			}
		}
		if !touched {
			np.Packages[pp] = pkg
			continue
		}
		npkg := *pkg
		npkg.Files = make([]*SourceFile, len(pkg.Files))
		for i, f := range pkg.Files {
			npkg.Files[i] = f
			if nf := changed[f]; nf != nil {
				npkg.Files[i] = nf
			}
		}
		npkg.Imports = make([]*Import, len(pkg.Imports))
		for i, imp := range pkg.Imports {
			npkg.Imports[i] = imp
			nf := changed[imp.File]
			if nf == nil {
				continue
			}
			ns := importAt(nf.AST, importIndex(imp.File.AST, imp.Stmt))
			if ns == nil {
				return nil
			}
			ni := *imp
			ni.File, ni.Stmt = nf, ns
			delete(np.Imports, imp.Stmt)
			np.Imports[ns] = &ni
			npkg.Imports[i] = &ni
		}
		np.Packages[pp] = &npkg
	}
	np.Main = np.Packages[MainPkg]
	if np.Main == nil {
		return nil
	}
	for _, pp := range np.Order {
		for _, f := range np.Packages[pp].Files {
			for _, e := range f.Errors {
				np.Diagnostics = append(np.Diagnostics, FromSyntax(e))
			}
		}
	}
	return &np
}

// fileImports returns the import statements of a file, in order.
func fileImports(f *ast.File) []*ast.ImportStmt {
	var out []*ast.ImportStmt
	for _, st := range f.Body {
		if is, ok := st.(*ast.ImportStmt); ok {
			out = append(out, is)
		}
	}
	return out
}

// sameImports reports whether two parses import the same packages under
// the same names, in the same order.
func sameImports(a, b *ast.File) bool {
	ia, ib := fileImports(a), fileImports(b)
	if len(ia) != len(ib) {
		return false
	}
	for i := range ia {
		if ia[i].Path != ib[i].Path || ia[i].Name() != ib[i].Name() || (ia[i].Alias == nil) != (ib[i].Alias == nil) {
			return false
		}
	}
	return true
}

// importIndex returns the index of is among the imports of f, or -1.
func importIndex(f *ast.File, is *ast.ImportStmt) int {
	for i, x := range fileImports(f) {
		if x == is {
			return i
		}
	}
	return -1
}

// importAt returns the i-th import statement of f, or nil.
func importAt(f *ast.File, i int) *ast.ImportStmt {
	imps := fileImports(f)
	if i < 0 || i >= len(imps) {
		return nil
	}
	return imps[i]
}

// inFile reports whether p lies in the file f.
func inFile(f *SourceFile, p syntax.Pos) bool {
	return p.IsValid() && f.AST != nil && f.AST.FileStart <= p && p <= f.AST.FileEnd
}

// movePos maps a position of the loader's diagnostics in old (the start
// of the file, or a place in an import statement) to the same place in
// nf, whose import statements are the same.
func movePos(old, nf *SourceFile, p syntax.Pos) (syntax.Pos, bool) {
	if p == old.AST.FileStart {
		return nf.AST.FileStart, true
	}
	oi, ni := fileImports(old.AST), fileImports(nf.AST)
	for i, is := range oi {
		switch {
		case p == is.Pos():
			return ni[i].Pos(), true
		case p == is.End():
			return ni[i].End(), true
		case is.Pos() < p && p < is.End():
			if q := ni[i].Pos() + (p - is.Pos()); q < ni[i].End() {
				return q, true
			}
			return ni[i].Pos(), true
		}
	}
	return syntax.NoPos, false
}
