package source

import (
	"context"
	"path/filepath"
	"sort"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/workspace"
)

// Diagnostic is one problem in a file, with a byte range.
type Diagnostic struct {
	Path       string
	Start, End int
	Severity   loader.Severity
	// Code is the upstream diagnostic kind ("InvalidSyntax",
	// "CannotFindModule", "UnusedImportWarning", ...).
	Code    string
	Message string
	Related []Related
	// Data is attached to the LSP diagnostic (quick fixes read it back).
	Data any
	// Unnecessary marks unused code (rendered faded).
	Unnecessary bool
}

// Related is a related location of a diagnostic.
type Related struct {
	Path       string
	Start, End int
	Message    string
}

// Diagnostics returns the problems of the file at path: syntax errors,
// load errors of its compile unit that concern it, and the resolver's
// findings.
func Diagnostics(ctx context.Context, snap *workspace.Snapshot, path string) []Diagnostic {
	path = filepath.Clean(path)
	f, err := snap.Parse(path)
	if err != nil {
		return nil
	}
	var out []Diagnostic
	unit := snap.Unit(path)
	if unit == nil || unit.SourceFile(path) == nil {
		// Not loadable (e.g. an unreadable directory): syntax errors only.
		for _, e := range f.Errors {
			out = append(out, syntaxDiagnostic(f, e.Pos, e.End, e.Kind.String(), e.Msg))
		}
		return out
	}
	fset := unit.Program.FileSet
	for _, d := range unit.Program.Diagnostics {
		if d.Severity == loader.Suggestion {
			continue
		}
		var file string
		if d.Pos.IsValid() {
			if tok := fset.File(d.Pos); tok != nil {
				file = tok.Name()
			}
		} else {
			file = filepath.Clean(d.File)
		}
		if file != path {
			continue
		}
		switch d.Kind {
		case loader.CannotFindModule:
			out = append(out, missingModuleDiagnostics(unit, f, d)...)
			continue
		case loader.InvalidSyntax, loader.TabError, loader.IndentationError:
			out = append(out, syntaxDiagnostic(f, d.Pos, d.End, d.Kind.String(), d.Msg))
			continue
		}
		start, end := 0, 0
		if d.Pos.IsValid() {
			start = f.Offset(d.Pos)
			end = start
			if d.End.IsValid() {
				end = f.Offset(d.End)
			}
		}
		out = append(out, Diagnostic{Path: path, Start: start, End: end, Severity: d.Severity, Code: d.Kind.String(), Message: d.Msg})
	}
	if ctx.Err() == nil {
		out = append(out, semanticDiagnostics(ctx, snap, unit, path)...)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// syntaxDiagnostic widens an empty error range to the character at its
// position (a whole line break when it is one), as upstream does.
func syntaxDiagnostic(f *workspace.File, pos, endPos ast.Pos, code, msg string) Diagnostic {
	start := 0
	if pos.IsValid() {
		start = f.Offset(pos)
	}
	end := start
	if endPos.IsValid() {
		end = f.Offset(endPos)
	}
	if end <= start {
		end = widenChar(f.Src, start)
	}
	return Diagnostic{Path: f.Path, Start: start, End: end, Severity: loader.Error, Code: code, Message: msg}
}

// widenChar returns the end of the character at offset (a "\r\n" counts as
// one).
func widenChar(src []byte, offset int) int {
	if offset >= len(src) {
		return offset
	}
	if src[offset] == '\r' && offset+1 < len(src) && src[offset+1] == '\n' {
		return offset + 2
	}
	if src[offset] < 0x80 {
		return offset + 1
	}
	for end := offset + 1; end <= len(src); end++ {
		if end == len(src) || src[end]&0xC0 != 0x80 {
			return end
		}
	}
	return offset + 1
}

// missingModuleDiagnostics pins a missing-package error to the import
// statements that caused it, with upstream's second message naming the
// directory searched.
func missingModuleDiagnostics(unit *workspace.Unit, f *workspace.File, d loader.Diagnostic) []Diagnostic {
	var out []Diagnostic
	for _, stmt := range f.AST.Body {
		imp, ok := stmt.(*ast.ImportStmt)
		if !ok {
			continue
		}
		res := unit.Program.Imports[imp]
		if res == nil || res.Kind != loader.ImportNotFound {
			continue
		}
		if d.Msg != "pkgpath "+res.PkgPath+" not found in the program" && d.Msg != "pkgpath "+imp.Path+" not found in the program" {
			continue
		}
		start, end := f.Offset(imp.Pos()), f.Offset(imp.End())
		out = append(out,
			Diagnostic{Path: f.Path, Start: start, End: end, Severity: loader.Error, Code: d.Kind.String(), Message: d.Msg},
			Diagnostic{Path: f.Path, Start: start, End: end, Severity: loader.Error, Code: d.Kind.String(),
				Message: "Cannot find the module " + imp.Path + " from " + res.Searched},
		)
	}
	if len(out) == 0 {
		start := 0
		if d.Pos.IsValid() {
			start = f.Offset(d.Pos)
		}
		out = append(out, Diagnostic{Path: f.Path, Start: start, End: start, Severity: d.Severity, Code: d.Kind.String(), Message: d.Msg})
	}
	return out
}

// semanticDiagnostics is filled in by the resolver.
var semanticDiagnostics = func(ctx context.Context, snap *workspace.Snapshot, unit *workspace.Unit, path string) []Diagnostic {
	return nil
}
