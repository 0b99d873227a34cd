package source

import (
	"path/filepath"
	"strings"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/workspace"
)

// Link is a document link: a span of the file that points at another
// file.
type Link struct {
	Start, End int
	Target     string // file path
}

// DocumentLinks returns a link for every import of f that resolves to a
// package of .k files: the path text links to the package's first file.
func DocumentLinks(snap *workspace.Snapshot, f *workspace.File) []Link {
	unit := snap.Unit(f.Path)
	if unit == nil || unit.SourceFile(f.Path) == nil {
		return nil
	}
	var out []Link
	for _, s := range f.AST.Body {
		imp, ok := s.(*ast.ImportStmt)
		if !ok {
			continue
		}
		res := unit.Program.Imports[imp]
		if res == nil || res.Kind != loader.ImportPackage {
			continue
		}
		pkg := unit.Program.Packages[res.PkgPath]
		if pkg == nil || len(pkg.Files) == 0 {
			continue
		}
		start := f.Offset(imp.PathPos)
		out = append(out, Link{Start: start, End: start + len(imp.Path), Target: pkg.Files[0].Path})
	}
	return out
}

// Lens is a code lens: a command shown above a line.
type Lens struct {
	Offset  int
	Title   string
	Command string
	Args    []any
}

// CommandRun is the command of the Run lens; its argument is the file's
// path.
const CommandRun = "kclx.run"

// CodeLenses returns a Run lens on entry files: the files listed in the
// module's kcl.mod profile entries or, when it lists none, the package
// files that produce output (a top-level assignment to a public name or a
// bare expression).
func CodeLenses(snap *workspace.Snapshot, f *workspace.File) []Lens {
	if !strings.HasSuffix(f.Path, ".k") || strings.HasSuffix(f.Path, "_test.k") {
		return nil
	}
	entry := false
	unit := snap.Unit(f.Path)
	if unit != nil && unit.Program != nil && unit.Program.Mod != nil && len(unit.Program.Mod.Profile.Entries) > 0 {
		root := unit.Program.Root
		for _, e := range unit.Program.Mod.Profile.Entries {
			e = loader.ExpandModVars(e, root, func(string) string { return "" })
			if !filepath.IsAbs(e) {
				e = filepath.Join(root, e)
			}
			if e = filepath.Clean(e); e == f.Path || e == filepath.Dir(f.Path) {
				entry = true
			}
		}
	} else {
		entry = producesOutput(f.AST)
	}
	if !entry {
		return nil
	}
	return []Lens{{Offset: 0, Title: "Run", Command: CommandRun, Args: []any{f.Path}}}
}

func producesOutput(f *ast.File) bool {
	for _, s := range f.Body {
		switch s := s.(type) {
		case *ast.AssignStmt:
			for _, t := range s.Targets {
				if id, ok := t.(*ast.Ident); ok && !strings.HasPrefix(id.Name, "_") {
					return true
				}
			}
		case *ast.UnificationStmt:
			if id, ok := s.Target.(*ast.Ident); ok && !strings.HasPrefix(id.Name, "_") {
				return true
			}
		case *ast.ExprStmt:
			if s.X != f.Doc {
				if _, isStr := s.X.(*ast.StringLit); !isStr {
					return true
				}
			}
		}
	}
	return false
}
