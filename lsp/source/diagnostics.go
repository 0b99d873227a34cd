package source

import (
	"context"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/sema"
	"github.com/kclx-dev/kclx/kcl/syntax"
	"github.com/kclx-dev/kclx/kcl/workspace"
	"github.com/kclx-dev/kclx/linter"
)

// Severity of a diagnostic (values are LSP's DiagnosticSeverity).
type Severity int

// Diagnostic severities.
const (
	SevError   Severity = 1
	SevWarning Severity = 2
	SevInfo    Severity = 3
	SevHint    Severity = 4
)

// Diagnostic is one problem in a file, with a byte range.
type Diagnostic struct {
	Path       string
	Start, End int
	Severity   Severity
	// Code is the upstream diagnostic kind ("InvalidSyntax",
	// "CannotFindModule", "UnusedImportWarning", ...) or, for kclx's own
	// lint rules, the rule id ("unused-variable").
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

// Diagnostics returns the problems of the file at path, exactly those
// `kclx lint` reports for it: syntax and load errors, the type checker's
// errors and the lint rules' findings (configured by the [lint] table of
// kcl.mod). They are computed once per compile unit and file.
func Diagnostics(ctx context.Context, snap *workspace.Snapshot, path string) []Diagnostic {
	path = filepath.Clean(path)
	f, err := snap.Parse(path)
	if err != nil {
		return nil
	}
	unit := snap.Unit(path)
	if unit == nil || unit.Program == nil || unit.SourceFile(path) == nil {
		// Not loadable (e.g. an unreadable directory): syntax errors only.
		var out []Diagnostic
		for _, e := range f.Errors {
			out = append(out, syntaxDiagnostic(f, e.Pos, e.End, loader.InvalidSyntax.String(), e.Msg))
		}
		return out
	}
	type diagKey struct{ path string }
	return unit.Memo(diagKey{path}, func() any { return fileDiagnostics(unit, path) }).([]Diagnostic)
}

// fileDiagnostics computes the diagnostics of one file of a unit.
func fileDiagnostics(unit *workspace.Unit, path string) []Diagnostic {
	f := unit.File(path)
	res := unit.Check()
	fset := unit.Program.FileSet
	fileOf := func(pos syntax.Pos, name string) string {
		if pos.IsValid() {
			if tok := fset.File(pos); tok != nil {
				return tok.Name()
			}
			return ""
		}
		return filepath.Clean(name)
	}
	out := []Diagnostic{}
	for _, d := range res.Diagnostics {
		if d.Severity == loader.Suggestion {
			continue
		}
		if fileOf(d.Pos, d.File) != path {
			// Another file's error may still point here.
			for _, r := range d.Related {
				if fileOf(r.Pos, "") == path {
					out = append(out, relatedDiagnostic(unit, f, d, r))
				}
			}
			continue
		}
		switch d.Kind {
		case loader.CannotFindModule:
			if d.Code == "package-not-found" {
				out = append(out, missingModuleDiagnostics(unit, f, d)...)
				continue
			}
		case loader.InvalidSyntax, loader.TabError, loader.IndentationError:
			out = append(out, syntaxDiagnostic(f, d.Pos, d.End, d.Kind.String(), d.Msg))
			continue
		}
		diag := rangeDiagnostic(f, d.Pos, d.End)
		diag.Severity = severityOf(d.Severity)
		diag.Code = d.Kind.String()
		diag.Message = d.Msg
		if s := suggestionsOf(d.Msg); len(s) > 0 && d.Kind == loader.CompileError {
			diag.Data = map[string]any{"suggested_replacement": s}
		}
		for _, r := range d.Related {
			if loc, ok := relatedLocation(unit, r.Pos, r.End); ok {
				diag.Related = append(diag.Related, Related{Path: loc.Path, Start: loc.Start, End: loc.End, Message: r.Msg})
			}
		}
		out = append(out, diag)
		for _, r := range d.Related {
			if fileOf(r.Pos, "") == path {
				out = append(out, relatedDiagnostic(unit, f, d, r))
			}
		}
	}
	out = append(out, lintDiagnostics(unit, f)...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// relatedDiagnostic is the diagnostic shown at a place an error refers
// to (the first declaration of a variable assigned again): its message,
// pointing back at the error.
func relatedDiagnostic(unit *workspace.Unit, f *workspace.File, d loader.Diagnostic, r loader.Related) Diagnostic {
	diag := rangeDiagnostic(f, r.Pos, r.End)
	diag.Severity = severityOf(d.Severity)
	diag.Code = d.Kind.String()
	diag.Message = r.Msg
	if loc, ok := relatedLocation(unit, d.Pos, d.End); ok {
		diag.Related = []Related{{Path: loc.Path, Start: loc.Start, End: loc.End, Message: d.Msg}}
	}
	return diag
}

func relatedLocation(unit *workspace.Unit, pos, end syntax.Pos) (Location, bool) {
	tok := unit.Program.FileSet.File(pos)
	if tok == nil {
		return Location{}, false
	}
	loc := Location{Path: tok.Name(), Start: tok.Offset(pos), End: tok.Offset(pos)}
	if end.IsValid() && tok.Contains(end) && end >= pos {
		loc.End = tok.Offset(end)
	}
	return loc, true
}

// rangeDiagnostic returns a diagnostic of f spanning [pos, end].
func rangeDiagnostic(f *workspace.File, pos, end syntax.Pos) Diagnostic {
	start := 0
	if pos.IsValid() && f.Tok.Contains(pos) {
		start = f.Offset(pos)
	}
	stop := start
	if end.IsValid() && f.Tok.Contains(end) && end >= pos {
		stop = f.Offset(end)
	}
	return Diagnostic{Path: f.Path, Start: start, End: stop}
}

func severityOf(s loader.Severity) Severity {
	switch s {
	case loader.Warning:
		return SevWarning
	case loader.Suggestion:
		return SevHint
	}
	return SevError
}

// syntaxDiagnostic widens an empty error range to the character at its
// position (a whole line break when it is one), as upstream does.
func syntaxDiagnostic(f *workspace.File, pos, endPos ast.Pos, code, msg string) Diagnostic {
	d := rangeDiagnostic(f, pos, endPos)
	if d.End <= d.Start {
		d.End = widenChar(f.Src, d.Start)
	}
	d.Severity, d.Code, d.Message = SevError, code, msg
	return d
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

// missingModuleDiagnostics pins the loader's "pkgpath x not found"
// error, which upstream places at the start of the file, to the import
// statements that caused it.
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
		diag := rangeDiagnostic(f, imp.Pos(), imp.End())
		diag.Severity, diag.Code, diag.Message = severityOf(d.Severity), d.Kind.String(), d.Msg
		out = append(out, diag)
	}
	if len(out) == 0 {
		diag := rangeDiagnostic(f, d.Pos, d.Pos)
		diag.Severity, diag.Code, diag.Message = severityOf(d.Severity), d.Kind.String(), d.Msg
		out = append(out, diag)
	}
	return out
}

var didYouMean = regexp.MustCompile(`did you mean '\[(.*)\]'\?$`)

// suggestionsOf extracts the names an undefined-name error suggests
// (`did you mean '["number"]'?`).
func suggestionsOf(msg string) []string {
	m := didYouMean.FindStringSubmatch(msg)
	if m == nil {
		return nil
	}
	var out []string
	for _, q := range strings.Split(m[1], ", ") {
		if s, err := strconv.Unquote(q); err == nil && s != "" {
			out = append(out, s)
		}
	}
	return out
}

// ----------------------------------------------------------------------------
// Lint

// lintRules maps the lint rules by id.
var lintRules = func() map[string]*linter.Rule {
	m := map[string]*linter.Rule{}
	for _, r := range linter.Rules() {
		m[r.ID] = r
	}
	return m
}()

// unnecessary lists the rules whose findings mark code that can go.
var unnecessary = map[string]bool{"unused-import": true, "reimport": true, "unused-variable": true, "unreachable": true}

// lintResult runs the linter over a unit once, configured as `kclx lint`
// is: by the [lint] table of the module's kcl.mod.
func lintResult(unit *workspace.Unit) *linter.Result {
	type lintKey struct{}
	return unit.Memo(lintKey{}, func() any {
		var raw map[string]any
		if mod := unit.Program.Mod; mod != nil {
			raw, _ = mod.Raw["lint"].(map[string]any)
		}
		cfg, err := linter.ConfigFromMap(raw)
		if err != nil {
			cfg = &linter.Config{}
		}
		return safeLint(unit.Check(), cfg)
	}).(*linter.Result)
}

func safeLint(res *sema.Result, cfg *linter.Config) (out *linter.Result) {
	defer func() {
		if recover() != nil {
			out = &linter.Result{}
		}
	}()
	return linter.Lint(res, cfg)
}

// lintDiagnostics returns the lint rules' findings in f (the language
// errors the linter repeats come from the checker directly).
func lintDiagnostics(unit *workspace.Unit, f *workspace.File) []Diagnostic {
	var out []Diagnostic
	for _, d := range lintResult(unit).Diagnostics {
		r := lintRules[d.Rule]
		if r == nil || d.File != f.Path || d.Severity == linter.Off {
			continue
		}
		diag := Diagnostic{Path: f.Path, Message: d.Message, Code: r.ID, Unnecessary: unnecessary[r.ID]}
		if r.Upstream {
			diag.Code = r.Kind.String()
		}
		switch d.Severity {
		case linter.Error:
			diag.Severity = SevError
		case linter.Warning:
			diag.Severity = SevWarning
		default:
			diag.Severity = SevInfo
		}
		diag.Start = lineColOffset(f, d.Line, d.Column)
		diag.End = lineColOffset(f, d.EndLine, d.EndColumn)
		if diag.End < diag.Start {
			diag.End = diag.Start
		}
		out = append(out, diag)
	}
	return out
}

// lineColOffset converts a 1-based line and 1-based column counted in
// characters (as the linter reports them) to a byte offset of f.
func lineColOffset(f *workspace.File, line, col int) int {
	if line < 1 {
		return 0
	}
	if line > f.Tok.LineCount() {
		return len(f.Src)
	}
	off := f.Tok.LineStart(line)
	for i := 1; i < col && off < len(f.Src) && f.Src[off] != '\n'; i++ {
		_, size := utf8.DecodeRune(f.Src[off:])
		off += size
	}
	return off
}
